/* clean.c -- placeholder: keeps every block until the classifier lands. */
#include <string.h>
#include "page.h"

int th_page_classify(ThPage *p){
  p->aKeep = sqlite3_malloc64(p->nBlock ? (size_t)p->nBlock : 1);
  if( p->aKeep==0 ) return SQLITE_NOMEM;
  memset(p->aKeep, 1, (size_t)p->nBlock);
  return SQLITE_OK;
}

int th_page_body(ThPage *p, ThBuf *pOut){
  int i;
  for(i=0; i<p->nBlock; i++){
    if( !p->aKeep[i] ) continue;
    if( pOut->n && th_buf_append(pOut, "\n\n", 2) ) return SQLITE_NOMEM;
    if( th_buf_append(pOut, p->text.z + p->aBlock[i].iStart,
                      p->aBlock[i].nLen) ) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}
