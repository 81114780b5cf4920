/*
** lexicon.c -- the lexicons of the extension and the mentions they find
** (plain C, no SQL).  API in lexicon.h; the SQL functions that use it
** (extract_entities, therapy_kind, therapy_kinds, therapy_lexicon) are in
** entities.c.
**
** The built-in lexicon
**
**   The terms of the data/lexicon TSV files are compiled in as the array
**   th_data_lexicon.  Their matcher (lexmatch.c) takes some 4 ms and
**   1.7 MB to build, so it is built once and shared read-only by all
**   connections and threads, at the first use of a function (not when the
**   extension is loaded, which must stay fast).  Each connection that uses
**   it holds it from its first use until it closes
**   (th_lexset_builtin_acquire / _release); the last one to close frees
**   it.  This matters for the loadable extension: SQLite unloads its code
**   when the last connection that loaded it closes, and memory that only
**   the unloaded code could reach would be lost.  A process that keeps a
**   connection open builds the lexicon once.
**
**   This is the one process-wide object of the extension: the pointer
**   pBuiltinSet and its count of users below, read and written only under
**   the static mutex SQLITE_MUTEX_STATIC_APP2.  SQLite reserves the APP
**   mutexes for applications and their extensions and never holds them
**   itself; the code run under it only allocates and frees memory, so it
**   cannot deadlock with SQLite.  Reading the pointer under the mutex
**   means no thread sees a half-built set, without C11 atomics; callers
**   keep the pointer per connection, so the mutex is taken about twice
**   per connection.  An application that holds SQLITE_MUTEX_STATIC_APP2
**   itself must not call these functions meanwhile.
**
** User terms
**
**   A ThUserTerms list holds the terms one connection added.  Deleted
**   terms are only marked and dropped at the next rebuild, so a cursor
**   that walks the list by number (th_userterms_seek) is never confused by
**   a change.  The lexicon of the list is built again at the first
**   th_userterms_lexset() after a change; sets are reference-counted, so
**   the old one lives on as long as a cursor still reports its terms.
**
** DOIs and trial registry ids are found by trial_ids.c; th_entities_scan()
** merges them with the terms.
*/
#include <string.h>
#include "lexicon.h"
#include "kind.h"

extern const char *const th_data_lexicon[];

/* ---- term types ---------------------------------------------------------- */

static const char *const azLexType[TH_N_LEX_TYPE] = {
  "modality", "vector", "disease", "gene", "drug", "product", "cell_type",
  "journal", "organisation"
};

const char *th_lex_type_name(int i){
  return (i>=0 && i<TH_N_LEX_TYPE) ? azLexType[i] : 0;
}

int th_lex_type_index(const char *z, size_t n){
  int i;
  for(i=0; i<TH_N_LEX_TYPE; i++){
    if( strlen(azLexType[i])==n && memcmp(azLexType[i], z, n)==0 ) return i;
  }
  return -1;
}

/* ---- lexicon sets -------------------------------------------------------- */

static void lexset_free(ThLexSet *p){
  if( p==0 ) return;
  th_lexicon_free(p->pLex);
  sqlite3_free(p->aKind);
  sqlite3_free(p->aKindType);
  sqlite3_free(p);
}

void th_lexset_unref(ThLexSet *p){
  if( p && --p->nRef<=0 ) lexset_free(p);
}

static int lexset_new(ThLexSet **pp){
  ThLexSet *p = sqlite3_malloc64(sizeof(*p));
  *pp = 0;
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->nRef = 1;
  if( th_lexicon_new(&p->pLex) ){
    sqlite3_free(p);
    return SQLITE_NOMEM;
  }
  *pp = p;
  return SQLITE_OK;
}

/* Fills aKind and aKindType from the term table of p->pLex. */
static int lexset_index(ThLexSet *p){
  int i, n = th_lexicon_term_count(p->pLex);
  p->nTerm = n;
  p->aKind = sqlite3_malloc64((sqlite3_uint64)n + 1);
  p->aKindType = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if( p->aKind==0 || p->aKindType==0 ) return SQLITE_NOMEM;
  for(i=0; i<n; i++){
    const ThLexTerm *pTerm = th_lexicon_term(p->pLex, i);
    p->aKind[i] = (signed char)(pTerm->zKind[0]
        ? th_kind_from_name(pTerm->zKind, strlen(pTerm->zKind)) : -1);
    p->aKindType[i] = (unsigned char)th_kind_term_type(pTerm->zType);
  }
  return SQLITE_OK;
}

/* The one process-wide object (see the header comment): the built-in set
** and the number of its users, both only read or written under the mutex
** SQLITE_MUTEX_STATIC_APP2. */
static ThLexSet *pBuiltinSet = 0;
static int nBuiltinUser = 0;

static int builtin_build(ThLexSet **pp){
  ThLexSet *p = 0;
  int rc = lexset_new(&p);
  if( rc==SQLITE_OK ) rc = th_lexicon_add_tsv(p->pLex, th_data_lexicon, 0);
  if( rc==SQLITE_OK ) rc = lexset_index(p);
  if( rc!=SQLITE_OK ){
    lexset_free(p);
    return rc==SQLITE_ERROR ? SQLITE_CORRUPT : rc;
  }
  *pp = p;
  return SQLITE_OK;
}

int th_lexset_builtin_acquire(const ThLexSet **pp){
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_APP2);
  int rc = SQLITE_OK;
  sqlite3_mutex_enter(pMutex);
  if( pBuiltinSet==0 ) rc = builtin_build(&pBuiltinSet);
  if( rc==SQLITE_OK ) nBuiltinUser++;
  *pp = pBuiltinSet;
  sqlite3_mutex_leave(pMutex);
  return rc;
}

void th_lexset_builtin_release(void){
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_APP2);
  sqlite3_mutex_enter(pMutex);
  if( nBuiltinUser>0 && --nBuiltinUser==0 ){
    lexset_free(pBuiltinSet);
    pBuiltinSet = 0;
  }
  sqlite3_mutex_leave(pMutex);
}

/* ---- user terms ---------------------------------------------------------- */

struct ThUserTerms {
  ThUserTerm *a;            /* terms by number, deleted ones included */
  int n, nAlloc;            /* entries used, allocated */
  int nLive;                /* entries not deleted */
  sqlite3_int64 iNextId;    /* number of the next term */
  ThLexSet *pSet;           /* lexicon of the terms when !bDirty */
  int bDirty;               /* changed since pSet was built */
};

int th_userterms_new(ThUserTerms **pp){
  ThUserTerms *p = sqlite3_malloc64(sizeof(*p));
  *pp = 0;
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->iNextId = 1;
  *pp = p;
  return SQLITE_OK;
}

void th_userterms_free(ThUserTerms *p){
  int i;
  if( p==0 ) return;
  for(i=0; i<p->n; i++) sqlite3_free(p->a[i].zTerm);
  sqlite3_free(p->a);
  th_lexset_unref(p->pSet);
  sqlite3_free(p);
}

/* Sets the values of pT (its strings in one allocation: term, norm). */
static int userterm_set(ThUserTerm *pT, const char *zTerm, const char *zNorm,
                        int iType, int iKind, int bCaseSensitive){
  size_t nTerm = strlen(zTerm);
  size_t nNorm;
  char *z;
  if( zNorm==0 ) zNorm = zTerm;
  nNorm = strlen(zNorm);
  z = sqlite3_malloc64(nTerm + nNorm + 2);
  if( z==0 ) return SQLITE_NOMEM;
  memcpy(z, zTerm, nTerm+1);
  memcpy(z+nTerm+1, zNorm, nNorm+1);
  sqlite3_free(pT->zTerm);
  pT->zTerm = z;
  pT->zNorm = z + nTerm + 1;
  pT->zType = th_lex_type_name(iType);
  pT->zKind = iKind>=0 ? th_kind_name(iKind) : "";
  if( pT->zType==0 ) pT->zType = "";
  if( pT->zKind==0 ) pT->zKind = "";
  pT->bCaseSensitive = bCaseSensitive!=0;
  return SQLITE_OK;
}

/* Drops the deleted entries (numbers stay as they are). */
static void userterms_compact(ThUserTerms *p){
  int i, j = 0;
  for(i=0; i<p->n; i++){
    if( p->a[i].bDeleted ){
      sqlite3_free(p->a[i].zTerm);
    }else{
      p->a[j++] = p->a[i];
    }
  }
  p->n = j;
}

int th_userterms_add(ThUserTerms *p, const char *zTerm, const char *zNorm,
                     int iType, int iKind, int bCaseSensitive,
                     sqlite3_int64 *piId){
  ThUserTerm *pT;
  int rc;
  if( p->n>=p->nAlloc ){
    int nNew = p->nAlloc ? p->nAlloc*2 : 16;
    ThUserTerm *aNew;
    if( p->n > 2*p->nLive ) userterms_compact(p);
    aNew = sqlite3_realloc64(p->a, sizeof(ThUserTerm)*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->a = aNew;
    p->nAlloc = nNew;
  }
  pT = &p->a[p->n];
  memset(pT, 0, sizeof(*pT));
  rc = userterm_set(pT, zTerm, zNorm, iType, iKind, bCaseSensitive);
  if( rc ) return rc;
  pT->iId = p->iNextId++;
  p->n++;
  p->nLive++;
  p->bDirty = 1;
  if( piId ) *piId = pT->iId;
  return SQLITE_OK;
}

/* Index of the first entry whose number is iId or more (p->n if none). */
static int userterms_lower_bound(const ThUserTerms *p, sqlite3_int64 iId){
  int lo = 0, hi = p->n;
  while( lo<hi ){
    int mid = lo + (hi-lo)/2;
    if( p->a[mid].iId < iId ) lo = mid+1; else hi = mid;
  }
  return lo;
}

static ThUserTerm *userterms_find(ThUserTerms *p, sqlite3_int64 iId){
  int i = userterms_lower_bound(p, iId);
  if( i<p->n && p->a[i].iId==iId && !p->a[i].bDeleted ) return &p->a[i];
  return 0;
}

int th_userterms_replace(ThUserTerms *p, sqlite3_int64 iId,
                         const char *zTerm, const char *zNorm,
                         int iType, int iKind, int bCaseSensitive){
  ThUserTerm *pT = userterms_find(p, iId);
  int rc;
  if( pT==0 ) return SQLITE_NOTFOUND;
  rc = userterm_set(pT, zTerm, zNorm, iType, iKind, bCaseSensitive);
  if( rc==SQLITE_OK ) p->bDirty = 1;
  return rc;
}

int th_userterms_delete(ThUserTerms *p, sqlite3_int64 iId){
  ThUserTerm *pT = userterms_find(p, iId);
  if( pT==0 ) return SQLITE_NOTFOUND;
  pT->bDeleted = 1;
  p->nLive--;
  p->bDirty = 1;
  return SQLITE_OK;
}

const ThUserTerm *th_userterms_seek(const ThUserTerms *p, sqlite3_int64 iId){
  int i = userterms_lower_bound(p, iId);
  while( i<p->n && p->a[i].bDeleted ) i++;
  return i<p->n ? &p->a[i] : 0;
}

int th_userterms_count(const ThUserTerms *p){
  return p->nLive;
}

int th_userterms_lexset(ThUserTerms *p, ThLexSet **ppSet){
  *ppSet = 0;
  if( p->bDirty ){
    ThLexSet *pNew = 0;
    int i, rc = SQLITE_OK;
    userterms_compact(p);
    if( p->nLive>0 ){
      rc = lexset_new(&pNew);
      for(i=0; rc==SQLITE_OK && i<p->n; i++){
        ThLexTerm t;
        t.zTerm = p->a[i].zTerm;
        t.zType = p->a[i].zType;
        t.zNorm = p->a[i].zNorm;
        t.zKind = p->a[i].zKind;
        t.bCaseSensitive = p->a[i].bCaseSensitive;
        rc = th_lexicon_add_term(pNew->pLex, &t, 0);
      }
      if( rc==SQLITE_OK ) rc = lexset_index(pNew);
      if( rc!=SQLITE_OK ){
        th_lexset_unref(pNew);
        return rc==SQLITE_NOMEM ? rc : SQLITE_TOOBIG;
      }
    }
    th_lexset_unref(p->pSet);
    p->pSet = pNew;
    p->bDirty = 0;
  }
  if( p->pSet ){
    p->pSet->nRef++;
    *ppSet = p->pSet;
  }
  return SQLITE_OK;
}

/* ---- the entity scan ----------------------------------------------------- */

/* State of th_entities_scan(): the lexicons, and the next id found but not
** yet reported. */
typedef struct EntScan {
  const ThLexSet *apSet[2];
  ThEntityFunc xEntity;
  void *pCtx;
  int bIds;                 /* look for ids */
  ThIdScan ids;
  int bPending;             /* pending holds the next id */
  ThEntity pending;         /* as an entity */
} EntScan;

/* Loads the next id into pending (or clears bPending). */
static void ent_next_id(EntScan *s){
  ThId id;
  s->bPending = s->bIds && th_id_scan_next(&s->ids, &id);
  if( s->bPending ){
    memset(&s->pending, 0, sizeof(s->pending));
    s->pending.eEntity = id.eId==TH_ID_DOI ? TH_ENTITY_DOI : TH_ENTITY_REGISTRY;
    s->pending.iStart = id.iStart;
    s->pending.nLen = id.nLen;
    s->pending.id = id;
    s->pending.iKind = -1;
  }
}

/* Reports the ids that end at or before iUpTo. */
static int ent_flush_ids(EntScan *s, size_t iUpTo){
  while( s->bPending && s->pending.iStart + s->pending.nLen <= iUpTo ){
    int rc = s->xEntity(s->pCtx, &s->pending);
    if( rc ) return rc;
    ent_next_id(s);
  }
  return SQLITE_OK;
}

static int ent_on_match(void *pCtx, int iLex, int iTerm,
                        size_t iStart, size_t nLen){
  EntScan *s = (EntScan*)pCtx;
  const ThLexSet *pSet = s->apSet[iLex];
  ThEntity e;
  int rc = ent_flush_ids(s, iStart);
  if( rc ) return rc;
  if( s->bPending && s->pending.iStart < iStart + nLen ){
    return SQLITE_OK;       /* inside an id */
  }
  memset(&e, 0, sizeof(e));
  e.pTerm = th_lexicon_term(pSet->pLex, iTerm);
  if( e.pTerm==0 || iTerm>=pSet->nTerm ) return SQLITE_OK;
  e.eEntity = TH_ENTITY_TERM;
  e.iStart = iStart;
  e.nLen = nLen;
  e.iKind = pSet->aKind[iTerm];
  e.iKindType = pSet->aKindType[iTerm];
  return s->xEntity(s->pCtx, &e);
}

int th_entities_scan(const ThLexSet *pBuiltin, const ThLexSet *pUser,
                     const char *z, size_t n, int bIds,
                     ThEntityFunc xEntity, void *pCtx){
  EntScan s;
  const ThLexicon *apLex[2];
  int rc;
  memset(&s, 0, sizeof(s));
  s.apSet[0] = pBuiltin;
  s.apSet[1] = pUser;
  s.xEntity = xEntity;
  s.pCtx = pCtx;
  s.bIds = bIds;
  if( bIds ) th_id_scan_init(&s.ids, z, n);
  ent_next_id(&s);
  apLex[0] = pBuiltin ? pBuiltin->pLex : 0;
  apLex[1] = pUser ? pUser->pLex : 0;
  rc = th_lexicon_scan(apLex, 2, z, n, ent_on_match, &s);
  if( rc==SQLITE_OK ) rc = ent_flush_ids(&s, (size_t)-1);
  return rc;
}

const char *th_entity_type(const ThEntity *p){
  switch( p->eEntity ){
    case TH_ENTITY_DOI:      return "doi";
    case TH_ENTITY_REGISTRY: return "registry_id";
    default:                 return p->pTerm ? p->pTerm->zType : "";
  }
}

int th_entity_norm(const ThEntity *p, const char *z, ThBuf *pOut){
  if( p->eEntity==TH_ENTITY_TERM ){
    const ThLexTerm *t = p->pTerm;
    const char *zNorm = t->zNorm[0] ? t->zNorm : t->zTerm;
    th_buf_append(pOut, zNorm, strlen(zNorm));
    return pOut->oom ? SQLITE_NOMEM : SQLITE_OK;
  }
  return th_id_norm(&p->id, z, pOut);
}
