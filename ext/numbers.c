/*
** numbers.c -- SQL functions that read numbers written in digits or words.
**
**   SELECT parse_number('one hundred and five');      -- 105
**   SELECT parse_number('2.5 million');               -- 2500000
**   SELECT parse_number('2.5');                       -- 2.5 (REAL)
**   SELECT parse_number('one two');                   -- NULL
**
**   SELECT value, text, start, length
**     FROM extract_numbers('Sixty-three patients, n = 52, got 2.5 mg');
**   -- 63|Sixty-three|1|11,  52|52|27|2,  2.5|2.5|35|3
**
** parse_number(X) is X as one number (white space around it ignored), or
** NULL.  extract_numbers(X) is a table-valued function with one row per
** number of the running text X: value (INTEGER or REAL), text (the span
** as written), start (1-based character position) and length (in
** characters), so that substr(X, start, length) = text.  The rules of
** what is a number are in number_words.h.
*/
#include <string.h>
#include "therapy_int.h"
#include "number_words.h"

/* ---- parse_number(X) ---------------------------------------------------- */

static void parse_number_func(sqlite3_context *ctx, int argc,
                              sqlite3_value **argv){
  size_t n;
  const char *z = th_arg_text(ctx, argv[0], &n);
  double value;
  int isInteger;
  (void)argc;
  if( z==0 ) return;
  if( !th_parse_number(z, n, &value, &isInteger) ) return;
  if( isInteger ){
    sqlite3_result_int64(ctx, (sqlite3_int64)value);
  }else{
    sqlite3_result_double(ctx, value);
  }
}

/* ---- extract_numbers(X) ------------------------------------------------- */

/* Columns of the table; "input" is the hidden argument. */
#define NUMBERS_VALUE   0
#define NUMBERS_TEXT    1
#define NUMBERS_START   2
#define NUMBERS_LENGTH  3
#define NUMBERS_INPUT   4

typedef struct NumbersCursor {
  sqlite3_vtab_cursor base;
  char *zText;              /* copy of the argument */
  size_t nText;             /* its length in bytes */
  ThCharCursor chars;       /* byte offsets to character positions */
  sqlite3_int64 iRowid;
  int isEof;
  /* the current number */
  size_t iStart, nLen;      /* bytes */
  double value;
  int isInteger;
  int hasChars;             /* iStartChar and nChar are set */
  sqlite3_int64 iStartChar; /* 0-based characters before it */
  sqlite3_int64 nChar;      /* its length in characters */
} NumbersCursor;

static int numbers_connect(sqlite3 *db, void *pAux, int argc,
                           const char *const *argv, sqlite3_vtab **ppVtab,
                           char **pzErr){
  (void)pAux; (void)argc; (void)argv; (void)pzErr;
  return th_tvf_connect(db,
      "CREATE TABLE x(value, text TEXT, start INTEGER, length INTEGER,"
      " input HIDDEN)", ppVtab);
}

static int numbers_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  (void)pVtab;
  return th_tvf_best_index(pInfo, NUMBERS_INPUT, 1, 1);
}

static int numbers_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  int rc = th_tvf_open(sizeof(NumbersCursor), ppCursor);
  (void)pVtab;
  if( rc==SQLITE_OK ){
    NumbersCursor *pCur = (NumbersCursor*)*ppCursor;
    pCur->isEof = 1;
  }
  return rc;
}

static int numbers_close(sqlite3_vtab_cursor *cur){
  NumbersCursor *pCur = (NumbersCursor*)cur;
  sqlite3_free(pCur->zText);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* th_find_numbers_from() callback: keeps the first number and stops. */
static int numbers_take_first(void *pCtx, size_t iStart, size_t nLen,
                              double value, int isInteger){
  NumbersCursor *pCur = (NumbersCursor*)pCtx;
  pCur->iStart = iStart;
  pCur->nLen = nLen;
  pCur->value = value;
  pCur->isInteger = isInteger;
  return 1;
}

/* Moves to the first number at or after byte iFrom. */
static void numbers_seek(NumbersCursor *pCur, size_t iFrom){
  if( !th_find_numbers_from(pCur->zText, pCur->nText, iFrom,
                            numbers_take_first, pCur) ){
    pCur->isEof = 1;
    return;
  }
  pCur->hasChars = 0;
  pCur->iRowid++;
}

/* Sets the character position and length of the current number, counted
** only when asked for (the character cursor only moves forward). */
static void numbers_count_chars(NumbersCursor *pCur){
  if( pCur->hasChars ) return;
  pCur->iStartChar = th_char_offset(&pCur->chars, pCur->iStart);
  pCur->nChar = th_char_offset(&pCur->chars, pCur->iStart + pCur->nLen)
              - pCur->iStartChar;
  pCur->hasChars = 1;
}

static int numbers_filter(sqlite3_vtab_cursor *cur, int idxNum,
                          const char *idxStr, int argc, sqlite3_value **argv){
  NumbersCursor *pCur = (NumbersCursor*)cur;
  int rc;
  (void)idxNum; (void)idxStr;
  sqlite3_free(pCur->zText);
  pCur->zText = 0;
  pCur->nText = 0;
  pCur->iRowid = 0;
  pCur->isEof = 1;
  if( argc<1 ) return SQLITE_OK;
  rc = th_tvf_copy_text(argv[0], &pCur->zText, &pCur->nText);
  if( rc!=SQLITE_OK || pCur->zText==0 ) return rc;
  pCur->isEof = 0;
  th_char_cursor_init(&pCur->chars, pCur->zText, pCur->nText);
  numbers_seek(pCur, 0);
  return SQLITE_OK;
}

static int numbers_next(sqlite3_vtab_cursor *cur){
  NumbersCursor *pCur = (NumbersCursor*)cur;
  numbers_seek(pCur, pCur->iStart + pCur->nLen);
  return SQLITE_OK;
}

static int numbers_eof(sqlite3_vtab_cursor *cur){
  return ((NumbersCursor*)cur)->isEof;
}

static int numbers_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx,
                          int iCol){
  NumbersCursor *pCur = (NumbersCursor*)cur;
  switch( iCol ){
    case NUMBERS_VALUE:
      if( pCur->isInteger ){
        sqlite3_result_int64(ctx, (sqlite3_int64)pCur->value);
      }else{
        sqlite3_result_double(ctx, pCur->value);
      }
      break;
    case NUMBERS_TEXT:
      sqlite3_result_text64(ctx, pCur->zText + pCur->iStart, pCur->nLen,
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case NUMBERS_START:
      numbers_count_chars(pCur);
      sqlite3_result_int64(ctx, pCur->iStartChar + 1);
      break;
    case NUMBERS_LENGTH:
      numbers_count_chars(pCur);
      sqlite3_result_int64(ctx, pCur->nChar);
      break;
    default:
      sqlite3_result_text64(ctx, pCur->zText, pCur->nText, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
      break;
  }
  return SQLITE_OK;
}

static int numbers_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *pRowid){
  *pRowid = ((NumbersCursor*)cur)->iRowid;
  return SQLITE_OK;
}

static sqlite3_module numbersModule = {
  0,                      /* iVersion */
  0,                      /* xCreate: eponymous only */
  numbers_connect,        /* xConnect */
  numbers_best_index,     /* xBestIndex */
  th_tvf_disconnect,      /* xDisconnect */
  0,                      /* xDestroy */
  numbers_open,           /* xOpen */
  numbers_close,          /* xClose */
  numbers_filter,         /* xFilter */
  numbers_next,           /* xNext */
  numbers_eof,            /* xEof */
  numbers_column,         /* xColumn */
  numbers_rowid,          /* xRowid */
  0, 0, 0, 0, 0, 0, 0,    /* xUpdate .. xRename */
  0, 0, 0, 0,             /* xSavepoint .. xShadowName */
};

int th_register_numbers(sqlite3 *db){
  int rc = sqlite3_create_function(db, "parse_number", 1, TH_PURE_FUNC, 0,
                                   parse_number_func, 0, 0);
  if( rc==SQLITE_OK ){
    rc = sqlite3_create_module(db, "extract_numbers", &numbersModule, 0);
  }
  return rc;
}
