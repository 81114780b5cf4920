/*
** page.c -- the page model of page.h: format detection, loading a page in
** either format, adding blocks, freeing.
**
** No SQL functions here (see clean_sql.c).
*/
#include <string.h>
#include "page.h"

static int is_space(unsigned char c){
  return c==' ' || c=='\t' || c=='\n' || c=='\r' || c=='\f' || c=='\v';
}

/* True when z[0..n) starts, ignoring ASCII case, with the lower-case zWord. */
static int starts_with_nocase(const char *z, size_t n, const char *zWord){
  size_t k;
  for(k=0; zWord[k]; k++){
    char c;
    if( k>=n ) return 0;
    c = z[k];
    if( c>='A' && c<='Z' ) c += 'a' - 'A';
    if( c!=zWord[k] ) return 0;
  }
  return 1;
}

/* True when one of the tags <html, <body, <p>, <div occurs in z[0..n). */
static int has_block_tag(const char *z, size_t n){
  const char *p = z, *zEnd = z + n;
  while( (p = memchr(p, '<', (size_t)(zEnd - p)))!=0 ){
    size_t nLeft = (size_t)(zEnd - p) - 1;
    p++;
    if( starts_with_nocase(p, nLeft, "html") || starts_with_nocase(p, nLeft, "body")
     || starts_with_nocase(p, nLeft, "p>") || starts_with_nocase(p, nLeft, "div") ){
      return 1;
    }
  }
  return 0;
}

ThFormat th_detect_format(const char *z, size_t n){
  size_t i = 0, nHead;
  if( n>=3 && memcmp(z, "\xef\xbb\xbf", 3)==0 ) i = 3;
  while( i<n && is_space((unsigned char)z[i]) ) i++;
  if( i+1<n && z[i]=='<' ){
    char c = z[i+1];
    if( c=='!' || c=='?' || (c>='a' && c<='z') || (c>='A' && c<='Z') ){
      return TH_FORMAT_HTML;
    }
  }
  /* A fragment that starts with text but is markup all the same. */
  nHead = n<4096 ? n : 4096;
  if( has_block_tag(z, nHead) ) return TH_FORMAT_HTML;
  return TH_FORMAT_TEXT;
}

int th_page_load(ThPage *p, const char *z, size_t n, ThFormat format){
  int rc;
  if( format==TH_FORMAT_AUTO ) format = th_detect_format(z, n);
  if( format==TH_FORMAT_HTML ){
    rc = th_page_from_html(p, z, n);
  }else{
    rc = th_page_from_text(p, z, n);
  }
  if( rc==SQLITE_OK ) p->format = format;
  return rc;
}

/* Appends a block; with bKeepLines a '\n' in z is a line break that is
** kept (see th_page_add_lines), otherwise it is white space like the rest. */
static int add_block_text(ThPage *p, const char *z, size_t n, int kind,
                          int level, unsigned int flags, int bKeepLines){
  size_t i, iStart, k;
  int pendingSpace = 0, pendingBreak = 0;
  char *zOut;
  ThBlock *pBlock;
  if( p->nBlock>=p->nAlloc ){
    int nNew = p->nAlloc ? p->nAlloc*2 : 64;
    ThBlock *aNew = sqlite3_realloc64(p->aBlock, sizeof(ThBlock)*(size_t)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aBlock = aNew;
    p->nAlloc = nNew;
  }
  if( p->text.n>0 && th_buf_putc(&p->text, '\n') ) return SQLITE_NOMEM;
  iStart = p->text.n;
  if( th_buf_reserve(&p->text, n) ) return SQLITE_NOMEM;
  zOut = p->text.z;       /* locals: stores through zOut cannot alias them */
  k = iStart;
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( c>' ' && c!=0xc2 ){
      /* the common case: not white space */
      if( (pendingSpace || pendingBreak) && k>iStart ){
        zOut[k++] = pendingBreak ? '\n' : ' ';
      }
      pendingSpace = pendingBreak = 0;
      zOut[k++] = (char)c;
      continue;
    }
    if( c=='\n' && bKeepLines ){
      pendingBreak = 1;
      continue;
    }
    if( is_space(c) ){
      pendingSpace = 1;
      continue;
    }
    /* U+00A0 no-break space counts as white space too */
    if( c==0xc2 && i+1<n && (unsigned char)z[i+1]==0xa0 ){
      pendingSpace = 1;
      i++;
      continue;
    }
    if( (pendingSpace || pendingBreak) && k>iStart ){
      zOut[k++] = pendingBreak ? '\n' : ' ';
    }
    pendingSpace = pendingBreak = 0;
    zOut[k++] = (char)c;
  }
  zOut[k] = 0;
  p->text.n = k;
  if( k==iStart ) return SQLITE_OK;      /* nothing but space */
  pBlock = &p->aBlock[p->nBlock++];
  pBlock->iStart = iStart;
  pBlock->nLen = k - iStart;
  pBlock->kind = (unsigned short)kind;
  pBlock->level = (unsigned short)level;
  pBlock->flags = flags;
  return SQLITE_OK;
}

int th_page_add_block(ThPage *p, const char *z, size_t n, int kind,
                      int level, unsigned int flags){
  return add_block_text(p, z, n, kind, level, flags, 0);
}

int th_page_add_lines(ThPage *p, const char *z, size_t n, int kind,
                      int level, unsigned int flags){
  return add_block_text(p, z, n, kind, level, flags, 1);
}

void th_page_init(ThPage *p){
  memset(p, 0, sizeof(*p));
  p->iTitle = p->iBodyFirst = p->iBodyLast = -1;
}

void th_page_free(ThPage *p){
  ThPageMeta *m = &p->meta;
  th_buf_free(&p->text);
  sqlite3_free(p->aBlock);
  sqlite3_free(p->aKeep);
  sqlite3_free(m->zTitle);
  sqlite3_free(m->zOgTitle);
  sqlite3_free(m->zH1);
  sqlite3_free(m->zPublished);
  sqlite3_free(m->zTimeDatetime);
  sqlite3_free(m->zAuthor);
  sqlite3_free(m->zSiteName);
  th_page_init(p);
}
