/*
** bench.c -- throughput of the therapy functions, one core.
**
**   bench EXT SAMPLES_DIR [MEGABYTES [NAME]]
**
** Builds an in-memory corpus of at least MEGABYTES (default 200) from the
** files in SAMPLES_DIR, each copy varied (digits shifted, paragraphs
** rotated) so that no two articles are the same, then runs one query per
** function over all articles, three times, and prints the MB/s of the
** fastest run (only the functions whose name contains NAME, when given).
** Figures are printed, never asserted.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "samples_io.h"


/* One benchmark: the function measured, a query over articles(body, html)
** or over bodies(body), the articles' text as therapy_clean() gives it
** and which articles it reads (all, text pages or HTML pages). */
enum { ALL, TEXT, HTML, ARTICLE };
static const struct { const char *zName; int eWhich; const char *zSql; } aBench[] = {
  { "(baseline: length)", ALL,
    "SELECT sum(length(body)) FROM articles" },
  { "regexp_like", ALL,
    "SELECT count(*) FROM articles WHERE regexp_like(body, "
    "'(?i)\\bNCT\\s*\\d{8}')" },
  { "regexp_matches", ALL,
    "SELECT count(*) FROM articles, regexp_matches(articles.body, "
    "'(?i)\\b(?:NCT|ISRCTN)\\W{0,2}\\d{8}')" },
  { "regexp_replace", ALL,
    "SELECT sum(length(regexp_replace(body, '\\s+', ' '))) FROM articles" },
  { "unicode_fold", ALL,
    "SELECT sum(length(unicode_fold(body))) FROM articles" },
  { "unicode_normalize NFC", ALL,
    "SELECT sum(length(unicode_normalize(body, 'NFC'))) FROM articles" },
  { "extract_sentences", ALL,
    "SELECT count(*) FROM articles, extract_sentences(articles.body)" },
  { "extract_numbers", ALL,
    "SELECT count(*) FROM articles, extract_numbers(articles.body)" },
  { "extract_entities", ALL,
    "SELECT count(*) FROM articles, extract_entities(articles.body)" },
  { "therapy_kind", ALL,
    "SELECT count(therapy_kind(body)) FROM articles" },
  { "extract_trials (article text)", ARTICLE,
    "SELECT count(*) FROM bodies, extract_trials(bodies.body)" },
  { "therapy_clean (text)", TEXT,
    "SELECT sum(length(therapy_clean(body))) FROM articles WHERE NOT html" },
  { "therapy_clean (html)", HTML,
    "SELECT sum(length(therapy_clean(body))) FROM articles WHERE html" },
  { "therapy_title (text)", TEXT,
    "SELECT count(therapy_title(body)) FROM articles WHERE NOT html" },
  { "therapy_date (text)", TEXT,
    "SELECT count(therapy_date(body)) FROM articles WHERE NOT html" },
  { "therapy_date (html)", HTML,
    "SELECT count(therapy_date(body)) FROM articles WHERE html" },
};

static double now(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec/1e9;
}

/* The one number a query gives (bytes are counted in bytes: length() of
** a text counts characters, so the query should cast to BLOB). */
static double total_length(sqlite3 *db, const char *zSql){
  sqlite3_stmt *pStmt = 0;
  double v = 0;
  if( sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0)==SQLITE_OK
   && sqlite3_step(pStmt)==SQLITE_ROW ){
    v = sqlite3_column_double(pStmt, 0);
  }
  sqlite3_finalize(pStmt);
  return v;
}

static int build_corpus(sqlite3 *db, Sample *a, int nSample, double nMB,
                        double *aBytes){
  sqlite3_stmt *pIns = 0;
  size_t nMax = 0;
  char *zBuf;
  int i;
  double total = 0;
  for(i=0; i<nSample; i++) if( a[i].n>nMax ) nMax = a[i].n;
  zBuf = malloc(nMax + 2);
  if( zBuf==0 ) return 1;
  sqlite3_exec(db, "CREATE TABLE articles(id INTEGER PRIMARY KEY, body TEXT, html INT);"
                   "BEGIN", 0, 0, 0);
  sqlite3_prepare_v2(db, "INSERT INTO articles(body, html) VALUES(?, ?)", -1, &pIns, 0);
  for(i=0; total < nMB*1e6; i++){
    size_t n = vary_sample(&a[i % nSample], i / nSample, zBuf);
    sqlite3_bind_text(pIns, 1, zBuf, (int)n, SQLITE_TRANSIENT);
    sqlite3_bind_int(pIns, 2, a[i % nSample].bHtml);
    sqlite3_step(pIns);
    sqlite3_reset(pIns);
    total += (double)n;
    aBytes[a[i % nSample].bHtml ? HTML : TEXT] += (double)n;
  }
  sqlite3_finalize(pIns);
  sqlite3_exec(db, "COMMIT", 0, 0, 0);
  free(zBuf);
  aBytes[ALL] = total;
  /* the article text, once, untimed */
  if( sqlite3_exec(db, "CREATE TABLE bodies AS"
                   " SELECT therapy_clean(body) AS body FROM articles", 0, 0, 0) ){
    return 1;
  }
  aBytes[ARTICLE] = total_length(db,
      "SELECT sum(length(CAST(body AS BLOB))) FROM bodies");
  printf("corpus: %d articles, %.1f MB (%.1f MB text pages, %.1f MB HTML;"
         " %.1f MB article text; from %d samples)\n",
         i, total/1e6, aBytes[TEXT]/1e6, aBytes[HTML]/1e6,
         aBytes[ARTICLE]/1e6, nSample);
  return 0;
}

/* Runs zSql RUNS times and prints the fastest run: on a shared machine
** the fastest is the one least slowed by other work. */
#define RUNS 5

static void run_one(sqlite3 *db, const char *zName, const char *zSql,
                    double nBytes){
  sqlite3_stmt *pStmt = 0;
  double best = 0;
  int k, rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  for(k=0; rc==SQLITE_OK && k<RUNS; k++){
    double t0 = now(), dt;
    while( (rc = sqlite3_step(pStmt))==SQLITE_ROW ){}
    dt = now() - t0;
    if( rc==SQLITE_DONE ) rc = sqlite3_reset(pStmt);
    if( k==0 || dt<best ) best = dt;
  }
  if( rc!=SQLITE_OK ){
    printf("%-24s error: %s\n", zName, sqlite3_errmsg(db));
  }else{
    printf("%-24s %8.2f s %9.1f MB/s\n", zName, best, nBytes/1e6/best);
  }
  sqlite3_finalize(pStmt);
}

int main(int argc, char **argv){
  Sample aSample[256];
  sqlite3 *db;
  char *zErr = 0;
  double aBytes[4] = {0, 0, 0, 0}, nMB = argc>3 ? atof(argv[3]) : 200.0;
  int nSample, i;
  size_t k;
  setvbuf(stdout, 0, _IOLBF, 0);
  if( argc<3 ){
    fprintf(stderr, "usage: %s EXT SAMPLES_DIR [MEGABYTES [NAME]]\n", argv[0]);
    return 2;
  }
  nSample = load_samples(argv[2], aSample, 256);
  if( nSample==0 ){
    fprintf(stderr, "no .txt or .html files in %s\n", argv[2]);
    return 2;
  }
  sqlite3_open(":memory:", &db);
  sqlite3_enable_load_extension(db, 1);
  if( sqlite3_load_extension(db, argv[1], 0, &zErr) ){
    fprintf(stderr, "cannot load %s: %s\n", argv[1], zErr);
    return 2;
  }
  if( build_corpus(db, aSample, nSample, nMB, aBytes) ) return 2;
  printf("%-24s %10s %14s  (best of %d runs)\n", "function", "time",
         "throughput", RUNS);
  for(k=0; k<sizeof(aBench)/sizeof(aBench[0]); k++){
    if( argc>4 && k>0 && strstr(aBench[k].zName, argv[4])==0 ) continue;
    run_one(db, aBench[k].zName, aBench[k].zSql, aBytes[aBench[k].eWhich]);
  }
  sqlite3_close(db);
  for(i=0; i<nSample; i++) free(aSample[i].z);
  return 0;
}
