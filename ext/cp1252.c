/*
** cp1252.c -- UTF-8 validation and decoding of Windows-1252 and UTF-16
** text to UTF-8 (see cp1252.h for the rules).
**
** No SQL functions here; the therapy_corpus table (corpus.c) uses these to
** read files that are not UTF-8.  Each function scans its input once.
*/
#include <string.h>
#include "cp1252.h"

/* Unicode code points of the Windows-1252 bytes 0x80..0x9F (WHATWG); the
** five undefined bytes map to the C1 control of the same value. */
static const unsigned short aCp1252High[32] = {
  0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
  0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178
};

const char *th_encoding_name(ThEncoding e){
  switch( e ){
    case TH_ENC_UTF8:    return "utf-8";
    case TH_ENC_UTF16LE: return "utf-16le";
    case TH_ENC_UTF16BE: return "utf-16be";
    case TH_ENC_CP1252:  return "windows-1252";
    case TH_ENC_MIXED:   return "utf-8+windows-1252";
  }
  return "unknown";
}

/* Number of leading bytes of z[0..n) below 0x80. */
static size_t ascii_run(const unsigned char *z, size_t n){
  size_t i = 0;
  while( i+8<=n ){
    uint64_t w;
    memcpy(&w, z+i, 8);
    if( w & 0x8080808080808080ULL ) break;
    i += 8;
  }
  while( i<n && z[i]<0x80 ) i++;
  return i;
}

static int is_cont(unsigned char c){
  return (c & 0xC0)==0x80;
}

size_t th_utf8_char_len(const unsigned char *z, size_t n){
  unsigned char c = z[0];
  if( c<0x80 ) return 1;
  if( c<0xC2 ) return 0;                          /* continuation, C0, C1 */
  if( c<0xE0 ){
    return (n>=2 && is_cont(z[1])) ? 2 : 0;
  }
  if( c<0xF0 ){
    unsigned char lo = 0x80, hi = 0xBF;
    if( c==0xE0 ) lo = 0xA0;                      /* overlong */
    if( c==0xED ) hi = 0x9F;                      /* surrogates */
    if( n<3 || z[1]<lo || z[1]>hi || !is_cont(z[2]) ) return 0;
    return 3;
  }
  if( c<0xF5 ){
    unsigned char lo = 0x80, hi = 0xBF;
    if( c==0xF0 ) lo = 0x90;                      /* overlong */
    if( c==0xF4 ) hi = 0x8F;                      /* above U+10FFFF */
    if( n<4 || z[1]<lo || z[1]>hi || !is_cont(z[2]) || !is_cont(z[3]) ){
      return 0;
    }
    return 4;
  }
  return 0;
}

int th_utf8_valid(const char *z, size_t n){
  const unsigned char *u = (const unsigned char*)z;
  size_t i = 0;
  while( i<n ){
    size_t k;
    i += ascii_run(u+i, n-i);
    if( i>=n ) break;
    k = th_utf8_char_len(u+i, n-i);
    if( k==0 ) return 0;
    i += k;
  }
  return 1;
}

/* Appends code point c (at most U+10FFFF) as UTF-8. */
static int put_code_point(ThBuf *b, unsigned int c){
  char a[4];
  size_t n;
  if( c<0x80 ){
    a[0] = (char)c; n = 1;
  }else if( c<0x800 ){
    a[0] = (char)(0xC0 | (c>>6));
    a[1] = (char)(0x80 | (c & 0x3F)); n = 2;
  }else if( c<0x10000 ){
    a[0] = (char)(0xE0 | (c>>12));
    a[1] = (char)(0x80 | ((c>>6) & 0x3F));
    a[2] = (char)(0x80 | (c & 0x3F)); n = 3;
  }else{
    a[0] = (char)(0xF0 | (c>>18));
    a[1] = (char)(0x80 | ((c>>12) & 0x3F));
    a[2] = (char)(0x80 | ((c>>6) & 0x3F));
    a[3] = (char)(0x80 | (c & 0x3F)); n = 4;
  }
  return th_buf_append(b, a, n);
}

/* Appends the Windows-1252 byte c (0x80..0xFF) as UTF-8. */
static int put_cp1252_byte(ThBuf *b, unsigned char c){
  unsigned int cp = c<0xA0 ? aCp1252High[c-0x80] : c;
  return put_code_point(b, cp);
}

int th_cp1252_to_utf8(const char *z, size_t n, ThBuf *pOut){
  const unsigned char *u = (const unsigned char*)z;
  size_t i = 0;
  if( th_buf_reserve(pOut, n) ) return SQLITE_NOMEM;
  while( i<n ){
    size_t k = ascii_run(u+i, n-i);
    if( k && th_buf_append(pOut, z+i, k) ) return SQLITE_NOMEM;
    i += k;
    if( i<n && put_cp1252_byte(pOut, u[i++]) ) return SQLITE_NOMEM;
  }
  return pOut->oom ? SQLITE_NOMEM : SQLITE_OK;
}

int th_mixed_to_utf8(const char *z, size_t n, ThBuf *pOut){
  const unsigned char *u = (const unsigned char*)z;
  size_t i = 0;
  if( th_buf_reserve(pOut, n) ) return SQLITE_NOMEM;
  while( i<n ){
    size_t k = ascii_run(u+i, n-i);
    if( k && th_buf_append(pOut, z+i, k) ) return SQLITE_NOMEM;
    i += k;
    if( i>=n ) break;
    k = th_utf8_char_len(u+i, n-i);
    if( k ){
      if( th_buf_append(pOut, z+i, k) ) return SQLITE_NOMEM;
      i += k;
    }else if( put_cp1252_byte(pOut, u[i++]) ){
      return SQLITE_NOMEM;
    }
  }
  return pOut->oom ? SQLITE_NOMEM : SQLITE_OK;
}

int th_utf16_to_utf8(const char *z, size_t n, int bBig, ThBuf *pOut){
  const unsigned char *u = (const unsigned char*)z;
  size_t i = 0;
  if( th_buf_reserve(pOut, n) ) return SQLITE_NOMEM;
  while( i+1<n ){
    unsigned int c = bBig ? (u[i]<<8 | u[i+1]) : (u[i+1]<<8 | u[i]);
    i += 2;
    if( c>=0xD800 && c<=0xDBFF && i+1<n ){
      unsigned int c2 = bBig ? (u[i]<<8 | u[i+1]) : (u[i+1]<<8 | u[i]);
      if( c2>=0xDC00 && c2<=0xDFFF ){
        c = 0x10000 + ((c - 0xD800)<<10) + (c2 - 0xDC00);
        i += 2;
      }
    }
    if( c>=0xD800 && c<=0xDFFF ) c = 0xFFFD;      /* lone surrogate */
    if( put_code_point(pOut, c) ) return SQLITE_NOMEM;
  }
  if( i<n && put_code_point(pOut, 0xFFFD) ) return SQLITE_NOMEM;
  return SQLITE_OK;
}

int th_decode_text(const char *z, size_t n, ThBuf *pOut, ThEncoding *pEnc,
                   size_t *piStart){
  const unsigned char *u = (const unsigned char*)z;
  size_t i = 0, nMulti = 0, nStray = 0;
  int bBom;
  *piStart = 0;
  if( n>=2 && u[0]==0xFF && u[1]==0xFE ){
    *pEnc = TH_ENC_UTF16LE;
    return th_utf16_to_utf8(z+2, n-2, 0, pOut);
  }
  if( n>=2 && u[0]==0xFE && u[1]==0xFF ){
    *pEnc = TH_ENC_UTF16BE;
    return th_utf16_to_utf8(z+2, n-2, 1, pOut);
  }
  while( i<n ){
    size_t k;
    i += ascii_run(u+i, n-i);
    if( i>=n ) break;
    k = th_utf8_char_len(u+i, n-i);
    if( k ){
      nMulti++;
      i += k;
    }else{
      nStray++;
      i++;
    }
  }
  bBom = n>=3 && memcmp(z, "\xEF\xBB\xBF", 3)==0;
  if( nStray==0 ){
    *pEnc = TH_ENC_UTF8;
    *piStart = bBom ? 3 : 0;
    return SQLITE_OK;
  }
  if( bBom || nMulti>nStray ){
    /* a UTF-8 byte-order mark says the file means to be UTF-8 */
    *pEnc = TH_ENC_MIXED;
    return bBom ? th_mixed_to_utf8(z+3, n-3, pOut)
                : th_mixed_to_utf8(z, n, pOut);
  }
  *pEnc = TH_ENC_CP1252;
  return th_cp1252_to_utf8(z, n, pOut);
}
