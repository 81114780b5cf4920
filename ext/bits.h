/*
** bits.h -- small bit and byte-block helpers shared by the scanners
** (fold.c, kind.c, lexmatch.c, sentence_split.c, trial_ids.c,
** trial_scan.c); no SQL of its own.
**
**   th_lowest_bit(m)        the index of the lowest bit set in m (m!=0)
**   th_little_endian()      true on a little-endian machine (a constant
**                           the compiler folds)
**   th_alnum_bits16(z)      with SSE2: the ASCII letters and digits among
**                           the 16 bytes at z, bit k for z[k]
**   th_digit_bits16(z)      with SSE2: the ASCII digits among them
*/
#ifndef THERAPY_BITS_H
#define THERAPY_BITS_H
#include <stdint.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>          /* 16 bytes at a time on x86 */
#endif

static inline unsigned th_lowest_bit(uint64_t m){
#if defined(__GNUC__)
  return (unsigned)__builtin_ctzll(m);
#else
  unsigned k = 0;
  while( (m & 1)==0 ){ m >>= 1; k++; }
  return k;
#endif
}

static inline int th_little_endian(void){
  const uint16_t x = 1;
  unsigned char c;
  memcpy(&c, &x, 1);
  return c==1;
}

#if defined(__SSE2__)
/* b + (0x80-c0) is below -128+k as a signed byte only for the k bytes
** from c0 on; OR 0x20 makes A-Z a-z. */
static inline unsigned th_alnum_bits16(const unsigned char *z){
  __m128i v = _mm_loadu_si128((const __m128i*)z);
  __m128i vLow = _mm_or_si128(v, _mm_set1_epi8(0x20));
  __m128i vDigit = _mm_cmplt_epi8(
      _mm_add_epi8(v, _mm_set1_epi8((char)(0x80-'0'))),
      _mm_set1_epi8((char)(-128+10)));
  __m128i vLetter = _mm_cmplt_epi8(
      _mm_add_epi8(vLow, _mm_set1_epi8((char)(0x80-'a'))),
      _mm_set1_epi8((char)(-128+26)));
  return (unsigned)_mm_movemask_epi8(_mm_or_si128(vDigit, vLetter));
}

static inline unsigned th_digit_bits16(const unsigned char *z){
  __m128i v = _mm_loadu_si128((const __m128i*)z);
  return (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(
      _mm_add_epi8(v, _mm_set1_epi8((char)(0x80-'0'))),
      _mm_set1_epi8((char)(-128+10))));
}
#endif

#endif /* THERAPY_BITS_H */
