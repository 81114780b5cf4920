/*
** entities.c -- the SQL side of the therapy vocabulary: the table
** therapy_lexicon, the table-valued functions extract_entities() and
** therapy_kinds(), and the scalar function therapy_kind().
**
**   SELECT type, text, norm, start, length
**     FROM extract_entities('Kymriah for B-ALL, NCT 02435849');
**   SELECT therapy_kind(body) FROM articles;
**   SELECT kind, score, mentions FROM therapy_kinds(body);
**   SELECT count(*) FROM therapy_lexicon WHERE type = 'gene';
**   INSERT INTO therapy_lexicon(term, type, norm, kind)
**     VALUES ('Zolgensma-X', 'product', 'Zolgensma-X', 'gene_therapy');
**
** The lexicons and the scan are in lexicon.c (plain C); the scoring of
** kinds in kind.c.  This file holds the state of one connection (the
** user's terms and the cached pointer to the built-in lexicon), shared by
** the four registrations through a reference count: each registration
** holds one reference and gives it back in its destructor, so the state
** goes with the connection (or when the functions are registered again).
**
** therapy_kind() is INNOCUOUS but not DETERMINISTIC: its result depends on
** the user terms of the connection, which may change between statements,
** so it must not be used in indexes, CHECK constraints or generated
** columns.  therapy_lexicon is writable and INNOCUOUS: a write only
** changes the terms of this connection (no files, no other data), so it
** may be used from triggers and views, e.g. a trigger that copies the rows
** of a user's own table of terms into it.
*/
#include <stdarg.h>
#include <string.h>
#include "therapy_int.h"
#include "lexicon.h"
#include "kind.h"

/* Longest term a user may add, in bytes. */
#define USER_TERM_MAX 1000

/* ---- per-connection state ------------------------------------------------ */

typedef struct EntConn {
  int nRef;                   /* one per registration */
  const ThLexSet *pBuiltin;   /* the shared built-in lexicon, held from the
                              ** first use until the connection closes */
  ThUserTerms *pUser;         /* terms added with INSERT INTO therapy_lexicon */
} EntConn;

static void conn_unref(void *pArg){
  EntConn *p = (EntConn*)pArg;
  if( p && --p->nRef<=0 ){
    if( p->pBuiltin ) th_lexset_builtin_release();
    th_userterms_free(p->pUser);
    sqlite3_free(p);
  }
}

/* The built-in lexicon (built at its first use, see lexicon.c). */
static int conn_builtin(EntConn *p, const ThLexSet **ppBuiltin){
  int rc = SQLITE_OK;
  if( p->pBuiltin==0 ) rc = th_lexset_builtin_acquire(&p->pBuiltin);
  *ppBuiltin = p->pBuiltin;
  return rc;
}

/* Both lexicons: *ppUser is a new reference (or NULL without user terms). */
static int conn_lexicons(EntConn *p, const ThLexSet **ppBuiltin,
                         ThLexSet **ppUser){
  int rc = conn_builtin(p, ppBuiltin);
  *ppUser = 0;
  if( rc==SQLITE_OK ) rc = th_userterms_lexset(p->pUser, ppUser);
  return rc;
}

/* conn_lexicons() for other files (extract_trials). */
static int conn_lexicons_of(void *pConn, const ThLexSet **ppBuiltin,
                            ThLexSet **ppUser){
  return conn_lexicons((EntConn*)pConn, ppBuiltin, ppUser);
}

/* A message for an error code of the scan. */
static const char *scan_error(int rc){
  if( rc==SQLITE_TOOBIG ) return "therapy: a user term is too long";
  if( rc==SQLITE_CORRUPT ) return "therapy: the built-in lexicon is damaged";
  return sqlite3_errstr(rc);
}

/* A virtual table of this file: it knows the connection's state. */
typedef struct EntVtab {
  sqlite3_vtab base;
  EntConn *pConn;
} EntVtab;

static int ent_vtab_connect(sqlite3 *db, void *pAux, const char *zSchema,
                            sqlite3_vtab **ppVtab){
  int rc = th_tvf_connect_size(db, zSchema, sizeof(EntVtab), ppVtab);
  if( rc==SQLITE_OK ) ((EntVtab*)*ppVtab)->pConn = (EntConn*)pAux;
  return rc;
}

/* ---- kind scores --------------------------------------------------------- */

typedef struct KindMentions {
  ThKindMention *a;
  int n, nAlloc;
} KindMentions;

static int kind_on_entity(void *pCtx, const ThEntity *p){
  KindMentions *pM = (KindMentions*)pCtx;
  ThKindMention *pNew;
  if( p->eEntity!=TH_ENTITY_TERM || p->iKind<0 ) return SQLITE_OK;
  if( pM->n>=pM->nAlloc ){
    int nNew = pM->nAlloc ? pM->nAlloc*2 : 64;
    pNew = sqlite3_realloc64(pM->a, sizeof(ThKindMention)*(sqlite3_uint64)nNew);
    if( pNew==0 ) return SQLITE_NOMEM;
    pM->a = pNew;
    pM->nAlloc = nNew;
  }
  pNew = &pM->a[pM->n++];
  pNew->iKind = p->iKind;
  pNew->iStart = p->iStart;
  pNew->nLen = p->nLen;
  pNew->iTermType = p->iKindType;
  return SQLITE_OK;
}

/* Scores of every kind for z[0..n) (aScore has TH_N_KIND entries). */
static int kind_scores(EntConn *pConn, const char *z, size_t n,
                       ThKindScore *aScore){
  const ThLexSet *pBuiltin;
  ThLexSet *pUser;
  KindMentions m = {0, 0, 0};
  int rc = conn_lexicons(pConn, &pBuiltin, &pUser);
  if( rc==SQLITE_OK ){
    rc = th_entities_scan(pBuiltin, pUser, z, n, 0, kind_on_entity, &m);
  }
  if( rc==SQLITE_OK ) rc = th_kind_score(z, n, m.a, m.n, aScore);
  th_lexset_unref(pUser);
  sqlite3_free(m.a);
  return rc;
}

/* ---- therapy_kind(text) -------------------------------------------------- */

static void kindFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  EntConn *pConn = (EntConn*)sqlite3_user_data(ctx);
  ThKindScore aScore[TH_N_KIND];
  const char *z;
  size_t n;
  int rc, iKind;
  (void)argc;
  z = th_arg_text(ctx, argv[0], &n);
  if( z==0 ) return;
  rc = kind_scores(pConn, z, n, aScore);
  if( rc==SQLITE_NOMEM ){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if( rc!=SQLITE_OK ){
    sqlite3_result_error(ctx, scan_error(rc), -1);
    return;
  }
  iKind = th_kind_main(aScore);
  if( iKind>=0 ){
    sqlite3_result_text(ctx, th_kind_name(iKind), -1, SQLITE_STATIC);
  }
}

/* ---- therapy_kinds(text) ------------------------------------------------- */

#define KINDS_COL_KIND      0
#define KINDS_COL_SCORE     1
#define KINDS_COL_MENTIONS  2
#define KINDS_COL_START     3
#define KINDS_COL_LENGTH    4
#define KINDS_COL_TEXT      5

typedef struct KindsRow {
  int iKind;
  ThKindScore score;
  sqlite3_int64 iChar, nChar;   /* first evidence in characters */
} KindsRow;

typedef struct KindsCursor {
  sqlite3_vtab_cursor base;
  char *zText;                  /* copy of the argument */
  size_t nText;
  KindsRow aRow[TH_N_KIND];
  int nRow, iRow;
} KindsCursor;

static int kinds_connect(sqlite3 *db, void *pAux, int argc,
                         const char *const *argv, sqlite3_vtab **ppVtab,
                         char **pzErr){
  (void)argc; (void)argv; (void)pzErr;
  return ent_vtab_connect(db, pAux,
      "CREATE TABLE x(kind TEXT, score REAL, mentions INTEGER,"
      " start INTEGER, length INTEGER, text HIDDEN)", ppVtab);
}

static int kinds_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  (void)pVtab;
  return th_tvf_best_index(pInfo, KINDS_COL_TEXT, 1, 1);
}

static int kinds_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  (void)pVtab;
  return th_tvf_open(sizeof(KindsCursor), ppCursor);
}

static int kinds_close(sqlite3_vtab_cursor *pCursor){
  KindsCursor *pCur = (KindsCursor*)pCursor;
  sqlite3_free(pCur->zText);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* Order of rows: score descending, then first evidence, then kind. */
static int kinds_row_before(const KindsRow *a, const KindsRow *b){
  if( a->score.score!=b->score.score ) return a->score.score > b->score.score;
  if( a->score.iFirst!=b->score.iFirst ){
    return a->score.iFirst < b->score.iFirst;
  }
  return a->iKind < b->iKind;
}

/* Character positions of the first evidence of every row, with one cursor
** over the text (rows visited in text order). */
static void kinds_char_offsets(KindsCursor *pCur){
  int aOrder[TH_N_KIND];
  int i, j;
  ThCharCursor c;
  for(i=0; i<pCur->nRow; i++){
    for(j=i; j>0 && pCur->aRow[aOrder[j-1]].score.iFirst
                     > pCur->aRow[i].score.iFirst; j--){
      aOrder[j] = aOrder[j-1];
    }
    aOrder[j] = i;
  }
  th_char_cursor_init(&c, pCur->zText, pCur->nText);
  for(i=0; i<pCur->nRow; i++){
    KindsRow *pRow = &pCur->aRow[aOrder[i]];
    pRow->iChar = th_char_offset(&c, pRow->score.iFirst);
  }
  for(i=0; i<pCur->nRow; i++){
    KindsRow *pRow = &pCur->aRow[i];
    size_t iEnd = pRow->score.iFirst + pRow->score.nFirst;
    pRow->nChar = th_char_count(pCur->zText + pRow->score.iFirst,
                                iEnd<=pCur->nText ? pRow->score.nFirst
                                : pCur->nText - pRow->score.iFirst);
  }
}

static int kinds_filter(sqlite3_vtab_cursor *pCursor, int idxNum,
                        const char *idxStr, int argc, sqlite3_value **argv){
  KindsCursor *pCur = (KindsCursor*)pCursor;
  EntConn *pConn = ((EntVtab*)pCursor->pVtab)->pConn;
  ThKindScore aScore[TH_N_KIND];
  int i, j, rc;
  (void)idxStr;
  sqlite3_free(pCur->zText);
  pCur->zText = 0;
  pCur->nRow = pCur->iRow = 0;
  if( (idxNum & 1)==0 || argc<1 ) return SQLITE_OK;
  rc = th_tvf_copy_text(argv[0], &pCur->zText, &pCur->nText);
  if( rc || pCur->zText==0 ) return rc;
  rc = kind_scores(pConn, pCur->zText, pCur->nText, aScore);
  if( rc!=SQLITE_OK ){
    if( rc!=SQLITE_NOMEM ){
      sqlite3_free(pCursor->pVtab->zErrMsg);
      pCursor->pVtab->zErrMsg = sqlite3_mprintf("%s", scan_error(rc));
    }
    return rc;
  }
  for(i=0; i<TH_N_KIND; i++){
    KindsRow r;
    if( aScore[i].nMention<=0 ) continue;
    if( aScore[i].iFirst>pCur->nText ) continue;
    r.iKind = i;
    r.score = aScore[i];
    for(j=pCur->nRow; j>0 && kinds_row_before(&r, &pCur->aRow[j-1]); j--){
      pCur->aRow[j] = pCur->aRow[j-1];
    }
    pCur->aRow[j] = r;
    pCur->nRow++;
  }
  kinds_char_offsets(pCur);
  return SQLITE_OK;
}

static int kinds_next(sqlite3_vtab_cursor *pCursor){
  ((KindsCursor*)pCursor)->iRow++;
  return SQLITE_OK;
}

static int kinds_eof(sqlite3_vtab_cursor *pCursor){
  KindsCursor *pCur = (KindsCursor*)pCursor;
  return pCur->iRow>=pCur->nRow;
}

static int kinds_column(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                        int iCol){
  KindsCursor *pCur = (KindsCursor*)pCursor;
  const KindsRow *pRow = &pCur->aRow[pCur->iRow];
  switch( iCol ){
    case KINDS_COL_KIND:
      sqlite3_result_text(ctx, th_kind_name(pRow->iKind), -1, SQLITE_STATIC);
      break;
    case KINDS_COL_SCORE:
      sqlite3_result_double(ctx, pRow->score.score);
      break;
    case KINDS_COL_MENTIONS:
      sqlite3_result_int(ctx, pRow->score.nMention);
      break;
    case KINDS_COL_START:
      sqlite3_result_int64(ctx, pRow->iChar + 1);
      break;
    case KINDS_COL_LENGTH:
      sqlite3_result_int64(ctx, pRow->nChar);
      break;
    default:
      sqlite3_result_text64(ctx, pCur->zText, pCur->nText, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
      break;
  }
  return SQLITE_OK;
}

static int kinds_rowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid){
  *pRowid = ((KindsCursor*)pCursor)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module kindsModule = {
  0,                  /* iVersion */
  0,                  /* xCreate: eponymous only */
  kinds_connect,      /* xConnect */
  kinds_best_index,   /* xBestIndex */
  th_tvf_disconnect,  /* xDisconnect */
  0,                  /* xDestroy */
  kinds_open,         /* xOpen */
  kinds_close,        /* xClose */
  kinds_filter,       /* xFilter */
  kinds_next,         /* xNext */
  kinds_eof,          /* xEof */
  kinds_column,       /* xColumn */
  kinds_rowid,        /* xRowid */
  0, 0, 0, 0, 0, 0, 0, /* xUpdate .. xRename */
  0, 0, 0, 0,         /* xSavepoint .. xShadowName */
};

/* ---- extract_entities(text) ---------------------------------------------- */

#define ENT_COL_TYPE    0
#define ENT_COL_TEXT    1
#define ENT_COL_NORM    2
#define ENT_COL_START   3
#define ENT_COL_LENGTH  4
#define ENT_COL_ARG     5

typedef struct EntRow {
  ThEntity e;
  sqlite3_int64 iChar, nChar;   /* the mention in characters */
} EntRow;

typedef struct EntCursor {
  sqlite3_vtab_cursor base;
  char *zText;                  /* copy of the argument */
  size_t nText;
  ThLexSet *pUser;              /* keeps the user terms of the rows alive */
  EntRow *aRow;
  int nRow, nAlloc, iRow;
  ThCharCursor chars;           /* byte -> character of row starts */
} EntCursor;

static int ent_connect(sqlite3 *db, void *pAux, int argc,
                       const char *const *argv, sqlite3_vtab **ppVtab,
                       char **pzErr){
  (void)argc; (void)argv; (void)pzErr;
  return ent_vtab_connect(db, pAux,
      "CREATE TABLE x(type TEXT, text TEXT, norm TEXT, start INTEGER,"
      " length INTEGER, input HIDDEN)", ppVtab);
}

static int ent_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  (void)pVtab;
  return th_tvf_best_index(pInfo, ENT_COL_ARG, 1, 1);
}

static int ent_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  (void)pVtab;
  return th_tvf_open(sizeof(EntCursor), ppCursor);
}

static void ent_reset(EntCursor *pCur){
  sqlite3_free(pCur->zText);
  sqlite3_free(pCur->aRow);
  th_lexset_unref(pCur->pUser);
  pCur->zText = 0;
  pCur->nText = 0;
  pCur->aRow = 0;
  pCur->pUser = 0;
  pCur->nRow = pCur->nAlloc = pCur->iRow = 0;
}

static int ent_close(sqlite3_vtab_cursor *pCursor){
  EntCursor *pCur = (EntCursor*)pCursor;
  ent_reset(pCur);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

static int ent_on_entity(void *pCtx, const ThEntity *p){
  EntCursor *pCur = (EntCursor*)pCtx;
  EntRow *pRow;
  if( pCur->nRow>=pCur->nAlloc ){
    int nNew = pCur->nAlloc ? pCur->nAlloc*2 : 32;
    EntRow *aNew;
    if( nNew<=pCur->nAlloc ) return SQLITE_TOOBIG;
    aNew = sqlite3_realloc64(pCur->aRow, sizeof(EntRow)*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    pCur->aRow = aNew;
    pCur->nAlloc = nNew;
  }
  pRow = &pCur->aRow[pCur->nRow++];
  pRow->e = *p;
  pRow->iChar = th_char_offset(&pCur->chars, p->iStart);
  pRow->nChar = th_char_count(pCur->zText + p->iStart, p->nLen);
  return SQLITE_OK;
}

static int ent_filter(sqlite3_vtab_cursor *pCursor, int idxNum,
                      const char *idxStr, int argc, sqlite3_value **argv){
  EntCursor *pCur = (EntCursor*)pCursor;
  EntConn *pConn = ((EntVtab*)pCursor->pVtab)->pConn;
  const ThLexSet *pBuiltin;
  int rc;
  (void)idxStr;
  ent_reset(pCur);
  if( (idxNum & 1)==0 || argc<1 ) return SQLITE_OK;
  rc = th_tvf_copy_text(argv[0], &pCur->zText, &pCur->nText);
  if( rc || pCur->zText==0 ) return rc;
  rc = conn_lexicons(pConn, &pBuiltin, &pCur->pUser);
  if( rc==SQLITE_OK ){
    th_char_cursor_init(&pCur->chars, pCur->zText, pCur->nText);
    rc = th_entities_scan(pBuiltin, pCur->pUser, pCur->zText, pCur->nText, 1,
                          ent_on_entity, pCur);
  }
  if( rc!=SQLITE_OK ){
    if( rc!=SQLITE_NOMEM ){
      sqlite3_free(pCursor->pVtab->zErrMsg);
      pCursor->pVtab->zErrMsg = sqlite3_mprintf("%s", scan_error(rc));
    }
    ent_reset(pCur);
  }
  return rc;
}

static int ent_next(sqlite3_vtab_cursor *pCursor){
  ((EntCursor*)pCursor)->iRow++;
  return SQLITE_OK;
}

static int ent_eof(sqlite3_vtab_cursor *pCursor){
  EntCursor *pCur = (EntCursor*)pCursor;
  return pCur->iRow>=pCur->nRow;
}

static int ent_column(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                      int iCol){
  EntCursor *pCur = (EntCursor*)pCursor;
  const EntRow *pRow = &pCur->aRow[pCur->iRow];
  switch( iCol ){
    case ENT_COL_TYPE:
      sqlite3_result_text(ctx, th_entity_type(&pRow->e), -1, SQLITE_TRANSIENT);
      break;
    case ENT_COL_TEXT:
      sqlite3_result_text64(ctx, pCur->zText + pRow->e.iStart, pRow->e.nLen,
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case ENT_COL_NORM: {
      ThBuf b;
      th_buf_init(&b);
      th_entity_norm(&pRow->e, pCur->zText, &b);
      th_buf_result(ctx, &b);
      break;
    }
    case ENT_COL_START:
      sqlite3_result_int64(ctx, pRow->iChar + 1);
      break;
    case ENT_COL_LENGTH:
      sqlite3_result_int64(ctx, pRow->nChar);
      break;
    default:
      sqlite3_result_text64(ctx, pCur->zText, pCur->nText, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
      break;
  }
  return SQLITE_OK;
}

static int ent_rowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid){
  *pRowid = ((EntCursor*)pCursor)->iRow + 1;
  return SQLITE_OK;
}

static sqlite3_module entitiesModule = {
  0,                  /* iVersion */
  0,                  /* xCreate: eponymous only */
  ent_connect,        /* xConnect */
  ent_best_index,     /* xBestIndex */
  th_tvf_disconnect,  /* xDisconnect */
  0,                  /* xDestroy */
  ent_open,           /* xOpen */
  ent_close,          /* xClose */
  ent_filter,         /* xFilter */
  ent_next,           /* xNext */
  ent_eof,            /* xEof */
  ent_column,         /* xColumn */
  ent_rowid,          /* xRowid */
  0, 0, 0, 0, 0, 0, 0, /* xUpdate .. xRename */
  0, 0, 0, 0,         /* xSavepoint .. xShadowName */
};

/* ---- therapy_lexicon ----------------------------------------------------- */

/* Rows: the built-in terms with rowids 1..N in the order of the data files,
** then the user terms with rowid N + their number (1, 2, ... in the order
** they were added, never reused within the connection). */

#define LEX_COL_TERM    0
#define LEX_COL_TYPE    1
#define LEX_COL_NORM    2
#define LEX_COL_KIND    3
#define LEX_COL_CS      4
#define LEX_COL_SOURCE  5

/* idxNum bits of xBestIndex: constraints handed to xFilter. */
#define LEX_IDX_SOURCE  1
#define LEX_IDX_TYPE    2

typedef struct LexCursor {
  sqlite3_vtab_cursor base;
  const ThLexSet *pBuiltin;
  int bBuiltin, bUser;          /* which rows to visit */
  char *zType;                  /* only rows of this type, or NULL */
  int iBuiltin;                 /* current built-in row (0-based) */
  sqlite3_int64 iUser;          /* current user term number, 0 before */
  int bEof;
} LexCursor;

static int lex_connect(sqlite3 *db, void *pAux, int argc,
                       const char *const *argv, sqlite3_vtab **ppVtab,
                       char **pzErr){
  (void)argc; (void)argv; (void)pzErr;
  return ent_vtab_connect(db, pAux,
      "CREATE TABLE x(term TEXT, type TEXT, norm TEXT, kind TEXT,"
      " case_sensitive INTEGER, source TEXT)", ppVtab);
}

/* source = ? and type = ? narrow the rows visited; SQLite still checks
** them on every row (omit stays 0). */
static int lex_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  int i, nArg = 0, iSource = -1, iType = -1;
  (void)pVtab;
  for(i=0; i<pInfo->nConstraint; i++){
    const struct sqlite3_index_constraint *p = &pInfo->aConstraint[i];
    if( !p->usable || p->op!=SQLITE_INDEX_CONSTRAINT_EQ ) continue;
    if( p->iColumn==LEX_COL_SOURCE && iSource<0 ) iSource = i;
    if( p->iColumn==LEX_COL_TYPE && iType<0 ) iType = i;
  }
  pInfo->idxNum = 0;
  if( iSource>=0 ){
    pInfo->aConstraintUsage[iSource].argvIndex = ++nArg;
    pInfo->idxNum |= LEX_IDX_SOURCE;
  }
  if( iType>=0 ){
    pInfo->aConstraintUsage[iType].argvIndex = ++nArg;
    pInfo->idxNum |= LEX_IDX_TYPE;
  }
  pInfo->estimatedCost = 10000.0 / (1 + nArg);
  pInfo->estimatedRows = 10000 / (1 + 10*nArg);
  return SQLITE_OK;
}

static int lex_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  int rc = th_tvf_open(sizeof(LexCursor), ppCursor);
  (void)pVtab;
  if( rc==SQLITE_OK ){
    LexCursor *pCur = (LexCursor*)*ppCursor;
    pCur->bEof = 1;
  }
  return rc;
}

static int lex_close(sqlite3_vtab_cursor *pCursor){
  LexCursor *pCur = (LexCursor*)pCursor;
  sqlite3_free(pCur->zType);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

static ThUserTerms *lex_user_terms(sqlite3_vtab_cursor *pCursor){
  return ((EntVtab*)pCursor->pVtab)->pConn->pUser;
}

/* Moves to the first visible row at or after the current position. */
static void lex_settle(LexCursor *pCur){
  ThUserTerms *pUser = lex_user_terms(&pCur->base);
  int nBuiltin = pCur->bBuiltin ? pCur->pBuiltin->nTerm : 0;
  while( pCur->iBuiltin<nBuiltin ){
    const ThLexTerm *pT = th_lexicon_term(pCur->pBuiltin->pLex, pCur->iBuiltin);
    if( pCur->zType==0 || strcmp(pT->zType, pCur->zType)==0 ) return;
    pCur->iBuiltin++;
  }
  pCur->iBuiltin = nBuiltin;
  if( pCur->bUser ){
    const ThUserTerm *pU;
    while( (pU = th_userterms_seek(pUser, pCur->iUser))!=0 ){
      pCur->iUser = pU->iId;
      if( pCur->zType==0 || strcmp(pU->zType, pCur->zType)==0 ) return;
      pCur->iUser++;
    }
  }
  pCur->bEof = 1;
}

static int lex_in_builtin(const LexCursor *pCur){
  return pCur->bBuiltin && pCur->iBuiltin<pCur->pBuiltin->nTerm;
}

/* The text of an argument of xFilter, or NULL if it is not text. */
static const char *lex_arg_text(sqlite3_value *v){
  if( sqlite3_value_type(v)!=SQLITE_TEXT ) return 0;
  return (const char*)sqlite3_value_text(v);
}

static int lex_filter(sqlite3_vtab_cursor *pCursor, int idxNum,
                      const char *idxStr, int argc, sqlite3_value **argv){
  LexCursor *pCur = (LexCursor*)pCursor;
  EntConn *pConn = ((EntVtab*)pCursor->pVtab)->pConn;
  int iArg = 0, rc;
  (void)idxStr;
  sqlite3_free(pCur->zType);
  pCur->zType = 0;
  pCur->bEof = 1;
  rc = conn_builtin(pConn, &pCur->pBuiltin);
  if( rc ) return rc;
  pCur->bBuiltin = pCur->bUser = 1;
  pCur->iBuiltin = 0;
  pCur->iUser = 1;
  if( (idxNum & LEX_IDX_SOURCE) && iArg<argc ){
    const char *z = lex_arg_text(argv[iArg++]);
    if( z ){
      pCur->bBuiltin = strcmp(z, "builtin")==0;
      pCur->bUser = strcmp(z, "user")==0;
    }
  }
  if( (idxNum & LEX_IDX_TYPE) && iArg<argc ){
    const char *z = lex_arg_text(argv[iArg++]);
    if( z ){
      pCur->zType = sqlite3_mprintf("%s", z);
      if( pCur->zType==0 ) return SQLITE_NOMEM;
    }
  }
  pCur->bEof = 0;
  lex_settle(pCur);
  return SQLITE_OK;
}

static int lex_next(sqlite3_vtab_cursor *pCursor){
  LexCursor *pCur = (LexCursor*)pCursor;
  if( lex_in_builtin(pCur) ) pCur->iBuiltin++;
  else pCur->iUser++;
  lex_settle(pCur);
  return SQLITE_OK;
}

static int lex_eof(sqlite3_vtab_cursor *pCursor){
  return ((LexCursor*)pCursor)->bEof;
}

static int lex_column(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                      int iCol){
  LexCursor *pCur = (LexCursor*)pCursor;
  const char *zTerm, *zType, *zNorm, *zKind;
  int bCs, bBuiltin = lex_in_builtin(pCur);
  if( bBuiltin ){
    const ThLexTerm *pT = th_lexicon_term(pCur->pBuiltin->pLex, pCur->iBuiltin);
    zTerm = pT->zTerm; zType = pT->zType; zNorm = pT->zNorm; zKind = pT->zKind;
    bCs = pT->bCaseSensitive;
  }else{
    const ThUserTerm *pU;
    pU = th_userterms_seek(lex_user_terms(pCursor), pCur->iUser);
    if( pU==0 || pU->iId!=pCur->iUser ) return SQLITE_OK;   /* deleted: NULL */
    zTerm = pU->zTerm; zType = pU->zType; zNorm = pU->zNorm; zKind = pU->zKind;
    bCs = pU->bCaseSensitive;
  }
  switch( iCol ){
    case LEX_COL_TERM:
      sqlite3_result_text(ctx, zTerm, -1, SQLITE_TRANSIENT);
      break;
    case LEX_COL_TYPE:
      sqlite3_result_text(ctx, zType, -1, SQLITE_TRANSIENT);
      break;
    case LEX_COL_NORM:
      sqlite3_result_text(ctx, zNorm[0] ? zNorm : zTerm, -1, SQLITE_TRANSIENT);
      break;
    case LEX_COL_KIND:
      if( zKind[0] ) sqlite3_result_text(ctx, zKind, -1, SQLITE_TRANSIENT);
      break;
    case LEX_COL_CS:
      sqlite3_result_int(ctx, bCs);
      break;
    default:
      sqlite3_result_text(ctx, bBuiltin ? "builtin" : "user", -1,
                          SQLITE_STATIC);
      break;
  }
  return SQLITE_OK;
}

static int lex_rowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid){
  LexCursor *pCur = (LexCursor*)pCursor;
  if( lex_in_builtin(pCur) ) *pRowid = pCur->iBuiltin + 1;
  else *pRowid = pCur->pBuiltin->nTerm + pCur->iUser;
  return SQLITE_OK;
}

/* Sets the error message of the table and returns SQLITE_ERROR. */
static int lex_error(sqlite3_vtab *pVtab, const char *zFormat, ...){
  va_list ap;
  va_start(ap, zFormat);
  sqlite3_free(pVtab->zErrMsg);
  pVtab->zErrMsg = sqlite3_vmprintf(zFormat, ap);
  va_end(ap);
  return SQLITE_ERROR;
}

/* A user term read from the columns of an INSERT or UPDATE. */
typedef struct LexNewTerm {
  const char *zTerm;
  const char *zNorm;          /* NULL: the term */
  int iType, iKind, bCs;
} LexNewTerm;

/* The names of all types or kinds for an error message. */
static char *lex_names(int bKinds){
  char *z = 0;
  int i, n = bKinds ? TH_N_KIND : TH_N_LEX_TYPE;
  for(i=0; i<n; i++){
    const char *zName = bKinds ? th_kind_name(i) : th_lex_type_name(i);
    char *zNew = sqlite3_mprintf("%s%s%s", z ? z : "", i ? ", " : "", zName);
    sqlite3_free(z);
    if( zNew==0 ) return 0;
    z = zNew;
  }
  return z;
}

/* True if z has a character other than white space. */
static int has_content(const char *z){
  for(; *z; z++){
    if( *z!=' ' && *z!='\t' && *z!='\n' && *z!='\r' && *z!='\f' && *z!='\v' ){
      return 1;
    }
  }
  return 0;
}

/* Reads and checks the new values aCol[0..5] (term .. source). */
static int lex_read_new(sqlite3_vtab *pVtab, sqlite3_value **aCol,
                        LexNewTerm *p){
  const char *z;
  size_t n;
  memset(p, 0, sizeof(*p));
  p->iKind = -1;
  z = th_value_text(aCol[LEX_COL_TERM], &n);
  if( z==0 && sqlite3_value_type(aCol[LEX_COL_TERM])!=SQLITE_NULL ){
    return SQLITE_NOMEM;
  }
  if( z==0 || !has_content(z) ){
    return lex_error(pVtab, "therapy_lexicon: term must be a non-empty text");
  }
  if( n>USER_TERM_MAX ){
    return lex_error(pVtab, "therapy_lexicon: term longer than %d bytes",
                     USER_TERM_MAX);
  }
  p->zTerm = z;
  z = th_value_text(aCol[LEX_COL_TYPE], &n);
  p->iType = z ? th_lex_type_index(z, n) : -1;
  if( p->iType<0 ){
    char *zNames = lex_names(0);
    char *zMsg = sqlite3_mprintf("therapy_lexicon: unknown type '%s'"
                                 " (expected one of %s)", z ? z : "NULL",
                                 zNames ? zNames : "");
    sqlite3_free(zNames);
    lex_error(pVtab, "%s", zMsg ? zMsg : "therapy_lexicon: unknown type");
    sqlite3_free(zMsg);
    return SQLITE_ERROR;
  }
  z = th_value_text(aCol[LEX_COL_NORM], &n);
  p->zNorm = (z && n>0) ? z : 0;
  z = th_value_text(aCol[LEX_COL_KIND], &n);
  if( z && n>0 ){
    p->iKind = th_kind_from_name(z, n);
    if( p->iKind<0 ){
      char *zNames = lex_names(1);
      char *zMsg = sqlite3_mprintf("therapy_lexicon: unknown kind '%s'"
                                   " (expected NULL or one of %s)", z,
                                   zNames ? zNames : "");
      sqlite3_free(zNames);
      lex_error(pVtab, "%s", zMsg ? zMsg : "therapy_lexicon: unknown kind");
      sqlite3_free(zMsg);
      return SQLITE_ERROR;
    }
  }
  switch( sqlite3_value_type(aCol[LEX_COL_CS]) ){
    case SQLITE_NULL:
      p->bCs = 0;
      break;
    case SQLITE_INTEGER: {
      sqlite3_int64 v = sqlite3_value_int64(aCol[LEX_COL_CS]);
      if( v==0 || v==1 ){
        p->bCs = (int)v;
        break;
      }
    }
    /* fall through */
    default:
      return lex_error(pVtab, "therapy_lexicon: case_sensitive must be 0 or 1");
  }
  z = th_value_text(aCol[LEX_COL_SOURCE], &n);
  if( z && strcmp(z, "user")!=0 ){
    return lex_error(pVtab, "therapy_lexicon: source of a new term must be"
                     " 'user' or NULL, not '%s'", z);
  }
  return SQLITE_OK;
}

static int lex_update(sqlite3_vtab *pVtab, int argc, sqlite3_value **argv,
                      sqlite_int64 *pRowid){
  EntConn *pConn = ((EntVtab*)pVtab)->pConn;
  const ThLexSet *pBuiltin;
  LexNewTerm t;
  sqlite3_int64 iOld = 0, iId;
  int rc = conn_builtin(pConn, &pBuiltin);
  if( rc ) return rc;
  if( sqlite3_value_type(argv[0])!=SQLITE_NULL ){
    iOld = sqlite3_value_int64(argv[0]);
    if( iOld<=pBuiltin->nTerm ){
      return lex_error(pVtab, "therapy_lexicon: built-in terms are read-only");
    }
  }
  if( argc==1 ){                                          /* DELETE */
    th_userterms_delete(pConn->pUser, iOld - pBuiltin->nTerm);
    return SQLITE_OK;
  }
  if( sqlite3_value_type(argv[1])!=SQLITE_NULL
   && (iOld==0 || sqlite3_value_int64(argv[1])!=iOld) ){
    return lex_error(pVtab, "therapy_lexicon: the rowid of a term is"
                     " assigned by the table and cannot be set");
  }
  rc = lex_read_new(pVtab, argv+2, &t);
  if( rc ) return rc;
  if( iOld==0 ){                                          /* INSERT */
    rc = th_userterms_add(pConn->pUser, t.zTerm, t.zNorm, t.iType, t.iKind,
                          t.bCs, &iId);
    if( rc==SQLITE_OK ) *pRowid = pBuiltin->nTerm + iId;
  }else{                                                  /* UPDATE */
    rc = th_userterms_replace(pConn->pUser, iOld - pBuiltin->nTerm, t.zTerm,
                              t.zNorm, t.iType, t.iKind, t.bCs);
    if( rc==SQLITE_NOTFOUND ) rc = SQLITE_OK;
  }
  return rc;
}

static sqlite3_module lexiconModule = {
  0,                  /* iVersion */
  0,                  /* xCreate: eponymous only */
  lex_connect,        /* xConnect */
  lex_best_index,     /* xBestIndex */
  th_tvf_disconnect,  /* xDisconnect */
  0,                  /* xDestroy */
  lex_open,           /* xOpen */
  lex_close,          /* xClose */
  lex_filter,         /* xFilter */
  lex_next,           /* xNext */
  lex_eof,            /* xEof */
  lex_column,         /* xColumn */
  lex_rowid,          /* xRowid */
  lex_update,         /* xUpdate */
  0, 0, 0, 0, 0, 0,   /* xBegin .. xRename */
  0, 0, 0, 0,         /* xSavepoint .. xShadowName */
};

/* ---- registration -------------------------------------------------------- */

int th_register_lexicon(sqlite3 *db){
  EntConn *p = sqlite3_malloc64(sizeof(*p));
  int rc;
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  rc = th_userterms_new(&p->pUser);
  if( rc ){
    sqlite3_free(p);
    return rc;
  }
  /* Each call takes one reference; on failure SQLite calls conn_unref
  ** itself, so stop at once. */
  p->nRef++;
  rc = sqlite3_create_function_v2(db, "therapy_kind", 1,
                                  SQLITE_UTF8 | SQLITE_INNOCUOUS, p,
                                  kindFunc, 0, 0, conn_unref);
  if( rc ) return rc;
  p->nRef++;
  rc = sqlite3_create_module_v2(db, "therapy_lexicon", &lexiconModule, p,
                                conn_unref);
  if( rc ) return rc;
  p->nRef++;
  rc = sqlite3_create_module_v2(db, "extract_entities", &entitiesModule, p,
                                conn_unref);
  if( rc ) return rc;
  p->nRef++;
  rc = sqlite3_create_module_v2(db, "therapy_kinds", &kindsModule, p,
                                conn_unref);
  if( rc ) return rc;
  p->nRef++;
  return th_register_trials(db, p, conn_lexicons_of, conn_unref);
}
