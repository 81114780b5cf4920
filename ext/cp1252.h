/*
** cp1252.h -- telling UTF-8 from other encodings of a file, and decoding
** Windows-1252 (and UTF-16 with a byte-order mark) to UTF-8.
**
** Used by the therapy_corpus table (corpus.c) to turn the bytes of a saved
** page into UTF-8 text without losing any of them:
**
**   - well-formed UTF-8 stays as it is (a leading byte-order mark removed);
**   - UTF-16 with a byte-order mark (FF FE or FE FF) is decoded;
**   - anything else is decoded byte by byte as Windows-1252; but when the
**     text is mostly UTF-8 with a few stray bytes (more well-formed
**     multi-byte UTF-8 sequences than stray bytes) or starts with a UTF-8
**     byte-order mark, the UTF-8 characters are kept and only the stray
**     bytes are read as Windows-1252 ("mixed").
**
** Text that happens to be well-formed UTF-8 is UTF-8: Windows-1252 such
** as "É”" (C9 94, also the UTF-8 of "ɔ") with no other non-ASCII byte
** cannot be told apart.  UTF-16 without a byte-order mark is not detected.
**
** Windows-1252 follows the WHATWG Encoding Standard (what browsers do):
** 0x80..0x9F are the printable characters of the code page (0x80 is '€',
** 0x93/0x94 are '“'/'”'), the five bytes the code page leaves undefined
** (0x81, 0x8D, 0x8F, 0x90, 0x9D) become the C1 controls U+0081 ... so no
** byte is lost, and 0xA0..0xFF are U+00A0..U+00FF.
**
** Plain C: no SQL here.  Output goes to a ThBuf (sqlite3_malloc64).
*/
#ifndef THERAPY_CP1252_H
#define THERAPY_CP1252_H

#include "therapy_int.h"

typedef enum ThEncoding {
  TH_ENC_UTF8 = 0,        /* well-formed UTF-8 */
  TH_ENC_UTF16LE,         /* UTF-16, little-endian byte-order mark */
  TH_ENC_UTF16BE,         /* UTF-16, big-endian byte-order mark */
  TH_ENC_CP1252,          /* Windows-1252 */
  TH_ENC_MIXED            /* UTF-8 with stray bytes read as Windows-1252 */
} ThEncoding;

/* The name shown to users: 'utf-8', 'utf-16le', 'utf-16be',
** 'windows-1252', 'utf-8+windows-1252'. */
const char *th_encoding_name(ThEncoding e);

/* Length in bytes (1..4) of the well-formed UTF-8 character at z[0..n), or
** 0 when the bytes there are not one: a continuation byte, a truncated
** sequence, an overlong form (C0, C1, E0 80.., F0 80..), a surrogate
** (ED A0..ED BF) or a code point above U+10FFFF (F4 90.., F5..FF).
** n must be at least 1. */
size_t th_utf8_char_len(const unsigned char *z, size_t n);

/* 1 when z[0..n) is well-formed UTF-8 as above (the empty text is). */
int th_utf8_valid(const char *z, size_t n);

/* Appends the UTF-8 form of Windows-1252 text z[0..n) to pOut.
** SQLITE_OK or SQLITE_NOMEM. */
int th_cp1252_to_utf8(const char *z, size_t n, ThBuf *pOut);

/* Appends z[0..n) to pOut, keeping well-formed UTF-8 characters and reading
** every other byte as Windows-1252.  SQLITE_OK or SQLITE_NOMEM. */
int th_mixed_to_utf8(const char *z, size_t n, ThBuf *pOut);

/* Appends the UTF-8 form of UTF-16 text z[0..n) (no byte-order mark; bBig
** selects big-endian) to pOut.  A lone surrogate and an odd last byte become
** U+FFFD.  SQLITE_OK or SQLITE_NOMEM. */
int th_utf16_to_utf8(const char *z, size_t n, int bBig, ThBuf *pOut);

/* Decides the encoding of the bytes z[0..n) as described at the top.  For
** UTF-8, nothing is written and *piStart is the offset of the text after a
** byte-order mark (0 or 3); the text is z[*piStart..n).  Otherwise the
** decoded text is appended to pOut and *piStart is 0.
** SQLITE_OK or SQLITE_NOMEM. */
int th_decode_text(const char *z, size_t n, ThBuf *pOut, ThEncoding *pEnc,
                   size_t *piStart);

#endif /* THERAPY_CP1252_H */
