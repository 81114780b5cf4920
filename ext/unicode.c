/*
** unicode.c -- SQL functions for Unicode normalization and folding.
**
**   SELECT unicode_normalize('e' || char(0x301), 'NFC');  -- 'é' (1 char)
**   SELECT unicode_normalize('ﬁ①', 'nfkc');               -- 'fi1'
**   SELECT unicode_fold('CAR‑T Universität');             -- 'car-t universitat'
**
** unicode_normalize(TEXT, FORM): TEXT in normalization form FORM, one of
** 'NFC', 'NFD', 'NFKC', 'NFKD' in any case; any other form is an error.
** unicode_fold(TEXT): the matching key of fold.h (NFKC, case folded,
** accents stripped, dashes/quotes/white space lumped, spaces collapsed).
** Both return NULL for NULL arguments, read numbers and BLOBs as text, and
** turn every byte of invalid UTF-8 into U+FFFD.  The work is done by the
** plain C in fold.c.
*/
#include "therapy_int.h"
#include "fold.h"

static void normalize_func(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv){
  const char *z, *zForm;
  size_t n, nForm;
  int eForm;
  ThBuf b;
  (void)argc;
  zForm = th_arg_text(ctx, argv[1], &nForm);
  if( zForm==0 ) return;
  eForm = th_norm_form(zForm, nForm);
  if( eForm==0 ){
    sqlite3_result_error(ctx, "unicode_normalize: form must be "
                         "'NFC', 'NFD', 'NFKC' or 'NFKD'", -1);
    return;
  }
  z = th_arg_text(ctx, argv[0], &n);
  if( z==0 ) return;
  th_buf_init(&b);
  if( th_normalize(z, n, eForm, &b)!=SQLITE_OK ){
    th_buf_free(&b);
    sqlite3_result_error_nomem(ctx);
    return;
  }
  th_buf_result(ctx, &b);
}

static void fold_func(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  const char *z;
  size_t n;
  ThBuf b;
  (void)argc;
  z = th_arg_text(ctx, argv[0], &n);
  if( z==0 ) return;
  th_buf_init(&b);
  if( th_fold(z, n, &b, 0)!=SQLITE_OK ){
    th_buf_free(&b);
    sqlite3_result_error_nomem(ctx);
    return;
  }
  th_buf_result(ctx, &b);
}

int th_register_unicode(sqlite3 *db){
  int rc = sqlite3_create_function(db, "unicode_normalize", 2, TH_PURE_FUNC,
                                   0, normalize_func, 0, 0);
  if( rc==SQLITE_OK ){
    rc = sqlite3_create_function(db, "unicode_fold", 1, TH_PURE_FUNC, 0,
                                 fold_func, 0, 0);
  }
  return rc;
}
