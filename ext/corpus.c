/* corpus.c -- placeholder for the therapy_corpus virtual table. */
#include "therapy_int.h"

int th_register_corpus(sqlite3 *db){
  (void)db;
  return SQLITE_OK;
}
