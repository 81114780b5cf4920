/*
** textarg.c -- reading SQL arguments as text, counting characters the way
** SQLite does, and a small growing buffer for results.
**
** No SQL functions here; see therapy_int.h for the rules these helpers
** give to every function of the extension.
*/
#include <string.h>
#include "therapy_int.h"
#if defined(__SSE2__)
#include <emmintrin.h>            /* 16 bytes at a time on x86 */
#endif

const char *th_value_text(sqlite3_value *v, size_t *pnByte){
  const unsigned char *z;
  int n;
  const char *zNul;
  *pnByte = 0;
  if( sqlite3_value_type(v)==SQLITE_NULL ) return 0;
  z = sqlite3_value_text(v);
  if( z==0 ) return 0;
  n = sqlite3_value_bytes(v);
  zNul = memchr(z, 0, (size_t)n);
  *pnByte = zNul ? (size_t)(zNul - (const char*)z) : (size_t)n;
  return (const char*)z;
}

const char *th_arg_text(sqlite3_context *ctx, sqlite3_value *v,
                        size_t *pnByte){
  const char *z = th_value_text(v, pnByte);
  if( z==0 && sqlite3_value_type(v)!=SQLITE_NULL ){
    sqlite3_result_error_nomem(ctx);
  }
  return z;
}

/* Advances from z[i] over one character as substr() does. */
static size_t skip_char(const unsigned char *z, size_t i, size_t n){
  if( z[i++]>=0xc0 ){
    while( i<n && (z[i]&0xc0)==0x80 ) i++;
  }
  return i;
}

void th_char_cursor_init(ThCharCursor *p, const char *z, size_t nByte){
  p->z = z;
  p->nByte = nByte;
  p->iByte = 0;
  p->nChar = 0;
}

/* Characters among the 8 bytes w that start at a character start, or -1
** when the block has a byte that is not simply part of a UTF-8 sequence
** begun in the block (a continuation byte first or after an ASCII byte):
** then the caller counts byte by byte (also on big-endian machines, where
** the bytes of w are in the other order).  A continuation byte (10xxxxxx)
** after a byte above 0x7F is swallowed by the character before it. */
static int block_chars(uint64_t w){
  const uint64_t highs = 0x8080808080808080ULL;
  const uint16_t one = 1;
  unsigned char cFirst;
  uint64_t cont = w & ~(w<<1) & highs;        /* continuation bytes */
  memcpy(&cFirst, &one, 1);
  if( cFirst!=1 ) return -1;                  /* big-endian: byte by byte */
  if( cont & ~(w<<8) ) return -1;             /* one after ASCII, or first */
  return 8 - (int)(((cont>>7) * 0x0101010101010101ULL) >> 56);
}

#if defined(__SSE2__)
/* Number of bits set in m. */
static int count_bits(unsigned m){
#if defined(__GNUC__)
  return __builtin_popcount(m);
#else
  int n = 0;
  for(; m; m &= m-1) n++;
  return n;
#endif
}
#endif

sqlite3_int64 th_char_offset(ThCharCursor *p, size_t iByte){
  const unsigned char *z = (const unsigned char*)p->z;
  size_t i;
  sqlite3_int64 nChar;
  if( iByte>p->nByte ) iByte = p->nByte;
  if( iByte<p->iByte ){
    p->iByte = 0;
    p->nChar = 0;
  }
  i = p->iByte;
  nChar = p->nChar;
  while( i<iByte ){
#if defined(__SSE2__)
    /* With SSE2: 32 ASCII bytes at a time, then 16 bytes at a time while
    ** they are ASCII or whole UTF-8 sequences as in block_chars(), and the
    ** last few bytes before iByte if they are ASCII (that load may read
    ** past iByte, not past the text) */
    while( iByte - i>=32 ){
      __m128i a = _mm_loadu_si128((const __m128i*)(z + i));
      __m128i b = _mm_loadu_si128((const __m128i*)(z + i + 16));
      if( _mm_movemask_epi8(_mm_or_si128(a, b)) ) break;
      i += 32;
      nChar += 32;
    }
    while( i<iByte && p->nByte - i>=16 ){
      __m128i v = _mm_loadu_si128((const __m128i*)(z + i));
      unsigned mHigh = (unsigned)_mm_movemask_epi8(v);
      unsigned mCont;
      size_t nLeft = iByte - i;
      if( nLeft<16 ){
        if( mHigh & ((1u<<nLeft) - 1) ) break;
        i = iByte;
        nChar += (sqlite3_int64)nLeft;
        break;
      }
      if( mHigh==0 ){
        i += 16;
        nChar += 16;
        continue;
      }
      /* continuation bytes 10xxxxxx: below 0xC0 as signed bytes */
      mCont = mHigh & (unsigned)_mm_movemask_epi8(
                  _mm_cmplt_epi8(v, _mm_set1_epi8((char)0xC0)));
      if( mCont & ~(mHigh<<1) ) break;    /* first, or after ASCII */
      i += 16;
      nChar += 16 - count_bits(mCont);
      if( mHigh & 0x8000 ){
        /* the last character may go on after the block */
        while( i<p->nByte && (z[i]&0xc0)==0x80 ) i++;
      }
    }
    if( i>=iByte ) break;
#endif
    while( iByte - i>=32 ){
      /* 32 ASCII bytes are 32 characters */
      uint64_t a, b, c, d;
      memcpy(&a, z + i, 8);
      memcpy(&b, z + i + 8, 8);
      memcpy(&c, z + i + 16, 8);
      memcpy(&d, z + i + 24, 8);
      if( ((a | b | c | d) & 0x8080808080808080ULL)!=0 ) break;
      i += 32;
      nChar += 32;
    }
    if( i>=iByte ) break;
    if( iByte - i>=8 ){
      /* 8 bytes at a time: ASCII, or whole UTF-8 sequences */
      uint64_t w;
      int nBlock;
      memcpy(&w, z + i, 8);
      if( (w & 0x8080808080808080ULL)==0 ){
        i += 8;
        nChar += 8;
        continue;
      }
      nBlock = block_chars(w);
      if( nBlock>=0 ){
        i += 8;
        nChar += nBlock;
        if( z[i-1]>=0x80 ){
          /* the last character may go on after the block */
          while( i<p->nByte && (z[i]&0xc0)==0x80 ) i++;
        }
        continue;
      }
    }
    i = skip_char(z, i, p->nByte);
    nChar++;
  }
  p->iByte = i;
  p->nChar = nChar;
  return nChar;
}

sqlite3_int64 th_char_count(const char *z, size_t nByte){
  ThCharCursor c;
  if( nByte>=8 && nByte<=16 ){
    /* a short span (a word or a term): all ASCII? (two loads that may
    ** overlap cover it) */
    uint64_t a, b;
    memcpy(&a, z, 8);
    memcpy(&b, z + nByte - 8, 8);
    if( ((a | b) & 0x8080808080808080ULL)==0 ) return (sqlite3_int64)nByte;
  }else if( nByte<8 ){
    size_t k;
    for(k=0; k<nByte && (unsigned char)z[k]<0x80; k++){}
    if( k==nByte ) return (sqlite3_int64)nByte;
  }
  th_char_cursor_init(&c, z, nByte);
  return th_char_offset(&c, nByte);
}

void th_buf_init(ThBuf *b){
  memset(b, 0, sizeof(*b));
}

int th_buf_reserve(ThBuf *b, size_t nMore){
  size_t nNeed;
  char *zNew;
  if( b->oom ) return SQLITE_NOMEM;
  nNeed = b->n + nMore + 1;
  if( nNeed<=b->nAlloc ) return SQLITE_OK;
  if( nNeed < b->nAlloc*2 ) nNeed = b->nAlloc*2;
  if( nNeed < 64 ) nNeed = 64;
  zNew = sqlite3_realloc64(b->z, nNeed);
  if( zNew==0 ){
    b->oom = 1;
    return SQLITE_NOMEM;
  }
  b->z = zNew;
  b->nAlloc = nNeed;
  return SQLITE_OK;
}

int th_buf_append(ThBuf *b, const char *z, size_t n){
  if( th_buf_reserve(b, n) ) return SQLITE_NOMEM;
  if( n ) memcpy(b->z + b->n, z, n);
  b->n += n;
  b->z[b->n] = 0;
  return SQLITE_OK;
}

int th_buf_putc(ThBuf *b, char c){
  return th_buf_append(b, &c, 1);
}

void th_buf_free(ThBuf *b){
  sqlite3_free(b->z);
  th_buf_init(b);
}

void th_buf_result(sqlite3_context *ctx, ThBuf *b){
  if( b->oom ){
    sqlite3_result_error_nomem(ctx);
    th_buf_free(b);
  }else if( b->z==0 ){
    sqlite3_result_text(ctx, "", 0, SQLITE_STATIC);
  }else{
    /* sqlite3_result_text64 frees the buffer itself, also on SQLITE_TOOBIG */
    sqlite3_result_text64(ctx, b->z, b->n, sqlite3_free, SQLITE_UTF8);
    th_buf_init(b);
  }
}
