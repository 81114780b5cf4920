/*
** sentence_split.c -- the sentence splitter behind extract_sentences().
**
** Plain C, no SQL and no allocation: th_sentence_scan_next() finds one
** sentence at a time, th_split_sentences() calls back for every one.  Used
** from SQL as
**
**     SELECT sentence FROM extract_sentences('Dr. Lee spoke. It works.');
**
** How it works: one forward scan looks only at the bytes that can end a
** sentence ('.', '!', '?', U+2026 '…', line breaks); everything else is
** skipped eight bytes at a time (skip_plain()).  At a candidate the scanner
** gathers the run of terminators and closing quotes/brackets, the white
** space after it and the first character after that, and decides:
**
**   - a blank line or the end of the text always ends the sentence;
**   - after a single '.' the word before it is looked up in aAbbrev[]
**     below (titles, e.g., et al., Fig., Inc., months ...), or recognised
**     as an initial ("J."), a dotted acronym ("U.S.", "p.m.") or a list
**     label at the start of a sentence ("1.", "iv."); each kind has its own
**     rule about what may follow (see decide_after_terminator());
**   - a line break without terminal punctuation ends the sentence only if
**     the next line starts like a new block.
**
** Looking back (for the word before a '.') never crosses the start of the
** current sentence and looking ahead reads at most one short word, so the
** whole scan is linear in the length of the text.
**
** Documented choices: a dotted acronym or an initial ("U.S.", "M.D.",
** "J.") ends a sentence on the same line only when the next word is a
** common sentence opener (The, This, In, We, ...) or a quote or bullet
** follows, so "in the U.S. Food and Drug Administration" stays whole while
** "in the U.S. The trial" splits; a capital letter after a single initial
** that follows a lowercase word ("hemophilia B. Patients") is a sentence
** start.  "et al." never ends a sentence inside a paragraph.
*/
#include <stdint.h>
#include <string.h>
#include <utf8proc.h>
#include "sentence_split.h"
#include "bits.h"

/* ---- kinds of word before a '.' and what may follow them --------------- */

enum {
  KIND_PLAIN,     /* an ordinary word, or '!', '?', '...': a real stop */
  KIND_NEVER,     /* titles, e.g., et al., Fig.: no stop inside a paragraph */
  KIND_NUMBER,    /* No., Jan., p.: no stop before a number */
  KIND_CAPITAL,   /* Inc., etc.: a stop only before a capital or a quote */
  KIND_ACRONYM,   /* U.S., M.D., Jr.: a stop only before an opener word */
  KIND_INITIAL,   /* J. as in "J. R. Smith": like KIND_ACRONYM */
  KIND_LABEL      /* "1.", "a.", "iv." opening a sentence: list labels */
};

/* How the case of the word's first letter must look for an entry. */
enum {
  CASE_ANY,       /* any case: "Fig." and "fig." */
  CASE_CAP,       /* first letter a capital: "No. 5" but not "no." */
  CASE_LOWER      /* first letter lowercase: "p. 12" but not the initial P. */
};

typedef struct ThAbbrev {
  const char *zWord;        /* lowercase, inner dots kept, final dot dropped */
  const char *zPrev;        /* word that must come just before, or NULL */
  unsigned char eKind;      /* KIND_* */
  unsigned char eCase;      /* CASE_* */
} ThAbbrev;

/* The abbreviation table, sorted by zWord in strcmp() order (checked by
** th_sentence_tables_check() in the unit tests). */
static const ThAbbrev aAbbrev[] = {
  { "al",      "et", KIND_NEVER,   CASE_LOWER },  /* et al. */
  { "approx",  0,    KIND_NEVER,   CASE_ANY   },
  { "apr",     0,    KIND_NUMBER,  CASE_CAP   },
  { "assoc",   0,    KIND_NEVER,   CASE_CAP   },
  { "asst",    0,    KIND_NEVER,   CASE_CAP   },
  { "aug",     0,    KIND_NUMBER,  CASE_CAP   },
  { "avg",     0,    KIND_NUMBER,  CASE_LOWER },
  { "bros",    0,    KIND_CAPITAL, CASE_CAP   },
  { "ca",      0,    KIND_NUMBER,  CASE_LOWER },  /* circa */
  { "capt",    0,    KIND_NEVER,   CASE_CAP   },
  { "cf",      0,    KIND_NEVER,   CASE_ANY   },
  { "co",      0,    KIND_CAPITAL, CASE_CAP   },
  { "col",     0,    KIND_NEVER,   CASE_CAP   },
  { "corp",    0,    KIND_CAPITAL, CASE_CAP   },
  { "dec",     0,    KIND_NUMBER,  CASE_CAP   },
  { "dept",    0,    KIND_NEVER,   CASE_CAP   },
  { "dr",      0,    KIND_NEVER,   CASE_CAP   },
  { "e.g",     0,    KIND_NEVER,   CASE_ANY   },
  { "eq",      0,    KIND_NUMBER,  CASE_ANY   },
  { "eqs",     0,    KIND_NUMBER,  CASE_ANY   },
  { "esq",     0,    KIND_ACRONYM, CASE_CAP   },
  { "est",     0,    KIND_NUMBER,  CASE_LOWER },
  { "etc",     0,    KIND_CAPITAL, CASE_ANY   },
  { "feb",     0,    KIND_NUMBER,  CASE_CAP   },
  { "fig",     0,    KIND_NEVER,   CASE_ANY   },
  { "figs",    0,    KIND_NEVER,   CASE_ANY   },
  { "ft",      0,    KIND_NEVER,   CASE_CAP   },  /* Ft. Worth */
  { "gen",     0,    KIND_NEVER,   CASE_CAP   },
  { "gov",     0,    KIND_NEVER,   CASE_CAP   },
  { "hon",     0,    KIND_NEVER,   CASE_CAP   },
  { "i.e",     0,    KIND_NEVER,   CASE_ANY   },
  { "inc",     0,    KIND_CAPITAL, CASE_CAP   },
  { "incl",    0,    KIND_NEVER,   CASE_ANY   },
  { "jan",     0,    KIND_NUMBER,  CASE_CAP   },
  { "jr",      0,    KIND_ACRONYM, CASE_CAP   },
  { "jul",     0,    KIND_NUMBER,  CASE_CAP   },
  { "jun",     0,    KIND_NUMBER,  CASE_CAP   },
  { "llc",     0,    KIND_CAPITAL, CASE_CAP   },
  { "lt",      0,    KIND_NEVER,   CASE_CAP   },
  { "ltd",     0,    KIND_CAPITAL, CASE_CAP   },
  { "mar",     0,    KIND_NUMBER,  CASE_CAP   },
  { "max",     0,    KIND_NUMBER,  CASE_LOWER },
  { "med",     "dr", KIND_NEVER,   CASE_LOWER },  /* Dr. med. */
  { "messrs",  0,    KIND_NEVER,   CASE_CAP   },
  { "min",     0,    KIND_NUMBER,  CASE_LOWER },
  { "mr",      0,    KIND_NEVER,   CASE_CAP   },
  { "mrs",     0,    KIND_NEVER,   CASE_CAP   },
  { "ms",      0,    KIND_NEVER,   CASE_CAP   },  /* not "5 ms." */
  { "mt",      0,    KIND_NEVER,   CASE_CAP   },
  { "nat",     "rer", KIND_NEVER,  CASE_LOWER },  /* Dr. rer. nat. */
  { "no",      0,    KIND_NUMBER,  CASE_ANY   },
  { "nos",     0,    KIND_NUMBER,  CASE_ANY   },
  { "nov",     0,    KIND_NUMBER,  CASE_CAP   },
  { "oct",     0,    KIND_NUMBER,  CASE_CAP   },
  { "p",       0,    KIND_NUMBER,  CASE_LOWER },  /* page; P. is an initial */
  { "plc",     0,    KIND_CAPITAL, CASE_ANY   },
  { "pp",      0,    KIND_NUMBER,  CASE_LOWER },
  { "pres",    0,    KIND_NEVER,   CASE_CAP   },
  { "prof",    0,    KIND_NEVER,   CASE_CAP   },
  { "ref",     0,    KIND_NUMBER,  CASE_ANY   },
  { "refs",    0,    KIND_NUMBER,  CASE_ANY   },
  { "rep",     0,    KIND_NEVER,   CASE_CAP   },
  { "rer",     "dr", KIND_NEVER,   CASE_LOWER },
  { "resp",    0,    KIND_CAPITAL, CASE_LOWER },
  { "rev",     0,    KIND_NEVER,   CASE_CAP   },
  { "sen",     0,    KIND_NEVER,   CASE_CAP   },
  { "sep",     0,    KIND_NUMBER,  CASE_CAP   },
  { "sept",    0,    KIND_NUMBER,  CASE_CAP   },
  { "sgt",     0,    KIND_NEVER,   CASE_CAP   },
  { "sr",      0,    KIND_ACRONYM, CASE_CAP   },
  { "st",      0,    KIND_NEVER,   CASE_CAP   },
  { "suppl",   0,    KIND_NEVER,   CASE_ANY   },
  { "univ",    0,    KIND_NEVER,   CASE_CAP   },
  { "v",       0,    KIND_NEVER,   CASE_LOWER },  /* Roe v. Wade */
  { "viz",     0,    KIND_NEVER,   CASE_ANY   },
  { "vol",     0,    KIND_NEVER,   CASE_ANY   },
  { "vols",    0,    KIND_NEVER,   CASE_ANY   },
  { "vs",      0,    KIND_NEVER,   CASE_ANY   },
};

/* Words that commonly open a sentence: after an acronym or an initial
** they mark a sentence start ("... in the U.S. The trial ...").  Sorted. */
static const char *const azOpener[] = {
  "A", "After", "All", "Also", "Although", "An", "And", "As", "At",
  "Because", "Before", "Both", "But", "By", "Despite", "During", "Each",
  "For", "From", "He", "Her", "His", "How", "However", "If", "In", "It",
  "Its", "Many", "More", "Most", "Now", "Of", "On", "One", "Our", "She",
  "Since", "So", "Some", "Such", "That", "The", "Their", "Then", "There",
  "These", "They", "This", "Those", "Thus", "To", "Two", "Under", "We",
  "What", "When", "Where", "While", "Who", "Why", "With", "Yet",
};

/* Lowercase words after which a capital letter and '.' are still an
** initial of a name ("led by J. Smith").  After any other lowercase word
** it is a label that may end a sentence ("for hemophilia B. Patients").
** Sorted. */
static const char *const azNameIntro[] = {
  "and", "by", "for", "from", "of", "said", "says", "to", "told", "with",
};

#define MAX_ABBREV   16     /* longest word looked up before a '.' */
#define MAX_OPENER   12     /* longest word of azOpener[] */
#define MAX_PREV     32     /* longest previous word examined */
#define COUNT(a)     (sizeof(a)/sizeof((a)[0]))

/* ---- characters --------------------------------------------------------- */

static int is_alpha(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z');
}
static int is_upper(unsigned char c){ return c>='A' && c<='Z'; }
static int is_lower(unsigned char c){ return c>='a' && c<='z'; }
static int is_digit(unsigned char c){ return c>='0' && c<='9'; }
static int is_cont(unsigned char c){ return (c&0xc0)==0x80; }

/* True if a character that ends at z[i] is whole as substr() counts
** characters: no stray continuation byte follows it. */
static int ends_clean(const unsigned char *z, size_t i, size_t n){
  return i>=n || !is_cont(z[i]);
}

/* Length in bytes of the white-space character at z[i], 0 if there is
** none.  *pnLine gets its weight as a line break: 0 for a space, 1 for a
** line break, 2 for a paragraph break (form feed, U+2029).  "\r\n" counts
** as one line break. */
static size_t space_len(const unsigned char *z, size_t i, size_t n,
                        int *pnLine){
  unsigned char c = z[i];
  *pnLine = 0;
  switch( c ){
    case ' ': case '\t':
      return 1;
    case '\n': case '\v':
      *pnLine = 1;
      return 1;
    case '\r':
      *pnLine = (i+1<n && z[i+1]=='\n') ? 0 : 1;
      return 1;
    case '\f':
      *pnLine = 2;
      return 1;
    case 0xc2:                                    /* U+00A0 no-break space */
      if( i+1<n && z[i+1]==0xa0 && ends_clean(z, i+2, n) ) return 2;
      return 0;
    case 0xe2:
      if( i+2>=n || !ends_clean(z, i+3, n) ) return 0;
      if( z[i+1]==0x80 ){
        unsigned char d = z[i+2];
        if( d>=0x80 && d<=0x8a ) return 3;        /* U+2000..U+200A */
        if( d==0xaf ) return 3;                   /* U+202F */
        if( d==0xa8 ){ *pnLine = 1; return 3; }   /* U+2028 line sep. */
        if( d==0xa9 ){ *pnLine = 2; return 3; }   /* U+2029 para. sep. */
      }else if( z[i+1]==0x81 && z[i+2]==0x9f ){
        return 3;                                 /* U+205F */
      }
      return 0;
    case 0xe3:                                    /* U+3000 */
      if( i+2<n && z[i+1]==0x80 && z[i+2]==0x80 && ends_clean(z, i+3, n) ){
        return 3;
      }
      return 0;
  }
  return 0;
}

/* Length of the white-space character that ends just before z[e], not
** reaching below iMin; 0 if there is none. */
static size_t space_len_before(const unsigned char *z, size_t iMin,
                               size_t e, size_t n){
  int w;
  if( e<=iMin ) return 0;
  if( z[e-1]<0x80 ) return space_len(z, e-1, n, &w);
  if( e-iMin>=2 && space_len(z, e-2, n, &w)==2 ) return 2;
  if( e-iMin>=3 && space_len(z, e-3, n, &w)==3 ) return 3;
  return 0;
}

/* Moves e back over white space, not below iMin. */
static size_t trim_end(const unsigned char *z, size_t iMin, size_t e,
                       size_t n){
  size_t m;
  while( (m = space_len_before(z, iMin, e, n))>0 ) e -= m;
  return e;
}

/* Length of U+2026 '…' at z[i], else 0. */
static size_t ellipsis_len(const unsigned char *z, size_t i, size_t n){
  if( i+2<n && z[i]==0xe2 && z[i+1]==0x80 && z[i+2]==0xa6
   && ends_clean(z, i+3, n) ){
    return 3;
  }
  return 0;
}

/* Length of a closing quote or bracket at z[i] that stays with the
** sentence it follows, else 0. */
static size_t closer_len(const unsigned char *z, size_t i, size_t n){
  switch( z[i] ){
    case ')': case ']': case '}': case '"': case '\'':
      return 1;
    case 0xc2:                                          /* » */
      return (i+1<n && z[i+1]==0xbb && ends_clean(z, i+2, n)) ? 2 : 0;
    case 0xe2:                                          /* ’ ” › */
      if( i+2<n && z[i+1]==0x80 && ends_clean(z, i+3, n)
       && (z[i+2]==0x99 || z[i+2]==0x9d || z[i+2]==0xba) ){
        return 3;
      }
      return 0;
  }
  return 0;
}

/* Length of a citation mark such as "[12]" or "[3,4-6]" at z[i], else 0. */
static size_t citation_len(const unsigned char *z, size_t i, size_t n){
  size_t j;
  if( z[i]!='[' ) return 0;
  for(j=i+1; j<n && j-i<=16; j++){
    unsigned char c = z[j];
    if( c==']' ) return j>i+1 ? j+1-i : 0;
    if( !is_digit(c) && c!=',' && c!='-' ) return 0;
  }
  return 0;
}

/* ---- the character that follows the white space ------------------------- */

enum {
  NEXT_OTHER,     /* punctuation and anything unknown */
  NEXT_LOWER,     /* lowercase letter */
  NEXT_MIXED,     /* lowercase letter opening a word like mRNA, p53, iPSC */
  NEXT_UPPER,     /* capital letter, or a letter of a script without case */
  NEXT_DIGIT,     /* digit or currency sign */
  NEXT_QUOTE,     /* opening quote */
  NEXT_BRACKET,   /* opening bracket */
  NEXT_BULLET,    /* bullet or other symbol */
  NEXT_MARK       /* - * + # > or a dash: a block start at a line start */
};

/* True if the ASCII word starting at z[k] (lowercase) has a capital
** letter or a digit inside, as gene and cell names often have. */
static int is_mixed_word(const unsigned char *z, size_t k, size_t n){
  size_t j;
  for(j=k+1; j<n && j-k<=MAX_ABBREV; j++){
    if( is_upper(z[j]) || is_digit(z[j]) ) return 1;
    if( !is_lower(z[j]) ) return 0;
  }
  return 0;
}

static int next_class_unicode(const unsigned char *z, size_t k, size_t n){
  utf8proc_int32_t cp = 0;
  size_t nAvail = n-k;
  utf8proc_ssize_t len;
  if( nAvail>4 ) nAvail = 4;
  len = utf8proc_iterate(z+k, (utf8proc_ssize_t)nAvail, &cp);
  if( len<=0 ) return NEXT_OTHER;
  switch( cp ){
    case 0x2022: case 0x2023: case 0x2043: case 0x00b7: case 0x2219:
      return NEXT_BULLET;
  }
  switch( utf8proc_category(cp) ){
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LO:  return NEXT_UPPER;
    case UTF8PROC_CATEGORY_LL:  return NEXT_LOWER;
    case UTF8PROC_CATEGORY_ND:
    case UTF8PROC_CATEGORY_SC:  return NEXT_DIGIT;
    case UTF8PROC_CATEGORY_PI:  return NEXT_QUOTE;
    case UTF8PROC_CATEGORY_PS:  return NEXT_BRACKET;
    case UTF8PROC_CATEGORY_PD:  return NEXT_MARK;
    case UTF8PROC_CATEGORY_SO:  return NEXT_BULLET;
    default:                    return NEXT_OTHER;
  }
}

/* Class of the character at z[k] (k<n). */
static int next_class(const unsigned char *z, size_t k, size_t n){
  unsigned char c = z[k];
  if( c>=0x80 ) return next_class_unicode(z, k, n);
  if( is_upper(c) ) return NEXT_UPPER;
  if( is_lower(c) ) return is_mixed_word(z, k, n) ? NEXT_MIXED : NEXT_LOWER;
  if( is_digit(c) ) return NEXT_DIGIT;
  switch( c ){
    case '"': case '\'':                    return NEXT_QUOTE;
    case '(': case '[': case '{':           return NEXT_BRACKET;
    case '$':                               return NEXT_DIGIT;
    case '-': case '*': case '+': case '#': case '>':
                                            return NEXT_MARK;
  }
  return NEXT_OTHER;
}

/* True if z[k..n) starts with zPrefix. */
static int has_prefix(const unsigned char *z, size_t k, size_t n,
                      const char *zPrefix){
  size_t m = strlen(zPrefix);
  return n-k>=m && memcmp(z+k, zPrefix, m)==0;
}

/* A web address opening a line stands on its own like a new block. */
static int starts_url(const unsigned char *z, size_t k, size_t n){
  return has_prefix(z, k, n, "http://") || has_prefix(z, k, n, "https://")
      || has_prefix(z, k, n, "www.");
}

/* May a sentence start with a character of this class after a stop on the
** same line? */
static int starts_sentence(int eNext){
  return eNext==NEXT_UPPER || eNext==NEXT_DIGIT || eNext==NEXT_QUOTE
      || eNext==NEXT_BRACKET || eNext==NEXT_BULLET;
}

/* Does a line starting with a character of this class start a new block
** (headline, list item, paragraph) rather than continue wrapped prose? */
static int starts_block(int eNext){
  return starts_sentence(eNext) || eNext==NEXT_MARK;
}

/* ---- word look-ups ------------------------------------------------------ */

/* strcmp() of the word z[0..n) against the NUL-terminated zEntry. */
static int compare_word(const char *z, size_t n, const char *zEntry){
  size_t i;
  for(i=0; i<n; i++){
    int d;
    if( zEntry[i]==0 ) return 1;
    d = (int)(unsigned char)z[i] - (int)(unsigned char)zEntry[i];
    if( d ) return d;
  }
  return zEntry[n] ? -1 : 0;
}

static int in_word_list(const char *const *az, size_t nList,
                        const char *z, size_t n){
  size_t lo = 0, hi = nList;
  while( lo<hi ){
    size_t mid = (lo+hi)/2;
    int c = compare_word(z, n, az[mid]);
    if( c==0 ) return 1;
    if( c<0 ) hi = mid; else lo = mid+1;
  }
  return 0;
}

static const ThAbbrev *find_abbrev(const char *zLower, size_t n){
  size_t lo = 0, hi = COUNT(aAbbrev);
  while( lo<hi ){
    size_t mid = (lo+hi)/2;
    int c = compare_word(zLower, n, aAbbrev[mid].zWord);
    if( c==0 ) return &aAbbrev[mid];
    if( c<0 ) hi = mid; else lo = mid+1;
  }
  return 0;
}

/* Is the word at z[k] one of azOpener[] (and not itself an initial)? */
static int is_opener_word(const unsigned char *z, size_t k, size_t n){
  size_t e = k;
  while( e<n && e-k<=MAX_OPENER && is_alpha(z[e]) ) e++;
  if( e==k || e-k>MAX_OPENER ) return 0;
  if( e<n && z[e]=='.' ) return 0;
  return in_word_list(azOpener, COUNT(azOpener), (const char*)z+k, e-k);
}

/* The ASCII word before the white space that ends at z[b], not reaching
** below iMin; with bDot the word may end in a '.' ("Dr. med.").  Returns 0
** if there is none (punctuation instead of white space, no letters, or a
** word too long to matter). */
static int prev_word(const unsigned char *z, size_t iMin, size_t b, int bDot,
                     size_t *piWord, size_t *pnWord){
  size_t p = b, e;
  while( p>iMin && b-p<8
      && (z[p-1]==' ' || z[p-1]=='\t' || z[p-1]=='\n' || z[p-1]=='\r') ){
    p--;
  }
  if( p==b ) return 0;
  if( bDot && p>iMin && z[p-1]=='.' ) p--;
  e = p;
  while( p>iMin && e-p<=MAX_PREV && is_alpha(z[p-1]) ) p--;
  if( p==e || e-p>MAX_PREV ) return 0;
  if( p>iMin && (is_alpha(z[p-1]) || is_digit(z[p-1])) ) return 0;
  *piWord = p;
  *pnWord = e-p;
  return 1;
}

/* True if the word just before z[b] is zWant (ASCII, any case), maybe
** followed by a '.'. */
static int prev_word_is(const unsigned char *z, size_t iMin, size_t b,
                        const char *zWant){
  size_t iWord, nWord, i;
  if( !prev_word(z, iMin, b, 1, &iWord, &nWord) ) return 0;
  if( nWord!=strlen(zWant) ) return 0;
  for(i=0; i<nWord; i++){
    if( (z[iWord+i]|0x20)!=(unsigned char)zWant[i] ) return 0;
  }
  return 1;
}

/* ---- the word before a single '.' --------------------------------------- */

/* "1." .. "999." opening the sentence is a list label; other numbers
** before a '.' are ordinary words ("in 2019."). */
static int number_kind(const unsigned char *z, size_t iMin, size_t iDot){
  size_t d = iDot;
  while( d>iMin && iDot-d<=3 && is_digit(z[d-1]) ) d--;
  if( d<iDot && d==iMin && iDot-d<=3 ) return KIND_LABEL;
  return KIND_PLAIN;
}

/* A single letter, or a roman numeral up to 4 letters in one case. */
static int is_list_label(const unsigned char *z, size_t n){
  size_t i, nLow = 0, nUp = 0;
  if( n==1 ) return 1;
  if( n>4 ) return 0;
  for(i=0; i<n; i++){
    if( z[i]=='i' || z[i]=='v' || z[i]=='x' ) nLow++;
    else if( z[i]=='I' || z[i]=='V' || z[i]=='X' ) nUp++;
    else return 0;
  }
  return nLow==n || nUp==n;
}

/* Letters separated by single dots: "U.S", "M.D", "p.m", "U.S.A". */
static int is_dotted_acronym(const unsigned char *z, size_t n){
  size_t i;
  if( n<3 || (n&1)==0 ) return 0;
  for(i=0; i<n; i++){
    if( (i&1) ? z[i]!='.' : !is_alpha(z[i]) ) return 0;
  }
  return 1;
}

static int initial_kind(const unsigned char *z, size_t iMin, size_t b);

/* The word before the '.' at z[iDot] does not end in an ASCII letter: a
** list number ("1.") or a non-ASCII capital standing alone ("Ø."), an
** initial; anything else is an ordinary word. */
static int nonletter_kind(const unsigned char *z, size_t iMin, size_t iDot){
  utf8proc_int32_t cp = 0;
  size_t p = iDot;
  if( p>iMin && z[p-1]<0x80 ) return number_kind(z, iMin, iDot);
  while( p>iMin && iDot-p<4 && is_cont(z[p-1]) ) p--;
  if( p==iMin || z[p-1]<0xc0 ) return KIND_PLAIN;
  p--;
  if( utf8proc_iterate(z+p, (utf8proc_ssize_t)(iDot-p), &cp)
        !=(utf8proc_ssize_t)(iDot-p)
   || utf8proc_category(cp)!=UTF8PROC_CATEGORY_LU ){
    return KIND_PLAIN;
  }
  if( p>iMin && (z[p-1]>=0x80 || is_alpha(z[p-1]) || is_digit(z[p-1])) ){
    return KIND_PLAIN;
  }
  return initial_kind(z, iMin, p);
}

/* A capital letter and '.': an initial, unless it follows a lowercase
** word that does not introduce names ("hemophilia B.", "vitamin D."). */
static int initial_kind(const unsigned char *z, size_t iMin, size_t b){
  size_t iWord, nWord;
  if( prev_word(z, iMin, b, 0, &iWord, &nWord) && is_lower(z[iWord])
   && !in_word_list(azNameIntro, COUNT(azNameIntro),
                    (const char*)z+iWord, nWord) ){
    return KIND_PLAIN;
  }
  return KIND_INITIAL;
}

static int case_matches(int eCase, unsigned char cFirst){
  if( eCase==CASE_CAP ) return is_upper(cFirst);
  if( eCase==CASE_LOWER ) return is_lower(cFirst);
  return 1;
}

/* Kind of the word that ends with the single '.' at z[iDot]; the current
** sentence starts at iMin. */
static int dot_kind(const unsigned char *z, size_t iMin, size_t iDot){
  char zLower[MAX_ABBREV+1];
  const ThAbbrev *pEntry;
  size_t b = iDot, m, i;
  while( b>iMin && iDot-b<=MAX_ABBREV && (is_alpha(z[b-1]) || z[b-1]=='.') ){
    b--;
  }
  if( b==iDot ) return nonletter_kind(z, iMin, iDot);
  if( b>iMin && (is_alpha(z[b-1]) || is_digit(z[b-1]) || z[b-1]=='.') ){
    return KIND_PLAIN;          /* too long, or glued to digits: "5mg." */
  }
  while( b<iDot && z[b]=='.' ) b++;
  m = iDot-b;
  if( m==0 || m>MAX_ABBREV ) return KIND_PLAIN;
  if( b==iMin && is_list_label(z+b, m) ) return KIND_LABEL;
  for(i=0; i<m; i++){
    zLower[i] = (char)(is_upper(z[b+i]) ? z[b+i]|0x20 : z[b+i]);
  }
  pEntry = find_abbrev(zLower, m);
  if( pEntry && case_matches(pEntry->eCase, z[b])
   && (pEntry->zPrev==0 || prev_word_is(z, iMin, b, pEntry->zPrev)) ){
    return pEntry->eKind;
  }
  if( m==1 && is_upper(z[b]) ) return initial_kind(z, iMin, b);
  if( is_dotted_acronym(z+b, m) ) return KIND_ACRONYM;
  return KIND_PLAIN;
}

/* Does a stop of kind eKind end the sentence, given the class of the next
** character and whether a single line break lies in between? */
static int decide_after_terminator(int eKind, int eNext, int bOpener,
                                   int bNewline){
  if( bNewline ){
    switch( eKind ){
      case KIND_PLAIN:  return 1;
      case KIND_NEVER:  return 0;
      case KIND_NUMBER: return eNext!=NEXT_DIGIT && starts_block(eNext);
      default:          return starts_block(eNext);
    }
  }
  switch( eKind ){
    case KIND_PLAIN:
      return starts_sentence(eNext) || eNext==NEXT_MIXED;
    case KIND_NUMBER:
      return eNext!=NEXT_DIGIT && starts_sentence(eNext);
    case KIND_CAPITAL:
      return eNext==NEXT_UPPER || eNext==NEXT_QUOTE || eNext==NEXT_BULLET;
    case KIND_ACRONYM:
    case KIND_INITIAL:
      return bOpener || eNext==NEXT_QUOTE || eNext==NEXT_BULLET;
    default:                                      /* NEVER, LABEL */
      return 0;
  }
}

/* ---- the scan ----------------------------------------------------------- */

/* What the main loop does at a byte. */
enum { ACT_SKIP, ACT_STOP, ACT_LINE, ACT_WIDE };

static const unsigned char aByteAction[256] = {
  ['.'] = ACT_STOP, ['!'] = ACT_STOP, ['?'] = ACT_STOP,
  ['\n'] = ACT_LINE, ['\r'] = ACT_LINE, ['\v'] = ACT_LINE, ['\f'] = ACT_LINE,
  [0xe2] = ACT_WIDE,            /* U+2026 '…', U+2028, U+2029 */
};

/* Tests on 8 bytes at once, to skip the plain text between candidates
** quickly.  has_zero_byte() is the classic "determine if a word has a zero
** byte" test; it may report false positives only above a true zero byte,
** and any report just sends the scan to the byte-by-byte loop. */
static const uint64_t ONES  = 0x0101010101010101ULL;
static const uint64_t HIGHS = 0x8080808080808080ULL;

static uint64_t has_zero_byte(uint64_t x){
  return (x - ONES) & ~x & HIGHS;
}

/* True if x may hold one of the bytes aByteAction[] acts on: '.', '!',
** '?', 0xE2, or a control byte below 0x0E ('\n', '\r', '\v', '\f'; a tab
** too, which the byte loop then skips). */
static int word_may_act(uint64_t x){
  return ( has_zero_byte(x ^ (ONES*'.'))
         | has_zero_byte(x ^ (ONES*'!'))
         | has_zero_byte(x ^ (ONES*'?'))
         | has_zero_byte(x ^ (ONES*0xe2))
         | ((x - ONES*0x0e) & ~x & HIGHS) )!=0;
}

/* Index of the first byte at or after z[i] that aByteAction[] acts on,
** or n. */
static size_t skip_plain(const unsigned char *z, size_t i, size_t n){
#if defined(__SSE2__)
  /* 16 bytes at a time: the bytes word_may_act() looks for, each then
  ** checked in aByteAction[] */
  while( n-i>=16 ){
    __m128i v = _mm_loadu_si128((const __m128i*)(z+i));
    __m128i m = _mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('!'))),
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('?')),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8((char)0xe2))));
    unsigned bits;
    m = _mm_or_si128(m, _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x0d)),
                                       v));
    bits = (unsigned)_mm_movemask_epi8(m);
    while( bits ){
      size_t k = i + th_lowest_bit(bits);
      if( aByteAction[z[k]]!=ACT_SKIP ) return k;
      bits &= bits-1;
    }
    i += 16;
  }
#endif
  for(;;){
    size_t e;
    while( n-i>=8 ){
      uint64_t x;
      memcpy(&x, z+i, 8);
      if( word_may_act(x) ) break;
      i += 8;
    }
    e = n-i>=8 ? i+8 : n;
    while( i<e && aByteAction[z[i]]==ACT_SKIP ) i++;
    if( i<e || i>=n ) return i;
  }
}

/* Skips white space from z[i]; returns where it ends and adds the line
** break weights to *pnLine (up to 2). */
static size_t skip_space(const unsigned char *z, size_t i, size_t n,
                         int *pnLine){
  size_t m;
  int w;
  while( i<n ){
    if( z[i]==' ' ){                    /* the common case, without a call */
      i++;
      continue;
    }
    if( (m = space_len(z, i, n, &w))==0 ) break;
    if( *pnLine<2 ) *pnLine += w;
    i += m;
  }
  return i;
}

/* Where a sentence ends and what follows it. */
typedef struct SentEnd {
  size_t iEnd;          /* end of the sentence (exclusive) */
  size_t iAfter;        /* end of the white space after it */
  int nLine;            /* line-break weight of that white space (0..2) */
} SentEnd;

static void set_end(SentEnd *p, size_t iEnd, size_t iAfter, int nLine){
  p->iEnd = iEnd;
  p->iAfter = iAfter;
  p->nLine = nLine;
}

/* At the terminator z[i] of the sentence starting at iSent.  Returns 1 and
** fills *pEnd if the sentence ends after the terminators, else returns 0
** and sets *piNext where the scan goes on. */
static int end_at_terminator(const unsigned char *z, size_t n, size_t iSent,
                             size_t i, SentEnd *pEnd, size_t *piNext){
  size_t j = i, k, m;
  int nLine = 0, eKind, eNext, bOpener = 0;
  for(;;){
    if( j>=n ) break;
    if( z[j]=='.' || z[j]=='!' || z[j]=='?' ){ j++; continue; }
    if( (m = ellipsis_len(z, j, n))>0 ){ j += m; continue; }
    if( (m = closer_len(z, j, n))>0 ){ j += m; continue; }
    if( (m = citation_len(z, j, n))>0 ){ j += m; continue; }
    break;
  }
  if( j>=n ){
    set_end(pEnd, j, n, 0);
    return 1;
  }
  k = skip_space(z, j, n, &nLine);
  if( k==j ){                   /* inside a number, URL, DOI: "2.5", "a.gov" */
    *piNext = j;
    return 0;
  }
  if( k>=n || nLine>=2 ){
    set_end(pEnd, j, k, nLine);
    return 1;
  }
  eNext = next_class(z, k, n);
  if( nLine==0 && (eNext==NEXT_LOWER || eNext==NEXT_OTHER) ){
    *piNext = k;                /* no kind of stop ends before these */
    return 0;
  }
  eKind = (j==i+1 && z[i]=='.') ? dot_kind(z, iSent, i) : KIND_PLAIN;
  if( eKind==KIND_ACRONYM || eKind==KIND_INITIAL ){
    bOpener = is_opener_word(z, k, n);
  }
  if( decide_after_terminator(eKind, eNext, bOpener, nLine==1) ){
    set_end(pEnd, j, k, nLine);
    return 1;
  }
  *piNext = k;
  return 0;
}

/* At the line break z[i] (not after terminal punctuation) of the sentence
** starting at iSent.  Same results as end_at_terminator(). */
static int end_at_line_break(const unsigned char *z, size_t n, size_t iSent,
                             size_t i, SentEnd *pEnd, size_t *piNext){
  int nLine = 0;
  size_t k = skip_space(z, i, n, &nLine);
  size_t e = trim_end(z, iSent, i, n);
  unsigned char cLast = z[e-1];
  if( k>=n || nLine>=2 ){
    set_end(pEnd, e, k, nLine);
    return 1;
  }
  if( k==i || cLast==',' || cLast==';' || cLast=='&' || cLast=='-' ){
    *piNext = k>i ? k : i+1;
    return 0;
  }
  if( starts_block(next_class(z, k, n)) || starts_url(z, k, n) ){
    set_end(pEnd, e, k, nLine);
    return 1;
  }
  *piNext = k;
  return 0;
}

/* Finds the end of the sentence that starts at z[iSent], a byte that is
** not white space. */
static void sentence_end(const unsigned char *z, size_t n, size_t iSent,
                         SentEnd *pEnd){
  size_t i = iSent;
  for(;;){
    int eAct;
    i = skip_plain(z, i, n);
    if( i>=n ) break;
    eAct = aByteAction[z[i]];
    if( eAct==ACT_WIDE ){
      int w = 0;
      if( ellipsis_len(z, i, n) ){
        eAct = ACT_STOP;
      }else if( space_len(z, i, n, &w)>0 && w>0 ){
        eAct = ACT_LINE;
      }else{
        i++;
        continue;
      }
    }
    if( eAct==ACT_STOP ){
      if( end_at_terminator(z, n, iSent, i, pEnd, &i) ) return;
    }else{
      if( end_at_line_break(z, n, iSent, i, pEnd, &i) ) return;
    }
  }
  set_end(pEnd, trim_end(z, iSent, n, n), n, 0);
}

void th_sentence_scan_init(ThSentenceScan *p, const char *z, size_t n){
  p->z = z;
  p->n = z ? n : 0;
  p->iNext = 0;
  p->nLineBefore = 0;
  p->nSentence = 0;
  p->iParagraph = 0;
}

int th_sentence_scan_next(ThSentenceScan *p, size_t *piStart, size_t *pnLen){
  const unsigned char *z = (const unsigned char*)p->z;
  int nLine = p->nLineBefore;
  size_t iStart;
  SentEnd end;
  if( p->iNext>=p->n ) return 0;
  iStart = skip_space(z, p->iNext, p->n, &nLine);
  if( iStart>=p->n ){
    p->iNext = p->n;
    return 0;
  }
  if( p->nSentence==0 ){
    p->iParagraph = 1;
  }else if( nLine>=2 ){
    p->iParagraph++;
  }
  sentence_end(z, p->n, iStart, &end);
  p->iNext = end.iAfter;
  p->nLineBefore = end.nLine;
  p->nSentence++;
  *piStart = iStart;
  *pnLen = end.iEnd - iStart;
  return 1;
}

int th_split_sentences(const char *z, size_t n,
                       int (*xSentence)(void *pCtx, size_t iStart,
                                        size_t nLen),
                       void *pCtx){
  ThSentenceScan scan;
  size_t iStart, nLen;
  th_sentence_scan_init(&scan, z, n);
  while( th_sentence_scan_next(&scan, &iStart, &nLen) ){
    int rc = xSentence(pCtx, iStart, nLen);
    if( rc ) return rc;
  }
  return 0;
}

int th_sentence_tables_check(void){
  size_t i;
  for(i=1; i<COUNT(aAbbrev); i++){
    if( strcmp(aAbbrev[i-1].zWord, aAbbrev[i].zWord)>=0 ) return (int)i+1;
  }
  for(i=1; i<COUNT(azOpener); i++){
    if( strcmp(azOpener[i-1], azOpener[i])>=0 ) return 1000+(int)i+1;
  }
  for(i=1; i<COUNT(azNameIntro); i++){
    if( strcmp(azNameIntro[i-1], azNameIntro[i])>=0 ) return 2000+(int)i+1;
  }
  return 0;
}
