/*
** tvf.c -- the parts every table-valued function of the extension shares:
** declaring its table and planning the use of its argument columns.
**
** A table-valued function such as extract_sentences(text) is an eponymous
** virtual table whose trailing HIDDEN columns hold the arguments.  Each
** function keeps its own cursor; connect, disconnect, cursor allocation
** and best-index are common.
*/
#include <string.h>
#include "therapy_int.h"

int th_tvf_connect_size(sqlite3 *db, const char *zSchema, size_t nByte,
                        sqlite3_vtab **ppVtab){
  sqlite3_vtab *pNew;
  int rc = sqlite3_declare_vtab(db, zSchema);
  if( rc!=SQLITE_OK ) return rc;
  if( nByte<sizeof(*pNew) ) nByte = sizeof(*pNew);
  pNew = sqlite3_malloc64(nByte);
  if( pNew==0 ) return SQLITE_NOMEM;
  memset(pNew, 0, nByte);
  sqlite3_vtab_config(db, SQLITE_VTAB_INNOCUOUS);
  *ppVtab = pNew;
  return SQLITE_OK;
}

int th_tvf_connect(sqlite3 *db, const char *zSchema, sqlite3_vtab **ppVtab){
  return th_tvf_connect_size(db, zSchema, sizeof(sqlite3_vtab), ppVtab);
}

int th_tvf_disconnect(sqlite3_vtab *pVtab){
  sqlite3_free(pVtab);
  return SQLITE_OK;
}

int th_tvf_open(size_t nByte, sqlite3_vtab_cursor **ppCursor){
  sqlite3_vtab_cursor *pCur = sqlite3_malloc64(nByte);
  if( pCur==0 ) return SQLITE_NOMEM;
  memset(pCur, 0, nByte);
  *ppCursor = pCur;
  return SQLITE_OK;
}

int th_tvf_copy_text(sqlite3_value *v, char **pz, size_t *pn){
  const char *z;
  size_t n;
  *pz = 0;
  *pn = 0;
  if( sqlite3_value_type(v)==SQLITE_NULL ) return SQLITE_OK;
  z = th_value_text(v, &n);
  if( z==0 ) return SQLITE_NOMEM;
  *pz = sqlite3_malloc64(n + 1);
  if( *pz==0 ) return SQLITE_NOMEM;
  if( n ) memcpy(*pz, z, n);
  (*pz)[n] = 0;
  *pn = n;
  return SQLITE_OK;
}

int th_tvf_best_index(sqlite3_index_info *pInfo, int iFirstArg, int nArg,
                      int nRequired){
  int aIdx[16];
  int i, mask = 0, nUsed = 0;
  if( nArg>16 ) return SQLITE_ERROR;
  for(i=0; i<nArg; i++) aIdx[i] = -1;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *p = &pInfo->aConstraint[i];
    int iArg = p->iColumn - iFirstArg;
    if( iArg<0 || iArg>=nArg ) continue;
    if( p->op!=SQLITE_INDEX_CONSTRAINT_EQ ) continue;
    if( !p->usable ) continue;
    aIdx[iArg] = i;
    mask |= 1<<iArg;
  }
  /* A required argument that is missing or cannot be used yet: ask SQLite
  ** for another join order (with none, the query fails to plan). */
  for(i=0; i<nRequired; i++){
    if( (mask & (1<<i))==0 ) return SQLITE_CONSTRAINT;
  }
  for(i=0; i<nArg; i++){
    if( aIdx[i]<0 ) continue;
    pInfo->aConstraintUsage[aIdx[i]].argvIndex = ++nUsed;
    pInfo->aConstraintUsage[aIdx[i]].omit = 1;
  }
  pInfo->idxNum = mask;
  pInfo->estimatedCost = 1000.0;
  pInfo->estimatedRows = 100;
  return SQLITE_OK;
}
