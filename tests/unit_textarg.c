/* unit_textarg.c -- character counting and the growing buffer. */
#include "therapy_int.h"
#include "unit.h"

void unit_textarg(void){
  ThCharCursor c;
  ThBuf b;
  const char *z = "a\xc3\xa9" "b\xe2\x80\x91" "c";   /* a é b ‑ c */
  CHECK_INT(th_char_count(z, strlen(z)), 5);
  th_char_cursor_init(&c, z, strlen(z));
  CHECK_INT(th_char_offset(&c, 3), 2);
  CHECK_INT(th_char_offset(&c, 7), 4);
  CHECK_INT(th_char_offset(&c, 1), 1);           /* moving backwards */
  /* a stray continuation byte counts as one character, as in substr() */
  CHECK_INT(th_char_count("\x80\x80x", 3), 3);
  /* a lead byte swallows the continuation bytes after it */
  CHECK_INT(th_char_count("\xc3\xa9\xa9x", 4), 2);
  CHECK_INT(th_char_count("", 0), 0);

  th_buf_init(&b);
  CHECK_INT(th_buf_append(&b, "gene", 4), SQLITE_OK);
  CHECK_INT(th_buf_putc(&b, '-'), SQLITE_OK);
  CHECK_INT(th_buf_append(&b, "therapy", 7), SQLITE_OK);
  CHECK_STR(b.z, "gene-therapy");
  CHECK_INT(b.n, 12);
  th_buf_free(&b);
  CHECK(b.z==0 && b.n==0);
}
