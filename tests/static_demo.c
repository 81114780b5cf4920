/*
** static_demo.c -- a C program linked with build/libtherapy.a: it registers
** the extension with sqlite3_auto_extension and checks that the functions
** answer on a new connection, then that four threads, each with its own
** connection, get the same answers at the same time (the first use of the
** shared lexicon happens in all of them at once).
** Prints "static: N passed, M failed".
*/
#define _POSIX_C_SOURCE 200809L
#include <pthread.h>
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

/* What each thread runs, and the answer it must get every time. */
static const char *zThreadSql =
  "SELECT therapy_kind('Engineered CAR-T cells put lupus into remission.')"
  " || '|' || (SELECT count(*) FROM extract_entities("
  "   'IL2RG gene therapy for X-SCID, NCT01512888, in Blood.'))"
  " || '|' || regexp_replace('NCT 01512888', '\\s+', '')"
  " || '|' || length(therapy_clean('Menu\n\nA small trial of gene therapy"
  " treated eight infants with a lentiviral vector, the team said today.'))";
static const char *zThreadWant = "car_t|4|NCT01512888|98";

typedef struct ThreadResult { int nOk, nBad; } ThreadResult;

static void *thread_main(void *pArg){
  ThreadResult *p = (ThreadResult*)pArg;
  sqlite3 *db = 0;
  int i;
  if( sqlite3_open(":memory:", &db)!=SQLITE_OK ){ p->nBad++; return 0; }
  for(i=0; i<50; i++){
    sqlite3_stmt *pStmt = 0;
    int ok = sqlite3_prepare_v2(db, zThreadSql, -1, &pStmt, 0)==SQLITE_OK
          && sqlite3_step(pStmt)==SQLITE_ROW
          && strcmp((const char*)sqlite3_column_text(pStmt, 0), zThreadWant)==0;
    if( ok ) p->nOk++; else p->nBad++;
    sqlite3_finalize(pStmt);
  }
  sqlite3_close(db);
  return 0;
}

/* Four threads at once; one assertion per thread (all 50 answers right). */
static void check_threads(void){
  pthread_t aThread[4];
  ThreadResult aRes[4];
  int i;
  memset(aRes, 0, sizeof(aRes));
  for(i=0; i<4; i++) pthread_create(&aThread[i], 0, thread_main, &aRes[i]);
  for(i=0; i<4; i++){
    pthread_join(aThread[i], 0);
    if( aRes[i].nOk==50 && aRes[i].nBad==0 ){
      nPass++;
    }else{
      nFail++;
      printf("FAIL static: thread %d: %d right, %d wrong (want %s)\n",
             i, aRes[i].nOk, aRes[i].nBad, zThreadWant);
    }
  }
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
  expect(db, zThreadSql, zThreadWant);
  sqlite3_close(db);
  check_threads();
  printf("static: %d passed, %d failed\n", nPass, nFail);
  return nFail ? 1 : 0;
}
