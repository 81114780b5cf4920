/*
** sentences.c -- the table-valued function extract_sentences(text).
**
**   SELECT sentence, start, length, paragraph
**     FROM extract_sentences('Dr. Lee spoke. It works.');
**   -- Dr. Lee spoke.|1|14|1
**   -- It works.|16|9|1
**
** One row per sentence of the text, in order.  start is the 1-based
** character position and length the length in characters, counted as
** substr() counts, so substr(text, start, length) = sentence.  paragraph
** is 1 for the first paragraph and grows by one at every blank line.  The
** rowid is the 1-based number of the sentence.  NULL gives no rows; numbers
** and BLOBs are read as text.  The splitting rules are those of
** sentence_split.c; this file is only the SQLite glue.
*/
#include <string.h>
#include "therapy_int.h"
#include "sentence_split.h"

/* Columns of the virtual table; the argument is the HIDDEN column. */
#define SENT_COL_SENTENCE   0
#define SENT_COL_START      1
#define SENT_COL_LENGTH     2
#define SENT_COL_PARAGRAPH  3
#define SENT_COL_TEXT       4

typedef struct SentCursor {
  sqlite3_vtab_cursor base;
  char *zText;              /* copy of the argument, NULL for SQL NULL */
  size_t nText;             /* its length in bytes */
  ThSentenceScan scan;      /* the splitter's state */
  ThCharCursor chars;       /* byte offsets -> character positions */
  sqlite3_int64 iRowid;     /* 1-based number of the current sentence */
  size_t iByte;             /* current sentence: byte offset */
  size_t nByte;             /* current sentence: bytes */
  sqlite3_int64 iChar;      /* current sentence: 0-based character offset */
  sqlite3_int64 nChar;      /* current sentence: characters */
  sqlite3_int64 iParagraph; /* current sentence: 1-based paragraph */
  int bEof;                 /* no current sentence */
} SentCursor;

static int sent_connect(sqlite3 *db, void *pAux, int argc,
                        const char *const *argv, sqlite3_vtab **ppVtab,
                        char **pzErr){
  (void)pAux; (void)argc; (void)argv; (void)pzErr;
  return th_tvf_connect(db,
      "CREATE TABLE x(sentence TEXT, start INTEGER, length INTEGER,"
      " paragraph INTEGER, text HIDDEN)", ppVtab);
}

static int sent_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  (void)pVtab;
  return th_tvf_best_index(pInfo, SENT_COL_TEXT, 1, 1);
}

static int sent_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  int rc = th_tvf_open(sizeof(SentCursor), ppCursor);
  (void)pVtab;
  if( rc==SQLITE_OK ){
    SentCursor *pCur = (SentCursor*)*ppCursor;
    pCur->bEof = 1;
  }
  return rc;
}

static void sent_reset(SentCursor *pCur){
  sqlite3_free(pCur->zText);
  pCur->zText = 0;
  pCur->nText = 0;
  pCur->iRowid = 0;
  pCur->bEof = 1;
}

static int sent_close(sqlite3_vtab_cursor *pCursor){
  SentCursor *pCur = (SentCursor*)pCursor;
  sent_reset(pCur);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* Moves to the next sentence, or to EOF. */
static int sent_next(sqlite3_vtab_cursor *pCursor){
  SentCursor *pCur = (SentCursor*)pCursor;
  sqlite3_int64 iEndChar;
  if( pCur->zText==0
   || !th_sentence_scan_next(&pCur->scan, &pCur->iByte, &pCur->nByte) ){
    pCur->bEof = 1;
    return SQLITE_OK;
  }
  pCur->iRowid++;
  pCur->iParagraph = (sqlite3_int64)pCur->scan.iParagraph;
  pCur->iChar = th_char_offset(&pCur->chars, pCur->iByte);
  iEndChar = th_char_offset(&pCur->chars, pCur->iByte + pCur->nByte);
  pCur->nChar = iEndChar - pCur->iChar;
  return SQLITE_OK;
}

static int sent_filter(sqlite3_vtab_cursor *pCursor, int idxNum,
                       const char *idxStr, int argc, sqlite3_value **argv){
  SentCursor *pCur = (SentCursor*)pCursor;
  size_t n;
  int rc;
  (void)idxStr;
  sent_reset(pCur);
  if( (idxNum & 1)==0 || argc<1 ) return SQLITE_OK;
  /* The argument is only valid during xFilter: keep a copy. */
  rc = th_tvf_copy_text(argv[0], &pCur->zText, &pCur->nText);
  if( rc!=SQLITE_OK || pCur->zText==0 ) return rc;
  n = pCur->nText;
  th_sentence_scan_init(&pCur->scan, pCur->zText, n);
  th_char_cursor_init(&pCur->chars, pCur->zText, n);
  pCur->bEof = 0;
  return sent_next(pCursor);
}

static int sent_eof(sqlite3_vtab_cursor *pCursor){
  return ((SentCursor*)pCursor)->bEof;
}

static int sent_column(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                       int iCol){
  SentCursor *pCur = (SentCursor*)pCursor;
  switch( iCol ){
    case SENT_COL_SENTENCE:
      sqlite3_result_text64(ctx, pCur->zText + pCur->iByte, pCur->nByte,
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case SENT_COL_START:
      sqlite3_result_int64(ctx, pCur->iChar + 1);
      break;
    case SENT_COL_LENGTH:
      sqlite3_result_int64(ctx, pCur->nChar);
      break;
    case SENT_COL_PARAGRAPH:
      sqlite3_result_int64(ctx, pCur->iParagraph);
      break;
    default:                                            /* SENT_COL_TEXT */
      sqlite3_result_text64(ctx, pCur->zText, pCur->nText,
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
  }
  return SQLITE_OK;
}

static int sent_rowid(sqlite3_vtab_cursor *pCursor, sqlite_int64 *pRowid){
  *pRowid = ((SentCursor*)pCursor)->iRowid;
  return SQLITE_OK;
}

static sqlite3_module sentencesModule = {
  0,                  /* iVersion */
  0,                  /* xCreate: eponymous only */
  sent_connect,       /* xConnect */
  sent_best_index,    /* xBestIndex */
  th_tvf_disconnect,  /* xDisconnect */
  0,                  /* xDestroy */
  sent_open,          /* xOpen */
  sent_close,         /* xClose */
  sent_filter,        /* xFilter */
  sent_next,          /* xNext */
  sent_eof,           /* xEof */
  sent_column,        /* xColumn */
  sent_rowid,         /* xRowid */
  0, 0, 0, 0, 0, 0, 0, /* xUpdate .. xRename */
  0, 0, 0, 0,         /* xSavepoint .. xShadowName */
};

int th_register_sentences(sqlite3 *db){
  return sqlite3_create_module(db, "extract_sentences", &sentencesModule, 0);
}
