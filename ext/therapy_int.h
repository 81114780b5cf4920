/*
** therapy_int.h -- declarations shared by the sources of the extension.
**
** Every source file includes this header.  It pulls in sqlite3ext.h so that
** the sqlite3_* calls go through the API table handed to the loadable
** extension (or straight to SQLite when built with -DSQLITE_CORE for the
** static library).  All memory is taken with sqlite3_malloc64 and given
** back with sqlite3_free, also in the plain-C parts.
**
** Conventions kept by all functions:
**   - text arguments are read with th_value_text(): NULL stays NULL, numbers
**     are read as their text, BLOBs as UTF-8 bytes, and the text ends at its
**     first NUL byte, as it does for SQLite's own length() and substr();
**   - offsets reported to SQL are 1-based character positions counted the
**     way substr() counts them (see th_char_cursor below), lengths are in
**     characters, so substr(text, start, length) is the span.
*/
#ifndef THERAPY_INT_H
#define THERAPY_INT_H

#include <stddef.h>
#include <stdint.h>
#include "sqlite3ext.h"
SQLITE_EXTENSION_INIT3

/* Flags of every pure scalar function. */
#define TH_PURE_FUNC (SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS)

/* ---- text arguments (textarg.c) ---------------------------------------- */

/* The text of v and its length in bytes (up to the first NUL byte).
** Returns NULL for SQL NULL, and also when SQLite runs out of memory: tell
** the two apart with sqlite3_value_type(v) == SQLITE_NULL. */
const char *th_value_text(sqlite3_value *v, size_t *pnByte);

/* Like th_value_text() but reports out-of-memory on ctx itself.  Returns
** NULL with nothing reported for SQL NULL. */
const char *th_arg_text(sqlite3_context *ctx, sqlite3_value *v,
                        size_t *pnByte);

/* Counts characters the way SQLite's substr() and length() do: a byte
** 0xC0..0xFF starts a character that swallows the continuation bytes
** (0x80..0xBF) after it; any other byte is one character on its own.
** A cursor moves forward through one text and turns byte offsets into
** character counts without rescanning; moving backwards restarts it. */
typedef struct ThCharCursor {
  const char *z;          /* the text */
  size_t nByte;           /* its length in bytes */
  size_t iByte;           /* byte offset reached */
  sqlite3_int64 nChar;    /* characters before iByte */
} ThCharCursor;

void th_char_cursor_init(ThCharCursor *p, const char *z, size_t nByte);

/* Characters in z[0..iByte).  iByte must lie on a character boundary as
** defined above or the count covers the whole character it cuts. */
sqlite3_int64 th_char_offset(ThCharCursor *p, size_t iByte);

/* Characters in z[0..nByte) (one pass, no cursor). */
sqlite3_int64 th_char_count(const char *z, size_t nByte);

/* ---- growing byte buffer (textarg.c) -------------------------------------- */

typedef struct ThBuf {
  char *z;                /* bytes, NUL-terminated when not empty */
  size_t n;               /* bytes used, not counting the NUL */
  size_t nAlloc;          /* bytes allocated */
  int oom;                /* set once an allocation failed */
} ThBuf;

void th_buf_init(ThBuf *b);
int th_buf_reserve(ThBuf *b, size_t nMore);   /* SQLITE_OK or SQLITE_NOMEM */
int th_buf_append(ThBuf *b, const char *z, size_t n);
int th_buf_putc(ThBuf *b, char c);
void th_buf_free(ThBuf *b);

/* Hands the buffer to sqlite3_result_text64 (taking ownership) or reports
** SQLITE_NOMEM / SQLITE_TOOBIG; the buffer is empty afterwards. */
void th_buf_result(sqlite3_context *ctx, ThBuf *b);

/* ---- table-valued functions (tvf.c) ------------------------------------- */

/* Declares the virtual table of a table-valued function from its schema
** (output columns then HIDDEN argument columns) and allocates the plain
** sqlite3_vtab for it.  Marks it SQLITE_VTAB_INNOCUOUS. */
int th_tvf_connect(sqlite3 *db, const char *zSchema, sqlite3_vtab **ppVtab);

/* The same for a table that extends sqlite3_vtab (its first member) into a
** struct of nByte bytes, zeroed. */
int th_tvf_connect_size(sqlite3 *db, const char *zSchema, size_t nByte,
                        sqlite3_vtab **ppVtab);
int th_tvf_disconnect(sqlite3_vtab *pVtab);

/* A zeroed cursor of nByte bytes (a struct whose first member is the
** sqlite3_vtab_cursor), for xOpen. */
int th_tvf_open(size_t nByte, sqlite3_vtab_cursor **ppCursor);

/* A copy of a text argument (sqlite3_malloc64, NUL-terminated) for a
** cursor to keep after xFilter returns; *pz is NULL for SQL NULL.
** SQLITE_OK or SQLITE_NOMEM. */
int th_tvf_copy_text(sqlite3_value *v, char **pz, size_t *pn);

/* xBestIndex for a function whose arguments are the hidden columns
** iFirstArg .. iFirstArg+nArg-1, of which the first nRequired must be given.
** idxNum becomes a bit mask of the arguments given; xFilter receives them in
** column order. */
int th_tvf_best_index(sqlite3_index_info *pInfo, int iFirstArg, int nArg,
                      int nRequired);

/* ---- registration, one function per source file ----------------------- */

int th_register_version(sqlite3 *db);
int th_register_regexp(sqlite3 *db);
int th_register_unicode(sqlite3 *db);
int th_register_sentences(sqlite3 *db);
int th_register_numbers(sqlite3 *db);
int th_register_clean(sqlite3 *db);
int th_register_dates(sqlite3 *db);
int th_register_lexicon(sqlite3 *db);
int th_register_corpus(sqlite3 *db);

#endif /* THERAPY_INT_H */
