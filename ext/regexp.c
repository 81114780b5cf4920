/*
** regexp.c -- PCRE2 regular expressions in SQL.
**
**   SELECT 'CAR-T cells' REGEXP '^CAR-?T\b';              -- 1
**   SELECT regexp_like('AAV9 vector', '(?i)aav\d+');       -- 1
**   SELECT regexp_substr('dose: 2.5e6 cells', '[\d.]+e\d+');    -- '2.5e6'
**   SELECT regexp_capture('NCT01234567', 'NCT(\d{4})', 1); -- '0123'
**   SELECT regexp_replace('a-b-c', '-', '+');              -- 'a+b+c'
**   SELECT match, start, length, groups
**     FROM regexp_matches('gene 12, gene 7', 'gene (\d+)');
**
** X REGEXP Y calls regexp(Y, X).  Patterns are UTF-8 with Unicode classes
** (\w matches é); invalid UTF-8 in a text never matches and never fails.
** A NULL text or pattern gives NULL (no rows for regexp_matches).  The
** matching itself, the pattern cache and the limits are in regex_engine.c;
** this file only turns them into SQL functions and one table-valued
** function.
**
** Every connection has its own engine (PCRE2 contexts, JIT stack, cache of
** 16 compiled patterns), shared by the functions and the module as their
** user data and freed by the last of their destructors.  A constant pattern
** is also kept as auxiliary data of the call, so it is looked up only once
** per statement.
*/
#include <string.h>
#include "therapy_int.h"
#include "regex_engine.h"

/* The state of one connection, shared by all its regexp functions. */
typedef struct RegexpState {
  RxEngine *pEngine;
  int nRef;               /* functions and modules that use it */
} RegexpState;

static void state_release(void *p){
  RegexpState *pState = (RegexpState*)p;
  if( --pState->nRef>0 ) return;
  rx_engine_free(pState->pEngine);
  sqlite3_free(pState);
}

static void pattern_release(void *p){
  rx_pattern_unref((RxPattern*)p);
}

/* Reports an error code of the engine on ctx and frees its message. */
static void report_error(sqlite3_context *ctx, int rc, char *zErr){
  if( rc==SQLITE_NOMEM ){
    sqlite3_result_error_nomem(ctx);
  }else if( rc==SQLITE_TOOBIG ){
    sqlite3_result_error_toobig(ctx);
  }else{
    sqlite3_result_error(ctx, zErr ? zErr : "regexp: error", -1);
  }
  sqlite3_free(zErr);
}

/* The compiled pattern of argv[iArg], with a reference for the caller.
** Returns 0 for a NULL pattern (result left NULL) or after reporting an
** error.  The auxiliary data of the argument remembers the pattern of the
** last call at this place; when the pattern is a constant that is every
** call of the statement, else the connection's cache serves it. */
static RxPattern *pattern_arg(sqlite3_context *ctx, sqlite3_value **argv,
                              int iArg){
  RegexpState *pState = (RegexpState*)sqlite3_user_data(ctx);
  RxPattern *p;
  char *zErr = 0;
  size_t nPat;
  int rc;
  const char *zPat = th_arg_text(ctx, argv[iArg], &nPat);
  if( zPat==0 ) return 0;
  p = (RxPattern*)sqlite3_get_auxdata(ctx, iArg);
  if( p && rx_pattern_is(p, zPat, nPat) ) return rx_pattern_ref(p);
  rc = rx_pattern_get(pState->pEngine, zPat, nPat, &p, &zErr);
  if( rc!=SQLITE_OK ){
    report_error(ctx, rc, zErr);
    return 0;
  }
  sqlite3_set_auxdata(ctx, iArg, rx_pattern_ref(p), pattern_release);
  return p;
}

/* Looks for the first match of argv[iPattern] in argv[iText].  Returns
** SQLITE_ROW (match in (*ppPattern)->pData), SQLITE_DONE (no match), or 0
** when the result is already set (NULL argument or error).  On ROW and DONE
** the caller unrefs *ppPattern. */
static int first_match(sqlite3_context *ctx, sqlite3_value **argv,
                       int iText, int iPattern, RxPattern **ppPattern,
                       const char **pzText){
  RegexpState *pState = (RegexpState*)sqlite3_user_data(ctx);
  RxPattern *p;
  char *zErr = 0;
  size_t nText;
  int rc;
  const char *zText = th_arg_text(ctx, argv[iText], &nText);
  if( zText==0 ) return 0;
  p = pattern_arg(ctx, argv, iPattern);
  if( p==0 ) return 0;
  rc = rx_search(pState->pEngine, p, p->pData, zText, nText, 0, 0, &zErr);
  if( rc!=SQLITE_ROW && rc!=SQLITE_DONE ){
    report_error(ctx, rc, zErr);
    rx_pattern_unref(p);
    return 0;
  }
  *ppPattern = p;
  *pzText = zText;
  return rc;
}

/* 1 if the pattern matches the text, else 0. */
static void match_test(sqlite3_context *ctx, sqlite3_value **argv,
                       int iText, int iPattern){
  RxPattern *p = 0;
  const char *zText = 0;
  int rc = first_match(ctx, argv, iText, iPattern, &p, &zText);
  if( rc==0 ) return;
  sqlite3_result_int(ctx, rc==SQLITE_ROW);
  rx_pattern_unref(p);
}

/* regexp(PATTERN, TEXT): the function behind TEXT REGEXP PATTERN. */
static void regexp_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc;
  match_test(ctx, argv, 1, 0);
}

/* regexp_like(TEXT, PATTERN) */
static void like_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc;
  match_test(ctx, argv, 0, 1);
}

/* Sets the result to group iGroup of the match in p->pData, or NULL when
** the group is unset. */
static void result_group(sqlite3_context *ctx, RxPattern *p,
                         const char *zText, uint32_t iGroup){
  PCRE2_SIZE *aOvector = pcre2_get_ovector_pointer(p->pData);
  PCRE2_SIZE iStart = aOvector[2*iGroup], iEnd = aOvector[2*iGroup+1];
  if( iStart==PCRE2_UNSET || iEnd<iStart ) return;
  sqlite3_result_text64(ctx, zText+iStart, iEnd-iStart, SQLITE_TRANSIENT,
                        SQLITE_UTF8);
}

/* regexp_substr(TEXT, PATTERN): the first match, or NULL. */
static void substr_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  RxPattern *p = 0;
  const char *zText = 0;
  int rc = first_match(ctx, argv, 0, 1, &p, &zText);
  (void)argc;
  if( rc==0 ) return;
  if( rc==SQLITE_ROW ) result_group(ctx, p, zText, 0);
  rx_pattern_unref(p);
}

/* regexp_capture(TEXT, PATTERN, N): group N of the first match (0 is the
** whole match), NULL when there is no match or the group is unset. */
static void capture_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  RxPattern *p;
  const char *zText = 0;
  sqlite3_int64 iGroup;
  int rc;
  (void)argc;
  if( sqlite3_value_type(argv[0])==SQLITE_NULL
   || sqlite3_value_type(argv[2])==SQLITE_NULL ){
    return;
  }
  iGroup = sqlite3_value_int64(argv[2]);
  p = pattern_arg(ctx, argv, 1);
  if( p==0 ) return;
  if( iGroup<0 || iGroup>(sqlite3_int64)p->nGroup ){
    char *zQuote = rx_quote_pattern(p->zText, p->nText);
    char *zErr = zQuote==0 ? 0 : sqlite3_mprintf(
        "regexp_capture: group %lld out of range: %s has %u group%s",
        iGroup, zQuote, p->nGroup, p->nGroup==1 ? "" : "s");
    report_error(ctx, zErr ? SQLITE_ERROR : SQLITE_NOMEM, zErr);
    sqlite3_free(zQuote);
    rx_pattern_unref(p);
    return;
  }
  rx_pattern_unref(p);
  rc = first_match(ctx, argv, 0, 1, &p, &zText);
  if( rc==0 ) return;
  if( rc==SQLITE_ROW ) result_group(ctx, p, zText, (uint32_t)iGroup);
  rx_pattern_unref(p);
}

/* regexp_replace(TEXT, PATTERN, REPLACEMENT): every match replaced. */
static void replace_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  RegexpState *pState = (RegexpState*)sqlite3_user_data(ctx);
  RxPattern *p;
  const char *zText, *zRep;
  char *zOut = 0, *zErr = 0;
  size_t nText, nRep, nOut = 0;
  int nMax, rc;
  (void)argc;
  zText = th_arg_text(ctx, argv[0], &nText);
  if( zText==0 ) return;
  zRep = th_arg_text(ctx, argv[2], &nRep);
  if( zRep==0 ) return;
  p = pattern_arg(ctx, argv, 1);
  if( p==0 ) return;
  /* argv[0] is still valid: reading argv[1] and argv[2] as text cannot
  ** change argv[0]. */
  nMax = sqlite3_limit(sqlite3_context_db_handle(ctx), SQLITE_LIMIT_LENGTH, -1);
  rc = rx_replace(pState->pEngine, p, zText, nText, zRep, nRep,
                  (size_t)nMax, &zOut, &nOut, &zErr);
  rx_pattern_unref(p);
  if( rc!=SQLITE_OK ){
    report_error(ctx, rc, zErr);
    return;
  }
  sqlite3_result_text64(ctx, zOut, nOut, sqlite3_free, SQLITE_UTF8);
}

/* ---- regexp_matches(TEXT, PATTERN) ------------------------------------- */

#define MATCHES_SCHEMA \
  "CREATE TABLE x(match TEXT, start INTEGER, length INTEGER, groups TEXT," \
  " text HIDDEN, pattern HIDDEN)"

enum { COL_MATCH, COL_START, COL_LENGTH, COL_GROUPS, COL_TEXT, COL_PATTERN };

typedef struct MatchesVtab {
  sqlite3_vtab base;
  RegexpState *pState;
} MatchesVtab;

typedef struct MatchesCursor {
  sqlite3_vtab_cursor base;
  char *zText;              /* copy of the text argument */
  size_t nText;
  RxPattern *pPattern;      /* a reference, 0 before the first filter */
  RxScan scan;              /* matches of pPattern in zText */
  int bScan;                /* scan is initialised */
  int bEof;
  ThCharCursor chars;       /* byte offsets to character positions */
  sqlite3_int64 iRowid;     /* 1 for the first match */
  sqlite3_int64 iStart;     /* characters before the match */
  sqlite3_int64 nChar;      /* characters in the match */
} MatchesCursor;

static int matches_connect(sqlite3 *db, void *pAux, int argc,
                           const char *const *argv, sqlite3_vtab **ppVtab,
                           char **pzErr){
  int rc = th_tvf_connect_size(db, MATCHES_SCHEMA, sizeof(MatchesVtab),
                               ppVtab);
  (void)argc; (void)argv; (void)pzErr;
  if( rc==SQLITE_OK ) ((MatchesVtab*)*ppVtab)->pState = (RegexpState*)pAux;
  return rc;
}

static int matches_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  (void)pVtab;
  return th_tvf_best_index(pInfo, COL_TEXT, 2, 2);
}

static int matches_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  int rc = th_tvf_open(sizeof(MatchesCursor), ppCursor);
  (void)pVtab;
  if( rc==SQLITE_OK ){
    MatchesCursor *pCur = (MatchesCursor*)*ppCursor;
    pCur->bEof = 1;
  }
  return rc;
}

/* Frees what the last filter took; the cursor is at EOF afterwards. */
static void matches_reset(MatchesCursor *pCur){
  if( pCur->bScan ) rx_scan_finish(&pCur->scan);
  rx_pattern_unref(pCur->pPattern);
  sqlite3_free(pCur->zText);
  pCur->bScan = 0;
  pCur->pPattern = 0;
  pCur->zText = 0;
  pCur->nText = 0;
  pCur->iRowid = 0;
  pCur->bEof = 1;
}

static int matches_close(sqlite3_vtab_cursor *pCursor){
  MatchesCursor *pCur = (MatchesCursor*)pCursor;
  matches_reset(pCur);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* Reports an engine error through the table's error message. */
static int matches_error(MatchesCursor *pCur, int rc, char *zErr){
  sqlite3_vtab *pVtab = pCur->base.pVtab;
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = zErr;
  pCur->bEof = 1;
  return rc;
}

/* Characters before byte iByte.  Offsets are asked in increasing order; one
** that falls inside a character the cursor has passed (a match next to a
** stray continuation byte) gets the count that covers it, with no rescan. */
static sqlite3_int64 char_position(ThCharCursor *pChars, size_t iByte){
  if( iByte<pChars->iByte ) return pChars->nChar;
  return th_char_offset(pChars, iByte);
}

static int matches_next(sqlite3_vtab_cursor *pCursor){
  MatchesCursor *pCur = (MatchesCursor*)pCursor;
  char *zErr = 0;
  size_t iStart, iEnd;
  int rc;
  if( pCur->bEof ) return SQLITE_OK;
  rc = rx_scan_next(&pCur->scan, &zErr);
  if( rc==SQLITE_DONE ){
    pCur->bEof = 1;
    return SQLITE_OK;
  }
  if( rc!=SQLITE_ROW ) return matches_error(pCur, rc, zErr);
  rx_scan_group(&pCur->scan, 0, &iStart, &iEnd);
  pCur->iStart = char_position(&pCur->chars, iStart);
  pCur->nChar = char_position(&pCur->chars, iEnd) - pCur->iStart;
  pCur->iRowid++;
  return SQLITE_OK;
}

static int matches_filter(sqlite3_vtab_cursor *pCursor, int idxNum,
                          const char *idxStr, int argc, sqlite3_value **argv){
  MatchesCursor *pCur = (MatchesCursor*)pCursor;
  RegexpState *pState = ((MatchesVtab*)pCursor->pVtab)->pState;
  const char *zText, *zPat;
  size_t nText, nPat;
  char *zErr = 0;
  int rc;
  (void)idxNum; (void)idxStr;
  matches_reset(pCur);
  if( argc<2 ) return SQLITE_OK;
  zText = th_value_text(argv[0], &nText);
  zPat = th_value_text(argv[1], &nPat);
  if( zText==0 || zPat==0 ){
    if( (zText==0 && sqlite3_value_type(argv[0])!=SQLITE_NULL)
     || (zPat==0 && sqlite3_value_type(argv[1])!=SQLITE_NULL) ){
      return SQLITE_NOMEM;
    }
    return SQLITE_OK;
  }
  rc = rx_pattern_get(pState->pEngine, zPat, nPat, &pCur->pPattern, &zErr);
  if( rc!=SQLITE_OK ) return matches_error(pCur, rc, zErr);
  /* the arguments live only as long as this call: keep a copy */
  rc = th_tvf_copy_text(argv[0], &pCur->zText, &pCur->nText);
  if( rc!=SQLITE_OK ) return rc;
  rc = rx_scan_init(&pCur->scan, pState->pEngine, pCur->pPattern,
                    pCur->zText, nText);
  if( rc!=SQLITE_OK ) return rc;
  pCur->bScan = 1;
  th_char_cursor_init(&pCur->chars, pCur->zText, nText);
  pCur->bEof = 0;
  return matches_next(pCursor);
}

static int matches_eof(sqlite3_vtab_cursor *pCursor){
  return ((MatchesCursor*)pCursor)->bEof;
}

/* The groups column: a JSON array, or NULL when the pattern has none. */
static void result_groups_json(sqlite3_context *ctx, MatchesCursor *pCur){
  ThBuf json;
  if( pCur->pPattern->nGroup==0 ) return;
  th_buf_init(&json);
  rx_groups_json(pCur->zText, pCur->scan.aOvector, pCur->pPattern->nGroup,
                 &json);
  th_buf_result(ctx, &json);
}

static int matches_column(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                          int iCol){
  MatchesCursor *pCur = (MatchesCursor*)pCursor;
  size_t iStart = 0, iEnd = 0;
  switch( iCol ){
    case COL_MATCH:
      rx_scan_group(&pCur->scan, 0, &iStart, &iEnd);
      sqlite3_result_text64(ctx, pCur->zText+iStart, iEnd-iStart,
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case COL_START:
      sqlite3_result_int64(ctx, pCur->iStart+1);
      break;
    case COL_LENGTH:
      sqlite3_result_int64(ctx, pCur->nChar);
      break;
    case COL_GROUPS:
      result_groups_json(ctx, pCur);
      break;
    case COL_TEXT:
      sqlite3_result_text64(ctx, pCur->zText, pCur->nText, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
      break;
    default:
      sqlite3_result_text64(ctx, pCur->pPattern->zText,
                            pCur->pPattern->nText, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
      break;
  }
  return SQLITE_OK;
}

static int matches_rowid(sqlite3_vtab_cursor *pCursor, sqlite3_int64 *pRowid){
  *pRowid = ((MatchesCursor*)pCursor)->iRowid;
  return SQLITE_OK;
}

/* Designated initializers: the struct grows with SQLite versions. */
static const sqlite3_module matchesModule = {
  .iVersion    = 0,
  .xCreate     = 0,         /* eponymous only */
  .xConnect    = matches_connect,
  .xBestIndex  = matches_best_index,
  .xDisconnect = th_tvf_disconnect,
  .xDestroy    = 0,
  .xOpen       = matches_open,
  .xClose      = matches_close,
  .xFilter     = matches_filter,
  .xNext       = matches_next,
  .xEof        = matches_eof,
  .xColumn     = matches_column,
  .xRowid      = matches_rowid,
};

/* ---- registration ------------------------------------------------------ */

typedef struct RegexpFunc {
  const char *zName;
  int nArg;
  void (*xFunc)(sqlite3_context*, int, sqlite3_value**);
} RegexpFunc;

static const RegexpFunc aRegexpFunc[] = {
  { "regexp",          2, regexp_func  },
  { "regexp_like",     2, like_func    },
  { "regexp_substr",   2, substr_func  },
  { "regexp_capture",  3, capture_func },
  { "regexp_replace",  3, replace_func },
};

int th_register_regexp(sqlite3 *db){
  RegexpState *pState;
  size_t i;
  int rc = SQLITE_OK;
  pState = sqlite3_malloc64(sizeof(*pState));
  if( pState==0 ) return SQLITE_NOMEM;
  pState->nRef = 1;                 /* held by this function until the end */
  pState->pEngine = rx_engine_new(1);
  if( pState->pEngine==0 ){
    state_release(pState);
    return SQLITE_NOMEM;
  }
  /* Each registration holds a reference; SQLite calls the destructor when
  ** the function or module goes away, or at once when registering fails. */
  for(i=0; rc==SQLITE_OK && i<sizeof(aRegexpFunc)/sizeof(aRegexpFunc[0]); i++){
    pState->nRef++;
    rc = sqlite3_create_function_v2(db, aRegexpFunc[i].zName,
                                    aRegexpFunc[i].nArg, TH_PURE_FUNC, pState,
                                    aRegexpFunc[i].xFunc, 0, 0, state_release);
  }
  if( rc==SQLITE_OK ){
    pState->nRef++;
    rc = sqlite3_create_module_v2(db, "regexp_matches", &matchesModule,
                                  pState, state_release);
  }
  state_release(pState);
  return rc;
}
