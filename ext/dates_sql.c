/*
** dates_sql.c -- parse_date(): an English date as ISO 8601.
**
**   SELECT parse_date('Wednesday, April 17, 2019');   -- '2019-04-17'
**   SELECT parse_date('Sept. 3, 2021');               -- '2021-09-03'
**   SELECT parse_date('March 2021');                  -- '2021-03'
**   SELECT parse_date('03/04/2021');                  -- '2021-04-03'
**   SELECT parse_date('03/04/2021', 'mdy');           -- '2021-03-04'
**   SELECT parse_date('Updated 3 hours ago');         -- NULL
**
** The text must be one date (white space around it aside) in one of the
** forms of dates.h; anything else, an impossible date (February 30) or a
** year outside 1900..2100 gives NULL.  A numeric date whose day and month
** are both 12 or less is read day-first, or month-first when the second
** argument is 'mdy' ('dmy' is the default).  NULL in, NULL out.
*/
#include "therapy_int.h"
#include "dates.h"

static void parse_date_func(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv){
  size_t n;
  const char *z;
  int bMonthFirst = 0;
  ThDate d;
  char zIso[12];
  if( argc>1 && sqlite3_value_type(argv[1])!=SQLITE_NULL ){
    const char *zOrder = (const char*)sqlite3_value_text(argv[1]);
    if( zOrder && sqlite3_stricmp(zOrder, "mdy")==0 ){
      bMonthFirst = 1;
    }else if( zOrder==0 || sqlite3_stricmp(zOrder, "dmy")!=0 ){
      sqlite3_result_error(ctx,
          "parse_date: the order must be 'dmy' or 'mdy'", -1);
      return;
    }
  }
  z = th_arg_text(ctx, argv[0], &n);
  if( z==0 ) return;
  if( !th_parse_date(z, n, bMonthFirst, &d) ) return;
  sqlite3_result_text(ctx, zIso, th_date_iso(&d, zIso), SQLITE_TRANSIENT);
}

int th_register_dates(sqlite3 *db){
  int rc = sqlite3_create_function(db, "parse_date", 1, TH_PURE_FUNC, 0,
                                   parse_date_func, 0, 0);
  if( rc==SQLITE_OK ){
    rc = sqlite3_create_function(db, "parse_date", 2, TH_PURE_FUNC, 0,
                                 parse_date_func, 0, 0);
  }
  return rc;
}
