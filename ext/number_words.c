/*
** number_words.c -- reads numbers written in digits or in English words,
** one whole string at a time (th_parse_number) or all the numbers of
** running text in one pass (th_find_numbers).
**
** The rules of what is a number are in number_words.h; the SQL functions
** parse_number() and extract_numbers() are in numbers.c.  No allocation,
** no mutable global state: the only tables are the const ones below.
**
** Reading works at one byte position at a time: a letter starts a phrase
** of number words, a digit, '.' or sign starts a digit number.  The
** reader accepts words while they can continue the phrase and remembers
** the last place where the phrase could end and is not glued to what
** follows, so the longest valid number is taken.  Every phrase has at
** most a few dozen words (scale words must get smaller), so the scan
** stays linear.
*/
#include <float.h>
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>
#include "number_words.h"

/* ---- the word table --------------------------------------------------- */

/* Kinds of number words. */
enum {
  NW_ZERO,      /* zero */
  NW_UNIT,      /* one .. nine */
  NW_TEEN,      /* ten .. nineteen */
  NW_TENS,      /* twenty .. ninety */
  NW_HUNDRED,   /* hundred */
  NW_SCALE,     /* thousand, million, billion, trillion */
  NW_DOZEN,     /* dozen */
  NW_A,         /* "a", only before hundred, a scale word or dozen */
  NW_AND        /* "and", only after hundred or a scale word */
};

#define NUMBER_WORD_MAX 9    /* length of the longest word ("seventeen") */

typedef struct NumberWord {
  char zWord[NUMBER_WORD_MAX+1];  /* the word, lower case, zero padded */
  int eKind;                      /* NW_* */
  int64_t iValue;                 /* its value (multiplier for scales) */
  int nZeros;                     /* hundred and scale words: log10(iValue) */
} NumberWord;

/* Every number word, each in the slot that word_slot() gives it, so that
** a lookup is one hash and one comparison.  The weights of word_slot()
** were chosen so that no two words share a slot; a new word needs a free
** slot (unit_numbers.c reads every word of the table). */
#define NUMBER_WORD_SLOTS 64
static const NumberWord aNumberWord[NUMBER_WORD_SLOTS] = {
  [23] = { "a",         NW_A,       0,              0 },
  [12] = { "and",       NW_AND,     0,              0 },
  [52] = { "billion",   NW_SCALE,   1000000000,     9 },
  [10] = { "dozen",     NW_DOZEN,   12,             0 },
  [63] = { "eight",     NW_UNIT,    8,              0 },
  [30] = { "eighteen",  NW_TEEN,    18,             0 },
  [37] = { "eighty",    NW_TENS,    80,             0 },
  [57] = { "eleven",    NW_TEEN,    11,             0 },
  [40] = { "fifteen",   NW_TEEN,    15,             0 },
  [47] = { "fifty",     NW_TENS,    50,             0 },
  [32] = { "five",      NW_UNIT,    5,              0 },
  [49] = { "forty",     NW_TENS,    40,             0 },
  [61] = { "four",      NW_UNIT,    4,              0 },
  [45] = { "fourteen",  NW_TEEN,    14,             0 },
  [ 0] = { "hundred",   NW_HUNDRED, 100,            2 },
  [ 3] = { "million",   NW_SCALE,   1000000,        6 },
  [ 8] = { "nine",      NW_UNIT,    9,              0 },
  [19] = { "nineteen",  NW_TEEN,    19,             0 },
  [26] = { "ninety",    NW_TENS,    90,             0 },
  [ 9] = { "one",       NW_UNIT,    1,              0 },
  [31] = { "seven",     NW_UNIT,    7,              0 },
  [43] = { "seventeen", NW_TEEN,    17,             0 },
  [50] = { "seventy",   NW_TENS,    70,             0 },
  [11] = { "six",       NW_UNIT,    6,              0 },
  [17] = { "sixteen",   NW_TEEN,    16,             0 },
  [24] = { "sixty",     NW_TENS,    60,             0 },
  [38] = { "ten",       NW_TEEN,    10,             0 },
  [22] = { "thirteen",  NW_TEEN,    13,             0 },
  [29] = { "thirty",    NW_TENS,    30,             0 },
  [16] = { "thousand",  NW_SCALE,   1000,           3 },
  [14] = { "three",     NW_UNIT,    3,              0 },
  [ 4] = { "trillion",  NW_SCALE,   1000000000000,  12 },
  [54] = { "twelve",    NW_TEEN,    12,             0 },
  [ 2] = { "twenty",    NW_TENS,    20,             0 },
  [51] = { "two",       NW_UNIT,    2,              0 },
  [62] = { "zero",      NW_ZERO,    0,              0 },
};

/* Exact powers of ten as doubles. */
static const double aPow10[] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

#define MAX_EXACT_INTEGER ((uint64_t)1 << 53)

/* The slot of a word of n letters (1..NUMBER_WORD_MAX) in aNumberWord,
** from its length, first, second and last letters (any case). */
static unsigned word_slot(const unsigned char *z, size_t n){
  unsigned second = n>1 ? (z[1] & 31) : 0;
  return (13*(z[0] & 31) + 11*second + 7*(z[n-1] & 31) + 3*(unsigned)n)
         % NUMBER_WORD_SLOTS;
}

/* Finds the letter run z[0..n) (ASCII letters, any case) in the table. */
static inline const NumberWord *lookup_number_word(const unsigned char *z,
                                                   size_t n){
  const NumberWord *w;
  size_t i;
  if( n==0 || n>NUMBER_WORD_MAX ) return 0;
  w = &aNumberWord[word_slot(z, n)];
  for(i=0; i<n; i++){
    if( (z[i] | 0x20)!=(unsigned char)w->zWord[i] ) return 0;
  }
  return w->zWord[n]==0 ? w : 0;
}

/* ---- characters --------------------------------------------------------- */

static int is_digit(unsigned c){ return c-'0' < 10; }
static int is_letter(unsigned c){ return (c|0x20)-'a' < 26; }

/* The code point at z[i] and its length in bytes; -1 for a byte that does
** not start valid UTF-8 (length 1). */
static int32_t char_at(const unsigned char *z, size_t n, size_t i,
                       size_t *pLen){
  utf8proc_int32_t cp;
  utf8proc_ssize_t nRead;
  if( z[i]<0x80 ){ *pLen = 1; return z[i]; }
  nRead = utf8proc_iterate(z+i, (utf8proc_ssize_t)(n-i<4 ? n-i : 4), &cp);
  if( nRead<=0 ){ *pLen = 1; return -1; }
  *pLen = (size_t)nRead;
  return cp;
}

/* The code point that ends just before z[i] (i>0) and its length. */
static int32_t char_before(const unsigned char *z, size_t i, size_t *pLen){
  size_t k = i - 1;
  size_t nLen;
  int32_t cp;
  if( z[k]<0x80 ){ *pLen = 1; return z[k]; }
  while( k>0 && i-k<4 && (z[k]&0xc0)==0x80 ) k--;
  cp = char_at(z, i, k, &nLen);
  if( cp<0 || k+nLen!=i ){ *pLen = 1; return -1; }
  *pLen = nLen;
  return cp;
}

/* Letters, digits, '_' and any Unicode letter, mark or number. */
static int is_word_char(int32_t cp){
  utf8proc_category_t cat;
  if( cp<0 ) return 0;
  if( cp<0x80 ) return is_letter((unsigned)cp) || is_digit((unsigned)cp)
                       || cp=='_';
  cat = utf8proc_category(cp);
  return cat>=UTF8PROC_CATEGORY_LU && cat<=UTF8PROC_CATEGORY_NO;
}

/* Punctuation that glues the word characters on both its sides. */
static int is_joiner(int32_t cp){
  switch( cp ){
    case '-': case '.': case ',': case '/': case ':': case '\'':
    case 0x2010: case 0x2011: case 0x2019:
      return 1;
  }
  return 0;
}

static int is_space_char(int32_t cp){
  return cp==' ' || (cp>='\t' && cp<='\r') || cp==0xa0
      || (cp>=0x2000 && cp<=0x200a) || cp==0x202f || cp==0x205f
      || cp==0x3000;
}

/* Length of the white space character at z[i], or 0. */
static size_t space_len(const unsigned char *z, size_t n, size_t i){
  size_t nLen;
  if( z[i]<0x80 ) return is_space_char(z[i]) ? 1 : 0;
  return is_space_char(char_at(z, n, i, &nLen)) ? nLen : 0;
}

/* Length of the hyphen or dash at z[i] (-, U+2010..U+2015), or 0. */
static size_t dash_len(const unsigned char *z, size_t n, size_t i){
  if( z[i]=='-' ) return 1;
  if( z[i]==0xe2 && i+2<n && z[i+1]==0x80 && z[i+2]>=0x90 && z[i+2]<=0x95 ){
    return 3;
  }
  return 0;
}

/* Length of the sign at z[i] (+, -, U+2212 minus), or 0. */
static size_t sign_len(const unsigned char *z, size_t n, size_t i){
  if( z[i]=='+' || z[i]=='-' ) return 1;
  if( z[i]==0xe2 && i+2<n && z[i+1]==0x88 && z[i+2]==0x92 ) return 3;
  return 0;
}

/* Length of a thousands separator at z[i]: ',' or NBSP, THIN SPACE,
** NARROW NBSP; 0 for anything else. */
static size_t group_sep_len(const unsigned char *z, size_t n, size_t i){
  if( z[i]==',' ) return 1;
  if( z[i]==0xc2 && i+1<n && z[i+1]==0xa0 ) return 2;
  if( z[i]==0xe2 && i+2<n && z[i+1]==0x80
   && (z[i+2]==0x89 || z[i+2]==0xaf) ) return 3;
  return 0;
}

/* True if what ends before z[i] glues a number that starts at z[i]. */
static int glued_before(const unsigned char *z, size_t i){
  size_t nLen;
  int32_t cp;
  if( i==0 ) return 0;
  cp = char_before(z, i, &nLen);
  if( is_word_char(cp) ) return 1;
  if( !is_joiner(cp) || i==nLen ) return 0;
  return is_word_char(char_before(z, i-nLen, &nLen));
}

/* True if what starts at z[i] glues a number that ends at z[i]. */
static int glued_after(const unsigned char *z, size_t n, size_t i){
  size_t nLen;
  int32_t cp;
  if( i>=n ) return 0;
  cp = char_at(z, n, i, &nLen);
  if( is_word_char(cp) ) return 1;
  if( !is_joiner(cp) || i+nLen>=n ) return 0;
  return is_word_char(char_at(z, n, i+nLen, &nLen));
}

/* True if a sign at z[i] may start a number: at the start of the text,
** after white space or after one of ( [ { = < > ~. */
static int sign_may_start(const unsigned char *z, size_t i){
  size_t nLen;
  int32_t cp;
  if( i==0 ) return 1;
  cp = char_before(z, i, &nLen);
  return is_space_char(cp) || (cp>0 && cp<0x80 && strchr("([{=<>~", cp));
}

static size_t end_of_letters(const unsigned char *z, size_t n, size_t i){
  while( i<n && is_letter(z[i]) ) i++;
  return i;
}

static size_t skip_spaces(const unsigned char *z, size_t n, size_t i){
  size_t nLen;
  while( i<n && (nLen = space_len(z, n, i))>0 ) i += nLen;
  return i;
}

/* ---- numbers in words ------------------------------------------------- */

/* One number found: bytes [iStart, iEnd). */
typedef struct NumberMatch {
  size_t iStart, iEnd;
  double value;
  int isInteger;
} NumberMatch;

/* A phrase of number words read so far. */
typedef struct Phrase {
  int64_t total;        /* the groups closed by a scale word */
  int64_t group;        /* the group being read */
  int64_t lastScale;    /* the smallest scale word so far, 0 for none */
  int hasHundred;       /* the group has had its "hundred" */
  int eLast;            /* kind of the last word, -1 before the first */
} Phrase;

static int is_small_number(int eKind){
  return eKind==NW_UNIT || eKind==NW_TEEN || eKind==NW_TENS;
}

/* Closes the group with scale word w; 0 if w cannot come here. */
static int phrase_scale(Phrase *p, const NumberWord *w){
  if( p->lastScale!=0 && w->iValue>=p->lastScale ) return 0;
  p->total += p->group * w->iValue;
  p->group = 0;
  p->hasHundred = 0;
  p->lastScale = w->iValue;
  return 1;
}

/* Adds word w to the phrase; returns 0 if w cannot continue it. */
static int phrase_add(Phrase *p, const NumberWord *w){
  int eKind = w->eKind;
  int ok = 0;
  switch( p->eLast ){
    case -1:
      ok = eKind==NW_ZERO || is_small_number(eKind) || eKind==NW_A
        || eKind==NW_DOZEN;
      if( ok ) p->group = (eKind==NW_A) ? 1 : w->iValue;
      break;
    case NW_A:
      if( eKind==NW_HUNDRED || eKind==NW_DOZEN ){
        ok = 1;
        p->group = w->iValue;
        p->hasHundred = eKind==NW_HUNDRED;
      }else if( eKind==NW_SCALE ){
        ok = phrase_scale(p, w);
      }
      break;
    case NW_UNIT: case NW_TEEN: case NW_TENS:
      if( eKind==NW_UNIT && p->eLast==NW_TENS ){
        ok = 1;
        p->group += w->iValue;
      }else if( eKind==NW_HUNDRED && !p->hasHundred ){
        ok = 1;
        p->group *= 100;
        p->hasHundred = 1;
      }else if( eKind==NW_SCALE ){
        ok = phrase_scale(p, w);
      }else if( eKind==NW_DOZEN && p->total==0 && p->lastScale==0
             && !p->hasHundred ){
        ok = 1;
        p->group *= 12;
      }
      break;
    case NW_HUNDRED:      /* "hundred thousand", "hundred and five" */
    case NW_SCALE:        /* "thousand and five", "thousand five" */
    case NW_AND:          /* "and five" */
      if( eKind==NW_SCALE && p->eLast==NW_HUNDRED ){
        ok = phrase_scale(p, w);
      }else if( eKind==NW_AND && p->eLast!=NW_AND ){
        ok = 1;
      }else if( is_small_number(eKind) ){
        ok = 1;
        p->group += w->iValue;
      }
      break;
    default:    /* nothing follows zero or dozen */
      break;
  }
  if( ok ) p->eLast = eKind;
  return ok;
}

static int phrase_can_end(const Phrase *p){
  return p->eLast!=-1 && p->eLast!=NW_A && p->eLast!=NW_AND;
}

/* Sets the value of a match from the value of a phrase (not negative). */
static void set_integer(NumberMatch *m, int64_t v){
  m->value = (double)v;
  m->isInteger = v<=(int64_t)MAX_EXACT_INTEGER;
}

/* Reads the longest phrase of number words that starts with the word w,
** the letters z[i..j).  Returns 1 with *m set, or 0. */
static int read_word_phrase(const unsigned char *z, size_t n, size_t i,
                            size_t j, const NumberWord *w, NumberMatch *m){
  Phrase p;
  int bFound = 0;
  memset(&p, 0, sizeof(p));
  p.eLast = -1;
  m->iStart = i;
  while( w!=0 && phrase_add(&p, w) ){
    size_t nSep;
    if( phrase_can_end(&p) && !glued_after(z, n, j) ){
      bFound = 1;
      m->iEnd = j;
      set_integer(m, p.total + p.group);
    }
    if( j>=n ) break;
    if( (nSep = dash_len(z, n, j))>0 ){
      i = j + nSep;
    }else{
      i = skip_spaces(z, n, j);
      if( i==j ) break;
    }
    if( i>=n || !is_letter(z[i]) ) break;
    j = end_of_letters(z, n, i);
    w = lookup_number_word(z+i, j-i);
  }
  return bFound;
}

/* ---- numbers in digits ------------------------------------------------ */

/* A number written in digits: mantissa times 10^exp10. */
typedef struct DigitNumber {
  uint64_t mant;        /* significant digits (up to 19) */
  int64_t exp10;        /* power of ten to apply */
  int hasPoint;         /* written with a decimal point */
  int isScaled;         /* multiplied by a word ("2.5 million") */
  int isNegative;
} DigitNumber;

#define MANTISSA_FULL 1000000000000000000ULL   /* 10^18 */

static void add_int_digit(DigitNumber *d, unsigned c){
  if( d->mant<MANTISSA_FULL ) d->mant = d->mant*10 + (c-'0');
  else d->exp10++;
}

static void add_fraction_digit(DigitNumber *d, unsigned c){
  if( d->mant<MANTISSA_FULL ){
    d->mant = d->mant*10 + (c-'0');
    d->exp10--;
  }
}

/* True if z[i..] holds exactly three digits and no fourth. */
static int is_digit_group(const unsigned char *z, size_t n, size_t i){
  return i+3<=n && is_digit(z[i]) && is_digit(z[i+1]) && is_digit(z[i+2])
      && (i+3==n || !is_digit(z[i+3]));
}

/* Reads digits, well-formed thousands groups and a decimal part from z[i]
** (a digit, or '.' before a digit).  Returns the end. */
static size_t read_digits(const unsigned char *z, size_t n, size_t i,
                          DigitNumber *d){
  size_t iFirst = i;
  while( i<n && is_digit(z[i]) ) add_int_digit(d, z[i++]);
  if( i>iFirst && i-iFirst<=3 && z[iFirst]!='0' && i<n ){
    size_t nSep = group_sep_len(z, n, i);
    const unsigned char *zSep = z + i;
    while( nSep>0 && i+nSep<n && memcmp(z+i, zSep, nSep)==0
        && is_digit_group(z, n, i+nSep) ){
      i += nSep;
      add_int_digit(d, z[i]);
      add_int_digit(d, z[i+1]);
      add_int_digit(d, z[i+2]);
      i += 3;
    }
  }
  if( i+1<n && z[i]=='.' && is_digit(z[i+1]) ){
    d->hasPoint = 1;
    for(i++; i<n && is_digit(z[i]); i++) add_fraction_digit(d, z[i]);
  }
  return i;
}

/* Multiplies by 10^e, giving up once the value is 0 or infinite. */
static double scale_double(double v, int64_t e){
  while( e>0 && v<=DBL_MAX ){
    int64_t k = e>22 ? 22 : e;
    v *= aPow10[k];
    e -= k;
  }
  while( e<0 && v!=0.0 ){
    int64_t k = -e>22 ? 22 : -e;
    v /= aPow10[k];
    e += k;
  }
  return v;
}

/* Sets m->value and m->isInteger from d.  Returns 0 if the number is
** beyond the range of a double. */
static int digit_number_value(DigitNumber *d, NumberMatch *m){
  double v = 0.0;
  if( d->isScaled ){
    while( d->exp10<0 && d->mant%10==0 && d->mant>0 ){
      d->mant /= 10;
      d->exp10++;
    }
  }
  m->isInteger = 0;
  if( (!d->hasPoint || d->isScaled) && (d->exp10>=0 || d->mant==0) ){
    uint64_t u = d->mant;
    int64_t e = d->mant==0 ? 0 : d->exp10;
    while( e>0 && u<=MAX_EXACT_INTEGER ){ u *= 10; e--; }
    if( e==0 && u<=MAX_EXACT_INTEGER ){
      m->isInteger = 1;
      v = (double)u;
    }
  }
  if( !m->isInteger ) v = scale_double((double)d->mant, d->exp10);
  if( !(v<=DBL_MAX) ) return 0;
  m->value = d->isNegative ? -v : v;
  return 1;
}

/* Applies a multiplier word ("million", "dozen") to d. */
static void digit_number_scale(DigitNumber *d, const NumberWord *w){
  d->isScaled = 1;
  if( w->eKind==NW_DOZEN ){
    if( d->mant>UINT64_MAX/12 ){
      d->mant /= 10;
      d->exp10++;
    }
    d->mant *= 12;
  }else{
    d->exp10 += w->nZeros;
  }
}

/* Reads a digit number at z[i] (a digit, '.' or a sign).  Returns 1 with
** *m set, or 0 with *piNext set past what was read. */
static int read_digit_number(const unsigned char *z, size_t n, size_t i,
                             NumberMatch *m, size_t *piNext){
  DigitNumber d;
  size_t iDigits = i, iEnd, iWord;
  size_t nSign = sign_len(z, n, i);
  memset(&d, 0, sizeof(d));
  if( nSign>0 ){
    iDigits = i + nSign;
    if( !sign_may_start(z, i) || iDigits>=n
     || !(is_digit(z[iDigits]) || (z[iDigits]=='.' && iDigits+1<n
                                   && is_digit(z[iDigits+1]))) ){
      *piNext = i + nSign;
      return 0;
    }
    d.isNegative = z[i]!='+';
  }else if( !is_digit(z[i]) && !(z[i]=='.' && i+1<n && is_digit(z[i+1])) ){
    *piNext = i + 1;
    return 0;
  }
  iEnd = read_digits(z, n, iDigits, &d);
  *piNext = iEnd;
  if( (nSign==0 && glued_before(z, i)) || glued_after(z, n, iEnd) ) return 0;
  /* a multiplier word after white space: "2.5 million" */
  iWord = skip_spaces(z, n, iEnd);
  if( iWord>iEnd && iWord<n && is_letter(z[iWord]) ){
    size_t iWordEnd = end_of_letters(z, n, iWord);
    const NumberWord *w = lookup_number_word(z+iWord, iWordEnd-iWord);
    if( w && (w->eKind==NW_HUNDRED || w->eKind==NW_SCALE
              || w->eKind==NW_DOZEN) && !glued_after(z, n, iWordEnd) ){
      DigitNumber scaled = d;
      digit_number_scale(&scaled, w);
      if( digit_number_value(&scaled, m) ){
        m->iStart = i;
        m->iEnd = iWordEnd;
        return 1;
      }
    }
  }
  if( !digit_number_value(&d, m) ) return 0;
  m->iStart = i;
  m->iEnd = iEnd;
  return 1;
}

/* ---- any number ---------------------------------------------------------- */

/* True if number word w may start a phrase. */
static int starts_phrase(const NumberWord *w){
  return w->eKind!=NW_HUNDRED && w->eKind!=NW_SCALE && w->eKind!=NW_AND;
}

/* Reads the phrase of number words that starts with the word w, the
** letter run z[i..j).  Returns 1 with *m set, or 0. */
static int read_word_number(const unsigned char *z, size_t n, size_t i,
                            size_t j, const NumberWord *w, NumberMatch *m){
  return read_word_phrase(z, n, i, j, w, m) && !glued_before(z, i);
}

/* True if z[i] may start a digit number: a digit, or '.' or a sign before
** a digit (quick test; read_digit_number() decides). */
static int may_start_digits(const unsigned char *z, size_t n, size_t i){
  unsigned c = z[i];
  if( is_digit(c) ) return 1;
  if( c!='.' && c!='-' && c!='+' && c!=0xe2 ) return 0;
  return i+1<n && (is_digit(z[i+1]) || z[i+1]=='.' || z[i+1]==0x88);
}

int th_find_numbers_from(const char *zText, size_t n, size_t iFrom,
                         ThNumberCallback xNumber, void *pCtx){
  const unsigned char *z = (const unsigned char*)zText;
  size_t i = iFrom;
  while( i<n ){
    NumberMatch m;
    size_t iNext;
    unsigned c = z[i];
    int bFound = 0;
    if( is_letter(c) ){
      const NumberWord *w;
      iNext = end_of_letters(z, n, i+1);
      w = lookup_number_word(z+i, iNext-i);
      bFound = w!=0 && starts_phrase(w)
            && read_word_number(z, n, i, iNext, w, &m);
    }else if( may_start_digits(z, n, i) ){
      bFound = read_digit_number(z, n, i, &m, &iNext);
    }else{
      iNext = i + 1;
    }
    if( bFound ){
      int rc = xNumber(pCtx, m.iStart, m.iEnd - m.iStart, m.value,
                       m.isInteger);
      if( rc ) return rc;
      iNext = m.iEnd;
    }
    i = iNext;
  }
  return 0;
}

int th_find_numbers(const char *z, size_t n, ThNumberCallback xNumber,
                    void *pCtx){
  return th_find_numbers_from(z, n, 0, xNumber, pCtx);
}

int th_parse_number(const char *zText, size_t n, double *pValue,
                    int *pIsInteger){
  const unsigned char *z = (const unsigned char*)zText;
  size_t iStart, iEnd = n, iNext;
  NumberMatch m;
  iStart = skip_spaces(z, n, 0);
  while( iEnd>iStart ){
    size_t nLen;
    if( !is_space_char(char_before(z, iEnd, &nLen)) ) break;
    iEnd -= nLen;
  }
  if( iStart>=iEnd ) return 0;
  /* read inside z[iStart..iEnd) only, so that its ends are text ends */
  z += iStart;
  n = iEnd - iStart;
  if( is_letter(z[0]) ){
    size_t j = end_of_letters(z, n, 0);
    const NumberWord *w = lookup_number_word(z, j);
    if( w==0 || !starts_phrase(w) || !read_word_number(z, n, 0, j, w, &m) ){
      return 0;
    }
  }else if( !read_digit_number(z, n, 0, &m, &iNext) ){
    return 0;
  }
  if( m.iEnd!=n ) return 0;
  *pValue = m.value;
  *pIsInteger = m.isInteger;
  return 1;
}
