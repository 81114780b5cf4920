/*
** lexicon.c -- the lexicons of the extension and the mentions they find
** (plain C, no SQL).  API in lexicon.h; the SQL functions that use it
** (extract_entities, therapy_kind, therapy_kinds, therapy_lexicon) are in
** entities.c.
**
** The built-in lexicon
**
**   The terms of the data/lexicon TSV files are compiled in as the array
**   th_data_lexicon.  Their matcher (lexmatch.c) takes some 4 ms and
**   1.7 MB to build, so it is built once and shared read-only by all
**   connections and threads, at the first use of a function (not when the
**   extension is loaded, which must stay fast).  Each connection that uses
**   it holds it from its first use until it closes
**   (th_lexset_builtin_acquire / _release); the last one to close frees
**   it.  This matters for the loadable extension: SQLite unloads its code
**   when the last connection that loaded it closes, and memory that only
**   the unloaded code could reach would be lost.  A process that keeps a
**   connection open builds the lexicon once.
**
**   This is the one process-wide object of the extension: the pointer
**   pBuiltinSet and its count of users below, read and written only under
**   the static mutex SQLITE_MUTEX_STATIC_APP2.  SQLite reserves the APP
**   mutexes for applications and their extensions and never holds them
**   itself; the code run under it only allocates and frees memory, so it
**   cannot deadlock with SQLite.  Reading the pointer under the mutex
**   means no thread sees a half-built set, without C11 atomics; callers
**   keep the pointer per connection, so the mutex is taken about twice
**   per connection.  An application that holds SQLITE_MUTEX_STATIC_APP2
**   itself must not call these functions meanwhile.
**
** User terms
**
**   A ThUserTerms list holds the terms one connection added.  Deleted
**   terms are only marked and dropped at the next rebuild, so a cursor
**   that walks the list by number (th_userterms_seek) is never confused by
**   a change.  The lexicon of the list is built again at the first
**   th_userterms_lexset() after a change; sets are reference-counted, so
**   the old one lives on as long as a cursor still reports its terms.
**
** DOIs
**
**   '10.' at the start of a word, a registrant code of 4 to 9 digits with
**   optional '.digits' parts, '/', then a suffix of printable ASCII
**   characters other than '"', '<' and '>' (so it ends at white space, at
**   any non-ASCII character such as a curly quote, and at HTML tags).
**   Trailing '.', ',', ';', ':', '!', '?' and '\'' are not part of it, nor
**   a closing ')', ']' or '}' that has no opening one in the suffix (so
**   10.1016/S0140-6736(19)30123-4 keeps its parentheses).  The mention
**   includes a 'doi:' written right before it and a URL prefix
**   'https://doi.org/' (also http, dx.doi.org, www.doi.org); a 'DOI: '
**   label with a space is not part of it.  Norm: the DOI in lower case.
**
** Trial registry ids
**
**   Formats are the rows of aRegistry below, one table (a prefix, the
**   prefix of the norm, a body format and flags), tried in order at the
**   start of a word: the first that matches wins.  A body format is a
**   string of:  '#m' or '#m,n' m (to n) digits, '@m' / '@m,n' capital
**   letters, '%m' / '%m,n' small letters, anything else a literal byte.
**   Runs are greedy, so a body cannot be a prefix of a longer number.  The
**   id must not be followed by a letter or digit, nor by '.', '-' or '/'
**   plus a digit.  A body whose digits are all 0 (NCT00000000) is a
**   placeholder, not an id.
**   EudraCT and EU CT (CTIS) numbers (2018-004512-37, 2022-500014-26-00)
**   have no prefix of their own: they count only within 100 bytes after a
**   keyword of aEuKeyword ('EudraCT', 'EU CT', 'EU Clinical Trials
**   Register', 'CTIS' ...), within 32 bytes after another EU number (a
**   list), or with such a keyword in the 40 bytes after them.  Norm: the
**   number without a country suffix ('2019-004127-33-DE' ->
**   '2019-004127-33').
**
**   Every id has a digit within a few bytes of its start, so the scan
**   jumps from digit run to digit run (8 bytes at a time through prose)
**   and tries only the word starts just before each run: it runs at some
**   800 MB/s on article text.
*/
#include <string.h>
#include "lexicon.h"
#include "kind.h"

extern const char *const th_data_lexicon[];

/* ---- term types ---------------------------------------------------------- */

static const char *const azLexType[TH_N_LEX_TYPE] = {
  "modality", "vector", "disease", "gene", "drug", "product", "cell_type",
  "journal", "organisation"
};

const char *th_lex_type_name(int i){
  return (i>=0 && i<TH_N_LEX_TYPE) ? azLexType[i] : 0;
}

int th_lex_type_index(const char *z, size_t n){
  int i;
  for(i=0; i<TH_N_LEX_TYPE; i++){
    if( strlen(azLexType[i])==n && memcmp(azLexType[i], z, n)==0 ) return i;
  }
  return -1;
}

/* ---- lexicon sets -------------------------------------------------------- */

static void lexset_free(ThLexSet *p){
  if( p==0 ) return;
  th_lexicon_free(p->pLex);
  sqlite3_free(p->aKind);
  sqlite3_free(p->aKindType);
  sqlite3_free(p);
}

void th_lexset_unref(ThLexSet *p){
  if( p && --p->nRef<=0 ) lexset_free(p);
}

static int lexset_new(ThLexSet **pp){
  ThLexSet *p = sqlite3_malloc64(sizeof(*p));
  *pp = 0;
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->nRef = 1;
  if( th_lexicon_new(&p->pLex) ){
    sqlite3_free(p);
    return SQLITE_NOMEM;
  }
  *pp = p;
  return SQLITE_OK;
}

/* Fills aKind and aKindType from the term table of p->pLex. */
static int lexset_index(ThLexSet *p){
  int i, n = th_lexicon_term_count(p->pLex);
  p->nTerm = n;
  p->aKind = sqlite3_malloc64((sqlite3_uint64)n + 1);
  p->aKindType = sqlite3_malloc64((sqlite3_uint64)n + 1);
  if( p->aKind==0 || p->aKindType==0 ) return SQLITE_NOMEM;
  for(i=0; i<n; i++){
    const ThLexTerm *pTerm = th_lexicon_term(p->pLex, i);
    p->aKind[i] = (signed char)(pTerm->zKind[0]
        ? th_kind_from_name(pTerm->zKind, strlen(pTerm->zKind)) : -1);
    p->aKindType[i] = (unsigned char)th_kind_term_type(pTerm->zType);
  }
  return SQLITE_OK;
}

/* The one process-wide object (see the header comment): the built-in set
** and the number of its users, both only read or written under the mutex
** SQLITE_MUTEX_STATIC_APP2. */
static ThLexSet *pBuiltinSet = 0;
static int nBuiltinUser = 0;

static int builtin_build(ThLexSet **pp){
  ThLexSet *p = 0;
  int rc = lexset_new(&p);
  if( rc==SQLITE_OK ) rc = th_lexicon_add_tsv(p->pLex, th_data_lexicon, 0);
  if( rc==SQLITE_OK ) rc = lexset_index(p);
  if( rc!=SQLITE_OK ){
    lexset_free(p);
    return rc==SQLITE_ERROR ? SQLITE_CORRUPT : rc;
  }
  *pp = p;
  return SQLITE_OK;
}

int th_lexset_builtin_acquire(const ThLexSet **pp){
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_APP2);
  int rc = SQLITE_OK;
  sqlite3_mutex_enter(pMutex);
  if( pBuiltinSet==0 ) rc = builtin_build(&pBuiltinSet);
  if( rc==SQLITE_OK ) nBuiltinUser++;
  *pp = pBuiltinSet;
  sqlite3_mutex_leave(pMutex);
  return rc;
}

void th_lexset_builtin_release(void){
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_APP2);
  sqlite3_mutex_enter(pMutex);
  if( nBuiltinUser>0 && --nBuiltinUser==0 ){
    lexset_free(pBuiltinSet);
    pBuiltinSet = 0;
  }
  sqlite3_mutex_leave(pMutex);
}

/* ---- user terms ---------------------------------------------------------- */

struct ThUserTerms {
  ThUserTerm *a;            /* terms by number, deleted ones included */
  int n, nAlloc;            /* entries used, allocated */
  int nLive;                /* entries not deleted */
  sqlite3_int64 iNextId;    /* number of the next term */
  ThLexSet *pSet;           /* lexicon of the terms when !bDirty */
  int bDirty;               /* changed since pSet was built */
};

int th_userterms_new(ThUserTerms **pp){
  ThUserTerms *p = sqlite3_malloc64(sizeof(*p));
  *pp = 0;
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->iNextId = 1;
  *pp = p;
  return SQLITE_OK;
}

void th_userterms_free(ThUserTerms *p){
  int i;
  if( p==0 ) return;
  for(i=0; i<p->n; i++) sqlite3_free(p->a[i].zTerm);
  sqlite3_free(p->a);
  th_lexset_unref(p->pSet);
  sqlite3_free(p);
}

/* Sets the values of pT (its strings in one allocation: term, norm). */
static int userterm_set(ThUserTerm *pT, const char *zTerm, const char *zNorm,
                        int iType, int iKind, int bCaseSensitive){
  size_t nTerm = strlen(zTerm);
  size_t nNorm;
  char *z;
  if( zNorm==0 ) zNorm = zTerm;
  nNorm = strlen(zNorm);
  z = sqlite3_malloc64(nTerm + nNorm + 2);
  if( z==0 ) return SQLITE_NOMEM;
  memcpy(z, zTerm, nTerm+1);
  memcpy(z+nTerm+1, zNorm, nNorm+1);
  sqlite3_free(pT->zTerm);
  pT->zTerm = z;
  pT->zNorm = z + nTerm + 1;
  pT->zType = th_lex_type_name(iType);
  pT->zKind = iKind>=0 ? th_kind_name(iKind) : "";
  if( pT->zType==0 ) pT->zType = "";
  if( pT->zKind==0 ) pT->zKind = "";
  pT->bCaseSensitive = bCaseSensitive!=0;
  return SQLITE_OK;
}

/* Drops the deleted entries (numbers stay as they are). */
static void userterms_compact(ThUserTerms *p){
  int i, j = 0;
  for(i=0; i<p->n; i++){
    if( p->a[i].bDeleted ){
      sqlite3_free(p->a[i].zTerm);
    }else{
      p->a[j++] = p->a[i];
    }
  }
  p->n = j;
}

int th_userterms_add(ThUserTerms *p, const char *zTerm, const char *zNorm,
                     int iType, int iKind, int bCaseSensitive,
                     sqlite3_int64 *piId){
  ThUserTerm *pT;
  int rc;
  if( p->n>=p->nAlloc ){
    int nNew = p->nAlloc ? p->nAlloc*2 : 16;
    ThUserTerm *aNew;
    if( p->n > 2*p->nLive ) userterms_compact(p);
    aNew = sqlite3_realloc64(p->a, sizeof(ThUserTerm)*(sqlite3_uint64)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->a = aNew;
    p->nAlloc = nNew;
  }
  pT = &p->a[p->n];
  memset(pT, 0, sizeof(*pT));
  rc = userterm_set(pT, zTerm, zNorm, iType, iKind, bCaseSensitive);
  if( rc ) return rc;
  pT->iId = p->iNextId++;
  p->n++;
  p->nLive++;
  p->bDirty = 1;
  if( piId ) *piId = pT->iId;
  return SQLITE_OK;
}

/* Index of the first entry whose number is iId or more (p->n if none). */
static int userterms_lower_bound(const ThUserTerms *p, sqlite3_int64 iId){
  int lo = 0, hi = p->n;
  while( lo<hi ){
    int mid = lo + (hi-lo)/2;
    if( p->a[mid].iId < iId ) lo = mid+1; else hi = mid;
  }
  return lo;
}

static ThUserTerm *userterms_find(ThUserTerms *p, sqlite3_int64 iId){
  int i = userterms_lower_bound(p, iId);
  if( i<p->n && p->a[i].iId==iId && !p->a[i].bDeleted ) return &p->a[i];
  return 0;
}

int th_userterms_replace(ThUserTerms *p, sqlite3_int64 iId,
                         const char *zTerm, const char *zNorm,
                         int iType, int iKind, int bCaseSensitive){
  ThUserTerm *pT = userterms_find(p, iId);
  int rc;
  if( pT==0 ) return SQLITE_NOTFOUND;
  rc = userterm_set(pT, zTerm, zNorm, iType, iKind, bCaseSensitive);
  if( rc==SQLITE_OK ) p->bDirty = 1;
  return rc;
}

int th_userterms_delete(ThUserTerms *p, sqlite3_int64 iId){
  ThUserTerm *pT = userterms_find(p, iId);
  if( pT==0 ) return SQLITE_NOTFOUND;
  pT->bDeleted = 1;
  p->nLive--;
  p->bDirty = 1;
  return SQLITE_OK;
}

const ThUserTerm *th_userterms_seek(const ThUserTerms *p, sqlite3_int64 iId){
  int i = userterms_lower_bound(p, iId);
  while( i<p->n && p->a[i].bDeleted ) i++;
  return i<p->n ? &p->a[i] : 0;
}

int th_userterms_count(const ThUserTerms *p){
  return p->nLive;
}

int th_userterms_lexset(ThUserTerms *p, ThLexSet **ppSet){
  *ppSet = 0;
  if( p->bDirty ){
    ThLexSet *pNew = 0;
    int i, rc = SQLITE_OK;
    userterms_compact(p);
    if( p->nLive>0 ){
      rc = lexset_new(&pNew);
      for(i=0; rc==SQLITE_OK && i<p->n; i++){
        ThLexTerm t;
        t.zTerm = p->a[i].zTerm;
        t.zType = p->a[i].zType;
        t.zNorm = p->a[i].zNorm;
        t.zKind = p->a[i].zKind;
        t.bCaseSensitive = p->a[i].bCaseSensitive;
        rc = th_lexicon_add_term(pNew->pLex, &t, 0);
      }
      if( rc==SQLITE_OK ) rc = lexset_index(pNew);
      if( rc!=SQLITE_OK ){
        th_lexset_unref(pNew);
        return rc==SQLITE_NOMEM ? rc : SQLITE_TOOBIG;
      }
    }
    th_lexset_unref(p->pSet);
    p->pSet = pNew;
    p->bDirty = 0;
  }
  if( p->pSet ){
    p->pSet->nRef++;
    *ppSet = p->pSet;
  }
  return SQLITE_OK;
}

/* ---- registry ids: the formats ------------------------------------------- */

#define REG_SEP      0x01   /* up to 2 separators after the prefix: space,
                            ** no-break space, '#', ':', '-', '_' */
#define REG_CASE     0x02   /* the prefix only as written (else any case) */
#define REG_KEYWORD  0x04   /* no prefix: only near a keyword of aEuKeyword */
#define REG_COUNTRY  0x08   /* may end with '-DE' or '/DE' (not in the norm) */

typedef struct ThRegistry {
  const char *zPrefix;      /* as printed; "" for REG_KEYWORD formats */
  const char *zNorm;        /* the norm is this, then the body */
  const char *zBody;        /* format of the number (see the top) */
  int flags;                /* REG_* */
} ThRegistry;

/* All registry formats, tried in this order.  Sources: the id formats
** published by each registry (WHO ICTRP primary registries). */
static const ThRegistry aRegistry[] = {
  /* ClinicalTrials.gov: NCT01234567 */
  { "NCT",     "NCT",     "#8",            REG_SEP },
  /* ISRCTN registry: ISRCTN12345678 */
  { "ISRCTN",  "ISRCTN",  "#8",            REG_SEP },
  /* Australian New Zealand Clinical Trials Registry: ACTRN12620000391865 */
  { "ACTRN",   "ACTRN",   "#14",           REG_SEP },
  /* Chinese Clinical Trial Registry: ChiCTR-TRC-12002345, ChiCTR2000029308 */
  { "ChiCTR-", "ChiCTR-", "@3-#8",         0 },
  { "ChiCTR",  "ChiCTR",  "#10",           REG_SEP },
  /* German Clinical Trials Register: DRKS00025930 */
  { "DRKS",    "DRKS",    "#8",            REG_SEP },
  /* Clinical Trials Registry - India: CTRI/2020/06/026114,
  ** CTRI/2009/091/000123 */
  { "CTRI/",   "CTRI/",   "#4/#2,3/#6",    0 },
  /* UMIN Clinical Trials Registry (Japan): UMIN000046218 */
  { "UMIN",    "UMIN",    "#9",            REG_SEP },
  /* Japan Registry of Clinical Trials: jRCT2031190046, jRCTs031180001 */
  { "jRCT",    "jRCT",    "%0,1#9,10",     0 },
  /* Clinical Research Information Service (Korea): KCT0001234 */
  { "KCT",     "KCT",     "#7",            REG_SEP },
  /* Netherlands: OMON, Netherlands Trial Register (NTR1234, NL7891) */
  { "NL-OMON", "NL-OMON", "#1,6",          REG_CASE },
  { "NTR",     "NTR",     "#1,5",          REG_SEP|REG_CASE },
  { "NL",      "NL",      "#4,5",          REG_CASE },
  /* Pan African Clinical Trials Registry: PACTR201905538849165 */
  { "PACTR",   "PACTR",   "#15",           REG_SEP },
  /* Iranian Registry of Clinical Trials: IRCT20150303021315N17 */
  { "IRCT",    "IRCT",    "#10,14N#1,3",   0 },
  /* EU Clinical Trials Register as listed by WHO ICTRP:
  ** EUCTR2018-004512-37-DE */
  { "EUCTR",   "",        "20#2-#6-#2",    REG_COUNTRY },
  /* EU CT numbers of CTIS (2022-500014-26-00) and EudraCT numbers
  ** (2018-004512-37), only near a keyword */
  { "",        "",        "20#2-#6-#2-#2", REG_KEYWORD },
  { "",        "",        "20#2-#6-#2",    REG_KEYWORD|REG_COUNTRY },
};

#define N_REGISTRY ((int)(sizeof(aRegistry)/sizeof(aRegistry[0])))

/* One bit per format in ThIdScan.aFirst, two bits are taken. */
_Static_assert(sizeof(aRegistry)/sizeof(aRegistry[0]) <= 62,
               "too many registry formats for a 64-bit mask");

/* Words that make a nearby EudraCT or EU CT number count, matched in any
** case at the start of a word and followed by a non-word character. */
static const char *const aEuKeyword[] = {
  "EudraCT", "EU CT", "EU-CT", "EUCT", "EU CTR", "EU-CTR", "EUCTR",
  "EU Clinical Trials Register", "EU Clinical Trial Register",
  "EU Clinical Trials Information System", "Clinical Trials Information System",
  "CTIS", "EU trial number", "EU trial",
};

#define N_EU_KEYWORD ((int)(sizeof(aEuKeyword)/sizeof(aEuKeyword[0])))

/* An EU number counts if a keyword ends at most EU_WINDOW_AFTER bytes
** before it, another EU number at most EU_WINDOW_LIST bytes before it (a
** list), or a keyword starts at most EU_WINDOW_BEFORE bytes after it. */
#define EU_WINDOW_AFTER   100
#define EU_WINDOW_LIST    32
#define EU_WINDOW_BEFORE  40

/* Bits of ThIdScan.aFirst/aSecond for DOIs and the keywords of
** aEuKeyword; bits 0..N_REGISTRY-1 are the registry formats. */
#define FIRST_DOI         (((sqlite3_uint64)1)<<63)
#define FIRST_EU_KEYWORD  (((sqlite3_uint64)1)<<62)

int th_registry_count(void){ return N_REGISTRY; }

/* ---- small byte helpers -------------------------------------------------- */

static int is_digit(unsigned char c){ return c>='0' && c<='9'; }
static int is_upper(unsigned char c){ return c>='A' && c<='Z'; }
static int is_lower(unsigned char c){ return c>='a' && c<='z'; }
static int is_alnum(unsigned char c){
  return is_digit(c) || is_upper(c) || is_lower(c);
}
static unsigned char to_lower(unsigned char c){
  return is_upper(c) ? (unsigned char)(c + 32) : c;
}

/* True if z[i..n) starts with zWord, ASCII case ignored unless bCase. */
static int starts_with(const unsigned char *z, size_t n, size_t i,
                       const char *zWord, int bCase){
  size_t k;
  for(k=0; zWord[k]; k++){
    unsigned char a, b = (unsigned char)zWord[k];
    if( i+k>=n ) return 0;
    a = z[i+k];
    if( bCase ? a!=b : to_lower(a)!=to_lower(b) ) return 0;
  }
  return 1;
}

/* True if z[0..i) ends with zWord, ASCII case ignored. */
static int ends_with(const unsigned char *z, size_t i, const char *zWord){
  size_t m = strlen(zWord);
  return m<=i && starts_with(z, i, i-m, zWord, 0);
}

/* ---- registry ids: matching ---------------------------------------------- */

/* Reads a count "m" or "m,n" of a body format at *pz. */
static void body_count(const char **pz, int *pLo, int *pHi){
  const char *z = *pz;
  int lo = 0, hi;
  while( is_digit((unsigned char)*z) ) lo = lo*10 + (*z++ - '0');
  hi = lo;
  if( *z==',' ){
    z++;
    hi = 0;
    while( is_digit((unsigned char)*z) ) hi = hi*10 + (*z++ - '0');
  }
  *pz = z;
  *pLo = lo;
  *pHi = hi;
}

static int class_holds(char cClass, unsigned char c){
  if( cClass=='#' ) return is_digit(c);
  if( cClass=='@' ) return is_upper(c);
  return is_lower(c);
}

/* Matches the body format zSpec at z[i..n): the end of the body, or 0.
** *pbNonZero is set if a digit of a '#' run is not 0. */
static size_t body_match(const char *zSpec, const unsigned char *z, size_t n,
                         size_t i, int *pbNonZero){
  *pbNonZero = 0;
  while( *zSpec ){
    char c = *zSpec++;
    if( c=='#' || c=='@' || c=='%' ){
      int lo, hi, k = 0;
      body_count(&zSpec, &lo, &hi);
      while( k<=hi && i+k<n && class_holds(c, z[i+k]) ){
        if( c=='#' && z[i+k]!='0' ) *pbNonZero = 1;
        k++;
      }
      if( k<lo || k>hi ) return 0;
      i += (size_t)k;
    }else{
      if( i>=n || z[i]!=(unsigned char)c ) return 0;
      i++;
    }
  }
  return i;
}

/* True if an id may end at z[i]: no letter or digit follows, nor '.',
** '-' or '/' plus a digit. */
static int id_may_end(const unsigned char *z, size_t n, size_t i){
  if( i>=n ) return 1;
  if( is_alnum(z[i]) ) return 0;
  if( (z[i]=='.' || z[i]=='-' || z[i]=='/') && i+1<n && is_digit(z[i+1]) ){
    return 0;
  }
  return 1;
}

/* Skips up to two separators after a prefix. */
static size_t skip_separators(const unsigned char *z, size_t n, size_t i){
  int k;
  for(k=0; k<2 && i<n; k++){
    unsigned char c = z[i];
    if( c==' ' || c=='#' || c==':' || c=='-' || c=='_' ){
      i++;
    }else if( c==0xC2 && i+1<n && z[i+1]==0xA0 ){
      i += 2;
    }else{
      break;
    }
  }
  return i;
}

/* End of a keyword of aEuKeyword at z[i], or 0.  The first two bytes are
** checked against the scan's tables first (bit FIRST_EU_KEYWORD). */
static size_t eu_keyword_at(const ThIdScan *s, size_t i){
  const unsigned char *z = (const unsigned char*)s->z;
  size_t n = s->n;
  int k;
  if( i+1>=n || (z[i]|z[i+1])>=0x80
   || (s->aFirst[z[i]] & s->aSecond[z[i+1]] & FIRST_EU_KEYWORD)==0 ){
    return 0;
  }
  for(k=0; k<N_EU_KEYWORD; k++){
    if( starts_with(z, n, i, aEuKeyword[k], 0) ){
      size_t e = i + strlen(aEuKeyword[k]);
      if( e>=n || !is_alnum(z[e]) ) return e;
    }
  }
  return 0;
}

/* True if z[i] starts a word. */
static int word_start(const unsigned char *z, size_t i){
  return i==0 || !is_alnum(z[i-1]);
}

/* True if a keyword of aEuKeyword starts in z[i..i+nWin). */
static int eu_keyword_after(const ThIdScan *s, size_t i, size_t nWin){
  const unsigned char *z = (const unsigned char*)s->z;
  size_t e = i + nWin < s->n ? i + nWin : s->n;
  for(; i<e; i++){
    if( word_start(z, i) && eu_keyword_at(s, i) ) return 1;
  }
  return 0;
}

/* True if a keyword of aEuKeyword ends at most nWin bytes before z[i].
** The places before s->iKwFrom were searched by an earlier call, which
** kept the end of the last keyword found, so every place is searched once
** however many numbers there are. */
static int eu_keyword_before(ThIdScan *s, size_t i, size_t nWin){
  const unsigned char *z = (const unsigned char*)s->z;
  size_t k = i > nWin + 64 ? i - nWin - 64 : 0;
  if( k<s->iKwFrom ) k = s->iKwFrom;
  for(; k<i; k++){
    if( word_start(z, k) ){
      size_t e = eu_keyword_at(s, k);
      if( e && e<=i ){
        s->bKeyword = 1;
        s->iKwEnd = e;
      }
    }
  }
  if( i>s->iKwFrom ) s->iKwFrom = i;
  return s->bKeyword && s->iKwEnd<=i && i - s->iKwEnd <= nWin;
}

/* Tries registry format iReg at z[i]; fills pOut and returns 1 if found. */
static int registry_match(ThIdScan *s, int iReg, size_t i, ThEntity *pOut){
  const ThRegistry *pReg = &aRegistry[iReg];
  const unsigned char *z = (const unsigned char*)s->z;
  size_t n = s->n, iBody, iEnd, iCoreEnd;
  int bNonZero;
  if( pReg->flags & REG_KEYWORD ){
    if( i>0 && (z[i-1]=='-' || z[i-1]=='/' || z[i-1]=='.') ) return 0;
    iBody = i;
  }else{
    if( !starts_with(z, n, i, pReg->zPrefix, pReg->flags & REG_CASE) ) return 0;
    iBody = i + strlen(pReg->zPrefix);
    if( pReg->flags & REG_SEP ) iBody = skip_separators(z, n, iBody);
  }
  iEnd = body_match(pReg->zBody, z, n, iBody, &bNonZero);
  if( iEnd==0 || !bNonZero ) return 0;
  iCoreEnd = iEnd;
  if( (pReg->flags & REG_COUNTRY) && iEnd+2<n
   && (z[iEnd]=='-' || z[iEnd]=='/')
   && is_upper(z[iEnd+1]) && is_upper(z[iEnd+2])
   && id_may_end(z, n, iEnd+3) ){
    iEnd += 3;
  }
  if( !id_may_end(z, n, iEnd) ) return 0;
  if( pReg->flags & REG_KEYWORD ){
    int bNear = s->bEuNumber && i - s->iEuEnd <= EU_WINDOW_LIST;
    if( !bNear
     && !eu_keyword_before(s, i, EU_WINDOW_AFTER)
     && !eu_keyword_after(s, iEnd, EU_WINDOW_BEFORE) ){
      return 0;
    }
    s->bEuNumber = 1;
    s->iEuEnd = iEnd;
  }
  memset(pOut, 0, sizeof(*pOut));
  pOut->eEntity = TH_ENTITY_REGISTRY;
  pOut->iStart = i;
  pOut->nLen = iEnd - i;
  pOut->iCore = iBody;
  pOut->nCore = iCoreEnd - iBody;
  pOut->iRegistry = iReg;
  pOut->iKind = -1;
  return 1;
}

/* ---- DOIs ---------------------------------------------------------------- */

/* A DOI whose '10.' is at z[i]: fills pOut and returns 1 if found. */
static int doi_match(ThIdScan *s, size_t i, ThEntity *pOut){
  const unsigned char *z = (const unsigned char*)s->z;
  size_t n = s->n, j, k, iStart;
  int nDigit, nOpen[3] = {0,0,0}, nClose[3] = {0,0,0}, bAlnum = 0;
  if( i+3>n || z[i]!='1' || z[i+1]!='0' || z[i+2]!='.' ) return 0;
  if( i>0 && (z[i-1]=='.' || z[i-1]=='-') ) return 0;
  j = i + 3;
  for(nDigit=0; j<n && is_digit(z[j]) && nDigit<10; nDigit++) j++;
  if( nDigit<4 || nDigit>9 ) return 0;
  while( j+1<n && z[j]=='.' && is_digit(z[j+1]) && j-i<64 ){
    j++;
    while( j<n && is_digit(z[j]) ) j++;
  }
  if( j>=n || z[j]!='/' ) return 0;
  j++;
  for(k=j; k<n && z[k]>0x20 && z[k]<0x7F; k++){
    unsigned char c = z[k];
    if( c=='"' || c=='<' || c=='>' ) break;
    if( c=='(' ) nOpen[0]++;
    else if( c==')' ) nClose[0]++;
    else if( c=='[' ) nOpen[1]++;
    else if( c==']' ) nClose[1]++;
    else if( c=='{' ) nOpen[2]++;
    else if( c=='}' ) nClose[2]++;
  }
  while( k>j ){
    unsigned char c = z[k-1];
    if( strchr(".,;:!?'", c) ){
      k--;
    }else if( c==')' && nClose[0]>nOpen[0] ){
      k--; nClose[0]--;
    }else if( c==']' && nClose[1]>nOpen[1] ){
      k--; nClose[1]--;
    }else if( c=='}' && nClose[2]>nOpen[2] ){
      k--; nClose[2]--;
    }else{
      break;
    }
  }
  while( j<k && !bAlnum ) bAlnum = is_alnum(z[j++]);
  if( !bAlnum ) return 0;
  /* a 'doi:' or doi.org URL written right before it */
  iStart = i;
  if( ends_with(z, i, "doi:") ){
    iStart = i - 4;
  }else if( ends_with(z, i, "doi.org/") ){
    iStart = i - 8;
    if( ends_with(z, iStart, "dx.") ) iStart -= 3;
    else if( ends_with(z, iStart, "www.") ) iStart -= 4;
    if( ends_with(z, iStart, "https://") ) iStart -= 8;
    else if( ends_with(z, iStart, "http://") ) iStart -= 7;
  }
  if( iStart<s->iLastEnd ) iStart = i;
  memset(pOut, 0, sizeof(*pOut));
  pOut->eEntity = TH_ENTITY_DOI;
  pOut->iStart = iStart;
  pOut->nLen = k - iStart;
  pOut->iCore = i;
  pOut->nCore = k - i;
  pOut->iKind = -1;
  return 1;
}

/* ---- the id scan --------------------------------------------------------- */

/* Sets bit for byte c in aTab, in both cases unless bCase. */
static void byte_mark(sqlite3_uint64 *aTab, unsigned char c,
                      sqlite3_uint64 bit, int bCase){
  aTab[c & 0x7F] |= bit;
  if( bCase ) return;
  if( is_lower(c) ) aTab[c-32] |= bit;
  if( is_upper(c) ) aTab[c+32] |= bit;
}

/* Bytes an id of format pReg may have before its first digit, at most. */
static size_t registry_lead(const ThRegistry *pReg){
  const char *z = pReg->zBody;
  size_t nLead = strlen(pReg->zPrefix) + ((pReg->flags & REG_SEP) ? 4 : 0);
  while( *z && *z!='#' ){
    if( *z=='@' || *z=='%' ){
      int lo, hi;
      z++;
      body_count(&z, &lo, &hi);
      nLead += (size_t)hi;
    }else{
      nLead++;
      z++;
    }
  }
  return nLead;
}

void th_id_scan_init(ThIdScan *p, const char *z, size_t n){
  int k;
  unsigned char c;
  memset(p, 0, sizeof(*p));
  p->z = z;
  p->n = n;
  byte_mark(p->aFirst, '1', FIRST_DOI, 1);
  byte_mark(p->aSecond, '0', FIRST_DOI, 1);
  for(k=0; k<N_EU_KEYWORD; k++){
    byte_mark(p->aFirst, (unsigned char)aEuKeyword[k][0], FIRST_EU_KEYWORD, 0);
    byte_mark(p->aSecond, (unsigned char)aEuKeyword[k][1], FIRST_EU_KEYWORD, 0);
  }
  for(k=0; k<N_REGISTRY; k++){
    const ThRegistry *pReg = &aRegistry[k];
    sqlite3_uint64 bit = ((sqlite3_uint64)1)<<k;
    size_t nLead = registry_lead(pReg);
    if( nLead>p->nLead ) p->nLead = nLead;
    if( pReg->flags & REG_KEYWORD ){
      for(c='0'; c<='9'; c++){
        byte_mark(p->aFirst, c, bit, 1);
        byte_mark(p->aSecond, c, bit, 1);
      }
    }else{
      byte_mark(p->aFirst, (unsigned char)pReg->zPrefix[0], bit,
                pReg->flags & REG_CASE);
      byte_mark(p->aSecond, (unsigned char)pReg->zPrefix[1], bit,
                pReg->flags & REG_CASE);
    }
  }
}

/* Tries every format that may start at z[i] (a word start). */
static int id_try(ThIdScan *s, size_t i, sqlite3_uint64 mask, ThEntity *pOut){
  int k;
  if( (mask & FIRST_DOI) && doi_match(s, i, pOut) ) return 1;
  for(k=0; k<N_REGISTRY; k++){
    if( (mask & (((sqlite3_uint64)1)<<k)) && registry_match(s, k, i, pOut) ){
      return 1;
    }
  }
  return 0;
}

/* The first digit in z[i..n), or n.  Eight bytes at a time: (b ^ '0') is
** below 10 only for a digit, and "some byte below 10" is the usual
** subtract-and-mask test (exact as a yes/no answer). */
static size_t next_digit(const unsigned char *z, size_t i, size_t n){
  const sqlite3_uint64 ones = 0x0101010101010101ULL;
  while( i+8<=n ){
    sqlite3_uint64 x;
    memcpy(&x, z+i, 8);
    x ^= ones*'0';
    if( ((x - ones*10) & ~x & (ones*0x80))!=0 ) break;
    i += 8;
  }
  while( i<n && !is_digit(z[i]) ) i++;
  return i;
}

/* Every id has a digit no more than nLead bytes after its start.  So the
** scan jumps from digit run to digit run (digits are rare in prose) and
** tries the word starts from nLead bytes before each run up to its first
** digit; a place is tried once. */
int th_id_scan_next(ThIdScan *p, ThEntity *pOut){
  const unsigned char *z = (const unsigned char*)p->z;
  size_t i = p->iPos, n = p->n;
  while( i<n ){
    size_t j, iDigit;
    i = next_digit(z, i, n);
    if( i>=n ) break;
    iDigit = i;
    j = iDigit > p->nLead ? iDigit - p->nLead : 0;
    if( j<p->iTried ) j = p->iTried;
    for(; j<=iDigit && j+1<n; j++){
      unsigned char c = z[j], c2 = z[j+1];
      sqlite3_uint64 mask;
      if( (c|c2)>=0x80 ) continue;
      mask = p->aFirst[c] & p->aSecond[c2];
      if( mask==0 || (j>0 && is_alnum(z[j-1])) ) continue;
      if( id_try(p, j, mask, pOut) ){
        p->iPos = p->iTried = pOut->iStart + pOut->nLen;
        p->iLastEnd = p->iPos;
        return 1;
      }
    }
    while( i<n && is_digit(z[i]) ) i++;
    p->iTried = i;
  }
  p->iPos = p->iTried = n;
  return 0;
}

/* ---- the entity scan ----------------------------------------------------- */

/* State of th_entities_scan(): the lexicons, and the next id found but not
** yet reported. */
typedef struct EntScan {
  const ThLexSet *apSet[2];
  ThEntityFunc xEntity;
  void *pCtx;
  int bIds;                 /* look for ids */
  ThIdScan ids;
  int bPending;             /* pending holds the next id */
  ThEntity pending;
} EntScan;

/* Loads the next id into pending (or clears bPending). */
static void ent_next_id(EntScan *s){
  s->bPending = s->bIds && th_id_scan_next(&s->ids, &s->pending);
}

/* Reports the ids that end at or before iUpTo. */
static int ent_flush_ids(EntScan *s, size_t iUpTo){
  while( s->bPending && s->pending.iStart + s->pending.nLen <= iUpTo ){
    int rc = s->xEntity(s->pCtx, &s->pending);
    if( rc ) return rc;
    ent_next_id(s);
  }
  return SQLITE_OK;
}

static int ent_on_match(void *pCtx, int iLex, int iTerm,
                        size_t iStart, size_t nLen){
  EntScan *s = (EntScan*)pCtx;
  const ThLexSet *pSet = s->apSet[iLex];
  ThEntity e;
  int rc = ent_flush_ids(s, iStart);
  if( rc ) return rc;
  if( s->bPending && s->pending.iStart < iStart + nLen ){
    return SQLITE_OK;       /* inside an id */
  }
  memset(&e, 0, sizeof(e));
  e.pTerm = th_lexicon_term(pSet->pLex, iTerm);
  if( e.pTerm==0 || iTerm>=pSet->nTerm ) return SQLITE_OK;
  e.eEntity = TH_ENTITY_TERM;
  e.iStart = iStart;
  e.nLen = nLen;
  e.iKind = pSet->aKind[iTerm];
  e.iKindType = pSet->aKindType[iTerm];
  return s->xEntity(s->pCtx, &e);
}

int th_entities_scan(const ThLexSet *pBuiltin, const ThLexSet *pUser,
                     const char *z, size_t n, int bIds,
                     ThEntityFunc xEntity, void *pCtx){
  EntScan s;
  const ThLexicon *apLex[2];
  int rc;
  memset(&s, 0, sizeof(s));
  s.apSet[0] = pBuiltin;
  s.apSet[1] = pUser;
  s.xEntity = xEntity;
  s.pCtx = pCtx;
  s.bIds = bIds;
  if( bIds ) th_id_scan_init(&s.ids, z, n);
  ent_next_id(&s);
  apLex[0] = pBuiltin ? pBuiltin->pLex : 0;
  apLex[1] = pUser ? pUser->pLex : 0;
  rc = th_lexicon_scan(apLex, 2, z, n, ent_on_match, &s);
  if( rc==SQLITE_OK ) rc = ent_flush_ids(&s, (size_t)-1);
  return rc;
}

const char *th_entity_type(const ThEntity *p){
  switch( p->eEntity ){
    case TH_ENTITY_DOI:      return "doi";
    case TH_ENTITY_REGISTRY: return "registry_id";
    default:                 return p->pTerm ? p->pTerm->zType : "";
  }
}

int th_entity_norm(const ThEntity *p, const char *z, ThBuf *pOut){
  size_t k;
  switch( p->eEntity ){
    case TH_ENTITY_DOI:
      if( th_buf_reserve(pOut, p->nCore) ) return SQLITE_NOMEM;
      for(k=0; k<p->nCore; k++){
        th_buf_putc(pOut, (char)to_lower((unsigned char)z[p->iCore+k]));
      }
      return pOut->oom ? SQLITE_NOMEM : SQLITE_OK;
    case TH_ENTITY_REGISTRY: {
      const char *zNorm = aRegistry[p->iRegistry].zNorm;
      th_buf_append(pOut, zNorm, strlen(zNorm));
      th_buf_append(pOut, z + p->iCore, p->nCore);
      return pOut->oom ? SQLITE_NOMEM : SQLITE_OK;
    }
    default: {
      const ThLexTerm *t = p->pTerm;
      const char *zNorm = t->zNorm[0] ? t->zNorm : t->zTerm;
      th_buf_append(pOut, zNorm, strlen(zNorm));
      return pOut->oom ? SQLITE_NOMEM : SQLITE_OK;
    }
  }
}
