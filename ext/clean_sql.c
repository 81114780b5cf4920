/*
** clean_sql.c -- SQL functions over a saved web page (text dump or HTML):
**
**   therapy_clean(page [, format])   the article's own text: its body
**                                    paragraphs separated by blank lines
**   therapy_title(page [, format])   the headline
**   therapy_date(page [, format])    publication date, 'YYYY-MM-DD' or
**                                    'YYYY-MM', NULL when the page has none
**   therapy_byline(page [, format])  the author(s) as printed
**   therapy_site(page [, format])    the site or publication
**
** format is 'html', 'text' or 'auto' (the default: detected).  A NULL page
** gives NULL; so does a page that does not say the title, date, byline or
** site.  The work is done by page.c, clean.c and meta.c.
*/
#include <string.h>
#include "page.h"

/* One function: its name and the reader of its field. */
typedef struct PageFunc {
  const char *zName;
  int (*xField)(ThPage*, ThBuf*);
  int bBody;                    /* an empty body is '', not NULL */
} PageFunc;

static const PageFunc aPageFunc[] = {
  { "therapy_clean",  th_page_body,   1 },
  { "therapy_title",  th_page_title,  0 },
  { "therapy_date",   th_page_date,   0 },
  { "therapy_byline", th_page_byline, 0 },
  { "therapy_site",   th_page_site,   0 },
};

/* Reads the optional format argument; -1 after reporting an error. */
static int format_arg(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  const char *z;
  if( argc<2 || sqlite3_value_type(argv[1])==SQLITE_NULL ){
    return TH_FORMAT_AUTO;
  }
  z = (const char*)sqlite3_value_text(argv[1]);
  if( z && sqlite3_stricmp(z, "html")==0 ) return TH_FORMAT_HTML;
  if( z && sqlite3_stricmp(z, "text")==0 ) return TH_FORMAT_TEXT;
  if( z && sqlite3_stricmp(z, "auto")==0 ) return TH_FORMAT_AUTO;
  sqlite3_result_error(ctx,
      "page format must be 'html', 'text' or 'auto'", -1);
  return -1;
}

static void page_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  const PageFunc *pFunc = (const PageFunc*)sqlite3_user_data(ctx);
  ThPage page;
  ThBuf out;
  size_t n;
  const char *z;
  int format = format_arg(ctx, argc, argv);
  if( format<0 ) return;
  z = th_arg_text(ctx, argv[0], &n);
  if( z==0 ) return;
  th_buf_init(&out);
  if( th_page_load(&page, z, n, (ThFormat)format)
   || th_page_classify(&page)
   || pFunc->xField(&page, &out) ){
    th_page_free(&page);
    th_buf_free(&out);
    sqlite3_result_error_nomem(ctx);
    return;
  }
  th_page_free(&page);
  if( out.n==0 && !pFunc->bBody ){
    th_buf_free(&out);          /* the page does not say */
    return;
  }
  th_buf_result(ctx, &out);
}

int th_register_clean(sqlite3 *db){
  size_t i;
  int nArg, rc = SQLITE_OK;
  for(i=0; rc==SQLITE_OK && i<sizeof(aPageFunc)/sizeof(aPageFunc[0]); i++){
    for(nArg=1; rc==SQLITE_OK && nArg<=2; nArg++){
      rc = sqlite3_create_function(db, aPageFunc[i].zName, nArg,
                                   TH_PURE_FUNC, (void*)&aPageFunc[i],
                                   page_func, 0, 0);
    }
  }
  return rc;
}
