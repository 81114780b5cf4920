/*
** runner.c -- runs the SQL tests of the therapy extension.
**
**   runner EXT [--api FILE] [--readme FILE] [FILE.test ...]
**
** EXT is the path of the loadable extension (as for .load).
**
** FILE.test: every line "SQL ==> EXPECTED" is one assertion.  The result is
** rendered as the columns of a row joined by '|', rows joined by newlines,
** NULL as "NULL", and then newline, tab and backslash written as \n, \t and
** \\ so that it fits on one line.  "==> ERROR: words" expects the statement
** to fail with an error message containing the words.  Any other line that
** is not blank or a "--" comment is a statement that must succeed.  Each
** file runs on its own fresh in-memory database.
**
** --readme FILE: every ```sql block of the README is run on one database,
** in order.  A statement (lines up to one ending in ';') followed by lines
** starting "-- " expects exactly those lines as its output (one line per row,
** columns joined by '|').  Lines starting with '.' are shell commands and
** are skipped.
**
** --api FILE: the functions and modules the extension adds to a connection
** (pragma_function_list / pragma_module_list after loading, less before)
** must be exactly those listed in FILE, with the listed flags.
**
** Prints "N passed, M failed" last; exits 1 if anything failed.
*/
#define _POSIX_C_SOURCE 200809L
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int nPass = 0;
static int nFail = 0;
static const char *zExtension = 0;

/* ---- small string buffer ------------------------------------------------ */

typedef struct Str { char *z; size_t n, nAlloc; } Str;

static void str_add(Str *s, const char *z, size_t n){
  if( s->n + n + 1 > s->nAlloc ){
    s->nAlloc = (s->n + n + 1)*2 + 64;
    s->z = realloc(s->z, s->nAlloc);
    if( s->z==0 ){ fprintf(stderr, "out of memory\n"); exit(2); }
  }
  memcpy(s->z + s->n, z, n);
  s->n += n;
  s->z[s->n] = 0;
}
static void str_addz(Str *s, const char *z){ str_add(s, z, strlen(z)); }
static void str_reset(Str *s){ s->n = 0; if( s->z ) s->z[0] = 0; }

/* ---- running SQL ---------------------------------------------------------- */

static sqlite3 *open_db(void){
  sqlite3 *db = 0;
  char *zErr = 0;
  if( sqlite3_open(":memory:", &db)!=SQLITE_OK ){
    fprintf(stderr, "cannot open database\n");
    exit(2);
  }
  sqlite3_enable_load_extension(db, 1);
  if( zExtension && sqlite3_load_extension(db, zExtension, 0, &zErr) ){
    fprintf(stderr, "cannot load %s: %s\n", zExtension, zErr);
    exit(2);
  }
  return db;
}

/* Appends value text with the escapes of .test files when bEscape. */
static void add_value(Str *out, const char *z, int bEscape){
  if( !bEscape ){ str_addz(out, z); return; }
  for(; *z; z++){
    if( *z=='\n' ) str_addz(out, "\\n");
    else if( *z=='\t' ) str_addz(out, "\\t");
    else if( *z=='\\' ) str_addz(out, "\\\\");
    else str_add(out, z, 1);
  }
}

/* Runs every statement of zSql; the rows of all of them go to out.
** Returns 0, or 1 with the error message in out. */
static int run_sql(sqlite3 *db, const char *zSql, Str *out, int bEscape){
  const char *zTail = zSql;
  int nRow = 0;
  str_reset(out);
  while( zTail && *zTail ){
    sqlite3_stmt *pStmt = 0;
    int rc = sqlite3_prepare_v2(db, zTail, -1, &pStmt, &zTail);
    if( rc!=SQLITE_OK ){
      str_reset(out);
      str_addz(out, sqlite3_errmsg(db));
      return 1;
    }
    if( pStmt==0 ) break;
    while( (rc = sqlite3_step(pStmt))==SQLITE_ROW ){
      int i, n = sqlite3_column_count(pStmt);
      if( nRow++ ) str_addz(out, bEscape ? "\\n" : "\n");
      for(i=0; i<n; i++){
        const char *z = (const char*)sqlite3_column_text(pStmt, i);
        if( i ) str_addz(out, "|");
        add_value(out, z ? z : "NULL", bEscape);
      }
    }
    if( rc!=SQLITE_DONE ){
      str_reset(out);
      str_addz(out, sqlite3_errmsg(db));
      sqlite3_finalize(pStmt);
      return 1;
    }
    sqlite3_finalize(pStmt);
  }
  return 0;
}

static void report(int ok, const char *zFile, int iLine, const char *zSql,
                   const char *zWant, const char *zGot){
  if( ok ){ nPass++; return; }
  nFail++;
  printf("FAIL %s:%d\n  sql:      %s\n  expected: %s\n  got:      %s\n",
         zFile, iLine, zSql, zWant, zGot);
}

/* ---- .test files ----------------------------------------------------------- */

static void chomp(char *z){
  size_t n = strlen(z);
  while( n>0 && (z[n-1]=='\n' || z[n-1]=='\r') ) z[--n] = 0;
}

static void run_test_file(const char *zFile){
  FILE *f = fopen(zFile, "r");
  sqlite3 *db;
  char *zLine = 0;
  size_t nLine = 0;
  int iLine = 0;
  Str got = {0, 0, 0};
  if( f==0 ){
    report(0, zFile, 0, "(open file)", "readable", "cannot open");
    return;
  }
  db = open_db();
  while( getline(&zLine, &nLine, f)>=0 ){
    char *zArrow, *zWant;
    const char *p;
    int isErr;
    iLine++;
    chomp(zLine);
    for(p=zLine; *p==' ' || *p=='\t'; p++){}
    if( *p==0 || (p[0]=='-' && p[1]=='-') ) continue;
    zArrow = strstr(zLine, " ==> ");
    if( zArrow==0 ){
      isErr = run_sql(db, zLine, &got, 1);
      if( isErr ) report(0, zFile, iLine, zLine, "(success)", got.z);
      continue;
    }
    *zArrow = 0;
    zWant = zArrow + 5;
    isErr = run_sql(db, zLine, &got, 1);
    if( strncmp(zWant, "ERROR: ", 7)==0 ){
      report(isErr && strstr(got.z ? got.z : "", zWant+7)!=0, zFile, iLine,
             zLine, zWant, isErr ? got.z : "(no error)");
    }else{
      const char *zGot = got.z ? got.z : "";
      report(!isErr && strcmp(zGot, zWant)==0, zFile, iLine, zLine, zWant,
             isErr ? got.z : zGot);
    }
  }
  free(zLine);
  free(got.z);
  sqlite3_close(db);
  fclose(f);
}

/* ---- README examples ------------------------------------------------------- */

static void check_readme_stmt(sqlite3 *db, const char *zFile, int iLine,
                              Str *sql, Str *want, int nWant){
  Str got = {0, 0, 0};
  int isErr;
  if( sql->n==0 ) return;
  isErr = run_sql(db, sql->z, &got, 0);
  if( nWant==0 ){
    /* a set-up statement: it must only succeed */
    if( isErr ) report(0, zFile, iLine, sql->z, "(success)", got.z);
  }else{
    report(!isErr && strcmp(got.z ? got.z : "", want->z)==0,
           zFile, iLine, sql->z, want->z, got.z ? got.z : "");
  }
  free(got.z);
  str_reset(sql);
  str_reset(want);
}

static void run_readme(const char *zFile){
  FILE *f = fopen(zFile, "r");
  sqlite3 *db;
  char *zLine = 0;
  size_t nLine = 0;
  int iLine = 0, inSql = 0, nWant = 0, iStmt = 0, stmtDone = 0;
  Str sql = {0, 0, 0}, want = {0, 0, 0};
  if( f==0 ){
    report(0, zFile, 0, "(open file)", "readable", "cannot open");
    return;
  }
  db = open_db();
  while( getline(&zLine, &nLine, f)>=0 ){
    iLine++;
    chomp(zLine);
    if( !inSql ){
      if( strncmp(zLine, "```sql", 6)==0 ) inSql = 1;
      continue;
    }
    if( strncmp(zLine, "```", 3)==0 ){
      check_readme_stmt(db, zFile, iStmt, &sql, &want, nWant);
      inSql = nWant = stmtDone = 0;
      continue;
    }
    if( stmtDone && (strncmp(zLine, "-- ", 3)==0 || strcmp(zLine, "--")==0) ){
      if( nWant++ ) str_addz(&want, "\n");
      str_addz(&want, zLine[2] ? zLine+3 : "");
      continue;
    }
    if( zLine[0]=='.' || zLine[0]==0 || strncmp(zLine, "--", 2)==0 ){
      continue;
    }
    if( stmtDone ){
      check_readme_stmt(db, zFile, iStmt, &sql, &want, nWant);
      nWant = stmtDone = 0;
    }
    if( sql.n==0 ) iStmt = iLine;
    if( sql.n ) str_addz(&sql, "\n");
    str_addz(&sql, zLine);
    if( sql.n && sql.z[sql.n-1]==';' ) stmtDone = 1;
  }
  free(zLine);
  free(sql.z);
  free(want.z);
  sqlite3_close(db);
  fclose(f);
}

/* ---- API surface ------------------------------------------------------------ */

/* One line per function "name narg flags" and per module "module name",
** sorted; flags are the words deterministic, innocuous, directonly. */
static const char *zSurfaceSql =
  "SELECT name || ' ' || narg || ' ' || trim("
  "  iif(flags & 0x800, 'deterministic ', '') ||"
  "  iif(flags & 0x200000, 'innocuous ', '') ||"
  "  iif(flags & 0x80000, 'directonly ', '')) AS line"
  "  FROM pragma_function_list"
  " UNION SELECT 'module ' || name FROM pragma_module_list"
  " ORDER BY line";

static void collect_lines(sqlite3 *db, Str *out){
  if( run_sql(db, zSurfaceSql, out, 0) ){
    fprintf(stderr, "cannot list functions: %s\n", out->z);
    exit(2);
  }
  str_addz(out, "\n");
}

static int has_line(const char *zList, const char *zLine, size_t n){
  const char *p = zList;
  while( (p = strstr(p, zLine))!=0 ){
    if( (p==zList || p[-1]=='\n') && p[n]=='\n' ) return 1;
    p += n;
  }
  return 0;
}

static void run_api(const char *zFile){
  sqlite3 *db;
  const char *zSave = zExtension;
  Str before = {0, 0, 0}, after = {0, 0, 0}, added = {0, 0, 0};
  Str want = {0, 0, 0};
  char *zLine = 0;
  size_t nLine = 0;
  const char *p;
  FILE *f = fopen(zFile, "r");
  if( f==0 ){
    report(0, zFile, 0, "(open file)", "readable", "cannot open");
    return;
  }
  zExtension = 0;
  db = open_db();
  collect_lines(db, &before);
  sqlite3_close(db);
  zExtension = zSave;
  db = open_db();
  collect_lines(db, &after);
  sqlite3_close(db);
  for(p=after.z; *p; ){
    const char *e = strchr(p, '\n');
    size_t n = (size_t)(e - p);
    char *zOne = strndup(p, n);
    if( !has_line(before.z, zOne, n) ){
      str_addz(&added, zOne);
      str_addz(&added, "\n");
    }
    free(zOne);
    p = e + 1;
  }
  while( getline(&zLine, &nLine, f)>=0 ){
    chomp(zLine);
    if( zLine[0]==0 || zLine[0]=='#' ) continue;
    str_addz(&want, zLine);
    str_addz(&want, "\n");
    report(has_line(added.z ? added.z : "", zLine, strlen(zLine)), zFile, 0,
           "(function or module registered with these flags)", zLine,
           "missing or other flags");
  }
  for(p=added.z ? added.z : ""; *p; ){
    const char *e = strchr(p, '\n');
    size_t n = (size_t)(e - p);
    char *zOne = strndup(p, n);
    if( !has_line(want.z ? want.z : "", zOne, n) ){
      report(0, zFile, 0, "(registered but not documented)", "", zOne);
    }
    free(zOne);
    p = e + 1;
  }
  free(zLine);
  free(before.z); free(after.z); free(added.z); free(want.z);
  fclose(f);
}

int main(int argc, char **argv){
  int i;
  if( argc<2 ){
    fprintf(stderr, "usage: %s EXT [--api FILE] [--readme FILE] "
                    "[FILE.test ...]\n", argv[0]);
    return 2;
  }
  zExtension = argv[1];
  for(i=2; i<argc; i++){
    if( strcmp(argv[i], "--api")==0 && i+1<argc ){
      run_api(argv[++i]);
    }else if( strcmp(argv[i], "--readme")==0 && i+1<argc ){
      run_readme(argv[++i]);
    }else{
      run_test_file(argv[i]);
    }
  }
  printf("sql: %d passed, %d failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}
