/*
** trials.c -- extract_trials(text): one row per clinical trial a news
** article or abstract reports (SQL glue over trial_scan.c).
**
**   SELECT a.title, t.trial_id, t.phase, t.enrolled, t.responders
**     FROM articles a, extract_trials(a.body) t;
**
**   SELECT trial_id, registry, phase, enrolled, population
**     FROM extract_trials('The phase 1/2 trial (NCT 01234567) enrolled '
**                         'nine toddlers with X-SCID.');
**   -- NCT01234567|ClinicalTrials.gov|1/2|9|toddlers
**
** Columns: trial_id (canonical, NULL when the text gives none), registry,
** phase ('1', '1/2', '2', '2/3', '3', '4'), enrolled, population (the noun
** as written), condition (the lexicon's canonical disease name), therapy
** (a kind of therapy_kind), responders, response_base (responders of how
** many), response (as written), age_min, age_max, age_unit, start and
** length (1-based characters of the first sentence that reports the
** trial), evidence (the sentences the facts came from, in text order,
** joined by a space), other_ids (more ids of the same trial, space
** separated).  How rows are formed: trial_scan.c and README.
**
** The lexicons are the connection's (built-in plus user terms: see
** entities.c), so terms added with INSERT INTO therapy_lexicon count here
** too.
*/
#include <string.h>
#include "therapy_int.h"
#include "trial_scan.h"
#include "kind.h"

enum {
  TR_COL_ID, TR_COL_REGISTRY, TR_COL_PHASE, TR_COL_ENROLLED,
  TR_COL_POPULATION, TR_COL_CONDITION, TR_COL_THERAPY, TR_COL_RESPONDERS,
  TR_COL_RESPONSE_BASE, TR_COL_RESPONSE, TR_COL_AGE_MIN, TR_COL_AGE_MAX,
  TR_COL_AGE_UNIT, TR_COL_START, TR_COL_LENGTH, TR_COL_EVIDENCE,
  TR_COL_OTHER_IDS, TR_COL_ARG
};

/* What the module needs of the connection: its lexicons, and the word
** table of trial_scan.c, built at the first use. */
typedef struct TrialsAux {
  void *pConn;
  ThLexiconsFunc xLexicons;
  void (*xUnref)(void*);
  ThTrialWords *pWords;
} TrialsAux;

static void aux_free(void *p){
  TrialsAux *pAux = (TrialsAux*)p;
  if( pAux ){
    pAux->xUnref(pAux->pConn);
    th_trial_words_free(pAux->pWords);
    sqlite3_free(pAux);
  }
}

typedef struct TrialsVtab {
  sqlite3_vtab base;
  TrialsAux *pAux;
} TrialsVtab;

typedef struct TrialsCursor {
  sqlite3_vtab_cursor base;
  char *zText;                /* copy of the argument */
  size_t nText;
  ThLexSet *pUser;            /* keeps the user terms of the rows alive */
  ThTrialList list;
  int iRow;
} TrialsCursor;

static int tr_connect(sqlite3 *db, void *pAux, int argc,
                      const char *const *argv, sqlite3_vtab **ppVtab,
                      char **pzErr){
  int rc;
  (void)argc; (void)argv; (void)pzErr;
  rc = th_tvf_connect_size(db,
      "CREATE TABLE x(trial_id TEXT, registry TEXT, phase TEXT,"
      " enrolled INTEGER, population TEXT, condition TEXT, therapy TEXT,"
      " responders INTEGER, response_base INTEGER, response TEXT,"
      " age_min NUMERIC, age_max NUMERIC, age_unit TEXT, start INTEGER,"
      " length INTEGER, evidence TEXT, other_ids TEXT, input HIDDEN)",
      sizeof(TrialsVtab), ppVtab);
  if( rc==SQLITE_OK ) ((TrialsVtab*)*ppVtab)->pAux = (TrialsAux*)pAux;
  return rc;
}

static int tr_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  (void)pVtab;
  return th_tvf_best_index(pInfo, TR_COL_ARG, 1, 1);
}

static int tr_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  (void)pVtab;
  return th_tvf_open(sizeof(TrialsCursor), ppCursor);
}

static void tr_reset(TrialsCursor *pCur){
  sqlite3_free(pCur->zText);
  th_trials_free(&pCur->list);
  th_lexset_unref(pCur->pUser);
  pCur->zText = 0;
  pCur->nText = 0;
  pCur->pUser = 0;
  pCur->iRow = 0;
}

static int tr_close(sqlite3_vtab_cursor *pCursor){
  tr_reset((TrialsCursor*)pCursor);
  sqlite3_free(pCursor);
  return SQLITE_OK;
}

static int tr_filter(sqlite3_vtab_cursor *pCursor, int idxNum,
                     const char *idxStr, int argc, sqlite3_value **argv){
  TrialsCursor *pCur = (TrialsCursor*)pCursor;
  TrialsAux *pAux = ((TrialsVtab*)pCursor->pVtab)->pAux;
  const ThLexSet *pBuiltin = 0;
  int rc;
  (void)idxStr;
  tr_reset(pCur);
  if( (idxNum & 1)==0 || argc<1 ) return SQLITE_OK;
  rc = th_tvf_copy_text(argv[0], &pCur->zText, &pCur->nText);
  if( rc || pCur->zText==0 ) return rc;
  if( pAux->pWords==0 ) rc = th_trial_words_new(&pAux->pWords);
  if( rc==SQLITE_OK ){
    rc = th_trials_find(pAux->pWords, pCur->zText, pCur->nText, &pCur->list);
  }
  if( rc==SQLITE_OK && pCur->list.n>0 ){
    rc = pAux->xLexicons(pAux->pConn, &pBuiltin, &pCur->pUser);
    if( rc==SQLITE_OK ){
      rc = th_trials_describe(&pCur->list, pBuiltin, pCur->pUser,
                              pCur->zText, pCur->nText);
    }
  }
  if( rc!=SQLITE_OK ) tr_reset(pCur);
  return rc;
}

static int tr_next(sqlite3_vtab_cursor *pCursor){
  ((TrialsCursor*)pCursor)->iRow++;
  return SQLITE_OK;
}

static int tr_eof(sqlite3_vtab_cursor *pCursor){
  TrialsCursor *pCur = (TrialsCursor*)pCursor;
  return pCur->iRow>=pCur->list.n;
}

/* A span of the text as a result, or NULL when empty. */
static void result_span(sqlite3_context *ctx, const char *z, ThSpan s){
  if( s.nLen==0 ){
    sqlite3_result_null(ctx);
  }else{
    sqlite3_result_text64(ctx, z + s.iStart, s.nLen, SQLITE_TRANSIENT,
                          SQLITE_UTF8);
  }
}

/* An age: an integer when whole. */
static void result_age(sqlite3_context *ctx, int bSet, double v){
  if( !bSet ) sqlite3_result_null(ctx);
  else if( v==(double)(sqlite3_int64)v ){
    sqlite3_result_int64(ctx, (sqlite3_int64)v);
  }else{
    sqlite3_result_double(ctx, v);
  }
}

static void result_count(sqlite3_context *ctx, sqlite3_int64 n){
  if( n<0 ) sqlite3_result_null(ctx);
  else sqlite3_result_int64(ctx, n);
}

static void result_evidence(sqlite3_context *ctx, const char *z,
                            const ThTrial *t){
  ThBuf b;
  int k;
  th_buf_init(&b);
  for(k=0; k<t->nEvidence; k++){
    if( k ) th_buf_append(&b, " ", 1);
    th_buf_append(&b, z + t->aEvidence[k].iStart, t->aEvidence[k].nLen);
  }
  th_buf_result(ctx, &b);
}

static void result_other_ids(sqlite3_context *ctx, const ThTrial *t){
  ThBuf b;
  int k;
  if( t->nOther==0 ){ sqlite3_result_null(ctx); return; }
  th_buf_init(&b);
  for(k=0; k<t->nOther; k++){
    if( k ) th_buf_append(&b, " ", 1);
    th_buf_append(&b, t->azOther[k], strlen(t->azOther[k]));
  }
  th_buf_result(ctx, &b);
}

static void result_str(sqlite3_context *ctx, const char *z){
  if( z && z[0] ) sqlite3_result_text(ctx, z, -1, SQLITE_TRANSIENT);
  else sqlite3_result_null(ctx);
}

static int tr_column(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                     int iCol){
  TrialsCursor *pCur = (TrialsCursor*)pCursor;
  const ThTrial *t = &pCur->list.a[pCur->iRow];
  const char *z = pCur->zText;
  switch( iCol ){
    case TR_COL_ID:         result_str(ctx, t->zId); break;
    case TR_COL_REGISTRY:   result_str(ctx, t->zRegistry); break;
    case TR_COL_PHASE:      result_str(ctx, t->zPhase); break;
    case TR_COL_ENROLLED:   result_count(ctx, t->nEnrolled); break;
    case TR_COL_POPULATION: result_span(ctx, z, t->population); break;
    case TR_COL_CONDITION:  result_str(ctx, t->zCondition); break;
    case TR_COL_THERAPY:
      result_str(ctx, t->iKind>=0 ? th_kind_name(t->iKind) : 0);
      break;
    case TR_COL_RESPONDERS: result_count(ctx, t->nResponders); break;
    case TR_COL_RESPONSE_BASE:
      result_count(ctx, t->nResponders>=0 ? t->nRespBase : -1);
      break;
    case TR_COL_RESPONSE:   result_span(ctx, z, t->response); break;
    case TR_COL_AGE_MIN:    result_age(ctx, t->bAgeMin, t->ageMin); break;
    case TR_COL_AGE_MAX:    result_age(ctx, t->bAgeMax, t->ageMax); break;
    case TR_COL_AGE_UNIT:
      result_str(ctx, (t->bAgeMin || t->bAgeMax) ? t->zAgeUnit : 0);
      break;
    case TR_COL_START:
      sqlite3_result_int64(ctx, th_char_count(z, t->first.iStart) + 1);
      break;
    case TR_COL_LENGTH:
      sqlite3_result_int64(ctx, th_char_count(z + t->first.iStart,
                                              t->first.nLen));
      break;
    case TR_COL_EVIDENCE:   result_evidence(ctx, z, t); break;
    case TR_COL_OTHER_IDS:  result_other_ids(ctx, t); break;
    default:                /* the argument column */
      sqlite3_result_text64(ctx, z, pCur->nText, SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
  }
  return SQLITE_OK;
}

static int tr_rowid(sqlite3_vtab_cursor *pCursor, sqlite3_int64 *pRowid){
  *pRowid = ((TrialsCursor*)pCursor)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module trialsModule = {
  0,                  /* iVersion */
  0,                  /* xCreate: eponymous only */
  tr_connect,         /* xConnect */
  tr_best_index,      /* xBestIndex */
  th_tvf_disconnect,  /* xDisconnect */
  0,                  /* xDestroy */
  tr_open,            /* xOpen */
  tr_close,           /* xClose */
  tr_filter,          /* xFilter */
  tr_next,            /* xNext */
  tr_eof,             /* xEof */
  tr_column,          /* xColumn */
  tr_rowid,           /* xRowid */
  0, 0, 0, 0, 0, 0, 0, /* xUpdate .. xRename */
  0, 0, 0, 0,         /* xSavepoint .. xShadowName */
};

int th_register_trials(sqlite3 *db, void *pConn, ThLexiconsFunc xLexicons,
                       void (*xUnref)(void*)){
  TrialsAux *pAux = sqlite3_malloc64(sizeof(*pAux));
  if( pAux==0 ){
    xUnref(pConn);
    return SQLITE_NOMEM;
  }
  pAux->pConn = pConn;
  pAux->pWords = 0;
  pAux->xLexicons = xLexicons;
  pAux->xUnref = xUnref;
  return sqlite3_create_module_v2(db, "extract_trials", &trialsModule, pAux,
                                  aux_free);
}
