/*
** trial_ids.c -- DOIs and clinical-trial registry ids in text (plain C;
** API in trial_ids.h).  From SQL they are the 'doi' and 'registry_id' rows
** of extract_entities(text) and the trial_id / registry columns of
** extract_trials(text):
**
**   SELECT text, norm FROM extract_entities('See NCT 01234567.')
**    WHERE type='registry_id';                 -- NCT 01234567|NCT01234567
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
**   Formats are the rows of aRegistry below, one table (the registry, a
**   prefix, the prefix of the norm, a body format and flags), tried in
**   order at the
**   start of a word: the first that matches wins.  A body format is a
**   string of:  '#m' or '#m,n' m (to n) digits, '@m' / '@m,n' capital
**   letters, '%m' / '%m,n' small letters, '~m' / '~m,n' small letters or
**   digits, anything else a literal byte.
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
#include "trial_ids.h"
#include "bits.h"

#define REG_SEP      0x01   /* up to 2 separators after the prefix: space,
                            ** no-break space, '#', ':', '-', '_' */
#define REG_CASE     0x02   /* the prefix only as written (else any case) */
#define REG_KEYWORD  0x04   /* no prefix: only near a keyword of aEuKeyword */
#define REG_COUNTRY  0x08   /* may end with '-DE' or '/DE' (not in the norm) */

typedef struct ThRegistry {
  const char *zRegistry;    /* the registry's short name */
  const char *zPrefix;      /* as printed; "" for REG_KEYWORD formats */
  const char *zNorm;        /* the norm is this, then the body */
  const char *zBody;        /* format of the number (see the top) */
  int flags;                /* REG_* */
} ThRegistry;

/* All registry formats, tried in this order: the WHO ICTRP primary
** registries, ClinicalTrials.gov, EudraCT and CTIS, with the id formats
** each registry publishes (examples in the comments are made up). */
static const ThRegistry aRegistry[] = {
  /* ClinicalTrials.gov: NCT01234567 */
  { "ClinicalTrials.gov", "NCT",   "NCT",     "#8",          REG_SEP },
  /* ISRCTN registry: ISRCTN12345678 */
  { "ISRCTN",   "ISRCTN",   "ISRCTN",   "#8",                REG_SEP },
  /* Australian New Zealand Clinical Trials Registry: ACTRN12620000391865 */
  { "ANZCTR",   "ACTRN",    "ACTRN",    "#14",               REG_SEP },
  /* Chinese Clinical Trial Registry: ChiCTR-TRC-12002345, ChiCTR2000029308 */
  { "ChiCTR",   "ChiCTR-",  "ChiCTR-",  "@3-#8",             0 },
  { "ChiCTR",   "ChiCTR",   "ChiCTR",   "#10",               REG_SEP },
  /* German Clinical Trials Register: DRKS00025930 */
  { "DRKS",     "DRKS",     "DRKS",     "#8",                REG_SEP },
  /* Clinical Trials Registry - India: CTRI/2020/06/026114,
  ** CTRI/2009/091/000123 */
  { "CTRI",     "CTRI/",    "CTRI/",    "#4/#2,3/#6",        0 },
  /* UMIN Clinical Trials Registry (Japan): UMIN000046218 */
  { "UMIN-CTR", "UMIN",     "UMIN",     "#9",                REG_SEP },
  /* Japan Registry of Clinical Trials: jRCT2031190046, jRCTs031180001 */
  { "jRCT",     "jRCT",     "jRCT",     "%0,1#9,10",         0 },
  /* Japan Pharmaceutical Information Center: JapicCTI-173567 */
  { "JapicCTI", "JapicCTI", "JapicCTI-", "#6",               REG_SEP },
  /* Japan Medical Association Center for Clinical Trials: JMA-IIA00123 */
  { "JMACCT",   "JMA-IIA",  "JMA-IIA",  "#5",                0 },
  /* Clinical Research Information Service (Korea): KCT0001234 */
  { "CRiS",     "KCT",      "KCT",      "#7",                REG_SEP },
  /* Netherlands: OMON, Netherlands Trial Register (NTR1234, NL7891) */
  { "OMON",     "NL-OMON",  "NL-OMON",  "#1,6",              REG_CASE },
  { "NTR",      "NTR",      "NTR",      "#1,5",              REG_SEP|REG_CASE },
  { "NTR",      "NL",       "NL",       "#4,5",              REG_CASE },
  /* Pan African Clinical Trials Registry: PACTR201905538849165 */
  { "PACTR",    "PACTR",    "PACTR",    "#15",               REG_SEP },
  /* Iranian Registry of Clinical Trials: IRCT20150303021315N17 */
  { "IRCT",     "IRCT",     "IRCT",     "#10,14N#1,3",       0 },
  /* Lebanese Clinical Trials Registry: LBCTR2019020184 */
  { "LBCTR",    "LBCTR",    "LBCTR",    "#10",               REG_SEP },
  /* Brazilian Clinical Trials Registry (ReBec): RBR-7xhd8x, RBR-10z5b2hk */
  { "ReBec",    "RBR-",     "RBR-",     "~6,10",             0 },
  /* Peruvian Clinical Trials Registry (REPEC): PER-123-19 */
  { "REPEC",    "PER-",     "PER-",     "#3-#2",             REG_CASE },
  /* Cuban Public Registry of Clinical Trials: RPCEC00000123 */
  { "RPCEC",    "RPCEC",    "RPCEC",    "#8",                REG_SEP },
  /* Sri Lanka Clinical Trials Registry: SLCTR/2019/012 */
  { "SLCTR",    "SLCTR/",   "SLCTR/",   "#4/#3",             0 },
  /* Thai Clinical Trials Registry: TCTR20190123001 */
  { "TCTR",     "TCTR",     "TCTR",     "#11",               REG_SEP },
  /* WHO Universal Trial Number: U1111-1234-5678 */
  { "UTN",      "U1111-",   "U1111-",   "#4-#4",             REG_CASE },
  /* EU Clinical Trials Register as listed by WHO ICTRP:
  ** EUCTR2018-004512-37-DE */
  { "EudraCT",  "EUCTR",    "",         "20#2-#6-#2",        REG_COUNTRY },
  /* EU CT numbers of CTIS (2022-500014-26-00) and EudraCT numbers
  ** (2018-004512-37), only near a keyword */
  { "CTIS",     "",         "",         "20#2-#6-#2-#2",     REG_KEYWORD },
  { "EudraCT",  "",         "",         "20#2-#6-#2",        REG_KEYWORD|REG_COUNTRY },
};

#define N_REGISTRY ((int)(sizeof(aRegistry)/sizeof(aRegistry[0])))

/* One bit per format in ThIdTables.aFirst, two bits are taken. */
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

/* Bits of ThIdTables.aFirst/aSecond for DOIs and the keywords of
** aEuKeyword; bits 0..N_REGISTRY-1 are the registry formats. */
#define FIRST_DOI         (((sqlite3_uint64)1)<<63)
#define FIRST_EU_KEYWORD  (((sqlite3_uint64)1)<<62)

/* What the scan needs to know of the formats: per ASCII byte the formats
** that may start with it (aFirst) and have it second (aSecond), and the
** bytes an id may have before its first digit, at most. */
struct ThIdTables {
  size_t nLead;
  sqlite3_uint64 aFirst[128];
  sqlite3_uint64 aSecond[128];
};

int th_registry_count(void){ return N_REGISTRY; }

/* ---- small byte helpers -------------------------------------------------- */

static int is_digit(unsigned char c){ return c>='0' && c<='9'; }
static int is_upper(unsigned char c){ return c>='A' && c<='Z'; }
static int is_lower(unsigned char c){ return c>='a' && c<='z'; }
/* ASCII letters and digits. */
static const unsigned char aAlnum[256] = {
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0, 1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,0,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1, 1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
};

static int is_alnum(unsigned char c){
  return aAlnum[c];
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
  if( cClass=='~' ) return is_lower(c) || is_digit(c);
  return is_lower(c);
}

/* Matches the body format zSpec at z[i..n): the end of the body, or 0.
** *pbNonZero is set if a '#' or '~' run has a byte other than '0'. */
static size_t body_match(const char *zSpec, const unsigned char *z, size_t n,
                         size_t i, int *pbNonZero){
  *pbNonZero = 0;
  while( *zSpec ){
    char c = *zSpec++;
    if( c=='#' || c=='@' || c=='%' || c=='~' ){
      int lo, hi, k = 0;
      body_count(&zSpec, &lo, &hi);
      while( k<=hi && i+k<n && class_holds(c, z[i+k]) ){
        if( (c=='#' || c=='~') && z[i+k]!='0' ) *pbNonZero = 1;
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
   || (s->pTab->aFirst[z[i]] & s->pTab->aSecond[z[i+1]] & FIRST_EU_KEYWORD)==0 ){
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
static int registry_match(ThIdScan *s, int iReg, size_t i, ThId *pOut){
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
  pOut->eId = TH_ID_REGISTRY;
  pOut->iStart = i;
  pOut->nLen = iEnd - i;
  pOut->iCore = iBody;
  pOut->nCore = iCoreEnd - iBody;
  pOut->iFormat = iReg;
  return 1;
}

/* ---- DOIs ---------------------------------------------------------------- */

/* A DOI whose '10.' is at z[i]: fills pOut and returns 1 if found. */
static int doi_match(ThIdScan *s, size_t i, ThId *pOut){
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
  pOut->eId = TH_ID_DOI;
  pOut->iStart = iStart;
  pOut->nLen = k - iStart;
  pOut->iCore = i;
  pOut->nCore = k - i;
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

/* Bytes an id of format pReg may have before its first digit, at most (a
** ReBec number is found when a digit is among its first six characters). */
static size_t registry_lead(const ThRegistry *pReg){
  const char *z = pReg->zBody;
  size_t nLead = strlen(pReg->zPrefix) + ((pReg->flags & REG_SEP) ? 4 : 0);
  while( *z && *z!='#' ){
    if( *z=='~' ){
      /* letters or digits: an id is found from a digit among the first
      ** lo of them (ReBec numbers have one early) */
      int lo, hi;
      z++;
      body_count(&z, &lo, &hi);
      nLead += (size_t)lo;
      break;
    }else if( *z=='@' || *z=='%' ){
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

/* True if c is a literal byte of a body format (not a class, not its
** end). */
static int body_is_literal(char c){
  return c!=0 && c!='#' && c!='@' && c!='%' && c!='~';
}

static void id_tables_build(struct ThIdTables *p){
  int k;
  unsigned char c;
  memset(p, 0, sizeof(*p));
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
    if( (pReg->flags & REG_KEYWORD) && body_is_literal(pReg->zBody[0])
     && body_is_literal(pReg->zBody[1]) ){
      /* no prefix, the body starts with two literal bytes ("20") */
      byte_mark(p->aFirst, (unsigned char)pReg->zBody[0], bit, 1);
      byte_mark(p->aSecond, (unsigned char)pReg->zBody[1], bit, 1);
    }else if( pReg->flags & REG_KEYWORD ){
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

/* The start tables, built at the first call.  They depend only on the
** constant format tables, so they are built once per process: written
** once under the mutex SQLITE_MUTEX_STATIC_APP3 (SQLite never holds the
** APP mutexes itself; kind.c builds its cue index the same way) and only
** read afterwards.  Building them for every text cost more than scanning
** a short one. */
static const struct ThIdTables *id_tables_get(void){
  static struct ThIdTables sTables;
  static int bBuilt = 0;
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_APP3);
  sqlite3_mutex_enter(pMutex);
  if( !bBuilt ){
    id_tables_build(&sTables);
    bBuilt = 1;
  }
  sqlite3_mutex_leave(pMutex);
  return &sTables;
}

void th_id_scan_init(ThIdScan *p, const char *z, size_t n){
  memset(p, 0, sizeof(*p));
  p->z = z;
  p->n = n;
  p->pTab = id_tables_get();
}


/* Tries every format that may start at z[i] (a word start), in the order
** of aRegistry (the bits of mask, lowest first). */
static int id_try(ThIdScan *s, size_t i, sqlite3_uint64 mask, ThId *pOut){
  if( (mask & FIRST_DOI) && doi_match(s, i, pOut) ) return 1;
  mask &= (((sqlite3_uint64)1)<<N_REGISTRY) - 1;
  while( mask ){
    int k = th_lowest_bit(mask);
    if( registry_match(s, k, i, pOut) ) return 1;
    mask &= mask - 1;
  }
  return 0;
}

/* The first digit in z[i..n), or n.  Eight bytes at a time: (b ^ '0') is
** below 10 only for a digit, and "some byte below 10" is the usual
** subtract-and-mask test (exact as a yes/no answer). */
size_t th_next_digit(const char *zText, size_t i, size_t n){
  const unsigned char *z = (const unsigned char*)zText;
  const sqlite3_uint64 ones = 0x0101010101010101ULL;
#if defined(__SSE2__)
  /* 32 bytes at a time with SSE2: b + (0x80-'0') is below -118 as a
  ** signed byte only for a digit */
  const __m128i vShift = _mm_set1_epi8((char)(0x80-'0'));
  const __m128i vLimit = _mm_set1_epi8((char)(-128+10));
  while( i+32<=n ){
    __m128i a = _mm_loadu_si128((const __m128i*)(z+i));
    __m128i b = _mm_loadu_si128((const __m128i*)(z+i+16));
    unsigned ma = (unsigned)_mm_movemask_epi8(
                      _mm_cmplt_epi8(_mm_add_epi8(a, vShift), vLimit));
    unsigned mb = (unsigned)_mm_movemask_epi8(
                      _mm_cmplt_epi8(_mm_add_epi8(b, vShift), vLimit));
    if( ma | mb ){
      sqlite3_uint64 m = ma | ((sqlite3_uint64)mb<<16);
      return i + (size_t)th_lowest_bit(m);
    }
    i += 32;
  }
#endif
  while( i+16<=n ){
    /* 16 bytes at a time through prose; the lowest byte flagged by the
    ** test is exact (a borrow only runs up from a digit) */
    sqlite3_uint64 x, y, mx, my;
    memcpy(&x, z+i, 8);
    memcpy(&y, z+i+8, 8);
    x ^= ones*'0';
    y ^= ones*'0';
    mx = (x - ones*10) & ~x & (ones*0x80);
    my = (y - ones*10) & ~y & (ones*0x80);
    if( mx ) return i + (size_t)(th_lowest_bit(mx)/8);
    if( my ) return i + 8 + (size_t)(th_lowest_bit(my)/8);
    i += 16;
  }
  while( i<n && !is_digit(z[i]) ) i++;
  return i;
}

#if defined(__SSE2__)
/* The word starts among the bytes 1..15 of the 16 bytes at z (ASCII
** letters and digits after a byte that is not one), as bits.  With SSE2:
** b + (0x80-c0) is below -128+k as a signed byte only for the k bytes
** from c0 on. */
static unsigned word_starts16(const unsigned char *z){
  unsigned m = th_alnum_bits16(z);
  return m & ~(m<<1) & 0xFFFEu;
}
#endif

/* Tries the formats whose first two bytes are those at the word start
** z[j] (j+1 < n); on a match, moves the scan past the id and returns 1. */
static int word_start_try(ThIdScan *p, size_t j, ThId *pOut){
  const unsigned char *z = (const unsigned char*)p->z;
  unsigned char c = z[j], c2 = z[j+1];
  sqlite3_uint64 mask;
  if( (c|c2)>=0x80 ) return 0;
  mask = p->pTab->aFirst[c] & p->pTab->aSecond[c2];
  if( mask==0 || !id_try(p, j, mask, pOut) ) return 0;
  p->iPos = p->iTried = pOut->iStart + pOut->nLen;
  p->iLastEnd = p->iPos;
  return 1;
}

/* Every id has a digit no more than nLead bytes after its start.  So the
** scan jumps from digit run to digit run (digits are rare in prose) and
** tries the word starts from nLead bytes before each run up to its first
** digit; a place is tried once. */
int th_id_scan_next(ThIdScan *p, ThId *pOut){
  const unsigned char *z = (const unsigned char*)p->z;
  const struct ThIdTables *pTab = p->pTab;
  size_t i = p->iPos, n = p->n;
  while( i<n ){
    size_t j, iDigit;
    i = th_next_digit(p->z, i, n);
    if( i>=n ) break;
    iDigit = i;
    j = iDigit > pTab->nLead ? iDigit - pTab->nLead : 0;
    if( j<p->iTried ) j = p->iTried;
#if defined(__SSE2__)
    if( j>0 && iDigit-j<=14 && n-(j-1)>=16 ){
      /* the word starts among z[j..iDigit] as bits, from 16 bytes */
      unsigned mStart = word_starts16(z+j-1);
      size_t kLast = iDigit-j+1;                  /* bit of iDigit */
      if( kLast>n-2-(j-1) ) kLast = n-2-(j-1);    /* j+1 < n */
      mStart &= (2u<<kLast) - 1;
      for(; mStart; mStart &= mStart-1){
        if( word_start_try(p, j-1 + th_lowest_bit(mStart), pOut) ) return 1;
      }
      j = iDigit+1;                               /* all tried */
    }
#endif
    for(; j<=iDigit && j+1<n; j++){
      if( j>0 && is_alnum(z[j-1]) ) continue;      /* not a word start */
      if( word_start_try(p, j, pOut) ) return 1;
    }
    while( i<n && is_digit(z[i]) ) i++;
    p->iTried = i;
  }
  p->iPos = p->iTried = n;
  return 0;
}

/* ---- norms and names ----------------------------------------------------- */

int th_id_norm(const ThId *p, const char *z, ThBuf *pOut){
  size_t k;
  if( p->eId==TH_ID_DOI ){
    if( th_buf_reserve(pOut, p->nCore) ) return SQLITE_NOMEM;
    for(k=0; k<p->nCore; k++){
      th_buf_putc(pOut, (char)to_lower((unsigned char)z[p->iCore+k]));
    }
  }else{
    const char *zNorm = aRegistry[p->iFormat].zNorm;
    th_buf_append(pOut, zNorm, strlen(zNorm));
    th_buf_append(pOut, z + p->iCore, p->nCore);
  }
  return pOut->oom ? SQLITE_NOMEM : SQLITE_OK;
}

const char *th_id_registry(const ThId *p){
  return p->eId==TH_ID_REGISTRY ? aRegistry[p->iFormat].zRegistry : "";
}

const char *th_registry_name(int i){
  return i>=0 && i<N_REGISTRY ? aRegistry[i].zRegistry : 0;
}
