/*
** fold.c -- Unicode normalization (NFC, NFD, NFKC, NFKD) and the folded
** matching key of unicode_fold(), as plain C over (text, length).
**
** See fold.h for the exact rules.  How it works:
**
**   th_fold() reads the text once.  Bytes below 0x80 take a fast path
**   without calling utf8proc: 8 bytes at a time when they only need lower
**   casing, else byte by byte through the table aFoldAscii (lower case,
**   '`' -> '\'', white space collapsed).  Every other character is lumped
**   (dash, quote, space) or decomposed on its own with
**   utf8proc_decompose_char(COMPAT|CASEFOLD|STRIPMARK|IGNORE); the code
**   points that come out are lumped again and encoded.  Doing this one
**   character at a time gives exactly NFKC_Casefold with marks stripped,
**   because once the marks are gone nothing is left to reorder and the
**   only compositions NFKC can still make are those of Hangul jamo, done
**   here while writing (fold_emit).  So every output byte knows the source
**   character it came from, which gives the offset map.  A small cache
**   per call remembers what the last non-ASCII characters folded to.
**
**   th_normalize() copies runs of ASCII as they are and normalizes each
**   run of non-ASCII bytes together with the ASCII character just before
**   it (which may compose with it).  Cutting the text before an ASCII
**   character is safe: no character composes with an ASCII character
**   after it, and an ASCII character blocks any composition across it.
**   Each run is decomposed character by character, its marks are put in
**   canonical order (a stable counting sort for long runs of marks, so no
**   quadratic time), it is composed with utf8proc_normalize_utf32 for NFC
**   and NFKC, and encoded.
**
**   Per-call caches only; no global mutable state.
*/
#include <string.h>
#include <utf8proc.h>
#include "fold.h"
#include "bits.h"

/* utf8proc options of th_fold for one character. */
#define FOLD_OPTIONS (UTF8PROC_DECOMPOSE | UTF8PROC_COMPAT | \
                      UTF8PROC_CASEFOLD | UTF8PROC_STRIPMARK | UTF8PROC_IGNORE)

/* Code points one character may decompose to.  Unicode 15 needs 18
** (U+FDFA); a bigger result would be cut to U+FFFD. */
#define MAX_EXPANSION 32

/* Bytes th_fold may write for one source character. */
#define MAX_FOLD_BYTES (MAX_EXPANSION * 4)

/* Hangul syllables and conjoining jamo (Unicode chapter 3.12). */
#define HANGUL_SBASE  0xAC00
#define HANGUL_LBASE  0x1100
#define HANGUL_VBASE  0x1161
#define HANGUL_TBASE  0x11A7
#define HANGUL_LCOUNT 19
#define HANGUL_VCOUNT 21
#define HANGUL_TCOUNT 28
#define HANGUL_NCOUNT (HANGUL_VCOUNT * HANGUL_TCOUNT)
#define HANGUL_SCOUNT (HANGUL_LCOUNT * HANGUL_NCOUNT)

#define REPLACEMENT_CHAR 0xFFFD

/* ---- data ------------------------------------------------------------- */

/* Folding of the bytes below 0x80: A-Z to a-z, '`' to '\'', the white
** space characters TAB LF VT FF CR and space to ' ' (collapsed later),
** every other byte unchanged. */
static const unsigned char aFoldAscii[128] = {
  0x00,0x01,0x02,0x03,0x04,0x05,0x06,0x07,0x08,0x20,0x20,0x20,0x20,0x20,0x0e,0x0f,
  0x10,0x11,0x12,0x13,0x14,0x15,0x16,0x17,0x18,0x19,0x1a,0x1b,0x1c,0x1d,0x1e,0x1f,
  0x20,0x21,0x22,0x23,0x24,0x25,0x26,0x27,0x28,0x29,0x2a,0x2b,0x2c,0x2d,0x2e,0x2f,
  0x30,0x31,0x32,0x33,0x34,0x35,0x36,0x37,0x38,0x39,0x3a,0x3b,0x3c,0x3d,0x3e,0x3f,
  0x40,0x61,0x62,0x63,0x64,0x65,0x66,0x67,0x68,0x69,0x6a,0x6b,0x6c,0x6d,0x6e,0x6f,
  0x70,0x71,0x72,0x73,0x74,0x75,0x76,0x77,0x78,0x79,0x7a,0x5b,0x5c,0x5d,0x5e,0x5f,
  0x27,0x61,0x62,0x63,0x64,0x65,0x66,0x67,0x68,0x69,0x6a,0x6b,0x6c,0x6d,0x6e,0x6f,
  0x70,0x71,0x72,0x73,0x74,0x75,0x76,0x77,0x78,0x79,0x7a,0x7b,0x7c,0x7d,0x7e,0x7f,
};

/* Non-ASCII characters lumped into one ASCII character, besides the
** dashes of category Pd: ranges of code points, sorted. */
typedef struct LumpRange {
  int32_t iFirst, iLast;
  char cAscii;
} LumpRange;

static const LumpRange aLump[] = {
  { 0x0085, 0x0085, ' '  },   /* next line */
  { 0x00A0, 0x00A0, ' '  },   /* no-break space */
  { 0x00AB, 0x00AB, '"'  },   /* « */
  { 0x00B4, 0x00B4, '\'' },   /* ´ acute accent */
  { 0x00BB, 0x00BB, '"'  },   /* » */
  { 0x02B9, 0x02B9, '\'' },   /* ʹ modifier prime */
  { 0x02BA, 0x02BA, '"'  },   /* ʺ modifier double prime */
  { 0x02BB, 0x02BD, '\'' },   /* ʻ ʼ ʽ modifier commas (apostrophes) */
  { 0x02D7, 0x02D7, '-'  },   /* ˗ modifier minus */
  { 0x1680, 0x1680, ' '  },   /* ogham space mark */
  { 0x1FFD, 0x1FFD, '\'' },   /* ´ Greek oxia */
  { 0x2000, 0x200A, ' '  },   /* en quad .. hair space, thin space */
  { 0x2018, 0x201B, '\'' },   /* ‘ ’ ‚ ‛ */
  { 0x201C, 0x201F, '"'  },   /* “ ” „ ‟ */
  { 0x2028, 0x2029, ' '  },   /* line and paragraph separators */
  { 0x202F, 0x202F, ' '  },   /* narrow no-break space */
  { 0x2032, 0x2032, '\'' },   /* ′ prime */
  { 0x2033, 0x2033, '"'  },   /* ″ double prime */
  { 0x2035, 0x2035, '\'' },   /* ‵ reversed prime */
  { 0x2036, 0x2036, '"'  },   /* ‶ reversed double prime */
  { 0x2039, 0x203A, '\'' },   /* ‹ › */
  { 0x2043, 0x2043, '-'  },   /* ⁃ hyphen bullet */
  { 0x205F, 0x205F, ' '  },   /* medium mathematical space */
  { 0x2212, 0x2212, '-'  },   /* − minus sign */
  { 0x275B, 0x275C, '\'' },   /* ❛ ❜ heavy single quotation ornaments */
  { 0x275D, 0x275E, '"'  },   /* ❝ ❞ heavy double quotation ornaments */
  { 0x2796, 0x2796, '-'  },   /* ➖ heavy minus sign */
  { 0x2E42, 0x2E42, '"'  },   /* ⹂ double low-reversed-9 quotation mark */
  { 0x3000, 0x3000, ' '  },   /* ideographic space */
  { 0x301D, 0x301F, '"'  },   /* 〝 〞 〟 double prime quotation marks */
};

/* ---- UTF-8 -------------------------------------------------------------- */

/* Reads the character at z[i] (i < n) into *pCp and returns its length in
** bytes.  A byte that does not start a complete, shortest-form UTF-8
** sequence of a Unicode scalar value reads as U+FFFD of length 1. */
static size_t utf8_decode(const unsigned char *z, size_t n, size_t i,
                          int32_t *pCp){
  unsigned c = z[i];
  size_t nLeft = n - i;
  *pCp = REPLACEMENT_CHAR;
  if( c<0x80 ){
    *pCp = (int32_t)c;
    return 1;
  }
  if( c<0xC2 ) return 1;                        /* continuation, overlong */
  if( c<0xE0 ){
    if( nLeft<2 || (z[i+1]&0xC0)!=0x80 ) return 1;
    *pCp = (int32_t)(((c&0x1F)<<6) | (z[i+1]&0x3F));
    return 2;
  }
  if( c<0xF0 ){
    if( nLeft<3 || (z[i+1]&0xC0)!=0x80 || (z[i+2]&0xC0)!=0x80 ) return 1;
    if( c==0xE0 && z[i+1]<0xA0 ) return 1;      /* overlong */
    if( c==0xED && z[i+1]>=0xA0 ) return 1;     /* surrogate */
    *pCp = (int32_t)(((c&0x0F)<<12) | ((z[i+1]&0x3F)<<6) | (z[i+2]&0x3F));
    return 3;
  }
  if( c<0xF5 ){
    if( nLeft<4 || (z[i+1]&0xC0)!=0x80 || (z[i+2]&0xC0)!=0x80
     || (z[i+3]&0xC0)!=0x80 ) return 1;
    if( c==0xF0 && z[i+1]<0x90 ) return 1;      /* overlong */
    if( c==0xF4 && z[i+1]>=0x90 ) return 1;     /* above U+10FFFF */
    *pCp = (int32_t)(((c&0x07)<<18) | ((z[i+1]&0x3F)<<12)
                     | ((z[i+2]&0x3F)<<6) | (z[i+3]&0x3F));
    return 4;
  }
  return 1;
}

/* Writes code point cp (0..0x10FFFF) as UTF-8 to z; returns the length. */
static size_t utf8_encode(int32_t cp, unsigned char *z){
  if( cp<0x80 ){
    z[0] = (unsigned char)cp;
    return 1;
  }
  if( cp<0x800 ){
    z[0] = (unsigned char)(0xC0 | (cp>>6));
    z[1] = (unsigned char)(0x80 | (cp&0x3F));
    return 2;
  }
  if( cp<0x10000 ){
    z[0] = (unsigned char)(0xE0 | (cp>>12));
    z[1] = (unsigned char)(0x80 | ((cp>>6)&0x3F));
    z[2] = (unsigned char)(0x80 | (cp&0x3F));
    return 3;
  }
  z[0] = (unsigned char)(0xF0 | (cp>>18));
  z[1] = (unsigned char)(0x80 | ((cp>>12)&0x3F));
  z[2] = (unsigned char)(0x80 | ((cp>>6)&0x3F));
  z[3] = (unsigned char)(0x80 | (cp&0x3F));
  return 4;
}

/* ---- lumping ------------------------------------------------------------ */

/* The ASCII character cp is lumped into ('-', '\'', '"' or ' '), or 0. */
static char lump_char(int32_t cp){
  int lo = 0;
  int hi = (int)(sizeof(aLump)/sizeof(aLump[0])) - 1;
  if( cp<0x80 ){
    char c = (char)aFoldAscii[cp];
    return (c==' ' || c=='\'' || c=='"' || c=='-') ? c : 0;
  }
  while( lo<=hi ){
    int mid = (lo+hi)/2;
    if( cp<aLump[mid].iFirst ){
      hi = mid-1;
    }else if( cp>aLump[mid].iLast ){
      lo = mid+1;
    }else{
      return aLump[mid].cAscii;
    }
  }
  if( utf8proc_category(cp)==UTF8PROC_CATEGORY_PD ) return '-';
  return 0;
}

/* ---- th_fold ------------------------------------------------------------ */

/* Characters remembered by one th_fold call (the last one seen in each
** slot): the bytes one source character folds to, when they do not depend
** on what comes before them (no space, no Hangul). */
#define FOLD_CACHE_SIZE 64
typedef struct FoldCacheEntry {
  int32_t cp;          /* source character, -1 for an empty slot */
  unsigned char n;     /* bytes it folds to (0 for a dropped mark) */
  char z[11];          /* those bytes */
} FoldCacheEntry;

/* The output of th_fold while it is being written. */
typedef struct FoldOut {
  ThBuf *pOut;         /* folded bytes are appended here */
  size_t n0;           /* pOut->n on entry */
  size_t *aMap;        /* source offset of each appended byte, or NULL */
  size_t nMapAlloc;    /* entries allocated in aMap */
  int bWantMap;        /* true if the caller asked for the map */
  ThFoldMap *pSparse;  /* th_fold_sparse: the map as steps, or NULL */
  int bSpace;          /* the last byte written is a (collapsed) space */
  int32_t cpJamo;      /* Hangul L jamo or LV syllable just written, or 0 */
  size_t iJamoEnd;     /* pOut->n right after cpJamo was written */
  int bCacheReady;     /* aCache is initialized */
  FoldCacheEntry aCache[FOLD_CACHE_SIZE];
} FoldOut;

/* Makes room for nMore more output bytes (and their map entries). */
static int fold_reserve(FoldOut *p, size_t nMore){
  size_t nNeed;
  if( th_buf_reserve(p->pOut, nMore) ) return SQLITE_NOMEM;
  if( !p->bWantMap ) return SQLITE_OK;
  nNeed = p->pOut->nAlloc - p->n0 + 1;
  if( nNeed>p->nMapAlloc ){
    size_t *aNew = sqlite3_realloc64(p->aMap, nNeed*sizeof(size_t));
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aMap = aNew;
    p->nMapAlloc = nNeed;
  }
  return SQLITE_OK;
}

/* Adds a step to the sparse map for output byte k (relative to the start
** of the output) from source offset iSrc, unless the last step already
** gives that value.  Room was reserved with fold_steps_reserve(). */
static void fold_step_note(ThFoldMap *m, size_t k, size_t iSrc){
  if( m->nStep>0 ){
    const ThFoldStep *pLast = &m->aStep[m->nStep-1];
    if( pLast->iSrc + (k - pLast->iOut)==iSrc ) return;
  }
  m->aStep[m->nStep].iOut = k;
  m->aStep[m->nStep].iSrc = iSrc;
  m->nStep++;
}

/* Makes room for nMore more steps in m. */
static int fold_steps_reserve(ThFoldMap *m, size_t nMore){
  size_t nNeed = m->nStep + nMore;
  ThFoldStep *aNew;
  if( nNeed<=m->nStepAlloc ) return SQLITE_OK;
  if( nNeed<m->nStepAlloc*2 ) nNeed = m->nStepAlloc*2;
  if( nNeed<256 ) nNeed = 256;
  aNew = sqlite3_realloc64(m->aStep, nNeed*sizeof(ThFoldStep));
  if( aNew==0 ) return SQLITE_NOMEM;
  m->aStep = aNew;
  m->nStepAlloc = nNeed;
  return SQLITE_OK;
}

/* Writes byte c that came from the source character at iSrc. */
static void fold_put_byte(FoldOut *p, char c, size_t iSrc){
  ThBuf *b = p->pOut;
  if( p->aMap ){
    p->aMap[b->n - p->n0] = iSrc;
  }else if( p->pSparse ){
    fold_step_note(p->pSparse, b->n - p->n0, iSrc);
  }
  b->z[b->n++] = c;
}

/* Tries to compose cp with the Hangul L jamo or LV syllable written just
** before it; rewrites that syllable in place and returns 1 if it did. */
static int fold_compose_hangul(FoldOut *p, int32_t cp){
  int32_t iV = cp - HANGUL_VBASE;
  int32_t iT = cp - HANGUL_TBASE;
  int32_t cpNew;
  if( p->cpJamo==0 || p->iJamoEnd!=p->pOut->n ) return 0;
  if( p->cpJamo<HANGUL_SBASE ){
    /* an L jamo: takes a V jamo */
    if( iV<0 || iV>=HANGUL_VCOUNT ) return 0;
    cpNew = HANGUL_SBASE
          + ((p->cpJamo - HANGUL_LBASE)*HANGUL_VCOUNT + iV)*HANGUL_TCOUNT;
  }else{
    /* an LV syllable: takes a T jamo */
    if( iT<=0 || iT>=HANGUL_TCOUNT ) return 0;
    cpNew = p->cpJamo + iT;
  }
  /* jamo and syllables are all 3 bytes long: the map entries stay */
  utf8_encode(cpNew, (unsigned char*)p->pOut->z + p->pOut->n - 3);
  p->cpJamo = (p->cpJamo<HANGUL_SBASE) ? cpNew : 0;
  return 1;
}

/* Writes one folded code point cp that came from the source character at
** iSrc: lumps it, collapses spaces, composes Hangul, encodes the rest. */
static void fold_emit(FoldOut *p, int32_t cp, size_t iSrc){
  char c = lump_char(cp);
  unsigned char aUtf8[4];
  size_t nUtf8, k;
  if( c==' ' ){
    if( !p->bSpace ) fold_put_byte(p, ' ', iSrc);
    p->bSpace = 1;
    return;
  }
  p->bSpace = 0;
  if( c ){
    fold_put_byte(p, c, iSrc);
    return;
  }
  if( cp<0x80 ){
    fold_put_byte(p, (char)aFoldAscii[cp], iSrc);
    return;
  }
  if( fold_compose_hangul(p, cp) ) return;
  nUtf8 = utf8_encode(cp, aUtf8);
  for(k=0; k<nUtf8; k++) fold_put_byte(p, (char)aUtf8[k], iSrc);
  if( (cp>=HANGUL_LBASE && cp<HANGUL_LBASE+HANGUL_LCOUNT)
   || (cp>=HANGUL_SBASE && cp<HANGUL_SBASE+HANGUL_SCOUNT
       && (cp-HANGUL_SBASE)%HANGUL_TCOUNT==0) ){
    p->cpJamo = cp;
    p->iJamoEnd = p->pOut->n;
  }
}

/* True if cp is a Hangul jamo or syllable (may compose in fold_emit). */
static int is_hangul(int32_t cp){
  return (cp>=0x1100 && cp<=0x11FF)
      || (cp>=HANGUL_SBASE && cp<HANGUL_SBASE+HANGUL_SCOUNT);
}

/* Stores in pEntry the bytes the code points aCp[0..nCp) fold to, if they
** do not depend on the output before them.  Returns 1 if it did. */
static int fold_cache_store(FoldCacheEntry *pEntry, int32_t cpSrc,
                            const utf8proc_int32_t *aCp, size_t nCp){
  char aByte[sizeof(pEntry->z)];
  size_t k, nByte = 0;
  for(k=0; k<nCp; k++){
    unsigned char aUtf8[4];
    size_t nUtf8;
    char c = lump_char(aCp[k]);
    if( c==' ' || is_hangul(aCp[k]) ) return 0;
    if( c ){
      aUtf8[0] = (unsigned char)c;
      nUtf8 = 1;
    }else if( aCp[k]<0x80 ){
      aUtf8[0] = aFoldAscii[aCp[k]];
      nUtf8 = 1;
    }else{
      nUtf8 = utf8_encode(aCp[k], aUtf8);
    }
    if( nByte+nUtf8>sizeof(aByte) ) return 0;
    memcpy(aByte+nByte, aUtf8, nUtf8);
    nByte += nUtf8;
  }
  memcpy(pEntry->z, aByte, nByte);
  pEntry->cp = cpSrc;
  pEntry->n = (unsigned char)nByte;
  return 1;
}

/* Writes the bytes of a cache entry for the source character at iSrc. */
static void fold_put_cached(FoldOut *p, const FoldCacheEntry *pEntry,
                            size_t iSrc){
  unsigned k;
  for(k=0; k<pEntry->n; k++) fold_put_byte(p, pEntry->z[k], iSrc);
  if( pEntry->n ) p->bSpace = 0;
}

/* Folds the non-ASCII (or invalid) character cp found at z[iSrc]. */
static void fold_char(FoldOut *p, int32_t cp, size_t iSrc){
  utf8proc_int32_t aCp[MAX_EXPANSION];
  utf8proc_ssize_t nCp, k;
  FoldCacheEntry *pEntry = &p->aCache[cp & (FOLD_CACHE_SIZE-1)];
  if( !p->bCacheReady ){
    memset(p->aCache, 0xff, sizeof(p->aCache));    /* every cp is -1 */
    p->bCacheReady = 1;
  }
  if( pEntry->cp==cp ){
    fold_put_cached(p, pEntry, iSrc);
    return;
  }
  if( lump_char(cp) ){
    aCp[0] = cp;
    nCp = 1;
  }else{
    nCp = utf8proc_decompose_char(cp, aCp, MAX_EXPANSION,
                                  (utf8proc_option_t)FOLD_OPTIONS, 0);
    if( nCp<0 || nCp>MAX_EXPANSION ){
      aCp[0] = REPLACEMENT_CHAR;       /* cannot happen with Unicode 15 */
      nCp = 1;
    }
  }
  if( fold_cache_store(pEntry, cp, aCp, (size_t)nCp) ){
    fold_put_cached(p, pEntry, iSrc);
  }else{
    for(k=0; k<nCp; k++) fold_emit(p, aCp[k], iSrc);
  }
}

/* Word-at-a-time helpers for 8 ASCII bytes held in a uint64_t (all bytes
** below 0x80, so adding a constant below 0x80 to each byte never carries
** into the next byte).  Each returns 0x80 in every byte that matches. */
#define BYTES_0x80 0x8080808080808080ULL
#define BYTES(c)   (0x0101010101010101ULL * (c))

/* Bytes equal to c (c < 0x80). */
static uint64_t bytes_equal(uint64_t w, unsigned c){
  uint64_t x = w ^ BYTES(c);              /* 0 where equal, below 0x80 */
  return ~(x + BYTES(0x7f)) & BYTES_0x80;
}

/* Bytes below 0x20 (control characters, including TAB LF VT FF CR). */
static uint64_t bytes_control(uint64_t w){
  return ~(w + BYTES(0x60)) & BYTES_0x80;
}

/* Bytes in 'A'..'Z'. */
static uint64_t bytes_upper(uint64_t w){
  return (w + BYTES(0x80-'A')) & ~(w + BYTES(0x80-'Z'-1)) & BYTES_0x80;
}

/* Folds the 8 ASCII bytes at z if that is plain lower-casing: no control
** character, no '`', no two spaces in a row and no space right after
** the space written last.  Writes 8 bytes to zOut and returns 1, or
** returns 0 and writes nothing. */
static inline int fold_ascii_block(const unsigned char *z, int bSpace,
                                   char *zOut){
  uint64_t w, sp;
  memcpy(&w, z, 8);
  if( w & BYTES_0x80 ) return 0;
  sp = bytes_equal(w, ' ');
  if( bytes_control(w) | bytes_equal(w, '`') | (sp & (sp<<8)) ) return 0;
  if( bSpace && z[0]==' ' ) return 0;
  w |= bytes_upper(w) >> 2;               /* 0x80>>2 is the case bit 0x20 */
  memcpy(zOut, &w, 8);
  return 1;
}

/* Folds the bytes below 0x80 from z[i] on; stops at the first other byte
** and returns its offset (or n).  Room for one output byte per input byte
** is reserved by the caller.  Runs of 8 bytes that only need lower-casing
** go through fold_ascii_block; other bytes go one by one through the
** table, branch-free: each byte is written, and the output only moves on
** if it is not a second space. */
static size_t fold_ascii_run(FoldOut *p, const unsigned char *z, size_t i,
                             size_t n){
  char *zOut = p->pOut->z;
  size_t nOut = p->pOut->n;
  size_t *aMap = p->aMap;
  size_t n0 = p->n0;
  int bSpace = p->bSpace;
  while( i<n && z[i]<0x80 ){
    size_t iEnd, k;
    if( n-i>=8 && fold_ascii_block(z+i, bSpace, zOut+nOut) ){
      if( aMap ){
        for(k=0; k<8; k++) aMap[nOut - n0 + k] = i + k;
      }
      nOut += 8;
      i += 8;
      bSpace = z[i-1]==' ';
      continue;
    }
    /* one by one up to 8 bytes */
    iEnd = n-i>=8 ? i+8 : n;
    for(; i<iEnd && z[i]<0x80; i++){
      unsigned char c = aFoldAscii[z[i]];
      int bIsSpace = (c==' ');
      if( aMap ) aMap[nOut - n0] = i;
      zOut[nOut] = (char)c;
      nOut += !(bIsSpace & bSpace);
      bSpace = bIsSpace;
    }
  }
  p->pOut->n = nOut;
  p->bSpace = bSpace;
  return i;
}

int th_fold(const char *zIn, size_t n, ThBuf *pOut, size_t **paMap){
  const unsigned char *z = (const unsigned char*)zIn;
  FoldOut o;
  size_t i = 0;
  int rc;

  o.pOut = pOut;
  o.n0 = pOut->n;
  o.aMap = 0;
  o.nMapAlloc = 0;
  o.bWantMap = paMap!=0;
  o.pSparse = 0;
  o.bSpace = 0;
  o.cpJamo = 0;
  o.iJamoEnd = 0;
  o.bCacheReady = 0;      /* aCache is set up at the first non-ASCII byte */
  if( paMap ) *paMap = 0;

  /* ASCII never grows; a little slack for characters that expand */
  rc = fold_reserve(&o, n + n/32 + 64);
  while( rc==SQLITE_OK && i<n ){
    int32_t cp;
    size_t nChar;
    i = fold_ascii_run(&o, z, i, n);
    if( i>=n ) break;
    if( pOut->nAlloc - pOut->n <= (n - i) + MAX_FOLD_BYTES ){
      rc = fold_reserve(&o, (n - i) + MAX_FOLD_BYTES);
      if( rc ) break;
    }
    nChar = utf8_decode(z, n, i, &cp);
    fold_char(&o, cp, i);
    i += nChar;
  }
  if( rc ){
    sqlite3_free(o.aMap);
    if( pOut->z ){
      pOut->n = o.n0;
      pOut->z[pOut->n] = 0;
    }
    return SQLITE_NOMEM;
  }
  pOut->z[pOut->n] = 0;
  if( paMap ){
    o.aMap[pOut->n - o.n0] = n;
    *paMap = o.aMap;
  }
  return SQLITE_OK;
}

/* Lower-cases the blocks of 16 bytes from z[i] on (while 16 are left)
** that need nothing else, as the word-at-a-time loop of
** fold_ascii_run_sparse does: it stops at a block with a byte above 0x7F,
** a control character, a '`', two spaces in a row, or a space first
** right after the space written last (*pbSpace).  Returns where it
** stopped; *pnOut and *pbSpace follow the bytes written.  With SSE2 (all
** x86-64 machines) a block is tested with a few vector instructions, and
** of the block it stops at, the bytes before the first that needs more
** than lower-casing are written too; elsewhere 8 bytes at a time (sp &
** (sp<<8) finds two spaces in a row inside 8 bytes in either byte order,
** the bytes at the edges are compared). */
static size_t fold_ascii16(const unsigned char *z, size_t i, size_t n,
                           char *zOut, size_t *pnOut, int *pbSpace){
#if defined(__SSE2__)
  const __m128i vCtl = _mm_set1_epi8(0x20);   /* signed: also bytes >=0x80 */
  const __m128i vTick = _mm_set1_epi8('`');
  const __m128i vSpace = _mm_set1_epi8(' ');
  const __m128i vAt = _mm_set1_epi8('A'-1);
  const __m128i vZ = _mm_set1_epi8('Z'+1);
  size_t nOut = *pnOut;
  int bSpace = *pbSpace;
  while( n-i>=16 ){
    __m128i v = _mm_loadu_si128((const __m128i*)(z+i));
    __m128i vUpper;
    unsigned mBad = (unsigned)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmplt_epi8(v, vCtl), _mm_cmpeq_epi8(v, vTick)));
    unsigned mSpace = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, vSpace));
    unsigned mDouble = mSpace & (mSpace>>1);    /* first of two spaces */
    size_t nClean = 16;
    vUpper = _mm_and_si128(_mm_cmpgt_epi8(v, vAt), _mm_cmplt_epi8(v, vZ));
    v = _mm_or_si128(v, _mm_and_si128(vUpper, vSpace));   /* 0x20: case */
    /* written whole even if only some bytes are kept: the output has room
    ** for one byte per source byte left (th_fold_sparse reserves it) */
    _mm_storeu_si128((__m128i*)(zOut+nOut), v);
    if( mBad | mDouble | (mSpace & (unsigned)bSpace) ){
      /* the bytes before the first that needs more than lower-casing
      ** stay written (up to the first space of two) */
      if( mSpace & (unsigned)bSpace ) break;
      if( mBad ) nClean = th_lowest_bit(mBad);
      if( mDouble && th_lowest_bit(mDouble)+1<nClean ){
        nClean = th_lowest_bit(mDouble)+1;
      }
      if( nClean>0 ){
        nOut += nClean;
        i += nClean;
        bSpace = (int)((mSpace>>(nClean-1)) & 1);
      }
      break;
    }
    nOut += 16;
    i += 16;
    bSpace = (int)(mSpace>>15);
  }
  *pnOut = nOut;
  *pbSpace = bSpace;
#else
  size_t nOut = *pnOut;
  int bSpace = *pbSpace;
  while( n-i>=16 ){
    uint64_t w, w2, sp, sp2;
    memcpy(&w, z+i, 8);
    memcpy(&w2, z+i+8, 8);
    if( (w | w2) & BYTES_0x80 ) break;
    sp = bytes_equal(w, ' ');
    sp2 = bytes_equal(w2, ' ');
    if( bytes_control(w) | bytes_control(w2)
     | bytes_equal(w, '`') | bytes_equal(w2, '`')
     | (sp & (sp<<8)) | (sp2 & (sp2<<8)) ){
      break;
    }
    if( (bSpace && z[i]==' ') || (z[i+7]==' ' && z[i+8]==' ') ) break;
    w |= bytes_upper(w) >> 2;               /* 0x80>>2 is the case bit */
    w2 |= bytes_upper(w2) >> 2;
    memcpy(zOut+nOut, &w, 8);
    memcpy(zOut+nOut+8, &w2, 8);
    nOut += 16;
    i += 16;
    bSpace = z[i-1]==' ';
  }
  *pnOut = nOut;
  *pbSpace = bSpace;
#endif
  return i;
}

/* As fold_ascii_run for th_fold_sparse: no map entry per byte, only a
** step where the map does not go up by one (a collapsed space, the start
** of the run).  *pRc gets SQLITE_NOMEM if steps cannot be stored. */
static size_t fold_ascii_run_sparse(FoldOut *p, const unsigned char *z,
                                    size_t i, size_t n, int *pRc){
  char *zOut = p->pOut->z;
  size_t nOut = p->pOut->n;
  size_t n0 = p->n0;
  ThFoldMap *m = p->pSparse;
  int bSpace = p->bSpace;
  while( i<n && z[i]<0x80 ){
    size_t iEnd, iFirst;
    int bSkipped = 0;
    /* at most one step per written byte of a group of 8, plus one */
    if( m->nStepAlloc - m->nStep < 9 && fold_steps_reserve(m, 9) ){
      *pRc = SQLITE_NOMEM;
      break;
    }
    fold_step_note(m, nOut - n0, i);
    /* blocks that need only lower-casing: the map goes on by one */
    i = fold_ascii16(z, i, n, zOut, &nOut, &bSpace);
    while( n-i>=8 && fold_ascii_block(z+i, bSpace, zOut+nOut) ){
      nOut += 8;
      i += 8;
      bSpace = z[i-1]==' ';
    }
    if( i>=n || z[i]>=0x80 ) break;
    /* byte by byte, up to 8 bytes, back to the blocks after the first
    ** byte other than a space that follows the byte that stopped them */
    iFirst = i;
    iEnd = n-i>=8 ? i+8 : n;
    for(; i<iEnd && z[i]<0x80; i++){
      unsigned char c = aFoldAscii[z[i]];
      int bIsSpace = (c==' ');
      if( bIsSpace && bSpace ){
        bSkipped = 1;
        continue;
      }
      if( bSkipped ){
        fold_step_note(m, nOut - n0, i);
        bSkipped = 0;
      }
      zOut[nOut++] = (char)c;
      bSpace = bIsSpace;
      if( !bIsSpace && i>iFirst ){
        i++;
        break;
      }
    }
  }
  p->pOut->n = nOut;
  p->bSpace = bSpace;
  return i;
}

void th_fold_map_init(ThFoldMap *pMap){
  memset(pMap, 0, sizeof(*pMap));
}

void th_fold_map_free(ThFoldMap *pMap){
  sqlite3_free(pMap->aStep);
  memset(pMap, 0, sizeof(*pMap));
}

int th_fold_sparse(const char *zIn, size_t n, ThBuf *pOut, ThFoldMap *pMap){
  const unsigned char *z = (const unsigned char*)zIn;
  FoldOut o;
  size_t i = 0;
  int rc;

  o.pOut = pOut;
  o.n0 = pOut->n;
  o.aMap = 0;
  o.nMapAlloc = 0;
  o.bWantMap = 0;
  o.pSparse = pMap;
  o.bSpace = 0;
  o.cpJamo = 0;
  o.iJamoEnd = 0;
  o.bCacheReady = 0;
  pMap->nStep = 0;
  pMap->nOut = 0;
  pMap->nSrc = n;
  pMap->iFirstHigh = n;

  rc = fold_reserve(&o, n + n/32 + 64);
  if( rc==SQLITE_OK ) rc = fold_steps_reserve(pMap, 64);
  while( rc==SQLITE_OK && i<n ){
    int32_t cp;
    size_t nChar;
    i = fold_ascii_run_sparse(&o, z, i, n, &rc);
    if( rc || i>=n ) break;
    if( pOut->nAlloc - pOut->n <= (n - i) + MAX_FOLD_BYTES ){
      rc = fold_reserve(&o, (n - i) + MAX_FOLD_BYTES);
      if( rc ) break;
    }
    rc = fold_steps_reserve(pMap, MAX_FOLD_BYTES);
    if( rc ) break;
    if( i<pMap->iFirstHigh ) pMap->iFirstHigh = i;
    nChar = utf8_decode(z, n, i, &cp);
    fold_char(&o, cp, i);
    i += nChar;
  }
  if( rc ){
    pMap->nStep = 0;
    pMap->nSrc = 0;
    pMap->iFirstHigh = 0;
    if( pOut->z ){
      pOut->n = o.n0;
      pOut->z[pOut->n] = 0;
    }
    return SQLITE_NOMEM;
  }
  pOut->z[pOut->n] = 0;
  pMap->nOut = pOut->n - o.n0;
  return SQLITE_OK;
}

/* The map value of output byte k (k <= nOut); *piHint (a step index, or
** NULL) is where the search starts and gets the step found, so that
** lookups of nearby bytes cost a step or two. */
static inline size_t fold_map_at_hint(const ThFoldMap *pMap, size_t k,
                               size_t *piHint){
  size_t lo = 0, hi = pMap->nStep;
  const ThFoldStep *pStep;
  if( k>=pMap->nOut || pMap->nStep==0 ) return pMap->nSrc;
  if( piHint && *piHint<pMap->nStep && pMap->aStep[*piHint].iOut<=k
   && (*piHint+1==pMap->nStep || pMap->aStep[*piHint+1].iOut>k) ){
    pStep = &pMap->aStep[*piHint];      /* the same step as last time */
    return pStep->iSrc + (k - pStep->iOut);
  }
  if( piHint && *piHint<pMap->nStep && pMap->aStep[*piHint].iOut<=k ){
    size_t j = *piHint, nMove = 0;
    while( j+1<pMap->nStep && pMap->aStep[j+1].iOut<=k && nMove<8 ){
      j++;
      nMove++;
    }
    lo = j;
    if( j+1<pMap->nStep && pMap->aStep[j+1].iOut<=k ) lo = j+1;
    else hi = j+1;
  }
  /* the last step with iOut <= k (aStep[0].iOut is 0) */
  while( hi-lo>1 ){
    size_t mid = lo + (hi-lo)/2;
    if( pMap->aStep[mid].iOut<=k ) lo = mid; else hi = mid;
  }
  if( piHint ) *piHint = lo;
  pStep = &pMap->aStep[lo];
  return pStep->iSrc + (k - pStep->iOut);
}

size_t th_fold_map_at(const ThFoldMap *pMap, size_t k){
  return fold_map_at_hint(pMap, k, 0);
}

size_t th_fold_map_at_from(const ThFoldMap *pMap, size_t k, size_t *piHint){
  return fold_map_at_hint(pMap, k, piHint);
}

size_t th_fold_map_find(const ThFoldMap *pMap, size_t iSrc){
  /* Steps are noted in source order, so their iSrc never decrease, and
  ** the bytes before step j all come from source offsets below
  ** aStep[j].iSrc or are those of step j-1, which go up by one.  So the
  ** answer is in step j-1 or is the first byte of step j, for the first
  ** step j with aStep[j].iSrc >= iSrc (one binary search over the steps). */
  size_t lo = 0, hi = pMap->nStep, iOutEnd;
  while( lo<hi ){
    size_t mid = lo + (hi-lo)/2;
    if( pMap->aStep[mid].iSrc<iSrc ) lo = mid+1; else hi = mid;
  }
  iOutEnd = lo<pMap->nStep ? pMap->aStep[lo].iOut : pMap->nOut;
  if( lo>0 ){
    const ThFoldStep *pPrev = &pMap->aStep[lo-1];
    size_t k = pPrev->iOut + (iSrc - pPrev->iSrc);
    if( k<iOutEnd ) return k;
  }
  return iOutEnd;
}

void th_fold_map_span(const ThFoldMap *pMap, size_t a, size_t b,
                      size_t *piStart, size_t *piEnd, size_t *piHint){
  size_t nNew = pMap->nOut;
  if( b>nNew ) b = nNew;
  if( a>b ) a = b;
  *piStart = fold_map_at_hint(pMap, a, piHint);
  if( b>a ){
    size_t iPrev = fold_map_at_hint(pMap, b-1, piHint);
    size_t iEnd = fold_map_at_hint(pMap, b, piHint);
    while( b<nNew && iEnd==iPrev ){
      b++;
      iEnd = fold_map_at_hint(pMap, b, piHint);
    }
    *piEnd = iEnd;
  }else{
    *piEnd = *piStart;
  }
}

void th_fold_span(const size_t *aMap, size_t nNew, size_t a, size_t b,
                  size_t *piStart, size_t *piEnd){
  if( b>nNew ) b = nNew;
  if( a>b ) a = b;
  *piStart = aMap[a];
  if( b>a ){
    /* an end inside one character's expansion moves to its end */
    while( b<nNew && aMap[b]==aMap[b-1] ) b++;
  }
  *piEnd = aMap[b];
}

/* ---- th_normalize ------------------------------------------------------- */

/* A growing array of code points. */
typedef struct CodePoints {
  utf8proc_int32_t *a;
  size_t n, nAlloc;
} CodePoints;

static int cp_reserve(CodePoints *p, size_t nMore){
  size_t nNeed = p->n + nMore;
  utf8proc_int32_t *aNew;
  if( nNeed<=p->nAlloc ) return SQLITE_OK;
  if( nNeed<p->nAlloc*2 ) nNeed = p->nAlloc*2;
  if( nNeed<256 ) nNeed = 256;
  aNew = sqlite3_realloc64(p->a, nNeed*sizeof(p->a[0]));
  if( aNew==0 ) return SQLITE_NOMEM;
  p->a = aNew;
  p->nAlloc = nNeed;
  return SQLITE_OK;
}

static int combining_class(utf8proc_int32_t cp){
  return utf8proc_get_property(cp)->combining_class;
}

/* Sorts a[0..n) by combining class, keeping the order of equal classes.
** Insertion sort for the usual short runs, counting sort for long ones. */
static int sort_marks(utf8proc_int32_t *a, size_t n){
  if( n<=16 ){
    size_t i, j;
    for(i=1; i<n; i++){
      utf8proc_int32_t cp = a[i];
      int ccc = combining_class(cp);
      for(j=i; j>0 && combining_class(a[j-1])>ccc; j--) a[j] = a[j-1];
      a[j] = cp;
    }
  }else{
    size_t aStart[257];
    size_t i;
    utf8proc_int32_t *aTmp = sqlite3_malloc64(n*sizeof(a[0]));
    if( aTmp==0 ) return SQLITE_NOMEM;
    memset(aStart, 0, sizeof(aStart));
    for(i=0; i<n; i++) aStart[combining_class(a[i])+1]++;
    for(i=1; i<257; i++) aStart[i] += aStart[i-1];
    for(i=0; i<n; i++) aTmp[aStart[combining_class(a[i])]++] = a[i];
    memcpy(a, aTmp, n*sizeof(a[0]));
    sqlite3_free(aTmp);
  }
  return SQLITE_OK;
}

/* Canonical ordering: every run of marks (combining class > 0) sorted. */
static int canonical_order(utf8proc_int32_t *a, size_t n){
  size_t i = 0;
  while( i<n ){
    size_t iStart;
    if( combining_class(a[i])==0 ){ i++; continue; }
    iStart = i;
    while( i<n && combining_class(a[i])>0 ) i++;
    if( i-iStart>1 && sort_marks(a+iStart, i-iStart) ) return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}

/* Normalizes the stretch z[0..n) and appends it to pOut.  aCp is scratch
** space kept between calls. */
static int normalize_stretch(const unsigned char *z, size_t n, int eForm,
                             CodePoints *aCp, ThBuf *pOut){
  int bCompat = (eForm==TH_NFKC || eForm==TH_NFKD);
  int bCompose = (eForm==TH_NFC || eForm==TH_NFKC);
  int opts = UTF8PROC_DECOMPOSE | (bCompat ? UTF8PROC_COMPAT : 0);
  size_t i = 0, k;
  unsigned char *zOut;

  aCp->n = 0;
  while( i<n ){
    int32_t cp;
    utf8proc_ssize_t nNew;
    i += utf8_decode(z, n, i, &cp);
    if( cp_reserve(aCp, MAX_EXPANSION) ) return SQLITE_NOMEM;
    nNew = utf8proc_decompose_char(cp, aCp->a + aCp->n, MAX_EXPANSION,
                                   (utf8proc_option_t)opts, 0);
    if( nNew<0 || nNew>MAX_EXPANSION ){
      aCp->a[aCp->n] = REPLACEMENT_CHAR;   /* cannot happen with Unicode 15 */
      nNew = 1;
    }
    aCp->n += (size_t)nNew;
  }
  if( canonical_order(aCp->a, aCp->n) ) return SQLITE_NOMEM;
  if( bCompose ){
    utf8proc_ssize_t nNew = utf8proc_normalize_utf32(aCp->a,
        (utf8proc_ssize_t)aCp->n,
        (utf8proc_option_t)(UTF8PROC_COMPOSE|UTF8PROC_STABLE));
    if( nNew<0 ) return SQLITE_NOMEM;
    aCp->n = (size_t)nNew;
  }
  if( th_buf_reserve(pOut, aCp->n*4) ) return SQLITE_NOMEM;
  zOut = (unsigned char*)pOut->z;
  for(k=0; k<aCp->n; k++){
    pOut->n += utf8_encode(aCp->a[k], zOut + pOut->n);
  }
  zOut[pOut->n] = 0;
  return SQLITE_OK;
}

int th_norm_form(const char *zName, size_t nName){
  static const struct { const char *zName; int eForm; } aForm[] = {
    { "NFC", TH_NFC }, { "NFD", TH_NFD }, { "NFKC", TH_NFKC }, { "NFKD", TH_NFKD },
  };
  size_t i, k;
  for(i=0; i<sizeof(aForm)/sizeof(aForm[0]); i++){
    const char *zForm = aForm[i].zName;
    if( strlen(zForm)!=nName ) continue;
    for(k=0; k<nName; k++){
      char c = zName[k];
      if( c>='a' && c<='z' ) c = (char)(c - 'a' + 'A');
      if( c!=zForm[k] ) break;
    }
    if( k==nName ) return aForm[i].eForm;
  }
  return 0;
}

int th_normalize(const char *zIn, size_t n, int eForm, ThBuf *pOut){
  const unsigned char *z = (const unsigned char*)zIn;
  CodePoints aCp;
  size_t n0 = pOut->n;
  size_t i = 0;
  int rc;

  if( eForm<TH_NFC || eForm>TH_NFKD ) return SQLITE_MISUSE;
  memset(&aCp, 0, sizeof(aCp));
  rc = th_buf_reserve(pOut, n);
  while( rc==SQLITE_OK && i<n ){
    size_t iNonAscii = i, iStart, iEnd;
    while( iNonAscii<n && z[iNonAscii]<0x80 ) iNonAscii++;
    if( iNonAscii==n ){
      rc = th_buf_append(pOut, zIn+i, n-i);
      break;
    }
    /* the ASCII character before a non-ASCII one may compose with it */
    iStart = iNonAscii>i ? iNonAscii-1 : iNonAscii;
    rc = th_buf_append(pOut, zIn+i, iStart-i);
    if( rc ) break;
    iEnd = iNonAscii;
    while( iEnd<n && z[iEnd]>=0x80 ) iEnd++;
    rc = normalize_stretch(z+iStart, iEnd-iStart, eForm, &aCp, pOut);
    i = iEnd;
  }
  sqlite3_free(aCp.a);
  if( rc ){
    if( pOut->z ){
      pOut->n = n0;
      pOut->z[n0] = 0;
    }
    return SQLITE_NOMEM;
  }
  return SQLITE_OK;
}
