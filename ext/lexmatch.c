/*
** lexmatch.c -- finds all terms of a lexicon (the data/lexicon TSV files,
** or terms a user adds) in a text in one pass: the term matcher of issue 4.
** Plain C, no SQL; the SQL functions that use it (extract_entities,
** therapy_kind) live in their own glue file.  API in lexmatch.h.
**
** Design
**
**   Tokens.  Text and terms are folded with th_fold() (NFKC casefold,
**   accents stripped, dashes and quotes lumped, white space runs -> one
**   space) and cut into tokens: a maximal run of word characters (letters,
**   marks, digits: Unicode L, M, N), or any other single character except
**   the space, which belongs to the trie edge after it ('CAR T', 'CAR-T'
**   and 'CART' stay three keys).  A symbol whose folding has letters
**   (U+2122 TRADE MARK SIGN -> "tm") is masked to bytes 0x01 first, so
**   "Kymriah" followed by U+2122 still ends a word.
**
**   Trie over tokens.  A lexicon interns every token of its terms once
**   (token -> number, open-addressing hash table) and stores the terms in
**   a trie whose edges (node, space before?, token number) -> child sit
**   in one hash table.  The 32-bit value of an edge holds the child and its
**   flags (terminal), so a walk touches one slot per token.  The terms at a
**   terminal node are a chained list of entries (caller's number, case
**   rule): one key may carry several terms (e.g. 'WAS' the gene and the
**   disease).  The scan's filters work on a token's key (tok_key: the
**   bytes of a token of up to 7 bytes as one number, so an ASCII word
**   needs no hashing; the hash of a longer one): a Bloom filter (16 KB)
**   of the first tokens of all keys, a filter of the first tokens that are
**   whole keys (4 KB), and a Bloom filter of the (first token, second
**   token) pairs of keys (16 KB); one-byte tokens have exact tables.  A
**   first token also keeps a 64-bit signature of the tokens that follow it
**   in keys (LexToken.nextSig) for the walk.  So 'the', 'a', 'in' (which
**   start terms) followed by an unrelated word are passed over without any
**   look-up in the token and edge tables, and the word after them is
**   read once.  The 7 700 terms of data/lexicon
**   take 1.8 MB and build in 4 ms; 10 000 terms 2.3 MB and 5 ms; 20 000
**   terms 4.3 MB and 11 ms.
**
**   Scan.  The text is folded with th_fold_sparse() in chunks of about
**   32 KB (memory does not grow with the text).  Its offset map is kept as
**   steps (fold.h): ASCII runs fold 16 bytes at a time with no map store,
**   and only collapsed white space and non-ASCII characters add a step; a
**   match span is mapped back with a step hint that follows the scan.
**   Most of the text goes through scan_skip(): for an ASCII word it finds
**   the end and the key in one 8-byte load, tests the Bloom filter (and,
**   for a word that passes, the whole-key and pair filters with the token
**   after it), and moves on.  At each possible start
**   the tries are walked token by token as far as they go (a
**   bounded-depth automaton over words: O(n * k), k the number of tokens
**   walked, almost always 0 or 1).  Every terminal node reached is a
**   candidate; the longest one that passes its case rule wins, across
**   lexicons; of equally long ones the later lexicon.  The scan goes on
**   after the match (leftmost, then longest, no overlaps).  Spans go back
**   to the original text with th_fold_span().
**
**   Chunks.  A chunk is cut at a character boundary; match starts are tried
**   up to (2 * longest key + 16) bytes before its end, then the next chunk
**   starts at a place where folding needs no context (a character that is
**   not white space, not a Hangul jamo, and produced output) at or before
**   the scan position, so its folded bytes are those of one whole fold.  A
**   chunk without such a place doubles, up to 1 MB (then it is cut at its
**   end: only for a megabyte of white space, jamo or combining marks).
**
** Matching rules
**
**   - Whole words: a match starts and ends at token boundaries, so 'CART'
**     is not found in 'cartilage', nor 'ADA' in 'ADAM', nor 'AAV' in 'AAV9'.
**   - '-' and '\'' are not word characters: a term followed by '-' is found
**     ('CAR-T' in 'CAR-T-cell', 'CD19' in 'CD19-directed' and 'anti-CD19')
**     unless a longer term covers the compound; a possessive is found the
**     same way ('Kymriah' in "Kymriah's", also with U+2019 as apostrophe).
**   - Plural: a term that is not case-sensitive and whose last character
**     as listed is an ASCII capital (an abbreviation: AAV, HSC, CAR-T)
**     also matches with a lower-case 's' right after it ('AAVs'); the span
**     includes the 's'.  A term listed with the 's' wins over this rule.
**     Other plurals must be listed as terms.
**   - Case-sensitive terms ('cs'): the original span must equal the term
**     after a light normalisation of both (compatibility decomposition
**     without case folding, every dash -> '-', single quotes -> '\'',
**     double quotes -> '"', white space runs -> ' ', default-ignorable
**     characters dropped).  'ADA' matches the gene, 'Ada' and 'ada' do
**     not; when it fails, a shorter match at the same place may still win.
**
** No global mutable state; a scan never writes into a lexicon.
*/
#include <string.h>
#include <utf8proc.h>
#include "fold.h"
#include "lexmatch.h"
#include "bits.h"

/* ---- constants ---------------------------------------------------------- */

/* Flags of a trie node, kept in the top 8 bits of an edge value. */
#define NODE_TERMINAL   0x01    /* some term ends here */

/* Flags of an entry. */
#define ENTRY_CS        0x01    /* case-sensitive */
#define ENTRY_PLURAL    0x02    /* the key of the term plus 's' */

#define NODE_MASK       0x00FFFFFFu   /* node number in an edge value */
#define SPACE_BEFORE    0x01000000u   /* edge token follows a space */
#define MAX_NODES       0x00FFFFFFu
#define MAX_TOKENS      0x00FFFFFFu
#define MAX_KEY         65536         /* longest term / folded key, bytes */

/* Source bytes folded per chunk (at least 4 times the margin); a chunk
** without a clean place to cut doubles up to CHUNK_GROWTH times that. */
#define CHUNK_BYTES     32768
#define CHUNK_GROWTH    32

/* Folded bytes kept after the last match start tried in a chunk, on top of
** twice the longest key. */
#define CHUNK_SLACK     16

/* Bloom filter of first tokens: 2^BLOOM_BITS bits. */
#define BLOOM_BITS      17

/* Bits of the filter of first tokens that are whole keys: 2^ALONE_BITS. */
#define ALONE_BITS      15

/* Bits of the Bloom filter of (first token, second token) pairs of keys:
** 2^PAIR_BITS. */
#define PAIR_BITS       17

/* Set in the key (tok_key) of a token longer than 7 bytes: a short
** token's key is its bytes, which never reach this bit. */
#define KEY_HASHED      0xFF00000000000000ULL

/* Code points one character may decompose to in the case check. */
#define MAX_DECOMP      32

/* Room in one block of string storage. */
#define ARENA_BLOCK     16384

/* Readable bytes kept after every buffer that token_hash() reads. */
#define TOKEN_PAD       8

/* Byte that replaces the folded letters of a symbol (see mask_symbols). */
#define SYMBOL_BYTE     0x01

/* ASCII word characters (the folded text has no A-Z, but the table serves
** the original text too). */
static const unsigned char aWordByte[128] = {
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
};

/* Classes of the bytes of folded text for the scan's fast path. */
#define BYTE_OTHER      0     /* ASCII, not a letter or digit (also NUL) */
#define BYTE_WORD       1     /* ASCII letter or digit */
#define BYTE_HIGH       2     /* part of a non-ASCII character */

static const unsigned char aByteClass[256] = {
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
  2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
  2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
  2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
  2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2, 2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,2,
};

/* Non-ASCII characters the case check lumps with an ASCII one: white
** space, quotes and the dashes outside category Pd (the lumping of
** th_fold, see fold.h).  Sorted ranges. */
typedef struct LightRange {
  int32_t iFirst, iLast;
  char cAscii;
} LightRange;

static const LightRange aLight[] = {
  { 0x0085, 0x0085, ' '  }, { 0x00A0, 0x00A0, ' '  }, { 0x00AB, 0x00AB, '"'  },
  { 0x00B4, 0x00B4, '\'' }, { 0x00BB, 0x00BB, '"'  }, { 0x02B9, 0x02B9, '\'' },
  { 0x02BA, 0x02BA, '"'  }, { 0x02BB, 0x02BD, '\'' }, { 0x02D7, 0x02D7, '-'  },
  { 0x1680, 0x1680, ' '  }, { 0x1FFD, 0x1FFD, '\'' }, { 0x2000, 0x200A, ' '  },
  { 0x2018, 0x201B, '\'' }, { 0x201C, 0x201F, '"'  }, { 0x2028, 0x2029, ' '  },
  { 0x202F, 0x202F, ' '  }, { 0x2032, 0x2032, '\'' }, { 0x2033, 0x2033, '"'  },
  { 0x2035, 0x2035, '\'' }, { 0x2036, 0x2036, '"'  }, { 0x2039, 0x203A, '\'' },
  { 0x2043, 0x2043, '-'  }, { 0x205F, 0x205F, ' '  }, { 0x2212, 0x2212, '-'  },
  { 0x275B, 0x275C, '\'' }, { 0x275D, 0x275E, '"'  }, { 0x2796, 0x2796, '-'  },
  { 0x2E42, 0x2E42, '"'  }, { 0x3000, 0x3000, ' '  }, { 0x301D, 0x301F, '"'  },
};

/* ---- types -------------------------------------------------------------- */

/* One term at a terminal node. */
typedef struct LexEntry {
  int iTerm;              /* caller's number */
  int iNext;              /* next entry of the same node, or -1 */
  uint32_t iText;         /* case-sensitive: offset of its text in zCsText */
  uint32_t nText;         /* ... and its length */
  unsigned char flags;    /* ENTRY_* */
} LexEntry;

/* One distinct token of the terms. */
typedef struct LexToken {
  uint32_t iOff;          /* its bytes: zTok + iOff */
  uint32_t n;             /* its length */
  uint32_t root;          /* edge value of the root's child, or 0 */
  uint64_t nextSig;       /* as a first token: the key_sig() bits of the
                          ** tokens that may follow it in a term */
} LexToken;

/* A slot of the token table: upper half of the token's hash, number+1. */
typedef struct TokenSlot {
  uint32_t tag;
  uint32_t iTok1;         /* 0: empty */
} TokenSlot;

/* A slot of the edge table. */
typedef struct EdgeSlot {
  uint32_t parent;        /* node */
  uint32_t iTok;          /* token number */
  uint32_t value;         /* child | flags<<24; 0: empty */
} EdgeSlot;

/* A block of string storage for the term table. */
typedef struct ArenaBlock ArenaBlock;
struct ArenaBlock {
  ArenaBlock *pNext;
  size_t nUsed, nSize;
  char a[];
};

struct ThLexicon {
  /* tokens */
  uint32_t aByteTok[128];   /* number+1 of each one-byte non-word token */
  unsigned char aByteStart[128];  /* the one-byte token starts a term */
  unsigned char aByteAlone[128];  /* ... and is a whole key by itself */
  LexToken *aTok;
  uint32_t nTok, nTokAlloc;
  char *zTok;               /* bytes of all tokens */
  size_t nTokBytes, nTokBytesAlloc;
  TokenSlot *aTokSlot;      /* token table, 2^nTokBits slots */
  uint32_t nTokBits;
  size_t nMaxTok;           /* longest token in bytes */
  uint64_t aBloom[(1u<<BLOOM_BITS)/64];   /* first tokens (not one-byte
                          ** ones), by key_bloom_bit() */
  uint64_t aAlone[(1u<<ALONE_BITS)/64];   /* first tokens (not one-byte
                          ** ones) that are whole keys, by key_alone_bit() */
  uint64_t aPair[(1u<<PAIR_BITS)/64];     /* the first two tokens of keys,
                          ** by key_pair_bit() */
  /* trie */
  EdgeSlot *aEdge;          /* edges below the root, 2^nEdgeBits slots */
  uint32_t nEdgeBits, nEdge;
  int *aNodeEntry;          /* first entry of each node, or -1 */
  uint32_t nNode, nNodeAlloc;
  LexEntry *aEntry;
  int nEntry, nEntryAlloc;
  size_t nMaxKey;           /* longest key in bytes */
  char *zCsText;            /* texts of the case-sensitive terms */
  size_t nCsText, nCsAlloc;
  /* term table (th_lexicon_add_term) */
  ThLexTerm *aTerm;
  int nTerm, nTermAlloc;
  ArenaBlock *pArena;
  size_t nArenaBytes;
  ThBuf key;                /* scratch: the folded key being added */
};

/* ---- UTF-8 and character classes ---------------------------------------- */

/* Reads the character at z[i] (i < n); returns its length.  A byte that
** does not start a valid UTF-8 sequence reads as U+FFFD of length 1, as in
** th_fold. */
static size_t utf8_read(const unsigned char *z, size_t n, size_t i,
                        int32_t *pCp){
  unsigned c = z[i];
  size_t nLeft = n - i;
  *pCp = 0xFFFD;
  if( c<0x80 ){
    *pCp = (int32_t)c;
    return 1;
  }
  if( c<0xC2 ) return 1;
  if( c<0xE0 ){
    if( nLeft<2 || (z[i+1]&0xC0)!=0x80 ) return 1;
    *pCp = (int32_t)(((c&0x1F)<<6) | (z[i+1]&0x3F));
    return 2;
  }
  if( c<0xF0 ){
    if( nLeft<3 || (z[i+1]&0xC0)!=0x80 || (z[i+2]&0xC0)!=0x80 ) return 1;
    if( c==0xE0 && z[i+1]<0xA0 ) return 1;
    if( c==0xED && z[i+1]>=0xA0 ) return 1;
    *pCp = (int32_t)(((c&0x0F)<<12) | ((z[i+1]&0x3F)<<6) | (z[i+2]&0x3F));
    return 3;
  }
  if( c<0xF5 ){
    if( nLeft<4 || (z[i+1]&0xC0)!=0x80 || (z[i+2]&0xC0)!=0x80
     || (z[i+3]&0xC0)!=0x80 ) return 1;
    if( c==0xF0 && z[i+1]<0x90 ) return 1;
    if( c==0xF4 && z[i+1]>=0x90 ) return 1;
    *pCp = (int32_t)(((c&0x07)<<18) | ((z[i+1]&0x3F)<<12)
                     | ((z[i+2]&0x3F)<<6) | (z[i+3]&0x3F));
    return 4;
  }
  return 1;
}

/* True for letters, marks and digits (categories L*, M*, N*). */
static int is_word_cp(int32_t cp){
  int cat;
  if( cp<0x80 ) return aWordByte[cp];
  cat = (int)utf8proc_category(cp);
  return cat>=UTF8PROC_CATEGORY_LU && cat<=UTF8PROC_CATEGORY_NO;
}

/* True if the last character of z[0..n) (n > 0) is a word character. */
static int ends_with_word(const unsigned char *z, size_t n){
  size_t i = n - 1;
  int32_t cp;
  while( i>0 && n-i<4 && (z[i]&0xC0)==0x80 ) i--;
  utf8_read(z, n, i, &cp);
  return is_word_cp(cp);
}

/* True for Hangul jamo (conjoining, compatibility, halfwidth): folding may
** compose them with the character before, so a chunk never starts there. */
static int is_jamo(int32_t cp){
  return (cp>=0x1100 && cp<=0x11FF) || (cp>=0x3130 && cp<=0x318F)
      || (cp>=0xA960 && cp<=0xA97F) || (cp>=0xD7B0 && cp<=0xD7FF)
      || (cp>=0xFFA0 && cp<=0xFFDF);
}

/* True for the ASCII white space th_fold turns into a space. */
static int is_ascii_space(char c){
  return c==' ' || (c>=0x09 && c<=0x0D);
}

static char light_class(int32_t cp);

/* ---- tokens of folded text ---------------------------------------------- */

/* The end of the run of word characters starting at f[i].  f[nf] must be
** a NUL byte (ThBuf and th_fold keep one there). */
static size_t word_run_end(const unsigned char *f, size_t nf, size_t i){
  for(;;){
    int32_t cp;
    size_t nChar;
    while( f[i]<0x80 && aWordByte[f[i]] ) i++;
    if( f[i]<0x80 || i>=nf ) return i;
    nChar = utf8_read(f, nf, i, &cp);
    if( !is_word_cp(cp) ) return i;
    i += nChar;
  }
}

/* The end of the run of ASCII letters and digits (a-z, 0-9: folded text
** has no capitals) starting at f[i]: the first other byte.  f must have 8
** readable bytes after the byte that ends the run (th_lexicon_scan keeps 8
** zero bytes after the folded text).  On little-endian machines it looks
** at 8 bytes at a time: a byte above 0x7F stops the run, and the carries
** it may cause in the range tests only touch the bytes after it. */
static inline size_t ascii_run_end(const unsigned char *f, size_t i){
  const uint64_t ones = 0x0101010101010101ULL;
  const uint64_t highs = 0x8080808080808080ULL;
  if( !th_little_endian() ){
    while( aByteClass[f[i]]==BYTE_WORD ) i++;
    return i;
  }
  for(;;){
    uint64_t w, digit, lower, stop;
    memcpy(&w, f+i, 8);
    digit = (w + ones*(0x80-'0')) & ~(w + ones*(0x80-'9'-1));
    lower = (w + ones*(0x80-'a')) & ~(w + ones*(0x80-'z'-1));
    stop = (~(digit | lower) | w) & highs;
    if( stop ){
      uint64_t low = stop & (~stop + 1);          /* lowest stop bit */
      return i + (size_t)(((low>>7) * 0x0001020304050607ULL) >> 56);
    }
    i += 8;
  }
}

/* The end of the token starting at f[i] (i < nf); *pbWord is set if it is
** a run of word characters. */
static size_t token_end(const unsigned char *f, size_t nf, size_t i,
                        int *pbWord){
  int32_t cp;
  size_t nChar;
  if( f[i]<0x80 ){
    *pbWord = aWordByte[f[i]];
    return *pbWord ? word_run_end(f, nf, i) : i+1;
  }
  nChar = utf8_read(f, nf, i, &cp);
  *pbWord = is_word_cp(cp);
  return *pbWord ? word_run_end(f, nf, i) : i+nChar;
}

/* The n bytes at z (1 <= n <= 8) as one number, the other bytes zero;
** reads 8 bytes at z. */
static inline uint64_t load_bytes(const unsigned char *z, size_t n){
  uint64_t w;
  unsigned nShift = (unsigned)(8*(8-n));
  memcpy(&w, z, 8);
  return th_little_endian() ? (w<<nShift)>>nShift : w>>nShift;
}

/* Hash of a token (z, n), n > 0: 64 bits, the same for the same bytes in
** one process.  Reads up to 7 bytes after z[n-1]: every buffer hashed here
** has 8 readable bytes after its end (TOKEN_PAD). */
static inline uint64_t token_hash(const unsigned char *z, size_t n){
  uint64_t h = 0x9E3779B97F4A7C15ULL * (uint64_t)n;
  for(; n>8; z+=8, n-=8){
    uint64_t w;
    memcpy(&w, z, 8);
    h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
    h ^= h>>32;
  }
  h = (h ^ load_bytes(z, n)) * 0xFF51AFD7ED558CCDULL;
  return h ^ (h>>29);
}

/* 0x80 in each byte of w (8 bytes of folded text) that is not an ASCII
** letter or digit; a byte above 0x7F is one, and the carries it may cause
** only touch the bytes after it, so the lowest bit set is exact. */
static inline uint64_t word_stop_bits(uint64_t w){
  const uint64_t ones = 0x0101010101010101ULL;
  const uint64_t digit = (w + ones*(0x80-'0')) & ~(w + ones*(0x80-'9'-1));
  const uint64_t lower = (w + ones*(0x80-'a')) & ~(w + ones*(0x80-'z'-1));
  return (~(digit | lower) | w) & 0x8080808080808080ULL;
}

/* The index (0..7) of the lowest byte flagged in stop (not 0). */
static inline size_t lowest_stop_byte(uint64_t stop){
#if defined(__GNUC__)
  return (size_t)__builtin_ctzll(stop) >> 3;
#else
  uint64_t low = stop & (~stop + 1);
  return (size_t)(((low>>7) * 0x0001020304050607ULL) >> 56);
#endif
}

/* token_hash() of a token of n bytes (1 <= n <= 7) held in the low bytes
** of w, the other bytes zero. */
static inline uint64_t short_token_hash(uint64_t w, size_t n){
  uint64_t h = ((0x9E3779B97F4A7C15ULL * (uint64_t)n) ^ w)
             * 0xFF51AFD7ED558CCDULL;
  return h ^ (h>>29);
}

/* The fast path of the scan for a token of folded text that starts with
** an ASCII letter or digit at z: if it is a run of at most 16 ASCII
** letters and digits followed by an ASCII byte, returns its length and
** sets *pH to its token_hash(); else returns 0 (the caller takes the
** general path).  Reads 8 bytes at z, and 8 more only when those are all
** letters or digits (so they end before the 8 zero bytes after the text).
** Little-endian machines only (see th_little_endian). */
static inline size_t ascii_word_hash(const unsigned char *z, uint64_t *pH){
  const uint64_t k = 0xFF51AFD7ED558CCDULL;
  uint64_t w, stop, h;
  size_t n;
  memcpy(&w, z, 8);
  stop = word_stop_bits(w);
  if( stop ){
    n = lowest_stop_byte(stop);
    if( z[n]>=0x80 ) return 0;
    w &= ((uint64_t)1 << (8*n)) - 1;          /* n is 1..7 */
    *pH = short_token_hash(w, n);
    return n;
  }else{
    uint64_t w2;
    memcpy(&w2, z+8, 8);
    stop = word_stop_bits(w2);
    if( stop==0 ) return 0;
    n = lowest_stop_byte(stop);
    if( z[8+n]>=0x80 ) return 0;
    if( n==0 ){
      /* exactly 8 bytes: token_hash's last step takes the whole word */
      h = ((0x9E3779B97F4A7C15ULL * 8) ^ w) * k;
      *pH = h ^ (h>>29);
      return 8;
    }
    w2 &= ((uint64_t)1 << (8*n)) - 1;
    h = ((0x9E3779B97F4A7C15ULL * (uint64_t)(8+n)) ^ w) * k;
    h ^= h>>32;
    h = (h ^ w2) * k;
    *pH = h ^ (h>>29);
    return 8+n;
  }
}

/* The key of the token (z, n) with token_hash() h (h is only read when n
** is over 7): the byte of a one-byte ASCII token, the bytes of a token of
** at most 7 bytes as one number (load_bytes: a token has no NUL byte, so
** this is exact), else the hash with KEY_HASHED set.  The scan's filters
** are built on keys, which the scan gets from an 8-byte load of a short
** word without hashing it.  z must have 8 readable bytes. */
static inline uint64_t tok_key(const unsigned char *z, size_t n, uint64_t h){
  if( n<=7 ) return load_bytes(z, n);
  return h | KEY_HASHED;
}

/* The key mixed for the filters (Fibonacci hashing: the top bits of the
** product depend on all bits of the key). */
static inline uint64_t key_mix(uint64_t k){
  return k * 0x9E3779B97F4A7C15ULL;
}

/* Bit of aBloom for a first token of key k. */
static inline uint32_t key_bloom_bit(uint64_t k){
  return (uint32_t)(key_mix(k) >> (64-BLOOM_BITS));
}

/* Bit of aAlone for a first token of key k. */
static inline uint32_t key_alone_bit(uint64_t k){
  return (uint32_t)(key_mix(k) >> 20) & ((1u<<ALONE_BITS)-1);
}

/* Bit of aPair for the first token of key k1 followed by one of key k2. */
static inline uint32_t key_pair_bit(uint64_t k1, uint64_t k2){
  uint64_t x = (key_mix(k1) ^ k2) * 0xD6E8FEB86659FD93ULL;
  return (uint32_t)(x >> (64-PAIR_BITS));
}

/* A one-bit signature of the token of key k: the second tokens of the
** terms that start with a token are kept as the union of their signatures
** (LexToken.nextSig), so most failed second steps of a walk need no
** look-up in the token and edge tables. */
static inline uint64_t key_sig(uint64_t k){
  return (uint64_t)1 << (key_mix(k) >> 58);
}

/* True if bit i of the bit array a is set. */
static inline int bit_test(const uint64_t *a, uint32_t i){
  return (int)((a[i/64] >> (i%64)) & 1);
}

static inline void bit_set(uint64_t *a, uint32_t i){
  a[i/64] |= (uint64_t)1 << (i%64);
}

/* Makes the folded bytes of symbols unlike words: a character that is not
** a letter, mark or digit but folds to some (U+2122 -> "tm", U+33A1 ->
** "m2", circled letters) gets all its folded bytes set to SYMBOL_BYTE.
** (zSrc, nSrc) is the source, (f, nf) its folding with map pMap. */
static void mask_symbols(const unsigned char *zSrc, size_t nSrc,
                         unsigned char *f, size_t nf, const ThFoldMap *pMap){
  size_t i = pMap->iFirstHigh, k;      /* ASCII before it has no symbol */
  while( i<nSrc ){
    int32_t cp;
    size_t nChar, kEnd, j;
    int bLetters = 0;
    /* skip ASCII, 32 bytes at a time with SSE2 (to the first high byte),
    ** else 16 bytes at a time, then to the first high byte */
#if defined(__SSE2__)
    while( nSrc-i>=32 ){
      unsigned m = (unsigned)_mm_movemask_epi8(
                       _mm_loadu_si128((const __m128i*)(zSrc+i)))
                 | ((unsigned)_mm_movemask_epi8(
                       _mm_loadu_si128((const __m128i*)(zSrc+i+16)))<<16);
      if( m ){
        i += th_lowest_bit(m);       /* bit k is byte k */
        break;
      }
      i += 32;
    }
#endif
    while( nSrc-i>=16 ){
      uint64_t w, w2;
      memcpy(&w, zSrc+i, 8);
      memcpy(&w2, zSrc+i+8, 8);
      if( (w | w2) & 0x8080808080808080ULL ) break;
      i += 16;
    }
    if( nSrc-i>=8 ){
      uint64_t w;
      memcpy(&w, zSrc+i, 8);
      w &= 0x8080808080808080ULL;
      if( w==0 ){
        i += 8;
      }else if( th_little_endian() ){
        i += lowest_stop_byte(w);       /* the first high byte */
      }
    }
    while( i<nSrc && zSrc[i]<0x80 ) i++;
    if( i>=nSrc ) break;
    nChar = utf8_read(zSrc, nSrc, i, &cp);
    if( (cp>=0x2000 && cp<=0x206F)    /* general punctuation: no letters */
     || cp==0xFFFD || light_class(cp) || is_word_cp(cp) ){
      i += nChar;
      continue;
    }
    /* the first folded byte k mapped to i or later (the map never
    ** decreases) */
    k = th_fold_map_find(pMap, i);
    for(kEnd=k; kEnd<nf && th_fold_map_at(pMap, kEnd)==i; kEnd++){
      if( f[kEnd]>=0x80 || aWordByte[f[kEnd]] ) bLetters = 1;
    }
    if( bLetters ){
      for(j=k; j<kEnd; j++) f[j] = SYMBOL_BYTE;
    }
    i += nChar;
  }
}

/* ---- the case check ----------------------------------------------------- */

/* The ASCII character (' ', '-', '\'', '"') cp is lumped with in the case
** check, or 0. */
static char light_class(int32_t cp){
  int lo = 0;
  int hi = (int)(sizeof(aLight)/sizeof(aLight[0])) - 1;
  if( cp<0x80 ){
    if( cp==' ' || (cp>=0x09 && cp<=0x0D) ) return ' ';
    if( cp=='`' ) return '\'';
    if( cp=='-' || cp=='\'' || cp=='"' ) return (char)cp;
    return 0;
  }
  while( lo<=hi ){
    int mid = (lo+hi)/2;
    if( cp<aLight[mid].iFirst ){
      hi = mid-1;
    }else if( cp>aLight[mid].iLast ){
      lo = mid+1;
    }else{
      return aLight[mid].cAscii;
    }
  }
  if( utf8proc_category(cp)==UTF8PROC_CATEGORY_PD ) return '-';
  return 0;
}

/* Reads a text as the case check sees it, one code point at a time. */
typedef struct CaseIter {
  const unsigned char *z;
  size_t n, i;
  utf8proc_int32_t aCp[MAX_DECOMP];   /* decomposition being read */
  int nCp, iCp;
  int bSpace;                         /* last code point given was ' ' */
} CaseIter;

static void case_iter_init(CaseIter *p, const char *z, size_t n){
  p->z = (const unsigned char*)z;
  p->n = n;
  p->i = 0;
  p->nCp = p->iCp = 0;
  p->bSpace = 0;
}

/* The next code point, or -1 at the end. */
static int32_t case_iter_next(CaseIter *p){
  for(;;){
    int32_t cp;
    char c;
    if( p->iCp<p->nCp ){
      cp = p->aCp[p->iCp++];
    }else{
      if( p->i>=p->n ) return -1;
      p->i += utf8_read(p->z, p->n, p->i, &cp);
      if( cp>=0x80 && !light_class(cp) ){
        utf8proc_ssize_t nCp = utf8proc_decompose_char(cp, p->aCp, MAX_DECOMP,
            (utf8proc_option_t)(UTF8PROC_DECOMPOSE|UTF8PROC_COMPAT), 0);
        if( nCp>0 && nCp<=MAX_DECOMP ){
          p->nCp = (int)nCp;
          p->iCp = 1;
          cp = p->aCp[0];
        }
      }
    }
    if( cp>=0x80 && utf8proc_get_property(cp)->ignorable ) continue;
    c = light_class(cp);
    if( c==' ' ){
      if( p->bSpace ) continue;
      p->bSpace = 1;
      return ' ';
    }
    p->bSpace = 0;
    return c ? (int32_t)c : cp;
  }
}

/* True if (z, n) is ASCII without white space or '`': the light
** normalisation of the case check leaves such a text as it is. */
static int case_plain(const char *z, size_t n){
  size_t i;
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( c>=0x80 || c=='`' || c==' ' || (c>=0x09 && c<=0x0D) ) return 0;
  }
  return 1;
}

/* True if the original span equals the term text under the light
** normalisation of the case check. */
static int case_equal(const char *zSpan, size_t nSpan,
                      const char *zTerm, size_t nTerm){
  CaseIter a, b;
  if( case_plain(zSpan, nSpan) && case_plain(zTerm, nTerm) ){
    return nSpan==nTerm && memcmp(zSpan, zTerm, nSpan)==0;
  }
  case_iter_init(&a, zSpan, nSpan);
  case_iter_init(&b, zTerm, nTerm);
  for(;;){
    int32_t ca = case_iter_next(&a);
    int32_t cb = case_iter_next(&b);
    if( ca!=cb ) return 0;
    if( ca<0 ) return 1;
  }
}

/* ---- the token table ---------------------------------------------------- */

/* True if a[0..n) equals b[0..n) (n > 0); short ones without memcmp.
** Both must have 8 readable bytes from their start (TOKEN_PAD). */
static inline int bytes_equal(const unsigned char *a, const unsigned char *b,
                              size_t n){
  if( n<=8 ) return load_bytes(a, n)==load_bytes(b, n);
  return memcmp(a, b, n)==0;
}

/* Number+1 of the token (z, n) with hash h, or 0 if no term has it. */
static inline uint32_t token_find(const ThLexicon *p,
                                  const unsigned char *z, size_t n,
                                  uint64_t h){
  uint32_t mask, i, tag;
  if( n==1 && z[0]<0x80 ) return p->aByteTok[z[0]];
  if( p->aTokSlot==0 || n>p->nMaxTok ) return 0;
  mask = (1u<<p->nTokBits) - 1;
  i = (uint32_t)h & mask;
  tag = (uint32_t)(h>>32);
  for(;;){
    const TokenSlot *pSlot = &p->aTokSlot[i];
    if( pSlot->iTok1==0 ) return 0;
    if( pSlot->tag==tag ){
      const LexToken *pTok = &p->aTok[pSlot->iTok1-1];
      if( pTok->n==n
       && bytes_equal((const unsigned char*)p->zTok+pTok->iOff, z, n) ){
        return pSlot->iTok1;
      }
    }
    i = (i+1) & mask;
  }
}

/* Puts token number iTok (hash h) in the first free slot for it. */
static void token_slot_put(ThLexicon *p, uint32_t iTok, uint64_t h){
  uint32_t mask = (1u<<p->nTokBits) - 1;
  uint32_t i = (uint32_t)h & mask;
  while( p->aTokSlot[i].iTok1 ) i = (i+1) & mask;
  p->aTokSlot[i].tag = (uint32_t)(h>>32);
  p->aTokSlot[i].iTok1 = iTok+1;
}

/* Doubles the token table (or makes the first one). */
static int token_table_grow(ThLexicon *p){
  uint32_t nBits = p->aTokSlot ? p->nTokBits+1 : 10;
  TokenSlot *aOld = p->aTokSlot;
  uint32_t k;
  TokenSlot *aNew = sqlite3_malloc64(sizeof(TokenSlot)*((sqlite3_uint64)1<<nBits));
  if( aNew==0 ) return SQLITE_NOMEM;
  memset(aNew, 0, sizeof(TokenSlot)*((size_t)1<<nBits));
  p->aTokSlot = aNew;
  p->nTokBits = nBits;
  for(k=0; k<p->nTok; k++){
    const LexToken *pTok = &p->aTok[k];
    if( pTok->n==1 && (unsigned char)p->zTok[pTok->iOff]<0x80 ) continue;
    token_slot_put(p, k,
        token_hash((const unsigned char*)p->zTok+pTok->iOff, pTok->n));
  }
  sqlite3_free(aOld);
  return SQLITE_OK;
}

/* The number of token (z, n) of token_hash() h, added if new, in *piTok. */
static int token_intern(ThLexicon *p, const unsigned char *z, size_t n,
                        uint64_t h, uint32_t *piTok){
  uint32_t iTok1 = token_find(p, z, n, h);
  LexToken *pTok;
  int bByte = (n==1 && z[0]<0x80);
  if( iTok1 ){
    *piTok = iTok1-1;
    return SQLITE_OK;
  }
  if( p->nTok>=MAX_TOKENS ) return SQLITE_TOOBIG;
  if( !bByte && (p->aTokSlot==0 || (p->nTok+1)*2>(1u<<p->nTokBits)) ){
    if( token_table_grow(p) ) return SQLITE_NOMEM;
  }
  if( p->nTok>=p->nTokAlloc ){
    uint32_t nNew = p->nTokAlloc ? p->nTokAlloc*2 : 256;
    LexToken *aNew = sqlite3_realloc64(p->aTok, sizeof(LexToken)*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aTok = aNew;
    p->nTokAlloc = nNew;
  }
  if( p->nTokBytes+n+TOKEN_PAD>p->nTokBytesAlloc ){
    size_t nNew = p->nTokBytesAlloc ? p->nTokBytesAlloc*2 : 4096;
    char *zNew;
    while( nNew<p->nTokBytes+n+TOKEN_PAD ) nNew *= 2;
    zNew = sqlite3_realloc64(p->zTok, nNew);
    if( zNew==0 ) return SQLITE_NOMEM;
    p->zTok = zNew;
    p->nTokBytesAlloc = nNew;
  }
  pTok = &p->aTok[p->nTok];
  pTok->iOff = (uint32_t)p->nTokBytes;
  pTok->n = (uint32_t)n;
  pTok->root = 0;
  pTok->nextSig = 0;
  memcpy(p->zTok+p->nTokBytes, z, n);
  p->nTokBytes += n;
  memset(p->zTok+p->nTokBytes, 0, TOKEN_PAD);
  if( bByte ){
    p->aByteTok[z[0]] = p->nTok+1;
  }else{
    token_slot_put(p, p->nTok, h);
  }
  if( n>p->nMaxTok ) p->nMaxTok = n;
  *piTok = p->nTok++;
  return SQLITE_OK;
}

/* ---- the trie ----------------------------------------------------------- */

/* Slot index of edge (parent, iTok). */
static uint32_t edge_hash(uint32_t parent, uint32_t iTok, uint32_t nBits){
  uint64_t key = ((uint64_t)parent<<32) | iTok;
  return (uint32_t)((key * 0x9E3779B97F4A7C15ULL) >> (64 - nBits));
}

/* The slot of edge (parent, iTok): the one holding it, or the empty slot
** where it would go. */
static EdgeSlot *edge_slot(const ThLexicon *p, uint32_t parent,
                           uint32_t iTok){
  uint32_t mask = (1u<<p->nEdgeBits) - 1;
  uint32_t i = edge_hash(parent, iTok, p->nEdgeBits);
  for(;;){
    EdgeSlot *pSlot = &p->aEdge[i];
    if( pSlot->value==0 ) return pSlot;
    if( pSlot->parent==parent && pSlot->iTok==iTok ) return pSlot;
    i = (i+1) & mask;
  }
}

/* The edge value (child | flags<<24) of (parent, iTok), or 0. */
static uint32_t edge_get(const ThLexicon *p, uint32_t parent, uint32_t iTok){
  if( parent==0 ) return p->aTok[iTok & NODE_MASK].root;
  if( p->aEdge==0 ) return 0;
  return edge_slot(p, parent, iTok)->value;
}

/* Doubles the edge table (or makes the first one). */
static int edge_table_grow(ThLexicon *p){
  uint32_t nBits = p->aEdge ? p->nEdgeBits+1 : 10;
  uint32_t nOld = p->aEdge ? 1u<<p->nEdgeBits : 0;
  EdgeSlot *aOld = p->aEdge;
  uint32_t k;
  EdgeSlot *aNew = sqlite3_malloc64(sizeof(EdgeSlot)*((sqlite3_uint64)1<<nBits));
  if( aNew==0 ) return SQLITE_NOMEM;
  memset(aNew, 0, sizeof(EdgeSlot)*((size_t)1<<nBits));
  p->aEdge = aNew;
  p->nEdgeBits = nBits;
  for(k=0; k<nOld; k++){
    if( aOld[k].value ) *edge_slot(p, aOld[k].parent, aOld[k].iTok) = aOld[k];
  }
  sqlite3_free(aOld);
  return SQLITE_OK;
}

/* A new node; its number in *pNode. */
static int node_new(ThLexicon *p, uint32_t *pNode){
  if( p->nNode>=MAX_NODES ) return SQLITE_TOOBIG;
  if( p->nNode>=p->nNodeAlloc ){
    uint32_t nNew = p->nNodeAlloc ? p->nNodeAlloc*2 : 1024;
    int *aNew = sqlite3_realloc64(p->aNodeEntry, sizeof(int)*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aNodeEntry = aNew;
    p->nNodeAlloc = nNew;
  }
  p->aNodeEntry[p->nNode] = -1;
  *pNode = p->nNode++;
  return SQLITE_OK;
}

/* The place of the value of edge (parent, iTok), with the edge (and a new
** child) created if needed.  Valid until the next call. */
static int trie_step(ThLexicon *p, uint32_t parent, uint32_t iTok,
                     uint32_t **ppValue){
  uint32_t child;
  EdgeSlot *pSlot;
  int rc;
  if( parent==0 ){
    if( p->aTok[iTok].root==0 ){
      rc = node_new(p, &child);
      if( rc ) return rc;
      p->aTok[iTok].root = child;
    }
    *ppValue = &p->aTok[iTok].root;
    return SQLITE_OK;
  }
  if( p->aEdge==0 || (p->nEdge+1)*2>(1u<<p->nEdgeBits) ){
    rc = edge_table_grow(p);
    if( rc ) return rc;
  }
  pSlot = edge_slot(p, parent, iTok);
  if( pSlot->value==0 ){
    rc = node_new(p, &child);
    if( rc ) return rc;
    pSlot->parent = parent;
    pSlot->iTok = iTok;
    pSlot->value = child;
    p->nEdge++;
  }
  *ppValue = &pSlot->value;
  return SQLITE_OK;
}

/* ---- building ----------------------------------------------------------- */

int th_lexicon_new(ThLexicon **pp){
  ThLexicon *p;
  uint32_t root;
  if( pp==0 ) return SQLITE_MISUSE;
  *pp = 0;
  p = sqlite3_malloc64(sizeof(ThLexicon));
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  th_buf_init(&p->key);
  if( node_new(p, &root) ){           /* node 0: the root */
    sqlite3_free(p);
    return SQLITE_NOMEM;
  }
  *pp = p;
  return SQLITE_OK;
}

void th_lexicon_free(ThLexicon *p){
  ArenaBlock *pBlock, *pNext;
  if( p==0 ) return;
  sqlite3_free(p->aTok);
  sqlite3_free(p->zTok);
  sqlite3_free(p->aTokSlot);
  sqlite3_free(p->aEdge);
  sqlite3_free(p->aNodeEntry);
  sqlite3_free(p->aEntry);
  sqlite3_free(p->zCsText);
  sqlite3_free(p->aTerm);
  for(pBlock=p->pArena; pBlock; pBlock=pNext){
    pNext = pBlock->pNext;
    sqlite3_free(pBlock);
  }
  th_buf_free(&p->key);
  sqlite3_free(p);
}

/* Copies the text of a case-sensitive term; its offset in *piText. */
static int cs_text_add(ThLexicon *p, const char *z, size_t n,
                       uint32_t *piText){
  if( p->nCsText+n>0xFFFFFFFFu ) return SQLITE_TOOBIG;
  if( p->nCsText+n>p->nCsAlloc ){
    size_t nNew = p->nCsAlloc ? p->nCsAlloc*2 : 4096;
    char *zNew;
    while( nNew<p->nCsText+n ) nNew *= 2;
    zNew = sqlite3_realloc64(p->zCsText, nNew);
    if( zNew==0 ) return SQLITE_NOMEM;
    p->zCsText = zNew;
    p->nCsAlloc = nNew;
  }
  if( n ) memcpy(p->zCsText+p->nCsText, z, n);
  *piText = (uint32_t)p->nCsText;
  p->nCsText += n;
  return SQLITE_OK;
}

/* Appends a copy of *pNew to the entries of a terminal node. */
static int entry_add(ThLexicon *p, uint32_t node, const LexEntry *pNew){
  int iNew, *piLink;
  if( p->nEntry>=p->nEntryAlloc ){
    int nNew = p->nEntryAlloc ? p->nEntryAlloc*2 : 256;
    LexEntry *aNew = sqlite3_realloc64(p->aEntry, sizeof(LexEntry)*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aEntry = aNew;
    p->nEntryAlloc = nNew;
  }
  iNew = p->nEntry++;
  p->aEntry[iNew] = *pNew;
  p->aEntry[iNew].iNext = -1;
  piLink = &p->aNodeEntry[node];
  while( *piLink>=0 ) piLink = &p->aEntry[*piLink].iNext;
  *piLink = iNew;
  return SQLITE_OK;
}

/* Adds the folded key (z, n) (trimmed, not empty) with entry *pEntry. */
static int key_add(ThLexicon *p, const unsigned char *z, size_t n,
                   const LexEntry *pEntry){
  uint32_t node = 0;
  uint32_t *pValue = 0;
  uint32_t bSpace = 0;
  uint32_t iFirstTok = 0;
  uint64_t kFirst = 0;            /* tok_key() of the first token */
  int bFirstByte = 0;             /* the first token is one ASCII byte */
  int nDepth = 0;
  size_t i = 0;
  int rc;
  while( i<n ){
    int bWord;
    uint32_t iTok;
    size_t iEnd;
    uint64_t h, k;
    if( z[i]==' ' ){
      bSpace = SPACE_BEFORE;          /* a space is part of the next edge */
      i++;
      continue;
    }
    iEnd = token_end(z, n, i, &bWord);   /* z[n] is not a word byte */
    h = token_hash(z+i, iEnd-i);
    rc = token_intern(p, z+i, iEnd-i, h, &iTok);
    if( rc ) return rc;
    k = tok_key(z+i, iEnd-i, h);
    if( nDepth==0 ){
      iFirstTok = iTok;
      kFirst = k;
      bFirstByte = iEnd-i==1 && z[i]<0x80;
      if( bFirstByte ){
        p->aByteStart[z[i]] = 1;
      }else{
        bit_set(p->aBloom, key_bloom_bit(k));
      }
    }
    if( nDepth==1 ){
      p->aTok[iFirstTok].nextSig |= key_sig(k);
      bit_set(p->aPair, key_pair_bit(kFirst, k));
    }
    nDepth++;
    rc = trie_step(p, node, iTok | bSpace, &pValue);
    if( rc ) return rc;
    node = *pValue & NODE_MASK;
    bSpace = 0;
    i = iEnd;
  }
  rc = entry_add(p, node, pEntry);
  if( rc ) return rc;
  *pValue |= (uint32_t)NODE_TERMINAL<<24;
  if( nDepth==1 ){
    if( bFirstByte ){
      p->aByteAlone[z[0]] = 1;
    }else{
      bit_set(p->aAlone, key_alone_bit(kFirst));
    }
  }
  if( n>p->nMaxKey ) p->nMaxKey = n;
  return SQLITE_OK;
}

/* Folds the term (z, n) into p->key, with symbols masked. */
static int key_fold(ThLexicon *p, const char *z, size_t n){
  size_t k;
  int bAscii = 1;
  p->key.n = 0;
  for(k=0; k<n && bAscii; k++) bAscii = (unsigned char)z[k]<0x80;
  if( bAscii ){
    return th_fold(z, n, &p->key, 0);
  }else{
    ThFoldMap map;
    int rc;
    th_fold_map_init(&map);
    rc = th_fold_sparse(z, n, &p->key, &map);
    if( rc==SQLITE_OK ){
      mask_symbols((const unsigned char*)z, n, (unsigned char*)p->key.z,
                   p->key.n, &map);
    }
    th_fold_map_free(&map);
    if( rc ) return rc;
  }
  return SQLITE_OK;
}

int th_lexicon_add(ThLexicon *p, const char *zTerm, size_t nTerm,
                   int iTerm, int bCaseSensitive){
  unsigned char *zKey;
  size_t nKey;
  LexEntry e;
  int rc;

  if( p==0 || iTerm<0 || (zTerm==0 && nTerm>0) ) return SQLITE_MISUSE;
  /* the term as listed, without surrounding ASCII white space */
  while( nTerm>0 && is_ascii_space(zTerm[0]) ){ zTerm++; nTerm--; }
  while( nTerm>0 && is_ascii_space(zTerm[nTerm-1]) ) nTerm--;
  if( nTerm==0 ) return SQLITE_OK;
  if( nTerm>MAX_KEY ) return SQLITE_TOOBIG;

  /* its key: folded, trimmed, NUL-terminated, with room for an 's' */
  p->key.oom = 0;
  rc = key_fold(p, zTerm, nTerm);
  if( rc==SQLITE_OK ) rc = th_buf_reserve(&p->key, 1+TOKEN_PAD);
  if( rc ) return rc;
  zKey = (unsigned char*)p->key.z;
  nKey = p->key.n;
  while( nKey>0 && zKey[0]==' ' ){ zKey++; nKey--; }
  while( nKey>0 && zKey[nKey-1]==' ' ) nKey--;
  if( nKey==0 ) return SQLITE_OK;
  if( nKey>MAX_KEY ) return SQLITE_TOOBIG;
  memmove(p->key.z, zKey, nKey);
  zKey = (unsigned char*)p->key.z;
  memset(zKey+nKey, 0, 1+TOKEN_PAD);    /* NUL, then room for an 's' */
  p->key.n = nKey;

  memset(&e, 0, sizeof(e));
  e.iTerm = iTerm;
  if( bCaseSensitive ){
    e.flags = ENTRY_CS;
    rc = cs_text_add(p, zTerm, nTerm, &e.iText);
    if( rc ) return rc;
    e.nText = (uint32_t)nTerm;
  }
  rc = key_add(p, zKey, nKey, &e);
  if( rc==SQLITE_OK && !bCaseSensitive
   && zTerm[nTerm-1]>='A' && zTerm[nTerm-1]<='Z' ){
    /* the plural of an abbreviation: the key plus 's' */
    zKey[nKey] = 's';
    zKey[nKey+1] = 0;
    e.flags = ENTRY_PLURAL;
    rc = key_add(p, zKey, nKey+1, &e);
  }
  return rc;
}

/* Room for n bytes of term strings. */
static char *arena_alloc(ThLexicon *p, size_t n){
  ArenaBlock *pBlock = p->pArena;
  char *z;
  if( pBlock==0 || pBlock->nSize-pBlock->nUsed<n ){
    size_t nSize = n>ARENA_BLOCK ? n : ARENA_BLOCK;
    pBlock = sqlite3_malloc64(sizeof(ArenaBlock)+nSize);
    if( pBlock==0 ) return 0;
    pBlock->nUsed = 0;
    pBlock->nSize = nSize;
    pBlock->pNext = p->pArena;
    p->pArena = pBlock;
    p->nArenaBytes += sizeof(ArenaBlock)+nSize;
  }
  z = pBlock->a + pBlock->nUsed;
  pBlock->nUsed += n;
  return z;
}

/* Copies (z, n) as a NUL-terminated string to zDest; returns zDest. */
static const char *copy_string(char *zDest, const char *z, size_t n){
  if( n ) memcpy(zDest, z, n);
  zDest[n] = 0;
  return zDest;
}

/* Adds a term given as 4 strings with their lengths to the term table and
** the trie. */
static int term_add(ThLexicon *p, const char *const *az, const size_t *an,
                    int bCs, int *piTerm){
  ThLexTerm *pTerm;
  char *zCopy;
  size_t nCopy = an[0] + an[1] + an[2] + an[3] + 4;
  int rc;
  if( p->nTerm>=p->nTermAlloc ){
    int nNew = p->nTermAlloc ? p->nTermAlloc*2 : 256;
    ThLexTerm *aNew = sqlite3_realloc64(p->aTerm, sizeof(ThLexTerm)*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aTerm = aNew;
    p->nTermAlloc = nNew;
  }
  /* the strings first: once the key is in the trie nothing may fail */
  zCopy = arena_alloc(p, nCopy);
  if( zCopy==0 ) return SQLITE_NOMEM;
  rc = th_lexicon_add(p, az[0], an[0], p->nTerm, bCs);
  if( rc ) return rc;
  pTerm = &p->aTerm[p->nTerm];
  pTerm->zTerm = copy_string(zCopy, az[0], an[0]);
  zCopy += an[0]+1;
  pTerm->zType = copy_string(zCopy, az[1], an[1]);
  zCopy += an[1]+1;
  pTerm->zNorm = copy_string(zCopy, az[2], an[2]);
  zCopy += an[2]+1;
  pTerm->zKind = copy_string(zCopy, az[3], an[3]);
  pTerm->bCaseSensitive = bCs!=0;
  if( piTerm ) *piTerm = p->nTerm;
  p->nTerm++;
  return SQLITE_OK;
}

int th_lexicon_add_term(ThLexicon *p, const ThLexTerm *pTerm, int *piTerm){
  const char *az[4];
  size_t an[4];
  int k;
  if( p==0 || pTerm==0 || pTerm->zTerm==0 ) return SQLITE_MISUSE;
  az[0] = pTerm->zTerm;
  az[1] = pTerm->zType;
  az[2] = pTerm->zNorm;
  az[3] = pTerm->zKind;
  for(k=0; k<4; k++){
    if( az[k]==0 ) az[k] = "";
    an[k] = strlen(az[k]);
  }
  return term_add(p, az, an, pTerm->bCaseSensitive, piTerm);
}

/* True if the flags column (z, n) lists "cs" (words split by spaces or
** commas; other words are ignored). */
static int flags_have_cs(const char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    size_t iStart;
    while( i<n && (z[i]==',' || is_ascii_space(z[i])) ) i++;
    iStart = i;
    while( i<n && z[i]!=',' && !is_ascii_space(z[i]) ) i++;
    if( i-iStart==2 && (z[iStart]=='c' || z[iStart]=='C')
     && (z[iStart+1]=='s' || z[iStart+1]=='S') ) return 1;
  }
  return 0;
}

/* Adds one TSV line.  SQLITE_ERROR for a malformed line. */
static int tsv_line_add(ThLexicon *p, const char *zLine){
  const char *az[5];
  size_t an[5];
  size_t n = strlen(zLine);
  size_t i = 0;
  int nCol = 0;
  if( n>0 && zLine[n-1]=='\r' ) n--;
  for(;;){
    size_t iStart = i;
    while( i<n && zLine[i]!='\t' ) i++;
    if( nCol==5 ) return SQLITE_ERROR;
    az[nCol] = zLine + iStart;
    an[nCol] = i - iStart;
    nCol++;
    if( i>=n ) break;
    i++;                              /* the TAB */
  }
  if( nCol<4 ) return SQLITE_ERROR;
  if( nCol==4 ){
    az[4] = "";
    an[4] = 0;
  }
  if( an[0]==0 || an[1]==0 ) return SQLITE_ERROR;
  return term_add(p, az, an, flags_have_cs(az[4], an[4]), 0);
}

/* True for a line th_lexicon_add_tsv skips: blank or a '#' comment. */
static int tsv_line_skipped(const char *z){
  while( is_ascii_space(*z) ) z++;
  return *z==0 || *z=='#';
}

int th_lexicon_add_tsv(ThLexicon *p, const char *const *azLine,
                       int *piBadLine){
  int i;
  if( piBadLine ) *piBadLine = -1;
  if( p==0 ) return SQLITE_MISUSE;
  if( azLine==0 ) return SQLITE_OK;
  for(i=0; azLine[i]; i++){
    int rc;
    if( tsv_line_skipped(azLine[i]) ) continue;
    rc = tsv_line_add(p, azLine[i]);
    if( rc ){
      if( rc==SQLITE_ERROR && piBadLine ) *piBadLine = i;
      return rc;
    }
  }
  return SQLITE_OK;
}

const ThLexTerm *th_lexicon_term(const ThLexicon *p, int iTerm){
  if( p==0 || iTerm<0 || iTerm>=p->nTerm ) return 0;
  return &p->aTerm[iTerm];
}

int th_lexicon_term_count(const ThLexicon *p){
  return p ? p->nTerm : 0;
}

size_t th_lexicon_memory(const ThLexicon *p){
  if( p==0 ) return 0;
  return sizeof(*p)
       + (size_t)p->nTokAlloc*sizeof(LexToken)
       + p->nTokBytesAlloc
       + (p->aTokSlot ? sizeof(TokenSlot)<<p->nTokBits : 0)
       + (p->aEdge ? sizeof(EdgeSlot)<<p->nEdgeBits : 0)
       + (size_t)p->nNodeAlloc*sizeof(int)
       + (size_t)p->nEntryAlloc*sizeof(LexEntry)
       + p->nCsAlloc
       + (size_t)p->nTermAlloc*sizeof(ThLexTerm)
       + p->nArenaBytes
       + p->key.nAlloc;
}

/* ---- scanning ----------------------------------------------------------- */

/* One chunk being scanned. */
typedef struct LexScan {
  const ThLexicon *const *apLex;
  int nLex;
  int iLexFirst, iLexEnd;     /* the lexicons with terms are in this range */
  const unsigned char *zSrc;  /* the original text */
  size_t nSrc;                /* its length */
  size_t nMaxTok;             /* longest token of all lexicons */
  unsigned char aByteStart[128];  /* one-byte token starts some term */
  unsigned char aByteAlone[128];  /* ... and is a whole key by itself */
  const ThLexicon *apFilt[2]; /* the lexicons whose filters are tested (the
                              ** same one twice for one lexicon) */
  int bFilt;                  /* 1 lexicon or 2: apFilt is set; else every
                              ** token start is walked */
  const uint64_t *aBloom;     /* bFilt: the Bloom filter of first tokens of
                              ** apFilt[0] and apFilt[1] (aBloom of the one
                              ** lexicon, or both merged in a copy) */
  size_t iChunk;              /* offset in zSrc of the chunk */
  const unsigned char *f;     /* folded chunk (NUL after the end) */
  size_t nf;                  /* its length */
  const ThFoldMap *pMap;      /* its offset map (th_fold_sparse) */
  size_t *piStepHint;         /* step of pMap looked up last */
  ThLexMatchFunc xMatch;
  void *pCtx;
} LexScan;

/* A token of the folded chunk as the scan reads it. */
typedef struct ScanTok {
  size_t iStart, iEnd;        /* the token in the folded chunk */
  uint64_t key;               /* its tok_key() */
  uint64_t h;                 /* its token_hash() if bHash */
  int bHash;                  /* h is set */
  int c;                      /* the byte of a one-byte ASCII token, or -1 */
  int bWord;                  /* a run of word characters */
} ScanTok;

/* The best match found at one place. */
typedef struct LexHit {
  int iLex;                   /* lexicon, -1 for none */
  uint32_t node;              /* its terminal node */
  size_t iEnd;                /* end in the folded chunk */
  int bPlural;                /* only plural entries hold */
} LexHit;

/* The span [*piStart, *piEnd) of the original text for folded [a, b). */
static void scan_span(const LexScan *s, size_t a, size_t b,
                      size_t *piStart, size_t *piEnd){
  th_fold_map_span(s->pMap, a, b, piStart, piEnd, s->piStepHint);
  *piStart += s->iChunk;
  *piEnd += s->iChunk;
}

/* True if entry e holds for the folded match [a, b): a plural entry
** (only if bPlural) when the 's' is an ASCII 's', a case-sensitive one
** when the case check passes, any other. */
static int entry_holds(const LexScan *s, const ThLexicon *p,
                       const LexEntry *e, size_t a, size_t b, int bPlural){
  size_t iStart, iEnd;
  if( (e->flags & ENTRY_PLURAL)!=0 ){
    return bPlural
        && s->zSrc[s->iChunk + th_fold_map_at_from(s->pMap, b-1,
                                                   s->piStepHint)]=='s';
  }
  if( bPlural ) return 0;
  if( !(e->flags & ENTRY_CS) ) return 1;
  iStart = s->iChunk + th_fold_map_at_from(s->pMap, a, s->piStepHint);
  if( s->zSrc[iStart]<0x80 && (unsigned char)p->zCsText[e->iText]<0x80
   && s->zSrc[iStart]!=(unsigned char)p->zCsText[e->iText] ){
    return 0;                   /* quick answer: the first letters differ */
  }
  scan_span(s, a, b, &iStart, &iEnd);
  return case_equal((const char*)s->zSrc+iStart, iEnd-iStart,
                    p->zCsText+e->iText, e->nText);
}

/* Which entries of node hold for the match [a, b): 1 if some ordinary
** entry does, else 2 if some plural entry does, else 0. */
static int node_holds(const LexScan *s, const ThLexicon *p, uint32_t node,
                      size_t a, size_t b){
  int i, eMode;
  for(eMode=1; eMode<=2; eMode++){
    for(i=p->aNodeEntry[node]; i>=0; i=p->aEntry[i].iNext){
      if( entry_holds(s, p, &p->aEntry[i], a, b, eMode==2) ) return eMode;
    }
  }
  return 0;
}

/* The end of the token of the folded chunk starting at f[i] (i < nf), as
** token_end() but faster for ASCII words. */
static size_t scan_token_end(const unsigned char *f, size_t nf, size_t i){
  int bWord;
  if( aByteClass[f[i]]==BYTE_WORD ){
    size_t e = ascii_run_end(f, i+1);
    return f[e]>=0x80 ? word_run_end(f, nf, e) : e;
  }
  return token_end(f, nf, i, &bWord);
}

/* Reads the token of the folded chunk at f[i] (i < nf) into *t: its end,
** its key, and its hash when the key needs it (a token of 8 bytes or
** more, not longer than the longest token of a term). */
static void scan_read(const LexScan *s, size_t i, ScanTok *t){
  const unsigned char *f = s->f;
  unsigned c = f[i];
  size_t e, n;
  t->iStart = i;
  t->bHash = 0;
  t->h = 0;
  if( aByteClass[c]==BYTE_WORD ){
    t->bWord = 1;
    if( th_little_endian() ){
      uint64_t w, stop, h;
      memcpy(&w, f+i, 8);
      stop = word_stop_bits(w);
      if( stop ){
        /* the usual case: an ASCII word of 1..7 bytes */
        n = lowest_stop_byte(stop);
        if( f[i+n]<0x80 ){
          t->iEnd = i+n;
          t->key = w & (((uint64_t)1 << (8*n)) - 1);
          t->c = n==1 ? (int)c : -1;
          return;
        }
      }else{
        n = ascii_word_hash(f+i, &h);
        if( n ){
          t->iEnd = i+n;
          t->c = -1;
          if( n<=s->nMaxTok ){
            t->h = h;
            t->bHash = 1;
          }
          t->key = h | KEY_HASHED;
          return;
        }
      }
    }
    e = scan_token_end(f, s->nf, i);
  }else if( c<0x80 ){
    t->iEnd = i+1;
    t->key = c;
    t->c = (int)c;
    t->bWord = 0;
    return;
  }else{
    e = token_end(f, s->nf, i, &t->bWord);
  }
  t->iEnd = e;
  n = e-i;
  t->c = (n==1 && c<0x80) ? (int)c : -1;
  if( n<=7 ){
    t->key = load_bytes(f+i, n);
  }else{
    if( n<=s->nMaxTok ){
      t->h = token_hash(f+i, n);
      t->bHash = 1;
    }
    t->key = t->h | KEY_HASHED;
  }
}

/* The token_hash() of token t of the folded chunk f. */
static inline uint64_t scan_tok_hash(const unsigned char *f, ScanTok *t){
  if( !t->bHash ){
    t->h = token_hash(f+t->iStart, t->iEnd-t->iStart);
    t->bHash = 1;
  }
  return t->h;
}

/* Walks the trie of lexicon iLex from folded position a, whose first
** token is *pFirst (not longer than the longest token of a term), and
** makes each match that holds and is at least as long as the best so far
** the best hit.  pNext, if not NULL, is the token after it, already
** read. */
static void scan_walk(const LexScan *s, int iLex, ScanTok *pFirst,
                      LexHit *pHit, ScanTok *pNext){
  const ThLexicon *p = s->apLex[iLex];
  const unsigned char *f = s->f;
  size_t a = pFirst->iStart;
  size_t j = pFirst->iEnd;
  uint32_t iTok1;
  uint32_t v;
  uint64_t nextSig;           /* signatures of the second tokens of terms */
  int bSecond = 1;            /* the next token is the second one */
  if( j-a>p->nMaxTok ) return;
  if( pFirst->c>=0 ){
    iTok1 = p->aByteTok[pFirst->c];
  }else{
    iTok1 = token_find(p, f+a, j-a, scan_tok_hash(f, pFirst));
  }
  if( iTok1==0 ) return;
  v = p->aTok[iTok1-1].root;
  nextSig = p->aTok[iTok1-1].nextSig;
  while( v ){
    uint32_t node = v & NODE_MASK;
    uint32_t bSpace = 0;
    ScanTok t, *pT;
    if( ((v>>24) & NODE_TERMINAL) && j>=pHit->iEnd ){
      int eMode = node_holds(s, p, node, a, j);
      if( eMode ){
        pHit->iLex = iLex;
        pHit->node = node;
        pHit->iEnd = j;
        pHit->bPlural = eMode==2;
      }
    }
    if( j<s->nf && f[j]==' ' ){
      bSpace = SPACE_BEFORE;
      j++;
    }
    if( j>=s->nf ) break;
    if( pNext && pNext->iStart==j ){
      pT = pNext;
    }else{
      scan_read(s, j, &t);
      pT = &t;
    }
    if( pT->iEnd-j>p->nMaxTok ) break;
    if( bSecond && (nextSig & key_sig(pT->key))==0 ){
      break;                    /* no term has this second token */
    }
    if( pT->c>=0 ){
      iTok1 = p->aByteTok[pT->c];
    }else{
      iTok1 = token_find(p, f+j, pT->iEnd-j, scan_tok_hash(f, pT));
    }
    if( iTok1==0 ) break;
    v = edge_get(p, node, (iTok1-1) | bSpace);
    j = pT->iEnd;
    bSecond = 0;
  }
}

/* Reports every entry of the hit that holds.  Returns SQLITE_OK or what
** the callback returned. */
static int scan_report(const LexScan *s, size_t a, const LexHit *pHit){
  const ThLexicon *p = s->apLex[pHit->iLex];
  int i;
  for(i=p->aNodeEntry[pHit->node]; i>=0; i=p->aEntry[i].iNext){
    const LexEntry *e = &p->aEntry[i];
    if( entry_holds(s, p, e, a, pHit->iEnd, pHit->bPlural) ){
      size_t iStart, iEnd;
      int rc;
      scan_span(s, a, pHit->iEnd, &iStart, &iEnd);
      rc = s->xMatch(s->pCtx, pHit->iLex, e->iTerm, iStart, iEnd-iStart);
      if( rc!=SQLITE_OK ) return rc;
    }
  }
  return SQLITE_OK;
}

/* True if a term may start with token t (at a word start, not longer
** than the longest token of a term), by the first-token filters (for a
** one-byte token, the exact table). */
static inline int scan_may_start(const LexScan *s, const ScanTok *t){
  if( t->c>=0 ) return s->aByteStart[t->c];
  if( s->bFilt ) return bit_test(s->aBloom, key_bloom_bit(t->key));
  return 1;
}

/* True if a term may start with token t, which passed scan_may_start(),
** followed by pNext (the token after it, NULL if none): t is a whole key,
** or the pair is the start of one, by the filters. */
static int scan_may_try(const LexScan *s, const ScanTok *t,
                        const ScanTok *pNext){
  const ThLexicon *p0, *p1;
  uint32_t iBit;
  if( !s->bFilt ) return 1;
  p0 = s->apFilt[0];
  p1 = s->apFilt[1];
  if( t->c>=0 ){
    if( s->aByteAlone[t->c] ) return 1;
  }else{
    iBit = key_alone_bit(t->key);
    if( bit_test(p0->aAlone, iBit) || bit_test(p1->aAlone, iBit) ) return 1;
  }
  if( pNext==0 ) return 0;
  iBit = key_pair_bit(t->key, pNext->key);
  return bit_test(p0->aPair, iBit) || bit_test(p1->aPair, iBit);
}

/* Fills the start tables of s from its lexicons. */
static void scan_init_start(LexScan *s){
  int i, c, nActive = 0;
  memset(s->aByteStart, 0, sizeof(s->aByteStart));
  memset(s->aByteAlone, 0, sizeof(s->aByteAlone));
  s->iLexFirst = s->nLex;
  s->iLexEnd = 0;
  for(i=0; i<s->nLex; i++){
    const ThLexicon *p = s->apLex[i];
    if( p==0 || p->nEntry==0 ) continue;
    if( i<s->iLexFirst ) s->iLexFirst = i;
    s->iLexEnd = i+1;
    for(c=0; c<128; c++){
      s->aByteStart[c] |= p->aByteStart[c];
      s->aByteAlone[c] |= p->aByteAlone[c];
    }
    if( nActive<2 ) s->apFilt[nActive] = p;
    nActive++;
  }
  if( nActive==1 ) s->apFilt[1] = s->apFilt[0];
  s->bFilt = nActive==1 || nActive==2;
}

/* Tries a match at the token *pFirst (pNext: the token after it, or
** NULL); reports it and returns 1 with its end in *piEnd, or returns 0.
** *pRc gets what the callback returned. */
static int scan_try(const LexScan *s, ScanTok *pFirst, ScanTok *pNext,
                    size_t *piEnd, int *pRc){
  LexHit hit;
  int i;
  size_t a = pFirst->iStart;
  hit.iLex = -1;
  hit.iEnd = a+1;
  if( s->iLexEnd==s->iLexFirst+1 ){
    scan_walk(s, s->iLexFirst, pFirst, &hit, pNext);   /* one lexicon */
  }else{
    for(i=s->iLexFirst; i<s->iLexEnd; i++){
      if( s->apLex[i] && s->apLex[i]->nEntry ){
        scan_walk(s, i, pFirst, &hit, pNext);
      }
    }
  }
  if( hit.iLex<0 ) return 0;
  *pRc = scan_report(s, a, &hit);
  *piEnd = hit.iEnd;
  return 1;
}

/* Reads the token at f[i] if it is simple: an ASCII byte that is not a
** letter or digit (returns 2), or a run of at most 16 ASCII letters and
** digits followed by an ASCII byte (returns 1), with its length in *pn
** and its tok_key() in *pKey (for a word of 8 bytes or more the hash is
** computed, and a hashed word longer than nMaxTok gets key 0).  Returns 0
** for anything else.  Little-endian machines only; f needs 8 readable
** bytes after its end, as the folded chunk has. */
static inline int scan_simple_tok(const unsigned char *f, size_t i,
                                  size_t nMaxTok, size_t *pn,
                                  uint64_t *pKey){
  unsigned c = f[i];
  uint64_t w, stop, h;
  size_t n;
  if( aByteClass[c]!=BYTE_WORD ){
    if( c>=0x80 ) return 0;
    *pn = 1;
    *pKey = c;
    return 2;
  }
  memcpy(&w, f+i, 8);
  stop = word_stop_bits(w);
  if( stop ){
    n = lowest_stop_byte(stop);     /* a word of 1..7 bytes */
    if( f[i+n]>=0x80 ) return 0;
    *pn = n;
    *pKey = w & (((uint64_t)1 << (8*n)) - 1);
    return 1;
  }
  n = ascii_word_hash(f+i, &h);     /* 8..16 bytes */
  if( n==0 ) return 0;
  *pn = n;
  *pKey = n<=nMaxTok ? (h | KEY_HASHED) : 0;
  return 1;
}

/* For scan_skip(): the token at folded position cur, n bytes of key key,
** passed the first-token filter.  Returns 0 if no term starts there by
** the filters, 2 if the token and the token after it may start one (by
** the pair filter), with the token after it (scan_simple_tok) in *pj,
** *pn, *pKey, *peTok in both cases; 1 if scan_chunk() must look at the
** place the slow way (a whole key, no token after it, or one that is not
** simple). */
static int scan_skip_pair(const LexScan *s, size_t cur, size_t n,
                          uint64_t key, size_t *pj, size_t *pn,
                          uint64_t *pKey, int *peTok){
  const unsigned char *f = s->f;
  const ThLexicon *p0 = s->apFilt[0];
  const ThLexicon *p1 = s->apFilt[1];
  size_t j = cur+n;
  uint32_t x;
  if( f[j]==' ' ) j++;
  if( j>=s->nf ) return 1;
  if( n==1 ){
    if( s->aByteAlone[key] ) return 1;
  }else{
    x = key_alone_bit(key);
    if( bit_test(p0->aAlone, x) || bit_test(p1->aAlone, x) ) return 1;
  }
  *peTok = scan_simple_tok(f, j, s->nMaxTok, pn, pKey);
  if( *peTok==0 ) return 1;
  *pj = j;
  if( *pn>s->nMaxTok ) return 0;      /* no token of a term is so long */
  x = key_pair_bit(key, *pKey);
  return (bit_test(p0->aPair, x) || bit_test(p1->aPair, x)) ? 2 : 0;
}

/* Sets *t to the simple token (scan_simple_tok() gave eTok, n, key) at
** folded position i; the hash of a long word is left to scan_tok_hash. */
static void scan_tok_set(ScanTok *t, size_t i, size_t n, uint64_t key,
                         int eTok){
  t->iStart = i;
  t->iEnd = i+n;
  t->key = key;
  t->h = 0;
  t->bHash = 0;
  t->c = n==1 ? (int)key : -1;
  t->bWord = eTok==1;
}

/* The fast loop of scan_chunk(): from folded position cur, where a token
** starts (bPrevWord as in scan_chunk), passes over the simple tokens
** (scan_simple_tok) that start no term, up to iLimit.  Most are rejected
** by the first-token filters (Bloom filter, one-byte table) alone; one
** that passes has the token after it read (scan_skip_pair), and is passed
** over if it is no whole key and the pair is in no key by the pair filter
** (that token is then the next one, read already).  Returns where it
** stopped, with *pbPrevWord updated; scan_chunk() looks at that place the
** slow way, or, if *pbTry is set, the pair passed the filters: *pT is the
** token there and *pN the one after it, to walk.  Only for bFilt scans on
** little-endian machines. */
static size_t scan_skip(const LexScan *s, size_t cur, size_t iLimit,
                        int *pbPrevWord, ScanTok *pT, ScanTok *pN,
                        int *pbTry){
  const unsigned char *f = s->f;
  const unsigned char *aByteStart = s->aByteStart;
  const uint64_t *aBloom = s->aBloom;
  size_t nMaxTok = s->nMaxTok;
  size_t iStart = cur;
  *pbTry = 0;
  if( *pbPrevWord && aByteClass[f[cur]]==BYTE_WORD ) return cur;
  /* In the loop no word follows a word: runs of word characters are
  ** maximal, and one cut by a non-ASCII byte or longer than 16 bytes
  ** stops the loop.  A space after a token is passed over even at iLimit,
  ** and given back at the end. */
  while( cur<iLimit ){
    unsigned c = f[cur], cls = aByteClass[c];
    uint64_t w, stop, key, x;
    size_t n, j = 0, n2 = 0;
    uint64_t key2 = 0;
    int eTok, eTok2 = 0, ePair;
    if( cls==BYTE_OTHER ){
      if( aByteStart[c] ){
        n = 1;                      /* may start a term: the pair test */
        key = c;
        eTok = 2;
        goto candidate;
      }
      cur++;                        /* an ASCII byte that starts no term */
      continue;
    }
    if( cls!=BYTE_WORD ) break;
    memcpy(&w, f+cur, 8);
    stop = word_stop_bits(w);
    if( stop==0 ){
      eTok = scan_simple_tok(f, cur, nMaxTok, &n, &key);    /* 8+ bytes */
      if( eTok==0 ) break;
      if( key==0 ) goto no_start;   /* longer than any token of a term */
    }else{
      n = lowest_stop_byte(stop);   /* a word of 1..7 bytes */
      if( f[cur+n]>=0x80 ) break;
      if( n==1 ){
        if( !aByteStart[c] ) goto no_start;
        key = c;
        eTok = 1;
        goto candidate;
      }
      key = w & (((uint64_t)1 << (8*n)) - 1);
    }
    x = key_mix(key) >> (64-BLOOM_BITS);
    if( ((aBloom[x/64] >> (x%64)) & 1)==0 ) goto no_start;
    eTok = 1;
  candidate:
    /* passed the first-token filter: the pair filter, with the token
    ** after it */
    ePair = scan_skip_pair(s, cur, n, key, &j, &n2, &key2, &eTok2);
    if( ePair ){
      if( ePair==2 ){
        scan_tok_set(pT, cur, n, key, eTok);
        scan_tok_set(pN, j, n2, key2, eTok2);
        *pbTry = 1;
      }
      break;
    }
    if( eTok==2 ){
      cur++;
      continue;
    }
  no_start:
    /* no term starts here; a space after it starts none either */
    cur += n;
    cur += f[cur]==' ';
  }
  if( cur>iLimit && f[cur-1]==' ' ) cur--;  /* a space at iLimit stays */
  if( cur!=iStart ) *pbPrevWord = aByteClass[f[cur-1]]==BYTE_WORD;
  return cur;
}

/* Scans the folded chunk from *pCur up to (not including) match starts at
** iLimit.  *pbPrevWord says if the character before *pCur is a word
** character (then *pCur is inside a run of word characters cut by the
** chunk restart); both are updated.  Returns SQLITE_OK or what the
** callback returned.
**
** Most of the text goes through scan_skip().  A token that may start a
** term by the Bloom filters has the token after it read too (scan_read),
** for the pair filter and the walk, and that token is not read again when
** the scan gets there. */
static int scan_chunk(const LexScan *s, size_t *pCur, int *pbPrevWord,
                      size_t iLimit){
  const unsigned char *f = s->f;
  int bFast = s->bFilt && th_little_endian();
  size_t nf = s->nf;
  size_t nMaxTok = s->nMaxTok;
  size_t cur = *pCur;
  int bPrevWord = *pbPrevWord;
  int rc = SQLITE_OK;
  int bHave = 0;              /* t holds the token at cur */
  ScanTok t, next;
  while( cur<iLimit ){
    size_t e, iAfter, iEnd;
    int bAfterWord;
    ScanTok *pNext = 0;
    int bTry = 0;             /* t and next passed the filters */
    if( !bHave ){
      if( bFast ){
        cur = scan_skip(s, cur, iLimit, &bPrevWord, &t, &next, &bTry);
        if( cur>=iLimit ) break;
      }
      if( !bTry ) scan_read(s, cur, &t);
    }
    bHave = 0;
    e = t.iEnd;
    /* where the scan goes on if no match starts here */
    iAfter = e;
    bAfterWord = t.bWord;
    if( f[e]==' ' && e<iLimit ){
      iAfter++;
      bAfterWord = 0;
    }
    if( bTry
     || (!(t.bWord && bPrevWord) && e-cur<=nMaxTok && scan_may_start(s, &t)) ){
      size_t j = f[e]==' ' ? e+1 : e;
      if( bTry ){
        pNext = &next;
      }else if( j<nf ){
        scan_read(s, j, &next);
        pNext = &next;
      }
      if( (bTry || scan_may_try(s, &t, pNext))
       && scan_try(s, &t, pNext, &iEnd, &rc) ){
        if( rc ) break;
        cur = iEnd;
        bPrevWord = ends_with_word(f, cur);
        continue;
      }
      if( pNext && next.iStart==iAfter ){
        t = next;               /* read already */
        bHave = 1;
      }
    }
    cur = iAfter;
    bPrevWord = bAfterWord;
  }
  *pCur = cur;
  *pbPrevWord = bPrevWord;
  return rc;
}

/* The last place q <= iCur (q <= nf-1) of the folded chunk where the next
** chunk may start: a character that is not white space, not a Hangul jamo,
** and whose folding starts at q.  0 if there is none after the start. */
static size_t scan_restart(const LexScan *s, size_t iCur){
  size_t q = iCur<s->nf ? iCur : s->nf-1;
  for(; q>0; q--){
    size_t iSrc;
    int32_t cp;
    size_t iAt;
    if( s->f[q]==' ' ) continue;
    iAt = th_fold_map_at(s->pMap, q);
    if( iAt==th_fold_map_at(s->pMap, q-1) ) continue;
    iSrc = s->iChunk + iAt;
    if( s->zSrc[iSrc]<0x80 ) return q;
    utf8_read(s->zSrc, s->nSrc, iSrc, &cp);
    if( !is_jamo(cp) ) return q;
  }
  return 0;
}

/* A character boundary at or a little after i (i < n). */
static size_t char_boundary(const unsigned char *z, size_t n, size_t i){
  int k;
  for(k=0; k<3 && i<n && (z[i]&0xC0)==0x80; k++) i++;
  return i;
}

int th_lexicon_scan(const ThLexicon *const *apLex, int nLex,
                    const char *z, size_t n,
                    ThLexMatchFunc xMatch, void *pCtx){
  LexScan s;
  ThBuf buf;
  ThFoldMap map;
  size_t iStepHint = 0;
  size_t nMaxKey = 0, nMargin, nChunkBase, nChunk;
  size_t iChunk = 0, cur = 0;
  uint64_t *aBloomAll = 0;    /* the Bloom filters of two lexicons merged */
  int bPrevWord = 0, bAny = 0;
  int i, rc = SQLITE_OK;

  if( z==0 || n==0 || apLex==0 || nLex<=0 || xMatch==0 ) return SQLITE_OK;
  memset(&s, 0, sizeof(s));
  for(i=0; i<nLex; i++){
    const ThLexicon *p = apLex[i];
    if( p==0 || p->nEntry==0 ) continue;
    bAny = 1;
    if( p->nMaxKey>nMaxKey ) nMaxKey = p->nMaxKey;
    if( p->nMaxTok>s.nMaxTok ) s.nMaxTok = p->nMaxTok;
  }
  if( !bAny ) return SQLITE_OK;
  s.apLex = apLex;
  s.nLex = nLex;
  s.zSrc = (const unsigned char*)z;
  s.nSrc = n;
  s.xMatch = xMatch;
  s.pCtx = pCtx;
  scan_init_start(&s);
  if( s.bFilt ){
    if( s.apFilt[0]==s.apFilt[1] ){
      s.aBloom = s.apFilt[0]->aBloom;
    }else{
      size_t k;
      aBloomAll = sqlite3_malloc64(sizeof(s.apFilt[0]->aBloom));
      if( aBloomAll==0 ) return SQLITE_NOMEM;
      for(k=0; k<(1u<<BLOOM_BITS)/64; k++){
        aBloomAll[k] = s.apFilt[0]->aBloom[k] | s.apFilt[1]->aBloom[k];
      }
      s.aBloom = aBloomAll;
    }
  }
  /* a token cut by the chunk end is longer than any token of a term */
  nMargin = 2*nMaxKey + CHUNK_SLACK;
  nChunkBase = CHUNK_BYTES>4*nMargin ? CHUNK_BYTES : 4*nMargin;
  nChunk = nChunkBase;
  th_buf_init(&buf);
  th_fold_map_init(&map);

  for(;;){
    size_t iEnd, iLimit, q;
    int bLast;
    iEnd = n-iChunk<=nChunk ? n : char_boundary(s.zSrc, n, iChunk+nChunk);
    bLast = iEnd==n;
    buf.n = 0;
    rc = th_fold_sparse(z+iChunk, iEnd-iChunk, &buf, &map);
    if( rc==SQLITE_OK && th_buf_reserve(&buf, TOKEN_PAD) ){
      rc = SQLITE_NOMEM;
    }
    if( rc ) break;
    memset(buf.z+buf.n, 0, TOKEN_PAD);  /* for ascii_run_end, token_hash */
    mask_symbols(s.zSrc+iChunk, iEnd-iChunk, (unsigned char*)buf.z, buf.n,
                 &map);
    s.iChunk = iChunk;
    s.f = (const unsigned char*)buf.z;
    s.nf = buf.n;
    s.pMap = &map;
    s.piStepHint = &iStepHint;
    iStepHint = 0;
    if( bLast ){
      iLimit = s.nf;
    }else{
      iLimit = s.nf>nMargin ? s.nf-nMargin : 0;
    }
    rc = scan_chunk(&s, &cur, &bPrevWord, iLimit);
    if( rc || bLast ) break;
    q = s.nf>0 ? scan_restart(&s, cur) : 0;
    if( q>0 ){
      iChunk += th_fold_map_at(&map, q);
      cur -= q;
      nChunk = nChunkBase;
    }else if( nChunk<nChunkBase*CHUNK_GROWTH ){
      nChunk *= 2;                   /* no place to cut: a bigger chunk */
    }else{
      /* a megabyte of nothing but white space, jamo or marks: scan to the
      ** end of the chunk and cut there (a term across the cut is lost) */
      rc = scan_chunk(&s, &cur, &bPrevWord, s.nf);
      iChunk = iEnd;
      cur = 0;
      nChunk = nChunkBase;
    }
    if( rc ) break;
  }
  th_fold_map_free(&map);
  th_buf_free(&buf);
  sqlite3_free(aBloomAll);
  return rc;
}
