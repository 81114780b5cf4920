/*
** bench_corpus.c -- time and memory of therapy_files() over many small
** files.
**
**   bench_corpus EXT SAMPLES_DIR [OUT_DIR [NFILES]]
**
** Writes NFILES (default 100000) small pages into OUT_DIR (default
** build/bench-files), 1000 per subfolder, each a varied copy of a file of
** SAMPLES_DIR (paragraphs rotated, digits shifted, cut to 1..8 KB; one in
** 100 written in Windows-1252), unless OUT_DIR already holds them.  Then
** runs, over one subfolder and then over all of OUT_DIR:
**
**   SELECT count(*) FROM therapy_files(dir)                    -- listing
**   SELECT count(*), sum(length(raw)) FROM therapy_files(dir)  -- reading
**   SELECT count(*), sum(length(body)) FROM therapy_files(dir) -- cleaning
**
** and prints the time of each query and the peak resident memory of the
** process after it (getrusage ru_maxrss): flat memory means the peak after
** 100 000 files is the peak after 1000.  Figures are printed, never
** asserted.  The files were just written, so they are in the page cache.
*/
#define _POSIX_C_SOURCE 200809L
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sqlite3.h>
#include "samples_io.h"


static double now(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec/1e9;
}

/* Peak resident set size of the process in MB. */
static double peak_rss_mb(void){
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
#ifdef __APPLE__
  return (double)ru.ru_maxrss/1e6;          /* bytes */
#else
  return (double)ru.ru_maxrss/1024.0;       /* kilobytes */
#endif
}

/* Copy i of sample p into zOut (vary_sample), cut to between 1 and 8 KB. */
static size_t vary(const Sample *p, int i, char *zOut){
  size_t nOut = vary_sample(p, i, zOut), nKeep;
  nKeep = 1024 + ((size_t)i*7919) % (7*1024);
  if( nKeep<nOut ){
    nOut = nKeep;
    /* do not cut a UTF-8 character in two */
    while( nOut>0 && ((unsigned char)zOut[nOut] & 0xC0)==0x80 ) nOut--;
  }
  return nOut;
}

/* Rewrites UTF-8 z[0..n) in place as Latin-1 (other characters as '?'),
** which is also Windows-1252 for these; returns the new length. */
static size_t to_latin1(char *z, size_t n){
  size_t i = 0, j = 0;
  while( i<n ){
    unsigned char c = (unsigned char)z[i];
    if( c<0x80 ){
      z[j++] = z[i++];
    }else if( (c==0xC2 || c==0xC3) && i+1<n ){
      z[j++] = (char)(((c & 0x03)<<6) | ((unsigned char)z[i+1] & 0x3F));
      i += 2;
    }else{
      i++;
      while( i<n && ((unsigned char)z[i] & 0xC0)==0x80 ) i++;
      z[j++] = '?';
    }
  }
  return j;
}

static int write_file(const char *zPath, const char *z, size_t n){
  FILE *f = fopen(zPath, "wb");
  if( f==0 ) return 1;
  if( fwrite(z, 1, n, f)!=n ){ fclose(f); return 1; }
  return fclose(f)!=0;
}

/* Writes the files unless a marker says they are there already. */
static int make_files(const char *zOut, Sample *a, int nSample, int nFile){
  char zPath[4096], zMarker[4096];
  size_t nMax = 0;
  char *zBuf;
  int i;
  double t0 = now(), nBytes = 0;
  struct stat st;
  snprintf(zMarker, sizeof(zMarker), "%s/.complete-%d", zOut, nFile);
  if( stat(zMarker, &st)==0 ){
    printf("files: %d already in %s\n", nFile, zOut);
    return 0;
  }
  for(i=0; i<nSample; i++) if( a[i].n>nMax ) nMax = a[i].n;
  zBuf = malloc(nMax + 2);
  if( zBuf==0 ) return 1;
  if( mkdir(zOut, 0755)!=0 && errno!=EEXIST ){
    fprintf(stderr, "cannot create %s\n", zOut);
    free(zBuf);
    return 1;
  }
  for(i=0; i<nFile; i++){
    const Sample *p = &a[i % nSample];
    size_t n = vary(p, i / nSample, zBuf);
    if( i%1000==0 ){
      snprintf(zPath, sizeof(zPath), "%s/d%03d", zOut, i/1000);
      if( mkdir(zPath, 0755)!=0 && errno!=EEXIST ){
        fprintf(stderr, "cannot create %s\n", zPath);
        free(zBuf);
        return 1;
      }
    }
    if( i%100==50 ) n = to_latin1(zBuf, n);
    snprintf(zPath, sizeof(zPath), "%s/d%03d/f%06d.%s", zOut, i/1000, i,
             p->bHtml ? "html" : "txt");
    if( write_file(zPath, zBuf, n) ){
      fprintf(stderr, "cannot write %s\n", zPath);
      free(zBuf);
      return 1;
    }
    nBytes += (double)n;
  }
  free(zBuf);
  if( write_file(zMarker, "", 0) ) return 1;
  printf("files: wrote %d files, %.1f MB, into %s in %.1f s\n", nFile,
         nBytes/1e6, zOut, now()-t0);
  return 0;
}

static void run_one(sqlite3 *db, const char *zLabel, const char *zSql,
                    const char *zDir){
  sqlite3_stmt *pStmt = 0;
  double t0 = now(), dt;
  sqlite3_int64 nRow = 0, nChar = 0;
  int rc = sqlite3_prepare_v2(db, zSql, -1, &pStmt, 0);
  if( rc==SQLITE_OK ){
    sqlite3_bind_text(pStmt, 1, zDir, -1, SQLITE_STATIC);
    while( (rc = sqlite3_step(pStmt))==SQLITE_ROW ){
      nRow = sqlite3_column_int64(pStmt, 0);
      if( sqlite3_column_count(pStmt)>1 ){
        nChar = sqlite3_column_int64(pStmt, 1);
      }
    }
  }
  dt = now() - t0;
  if( rc!=SQLITE_DONE ){
    printf("%-9s error: %s\n", zLabel, sqlite3_errmsg(db));
  }else{
    printf("%-9s %7lld files %9.1f MB chars %7.2f s %9.0f files/s"
           "   peak RSS %6.1f MB\n", zLabel, nRow, (double)nChar/1e6, dt,
           (double)nRow/dt, peak_rss_mb());
  }
  sqlite3_finalize(pStmt);
}

static void run_all(sqlite3 *db, const char *zDir){
  printf("%s:\n", zDir);
  run_one(db, "list", "SELECT count(*) FROM therapy_files(?1)", zDir);
  run_one(db, "read", "SELECT count(*), sum(length(raw)) "
                      "FROM therapy_files(?1)", zDir);
  run_one(db, "clean", "SELECT count(*), sum(length(body)) "
                       "FROM therapy_files(?1)", zDir);
}

int main(int argc, char **argv){
  Sample aSample[256];
  sqlite3 *db;
  char *zErr = 0;
  const char *zOut = argc>3 ? argv[3] : "build/bench-files";
  int nFile = argc>4 ? atoi(argv[4]) : 100000;
  int nSample, i;
  char zSub[4096];
  if( argc<3 || nFile<1 ){
    fprintf(stderr, "usage: %s EXT SAMPLES_DIR [OUT_DIR [NFILES]]\n",
            argv[0]);
    return 2;
  }
  nSample = load_samples(argv[2], aSample, 256);
  if( nSample==0 ){
    fprintf(stderr, "no .txt or .html files in %s\n", argv[2]);
    return 2;
  }
  if( make_files(zOut, aSample, nSample, nFile) ) return 2;
  for(i=0; i<nSample; i++) free(aSample[i].z);
  sqlite3_open(":memory:", &db);
  sqlite3_enable_load_extension(db, 1);
  if( sqlite3_load_extension(db, argv[1], 0, &zErr) ){
    fprintf(stderr, "cannot load %s: %s\n", argv[1], zErr);
    return 2;
  }
  printf("peak RSS before the queries: %.1f MB\n", peak_rss_mb());
  snprintf(zSub, sizeof(zSub), "%s/d000", zOut);
  run_all(db, zSub);
  run_all(db, zOut);
  sqlite3_close(db);
  return 0;
}
