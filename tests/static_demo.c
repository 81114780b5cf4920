/*
** static_demo.c -- a C program linked with build/libtherapy.a: it registers
** the extension with sqlite3_auto_extension and checks that the functions
** answer on a new connection.  Prints "static: N passed, M failed".
*/
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include "therapy.h"

static int nPass = 0, nFail = 0;

static void expect(sqlite3 *db, const char *zSql, const char *zWant){
  sqlite3_stmt *pStmt = 0;
  const char *zGot = "(error)";
  if( sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0)==SQLITE_OK
   && sqlite3_step(pStmt)==SQLITE_ROW ){
    zGot = (const char*)sqlite3_column_text(pStmt, 0);
    if( zGot==0 ) zGot = "NULL";
  }else{
    zGot = sqlite3_errmsg(db);
  }
  if( strcmp(zGot, zWant)==0 ){
    nPass++;
  }else{
    nFail++;
    printf("FAIL static: %s\n  expected: %s\n  got:      %s\n",
           zSql, zWant, zGot);
  }
  sqlite3_finalize(pStmt);
}

int main(void){
  sqlite3 *db;
  sqlite3_auto_extension((void(*)(void))sqlite3_therapy_init);
  if( sqlite3_open(":memory:", &db)!=SQLITE_OK ) return 2;
  expect(db, "SELECT therapy_version()", therapy_libversion());
  expect(db, "SELECT regexp_like('NCT01512888', '^NCT\\d{8}$')", "1");
  expect(db, "SELECT unicode_fold('CAR‑T Universität')", "car-t universitat");
  expect(db, "SELECT parse_number('twenty-one')", "21");
  expect(db, "SELECT count(*) FROM extract_sentences('Dr. Li came. He left.')",
         "2");
  sqlite3_close(db);
  printf("static: %d passed, %d failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}
