/*
** therapy.h -- public interface of the therapy SQLite extension.
**
** As a loadable extension nothing here is needed: ".load build/therapy"
** finds sqlite3_therapy_init by itself.  A program that links the static
** library (make static -> build/libtherapy.a, built with -DSQLITE_CORE)
** registers the functions on every new connection with
**
**     sqlite3_auto_extension((void(*)(void))sqlite3_therapy_init);
**
** or on one connection with sqlite3_therapy_init(db, &zErr, 0).
*/
#ifndef THERAPY_H
#define THERAPY_H

#include <sqlite3.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Registers every therapy function and virtual table on db.
** Returns SQLITE_OK, or an error code with *pzErrMsg set (free it with
** sqlite3_free). */
int sqlite3_therapy_init(sqlite3 *db, char **pzErrMsg,
                         const sqlite3_api_routines *pApi);

/* The version string, as therapy_version() returns it. */
const char *therapy_libversion(void);

#ifdef __cplusplus
}
#endif
#endif /* THERAPY_H */
