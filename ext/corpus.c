/*
** corpus.c -- a folder of saved pages as a table.
**
**   CREATE VIRTUAL TABLE articles USING therapy_corpus(
**       'samples' [, '*.txt', '*.html' ...] [, recursive=0|1]
**       [, max_size=BYTES]);
**   SELECT name, title, date FROM articles;
**
**   SELECT name, title FROM therapy_files('samples');           -- one-off
**   SELECT name FROM therapy_files('samples', '*.html', 0);     -- pattern,
**                                                               -- recursive
**
** One row per file whose name matches one of the GLOB patterns (ignoring
** ASCII case; by default '*.txt', '*.html', '*.htm'), in the folder and,
** unless recursive=0, in its subfolders.  Columns:
**
**   path      the path of the file: the folder as given, '/', the path below
**   name      the file name
**   size      bytes on disk; mtime: last modification, unix seconds
**   format    'html' or 'text', detected from the content as therapy_clean()
**             detects it
**   raw       the text of the file as UTF-8
**   body, title, date, byline, site
**             therapy_clean(raw), therapy_title(raw) ... of the page
**   encoding  'utf-8', or how a file that was not UTF-8 was decoded:
**             'windows-1252', 'utf-8+windows-1252', 'utf-16le', 'utf-16be'
**   error     NULL, or why the file could not be read (then raw and the
**             columns read from it are NULL)
**
** therapy_files() has the hidden argument columns dir, pattern, recursive.
**
** The walk is streamed: a folder's names are read and sorted, then its
** entries are visited in that order, going down into subfolders as they
** come; only the current file is held in memory, and a column is computed
** only when the query asks for it (the page is parsed once per row for
** all of body, title, date, byline and site).  Hidden names (starting
** with '.') are skipped, and symbolic links to folders are not followed.
** Nothing else is lost silently: a file that cannot be read and a subfolder
** that cannot be listed give a row with the error column set.
**
** Both modules are SQLITE_VTAB_DIRECTONLY: a view or trigger (in the schema
** of a database file that might not be trusted) cannot read the disk
** through them.  Paths are relative to the current directory of the
** process.  This is the one file of the extension that uses POSIX.
*/
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE 1         /* d_type and DT_* where available */
#include <sys/types.h>
#include <sys/stat.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "page.h"
#include "cp1252.h"

/* Subfolders deeper than this below the folder give an error row. */
#define CORPUS_MAX_DEPTH 64

/* Default largest file read (also capped by SQLITE_LIMIT_LENGTH). */
#define CORPUS_MAX_SIZE ((sqlite3_int64)1 << 30)

/* Buffers bigger than this are given back after their row. */
#define CORPUS_KEEP_BUFFER ((size_t)1 << 20)

static const char *const azDefaultPattern[] = { "*.txt", "*.html", "*.htm" };

#define CORPUS_COLUMNS \
  "path TEXT, name TEXT, size INTEGER, mtime INTEGER, format TEXT, " \
  "raw TEXT, body TEXT, title TEXT, date TEXT, byline TEXT, site TEXT, " \
  "encoding TEXT, error TEXT"

enum {
  COL_PATH, COL_NAME, COL_SIZE, COL_MTIME, COL_FORMAT, COL_RAW, COL_BODY,
  COL_TITLE, COL_DATE, COL_BYLINE, COL_SITE, COL_ENCODING, COL_ERROR,
  COL_DIR, COL_PATTERN, COL_RECURSIVE      /* therapy_files() arguments */
};

/* What a directory entry is, as far as known before stat(). */
enum { ENTRY_UNKNOWN, ENTRY_FILE, ENTRY_DIR, ENTRY_LINK, ENTRY_OTHER };

typedef struct CorpusTable {
  sqlite3_vtab base;
  sqlite3 *db;
  const char *zModule;      /* "therapy_corpus" or "therapy_files" */
  char *zDir;               /* therapy_corpus: the folder */
  char **azPattern;         /* therapy_corpus: patterns in lower case */
  int nPattern;
  int bRecursive;
  sqlite3_int64 nMaxSize;   /* 0: the default */
} CorpusTable;

typedef struct DirEntry {
  const char *zName;
  size_t iName;             /* offset of the name in DirLevel.names */
  int eType;                /* ENTRY_* */
} DirEntry;

/* One folder of the walk: its sorted entries and the next to visit. */
typedef struct DirLevel {
  size_t nPath;             /* its path, with a trailing '/', is path[0..nPath) */
  ThBuf names;              /* the names, each NUL-terminated */
  DirEntry *aEntry;
  int nEntry;
  int iEntry;
} DirLevel;

typedef struct CorpusCursor {
  sqlite3_vtab_cursor base;
  /* the query */
  ThBuf dir;                /* the folder (therapy_files: its argument) */
  ThBuf pattern;            /* therapy_files: its pattern in lower case */
  const char *zPattern;     /* that pattern, or NULL */
  int bRecursive;
  sqlite3_int64 nMaxSize;   /* largest file read */
  sqlite3_int64 nMaxText;   /* longest text (SQLITE_LIMIT_LENGTH) */
  /* the walk */
  ThBuf path;               /* path of the current row */
  DirLevel aLevel[CORPUS_MAX_DEPTH+1];
  int nLevel;
  ThBuf lower;              /* a name in lower case, for matching */
  int bEof;
  sqlite3_int64 iRowid;
  /* the current row; each part is filled when a column first needs it */
  size_t iName;             /* offset of the name in path */
  int eType;                /* ENTRY_* of the row */
  int bStat;                /* size and mtime known (or statErrno) */
  int statErrno;
  sqlite3_int64 size;
  sqlite3_int64 mtime;
  int bRead;                /* the file was read (or zError says why not) */
  char *zError;
  ThBuf file;               /* its bytes */
  ThBuf decoded;            /* its text when it was not UTF-8 */
  const char *zRaw;         /* the text as UTF-8 */
  size_t nRaw;
  ThEncoding encoding;
  int bPage;                /* page loaded and classified (if no zError) */
  ThPage page;
} CorpusCursor;

/* ---- small helpers ------------------------------------------------------- */

/* The text of errno value e. */
static void errno_text(int e, char *zBuf, size_t nBuf){
  if( strerror_r(e, zBuf, nBuf)!=0 ){
    sqlite3_snprintf((int)nBuf, zBuf, "error %d", e);
  }
}

/* A new string "zWhat: <text of errno e>" from sqlite3_malloc. */
static char *errno_message(const char *zWhat, int e){
  char zBuf[256];
  errno_text(e, zBuf, sizeof(zBuf));
  return sqlite3_mprintf("%s: %s", zWhat, zBuf);
}

static void ascii_lower(char *z){
  for(; *z; z++){
    if( *z>='A' && *z<='Z' ) *z += 'a' - 'A';
  }
}

/* Frees a buffer that grew big, so that one large file does not keep its
** memory for the rest of the walk; otherwise only empties it. */
static void buf_reset(ThBuf *b){
  if( b->nAlloc>CORPUS_KEEP_BUFFER || b->oom ){
    th_buf_free(b);
  }else{
    b->n = 0;
    if( b->z ) b->z[0] = 0;
  }
}

/* ---- the table --------------------------------------------------------- */

static void corpus_table_free(CorpusTable *pTab){
  int i;
  for(i=0; i<pTab->nPattern; i++) sqlite3_free(pTab->azPattern[i]);
  sqlite3_free(pTab->azPattern);
  sqlite3_free(pTab->zDir);
  sqlite3_free(pTab);
}

/* Declares the table and marks it direct-only. */
static int corpus_declare(sqlite3 *db, const char *zSchema, char **pzErr){
  int rc = sqlite3_declare_vtab(db, zSchema);
  if( rc!=SQLITE_OK ){
    *pzErr = sqlite3_mprintf("%s", sqlite3_errmsg(db));
    return rc;
  }
  return sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
}

/* An argument of CREATE VIRTUAL TABLE without its quotes, in a new string
** (SQLite hands the arguments over as written). */
static char *dequote(const char *z){
  size_t n = strlen(z);
  char *zOut, q = z[0];
  size_t i, j = 0;
  while( n>0 && (z[n-1]==' ' || z[n-1]=='\t' || z[n-1]=='\n') ) n--;
  zOut = sqlite3_malloc64(n+1);
  if( zOut==0 ) return 0;
  if( (q=='\'' || q=='"') && n>=2 && z[n-1]==q ){
    for(i=1; i+1<n; i++){
      zOut[j++] = z[i];
      if( z[i]==q && z[i+1]==q ) i++;       /* '' stands for ' */
    }
  }else{
    memcpy(zOut, z, n);
    j = n;
  }
  zOut[j] = 0;
  return zOut;
}

/* Reads an option "key=value" (an argument that is not quoted).  Returns
** SQLITE_OK, or SQLITE_ERROR with *pzErr set. */
static int corpus_option(CorpusTable *pTab, const char *zArg, char **pzErr){
  const char *zEq = strchr(zArg, '=');
  const char *zVal = zEq + 1;
  size_t nKey = (size_t)(zEq - zArg);
  sqlite3_int64 v = 0;
  int nDigit = 0;
  while( nKey>0 && (zArg[nKey-1]==' ' || zArg[nKey-1]=='\t') ) nKey--;
  while( *zVal==' ' || *zVal=='\t' ) zVal++;
  for(; *zVal>='0' && *zVal<='9' && nDigit<18; zVal++, nDigit++){
    v = v*10 + (*zVal - '0');
  }
  while( *zVal==' ' || *zVal=='\t' ) zVal++;
  if( nKey==9 && sqlite3_strnicmp(zArg, "recursive", 9)==0 ){
    if( nDigit==1 && *zVal==0 && v<=1 ){
      pTab->bRecursive = (int)v;
      return SQLITE_OK;
    }
    *pzErr = sqlite3_mprintf("therapy_corpus: recursive must be 0 or 1");
    return SQLITE_ERROR;
  }
  if( nKey==8 && sqlite3_strnicmp(zArg, "max_size", 8)==0 ){
    if( nDigit>0 && *zVal==0 && v>0 ){
      pTab->nMaxSize = v;
      return SQLITE_OK;
    }
    *pzErr = sqlite3_mprintf("therapy_corpus: max_size must be a number "
                             "of bytes");
    return SQLITE_ERROR;
  }
  *pzErr = sqlite3_mprintf("therapy_corpus: unknown option '%.*s' "
                           "(recursive=0|1, max_size=BYTES)",
                           (int)nKey, zArg);
  return SQLITE_ERROR;
}

/* Reads the arguments of CREATE VIRTUAL TABLE ... USING therapy_corpus(). */
static int corpus_args(CorpusTable *pTab, int argc, const char *const*argv,
                       char **pzErr){
  int i;
  if( argc>3 ){
    pTab->azPattern = sqlite3_malloc64(sizeof(char*)*(size_t)argc);
    if( pTab->azPattern==0 ) return SQLITE_NOMEM;
  }
  for(i=3; i<argc; i++){
    const char *z = argv[i];
    char *zArg;
    int rc;
    while( *z==' ' || *z=='\t' || *z=='\n' ) z++;
    if( z[0]!='\'' && z[0]!='"' && strchr(z, '=')!=0 ){
      rc = corpus_option(pTab, z, pzErr);
      if( rc!=SQLITE_OK ) return rc;
      continue;
    }
    zArg = dequote(z);
    if( zArg==0 ) return SQLITE_NOMEM;
    if( pTab->zDir==0 ){
      pTab->zDir = zArg;
    }else{
      ascii_lower(zArg);
      pTab->azPattern[pTab->nPattern++] = zArg;
    }
  }
  if( pTab->zDir==0 ){
    *pzErr = sqlite3_mprintf("therapy_corpus: no folder given; use "
        "therapy_corpus('folder' [, 'pattern' ...] [, recursive=0|1] "
        "[, max_size=BYTES])");
    return SQLITE_ERROR;
  }
  return SQLITE_OK;
}

/* xConnect and xCreate of therapy_corpus: the arguments are in the
** CREATE VIRTUAL TABLE statement. */
static int corpus_connect(sqlite3 *db, void *pAux, int argc,
                          const char *const*argv, sqlite3_vtab **ppVtab,
                          char **pzErr){
  CorpusTable *pTab;
  int rc;
  (void)pAux;
  pTab = sqlite3_malloc64(sizeof(*pTab));
  if( pTab==0 ) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  pTab->db = db;
  pTab->zModule = "therapy_corpus";
  pTab->bRecursive = 1;
  rc = corpus_args(pTab, argc, argv, pzErr);
  if( rc==SQLITE_OK ){
    rc = corpus_declare(db, "CREATE TABLE x(" CORPUS_COLUMNS ")", pzErr);
  }
  if( rc!=SQLITE_OK ){
    corpus_table_free(pTab);
    return rc;
  }
  *ppVtab = &pTab->base;
  return SQLITE_OK;
}

/* A function of its own so that SQLite does not take therapy_corpus for an
** eponymous table (it does when xCreate and xConnect are the same). */
static int corpus_create(sqlite3 *db, void *pAux, int argc,
                         const char *const*argv, sqlite3_vtab **ppVtab,
                         char **pzErr){
  return corpus_connect(db, pAux, argc, argv, ppVtab, pzErr);
}

/* xConnect of the eponymous therapy_files(dir, pattern, recursive). */
static int files_connect(sqlite3 *db, void *pAux, int argc,
                         const char *const*argv, sqlite3_vtab **ppVtab,
                         char **pzErr){
  CorpusTable *pTab;
  int rc;
  (void)pAux; (void)argc; (void)argv;
  pTab = sqlite3_malloc64(sizeof(*pTab));
  if( pTab==0 ) return SQLITE_NOMEM;
  memset(pTab, 0, sizeof(*pTab));
  pTab->db = db;
  pTab->zModule = "therapy_files";
  pTab->bRecursive = 1;
  rc = corpus_declare(db, "CREATE TABLE x(" CORPUS_COLUMNS
                      ", dir HIDDEN, pattern HIDDEN, recursive HIDDEN)", pzErr);
  if( rc!=SQLITE_OK ){
    corpus_table_free(pTab);
    return rc;
  }
  *ppVtab = &pTab->base;
  return SQLITE_OK;
}

static int corpus_disconnect(sqlite3_vtab *pVtab){
  corpus_table_free((CorpusTable*)pVtab);
  return SQLITE_OK;
}

static int corpus_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  (void)pVtab;
  pInfo->estimatedCost = 1e6;
  pInfo->estimatedRows = 10000;
  return SQLITE_OK;
}

static int files_best_index(sqlite3_vtab *pVtab, sqlite3_index_info *pInfo){
  (void)pVtab;
  return th_tvf_best_index(pInfo, COL_DIR, 3, 1);
}

/* ---- the current row ------------------------------------------------------- */

/* Forgets what was read for the previous row. */
static void row_reset(CorpusCursor *pCur){
  if( pCur->bPage ) th_page_free(&pCur->page);
  sqlite3_free(pCur->zError);
  pCur->zError = 0;
  buf_reset(&pCur->file);
  buf_reset(&pCur->decoded);
  pCur->zRaw = 0;
  pCur->nRaw = 0;
  pCur->encoding = TH_ENC_UTF8;
  pCur->bStat = pCur->bRead = pCur->bPage = 0;
  pCur->statErrno = 0;
  pCur->size = pCur->mtime = 0;
}

static void row_set_stat(CorpusCursor *pCur, const struct stat *st){
  pCur->bStat = 1;
  pCur->statErrno = 0;
  pCur->size = (sqlite3_int64)st->st_size;
  pCur->mtime = (sqlite3_int64)st->st_mtime;
}

/* Size and mtime of the file (following a symbolic link). */
static void row_stat(CorpusCursor *pCur){
  struct stat st;
  if( pCur->bStat ) return;
  if( stat(pCur->path.z, &st)==0 ){
    row_set_stat(pCur, &st);
  }else{
    pCur->bStat = 1;
    pCur->statErrno = errno;
  }
}


/* Sets the error of the row to zMsg (from sqlite3_malloc; NULL after an
** allocation failed). */
static int row_error(CorpusCursor *pCur, char *zMsg){
  sqlite3_free(pCur->zError);
  pCur->zError = zMsg;
  return zMsg ? SQLITE_OK : SQLITE_NOMEM;
}

/* Reads the whole of the open regular file fd of about nSize bytes into
** pCur->file.  A read error goes to zError. */
static int row_read_fd(CorpusCursor *pCur, int fd, sqlite3_int64 nSize){
  ThBuf *b = &pCur->file;
  if( th_buf_reserve(b, (size_t)nSize + 1) ) return SQLITE_NOMEM;
  for(;;){
    ssize_t got;
    if( b->n + 1 >= b->nAlloc && th_buf_reserve(b, 65536) ){
      return SQLITE_NOMEM;
    }
    got = read(fd, b->z + b->n, b->nAlloc - b->n - 1);
    if( got<0 && errno==EINTR ) continue;
    if( got<0 ) return row_error(pCur, errno_message("cannot read", errno));
    if( got==0 ) break;
    b->n += (size_t)got;
    if( (sqlite3_int64)b->n > pCur->nMaxSize ){    /* it grew meanwhile */
      return row_error(pCur, sqlite3_mprintf("too large: more than %lld "
                                             "bytes", pCur->nMaxSize));
    }
  }
  b->z[b->n] = 0;
  return SQLITE_OK;
}

/* Turns the bytes read into UTF-8 text: zRaw, nRaw and encoding. */
static int row_decode(CorpusCursor *pCur){
  size_t iStart = 0;
  const char *z = pCur->file.z ? pCur->file.z : "";
  if( th_decode_text(z, pCur->file.n, &pCur->decoded, &pCur->encoding,
                     &iStart) ){
    return SQLITE_NOMEM;
  }
  if( pCur->encoding==TH_ENC_UTF8 ){
    pCur->zRaw = z + iStart;
    pCur->nRaw = pCur->file.n - iStart;
  }else{
    pCur->zRaw = pCur->decoded.z ? pCur->decoded.z : "";
    pCur->nRaw = pCur->decoded.n;
  }
  if( (sqlite3_int64)pCur->nRaw > pCur->nMaxText ){
    return row_error(pCur, sqlite3_mprintf("too large: %lld bytes as UTF-8 "
                     "(limit %lld)", (sqlite3_int64)pCur->nRaw,
                     pCur->nMaxText));
  }
  return SQLITE_OK;
}

/* Reads and decodes the file of the row, once.  Whatever goes wrong with
** the file goes to zError; only running out of memory fails the query. */
static int row_read(CorpusCursor *pCur){
  struct stat st;
  int fd, rc;
  if( pCur->bRead ) return SQLITE_OK;
  pCur->bRead = 1;
  if( pCur->bStat && pCur->statErrno ){
    return row_error(pCur, errno_message("cannot open", pCur->statErrno));
  }
  if( pCur->eType==ENTRY_OTHER ){
    return row_error(pCur, sqlite3_mprintf("not a regular file"));
  }
  /* O_NONBLOCK: should the entry have become a FIFO, open() does not wait;
  ** O_CLOEXEC: a fork() in another thread does not inherit the file */
  fd = open(pCur->path.z, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if( fd<0 ) return row_error(pCur, errno_message("cannot open", errno));
  if( fstat(fd, &st)!=0 ){
    rc = row_error(pCur, errno_message("cannot read", errno));
  }else if( !S_ISREG(st.st_mode) ){
    rc = row_error(pCur, sqlite3_mprintf("not a regular file"));
  }else{
    row_set_stat(pCur, &st);
    if( pCur->size > pCur->nMaxSize ){
      rc = row_error(pCur, sqlite3_mprintf("too large: %lld bytes "
                     "(limit %lld)", pCur->size, pCur->nMaxSize));
    }else{
      rc = row_read_fd(pCur, fd, pCur->size);
    }
  }
  close(fd);
  if( rc==SQLITE_OK && pCur->zError==0 ) rc = row_decode(pCur);
  return rc;
}

/* Reads, parses and classifies the page of the row, once.  No page when
** the file could not be read (zError). */
static int row_page(CorpusCursor *pCur){
  const char *zNul;
  size_t n;
  int rc = row_read(pCur);
  if( rc!=SQLITE_OK || pCur->bPage || pCur->zError ) return rc;
  /* the text up to its first NUL, as therapy_clean(raw) reads it */
  zNul = memchr(pCur->zRaw, 0, pCur->nRaw);
  n = zNul ? (size_t)(zNul - pCur->zRaw) : pCur->nRaw;
  rc = th_page_load(&pCur->page, pCur->zRaw, n, TH_FORMAT_AUTO);
  if( rc!=SQLITE_OK ) return rc;
  pCur->bPage = 1;            /* from here on row_reset frees the page */
  return th_page_classify(&pCur->page);
}

/* A folder that cannot be walked: the row says so. */
static int row_folder_error(CorpusCursor *pCur, char *zMsg){
  pCur->eType = ENTRY_DIR;
  pCur->bStat = 1;
  pCur->statErrno = -1;       /* no size, no mtime */
  pCur->bRead = 1;
  return row_error(pCur, zMsg);
}

/* ---- the walk ------------------------------------------------------------- */

static int entry_compare(const void *a, const void *b){
  return strcmp(((const DirEntry*)a)->zName, ((const DirEntry*)b)->zName);
}

static int entry_type_of_mode(mode_t m){
  if( S_ISREG(m) ) return ENTRY_FILE;
  if( S_ISDIR(m) ) return ENTRY_DIR;
  if( S_ISLNK(m) ) return ENTRY_LINK;
  return ENTRY_OTHER;
}

/* The type readdir() tells, where it does. */
static int entry_type(const struct dirent *e){
#ifdef DT_UNKNOWN
  switch( e->d_type ){
    case DT_REG:     return ENTRY_FILE;
    case DT_DIR:     return ENTRY_DIR;
    case DT_LNK:     return ENTRY_LINK;
    case DT_UNKNOWN: return ENTRY_UNKNOWN;
    default:         return ENTRY_OTHER;
  }
#else
  (void)e;
  return ENTRY_UNKNOWN;
#endif
}

static void level_free(DirLevel *pLevel){
  th_buf_free(&pLevel->names);
  sqlite3_free(pLevel->aEntry);
  memset(pLevel, 0, sizeof(*pLevel));
}

/* Adds one name read from a folder. */
static int level_add(DirLevel *pLevel, int *pnAlloc, const struct dirent *e){
  DirEntry *pEntry;
  if( pLevel->nEntry>=*pnAlloc ){
    int nNew = *pnAlloc ? *pnAlloc*2 : 64;
    DirEntry *aNew = sqlite3_realloc64(pLevel->aEntry,
                                       sizeof(DirEntry)*(size_t)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    pLevel->aEntry = aNew;
    *pnAlloc = nNew;
  }
  pEntry = &pLevel->aEntry[pLevel->nEntry++];
  pEntry->iName = pLevel->names.n;
  pEntry->zName = 0;
  pEntry->eType = entry_type(e);
  return th_buf_append(&pLevel->names, e->d_name, strlen(e->d_name)+1);
}

/* Lists the folder zPath into *pLevel, names sorted, hidden names left
** out, and closes it again (so that no folder stays open during the walk).
** Returns SQLITE_NOMEM or SQLITE_OK; *pErrno is the errno of a folder that
** cannot be listed (and then *pLevel is empty), else 0. */
static int level_read(const char *zPath, DirLevel *pLevel, int *pErrno){
  DIR *d;
  int i, nAlloc = 0, rc = SQLITE_OK;
  memset(pLevel, 0, sizeof(*pLevel));
  *pErrno = 0;
  d = opendir(zPath);
  if( d==0 ){
    *pErrno = errno;
    return SQLITE_OK;
  }
  while( rc==SQLITE_OK ){
    struct dirent *e;
    errno = 0;
    e = readdir(d);
    if( e==0 ){
      *pErrno = errno;
      break;
    }
    if( e->d_name[0]=='.' ) continue;         /* hidden, "." and ".." */
    rc = level_add(pLevel, &nAlloc, e);
  }
  closedir(d);
  if( rc!=SQLITE_OK || *pErrno ){
    level_free(pLevel);
    return rc;
  }
  for(i=0; i<pLevel->nEntry; i++){
    pLevel->aEntry[i].zName = pLevel->names.z + pLevel->aEntry[i].iName;
  }
  if( pLevel->nEntry>1 ){
    qsort(pLevel->aEntry, (size_t)pLevel->nEntry, sizeof(DirEntry),
          entry_compare);
  }
  return SQLITE_OK;
}

/* 1 when the file name matches one of the patterns (ignoring ASCII case),
** 0 when not, -1 when out of memory. */
static int name_matches(CorpusCursor *pCur, const char *zName){
  CorpusTable *pTab = (CorpusTable*)pCur->base.pVtab;
  const char *const *azPattern = azDefaultPattern;
  int i, nPattern = (int)(sizeof(azDefaultPattern)/sizeof(azDefaultPattern[0]));
  if( pCur->zPattern ){
    azPattern = &pCur->zPattern;
    nPattern = 1;
  }else if( pTab->nPattern>0 ){
    azPattern = (const char *const*)pTab->azPattern;
    nPattern = pTab->nPattern;
  }
  buf_reset(&pCur->lower);
  if( th_buf_append(&pCur->lower, zName, strlen(zName)) ) return -1;
  ascii_lower(pCur->lower.z);
  for(i=0; i<nPattern; i++){
    if( sqlite3_strglob(azPattern[i], pCur->lower.z)==0 ) return 1;
  }
  return 0;
}

/* Goes down into the folder named by path.  *pbRow is set when the folder
** cannot be walked and is a row with an error instead. */
static int walk_descend(CorpusCursor *pCur, int *pbRow){
  DirLevel *pNew;
  int e, rc;
  *pbRow = 0;
  if( pCur->nLevel>CORPUS_MAX_DEPTH ){
    *pbRow = 1;
    return row_folder_error(pCur, sqlite3_mprintf("cannot open directory: "
                            "more than %d levels of subfolders",
                            CORPUS_MAX_DEPTH));
  }
  pNew = &pCur->aLevel[pCur->nLevel];
  rc = level_read(pCur->path.z, pNew, &e);
  if( rc!=SQLITE_OK ) return rc;
  if( e ){
    *pbRow = 1;
    return row_folder_error(pCur, errno_message("cannot open directory", e));
  }
  if( th_buf_putc(&pCur->path, '/') ){
    level_free(pNew);
    return SQLITE_NOMEM;
  }
  pNew->nPath = pCur->path.n;
  pCur->nLevel++;
  return SQLITE_OK;
}

/* Moves to the next row: the next matching file, or a folder that cannot
** be walked; sets bEof after the last. */
static int walk_next(CorpusCursor *pCur){
  row_reset(pCur);
  while( pCur->nLevel>0 ){
    DirLevel *pLevel = &pCur->aLevel[pCur->nLevel-1];
    const DirEntry *pEntry;
    int eType, rc, bMatch;
    if( pLevel->iEntry>=pLevel->nEntry ){
      level_free(pLevel);
      pCur->nLevel--;
      continue;
    }
    pEntry = &pLevel->aEntry[pLevel->iEntry++];
    pCur->path.n = pLevel->nPath;
    rc = th_buf_append(&pCur->path, pEntry->zName, strlen(pEntry->zName));
    if( rc!=SQLITE_OK ) return rc;
    pCur->iName = pLevel->nPath;
    eType = pEntry->eType;
    if( eType==ENTRY_UNKNOWN ){
      struct stat st;
      /* one that vanished meanwhile is left for row_read() to report */
      eType = lstat(pCur->path.z, &st)==0 ? entry_type_of_mode(st.st_mode)
                                          : ENTRY_FILE;
    }
    if( eType==ENTRY_DIR ){
      int bRow;
      if( !pCur->bRecursive ) continue;
      rc = walk_descend(pCur, &bRow);
      if( rc!=SQLITE_OK ) return rc;
      if( bRow ) break;
      continue;
    }
    bMatch = name_matches(pCur, pEntry->zName);
    if( bMatch<0 ) return SQLITE_NOMEM;
    if( !bMatch ) continue;
    if( eType==ENTRY_LINK ){
      struct stat st;
      if( stat(pCur->path.z, &st)==0 ){
        if( S_ISDIR(st.st_mode) ) continue;   /* not followed */
        row_set_stat(pCur, &st);
        eType = S_ISREG(st.st_mode) ? ENTRY_FILE : ENTRY_OTHER;
      }else{
        pCur->bStat = 1;                     /* a dangling link */
        pCur->statErrno = errno;
        eType = ENTRY_FILE;
      }
    }
    pCur->eType = eType;
    break;
  }
  if( pCur->nLevel==0 ){
    pCur->bEof = 1;
  }else{
    pCur->iRowid++;
  }
  return SQLITE_OK;
}

/* ---- the cursor ------------------------------------------------------------ */

static int corpus_open(sqlite3_vtab *pVtab, sqlite3_vtab_cursor **ppCursor){
  int rc = th_tvf_open(sizeof(CorpusCursor), ppCursor);
  (void)pVtab;
  if( rc==SQLITE_OK ){
    CorpusCursor *pCur = (CorpusCursor*)*ppCursor;
    th_page_init(&pCur->page);
    pCur->bEof = 1;
  }
  return rc;
}

/* Frees what the last filter took; the cursor is at EOF afterwards. */
static void corpus_reset(CorpusCursor *pCur){
  row_reset(pCur);
  while( pCur->nLevel>0 ) level_free(&pCur->aLevel[--pCur->nLevel]);
  th_buf_free(&pCur->file);
  th_buf_free(&pCur->decoded);
  th_buf_free(&pCur->path);
  th_buf_free(&pCur->lower);
  th_buf_free(&pCur->dir);
  th_buf_free(&pCur->pattern);
  pCur->zPattern = 0;
  pCur->iRowid = 0;
  pCur->bEof = 1;
}

static int corpus_close(sqlite3_vtab_cursor *pCursor){
  CorpusCursor *pCur = (CorpusCursor*)pCursor;
  corpus_reset(pCur);
  sqlite3_free(pCur);
  return SQLITE_OK;
}

/* Reads the arguments of therapy_files(dir, pattern, recursive) into the
** cursor.  *pbNull is set when dir is NULL (no rows). */
static int files_args(CorpusCursor *pCur, int idxNum, sqlite3_value **argv,
                      int *pbNull){
  const char *z;
  size_t n;
  int iArg = 0;
  *pbNull = 0;
  if( idxNum & 1 ){
    sqlite3_value *v = argv[iArg++];
    z = th_value_text(v, &n);
    if( z==0 ){
      if( sqlite3_value_type(v)!=SQLITE_NULL ) return SQLITE_NOMEM;
      *pbNull = 1;
      return SQLITE_OK;
    }
    if( th_buf_append(&pCur->dir, z, n) ) return SQLITE_NOMEM;
  }
  if( idxNum & 2 ){
    sqlite3_value *v = argv[iArg++];
    z = th_value_text(v, &n);
    if( z==0 && sqlite3_value_type(v)!=SQLITE_NULL ) return SQLITE_NOMEM;
    if( z ){
      /* pattern holds the argument as given, then its lower-case copy */
      if( th_buf_append(&pCur->pattern, z, n)
       || th_buf_putc(&pCur->pattern, 0)
       || th_buf_append(&pCur->pattern, z, n) ){
        return SQLITE_NOMEM;
      }
      pCur->zPattern = pCur->pattern.z + n + 1;
      ascii_lower(pCur->pattern.z + n + 1);
    }
  }
  if( idxNum & 4 ){
    sqlite3_value *v = argv[iArg++];
    if( sqlite3_value_type(v)!=SQLITE_NULL ){
      pCur->bRecursive = sqlite3_value_int(v)!=0;
    }
  }
  return SQLITE_OK;
}

static int corpus_filter(sqlite3_vtab_cursor *pCursor, int idxNum,
                         const char *idxStr, int argc, sqlite3_value **argv){
  CorpusCursor *pCur = (CorpusCursor*)pCursor;
  CorpusTable *pTab = (CorpusTable*)pCursor->pVtab;
  DirLevel *pRoot = &pCur->aLevel[0];
  int rc, e;
  (void)idxStr; (void)argc;
  corpus_reset(pCur);
  pCur->bRecursive = pTab->bRecursive;
  pCur->nMaxText = sqlite3_limit(pTab->db, SQLITE_LIMIT_LENGTH, -1);
  pCur->nMaxSize = pTab->nMaxSize ? pTab->nMaxSize : CORPUS_MAX_SIZE;
  if( pCur->nMaxSize>pCur->nMaxText ) pCur->nMaxSize = pCur->nMaxText;
  if( pTab->zDir ){
    rc = th_buf_append(&pCur->dir, pTab->zDir, strlen(pTab->zDir));
  }else{
    int bNull;
    rc = files_args(pCur, idxNum, argv, &bNull);
    if( rc!=SQLITE_OK || bNull ) return rc;
  }
  if( rc!=SQLITE_OK || th_buf_append(&pCur->path, pCur->dir.z, pCur->dir.n) ){
    return SQLITE_NOMEM;
  }
  rc = level_read(pCur->path.z, pRoot, &e);
  if( rc!=SQLITE_OK ) return rc;
  if( e ){
    char zBuf[256];
    errno_text(e, zBuf, sizeof(zBuf));
    sqlite3_free(pTab->base.zErrMsg);
    pTab->base.zErrMsg = sqlite3_mprintf("%s: cannot open directory '%s': %s",
                                         pTab->zModule, pCur->dir.z, zBuf);
    return SQLITE_ERROR;
  }
  if( pCur->path.n==0 || pCur->path.z[pCur->path.n-1]!='/' ){
    if( th_buf_putc(&pCur->path, '/') ){
      level_free(pRoot);
      return SQLITE_NOMEM;
    }
  }
  pRoot->nPath = pCur->path.n;
  pCur->nLevel = 1;
  pCur->bEof = 0;
  return walk_next(pCur);
}

static int corpus_next(sqlite3_vtab_cursor *pCursor){
  return walk_next((CorpusCursor*)pCursor);
}

static int corpus_eof(sqlite3_vtab_cursor *pCursor){
  return ((CorpusCursor*)pCursor)->bEof;
}

/* The field of the page read by xField: body is '' when empty, the others
** NULL, as for therapy_clean() and therapy_title() ... */
static int result_page_field(CorpusCursor *pCur, sqlite3_context *ctx,
                             int (*xField)(ThPage*, ThBuf*), int bBody){
  ThBuf out;
  int rc = row_page(pCur);
  if( rc!=SQLITE_OK || pCur->zError ) return rc;
  th_buf_init(&out);
  if( xField(&pCur->page, &out) ){
    th_buf_free(&out);
    return SQLITE_NOMEM;
  }
  if( out.n==0 && !bBody ){
    th_buf_free(&out);
    return SQLITE_OK;
  }
  th_buf_result(ctx, &out);
  return SQLITE_OK;
}

static int corpus_column(sqlite3_vtab_cursor *pCursor, sqlite3_context *ctx,
                         int iCol){
  CorpusCursor *pCur = (CorpusCursor*)pCursor;
  int rc = SQLITE_OK;
  switch( iCol ){
    case COL_PATH:
      sqlite3_result_text64(ctx, pCur->path.z, pCur->path.n,
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case COL_NAME:
      sqlite3_result_text64(ctx, pCur->path.z + pCur->iName,
                            pCur->path.n - pCur->iName, SQLITE_TRANSIENT,
                            SQLITE_UTF8);
      break;
    case COL_SIZE:
    case COL_MTIME:
      row_stat(pCur);
      if( pCur->statErrno==0 ){
        sqlite3_result_int64(ctx, iCol==COL_SIZE ? pCur->size : pCur->mtime);
      }
      break;
    case COL_FORMAT:
      rc = row_read(pCur);
      if( rc==SQLITE_OK && pCur->zError==0 ){
        const char *zNul = memchr(pCur->zRaw, 0, pCur->nRaw);
        size_t n = zNul ? (size_t)(zNul - pCur->zRaw) : pCur->nRaw;
        ThFormat f = th_detect_format(pCur->zRaw, n);
        sqlite3_result_text(ctx, f==TH_FORMAT_HTML ? "html" : "text", -1,
                            SQLITE_STATIC);
      }
      break;
    case COL_RAW:
      rc = row_read(pCur);
      if( rc==SQLITE_OK && pCur->zError==0 ){
        sqlite3_result_text64(ctx, pCur->zRaw, pCur->nRaw, SQLITE_TRANSIENT,
                              SQLITE_UTF8);
      }
      break;
    case COL_BODY:
      rc = result_page_field(pCur, ctx, th_page_body, 1);
      break;
    case COL_TITLE:
      rc = result_page_field(pCur, ctx, th_page_title, 0);
      break;
    case COL_DATE:
      rc = result_page_field(pCur, ctx, th_page_date, 0);
      break;
    case COL_BYLINE:
      rc = result_page_field(pCur, ctx, th_page_byline, 0);
      break;
    case COL_SITE:
      rc = result_page_field(pCur, ctx, th_page_site, 0);
      break;
    case COL_ENCODING:
      rc = row_read(pCur);
      if( rc==SQLITE_OK && pCur->zError==0 ){
        sqlite3_result_text(ctx, th_encoding_name(pCur->encoding), -1,
                            SQLITE_STATIC);
      }
      break;
    case COL_ERROR:
      rc = row_read(pCur);
      if( rc==SQLITE_OK && pCur->zError ){
        sqlite3_result_text(ctx, pCur->zError, -1, SQLITE_TRANSIENT);
      }
      break;
    case COL_DIR:
      sqlite3_result_text64(ctx, pCur->dir.z ? pCur->dir.z : "", pCur->dir.n,
                            SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case COL_PATTERN:
      if( pCur->zPattern ){
        sqlite3_result_text(ctx, pCur->pattern.z, -1, SQLITE_TRANSIENT);
      }
      break;
    default:
      sqlite3_result_int(ctx, pCur->bRecursive);
      break;
  }
  if( rc==SQLITE_NOMEM ) sqlite3_result_error_nomem(ctx);
  return rc;
}

static int corpus_rowid(sqlite3_vtab_cursor *pCursor, sqlite3_int64 *pRowid){
  *pRowid = ((CorpusCursor*)pCursor)->iRowid;
  return SQLITE_OK;
}

/* CREATE VIRTUAL TABLE ... USING therapy_corpus(...).  Read-only: no
** xUpdate. */
static const sqlite3_module corpusModule = {
  .iVersion    = 0,
  .xCreate     = corpus_create,
  .xConnect    = corpus_connect,
  .xBestIndex  = corpus_best_index,
  .xDisconnect = corpus_disconnect,
  .xDestroy    = corpus_disconnect,
  .xOpen       = corpus_open,
  .xClose      = corpus_close,
  .xFilter     = corpus_filter,
  .xNext       = corpus_next,
  .xEof        = corpus_eof,
  .xColumn     = corpus_column,
  .xRowid      = corpus_rowid,
};

/* therapy_files(dir [, pattern [, recursive]]): eponymous only. */
static const sqlite3_module filesModule = {
  .iVersion    = 0,
  .xCreate     = 0,
  .xConnect    = files_connect,
  .xBestIndex  = files_best_index,
  .xDisconnect = corpus_disconnect,
  .xDestroy    = 0,
  .xOpen       = corpus_open,
  .xClose      = corpus_close,
  .xFilter     = corpus_filter,
  .xNext       = corpus_next,
  .xEof        = corpus_eof,
  .xColumn     = corpus_column,
  .xRowid      = corpus_rowid,
};

int th_register_corpus(sqlite3 *db){
  int rc = sqlite3_create_module_v2(db, "therapy_corpus", &corpusModule, 0, 0);
  if( rc==SQLITE_OK ){
    rc = sqlite3_create_module_v2(db, "therapy_files", &filesModule, 0, 0);
  }
  return rc;
}
