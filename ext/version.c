/*
** version.c -- therapy_version() and therapy_debug().
**
**   SELECT therapy_version();   -- '0.1.0', from the VERSION file
**   SELECT therapy_debug();     -- JSON object: versions of the extension,
**                               -- its git commit, SQLite, PCRE2, utf8proc,
**                               -- Unicode, and whether the PCRE2 JIT is on
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <utf8proc.h>
#include "therapy_int.h"
#include "therapy.h"

#ifndef THERAPY_VERSION
# define THERAPY_VERSION "unknown"
#endif
#ifndef THERAPY_GIT
# define THERAPY_GIT "unknown"
#endif

const char *therapy_libversion(void){
  return THERAPY_VERSION;
}

static void version_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc; (void)argv;
  sqlite3_result_text(ctx, THERAPY_VERSION, -1, SQLITE_STATIC);
}

/* The PCRE2 version as "10.42 2022-12-11", read into a fixed buffer. */
static void pcre2_version_text(char *zOut, size_t nOut){
  int n = pcre2_config(PCRE2_CONFIG_VERSION, 0);
  zOut[0] = 0;
  if( n>0 && (size_t)n<=nOut ) pcre2_config(PCRE2_CONFIG_VERSION, zOut);
}

static void debug_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  char zPcre[64];
  uint32_t bJit = 0;
  char *z;
  (void)argc; (void)argv;
  pcre2_version_text(zPcre, sizeof(zPcre));
  pcre2_config(PCRE2_CONFIG_JIT, &bJit);
  z = sqlite3_mprintf(
      "{\"therapy\":\"%s\",\"git\":\"%s\",\"sqlite\":\"%s\","
      "\"pcre2\":\"%s\",\"pcre2_jit\":%s,\"utf8proc\":\"%s\","
      "\"unicode\":\"%s\"}",
      THERAPY_VERSION, THERAPY_GIT, sqlite3_libversion(), zPcre,
      bJit ? "true" : "false", utf8proc_version(),
      utf8proc_unicode_version());
  if( z==0 ){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text(ctx, z, -1, sqlite3_free);
}

int th_register_version(sqlite3 *db){
  int rc = sqlite3_create_function(db, "therapy_version", 0, TH_PURE_FUNC, 0,
                                   version_func, 0, 0);
  if( rc==SQLITE_OK ){
    rc = sqlite3_create_function(db, "therapy_debug", 0,
                                 SQLITE_UTF8|SQLITE_INNOCUOUS, 0,
                                 debug_func, 0, 0);
  }
  return rc;
}
