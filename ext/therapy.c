/*
** therapy.c -- entry point of the therapy extension.
**
** Usage from the sqlite3 shell:   .load build/therapy
** From C (static library):        sqlite3_auto_extension(
**                                     (void(*)(void))sqlite3_therapy_init);
**
** Each source file registers its own functions; this file only calls them
** in turn and stops at the first failure.
*/
#include "therapy_int.h"
#ifndef SQLITE_CORE
SQLITE_EXTENSION_INIT1
#endif
#include "therapy.h"
#include <libxml/parser.h>

typedef int (*ThRegisterFn)(sqlite3*);

static const ThRegisterFn aRegister[] = {
  th_register_version,
  th_register_regexp,
  th_register_unicode,
  th_register_sentences,
  th_register_numbers,
  th_register_clean,
  th_register_dates,
  th_register_lexicon,
  th_register_corpus,
};

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_therapy_init(sqlite3 *db, char **pzErrMsg,
                         const sqlite3_api_routines *pApi){
  size_t i;
  int rc = SQLITE_OK;
  SQLITE_EXTENSION_INIT2(pApi);
  xmlInitParser();    /* libxml2's own one-time set-up; repeated calls are no-ops */
  for(i=0; rc==SQLITE_OK && i<sizeof(aRegister)/sizeof(aRegister[0]); i++){
    rc = aRegister[i](db);
  }
  if( rc!=SQLITE_OK && pzErrMsg ){
    *pzErrMsg = sqlite3_mprintf("therapy: cannot register functions: %s",
                                sqlite3_errstr(rc));
  }
  return rc;
}
