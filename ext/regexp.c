/* regexp.c -- placeholder, replaced by the real module. */
#include "therapy_int.h"

int th_register_regexp(sqlite3 *db){
  (void)db;
  return SQLITE_OK;
}
