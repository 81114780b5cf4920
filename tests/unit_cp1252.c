/* unit_cp1252.c -- UTF-8 validation and Windows-1252 / UTF-16 decoding. */
#include "cp1252.h"
#include "unit.h"

/* Decodes z[0..n) with th_decode_text into a static buffer; returns the
** text (or NULL on failure) and the encoding name in *pzEnc. */
static const char *decode(const char *z, size_t n, const char **pzEnc){
  static char zOut[256];
  ThBuf b;
  ThEncoding e = TH_ENC_UTF8;
  size_t iStart = 0;
  th_buf_init(&b);
  *pzEnc = "(failed)";
  if( th_decode_text(z, n, &b, &e, &iStart) ) return 0;
  *pzEnc = th_encoding_name(e);
  if( e==TH_ENC_UTF8 ){
    memcpy(zOut, z+iStart, n-iStart);
    zOut[n-iStart] = 0;
  }else{
    memcpy(zOut, b.z ? b.z : "", b.n);
    zOut[b.n] = 0;
  }
  th_buf_free(&b);
  return zOut;
}

static const char *cp1252(const char *z){
  static char zOut[256];
  ThBuf b;
  th_buf_init(&b);
  if( th_cp1252_to_utf8(z, strlen(z), &b) ) return 0;
  memcpy(zOut, b.z ? b.z : "", b.n);
  zOut[b.n] = 0;
  th_buf_free(&b);
  return zOut;
}

static void unit_utf8_valid(void){
  /* well-formed: ASCII, 2-, 3- and 4-byte characters, the extremes */
  CHECK_INT(th_utf8_valid("", 0), 1);
  CHECK_INT(th_utf8_valid("plain ASCII text, long enough for 8-byte steps", 46), 1);
  CHECK_INT(th_utf8_valid("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\xa7\xac", 14), 1);
  CHECK_INT(th_utf8_valid("\xed\x9f\xbf\xee\x80\x80", 6), 1);   /* U+D7FF U+E000 */
  CHECK_INT(th_utf8_valid("\xf4\x8f\xbf\xbf", 4), 1);           /* U+10FFFF */
  CHECK_INT(th_utf8_valid("a\0b", 3), 1);                       /* NUL is fine */
  /* overlong forms */
  CHECK_INT(th_utf8_valid("\xc0\xaf", 2), 0);
  CHECK_INT(th_utf8_valid("\xc1\xbf", 2), 0);
  CHECK_INT(th_utf8_valid("\xe0\x80\xaf", 3), 0);
  CHECK_INT(th_utf8_valid("\xf0\x80\x80\xaf", 4), 0);
  /* surrogates, beyond U+10FFFF, bytes never used */
  CHECK_INT(th_utf8_valid("\xed\xa0\x80", 3), 0);               /* U+D800 */
  CHECK_INT(th_utf8_valid("\xed\xbf\xbf", 3), 0);               /* U+DFFF */
  CHECK_INT(th_utf8_valid("\xf4\x90\x80\x80", 4), 0);
  CHECK_INT(th_utf8_valid("\xf5\x80\x80\x80", 4), 0);
  CHECK_INT(th_utf8_valid("\xff", 1), 0);
  /* stray continuation, truncated sequences (also at the very end) */
  CHECK_INT(th_utf8_valid("abc\x80", 4), 0);
  CHECK_INT(th_utf8_valid("\xc3", 1), 0);
  CHECK_INT(th_utf8_valid("\xe2\x82", 2), 0);
  CHECK_INT(th_utf8_valid("\xe2\x82x", 3), 0);
  CHECK_INT(th_utf8_valid("0123456789abcdef\xe9", 17), 0);   /* after a fast run */
  CHECK_INT(th_utf8_char_len((const unsigned char*)"\xf0\x9f\xa7\xac", 4), 4);
  CHECK_INT(th_utf8_char_len((const unsigned char*)"\xf0\x9f\xa7\xac", 3), 0);
}

static void unit_cp1252_decode(void){
  const char *zEnc;
  /* 0x80 euro, 0x93/0x94 curly quotes, 0x96/0x97 dashes, 0x99 trade mark */
  CHECK_STR(cp1252("\x80" "5"), "\xe2\x82\xac" "5");
  CHECK_STR(cp1252("\x93gene\x94"), "\xe2\x80\x9cgene\xe2\x80\x9d");
  CHECK_STR(cp1252("a\x96" "b\x97" "c\x99"),
            "a\xe2\x80\x93" "b\xe2\x80\x94" "c\xe2\x84\xa2");
  CHECK_STR(cp1252("\x9f\x8c"), "\xc5\xb8\xc5\x92");           /* Ÿ Œ */
  /* undefined bytes become the C1 control of the same value (WHATWG) */
  CHECK_STR(cp1252("\x81\x8d\x8f\x90\x9d"),
            "\xc2\x81\xc2\x8d\xc2\x8f\xc2\x90\xc2\x9d");
  /* Latin-1 range maps to itself */
  CHECK_STR(cp1252("caf\xe9 \xa0\xff"), "caf\xc3\xa9 \xc2\xa0\xc3\xbf");
  CHECK_STR(cp1252("only ASCII"), "only ASCII");

  /* whole-file decisions */
  CHECK_STR(decode("caf\xc3\xa9", 5, &zEnc), "caf\xc3\xa9");
  CHECK_STR(zEnc, "utf-8");
  CHECK_STR(decode("\xef\xbb\xbfhi", 5, &zEnc), "hi");         /* BOM gone */
  CHECK_STR(zEnc, "utf-8");
  CHECK_STR(decode("caf\xe9 \x93x\x94", 8, &zEnc),
            "caf\xc3\xa9 \xe2\x80\x9cx\xe2\x80\x9d");
  CHECK_STR(zEnc, "windows-1252");
  /* "É”" (C9 94) happens to be well-formed UTF-8 ("ɔ"); as the stray byte
  ** E9 is not outnumbered by UTF-8 sequences, the whole text is
  ** Windows-1252 */
  CHECK_STR(decode("CAF\xc9\x94 caf\xe9", 10, &zEnc),
            "CAF\xc3\x89\xe2\x80\x9d caf\xc3\xa9");
  CHECK_STR(zEnc, "windows-1252");
  /* ... while bytes that are UTF-8 throughout can only be read as UTF-8 */
  CHECK_STR(decode("CAF\xc9\x94", 5, &zEnc), "CAF\xc9\x94");
  CHECK_STR(zEnc, "utf-8");
  /* mostly UTF-8, one stray byte: UTF-8 kept, the stray byte decoded */
  CHECK_STR(decode("M\xc3\xbcnchen \xc3\xa9t\xc3\xa9 2019\x96" "20", 22,
                   &zEnc),
            "M\xc3\xbcnchen \xc3\xa9t\xc3\xa9 2019\xe2\x80\x93" "20");
  CHECK_STR(zEnc, "utf-8+windows-1252");
  /* UTF-16 with a byte-order mark, both orders, with a surrogate pair */
  CHECK_STR(decode("\xff\xfeh\0i\0\xac\x20", 8, &zEnc), "hi\xe2\x82\xac");
  CHECK_STR(zEnc, "utf-16le");
  CHECK_STR(decode("\xfe\xff\xd8\x3e\xdd\xec\0!", 8, &zEnc),
            "\xf0\x9f\xa7\xac!");
  CHECK_STR(zEnc, "utf-16be");
  /* a lone surrogate and an odd last byte become U+FFFD */
  CHECK_STR(decode("\xff\xfe\x00\xd8x\0y", 7, &zEnc),
            "\xef\xbf\xbdx\xef\xbf\xbd");
  CHECK_STR(decode("", 0, &zEnc), "");
  CHECK_STR(zEnc, "utf-8");
}

void unit_cp1252(void){
  unit_utf8_valid();
  unit_cp1252_decode();
}
