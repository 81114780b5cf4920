/*
** trial_scan.c -- the trials a text reports, and their facts (plain C; API
** in trial_scan.h).  From SQL: extract_trials(text), in trials.c.
**
** Tokens
**
**   Each sentence (sentence_split.h) is cut into tokens: words (letters,
**   digits and non-ASCII letters; a hyphen between two letters stays
**   inside: 'first-in-human', 'B-ALL', 'year-old'), numbers ('52',
**   '1,024', '2.5'; digits followed by letters such as '1b' are numbers
**   with a suffix) and punctuation (all dashes are '-', curly quotes '"').
**   Number words ('nine', 'Sixty-three', 'twenty one') become numbers
**   (number_words.h).  Words get classes from data/trial_words.txt.
**
** Facts of a sentence
**
**   phase       'phase' + 1..4 or I..IV, an optional a/b, optionally '/'
**               or '-' and a second one: 'Phase 1/2', 'phase I/II',
**               'Phase IIb' -> '1/2', '1/2', '2'; 'first-in-human' -> '1'.
**   enrolled    a count, up to three words, and a population noun ('23
**               lymphoma patients', 'nine toddlers', 'a 52-patient
**               study'), 'n = 52', or an enrolment verb right before a
**               count ('enrolled 12').  Ranked: 'n =' or an enrolment word
**               in the sentence > the base of 'X of the Y children' > a
**               bare count.  Not counts: a number after 'about', 'more
**               than' ... (approximate) ranks below all, a percentage, a
**               number glued to letters, a count followed by a word of
**               another kind ('12 genes').
**   responders  'X of (the) Y', 'X out of Y', 'X (83%) of Y', '83% (X of
**               Y)', 'all (of the) X', or a count followed by 'achieved',
**               'had', 'were in' ... and a response; only in a sentence
**               that names a response ('remission', 'complete response',
**               'responded', 'transfusion independence' ...).  'P% of Y'
**               gives round(P*Y/100) of Y; a percentage without its base
**               gives nothing.  Without a response word, 'X of (the) Y'
**               with an outcome after it ('now have a stable level of
**               corrected cells') or a clause of change before 'in X of
**               Y' ('vision improved by three lines in 6 of the 9'), and
**               'Both participants had ...', give responders and the
**               outcome as the response, unless a word of harm ('died',
**               'adverse') is in the sentence.
**   ages        'aged 3 to 11 months', 'ages 19 to 31' (years when no unit
**               is given), '40-65 years' after a population noun or
**               before 'old' / 'of age', 'a 34-year-old man', 'younger
**               than 2', 'over 65', '18 years or older'.  Two units
**               ('6 months to 5 years') are given in the smaller one.
**   cues        a trial word ('trial', 'study', spun 'examination'); a
**               word that marks another trial ('earlier', 'previous',
**               'companion', 'second' ...) within three words before a
**               trial word; a word that points back at the article's own
**               trial ('this', 'the current', 'our', 'new' ...).
**
** From facts to trials
**
**   Sentences are walked in order; 'current' is the trial being described.
**   Sentences without a digit, a number word or a word such as 'phase' are
**   passed over: they give no facts.
**   - Ids in a sentence are grouped: ids of different registries with no
**     trial word or population noun between them are one trial (an NCT
**     number and a EudraCT number); otherwise each id is a trial.  An id
**     already seen names its trial again (a hash map of ids).  A new id
**     names the current trial when that has no id yet and nothing
**     conflicts (the press release that ends 'more about the trial:
**     NCT...'); when the sentence has a population noun the id goes to the
**     id-less trial with that population; a sentence that only says 'also
**     registered as' adds an id of another registry to the current trial.
**     Else the id starts a trial.  Facts of the sentence go to the nearest
**     id's trial.
**   - A sentence with facts and no id goes to the current trial, unless it
**     marks another trial ('an earlier trial') or gives another phase: then
**     the facts go to the trial of that phase, or start one, as a detour
**     after which the current trial stays current.  'this trial' goes back
**     to the first trial.  A trial to come ('plans to start a phase 3
**     trial') gives nothing.  Only the last RECENT_TRIALS trials are looked
**     back at, so a text of thousands of trials is read in linear time.
**   - Trials for two groups (adults, children, infants, teenagers): a
**     trial word with a group ('the paediatric trial') or an enrolment of
**     another group than the current trial's names that group's trial, or
**     starts one; an id with its group in brackets ('NCT... (children)')
**     names it.  A trial word with another enrolment than the current
**     trial's starts a trial; an id after 'The Dravet study' names the
**     id-less trial whose paragraph says 'Dravet'.  Counts that follow a
**     second phase in a sentence are that (earlier) trial's.
**   - A correction note or forward-looking boilerplate gives no facts.
**   - A trial without an id is kept only if it has a count (enrolled or
**     responders) and a cue (trial word, phase, 'n =').  So a text with no
**     trial gives no rows.
**   - Fields of a trial are filled by the first sentence that gives them,
**     except enrolled, which keeps the best-ranked count.
**
** Condition and therapy (th_trials_describe)
**
**   The article's lead (first LEAD_BYTES) is read with the lexicons once;
**   therapy is its kind (the whole text's when the lead is not clear, the
**   trial's sentences' when neither is); condition is the disease the
**   trial's sentences name most often, one the lead also names counting
**   one more (a more specific name wins), else the one of the trial's
**   paragraph, else the lead's; complications
**   (data/trial_complications.txt) only when nothing else is named.
*/
#include <stdint.h>
#include <string.h>
#include <math.h>
#include "trial_scan.h"
#include "bits.h"
#include "trial_ids.h"
#include "sentence_split.h"
#include "number_words.h"
#include "kind.h"

extern const char *const th_data_trial_words[];
extern const char *const th_data_trial_complications[];

/* ---- word classes (data/trial_words.txt) --------------------------------- */

#define W_POP     0x0001
#define W_ENROL   0x0002
#define W_TRIAL   0x0004
#define W_OTHER   0x0008
#define W_THIS    0x0010
#define W_RESP    0x0020
#define W_MOD     0x0040
#define W_RVERB   0x0080
#define W_UNIT    0x0100
#define W_AGED    0x0200
#define W_APPROX  0x0400
#define W_AGEMIN  0x0800
#define W_AGEMAX  0x1000
#define W_STOP    0x2000
#define W_PLAN    0x4000
#define W_NOTPOP  0x8000
#define W_STAT    0x10000
#define W_RANGE   0x20000
#define W_NUM     0x40000
#define W_FACT    0x80000
#define W_HARM    0x100000
#define W_LINK    0x200000
#define W_SEEN    0x400000
#define W_GADULT  0x800000
#define W_GCHILD  0x1000000
#define W_GINFANT 0x2000000
#define W_GTEEN   0x4000000
#define W_VOID    0x8000000
#define W_CHANGE  0x10000000

static const struct {
  const char *zName;
  size_t nName;
  unsigned int mask;
} aClassName[] = {
  {"pop", 3, W_POP}, {"enrol", 5, W_ENROL}, {"trial", 5, W_TRIAL}, {"other", 5, W_OTHER},
  {"this", 4, W_THIS}, {"resp", 4, W_RESP}, {"mod", 3, W_MOD}, {"rverb", 5, W_RVERB},
  {"unit", 4, W_UNIT}, {"aged", 4, W_AGED}, {"approx", 6, W_APPROX},
  {"agemin", 6, W_AGEMIN}, {"agemax", 6, W_AGEMAX}, {"stop", 4, W_STOP},
  {"plan", 4, W_PLAN}, {"notpop", 6, W_NOTPOP}, {"stat", 4, W_STAT},
  {"range", 5, W_RANGE}, {"num", 3, W_NUM}, {"fact", 4, W_FACT},
  {"harm", 4, W_HARM}, {"link", 4, W_LINK}, {"seen", 4, W_SEEN},
  {"gadult", 6, W_GADULT}, {"gchild", 6, W_GCHILD},
  {"ginfant", 7, W_GINFANT}, {"gteen", 5, W_GTEEN}, {"void", 4, W_VOID},
  {"change", 6, W_CHANGE},
};

/* The classes named by "a,b,c" (up to the end of the string). */
static unsigned int class_mask(const char *z){
  unsigned int m = 0;
  while( *z ){
    size_t n = 0, k;
    while( z[n] && z[n]!=',' ) n++;
    for(k=0; k<sizeof(aClassName)/sizeof(aClassName[0]); k++){
      if( aClassName[k].nName==n && memcmp(aClassName[k].zName, z, n)==0 ){
        m |= aClassName[k].mask;
      }
    }
    z += n;
    if( *z==',' ) z++;
  }
  return m;
}

/* The words of data/trial_words.txt in a hash table (open addressing),
** built once per connection by th_trial_words_new().  A word is looked up
** by its key: its lower-case bytes, zero-padded to KEY_BYTES, read as
** three 64-bit numbers, so that hashing and comparing cost the same for
** every word.  A word lies in one of the two slots of the bucket its
** hash names; the table is built with a hash multiplier under which no
** bucket gets three words, so that a lookup reads two slots and takes no
** branch that depends on the word.  A slot holds the number of the word
** in aWord[] (0: none, aWord[0] being all zero), so that the buckets (8
** KB) and the words stay in the fastest cache. */
#define WORDS_BUCKET_BITS 11  /* 2048 buckets, some five times the words */
#define WORDS_BUCKETS (1<<WORDS_BUCKET_BITS)
#define WORDS_CAPACITY 1023        /* words of data/trial_words.txt at most */
#define WORD_MAX  23          /* longer words get no class (the longest of
                              ** data/trial_words.txt has 23 bytes) */
#define KEY_BYTES 24          /* WORD_MAX and a terminating zero */

#define FACT_PREFIX_BITS 4096

typedef struct WordKey { uint64_t a[3]; } WordKey;

typedef struct WordSlot {
  WordKey key;                /* the word */
  unsigned int mask;          /* W_*; 0 for an empty slot */
} WordSlot;

struct ThTrialWords {
  uint64_t mult;              /* the hash multiplier (odd) */
  unsigned short aBucket[WORDS_BUCKETS][2];  /* numbers in aWord[] */
  WordSlot aWord[WORDS_CAPACITY+1];  /* the words, from aWord[1] */
  int nWord;
  unsigned char aFactStart[256];  /* first bytes (either case) of the words
                                  ** of class num or fact */
  uint64_t aFactPrefix[FACT_PREFIX_BITS/64];  /* bit prefix_hash() of the
                                  ** first 4 bytes of each of them */
};

/* The key of the n<=WORD_MAX bytes of lower-case word w. */
static WordKey word_key(const char *w, size_t n){
  char z[KEY_BYTES];
  WordKey k;
  memset(z, 0, sizeof(z));
  memcpy(z, w, n);
  memcpy(k.a, z, sizeof(k.a));
  return k;
}

/* The bucket of key k: the top bits of a multiplicative hash, which
** depend on every byte of the key. */
static unsigned int key_bucket(const WordKey *k, uint64_t mult){
  uint64_t x = k->a[0]
             ^ k->a[1]*0xC2B2AE3D27D4EB4Full ^ k->a[2]*0x165667B19E3779F9ull;
  return (unsigned int)((x*mult) >> (64-WORDS_BUCKET_BITS));
}

static int key_equal(const WordKey *x, const WordKey *y){
  return ((x->a[0]^y->a[0]) | (x->a[1]^y->a[1]) | (x->a[2]^y->a[2]))==0;
}

/* A hash of the first min(n,4) bytes at z, lower case (ASCII letters and
** digits only; z[0..4) must be readable), in 0..FACT_PREFIX_BITS-1: the
** words of class num and fact set their bits, so a word whose bit is
** clear is none of them, nor one of them joined to more ('sixty-three'). */
static unsigned int prefix_hash(const unsigned char *z, size_t n){
  unsigned nDrop = (unsigned)(8*(n<4)*(4-n));      /* bits after them */
  uint32_t x;
  memcpy(&x, z, 4);
  x |= 0x20202020u;
  x &= th_little_endian() ? (uint32_t)(0xFFFFFFFFull >> nDrop)
                          : (uint32_t)(0xFFFFFFFFull << nDrop);
  return (x*0x9E3779B1u) >> (32-12);
}

/* Fills p->a with the words of data/trial_words.txt under multiplier
** mult; 0 if a bucket would get a third word. */
static int words_fill(ThTrialWords *p, uint64_t mult){
  int i;
  memset(p->aBucket, 0, sizeof(p->aBucket));
  memset(p->aWord, 0, sizeof(p->aWord));
  p->nWord = 0;
  p->mult = mult;
  for(i=0; th_data_trial_words[i]; i++){
    const char *zLine = th_data_trial_words[i];
    size_t n = strcspn(zLine, "\t");
    unsigned int h, mask;
    unsigned short *pSlot;
    WordKey k;
    if( n==0 || n>WORD_MAX || zLine[n]!='\t' ) continue;
    mask = class_mask(zLine+n+1);
    if( mask==0 ) continue;
    k = word_key(zLine, n);
    h = key_bucket(&k, mult);
    pSlot = &p->aBucket[h][p->aBucket[h][0]!=0];
    if( *pSlot || p->nWord==WORDS_CAPACITY ) return 0;
    p->nWord++;
    p->aWord[p->nWord].key = k;
    p->aWord[p->nWord].mask = mask;
    *pSlot = (unsigned short)p->nWord;
  }
  return 1;
}

int th_trial_words_new(ThTrialWords **pp){
  ThTrialWords *p = sqlite3_malloc64(sizeof(*p));
  uint64_t mult = 0x9E3779B97F4A7C15ull;
  int i, nTry;
  *pp = 0;
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  for(nTry=0; !words_fill(p, mult); nTry++){
    if( nTry==1000 ){ sqlite3_free(p); return SQLITE_INTERNAL; }
    mult += 0x3C6EF372FE94F82Aull;           /* stays odd */
  }
  for(i=0; th_data_trial_words[i]; i++){
    const char *zLine = th_data_trial_words[i];
    unsigned char c = (unsigned char)zLine[0];
    size_t n = strcspn(zLine, "\t");
    if( zLine[n]=='\t' && (class_mask(zLine+n+1) & (W_NUM|W_FACT)) ){
      char zPad[8] = { 0 };
      unsigned int h;
      p->aFactStart[c] = 1;
      if( c>='a' && c<='z' ) p->aFactStart[c-32] = 1;
      memcpy(zPad, zLine, n<4 ? n : 4);
      h = prefix_hash((const unsigned char*)zPad, n<4 ? n : 4);
      p->aFactPrefix[h/64] |= (uint64_t)1 << (h%64);
    }
  }
  *pp = p;
  return SQLITE_OK;
}

void th_trial_words_free(ThTrialWords *p){
  sqlite3_free(p);
}

/* The classes of the word whose key is k, 0 if it has none: the mask of
** whichever slot of its bucket holds it. */
static inline unsigned int key_classes(const ThTrialWords *p,
                                       const WordKey *k){
  const unsigned short *b = p->aBucket[key_bucket(k, p->mult)];
  const WordSlot *s0 = &p->aWord[b[0]], *s1 = &p->aWord[b[1]];
  return (s0->mask & (0u - (unsigned)key_equal(&s0->key, k)))
       | (s1->mask & (0u - (unsigned)key_equal(&s1->key, k)));
}

/* The classes of lower-case word w[0..n), 0 if it has none. */
static unsigned int word_classes(const ThTrialWords *p, const char *w,
                                 size_t n){
  WordKey k;
  if( n==0 || n>WORD_MAX ) return 0;
  k = word_key(w, n);
  return key_classes(p, &k);
}

/* ---- tokens -------------------------------------------------------------- */

#define TK_WORD   1
#define TK_NUM    2
#define TK_PUNCT  3

typedef struct Tok {
  size_t i;                   /* first byte in the text */
  unsigned int n;             /* bytes */
  unsigned int mClass;        /* TK_WORD: W_*; 0 for other tokens */
  double v;                   /* TK_NUM: the value */
  unsigned char eType;        /* TK_* */
  char c;                     /* TK_PUNCT: the character ('-' any dash);
                              ** 0 in other tokens */
  unsigned char bSpace;       /* white space before it */
  unsigned char bCap;         /* TK_WORD: starts with a capital A-Z */
  unsigned char bInteger;     /* TK_NUM: a whole number */
  unsigned char bSuffix;      /* TK_NUM: letters glued after ('1b') */
  char cSuffix;               /* the first of them, lower case */
  unsigned char bNumWord;     /* TK_NUM: written in words ('nine') */
  char zLower[KEY_BYTES];     /* TK_WORD: lower case, zero-padded ("" if
                              ** longer than WORD_MAX) */
} Tok;

static int is_digit(unsigned char c){ return c>='0' && c<='9'; }
static int is_alpha(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z');
}

/* Length of white space at z[i] (ASCII, NBSP, U+2000..U+200A, U+202F), or
** 0. */
static size_t space_len(const unsigned char *z, size_t n, size_t i){
  unsigned char c = z[i];
  if( c>' ' && c!=0xC2 && c!=0xE2 ) return 0;
  if( c==' ' || c=='\t' || c=='\n' || c=='\r' || c=='\f' || c=='\v' ){
    return 1;
  }
  if( c==0xC2 && i+1<n && z[i+1]==0xA0 ) return 2;
  if( c==0xE2 && i+2<n && z[i+1]==0x80
   && ((z[i+2]>=0x80 && z[i+2]<=0x8A) || z[i+2]==0xAF) ){
    return 3;
  }
  return 0;
}

/* Length of a punctuation character at z[i] that is not ASCII (dashes,
** quotes, minus, comparison signs), with its ASCII stand-in in *pc; or 0. */
static size_t uni_punct_len(const unsigned char *z, size_t n, size_t i,
                            char *pc){
  if( z[i]!=0xE2 || i+2>=n ) return 0;
  if( z[i+1]==0x80 ){
    unsigned char c = z[i+2];
    if( c>=0x90 && c<=0x95 ){ *pc = '-'; return 3; }
    if( c>=0x98 && c<=0x9F ){ *pc = '"'; return 3; }
    if( c==0xA6 ){ *pc = '.'; return 3; }
  }else if( z[i+1]==0x88 && z[i+2]==0x92 ){
    *pc = '-'; return 3;
  }else if( z[i+1]==0x89 && (z[i+2]==0xA4 || z[i+2]==0xA5) ){
    *pc = z[i+2]==0xA4 ? '<' : '>'; return 3;
  }
  return 0;
}

/* True if z[i] may continue a word (an ASCII letter or digit, or a byte
** of a non-ASCII character that is not punctuation). */
static int word_byte(const unsigned char *z, size_t n, size_t i){
  char c;
  if( is_alpha(z[i]) || is_digit(z[i]) ) return 1;
  if( z[i]<0x80 ) return 0;
  return space_len(z, n, i)==0 && uni_punct_len(z, n, i, &c)==0;
}

/* A number in digits at z[i]: its end, value and whether it is whole.
** Groups of three after ',' and a decimal part after '.' are read. */
static size_t digits_read(const unsigned char *z, size_t n, size_t i,
                          double *pv, int *pbInteger){
  double v = 0;
  int bInteger = 1;
  while( i<n && is_digit(z[i]) ) v = v*10 + (z[i++] - '0');
  while( i+3<n && z[i]==',' && is_digit(z[i+1]) && is_digit(z[i+2])
      && is_digit(z[i+3]) && (i+4>=n || !is_digit(z[i+4])) ){
    v = v*1000 + (z[i+1]-'0')*100 + (z[i+2]-'0')*10 + (z[i+3]-'0');
    i += 4;
  }
  if( i+1<n && z[i]=='.' && is_digit(z[i+1]) ){
    double f = 0.1;
    i++;
    bInteger = 0;
    while( i<n && is_digit(z[i]) ){ v += f*(z[i++]-'0'); f /= 10; }
  }
  *pv = v;
  *pbInteger = bInteger;
  return i;
}

/* True if word token t is or starts a number word ('nine',
** 'sixty-three'): its class, or that of its part before a hyphen. */
static int number_word(const ThTrialWords *pWords, const Tok *t){
  const char *zHyphen;
  if( t->mClass & W_NUM ) return 1;
  zHyphen = t->zLower[0] ? memchr(t->zLower, '-', t->n) : 0;
  return zHyphen
      && (word_classes(pWords, t->zLower, (size_t)(zHyphen - t->zLower))
          & W_NUM)!=0;
}

/* Per byte: its lower case for an ASCII letter or digit, 0 for other
** ASCII bytes, 0x80 for bytes of non-ASCII characters (word_byte() says
** whether the character is a letter). */
static const unsigned char aWordByte[256] = {
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  '0','1','2','3','4','5','6','7','8','9',0,0,0,0,0,0,
  0,'a','b','c','d','e','f','g','h','i','j','k','l','m','n','o',
  'p','q','r','s','t','u','v','w','x','y','z',0,0,0,0,0,
  0,'a','b','c','d','e','f','g','h','i','j','k','l','m','n','o',
  'p','q','r','s','t','u','v','w','x','y','z',0,0,0,0,0,
  0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,
  0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,
  0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,
  0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,
  0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,
  0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,
  0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,
  0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,0x80,
};

/* True if a hyphen or apostrophe at z[i] joins two parts of a word. */
static int word_joint(const unsigned char *z, size_t i, size_t e){
  return i+1<e && (z[i]=='-' || z[i]=='\'') && is_alpha(z[i+1])
      && is_alpha(z[i-1]);
}

/* The end of the word at z[i..e): letters, digits and non-ASCII letters,
** and the hyphens and apostrophes that join them. */
static size_t word_end(const unsigned char *z, size_t i, size_t e){
  for(;;){
    while( i<e && aWordByte[z[i]]!=0
        && (aWordByte[z[i]]!=0x80 || word_byte(z, e, i)) ){
      i++;
    }
    if( !word_joint(z, i, e) ) return i;
    i++;
  }
}

/* The length of the word at z[i] when it is only ASCII letters and
** digits, shorter than 16 bytes and ends before e at a byte that cannot
** join it to more (not '-', '\'' or a non-ASCII byte); else 0, and the
** caller reads it byte by byte.  z[i..i+16) must lie in the text. */
static inline size_t short_word_len(const unsigned char *z, size_t i,
                                    size_t e){
#if defined(__SSE2__)
  size_t n = th_lowest_bit(~th_alnum_bits16(z+i) | 0x10000u);
  if( n==0 || n==16 || i+n>e ) return 0;
  if( i+n<e && (z[i+n]>=0x80 || z[i+n]=='-' || z[i+n]=='\'') ) return 0;
  return n;
#else
  (void)z; (void)i; (void)e;
  return 0;
#endif
}

/* The n<16 ASCII letters and digits at z (z[0..16) readable), lower case
** and zero-padded, into zLower[0..16).  ORing 0x20 lower-cases A-Z and
** leaves 0-9 as they are. */
static void short_word_lower(const unsigned char *z, size_t n, char *zLower){
  const uint64_t LOWER = 0x2020202020202020ull;
  uint64_t a[2];
  memcpy(a, z, 16);
  a[0] |= LOWER;
  a[1] |= LOWER;
  if( th_little_endian() ){
    size_t n0 = n<8 ? n : 8, n1 = n - n0;    /* bytes of a[0], of a[1] */
    a[0] &= ~(uint64_t)0 >> (8*(8-n0));
    a[1] &= ((uint64_t)1 << (8*n1)) - 1;
    memcpy(zLower, a, 16);
  }else{
    memcpy(zLower, a, n);
    memset(zLower+n, 0, 16-n);
  }
}

/* Reads the word at z[i..e) byte by byte into t->zLower (its first
** WORD_MAX bytes): letters, digits and non-ASCII letters, and the hyphens
** and apostrophes that join them.  Returns its end; its length in *pn,
** and in *pbHyphen whether a hyphen joins two of its parts. */
static size_t word_read_bytes(const unsigned char *z, size_t i, size_t e,
                              Tok *t, size_t *pn, int *pbHyphen){
  size_t k = 0;
  for(;;){
    while( i<e ){
      unsigned char c = aWordByte[z[i]];
      if( c==0 ) break;                       /* ASCII, not in a word */
      if( c==0x80 ){                          /* not ASCII */
        if( !word_byte(z, e, i) ) break;
        c = z[i];
      }
      if( k<WORD_MAX ) t->zLower[k] = (char)c;
      k++;
      i++;
    }
    if( !word_joint(z, i, e) ) break;
    if( k<WORD_MAX ) t->zLower[k] = (char)z[i];
    *pbHyphen |= z[i]=='-';
    k++;
    i++;
  }
  *pn = k;
  return i;
}

/* Reads the word at z[i..e) into token t, whose zLower is all zero: its
** end, its lower-case copy, its classes, and its value when it is a number
** word.  Returns the end.  nText: the length of the whole text. */
static size_t word_read(const ThTrialWords *pWords, const unsigned char *z,
                        size_t nText, size_t i, size_t e, Tok *t){
  size_t k = 0;
  int bHyphen = 0;
  WordKey key;
  t->eType = TK_WORD;
  t->bCap = z[i]>='A' && z[i]<='Z';
  if( i+16<=nText ) k = short_word_len(z, i, e);
  if( k>0 ){
    short_word_lower(z+i, k, t->zLower);
    i += k;
  }else{
    i = word_read_bytes(z, i, e, t, &k, &bHyphen);
  }
  t->n = (unsigned int)k;
  if( k>WORD_MAX ){
    t->zLower[0] = 0;
    return i;
  }
  memcpy(key.a, t->zLower, sizeof(key.a));
  t->mClass = key_classes(pWords, &key);
  if( (t->mClass & W_NUM) || (bHyphen && number_word(pWords, t)) ){
    double v;
    int bInteger;
    if( th_parse_number((const char*)z + t->i, t->n, &v, &bInteger)
     && bInteger ){
      t->eType = TK_NUM;
      t->mClass = 0;
      t->v = v;
      t->bInteger = 1;
      t->bNumWord = 1;
    }
  }
  return i;
}

/* The tokens of z[i..e) into a[0..nMax); returns how many, and in *piEnd
** where it stopped (e, or earlier when a is full). */
static int tokenize(const ThTrialWords *pWords, const char *zText,
                    size_t nText, size_t i, size_t e, Tok *a, int nMax,
                    size_t *piEnd){
  const unsigned char *z = (const unsigned char*)zText;
  int nTok = 0, bSpace = 1;
  while( i<e && nTok<nMax ){
    int bBlank = z[i]==' ';           /* one space, passed without a branch */
    size_t s;
    char c;
    Tok *t;
    i += bBlank;
    bSpace |= bBlank;
    if( i>=e ) break;
    if( (z[i]<=' ' || z[i]>=0xC2) && (s = space_len(z, nText, i))>0 ){
      i += s;                         /* more white space */
      bSpace = 1;
      continue;
    }
    t = &a[nTok++];
    memset(t, 0, sizeof(*t));
    t->i = i;
    t->bSpace = bSpace;
    bSpace = 0;
    if( is_digit(z[i]) ){
      int bInteger;
      t->eType = TK_NUM;
      i = digits_read(z, e, i, &t->v, &bInteger);
      t->bInteger = (unsigned char)bInteger;
      if( i<e && word_byte(z, e, i) ){
        t->bSuffix = 1;
        t->cSuffix = (char)(z[i]>='A' && z[i]<='Z' ? z[i]+32 : z[i]);
        while( i<e && word_byte(z, e, i) ) i++;
      }
      t->n = i - t->i;
    }else if( is_alpha(z[i]) || word_byte(z, e, i) ){
      i = word_read(pWords, z, nText, i, e, t);
    }else{
      size_t m = uni_punct_len(z, e, i, &c);
      t->eType = TK_PUNCT;
      if( m ){
        t->c = c;
        t->n = m;
      }else{
        t->c = z[i]<0x80 ? (char)z[i] : '?';
        t->n = 1;
        /* the rest of a non-ASCII character */
        while( z[i]>=0x80 && t->n<4 && i+t->n<e
            && (z[i+t->n]&0xC0)==0x80 ){
          t->n++;
        }
      }
      i += t->n;
    }
  }
  *piEnd = i;
  return nTok;
}

/* Joins number words separated by a space ("twenty one") into one token
** when number_words.h reads them as one number. */
static int join_number_words(const char *z, Tok *a, int nTok){
  int i, o = 0;
  for(i=0; i<nTok; i++){
    Tok *t = &a[i];
    if( o>0 && t->bNumWord && a[o-1].bNumWord && t->bSpace ){
      /* two number words (bNumWord: a TK_NUM without a suffix) */
      double v;
      int bInteger;
      size_t iStart = a[o-1].i, nLen = t->i + t->n - a[o-1].i;
      if( th_parse_number(z + iStart, nLen, &v, &bInteger) && bInteger ){
        a[o-1].n = nLen;
        a[o-1].v = v;
        continue;
      }
    }
    if( o!=i ) a[o] = *t;
    o++;
  }
  return o;
}

/* ---- small token tests --------------------------------------------------- */

/* The n<8 bytes at z as the low bytes of a number, as a little-endian
** load of them and zero bytes after would give. */
static inline uint64_t low_bytes(const char *z, size_t n){
  const unsigned char *u = (const unsigned char*)z;
  uint64_t k = 0;
  switch( n ){
    case 7: k |= (uint64_t)u[6] << 48;  /* fall through */
    case 6: k |= (uint64_t)u[5] << 40;  /* fall through */
    case 5: k |= (uint64_t)u[4] << 32;  /* fall through */
    case 4: k |= (uint64_t)u[3] << 24;  /* fall through */
    case 3: k |= (uint64_t)u[2] << 16;  /* fall through */
    case 2: k |= (uint64_t)u[1] << 8;   /* fall through */
    case 1: k |= (uint64_t)u[0];
  }
  return k;
}

/* True if t is the word zLower (lower case).  t->zLower is zero-padded
** (all zero for a token that is not a word, and starting with a zero for
** a word too long to keep), so comparing it with zLower and its
** terminating zero is the whole test.  Inlined with a literal of under
** 8 letters, that is one compare of 8 bytes with a constant. */
static inline int tok_word(const Tok *t, const char *zLower){
  size_t n = strlen(zLower);
  if( n<8 && th_little_endian() ){
    uint64_t w;
    memcpy(&w, t->zLower, 8);
    return w==low_bytes(zLower, n);
  }
  return memcmp(t->zLower, zLower, n+1)==0;
}
static int tok_class(const Tok *t, unsigned int mask){
  return (t->mClass & mask)!=0;             /* only words have classes */
}
static int tok_punct(const Tok *t, char c){
  return t->c==c;                   /* c is 0 in tokens other than TK_PUNCT */
}
/* A whole number that may count people: no suffix, 1 .. 10 000 000. */
static int tok_count(const Tok *t){
  return t->eType==TK_NUM && t->bInteger && !t->bSuffix
      && t->v>=1 && t->v<=1e7;
}

/* ---- the facts of one sentence ------------------------------------------- */

/* Ranks of a count of participants: higher is surer. */
#define RANK_NONE    0
#define RANK_APPROX  1    /* 'about 500 patients' */
#define RANK_BARE    2    /* '23 lymphoma patients' */
#define RANK_BASE    3    /* the Y of 'X of the Y children' */
#define RANK_ENROL   4    /* an enrolment word in the sentence */
#define RANK_N       5    /* 'n = 52' */

typedef struct Facts {
  const char *zPhase;         /* phase or NULL */
  size_t iPhase;
  sqlite3_int64 nEnrolled;    /* best count, with its rank and noun */
  int iRank;
  ThSpan pop;
  size_t iEnrol;
  sqlite3_int64 nResp, nBase; /* responders of base (-1: unknown) */
  ThSpan resp;
  size_t iResp;
  int bResp;                  /* responders found */
  int nRespDist;              /* tokens from them to the response */
  int iRespHead;              /* the token of the response's head */
  double ageMin, ageMax;
  int bAgeMin, bAgeMax;
  const char *zAgeUnit;
  size_t iAge;
  int bTrial;                 /* a trial word, a phase or 'n =' */
  int bTrialWord;             /* a trial word */
  int bPhaseShared;           /* the phase is of several trials: 'its two
                              ** ongoing Phase 1/2 trials' */
  int bOther;                 /* 'an earlier trial' */
  int bThis;                  /* 'this trial' */
  int bPlan;                  /* 'plans to start a phase 3 trial' */
  int bAlso;                  /* 'also' */
  int bRespWord;              /* a response word in the sentence */
  int bHarm;                  /* a word of an adverse outcome */
  int iGroup;                 /* the group named with a trial word
                              ** ('the paediatric trial'), 0 if none */
  int iPopGroup;              /* the group of the count's noun, or 0 */
  ThSpan anyPop;              /* the first population noun */
} Facts;

/* Phases as reported. */
static const char *const azPhase[] = { "0", "1", "2", "3", "4" };
static const char *const azPhasePair[] = { "0/1", "1/2", "2/3", "3/4" };

/* One phase number at a[i]: 0..4 (with an optional a/b), or I..IV; -1. */
static int phase_number(const Tok *t){
  static const char *const azRoman[] = { "i", "ii", "iii", "iv" };
  int k;
  if( t->eType==TK_NUM ){
    if( !t->bInteger || t->v<0 || t->v>4 ) return -1;
    if( t->bSuffix && (t->n!=2 || (t->cSuffix!='a' && t->cSuffix!='b')) ){
      return -1;
    }
    return (int)t->v;
  }
  if( t->eType!=TK_WORD || !t->bCap ) return -1;   /* 'I', not 'i' */
  for(k=0; k<4; k++){
    size_t m = strlen(azRoman[k]);
    if( strncmp(t->zLower, azRoman[k], m)==0
     && (t->zLower[m]==0
         || ((t->zLower[m]=='a' || t->zLower[m]=='b') && t->zLower[m+1]==0)) ){
      return k+1;
    }
  }
  return -1;
}

/* The phase written after a[i] = 'phase', or NULL. */
static const char *phase_after(const Tok *a, int nTok, int i){
  int j = i+1, p1, p2;
  if( j<nTok && tok_punct(&a[j], '-') && !a[j].bSpace ) j++;
  if( j>=nTok || (p1 = phase_number(&a[j]))<0 ) return 0;
  j++;
  if( j+1<nTok && (tok_punct(&a[j], '/') || tok_punct(&a[j], '-'))
   && (p2 = phase_number(&a[j+1]))==p1+1 ){
    return azPhasePair[p1];
  }
  if( j<nTok && (tok_word(&a[j], "dose") || tok_word(&a[j], "doses")) ){
    return 0;                   /* 'the recommended phase 2 dose' */
  }
  return azPhase[p1];
}

/* True if t is 'year-old', 'months-old' ... */
static int age_old_word(const Tok *t){
  static const char *const az[] = {
    "year-old", "years-old", "month-old", "months-old", "week-old",
    "weeks-old", "day-old", "days-old",
  };
  size_t k;
  for(k=0; k<sizeof(az)/sizeof(az[0]); k++){
    if( tok_word(t, az[k]) ) return 1;
  }
  return 0;
}

/* The unit named by a unit word. */
static const char *unit_name(const Tok *t){
  switch( t->zLower[0] ){
    case 'y': return "years";
    case 'm': return "months";
    case 'w': return "weeks";
    default:  return "days";
  }
}

/* Factor from a unit to the next smaller one used ('years' -> 'months'). */
static int unit_rank(const char *zUnit){
  if( zUnit[0]=='y' ) return 3;
  if( zUnit[0]=='m' ) return 2;
  if( zUnit[0]=='w' ) return 1;
  return 0;
}
static double unit_convert(double v, const char *zFrom, const char *zTo){
  static const double aDays[] = { 1, 7, 365.25/12, 365.25 };
  double d = v * aDays[unit_rank(zFrom)] / aDays[unit_rank(zTo)];
  return floor(d*10 + 0.5)/10;
}

/* A population noun in a[i-3..i), the tokens before i. */
static int pop_before(const Tok *a, int i){
  int k;
  for(k=i-1; k>=0 && k>=i-3; k--){
    if( tok_class(&a[k], W_POP) ) return 1;
  }
  return 0;
}

static void age_set(Facts *f, int bMin, double vMin, int bMax, double vMax,
                    const char *zUnit, size_t iAt){
  if( f->bAgeMin || f->bAgeMax ) return;
  f->bAgeMin = bMin;
  f->ageMin = vMin;
  f->bAgeMax = bMax;
  f->ageMax = vMax;
  f->zAgeUnit = zUnit;
  f->iAge = iAt;
}

/* True if an age word ('age', 'aged') is among the 8 tokens before a[i]. */
static int aged_before(const Tok *a, int i){
  int k;
  for(k=i-1; k>=0 && k>=i-8; k--){
    if( tok_class(&a[k], W_AGED) ) return 1;
  }
  return 0;
}

/* An age at a[i] (a number): a '34-year-old', a range, a bound.  Returns
** 1 if the number was read as an age. */
static int age_at(const Tok *a, int nTok, int i, Facts *f){
  const Tok *t = &a[i];
  int bAged = (i>0 && tok_class(&a[i-1], W_AGED))
           || (i>1 && tok_class(&a[i-2], W_AGED)
               && (tok_word(&a[i-1], "between") || tok_word(&a[i-1], "from")))
           || (i>1 && tok_word(&a[i-2], "ages")    /* 'the ages of 4 and 17' */
               && tok_word(&a[i-1], "of"))
           || (i>0 && tok_class(&a[i-1], W_RANGE) && aged_before(a, i-1));
  int j = i+1;
  const char *zU1 = 0, *zU2 = 0;
  if( t->bSuffix || t->v>130 ) return 0;
  if( i>1 && tok_class(&a[i-1], W_AGED) && tok_class(&a[i-2], W_STAT) ){
    return 1;                   /* 'median age 14': not one participant */
  }
  /* a 34-year-old, 34 years old */
  if( j+1<nTok && tok_punct(&a[j], '-') && a[j+1].eType==TK_WORD
   && age_old_word(&a[j+1]) ){
    const char *zU = unit_name(&a[j+1]);
    if( f->bAgeMin && f->bAgeMax && f->zAgeUnit==zU ){
      if( t->v < f->ageMin ) f->ageMin = t->v;
      if( t->v > f->ageMax ) f->ageMax = t->v;
    }else{
      age_set(f, 1, t->v, 1, t->v, zU, t->i);
    }
    return 1;
  }
  if( j<nTok && tok_class(&a[j], W_UNIT) ){ zU1 = unit_name(&a[j]); j++; }
  /* a range */
  if( j+1<nTok && (tok_punct(&a[j], '-') || tok_word(&a[j], "to")
                   || (tok_word(&a[j], "and") && bAged))
   && a[j+1].eType==TK_NUM && !a[j+1].bSuffix && a[j+1].v<=130 ){
    int k = j+2, bOld;
    if( k<nTok && tok_class(&a[k], W_UNIT) ){ zU2 = unit_name(&a[k]); k++; }
    bOld = k<nTok && (tok_word(&a[k], "old")
                      || (tok_word(&a[k], "of") && k+1<nTok
                          && tok_word(&a[k+1], "age")));
    if( bAged || bOld || (zU2 && pop_before(a, i)) ){
      const char *zUnit = zU2 ? zU2 : (zU1 ? zU1 : "years");
      double v1 = t->v, v2 = a[j+1].v;
      if( zU1 && zU2 && zU1!=zU2 ){
        zUnit = unit_rank(zU1)<unit_rank(zU2) ? zU1 : zU2;
        v1 = unit_convert(v1, zU1, zUnit);
        v2 = unit_convert(v2, zU2, zUnit);
      }
      if( v2<v1 ) return 0;
      age_set(f, 1, v1, 1, v2, zUnit, t->i);
      return 1;
    }
    return 0;
  }
  /* '18 years or older', '18 years of age and older' */
  if( zU1 ){
    int k = j;
    if( k+1<nTok && tok_word(&a[k], "of") && tok_word(&a[k+1], "age") ) k += 2;
    if( k+1<nTok && (tok_word(&a[k], "or") || tok_word(&a[k], "and"))
     && tok_class(&a[k+1], W_AGEMIN|W_AGEMAX) ){
      int bMin = (a[k+1].mClass & W_AGEMIN)!=0;
      age_set(f, bMin, t->v, !bMin, t->v, zU1, t->i);
      return 1;
    }
  }
  /* bounds before: 'younger than 2', 'over 65', 'at least 18', '>= 18' */
  {
    int k = i-1, bMin = -1;
    if( k>=0 && tok_word(&a[k], "than") && k>0
     && tok_class(&a[k-1], W_AGEMIN|W_AGEMAX) ){
      bMin = (a[k-1].mClass & W_AGEMIN)!=0;
      k--;
    }else if( k>0 && tok_word(&a[k], "least") && tok_word(&a[k-1], "at") ){
      bMin = 1;
      k--;
    }else if( k>=0 && (tok_class(&a[k], W_AGEMIN|W_AGEMAX)) ){
      bMin = (a[k].mClass & W_AGEMIN)!=0;
    }else if( k>=0 && (tok_punct(&a[k], '>') || tok_punct(&a[k], '<')) ){
      bMin = tok_punct(&a[k], '>');
    }
    if( bMin>=0 && !(j<nTok && tok_class(&a[j], W_POP))
     && (bAged || pop_before(a, k) || aged_before(a, k+1)) ){
      age_set(f, bMin, t->v, !bMin, t->v, zU1 ? zU1 : "years", t->i);
      return 1;
    }
  }
  if( bAged ){
    age_set(f, 1, t->v, 1, t->v, zU1 ? zU1 : "years", t->i);
    return 1;
  }
  return 0;
}

/* The response named nearest after (else before) a[i]: its span, from
** the first qualifying word ('complete') to the head ('remission'), and
** in *pnDist how many tokens away its head is, in *piHead where.  What
** follows 'including' is a part ('including 3 complete responses'). */
static int response_near(const Tok *a, int nTok, int i, ThSpan *pSpan,
                         int *pnDist, int *piHead){
  int k, h = -1, s;
  for(k=i; k<nTok && !tok_word(&a[k], "including"); k++){
    if( tok_class(&a[k], W_RESP) ){ h = k; break; }
  }
  for(k=i-1; h<0 && k>=0; k--){
    if( tok_class(&a[k], W_RESP) ) h = k;
  }
  if( h<0 ) return 0;
  *pnDist = h>i ? h-i : i-h + nTok;    /* a response before counts less */
  *piHead = h;
  s = h;
  while( s>0 && tok_class(&a[s-1], W_MOD) ) s--;
  pSpan->iStart = a[s].i;
  pSpan->nLen = a[h].i + a[h].n - a[s].i;
  return 1;
}

/* Responders v of vBase (-1: unknown) counted at a[iFrom]: kept when the
** sentence names a response.  Of two counts of one response ('seven of
** the nine ... and six are in remission') the nearer wins; of counts of
** two responses, the first. */
static void resp_set(Facts *f, const Tok *a, int nTok, int i, int iFrom,
                     double v, double vBase){
  ThSpan span;
  int nDist, iHead;
  if( f->bResp && i>0 && tok_word(&a[i-1], "including") ) return;
  if( !response_near(a, nTok, iFrom, &span, &nDist, &iHead) ) return;
  if( f->bResp && (iHead!=f->iRespHead || nDist>=f->nRespDist) ) return;
  f->bResp = 1;
  f->nRespDist = nDist;
  f->iRespHead = iHead;
  f->nResp = (sqlite3_int64)v;
  f->nBase = vBase<0 ? -1 : (sqlite3_int64)vBase;
  f->resp = span;
  f->iResp = a[i].i;
}

/* The first population noun in a[i..i+nWin): its index or -1. */
static int pop_after(const Tok *a, int nTok, int i, int nWin){
  int k;
  for(k=i; k<nTok && k<i+nWin; k++){
    if( tok_class(&a[k], W_POP) ) return k;
  }
  return -1;
}

/* The group a word names (GROUP_*), or 0: the cohorts of a text that
** reports one trial in adults and one in children. */
enum { GROUP_NONE, GROUP_ADULT, GROUP_CHILD, GROUP_INFANT, GROUP_TEEN };

static int tok_group(const Tok *t){
  if( t->eType!=TK_WORD ) return GROUP_NONE;
  if( t->mClass & W_GADULT ) return GROUP_ADULT;
  if( t->mClass & W_GCHILD ) return GROUP_CHILD;
  if( t->mClass & W_GINFANT ) return GROUP_INFANT;
  if( t->mClass & W_GTEEN ) return GROUP_TEEN;
  return GROUP_NONE;
}

/* The group named with the trial word a[i]: just before it ('the
** paediatric trial', "the children's study") or just after ('the trial in
** older children'); 0 if none. */
static int trial_group(const Tok *a, int nTok, int i){
  int k;
  for(k=i-1; k>=0 && k>=i-2; k--){
    if( tok_group(&a[k]) ) return tok_group(&a[k]);
  }
  if( i+1<nTok && (tok_word(&a[i+1], "in") || tok_word(&a[i+1], "of")
                   || tok_word(&a[i+1], "for")) ){
    for(k=i+2; k<nTok && k<=i+3; k++){
      if( tok_group(&a[k]) ) return tok_group(&a[k]);
    }
  }
  return GROUP_NONE;
}

static void count_set(Facts *f, const Tok *a, int iNum, double v, int iPop,
                      int iRank){
  if( iRank<=f->iRank ) return;
  f->iRank = iRank;
  f->nEnrolled = (sqlite3_int64)v;
  f->iEnrol = a[iNum].i;
  f->pop.iStart = iPop>=0 ? a[iPop].i : 0;
  f->pop.nLen = iPop>=0 ? a[iPop].n : 0;
  f->iPopGroup = iPop>=0 ? tok_group(&a[iPop]) : 0;
}

/* Responders at a[i], a count: 'X of the Y', 'X (83%) of Y', 'X out of Y'.
** Returns the index of Y, or -1. */
static int responders_of(const Tok *a, int nTok, int i){
  int j = i+1;
  if( j+3<nTok && tok_punct(&a[j], '(') && a[j+1].eType==TK_NUM
   && tok_punct(&a[j+2], '%') && tok_punct(&a[j+3], ')') ){
    j += 4;
  }
  if( j<nTok && tok_word(&a[j], "out") ) j++;
  if( !(j<nTok && tok_word(&a[j], "of")) ) return -1;
  j++;
  if( j<nTok && (tok_word(&a[j], "the") || tok_word(&a[j], "these")
                 || tok_word(&a[j], "those") || tok_word(&a[j], "all")
                 || tok_word(&a[j], "its") || tok_word(&a[j], "their")) ){
    j++;
  }
  if( j<nTok && tok_count(&a[j]) && a[j].v>=a[i].v ) return j;
  return -1;
}

/* A count at a[i] followed by a response verb or a response ('Eleven
** achieved complete remission', 'six children responded'): 1 if so. */
static int responders_subject(const Tok *a, int nTok, int i){
  int k;
  if( i>0 && (tok_word(&a[i-1], "of") || tok_word(&a[i-1], "than")) ) return 0;
  for(k=i+1; k<nTok && k<=i+6; k++){
    const Tok *t = &a[k];
    if( tok_class(t, W_RVERB|W_RESP) ) return 1;
    if( t->eType==TK_NUM && k+1<nTok && tok_punct(&a[k+1], '%') ) continue;
    if( tok_class(t, W_ENROL) || t->eType==TK_NUM ) return 0;
    if( t->eType==TK_PUNCT && t->c!='(' && t->c!=')' && t->c!='%'
     && t->c!='-' ){
      return 0;
    }
  }
  return 0;
}

/* True if a[i] is the count of 'complete response in 13 patients': 'in'
** before it and a response among the six tokens before that. */
static int response_in(const Tok *a, int i){
  int k;
  if( i<2 || !tok_word(&a[i-1], "in") ) return 0;
  for(k=i-2; k>=0 && k>=i-7; k--){
    if( tok_word(&a[k], "rate") || tok_word(&a[k], "rates") ) return 0;
    if( tok_class(&a[k], W_RESP) ) return 1;
  }
  return 0;
}

/* True if a[i] follows a word that makes it approximate. */
static int approx_before(const Tok *a, int i){
  if( i>0 && tok_class(&a[i-1], W_APPROX) ) return 1;
  if( i>1 && tok_word(&a[i-1], "than") ) return 1;   /* more/fewer than */
  if( i>1 && tok_word(&a[i-1], "to") && tok_word(&a[i-2], "up") ) return 1;
  return 0;
}

/* True if a plan word is among the three tokens before a[i]. */
static int plan_before(const Tok *a, int i){
  int k;
  for(k=i-1; k>=0 && k>=i-4; k--){
    if( tok_class(&a[k], W_PLAN) ) return 1;
  }
  return 0;
}

/* True if a[i..] is 'have been treated', 'were enrolled', 'received' ... */
static int enrol_follows(const Tok *a, int nTok, int i){
  int k;
  for(k=i; k<nTok && k<i+3; k++){
    if( tok_class(&a[k], W_ENROL) ) return 1;
    if( !(tok_word(&a[k], "have") || tok_word(&a[k], "had")
          || tok_word(&a[k], "has") || tok_word(&a[k], "were")
          || tok_word(&a[k], "was") || tok_word(&a[k], "been")) ){
      return 0;
    }
  }
  return 0;
}

/* True if a[i] follows 'of', 'of the', 'of these', 'of all'. */
static int count_is_base(const Tok *a, int i){
  if( i>0 && tok_word(&a[i-1], "of") ) return 1;
  return i>1 && tok_word(&a[i-2], "of")
      && (tok_word(&a[i-1], "the") || tok_word(&a[i-1], "these")
          || tok_word(&a[i-1], "all") || tok_word(&a[i-1], "those"));
}

/* A count of participants at a[i]: 'nine toddlers', '23 lymphoma
** patients', 'a 52-patient study', 'enrolled 12'. */
static void count_at(const Tok *a, int nTok, int i, int bEnrolWord,
                     Facts *f){
  int k = i+1, nFill = 0, iRank;
  const Tok *t = &a[i];
  if( t->v>=1900 && t->v<=2100 && t->n==4 ) return;       /* a year */
  if( k<nTok && (tok_punct(&a[k], '%') || tok_class(&a[k], W_UNIT)) ) return;
  if( i>0 && (tok_punct(&a[i-1], '$') || tok_punct(&a[i-1], '#')) ) return;
  if( i>1 && tok_word(&a[i-1], "in") && a[i-2].eType==TK_NUM ) return;
  if( i>0 && !t->bSpace && (tok_punct(&a[i-1], '-') || tok_punct(&a[i-1], '/')
                            || tok_punct(&a[i-1], '.')) ){
    return;                               /* part of a code: 'HLV-207' */
  }
  if( plan_before(a, i) ) return;         /* 'will enrol 24 patients' */
  if( k<nTok && tok_word(&a[k], "per") ) return;            /* a rate */
  if( k+1<nTok && tok_punct(&a[k], '-') && !a[k].bSpace && !a[k+1].bSpace ){
    if( !tok_class(&a[k+1], W_POP) ) return;     /* '12-month', '3-year' */
    k++;
  }else{
    while( k<nTok && nFill<3 && a[k].eType==TK_WORD
        && !tok_class(&a[k], W_POP|W_STOP|W_RESP|W_RVERB|W_UNIT|W_ENROL) ){
      k++;
      nFill++;
    }
  }
  while( k+1<nTok && tok_class(&a[k], W_POP) && tok_class(&a[k+1], W_POP) ){
    k++;                                          /* 'adult men' */
  }
  if( k+1<nTok && tok_class(&a[k+1], W_NOTPOP) ) return;  /* 'male births' */
  if( k<nTok && tok_class(&a[k], W_POP) ){
    if( approx_before(a, i) ) iRank = RANK_APPROX;
    else if( bEnrolWord ) iRank = RANK_ENROL;
    else if( count_is_base(a, i) ) iRank = RANK_BASE;
    else iRank = RANK_BARE;
    count_set(f, a, i, t->v, k, iRank);
  }else if( i>0 && tok_class(&a[i-1], W_ENROL) && !approx_before(a, i)
         && (i+1>=nTok || a[i+1].eType==TK_PUNCT
             || tok_class(&a[i+1], W_STOP)) ){          /* 'enrolled 12 in' */
    count_set(f, a, i, t->v, pop_after(a, nTok, i+1, 3), RANK_ENROL);
  }else if( enrol_follows(a, nTok, i+1) && !approx_before(a, i) ){
    count_set(f, a, i, t->v, -1, RANK_ENROL);      /* 'two have been treated' */
  }
}

/* Reads the facts of the tokens a[0..nTok) into *f (zeroed first). */
/* Responses worded as outcomes, without a response word: 'six of the
** eight now have a stable population of corrected neutrophils', '31 of the
** 40 patients showed no evidence of disease activity', 'expression was
** seen in 14 of 16 boys'.  A sentence with a word of harm ('died',
** 'adverse') gives none. */
#define OUTCOME_MAX 8         /* words of an outcome, at most */

/* True if a[k] ends an outcome read forward. */
static int outcome_stop(const Tok *a, int k){
  const Tok *t = &a[k];
  if( t->eType==TK_PUNCT ){                 /* not '20%' or '2-fold' */
    return !(t->c=='%' || (t->c=='-' && !t->bSpace));
  }
  return tok_class(t, W_STOP) && !tok_word(t, "of") && !tok_word(t, "the")
      && !tok_word(t, "their") && !tok_word(t, "its")
      && !tok_word(t, "than");
}

/* After the population noun at a[k], with up to two words before it
** ('young patients'); k itself if there is none. */
static int after_noun(const Tok *a, int nTok, int k){
  int j, e = k;
  for(j=k; j<nTok && j<k+3 && a[j].eType==TK_WORD; j++){
    if( tok_class(&a[j], W_POP) ){
      while( j<nTok && tok_class(&a[j], W_POP) ) j++;
      e = j;
      break;
    }
  }
  return e;
}

/* After the bracket that starts at a[k] ('(72%)'), if it closes within
** a few tokens; else k. */
static int after_bracket(const Tok *a, int nTok, int k){
  int j;
  for(j=k+1; j<nTok && j<k+8; j++){
    if( tok_punct(&a[j], ')') ) return j+1;
  }
  return k;
}

/* After 'in the tivasiran group' (or arm, cohort) at a[k]; else k. */
static int after_group(const Tok *a, int nTok, int k){
  int j;
  if( k>=nTok || !(tok_word(&a[k], "in") || tok_word(&a[k], "of")) ) return k;
  for(j=k+1; j<nTok && j<k+6 && a[j].eType==TK_WORD; j++){
    if( tok_word(&a[j], "group") || tok_word(&a[j], "arm")
     || tok_word(&a[j], "cohort") ){
      return j+1;
    }
  }
  return k;
}

/* The outcome after the base a[y] ('of the eight [children] now have
** ...'), or an empty span. */
static ThSpan outcome_after(const Tok *a, int nTok, int y){
  ThSpan s = {0, 0};
  int k = y+1, e;
  if( k<nTok && tok_punct(&a[k], ')') ) k++;           /* '(10 of 12) of' */
  if( k<nTok && tok_word(&a[k], "of") ) k++;
  if( k<nTok && tok_word(&a[k], "the") ) k++;
  k = after_noun(a, nTok, k);
  if( k<nTok && tok_punct(&a[k], '(') ) k = after_bracket(a, nTok, k);
  k = after_group(a, nTok, k);
  while( k<nTok && tok_class(&a[k], W_LINK|W_RVERB) ) k++;
  if( k<nTok && (tok_word(&a[k], "a") || tok_word(&a[k], "an")
                 || tok_word(&a[k], "the")) ){
    k++;
  }
  if( k>=nTok || tok_class(&a[k], W_ENROL|W_POP|W_TRIAL|W_AGED) ) return s;
  for(e=k; e<nTok && e<k+OUTCOME_MAX && !outcome_stop(a, e); e++){}
  while( e>k && (tok_word(&a[e-1], "of") || tok_word(&a[e-1], "the")) ) e--;
  if( e>k ){
    s.iStart = a[k].i;
    s.nLen = a[e-1].i + a[e-1].n - a[k].i;
  }
  return s;
}

/* True if a[k] ends a clause read backwards. */
static int clause_mark(const Tok *a, int k){
  return a[k].eType==TK_PUNCT && (a[k].c==',' || a[k].c==';'
                                  || a[k].c==':' || a[k].c=='(');
}

/* The token before the bracket that ends at a[k] (a ')'), or -1. */
static int before_bracket(const Tok *a, int k){
  while( k>=0 && !tok_punct(&a[k], '(') ) k--;
  return k-1;
}

/* The outcome in the clause before 'in' the count a[i], when the clause
** has a verb of outcome or change ('expression (over baseline) was seen
** in 14 of 16', 'vision improved by three lines (15 letters) in 6 of the
** 9'), without the brackets and the verb 'was seen' at its end, or the
** sentence's subject when the clause is only its verb; else an empty
** span. */
#define CLAUSE_MAX 16         /* tokens of such a clause, at most */
static ThSpan outcome_before(const Tok *a, int i){
  ThSpan s = {0, 0};
  int e = i-2, b, k, bVerb = 0;
  if( i<2 || !tok_word(&a[i-1], "in") ) return s;
  b = e+1;                                  /* the clause is a[b..e] */
  while( b>0 && e-b+1<CLAUSE_MAX && !clause_mark(a, b-1) ){
    if( !tok_punct(&a[b-1], ')') ){
      b--;
    }else if( before_bracket(a, b-1)>=-1 ){
      b = before_bracket(a, b-1) + 1;       /* the bracket is inside */
    }else{
      break;                                /* a ')' without its '(' */
    }
  }
  if( b>0 && !clause_mark(a, b-1) ) return s;      /* too long */
  for(k=b; k<=e; k++){
    if( tok_class(&a[k], W_SEEN|W_CHANGE|W_RVERB) ) bVerb = 1;
  }
  for(;;){
    while( e>=b && tok_class(&a[e], W_SEEN|W_LINK) ) e--;
    if( e<b || !tok_punct(&a[e], ')') ) break;
    e = before_bracket(a, e);
  }
  if( !bVerb || e<b ) return s;
  if( b>0 && tok_punct(&a[b-1], ',')
   && tok_class(&a[b], W_SEEN|W_CHANGE|W_RVERB|W_LINK) ){
    /* the clause is a verb whose subject opens the sentence: 'Normal
    ** numbers of immune cells, including T cells, developed ... in 7 of
    ** the 8' gives 'Normal numbers of immune cells' */
    for(e=0; e<b-1 && !clause_mark(a, e+1); e++){}
    b = 0;
  }
  s.iStart = a[b].i;
  s.nLen = a[e].i + a[e].n - a[b].i;
  return s;
}

/* Keeps responders v of vBase (the count at byte iAt) with outcome s, as
** far from any response word as a sentence of nTok tokens allows. */
static void outcome_keep(Facts *f, size_t iAt, double v, double vBase,
                         ThSpan s, int nTok){
  f->bResp = 1;
  f->nRespDist = nTok;
  f->iRespHead = -1;
  f->nResp = (sqlite3_int64)v;
  f->nBase = (sqlite3_int64)vBase;
  f->resp = s;
  f->iResp = iAt;
}

/* True if an outcome verb comes before a[i] in the sentence ('cells
** developed ... in seven of the eight infants'). */
static int outcome_verb_before(const Tok *a, int i){
  int k;
  for(k=i-2; k>=0; k--){
    if( tok_class(&a[k], W_RVERB|W_SEEN|W_CHANGE) ) return 1;
  }
  return 0;
}

/* Sets responders a[i] of base a[y] with an outcome, if the sentence
** names one; returns whether it did. */
static int outcome_set(Facts *f, const Tok *a, int nTok, int i, int y){
  ThSpan s;
  if( strcmp(a[i].zLower, "one")==0 ) return 0;   /* 'she is one of nine' */
  s = outcome_after(a, nTok, y);
  if( s.nLen==0 ) s = outcome_before(a, i);
  if( s.nLen==0 && !(i>0 && tok_word(&a[i-1], "in")
                     && outcome_verb_before(a, i)) ){
    return 0;
  }
  outcome_keep(f, a[i].i, a[i].v, a[y].v, s, nTok);
  return 1;
}
/* True if phases zA and zB cannot be one trial's: neither is the other
** nor a part of it ('2' is a part of '1/2'). */
static int phases_differ(const char *zA, const char *zB){
  if( zA==0 || zB==0 || zA==zB ) return 0;
  if( strlen(zA)==3 && (zA[0]==zB[0] || zA[2]==zB[0]) && zB[1]==0 ) return 0;
  if( strlen(zB)==3 && (zB[0]==zA[0] || zB[2]==zA[0]) && zA[1]==0 ) return 0;
  return 1;
}

/* True if the phase word a[i] is said of several trials: a count of two
** to five or 'both' shortly before it, a plural trial word shortly after
** ('its two ongoing Phase 1/2 trials', 'both phase 3 studies'). */
static int phase_shared(const Tok *a, int nTok, int i){
  int k, bMany = 0, bPlural = 0;
  for(k=i-1; k>=0 && k>=i-4; k--){
    if( tok_word(&a[k], "both")
     || (a[k].eType==TK_NUM && a[k].bInteger && a[k].v>=2 && a[k].v<=5) ){
      bMany = 1;
    }
  }
  for(k=i+1; k<nTok && k<=i+5; k++){
    if( tok_class(&a[k], W_TRIAL) ){
      bPlural = a[k].n>1 && a[k].zLower[0] && a[k].zLower[a[k].n-1]=='s';
      break;
    }
  }
  return bMany && bPlural;
}

/* 'Both participants had <outcome>': 2 responders of 2. */
static void both_set(Facts *f, const Tok *a, int nTok, int i){
  ThSpan s = outcome_after(a, nTok, i);
  if( s.nLen>0 ) outcome_keep(f, a[i].i, 2, 2, s, nTok);
}
static void facts_read(const Tok *a, int nTok, Facts *f){
  int i, bEnrolWord = 0;
  const char *zPhase2 = 0;    /* another phase named after the first */
  size_t iPhase2 = 0;
  memset(f, 0, sizeof(*f));
  f->nEnrolled = f->nResp = f->nBase = -1;
  for(i=0; i<nTok; i++){
    /* words only: other tokens have no class and are none of these */
    const Tok *t = &a[i];
    if( (t->mClass & W_VOID) || (tok_word(t, "version") && i+2<nTok
                                  && tok_word(&a[i+1], "of")
                                  && tok_word(&a[i+2], "this")) ){
      return;                                 /* a correction: no facts */
    }
    if( t->mClass & W_ENROL ) bEnrolWord = 1;
    if( t->mClass & W_RESP ) f->bRespWord = 1;
    if( (t->mClass & W_HARM) && !(i>0 && (tok_word(&a[i-1], "no")
                                       || tok_word(&a[i-1], "without"))) ){
      f->bHarm = 1;                           /* not 'no relapses' */
    }
    if( tok_word(t, "also") ) f->bAlso = 1;
    if( (t->mClass & W_POP) && f->anyPop.nLen==0 ){
      f->anyPop.iStart = t->i;
      f->anyPop.nLen = t->n;
    }
    if( t->mClass & W_TRIAL ){
      int k;
      f->bTrial = f->bTrialWord = 1;
      if( f->iGroup==0 ) f->iGroup = trial_group(a, nTok, i);
      for(k=i-1; k>=0 && k>=i-3; k--){
        if( tok_class(&a[k], W_OTHER) ) f->bOther = 1;
        if( tok_class(&a[k], W_THIS) ) f->bThis = 1;
      }
      for(k=i-1; k>=0 && k>=i-6; k--){
        if( tok_class(&a[k], W_PLAN) ) f->bPlan = 1;
      }
    }
  }
  for(i=0; i<nTok; i++){
    const Tok *t = &a[i];
    if( t->eType!=TK_NUM ){
      /* a word (punctuation has no class and is no word, so matches none
      ** of these) */
      if( (t->mClass & W_FACT) && f->zPhase==0 ){
        /* 'phase', 'phases', 'first-in-human', 'first-in-man' */
        f->zPhase = t->zLower[0]=='p' ? phase_after(a, nTok, i) : azPhase[1];
        f->iPhase = t->i;
        f->bPhaseShared = f->zPhase && phase_shared(a, nTok, i);
      }else if( (t->mClass & W_FACT) && t->zLower[0]=='p' && zPhase2==0 ){
        zPhase2 = phase_after(a, nTok, i);
        if( !phases_differ(zPhase2, f->zPhase) ) zPhase2 = 0;
        iPhase2 = t->i;
      }else if( tok_word(t, "all") && f->bRespWord ){
        int k = i+1;
        if( k<nTok && tok_word(&a[k], "of") ) k++;
        if( k<nTok && (tok_word(&a[k], "the") || tok_word(&a[k], "these")) ){
          k++;
        }
        if( k<nTok && tok_count(&a[k]) ){
          resp_set(f, a, nTok, k, k, a[k].v, a[k].v);
        }
      }else if( tok_word(t, "both") && !f->bRespWord && !f->bHarm
             && !f->bResp && i+1<nTok && tok_class(&a[i+1], W_POP) ){
        both_set(f, a, nTok, i);            /* 'Both participants had ...' */
      }else if( (tok_word(t, "n")) && i+2<nTok && tok_punct(&a[i+1], '=')
             && tok_count(&a[i+2]) ){
        int iPop = pop_after(a, nTok, i+3, 3);
        f->bTrial = 1;
        count_set(f, a, i+2, a[i+2].v, iPop, RANK_N);
        i += 2;
      }
      if( f->zPhase ) f->bTrial = 1;
      continue;
    }
    if( t->bInteger && !t->bSuffix && i+1<nTok && tok_punct(&a[i+1], '%') ){
      /* 'P% of Y': round(P*Y/100) of Y */
      int k = i+2;
      if( f->bRespWord && k+1<nTok && tok_word(&a[k], "of") ){
        k++;
        if( k<nTok && tok_word(&a[k], "the") ) k++;
        if( k<nTok && tok_count(&a[k]) && t->v<=100 ){
          resp_set(f, a, nTok, i, k, floor(t->v*a[k].v/100 + 0.5), a[k].v);
        }
      }
      continue;
    }
    if( age_at(a, nTok, i, f) ) continue;
    if( !tok_count(t) ) continue;
    if( f->bRespWord ){
      int y = responders_of(a, nTok, i);
      if( y<0 && i+2<nTok && tok_punct(&a[i+1], '/') && !a[i+1].bSpace
       && !a[i+2].bSpace && tok_count(&a[i+2]) && a[i+2].v>=t->v ){
        y = i+2;                                        /* '18/23' */
      }
      if( y>=0 ){
        resp_set(f, a, nTok, i, y, t->v, a[y].v);
        count_at(a, nTok, y, bEnrolWord, f);
        i = y;
        continue;
      }
      if( responders_subject(a, nTok, i) || response_in(a, i) ){
        resp_set(f, a, nTok, i, i, t->v, -1);
        continue;
      }
    }else if( !f->bHarm && !f->bResp ){
      int y = responders_of(a, nTok, i);
      if( y>=0 && outcome_set(f, a, nTok, i, y) ){
        count_at(a, nTok, y, bEnrolWord, f);
        i = y;
        continue;
      }
    }
    count_at(a, nTok, i, bEnrolWord, f);
  }
  if( zPhase2 && (f->iRank || f->bResp) && (f->iRank==0 || f->iEnrol>iPhase2)
   && (!f->bResp || f->iResp>iPhase2) ){
    /* 'the phase 3 trial grew out of a phase 2 study in which 20 patients
    ** ...': the counts are of another trial, the second phase's */
    f->zPhase = zPhase2;
    f->iPhase = iPhase2;
    f->bOther = f->bTrial = 1;
  }
}

/* ---- from facts to trials ------------------------------------------------ */

#define MAX_TOKENS 2048       /* tokens read at once; a longer sentence is
                              ** read in parts */
#define EVIDENCE_MAX 2000     /* bytes of evidence kept of one sentence */

typedef struct IdRef {
  ThId id;
  char zNorm[TH_TRIAL_ID_MAX];
  const char *zRegistry;
} IdRef;

/* Trials looked back at when a sentence has no id to name its trial: the
** last RECENT_TRIALS (so a text of thousands of trials stays linear). */
#define RECENT_TRIALS 64

/* A slot of the map from canonical ids to trials. */
typedef struct IdSlot {
  unsigned int h;             /* hash of the id */
  int iTrial;                 /* its trial, -1 for an empty slot */
} IdSlot;

typedef struct TrialScan {
  const ThTrialWords *pWords;
  IdSlot *aSlot;              /* ids of the trials so far (open addressing) */
  int nSlot, nSlotUsed;       /* nSlot a power of two */
  int nIdless;                /* trials without an id so far */
  const char *z;
  size_t n;
  ThTrialList *pList;
  IdRef *aId;                 /* all registry ids of the text */
  int nId, nIdAlloc;
  int iNextId;                /* first id not yet placed */
  int iCur;                   /* trial being described, or -1 */
  int iMain;                  /* the first trial, or -1 */
  const char *zSharedPhase;   /* the phase said of several trials, or 0 */
  size_t nSearch;             /* bytes trial_by_descriptor() may still
                              ** read: a budget that keeps it linear */
  Tok *aTok;                  /* MAX_TOKENS tokens */
  int rc;
} TrialScan;

/* Grows an array of n elements of size sz to hold one more. */
static int grow(void **pa, int *pnAlloc, int n, size_t sz){
  if( n>=*pnAlloc ){
    int nNew = *pnAlloc ? *pnAlloc*2 : 32;
    void *aNew = sqlite3_realloc64(*pa, sz*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    *pa = aNew;
    *pnAlloc = nNew;
  }
  return SQLITE_OK;
}

static int list_add(ThTrialList *p){
  ThTrial *t;
  if( grow((void**)&p->a, &p->nAlloc, p->n, sizeof(ThTrial)) ) return -1;
  t = &p->a[p->n];
  memset(t, 0, sizeof(*t));
  t->nEnrolled = t->nResponders = t->nRespBase = -1;
  t->iKind = -1;
  return p->n++;
}

/* Same population noun, plural or singular ('toddlers', 'toddler'). */
static int pop_same(const char *z, ThSpan a, ThSpan b){
  size_t na = a.nLen, nb = b.nLen, k;
  if( na==0 || nb==0 ) return 0;
  if( z[a.iStart+na-1]=='s' || z[a.iStart+na-1]=='S' ) na--;
  if( z[b.iStart+nb-1]=='s' || z[b.iStart+nb-1]=='S' ) nb--;
  if( na!=nb ) return 0;
  for(k=0; k<na; k++){
    unsigned char c = (unsigned char)z[a.iStart+k];
    unsigned char d = (unsigned char)z[b.iStart+k];
    if( (c|0x20)!=(d|0x20) ) return 0;
  }
  return 1;
}

static unsigned int id_hash(const char *z){
  unsigned int h = 2166136261u;
  while( *z ) h = (h ^ (unsigned char)*z++) * 16777619u;
  return h;
}

/* True if trial t has the canonical id zNorm. */
static int trial_has_id(const ThTrial *t, const char *zNorm){
  int k;
  if( strcmp(t->zId, zNorm)==0 ) return 1;
  for(k=0; k<t->nOther; k++){
    if( strcmp(t->azOther[k], zNorm)==0 ) return 1;
  }
  return 0;
}

/* The trial holding canonical id zNorm, or -1. */
static int trial_by_id(const TrialScan *s, const char *zNorm){
  unsigned int h = id_hash(zNorm);
  int i;
  if( s->nSlot==0 ) return -1;
  for(i=(int)(h & (unsigned)(s->nSlot-1)); s->aSlot[i].iTrial>=0;
      i=(i+1) & (s->nSlot-1)){
    if( s->aSlot[i].h==h
     && trial_has_id(&s->pList->a[s->aSlot[i].iTrial], zNorm) ){
      return s->aSlot[i].iTrial;
    }
  }
  return -1;
}

/* Records that trial iTrial has id zNorm.  SQLITE_OK or SQLITE_NOMEM. */
static int idmap_add(TrialScan *s, const char *zNorm, int iTrial){
  unsigned int h = id_hash(zNorm);
  int i;
  if( (s->nSlotUsed+1)*2 > s->nSlot ){
    int nNew = s->nSlot ? s->nSlot*2 : 64, k;
    IdSlot *aNew = sqlite3_malloc64(sizeof(IdSlot)*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    for(k=0; k<nNew; k++) aNew[k].iTrial = -1;
    for(k=0; k<s->nSlot; k++){
      if( s->aSlot[k].iTrial>=0 ){
        int j = (int)(s->aSlot[k].h & (unsigned)(nNew-1));
        while( aNew[j].iTrial>=0 ) j = (j+1) & (nNew-1);
        aNew[j] = s->aSlot[k];
      }
    }
    sqlite3_free(s->aSlot);
    s->aSlot = aNew;
    s->nSlot = nNew;
  }
  i = (int)(h & (unsigned)(s->nSlot-1));
  while( s->aSlot[i].iTrial>=0 ) i = (i+1) & (s->nSlot-1);
  s->aSlot[i].h = h;
  s->aSlot[i].iTrial = iTrial;
  s->nSlotUsed++;
  return SQLITE_OK;
}


/* True if the facts f cannot be about trial t (another phase). */
static int facts_conflict(const ThTrial *t, const Facts *f){
  return phases_differ(f->zPhase, t->zPhase);
}

/* True if f has a fact worth a trial of its own. */
static int facts_any(const Facts *f){
  return f->zPhase || f->iRank>=RANK_BARE || f->bResp;
}

/* The latest trial of phase zPhase (or a phase it is part of), among the
** recent ones, or -1. */
static int trial_by_phase(const ThTrialList *p, const char *zPhase){
  int i;
  for(i=p->n-1; i>=0 && i>=p->n-RECENT_TRIALS; i--){
    if( p->a[i].zPhase && !phases_differ(p->a[i].zPhase, zPhase) ) return i;
  }
  return -1;
}

/* The latest of the recent trials for group g (an id-less one only, if
** bIdless), or -1. */
static int trial_by_group(const ThTrialList *p, int g, int bIdless){
  int i;
  for(i=p->n-1; i>=0 && i>=p->n-RECENT_TRIALS; i--){
    if( p->a[i].iGroup==g && !(bIdless && p->a[i].zId[0]) ) return i;
  }
  return -1;
}

static void evidence_add(ThTrial *t, size_t iStart, size_t nLen){
  if( t->nEvidence>0 ){
    ThSpan *pLast = &t->aEvidence[t->nEvidence-1];
    if( pLast->iStart==iStart ) return;
  }
  if( t->nEvidence==0 ){
    t->first.iStart = iStart;
    t->first.nLen = nLen;
  }
  if( t->nEvidence<TH_TRIAL_EVIDENCE ){
    t->aEvidence[t->nEvidence].iStart = iStart;
    t->aEvidence[t->nEvidence].nLen = nLen;
    t->nEvidence++;
  }
}

static void facts_merge(ThTrial *t, const Facts *f){
  if( t->zPhase==0 ) t->zPhase = f->zPhase;
  if( f->iRank>t->iEnrolRank ){
    t->iEnrolRank = f->iRank;
    t->nEnrolled = f->nEnrolled;
    t->population = f->pop;
  }
  if( t->population.nLen==0 && f->anyPop.nLen && f->iRank>=RANK_APPROX ){
    t->population = f->anyPop;
  }
  if( t->nResponders<0 && f->bResp ){
    t->nResponders = f->nResp;
    t->nRespBase = f->nBase;
    t->response = f->resp;
  }
  if( !t->bAgeMin && !t->bAgeMax && (f->bAgeMin || f->bAgeMax) ){
    t->bAgeMin = f->bAgeMin;
    t->bAgeMax = f->bAgeMax;
    t->ageMin = f->ageMin;
    t->ageMax = f->ageMax;
    t->zAgeUnit = f->zAgeUnit;
  }
  if( f->bTrial ) t->bCue = 1;
  if( t->iGroup==0 ) t->iGroup = f->iGroup;
  if( t->iGroup==0 && f->iRank>=RANK_BARE ) t->iGroup = f->iPopGroup;
}

/* The id-less trial an id of a sentence with facts f names, or -1. */
static int idless_for(TrialScan *s, const Facts *f){
  ThTrialList *p = s->pList;
  int i, iOnly = -1;
  if( f->bOther && !f->bThis ) return -1;
  for(i=p->n-1; i>=0 && i>=p->n-RECENT_TRIALS; i--){
    if( p->a[i].zId[0] ) continue;
    iOnly = i;
    if( f->anyPop.nLen && pop_same(s->z, f->anyPop, p->a[i].population)
     && !facts_conflict(&p->a[i], f) ){
      return i;
    }
  }
  if( s->iCur>=0 && p->a[s->iCur].zId[0]==0
   && !facts_conflict(&p->a[s->iCur], f) ){
    return s->iCur;
  }
  if( s->nIdless==1 && iOnly>=0 && !facts_conflict(&p->a[iOnly], f) ){
    return iOnly;
  }
  return -1;
}

/* The trial being described, when a sentence that gives only an id of
** another registry ('It is also registered as NCT...') names it again;
** else -1. */
static int another_name(TrialScan *s, const Facts *f, const IdRef *r){
  const ThTrial *t;
  if( s->iCur<0 || facts_any(f) || f->bOther || !(f->bThis || f->bAlso) ){
    return -1;
  }
  t = &s->pList->a[s->iCur];
  if( t->zId[0]==0 || strcmp(t->zRegistry, r->zRegistry)==0 ) return -1;
  return s->iCur;
}

/* Gives trial iT the id r (as its id, or one more of its ids). */
static void trial_take_id(TrialScan *s, int iT, const IdRef *r){
  ThTrial *t = &s->pList->a[iT];
  if( trial_has_id(t, r->zNorm) ) return;
  if( t->zId[0]==0 ){
    memcpy(t->zId, r->zNorm, sizeof(t->zId));
    t->zRegistry = r->zRegistry;
    s->nIdless--;
  }else if( t->nOther<TH_TRIAL_OTHER_IDS ){
    memcpy(t->azOther[t->nOther++], r->zNorm, TH_TRIAL_ID_MAX);
  }else{
    return;
  }
  if( idmap_add(s, r->zNorm, iT) ) s->rc = SQLITE_NOMEM;
}

/* True if ids r1 and r2 of one sentence are two names of one trial:
** different registries and no trial word or population noun between.
** *pk is a token index that only moves forward (ids come in text order),
** so a sentence of many ids is read once. */
static int ids_same_trial(const Tok *a, int nTok, int *pk, const IdRef *r1,
                          const IdRef *r2){
  size_t e = r1->id.iStart + r1->id.nLen;
  int k;
  while( *pk<nTok && a[*pk].i<e ) (*pk)++;
  if( strcmp(r1->zRegistry, r2->zRegistry)==0 ) return 0;
  for(k=*pk; k<nTok && a[k].i<r2->id.iStart; k++){
    if( tok_class(&a[k], W_TRIAL|W_POP|W_OTHER) ) return 0;
  }
  return 1;
}

/* True if one of the ids a[0..n) is of registry zRegistry. */
static int registry_in(const IdRef *a, int n, const char *zRegistry){
  int k;
  for(k=0; k<n; k++){
    if( strcmp(a[k].zRegistry, zRegistry)==0 ) return 1;
  }
  return 0;
}

/* The group named in brackets just after id r ('NCT06114837
** (children)'), or 0. */
static int id_group(const Tok *a, int nTok, const IdRef *r){
  size_t e = r->id.iStart + r->id.nLen;
  int k = 0;
  while( k<nTok && a[k].i<e ) k++;
  if( k+1<nTok && tok_punct(&a[k], '(') ){
    if( tok_group(&a[k+1]) ) return tok_group(&a[k+1]);
    if( k+2<nTok && tok_group(&a[k+2]) ) return tok_group(&a[k+2]);
  }
  return GROUP_NONE;
}

/* Trials told apart by what they are about: 'The Wiskott-Aldrich syndrome
** study is registered as ISRCTN...', 'The MPS IIIA study is registered as
** NCT...' name the id-less trial whose paragraph names 'Wiskott-Aldrich' or
** 'IIIA'.  A descriptor is a capitalised word (or one with a digit)
** between the start of the sentence or 'the' and the trial word before
** the id, other than the class words of data/trial_words.txt. */
#define PARAGRAPH_MAX 4000    /* bytes of a paragraph searched, each way */

/* The paragraph around byte i of z: back and forward to a blank line. */
static ThSpan paragraph_at(const char *z, size_t n, size_t i){
  ThSpan p;
  size_t b = i, e = i, bMin = i>PARAGRAPH_MAX ? i-PARAGRAPH_MAX : 0;
  size_t eMax = n-i>PARAGRAPH_MAX ? i+PARAGRAPH_MAX : n;
  while( b>bMin && !(z[b-1]=='\n' && b>1 && z[b-2]=='\n') ){
    b--;
    while( b>bMin && z[b-1]!='\n' ) b--;
  }
  while( e<eMax && !(z[e]=='\n' && e+1<n && z[e+1]=='\n') ){
    const char *zNl = memchr(z+e+1, '\n', eMax-e-1);
    e = zNl ? (size_t)(zNl - z) : eMax;
  }
  p.iStart = b;
  p.nLen = e - b;
  return p;
}

/* True if the word z[w..w+nw) stands as a whole word in z[p]. */
static int word_in(const char *z, ThSpan p, size_t w, size_t nw){
  size_t k, e = p.iStart + p.nLen;
  for(k=p.iStart; k+nw<=e; k++){
    if( z[k]==z[w] && memcmp(z+k, z+w, nw)==0 && k!=w
     && (k==p.iStart || !is_alpha((unsigned char)z[k-1]))
     && (k+nw==e || !is_alpha((unsigned char)z[k+nw])) ){
      return 1;
    }
  }
  return 0;
}

/* True if a[k] may tell a trial apart ('Dravet', 'IIIA', 'MPS'). */
static int descriptor_word(const Tok *t){
  if( t->eType!=TK_WORD || t->mClass ) return 0;
  return t->bCap || (t->zLower[0] && t->n>1
                     && strpbrk(t->zLower, "0123456789")!=0);
}

/* The id-less trial whose paragraph holds a descriptor of the trial word
** before the id that starts at byte iId, when exactly one does; else -1. */
static int trial_by_descriptor(TrialScan *s, const Tok *a, int nTok,
                               size_t iId){
  ThTrialList *p = s->pList;
  int k, w, b, i, iFound = -1;
  for(w=0; w<nTok && a[w].i<iId && !tok_class(&a[w], W_TRIAL); w++){}
  if( s->nSearch==0 ) return -1;
  if( w>=nTok || a[w].i>=iId ) return -1;
  for(b=w; b>0 && !tok_word(&a[b-1], "the") && w-b<4; b--){}
  if( b>0 && !tok_word(&a[b-1], "the") ) return -1;
  for(i=p->n-1; i>=0 && i>=p->n-RECENT_TRIALS; i--){
    ThSpan par;
    int bHas = 0;
    if( p->a[i].zId[0] || p->a[i].nEvidence==0 ) continue;
    par = paragraph_at(s->z, s->n, p->a[i].first.iStart);
    for(k=b; k<w && !bHas; k++){
      if( descriptor_word(&a[k]) && !(k==0 && a[k].bCap && b==0) ){
        if( s->nSearch < 2*PARAGRAPH_MAX + par.nLen ){
          s->nSearch = 0;
          return -1;
        }
        s->nSearch -= 2*PARAGRAPH_MAX + par.nLen;
        bHas = word_in(s->z, par, a[k].i, a[k].n);
      }
    }
    if( bHas ){
      if( iFound>=0 ) return -1;
      iFound = i;
    }
  }
  return iFound;
}

/* Places the ids aRef[0..nRef) of a sentence part with facts f. */
static void place_ids(TrialScan *s, const Tok *a, int nTok, IdRef *aRef,
                      int nRef, const Facts *f, size_t iSent, size_t nSent){
  ThTrialList *p = s->pList;
  int iFactsTo = -1, kTok = 0;
  size_t iFactsAt = f->iRank ? f->iEnrol : f->bResp ? f->iResp
                  : f->zPhase ? f->iPhase : f->iAge;
  size_t nBest = (size_t)-1;
  int r = 0;
  while( r<nRef && s->rc==SQLITE_OK ){
    int rEnd = r+1, iT = -1, k;
    while( rEnd<nRef && rEnd-r<=TH_TRIAL_OTHER_IDS
        && !registry_in(&aRef[r], rEnd-r, aRef[rEnd].zRegistry)
        && ids_same_trial(a, nTok, &kTok, &aRef[rEnd-1], &aRef[rEnd]) ){
      rEnd++;
    }
    for(k=r; k<rEnd && iT<0; k++) iT = trial_by_id(s, aRef[k].zNorm);
    if( iT<0 ){
      int g = id_group(a, nTok, &aRef[r]);
      if( g==GROUP_NONE && nRef==1 ) g = f->iGroup;
      if( g ) iT = trial_by_group(p, g, 1);
    }
    if( iT<0 && nRef==1 ) iT = trial_by_descriptor(s, a, nTok, aRef[r].id.iStart);
    if( iT<0 ) iT = idless_for(s, f);
    if( iT<0 && r==0 && rEnd==nRef ) iT = another_name(s, f, &aRef[r]);
    if( iT<0 ){
      iT = list_add(p);
      if( iT<0 ){ s->rc = SQLITE_NOMEM; return; }
      s->nIdless++;
      if( s->iMain<0 ) s->iMain = iT;
    }
    for(k=r; k<rEnd; k++) trial_take_id(s, iT, &aRef[k]);
    evidence_add(&p->a[iT], iSent, nSent);
    /* the facts go to the nearest id */
    for(k=r; k<rEnd; k++){
      size_t d = aRef[k].id.iStart > iFactsAt ? aRef[k].id.iStart - iFactsAt
                                              : iFactsAt - aRef[k].id.iStart;
      if( d<nBest ){ nBest = d; iFactsTo = iT; }
    }
    r = rEnd;
  }
  if( iFactsTo>=0 ){
    ThTrial *t = &p->a[iFactsTo];
    if( !(f->bPlan && f->bTrial) ){
      if( f->iRank>=RANK_ENROL && f->iRank==t->iEnrolRank ){
        /* the sentence that names the trial's id tells its enrolment
        ** better than a summary before it ('first 3 patients dosed') */
        t->nEnrolled = f->nEnrolled;
        t->population = f->pop;
      }
      facts_merge(t, f);
    }
    s->iCur = iFactsTo;
  }
}

/* True if facts f, of a sentence with a trial word, give an enrolment
** other than the one the trial being described already has, as sure. */
static int enrolment_differs(const TrialScan *s, const Facts *f){
  const ThTrial *t;
  if( s->iCur<0 || !f->bTrialWord || f->bThis || f->bOther || f->bHarm
   || f->iRank<RANK_ENROL ){
    return 0;
  }
  t = &s->pList->a[s->iCur];
  return t->iEnrolRank>=RANK_ENROL && t->nEnrolled!=f->nEnrolled
      && t->nRespBase!=f->nEnrolled;
}

/* Places the facts f of a sentence part without ids. */
static void place_facts(TrialScan *s, const Facts *f, size_t iSent,
                        size_t nSent){
  ThTrialList *p = s->pList;
  int iT = -1;
  if( !f->bOther && (f->iGroup || (f->iRank>=RANK_ENROL && f->iPopGroup
                                    && s->iCur>=0 && p->a[s->iCur].iGroup
                                    && p->a[s->iCur].iGroup!=f->iPopGroup)) ){
    /* 'the paediatric trial', or 'it treated 30 children' after a trial
    ** in adults: the trial for that group, or a new one when the trial
    ** being described is for another */
    int g = f->iGroup ? f->iGroup : f->iPopGroup;
    iT = trial_by_group(p, g, 0);
    if( iT>=0 ){
      s->iCur = iT;
    }else if( facts_any(f) && s->iCur>=0 && p->a[s->iCur].iGroup
           && p->a[s->iCur].iGroup!=g ){
      iT = list_add(p);
      if( iT<0 ){ s->rc = SQLITE_NOMEM; return; }
      s->nIdless++;
      s->iCur = iT;
    }
    iT = -1;
  }
  if( !facts_any(f) ){
    /* ages or cue words alone add to the trial being described */
    if( s->iCur>=0 && (f->bAgeMin || f->bAgeMax) && !f->bOther ){
      facts_merge(&p->a[s->iCur], f);
      evidence_add(&p->a[s->iCur], iSent, nSent);
    }
    if( f->bOther && f->bTrial ) s->iCur = -1;
    return;
  }
  if( f->bPlan && f->bTrial ){
    return;                     /* a trial to come is not reported */
  }
  if( enrolment_differs(s, f) ){
    /* 'That trial ... dosed 30 children' after a trial of 24: another
    ** trial, described from here on */
    iT = list_add(p);
    if( iT<0 ){ s->rc = SQLITE_NOMEM; return; }
    s->nIdless++;
    facts_merge(&p->a[iT], f);
    evidence_add(&p->a[iT], iSent, nSent);
    s->iCur = iT;
    return;
  }
  if( f->bOther && f->bTrial && !f->bThis ){
    iT = -1;
  }else if( f->zPhase && s->iCur>=0 && facts_conflict(&p->a[s->iCur], f) ){
    iT = trial_by_phase(p, f->zPhase);
  }else if( f->bThis && s->iMain>=0 && !facts_conflict(&p->a[s->iMain], f) ){
    iT = s->iMain;
  }else if( s->iCur>=0 && !facts_conflict(&p->a[s->iCur], f) ){
    iT = s->iCur;
  }
  if( iT<0 ){
    /* another trial: when one is being described, this is a detour
    ** ('in an earlier phase 1 study, 14 patients...'), and the next
    ** sentences are about the one being described again */
    int bDetour = s->iCur>=0;
    iT = list_add(p);
    if( iT<0 ){ s->rc = SQLITE_NOMEM; return; }
    s->nIdless++;
    if( s->iMain<0 ) s->iMain = iT;
    if( bDetour ){
      facts_merge(&p->a[iT], f);
      evidence_add(&p->a[iT], iSent, nSent);
      return;
    }
  }
  facts_merge(&p->a[iT], f);
  evidence_add(&p->a[iT], iSent, nSent);
  s->iCur = iT;
}

/* Reads one part of a sentence: tokens a[0..nTok) of z[iSent..+nSent). */
static void part_read(TrialScan *s, Tok *a, int nTok, size_t iFrom,
                      size_t iTo, size_t iSent, size_t nSent){
  Facts f;
  int r0 = s->iNextId, r1;
  nTok = join_number_words(s->z, a, nTok);
  facts_read(a, nTok, &f);
  if( f.bPhaseShared && s->zSharedPhase==0 ) s->zSharedPhase = f.zPhase;
  while( r0<s->nId && s->aId[r0].id.iStart<iFrom ) r0++;
  r1 = r0;
  while( r1<s->nId && s->aId[r1].id.iStart<iTo ) r1++;
  s->iNextId = r1;
  if( nSent>EVIDENCE_MAX ){
    /* a 'sentence' this long is not prose: the evidence is the start of
    ** this part, so that rows and their reading stay small */
    iSent = iFrom;
    nSent = iTo - iFrom < EVIDENCE_MAX ? iTo - iFrom : EVIDENCE_MAX;
    while( nSent>0 && iSent+nSent<s->n
        && ((unsigned char)s->z[iSent+nSent] & 0xC0)==0x80 ){
      nSent--;
    }
  }
  if( r1>r0 ){
    place_ids(s, a, nTok, &s->aId[r0], r1-r0, &f, iSent, nSent);
  }else{
    place_facts(s, &f, iSent, nSent);
  }
}

/* True if z[i..e) holds an ASCII digit.  With SSE2 the blocks of 16 bytes
** are ORed together and tested once, the last block read as the 16 bytes
** that end at e (only its bytes from i on count). */
static int has_digit(const unsigned char *z, size_t i, size_t e){
#if defined(__SSE2__)
  if( e-i>=16 ){
    unsigned m = th_digit_bits16(z+e-16);
    for(; e-i>16; i+=16) m |= th_digit_bits16(z+i);
    return m!=0;
  }
  if( e>=16 ) return (th_digit_bits16(z+e-16) >> (16-(e-i)))!=0;
#endif
  for(; i<e; i++){
    if( is_digit(z[i]) ) return 1;
  }
  return 0;
}

/* The first ASCII letter or digit in z[i..e), or e; 16 bytes at a time
** with SSE2. */
static size_t next_letter(const unsigned char *z, size_t nText, size_t i,
                          size_t e){
#if defined(__SSE2__)
  while( i+16<=nText && i<e ){
    unsigned m = th_alnum_bits16(z+i);
    if( m ){
      i += th_lowest_bit(m);
      return i<e ? i : e;
    }
    i += 16;
  }
#else
  (void)nText;
#endif
  while( i<e && !is_alpha(z[i]) && !is_digit(z[i]) ) i++;
  return i<e ? i : e;
}

/* True if z[i..e) may give a fact: it holds a digit (all numbers, ages
** and registry ids have one), or a word that word_read() makes a number
** ('nine') or a fact word ('phase').  Most sentences of an article do
** not, and are not read further. */
static int may_give_facts(const ThTrialWords *pWords, const unsigned char *z,
                          size_t nText, size_t i, size_t e){
  if( has_digit(z, i, e) ) return 1;
  while( (i = next_letter(z, nText, i, e))<e ){
    size_t n = i+16<=nText ? short_word_len(z, i, e) : 0;
    if( n>0 ){
      unsigned int h = prefix_hash(z+i, n);
      if( (pWords->aFactPrefix[h/64] & ((uint64_t)1 << (h%64)))==0 ){
        i += n;                             /* a plain word, none of them */
        continue;
      }
    }else if( !pWords->aFactStart[z[i]] ){
      i = word_end(z, i, e);              /* no such word starts so */
      continue;
    }
    {
      Tok t;                              /* the word, as one token */
      tokenize(pWords, (const char*)z, nText, i, e, &t, 1, &i);
      if( t.eType==TK_NUM || (t.mClass & W_FACT) ) return 1;
    }
  }
  return 0;
}

static int on_sentence(void *pCtx, size_t iStart, size_t nLen){
  TrialScan *s = (TrialScan*)pCtx;
  size_t i = iStart, e = iStart + nLen;
  if( !may_give_facts(s->pWords, (const unsigned char*)s->z, s->n, i, e) ){
    return SQLITE_OK;
  }
  while( i<e && s->rc==SQLITE_OK ){
    size_t iEnd;
    int nTok = tokenize(s->pWords, s->z, s->n, i, e, s->aTok, MAX_TOKENS,
                        &iEnd);
    part_read(s, s->aTok, nTok, i, iEnd, iStart, nLen);
    if( iEnd<=i ) break;
    i = iEnd;
  }
  return s->rc;
}

/* Finds every registry id of the text (DOIs are not trials). */
static int ids_collect(TrialScan *s){
  ThIdScan scan;
  ThId id;
  th_id_scan_init(&scan, s->z, s->n);
  while( th_id_scan_next(&scan, &id) ){
    IdRef *r;
    ThBuf b;
    if( id.eId!=TH_ID_REGISTRY ) continue;
    if( grow((void**)&s->aId, &s->nIdAlloc, s->nId, sizeof(IdRef)) ){
      return SQLITE_NOMEM;
    }
    r = &s->aId[s->nId];
    memset(r, 0, sizeof(*r));
    r->id = id;
    r->zRegistry = th_id_registry(&id);
    th_buf_init(&b);
    if( th_id_norm(&id, s->z, &b) ){ th_buf_free(&b); return SQLITE_NOMEM; }
    if( b.n>0 && b.n<TH_TRIAL_ID_MAX ){
      memcpy(r->zNorm, b.z, b.n);
      s->nId++;
    }
    th_buf_free(&b);
  }
  return SQLITE_OK;
}

/* Keeps the trials worth a row, and fills what follows from the rest. */
static void trials_settle(ThTrialList *p){
  int i, o = 0;
  for(i=0; i<p->n; i++){
    ThTrial *t = &p->a[i];
    int bCount = (t->nEnrolled>=0 && t->iEnrolRank>=RANK_BARE)
              || t->nResponders>=0;
    if( t->zId[0]==0 && !(bCount && t->bCue) ) continue;
    if( t->iEnrolRank<RANK_BARE ){
      t->nEnrolled = -1;
      if( t->iEnrolRank==RANK_NONE ) memset(&t->population, 0, sizeof(ThSpan));
    }
    if( t->nResponders>=0 && t->nRespBase<0 && t->nEnrolled>=t->nResponders ){
      t->nRespBase = t->nEnrolled;
    }
    if( t->nEnrolled<0 && t->nRespBase>0 ) t->nEnrolled = t->nRespBase;
    if( o!=i ) p->a[o] = *t;
    o++;
  }
  p->n = o;
}

int th_trials_find(const ThTrialWords *pWords, const char *z, size_t n,
                   ThTrialList *pList){
  TrialScan s;
  memset(&s, 0, sizeof(s));
  s.pWords = pWords;
  s.z = z;
  s.n = n;
  s.pList = pList;
  s.iCur = s.iMain = -1;
  s.nSearch = 8*n + 100000;
  s.aTok = sqlite3_malloc64(sizeof(Tok)*MAX_TOKENS);
  if( s.aTok==0 ) return SQLITE_NOMEM;
  s.rc = ids_collect(&s);
  if( s.rc==SQLITE_OK ) th_split_sentences(z, n, on_sentence, &s);
  if( s.rc==SQLITE_OK ){
    int i;
    for(i=0; s.zSharedPhase && i<pList->n; i++){
      if( pList->a[i].zPhase==0 ) pList->a[i].zPhase = s.zSharedPhase;
    }
    trials_settle(pList);
  }
  sqlite3_free(s.aTok);
  sqlite3_free(s.aId);
  sqlite3_free(s.aSlot);
  return s.rc;
}

void th_trials_free(ThTrialList *pList){
  sqlite3_free(pList->a);
  memset(pList, 0, sizeof(*pList));
}

/* ---- condition and therapy ----------------------------------------------- */

#define MAX_DISEASE 16         /* distinct diseases counted per trial */

/* What the lexicon finds in a stretch of text. */
typedef struct Describe {
  const char *azDisease[MAX_DISEASE];  /* diseases named, first seen first */
  int anDisease[MAX_DISEASE];          /* how often each */
  int nDisease;
  double aWeight[TH_N_KIND];  /* kind mentions weighted by term type */
  struct Found *aFound;       /* all mentions that count (when bKeep) */
  int nFound, nFoundAlloc;
  int bKeep;                  /* keep aFound */
} Describe;

/* A mention that counts for a Describe, kept so that a stretch read once
** (the lead) serves the trials whose sentences lie in it. */
typedef struct Found {
  size_t iStart, nLen;
  int iKind, iKindType;       /* iKind -1: no kind */
  const char *zDisease;       /* or NULL */
} Found;

/* True if disease name zNew names a kind of zOld: it holds zOld as a
** word ('B-cell acute lymphoblastic leukemia', 'leukemia'), ASCII case
** ignored. */
static int more_specific(const char *zNew, const char *zOld){
  size_t nNew = strlen(zNew), nOld = strlen(zOld), i, k;
  if( nOld>=nNew ) return 0;
  for(i=0; i+nOld<=nNew; i++){
    for(k=0; k<nOld; k++){
      unsigned char a = (unsigned char)zNew[i+k], b = (unsigned char)zOld[k];
      if( (a>='A' && a<='Z' ? a+32 : a)!=(b>='A' && b<='Z' ? b+32 : b) ) break;
    }
    if( k==nOld && (i==0 || zNew[i-1]==' ' || zNew[i-1]=='-')
     && (i+nOld==nNew || zNew[i+nOld]==' ') ){
      return 1;
    }
  }
  return 0;
}

/* Counts one mention in d (and keeps it when d->bKeep). */
static int describe_add(Describe *d, const Found *f){
  static const double aTypeWeight[] = { 1.0, 1.2 };
  if( f->zDisease ){
    int k;
    for(k=0; k<d->nDisease && d->azDisease[k]!=f->zDisease; k++){}
    if( k<d->nDisease ){
      d->anDisease[k]++;
    }else if( k<MAX_DISEASE ){
      d->azDisease[k] = f->zDisease;
      d->anDisease[k] = 1;
      d->nDisease++;
    }
  }
  /* in a trial's own sentences only names of modalities and products
  ** count: drugs there are mostly conditioning or comparators */
  if( f->iKind>=0 && (f->iKindType==TH_KIND_TERM_MODALITY
                      || f->iKindType==TH_KIND_TERM_PRODUCT) ){
    d->aWeight[f->iKind] += aTypeWeight[f->iKindType];
  }
  if( !d->bKeep ) return SQLITE_OK;
  if( grow((void**)&d->aFound, &d->nFoundAlloc, d->nFound, sizeof(Found)) ){
    return SQLITE_NOMEM;
  }
  d->aFound[d->nFound++] = *f;
  return SQLITE_OK;
}

/* The callback of th_entities_scan(); pCtx is a Describe.  Mentions are
** placed at iOffset (the start of the stretch scanned). */
typedef struct DescribeScan {
  Describe *d;
  size_t iOffset;
} DescribeScan;

static int describe_on_entity(void *pCtx, const ThEntity *p){
  DescribeScan *ds = (DescribeScan*)pCtx;
  Found f;
  if( p->eEntity!=TH_ENTITY_TERM ) return SQLITE_OK;
  f.zDisease = 0;
  if( p->pTerm->zType[0]=='d' && strcmp(p->pTerm->zType, "disease")==0 ){
    f.zDisease = p->pTerm->zNorm[0] ? p->pTerm->zNorm : p->pTerm->zTerm;
  }
  f.iKind = p->iKind>=0 && p->iKind<TH_N_KIND ? p->iKind : -1;
  if( f.zDisease==0 && f.iKind<0 ) return SQLITE_OK;
  f.iKindType = p->iKindType;
  f.iStart = ds->iOffset + p->iStart;
  f.nLen = p->nLen;
  return describe_add(ds->d, &f);
}

/* Adds to d what z[iStart..iEnd) names. */
static int describe_scan(Describe *d, const ThLexSet *pBuiltin,
                         const ThLexSet *pUser, const char *z, size_t iStart,
                         size_t iEnd){
  DescribeScan ds;
  ds.d = d;
  ds.iOffset = iStart;
  if( iEnd<=iStart ) return SQLITE_OK;
  return th_entities_scan(pBuiltin, pUser, z + iStart, iEnd - iStart, 0,
                          describe_on_entity, &ds);
}

/* True if disease zName is a complication or outcome of treatment
** (data/trial_complications.txt), not a condition a trial treats. */
static int is_complication(const char *zName){
  int k;
  for(k=0; th_data_trial_complications[k]; k++){
    const char *zC = th_data_trial_complications[k];
    if( zC[0]==zName[0] && strcmp(zC, zName)==0 ) return 1;
  }
  return 0;
}

/* How often the article's lead (pLead) names disease zName. */
static int lead_count(const Describe *pLead, const char *zName){
  int k;
  for(k=0; k<pLead->nDisease; k++){
    if( pLead->azDisease[k]==zName ) return pLead->anDisease[k];
  }
  return 0;
}

/* The condition of a trial whose sentences name the diseases of d: the
** one named most often there, a name the lead also gives counting one
** more (the first of equals); a complication ('cytokine release
** syndrome') only when no other disease is named (and then the caller
** prefers the article's condition); a more specific name, there or in
** the lead,
** of the choice when one is named ('B-cell acute lymphoblastic leukemia'
** for 'leukemia').  NULL when none is named. */
static const char *describe_condition(const Describe *d,
                                      const Describe *pLead){
  int k, iBest = -1, nBest = 0, bOther = 0;
  for(k=0; k<d->nDisease; k++){
    if( !is_complication(d->azDisease[k]) ) bOther = 1;
  }
  for(k=0; k<d->nDisease; k++){
    int n = d->anDisease[k] + (lead_count(pLead, d->azDisease[k])>0);
    if( bOther && is_complication(d->azDisease[k]) ) continue;
    if( iBest<0 || n>nBest ){ iBest = k; nBest = n; }
  }
  if( iBest<0 ) return 0;
  for(k=0; k<d->nDisease; k++){
    if( more_specific(d->azDisease[k], d->azDisease[iBest]) ) return d->azDisease[k];
  }
  for(k=0; k<pLead->nDisease; k++){
    if( more_specific(pLead->azDisease[k], d->azDisease[iBest]) ){
      return pLead->azDisease[k];
    }
  }
  return d->azDisease[iBest];
}

/* The kind with the largest weight, or -1. */
static int describe_kind(const Describe *d){
  int k, iBest = -1;
  for(k=0; k<TH_N_KIND; k++){
    if( d->aWeight[k]>0 && (iBest<0 || d->aWeight[k]>d->aWeight[iBest]) ){
      iBest = k;
    }
  }
  return iBest;
}

/* The article's own kind (the therapy of every trial it reports, as
** therapy_kind() gives it), and its diseases for trials whose sentences
** name none: read from the headline and lead (the first LEAD_BYTES, cut at
** white space), and from the whole text only when the lead names no kind.
** Most articles name their therapy early, and reading the lead only
** keeps extract_trials fast. */
#define LEAD_BYTES 1000

/* The kind of z[0..n) from the mentions d kept (th_kind_score, then
** th_kind_main), in *piKind.  SQLITE_OK or SQLITE_NOMEM. */
static int describe_kind_of_text(const Describe *d, const char *z, size_t n,
                                 int *piKind){
  ThKindScore aScore[TH_N_KIND];
  ThKindMention *aMention;
  int k, nMention = 0, rc;
  aMention = sqlite3_malloc64(sizeof(ThKindMention)
                              *(sqlite3_uint64)(d->nFound+1));
  if( aMention==0 ) return SQLITE_NOMEM;
  for(k=0; k<d->nFound; k++){
    const Found *f = &d->aFound[k];
    if( f->iKind<0 ) continue;
    aMention[nMention].iKind = f->iKind;
    aMention[nMention].iStart = f->iStart;
    aMention[nMention].nLen = f->nLen;
    aMention[nMention].iTermType = f->iKindType;
    nMention++;
  }
  rc = th_kind_score(z, n, aMention, nMention, aScore);
  if( rc==SQLITE_OK ) *piKind = th_kind_main(aScore);
  sqlite3_free(aMention);
  return rc;
}

/* Reads z[iFrom..iTo) into the article's mentions pArt (the text before
** iFrom is read already), and gives the kind of the text read. */
static int describe_article(const ThLexSet *pBuiltin, const ThLexSet *pUser,
                            const char *z, size_t n, size_t iFrom, size_t iTo,
                            Describe *pArt, int *piKind){
  int rc;
  pArt->bKeep = 1;
  rc = describe_scan(pArt, pBuiltin, pUser, z, iFrom, iTo);
  if( rc==SQLITE_OK ) rc = describe_kind_of_text(pArt, z, n, piKind);
  return rc;
}

/* Adds to d what the trial's sentence z[iStart..iEnd) names: from the
** mentions of the article read so far (its first nRead bytes), and by
** scanning the rest. */
static int describe_sentence(Describe *d, const Describe *pArt, size_t nRead,
                             const ThLexSet *pBuiltin, const ThLexSet *pUser,
                             const char *z, size_t iStart, size_t iEnd){
  int rc = SQLITE_OK;
  if( iStart<nRead ){
    /* the mentions are kept in text order: the first at or after iStart
    ** by binary search (walking them all was quadratic in a long text of
    ** many trials whose lead names no kind) */
    int lo = 0, hi = pArt->nFound;
    while( lo<hi ){
      int mid = (lo+hi)/2;
      if( pArt->aFound[mid].iStart<iStart ) lo = mid+1; else hi = mid;
    }
    for(; rc==SQLITE_OK && lo<pArt->nFound && pArt->aFound[lo].iStart<iEnd;
        lo++){
      rc = describe_add(d, &pArt->aFound[lo]);
    }
    iStart = nRead;
  }
  if( rc==SQLITE_OK ) rc = describe_scan(d, pBuiltin, pUser, z, iStart, iEnd);
  return rc;
}

int th_trials_describe(ThTrialList *pList, const ThLexSet *pBuiltin,
                       const ThLexSet *pUser, const char *z, size_t n){
  Describe art;
  int i, k, rc = SQLITE_OK, iArtKind = -1;
  size_t nRead = n, nParaBudget = 2*n;
  memset(&art, 0, sizeof(art));
  if( pList->n==0 ) return SQLITE_OK;
  if( n>LEAD_BYTES ){
    nRead = LEAD_BYTES;
    while( nRead>0 && z[nRead-1]!=' ' && z[nRead-1]!='\n' ) nRead--;
  }
  rc = describe_article(pBuiltin, pUser, z, n, 0, nRead, &art, &iArtKind);
  if( rc==SQLITE_OK && iArtKind<0 && nRead<n ){
    /* the lead names no kind: the rest of the text too */
    rc = describe_article(pBuiltin, pUser, z, n, nRead, n, &art, &iArtKind);
    nRead = n;
  }
  for(i=0; rc==SQLITE_OK && i<pList->n; i++){
    ThTrial *t = &pList->a[i];
    Describe d;
    memset(&d, 0, sizeof(d));
    for(k=0; rc==SQLITE_OK && k<t->nEvidence; k++){
      rc = describe_sentence(&d, &art, nRead, pBuiltin, pUser, z,
                             t->aEvidence[k].iStart,
                             t->aEvidence[k].iStart + t->aEvidence[k].nLen);
    }
    if( rc!=SQLITE_OK ) break;
    /* therapy_kind() of the article; the trial's own sentences decide
    ** only when the article's kind is unclear */
    t->iKind = iArtKind>=0 ? iArtKind : describe_kind(&d);
    t->zCondition = describe_condition(&d, &art);
    if( (t->zCondition==0 || is_complication(t->zCondition))
     && t->nEvidence>0 ){
      /* the paragraph that introduces the trial ('In Angelman syndrome,
      ** the drug ...'), read within a budget that keeps this linear */
      ThSpan par = paragraph_at(z, n, t->first.iStart);
      if( par.nLen<=nParaBudget ){
        Describe dp;
        const char *zPar;
        memset(&dp, 0, sizeof(dp));
        nParaBudget -= par.nLen;
        rc = describe_sentence(&dp, &art, nRead, pBuiltin, pUser, z,
                               par.iStart, par.iStart + par.nLen);
        zPar = describe_condition(&dp, &art);
        if( zPar && !is_complication(zPar) ) t->zCondition = zPar;
      }
    }
    if( t->zCondition==0 || is_complication(t->zCondition) ){
      /* the article's condition, for a trial whose sentences name none
      ** or only a complication ('free of vaso-occlusive crises') */
      const char *zArt = describe_condition(&art, &art);
      if( zArt && (t->zCondition==0 || !is_complication(zArt)) ){
        t->zCondition = zArt;
      }
    }
  }
  sqlite3_free(art.aFound);
  return rc;
}
