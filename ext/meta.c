/*
** meta.c -- the headline, publication date, byline and site of a page
** (page.h), behind therapy_title(), therapy_date(), therapy_byline() and
** therapy_site().
**
** HTML metadata is used first when the page has it:
**   title   og:title, else <h1>, else <title>, without a site-name part
**           (' | Site', ' - Site', ' – Site', ' — Site', 'Site: ') that
**           matches the site name or the other titles;
**   date    article:published_time / datePublished / <meta name=date>,
**           else the datetime of the article's first <time>;
**   byline  <meta name=author> / article:author (not a URL);
**   site    og:site_name / application-name, else the part of <title>
**           that is not the headline.
**
** Otherwise the blocks are read.  The headline is the classifier's
** (ThPage.iTitle) when it set one that reads like a headline; else it is
** guessed among the dozen blocks before the first body paragraph (the
** later of the classifier's iBodyFirst and the first block of 15+ words
** ending a sentence): a title-like line (2 to 35 words, 4 unless printed
** twice or an <h1>; capital first letter, no date, no breadcrumb or menu
** separators, no furniture such as 'You are here' or 'News Release'
** (data/meta_stop.txt), not the site name, not an image caption), scored
** up when it is printed twice, is an <h1>, sits next to a date or byline
** line, or is followed by a standfirst or the first paragraph.
**
** The date is looked for in the lines from six blocks before the headline
** to the first body paragraph after it (the header), never in list items
** (related stories), and each date is judged by the nearest label before
** it (data/meta_date_labels.txt): 'Published'/'Posted' dates win;
** 'Updated', 'Last reviewed', 'presented', 'accepted', '©' ... dates, dates
** right after 'in', 'from', 'since' ..., every date on a line saying
** 'issue' or 'volume', and ranges (conference days) are skipped.  Among
** the rest the full date nearest the headline wins, then a month and year.
** Failing that, a dateline opening the first body paragraph ('BOSTON, Dec.
** 12, 2022 /PRNewswire/ --') or a line that starts 'Published' or 'First
** published' anywhere.  Dates in the body, the footer and lists are never
** used, so a page that prints no date of its own gives none.  An ambiguous
** numeric date (03/04/2021) is read day-first unless the page prints an
** unambiguous month-first one (04/17/2021).
**
** The byline comes from a header line 'By Jane Doe, Health Correspondent',
** 'Written by ...', 'Posted on <date> by admin', or an abstract's author
** list ('A. Smith 1,2, B. Jones 3'); job titles (data/meta_byline_roles.txt),
** dates and anything after '|', '·' or a sentence end are cut.
**
** The site of a text dump is conservative: a short masthead line among the
** first blocks ('Site Name', 'Site Name - Tagline', 'Site Name (ABBR) -
** Tagline', 'SITE NAME English Edition'), or the name after '©' in the
** footer, and only when the page prints that name again elsewhere (which
** also gives the mixed-case spelling of an all-capitals masthead).
*/
#include <string.h>
#include "page.h"
#include "dates.h"

extern const char *const th_data_meta_date_labels[];
extern const char *const th_data_meta_stop[];
extern const char *const th_data_meta_byline_roles[];
extern const char *const th_data_meta_byline_leads[];
extern const char *const th_data_meta_not_names[];

/* How far around the headline the header reaches, in blocks. */
#define HEAD_BEFORE      6      /* date/byline lines before the headline */
#define HEAD_AFTER      15      /* at most this far after it */
#define TITLE_WINDOW    12      /* headline candidates before the body */
#define MASTHEAD_BLOCKS  4      /* site-name candidates at the top */
#define MAX_BLOCK_DATES 16
#define MAX_SHORT_LINE 400      /* bytes of a masthead or footer line */
#define LABEL_REACH    200      /* bytes before a date its label is in */

/* ---- small text helpers ------------------------------------------------- */

static int is_digit(unsigned char c){ return c>='0' && c<='9'; }
static int is_upper(unsigned char c){ return c>='A' && c<='Z'; }
static int is_lower(unsigned char c){ return c>='a' && c<='z'; }
static int is_alpha(unsigned char c){ return is_upper(c) || is_lower(c); }
static int is_space(unsigned char c){
  return c==' ' || c=='\t' || c=='\n' || c=='\r' || c=='\f' || c=='\v';
}
static unsigned char lower(unsigned char c){
  return is_upper(c) ? (unsigned char)(c + 32) : c;
}

static const char *block_text(const ThPage *p, int i, size_t *pn){
  *pn = p->aBlock[i].nLen;
  return p->text.z + p->aBlock[i].iStart;
}

/* Equal without ASCII case. */
static int nocase_eq(const char *a, size_t na, const char *b, size_t nb){
  size_t i;
  if( na!=nb ) return 0;
  for(i=0; i<na; i++){
    if( lower((unsigned char)a[i])!=lower((unsigned char)b[i]) ) return 0;
  }
  return 1;
}

/* Offset of the first occurrence of zNeedle in z[0..n) without ASCII case,
** or n when there is none. */
static size_t nocase_find(const char *z, size_t n, const char *zNeedle,
                          size_t nNeedle){
  size_t i;
  unsigned char c0;
  if( nNeedle==0 || nNeedle>n ) return n;
  c0 = lower((unsigned char)zNeedle[0]);
  for(i=0; i+nNeedle<=n; i++){
    if( lower((unsigned char)z[i])==c0
     && nocase_eq(z+i, nNeedle, zNeedle, nNeedle) ) return i;
  }
  return n;
}

/* 1 when z[0..n) starts with the phrase zPre (no case) as whole words. */
static int starts_with_phrase(const char *z, size_t n, const char *zPre){
  size_t m = strlen(zPre);
  if( m>n || !nocase_eq(z, m, zPre, m) ) return 0;
  return m==n || !is_alpha((unsigned char)z[m]);
}

/* Words (runs of non-space) in z[0..n), counted up to 100: every caller
** compares the count with less, so long blocks are not read to the end. */
static size_t count_words(const char *z, size_t n){
  size_t i, nWord = 0;
  int bIn = 0;
  for(i=0; i<n && nWord<=100; i++){
    int bSpace = is_space((unsigned char)z[i]);
    if( !bSpace && !bIn ) nWord++;
    bIn = !bSpace;
  }
  return nWord;
}

static size_t count_byte(const char *z, size_t n, char c){
  size_t i, k = 0;
  for(i=0; i<n; i++) if( z[i]==c ) k++;
  return k;
}

static size_t count_str(const char *z, size_t n, const char *zStr){
  size_t i, k = 0, m = strlen(zStr);
  for(i=0; i+m<=n; i++){
    if( memcmp(z+i, zStr, m)==0 ){ k++; i += m-1; }
  }
  return k;
}

/* Trims white space and the characters of zChars from both ends. */
static void trim(const char **pz, size_t *pn, const char *zChars){
  const char *z = *pz;
  size_t n = *pn;
  while( n>0 && (is_space((unsigned char)z[0]) || strchr(zChars, z[0])) ){
    z++; n--;
  }
  while( n>0 && (is_space((unsigned char)z[n-1]) || strchr(zChars, z[n-1])) ){
    n--;
  }
  *pz = z;
  *pn = n;
}

/* 1 when the ASCII letters of z include no lower-case one and at least
** two upper-case ones. */
static int is_all_caps(const char *z, size_t n){
  size_t i, nUpper = 0;
  for(i=0; i<n; i++){
    if( is_lower((unsigned char)z[i]) ) return 0;
    if( is_upper((unsigned char)z[i]) ) nUpper++;
  }
  return nUpper>=2;
}

static int is_stop_line(const char *z, size_t n){
  int k;
  for(k=0; th_data_meta_stop[k]; k++){
    if( starts_with_phrase(z, n, th_data_meta_stop[k]) ) return 1;
  }
  return 0;
}

/* A copy of z[0..n) in pOut. */
static int put_text(ThBuf *pOut, const char *z, size_t n){
  return n ? th_buf_append(pOut, z, n) : SQLITE_OK;
}

/* ---- dates of a block --------------------------------------------------- */

typedef struct FoundDate {
  size_t iStart, nLen;
  ThDate d;
} FoundDate;

typedef struct DateList {
  FoundDate a[MAX_BLOCK_DATES];
  int n;
} DateList;

static int collect_date(void *pCtx, size_t iStart, size_t nLen,
                        const ThDate *pDate){
  DateList *pList = (DateList*)pCtx;
  FoundDate *f = &pList->a[pList->n++];
  f->iStart = iStart;
  f->nLen = nLen;
  f->d = *pDate;
  return pList->n>=MAX_BLOCK_DATES;
}

static void block_dates(const ThPage *p, int i, DateList *pList){
  size_t n;
  const char *z = block_text(p, i, &n);
  pList->n = 0;
  th_find_dates(z, n, collect_date, pList);
}

static int first_date_cb(void *pCtx, size_t iStart, size_t nLen,
                         const ThDate *pDate){
  (void)iStart; (void)nLen;
  *(ThDate*)pCtx = *pDate;
  return 1;
}

/* 1 when z[0..n) holds a date (the first is written to *pDate). */
static int first_date(const char *z, size_t n, ThDate *pDate){
  return z && th_find_dates(z, n, first_date_cb, pDate)!=0;
}

/* ---- date labels -------------------------------------------------------- */

/* The class of a label word ('+', '-', '!') or 0. */
static int label_class(const char *zWord, size_t nWord){
  int k;
  for(k=0; th_data_meta_date_labels[k]; k++){
    const char *zLabel = th_data_meta_date_labels[k] + 1;
    size_t m = strlen(zLabel);
    if( m>0 && zLabel[m-1]=='*' ){
      if( nWord>=m-1 && nocase_eq(zWord, m-1, zLabel, m-1) ){
        return th_data_meta_date_labels[k][0];
      }
    }else if( nocase_eq(zWord, nWord, zLabel, m) ){
      return th_data_meta_date_labels[k][0];
    }
  }
  return 0;
}

/* The class of the label word of z[0..n) that decides about a date just
** after it: the last '+' or '-' word, or a '=' word (as '-') when it is
** the last word.  With bBlockWide, '!' when the text has a '!' word. */
static int last_label(const char *z, size_t n, int bBlockWide){
  size_t i = 0;
  int cls = 0, bLastEq = 0;
  while( i<n ){
    size_t j;
    if( !is_alpha((unsigned char)z[i]) ){ i++; continue; }
    j = i;
    while( j<n && (is_alpha((unsigned char)z[j])
                   || (z[j]=='-' && j+1<n
                       && is_alpha((unsigned char)z[j+1]))) ){
      j++;
    }
    if( i==0 || (unsigned char)z[i-1]<0x80 ){
      int c = label_class(z+i, j-i);
      if( bBlockWide ){
        if( c=='!' ) return c;
      }else if( c=='+' || c=='-' ){
        cls = c;
      }
      bLastEq = c=='=';
    }
    i = j;
  }
  return bLastEq ? '-' : cls;
}

/* Length of a part separator at z[i] ('|', ';', '·', '•'), or 0. */
static size_t separator_len(const char *z, size_t n, size_t i){
  unsigned char c = (unsigned char)z[i];
  if( c=='|' || c==';' ) return 1;
  if( c==0xc2 && i+1<n && (unsigned char)z[i+1]==0xb7 ) return 2;
  if( c==0xe2 && i+2<n && (unsigned char)z[i+1]==0x80
   && (unsigned char)z[i+2]==0xa2 ) return 3;
  return 0;
}

enum { LABEL_NONE = 0, LABEL_PUBLISHED = 1, LABEL_OTHER = 2 };

/* What the words before the date at z[iStart] (back to the previous date
** iPrevEnd or part separator) say it is; bOtherLine when the line names
** an issue or volume. */
static int date_label(const char *z, size_t n, size_t iStart,
                      size_t iPrevEnd, int bOtherLine){
  size_t i, iPart = iPrevEnd;
  int cls;
  if( bOtherLine ) return LABEL_OTHER;
  if( iStart>iPart+LABEL_REACH ) iPart = iStart - LABEL_REACH;
  for(i=iPart; i<iStart; i++){
    size_t k = separator_len(z, n, i);
    if( k ){ iPart = i + k; i += k - 1; }
  }
  if( count_str(z+iPart, iStart-iPart, "\xc2\xa9") ) return LABEL_OTHER;
  cls = last_label(z+iPart, iStart-iPart, 0);
  if( cls=='+' ) return LABEL_PUBLISHED;
  if( cls=='-' ) return LABEL_OTHER;
  return LABEL_NONE;
}

/* ---- page layout: headline and first body paragraph --------------------- */

/* 1 when the block ends like a sentence ('.', '!', '?', '…', maybe
** followed by closing quotes or brackets). */
static int ends_sentence(const char *z, size_t n){
  while( n>0 ){
    unsigned char c = (unsigned char)z[n-1];
    if( c=='"' || c=='\'' || c==')' || c==']' ){ n--; continue; }
    if( n>=3 && (unsigned char)z[n-3]==0xe2 && (unsigned char)z[n-2]==0x80
     && (c==0x9d || c==0x99) ){ n -= 3; continue; }      /* ” ’ */
    break;
  }
  if( n==0 ) return 0;
  if( z[n-1]=='.' || z[n-1]=='!' || z[n-1]=='?' ) return 1;
  return n>=3 && memcmp(z+n-3, "\xe2\x80\xa6", 3)==0;
}

static int is_furniture_block(const ThBlock *b){
  return (b->flags & (TH_IN_CHROME|TH_LINKY))!=0;
}

/* A paragraph of article prose: 15+ words ending a sentence. */
static int is_prose(const ThPage *p, int i){
  size_t n;
  const char *z = block_text(p, i, &n);
  const ThBlock *b = &p->aBlock[i];
  if( b->kind==TH_BLOCK_ITEM || b->kind==TH_BLOCK_CAPTION
   || b->kind==TH_BLOCK_HEADING || is_furniture_block(b) ) return 0;
  if( n<80 || !ends_sentence(z, n) || count_words(z, n)<15 ) return 0;
  if( n<1000 && nocase_find(z, n, "cookie", 6)<n ) return 0;   /* banner */
  return 1;
}

static int guess_body_first(const ThPage *p){
  int i;
  for(i=0; i<p->nBlock; i++){
    if( is_prose(p, i) ) return i;
  }
  return -1;
}

/* A date line: a short block holding a date. */
static int is_date_line(const ThPage *p, int i){
  size_t n;
  const char *z = block_text(p, i, &n);
  ThDate d;
  return n<=400 && count_words(z, n)<=25 && first_date(z, n, &d);
}

static size_t byline_lead(const char *z, size_t n, int *pbAnyCase);

static int is_byline_line(const ThPage *p, int i){
  size_t n;
  const char *z = block_text(p, i, &n);
  int bAnyCase;
  if( p->aBlock[i].kind==TH_BLOCK_ITEM ) return 0;
  if( (starts_with_phrase(z, n, "by") && n>3 && is_upper((unsigned char)z[3]))
   || byline_lead(z, n, &bAnyCase)>0
   || starts_with_phrase(z, n, "posted on") ) return 1;
  return 0;
}

/* 1 when the block starts with its own words repeated, as image captions
** in text dumps do ('A nurse holds a hand A nurse holds a hand.Photo ...'). */
static int is_repeated_caption(const char *z, size_t n){
  size_t k;
  for(k=12; 2*k+1<=n; k++){
    if( z[k]==' ' && memcmp(z, z+k+1, k)==0 ) return 1;
  }
  return 0;
}

/* 1 when the block text could be a headline; *pnWord gets its words. */
static int is_title_like(const ThPage *p, int i, size_t *pnWord){
  size_t n, nWord;
  const char *z = block_text(p, i, &n);
  const ThBlock *b = &p->aBlock[i];
  unsigned char c0;
  ThDate d;
  if( b->kind==TH_BLOCK_ITEM || b->kind==TH_BLOCK_CAPTION
   || is_furniture_block(b) ) return 0;
  if( n<8 || n>300 ) return 0;
  nWord = count_words(z, n);
  *pnWord = nWord;
  if( nWord<2 || nWord>35 ) return 0;
  c0 = (unsigned char)z[0];
  if( !(is_upper(c0) || is_digit(c0) || c0=='"' || c0=='\''
        || (c0==0xe2 && n>2 && (unsigned char)z[1]==0x80
            && ((unsigned char)z[2]==0x98 || (unsigned char)z[2]==0x9c))
        || (c0>=0xc3 && c0<0xe0)) ) return 0;
  if( is_stop_line(z, n) || is_byline_line(p, i) ) return 0;
  if( starts_with_phrase(z, n, "posted")
   || starts_with_phrase(z, n, "published")
   || starts_with_phrase(z, n, "updated") ) return 0;
  if( count_str(z, n, "\xe2\x80\xba") || count_str(z, n, "\xc2\xbb")
   || count_str(z, n, " > ") || count_str(z, n, "\xe2\x80\xa2")
   || count_str(z, n, "\xc2\xa9") ) return 0;              /* › » • © */
  if( count_byte(z, n, '|')>=2 || count_str(z, n, "\xc2\xb7")>=2 ) return 0;
  if( count_byte(z, n, ',')>=3 ) return 0;
  if( count_str(z, n, "://") || count_str(z, n, "www.")
   || count_byte(z, n, '@') ) return 0;
  if( is_repeated_caption(z, n) ) return 0;
  if( first_date(z, n, &d) ) return 0;
  return 1;
}

static int same_block_text(const ThPage *p, int i, int j){
  size_t ni, nj;
  const char *zi = block_text(p, i, &ni);
  const char *zj = block_text(p, j, &nj);
  return nocase_eq(zi, ni, zj, nj);
}

static int site_name(ThPage *p, ThBuf *pOut);

/* Score of block i as the headline, or -1000 when it cannot be. */
static int title_score(ThPage *p, int i, int iEnd, const ThBuf *pSite){
  size_t nWord, n;
  const char *z;
  int s = 0, j, bDup = 0;
  const ThBlock *b = &p->aBlock[i];
  if( !is_title_like(p, i, &nWord) ) return -1000;
  z = block_text(p, i, &n);
  if( pSite->n && nocase_eq(z, n, pSite->z, pSite->n) ) return -1000;
  if( i>0 && same_block_text(p, i-1, i) ) return -1000;   /* second copy */
  for(j=i+1; j<=i+3 && j<p->nBlock; j++){
    if( same_block_text(p, i, j) ){ bDup = 1; break; }
  }
  if( bDup ) s += 4;
  if( b->kind==TH_BLOCK_HEADING ) s += b->level==1 ? 3 : 1;
  if( nWord<4 && !bDup && !(b->kind==TH_BLOCK_HEADING && b->level==1) ){
    return -1000;
  }
  if( i>0 && is_date_line(p, i-1) ) s += 2;
  /* a date or byline line follows */
  for(j=i+1; j<=i+3 && j<p->nBlock; j++){
    if( is_date_line(p, j) || is_byline_line(p, j) ){ s += 2; break; }
  }
  /* a standfirst or the first paragraph follows */
  if( i+1<p->nBlock && i+1<=iEnd ){
    size_t nNext;
    const char *zNext = block_text(p, i+1, &nNext);
    if( is_prose(p, i+1)
     || (count_words(zNext, nNext)>nWord && count_words(zNext, nNext)>=8
         && p->aBlock[i+1].kind!=TH_BLOCK_ITEM) ) s += 2;
  }
  if( nWord>=6 ) s += 1;
  if( n>0 && z[n-1]=='.' ) s -= 2;
  if( i==0 && !bDup ) s -= 1;
  return s;
}

typedef struct Layout {
  int iHead;              /* headline block, or -1 */
  int iBody;              /* first body paragraph, or -1 */
  int iHeadEnd;           /* last block of the header (dates, byline) */
} Layout;

/* The best-scoring headline among the blocks before iBody (or the first
** blocks of the page), or -1. */
static int guess_headline(ThPage *p, int iBody, const ThBuf *pSite){
  int i, iFrom, iTo, iBest = -1, best = 0;
  iTo = iBody>=0 ? iBody : (p->nBlock<30 ? p->nBlock : 30);
  iFrom = iTo>TITLE_WINDOW ? iTo - TITLE_WINDOW : 0;
  for(i=iFrom; i<iTo; i++){
    int s = title_score(p, i, iTo, pSite);
    if( s>best ){
      best = s;
      iBest = i;
    }
  }
  return iBest;
}

/* 1 when block i (the classifier's headline) reads like one. */
static int headline_ok(const ThPage *p, int i, const ThBuf *pSite){
  size_t n, nWord;
  const char *z;
  if( i<0 || i>=p->nBlock || !is_title_like(p, i, &nWord) ) return 0;
  z = block_text(p, i, &n);
  return !(pSite->n && nocase_eq(z, n, pSite->z, pSite->n));
}

/* Finds the headline, the first body paragraph and the end of the header.
** The classifier's choices are used when they make sense; the headline is
** guessed before the later of its first body block and the first prose
** paragraph (the classifier may keep a standfirst or a repeated headline
** as body). */
static void page_layout(ThPage *p, const ThBuf *pSite, Layout *pL){
  int i, iProse = guess_body_first(p);
  pL->iBody = p->iBodyFirst;
  if( headline_ok(p, p->iTitle, pSite) ){
    pL->iHead = p->iTitle;
  }else{
    pL->iHead = guess_headline(p, pL->iBody>iProse ? pL->iBody : iProse,
                               pSite);
  }
  pL->iHeadEnd = -1;
  if( pL->iBody<0 || pL->iBody<=pL->iHead ){
    pL->iBody = iProse;
    for(i=pL->iHead+1; iProse<=pL->iHead && i<p->nBlock; i++){
      if( is_prose(p, i) ){ pL->iBody = i; break; }
    }
    if( pL->iBody<=pL->iHead ) pL->iBody = -1;
  }
  if( pL->iHead<0 ) return;
  /* The header ends at the first prose paragraph that is not a standfirst
  ** right under the headline. */
  pL->iHeadEnd = pL->iHead;
  for(i=pL->iHead+1; i<p->nBlock && i<=pL->iHead+HEAD_AFTER; i++){
    pL->iHeadEnd = i;
    if( i>pL->iHead+1 && i>=pL->iBody && is_prose(p, i) ) break;
  }
}

/* page_layout() with the site name worked out first. */
static int layout_with_site(ThPage *p, Layout *pL){
  ThBuf site;
  int rc;
  th_buf_init(&site);
  rc = site_name(p, &site);
  if( rc==SQLITE_OK ) page_layout(p, &site, pL);
  th_buf_free(&site);
  return rc;
}

/* ---- title -------------------------------------------------------------- */

/* Separators between a headline and a site name, spaces included. */
static const char *const azTitleSep[] = {
  " | ", " \xe2\x80\x93 ", " \xe2\x80\x94 ", " - ", " :: ", " \xc2\xb7 ",
  " \xc2\xbb ", ": ",
};

/* When z[0..n) is 'A<sep>B' with one of the sides equal to zOther (no
** case), sets *piKeep and *pnKeep to the other side and returns 1. */
static int split_off(const char *z, size_t n, const char *zOther,
                     size_t nOther, size_t *piKeep, size_t *pnKeep){
  size_t k, i;
  if( nOther==0 ) return 0;
  for(k=0; k<sizeof(azTitleSep)/sizeof(azTitleSep[0]); k++){
    size_t m = strlen(azTitleSep[k]);
    for(i=0; i+m<=n; i++){
      if( memcmp(z+i, azTitleSep[k], m)!=0 ) continue;
      if( nocase_eq(z+i+m, n-i-m, zOther, nOther) ){
        *piKeep = 0; *pnKeep = i;
        return 1;
      }
      if( nocase_eq(z, i, zOther, nOther) ){
        *piKeep = i+m; *pnKeep = n-i-m;
        return 1;
      }
    }
  }
  return 0;
}

/* The title text without a site-name part or an abstract number prefix
** ('OA-117 | '). */
static void clean_title(const char **pz, size_t *pn, const ThBuf *pSite){
  const char *z = *pz;
  size_t n = *pn, iKeep, nKeep, i;
  if( pSite->n && split_off(z, n, pSite->z, pSite->n, &iKeep, &nKeep) ){
    z += iKeep;
    n = nKeep;
  }
  /* 'OA-117 | Title': a short code with a digit before a bar */
  for(i=0; i+3<=n && i<=16; i++){
    if( memcmp(z+i, " | ", 3)==0 ){
      size_t k;
      int bDigit = 0;
      for(k=0; k<i; k++) if( is_digit((unsigned char)z[k]) ) bDigit = 1;
      if( bDigit && count_words(z, i)<=2 ){
        z += i + 3;
        n -= i + 3;
      }
      break;
    }
  }
  trim(&z, &n, "");
  *pz = z;
  *pn = n;
}

static size_t zlen(const char *z){ return z ? strlen(z) : 0; }

int th_page_title(ThPage *p, ThBuf *pOut){
  ThBuf site;
  const ThPageMeta *m = &p->meta;
  const char *azMeta[3];
  int rc, k;
  th_buf_init(&site);
  rc = site_name(p, &site);
  azMeta[0] = m->zOgTitle;
  azMeta[1] = m->zH1;
  azMeta[2] = m->zTitle;
  for(k=0; rc==SQLITE_OK && k<3; k++){
    const char *z = azMeta[k];
    size_t n = zlen(z);
    trim(&z, &n, "");
    clean_title(&z, &n, &site);
    if( n==0 || is_stop_line(z, n)
     || (site.n && nocase_eq(z, n, site.z, site.n)) ) continue;
    rc = put_text(pOut, z, n);
    th_buf_free(&site);
    return rc;
  }
  if( rc==SQLITE_OK && p->nBlock>0 ){
    Layout L;
    page_layout(p, &site, &L);
    if( L.iHead>=0 ){
      size_t n;
      const char *z = block_text(p, L.iHead, &n);
      clean_title(&z, &n, &site);
      rc = put_text(pOut, z, n);
    }
  }
  th_buf_free(&site);
  return rc;
}

/* ---- date -------------------------------------------------------------- */

typedef struct DateChoice {
  ThDate d;
  int rank;               /* higher is better; 0 = none */
  int dist;               /* blocks from the headline */
} DateChoice;

static void consider(DateChoice *pBest, const ThDate *pDate, int rank,
                     int dist){
  if( rank>pBest->rank || (rank==pBest->rank && dist<pBest->dist) ){
    pBest->d = *pDate;
    pBest->rank = rank;
    pBest->dist = dist;
  }
}

/* The dates of the header block i, judged by their labels. */
static void header_dates(const ThPage *p, int i, int iAnchor,
                         DateChoice *pBest){
  DateList list;
  size_t n, iPrevEnd = 0;
  const char *z = block_text(p, i, &n);
  int k, bOtherLine, dist = i>iAnchor ? i - iAnchor : iAnchor - i;
  const ThBlock *b = &p->aBlock[i];
  if( b->kind==TH_BLOCK_ITEM || (b->flags & TH_LINKY) ) return;
  block_dates(p, i, &list);
  if( list.n==0 ) return;
  bOtherLine = last_label(z, n<MAX_SHORT_LINE ? n : MAX_SHORT_LINE, 1)=='!';
  for(k=0; k<list.n; k++){
    const FoundDate *f = &list.a[k];
    int label = date_label(z, n, f->iStart, iPrevEnd, bOtherLine);
    iPrevEnd = f->iStart + f->nLen;
    if( label==LABEL_OTHER || f->d.isRange ) continue;
    consider(pBest, &f->d,
             (label==LABEL_PUBLISHED ? 4 : 2) + (f->d.day ? 1 : 0), dist);
  }
}

/* A dateline opening block i: 'BOSTON, Dec. 12, 2022 /Wire/ --',
** 'WASHINGTON (June 3, 2021) -'. */
static int body_dateline(const ThPage *p, int i, ThDate *pDate){
  DateList list;
  size_t n, k, e;
  const char *z;
  if( i<0 || i>=p->nBlock ) return 0;
  z = block_text(p, i, &n);
  list.n = 0;
  th_find_dates(z, n<200 ? n : 200, collect_date, &list);
  if( list.n==0 ) return 0;
  if( list.a[0].iStart>48 || count_words(z, list.a[0].iStart)>5 ) return 0;
  for(k=0; k<list.a[0].iStart; k++){
    /* no lower-case word before it */
    if( is_lower((unsigned char)z[k])
     && (k==0 || !is_alpha((unsigned char)z[k-1])) ) return 0;
  }
  if( list.a[0].d.day==0 ) return 0;
  e = list.a[0].iStart + list.a[0].nLen;
  while( e<n && z[e]==' ' ) e++;
  if( e<n && (z[e]=='/' || z[e]=='-' || z[e]=='(' || z[e]==':'
              || (unsigned char)z[e]==0xe2) ){
    *pDate = list.a[0].d;
    return 1;
  }
  return 0;
}

/* A line that starts 'Published', 'First published', 'Posted on' with a
** date soon after. */
static int labelled_published(const ThPage *p, int i, ThDate *pDate){
  size_t n;
  const char *z = block_text(p, i, &n);
  DateList list;
  if( p->aBlock[i].kind==TH_BLOCK_ITEM || is_furniture_block(&p->aBlock[i]) ){
    return 0;
  }
  if( !(starts_with_phrase(z, n, "published")
        || starts_with_phrase(z, n, "first published")
        || starts_with_phrase(z, n, "posted on")
        || starts_with_phrase(z, n, "date published")) ) return 0;
  list.n = 0;
  th_find_dates(z, n<120 ? n : 120, collect_date, &list);
  if( list.n==0 || list.a[0].iStart>24 ) return 0;
  if( date_label(z, n, list.a[0].iStart, 0, 0)!=LABEL_PUBLISHED ) return 0;
  *pDate = list.a[0].d;
  return 1;
}

static int find_month_first(void *pCtx, size_t iStart, size_t nLen,
                            const ThDate *pDate){
  (void)pCtx; (void)iStart; (void)nLen;
  return pDate->form==TH_DATE_NUM_MDY;
}

static int put_date(ThPage *p, ThBuf *pOut, ThDate *pDate){
  char zIso[12];
  int n;
  if( pDate->isAmbiguous && th_find_dates(p->text.z, p->text.n,
                                           find_month_first, 0) ){
    th_date_month_first(pDate);
  }
  n = th_date_iso(pDate, zIso);
  return th_buf_append(pOut, zIso, (size_t)n);
}

int th_page_date(ThPage *p, ThBuf *pOut){
  ThDate d;
  Layout L;
  DateChoice best;
  int i;
  if( first_date(p->meta.zPublished, zlen(p->meta.zPublished), &d)
   || first_date(p->meta.zTimeDatetime, zlen(p->meta.zTimeDatetime), &d) ){
    return put_date(p, pOut, &d);
  }
  if( p->nBlock==0 ) return SQLITE_OK;
  if( layout_with_site(p, &L) ) return SQLITE_NOMEM;
  memset(&best, 0, sizeof(best));
  if( L.iHead>=0 ){
    int iFrom = L.iHead>HEAD_BEFORE ? L.iHead - HEAD_BEFORE : 0;
    for(i=iFrom; i<=L.iHeadEnd; i++){
      if( i==L.iHead ) continue;
      if( i>L.iHead && i>=L.iBody && L.iBody>L.iHead && is_prose(p, i) ){
        continue;             /* body prose: only a dateline, below */
      }
      header_dates(p, i, L.iHead, &best);
    }
  }else if( L.iBody>=0 ){
    int iFrom = L.iBody>HEAD_BEFORE ? L.iBody - HEAD_BEFORE : 0;
    for(i=iFrom; i<L.iBody; i++) header_dates(p, i, L.iBody, &best);
  }
  if( best.rank ) return put_date(p, pOut, &best.d);
  if( body_dateline(p, L.iBody, &d)
   || (L.iHeadEnd>=0 && body_dateline(p, L.iHeadEnd, &d)) ){
    return put_date(p, pOut, &d);
  }
  for(i=0; i<p->nBlock; i++){
    if( labelled_published(p, i, &d) ) return put_date(p, pOut, &d);
  }
  return SQLITE_OK;
}

/* ---- byline ------------------------------------------------------------- */

static int is_role_part(const char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    size_t j;
    int k;
    if( !is_alpha((unsigned char)z[i]) ){ i++; continue; }
    j = i;
    while( j<n && is_alpha((unsigned char)z[j]) ) j++;
    for(k=0; th_data_meta_byline_roles[k]; k++){
      const char *zRole = th_data_meta_byline_roles[k];
      size_t m = strlen(zRole);
      if( j-i>=m && nocase_eq(z+i, m, zRole, m) ) return 1;   /* 'Reporters' */
    }
    i = j;
  }
  return 0;
}

/* Honorifics whose '.' does not end a sentence. */
static int is_abbrev(const char *z, size_t n){
  static const char *const az[] = { "dr", "prof", "mr", "mrs", "ms", "jr",
                                    "sr", "st", "rev", "hon" };
  size_t k;
  if( n<=1 ) return 1;                   /* an initial: 'J. Doe' */
  for(k=0; k<sizeof(az)/sizeof(az[0]); k++){
    if( nocase_eq(z, n, az[k], strlen(az[k])) ) return 1;
  }
  return 0;
}

/* The names of a byline text (after 'By'): cut at a date, a separator, a
** sentence end or ' on '; drop job titles after a comma.  Returns the
** length kept. */
static size_t byline_names(const char *z, size_t n, int bPrinted){
  size_t i, iCut = n, iPart, nKeep;
  int bList;
  DateList list;
  list.n = 0;
  th_find_dates(z, n, collect_date, &list);
  if( list.n ) iCut = list.a[0].iStart;
  for(i=0; i<iCut; i++){
    unsigned char c = (unsigned char)z[i];
    if( separator_len(z, n, i) || c=='(' || c=='[' ){ iCut = i; break; }
    if( c==0xe2 && i+2<n && (unsigned char)z[i+1]==0x80
     && ((unsigned char)z[i+2]==0x93 || (unsigned char)z[i+2]==0x94)
     && i>0 && z[i-1]==' ' ){ iCut = i; break; }         /* ' – ' ' — ' */
    if( c=='-' && i>0 && z[i-1]==' ' && i+1<n && z[i+1]==' ' ){
      iCut = i; break;
    }
    if( c=='.' && (i+1==n || z[i+1]==' ') ){
      size_t w = i;
      while( w>0 && is_alpha((unsigned char)z[w-1]) ) w--;
      if( !is_abbrev(z+w, i-w) ){ iCut = i; break; }
    }
    if( c==' ' && (starts_with_phrase(z+i+1, n-i-1, "on")
                   || starts_with_phrase(z+i+1, n-i-1, "updated")
                   || starts_with_phrase(z+i+1, n-i-1, "published")
                   || starts_with_phrase(z+i+1, n-i-1, "posted")) ){
      iCut = i; break;
    }
  }
  /* comma parts: stop at the first job title; in a printed byline, a
  ** second part is a name only in a list that ends with 'and' ('By A, B
  ** and C'), else it is an affiliation ('By A, Pacific Wire') */
  bList = !bPrinted || nocase_find(z, iCut, " and ", 5)<iCut
       || nocase_find(z, iCut, " & ", 3)<iCut;
  nKeep = 0;
  iPart = 0;
  for(i=0; i<=iCut; i++){
    if( i==iCut || z[i]==',' ){
      const char *zPart = z + iPart;
      size_t nPart = i - iPart;
      trim(&zPart, &nPart, "");
      if( nPart==0 || (iPart>0 && is_role_part(zPart, nPart)) ) break;
      nKeep = i;
      iPart = i + 1;
      if( !bList ) break;
    }
  }
  return nKeep;
}

/* An author list of an abstract: 'A. J. Smith 1,2, B. Jones 3'. */
static int author_list(const char *z, size_t n, ThBuf *pOut){
  size_t i = 0;
  int nAuthor = 0;
  while( i<n ){
    size_t j = i, e;
    /* one author: text up to ', ' that is not inside the number list */
    while( j<n && !(z[j]==',' && j+1<n && z[j+1]==' ') ) j++;
    e = j;
    while( e>i && (is_digit((unsigned char)z[e-1]) || z[e-1]==','
                   || z[e-1]=='*') ) e--;
    if( e==j || e==i || z[e-1]!=' ' ) return 0;       /* no numbers */
    e--;
    if( !is_upper((unsigned char)z[i]) && (unsigned char)z[i]<0xc3 ) return 0;
    if( count_words(z+i, e-i)>5 ) return 0;
    if( nAuthor>0 && th_buf_append(pOut, ", ", 2) ) return -1;
    if( th_buf_append(pOut, z+i, e-i) ) return -1;
    nAuthor++;
    i = j<n ? j + 2 : n;
  }
  return nAuthor>=2 ? 1 : 0;
}

/* Length of a byline lead-in (data/meta_byline_leads.txt) that opens
** z[0..n), or 0; *pbAnyCase says whether the name may start in lower
** case. */
static size_t byline_lead(const char *z, size_t n, int *pbAnyCase){
  int k;
  for(k=0; th_data_meta_byline_leads[k]; k++){
    const char *zLead = th_data_meta_byline_leads[k];
    int bAnyCase = zLead[0]=='~';
    if( bAnyCase ) zLead++;
    if( starts_with_phrase(z, n, zLead) ){
      *pbAnyCase = bAnyCase;
      return strlen(zLead);
    }
  }
  return 0;
}

/* A name: two to four words, each starting with a capital letter (or a
** particle: 'van', 'de', 'da' ...), no digits, no punctuation but the
** hyphens, apostrophes and points of names ('Jean-Luc O’Neil', 'J. Doe'). */
static int is_person_name(const char *z, size_t n){
  static const char *const azParticle[] = {
    "al", "bin", "da", "de", "del", "della", "der", "di", "dos", "du",
    "la", "le", "van", "von",
  };
  size_t i = 0;
  int nWord = 0, nCap = 0;
  while( i<n ){
    size_t j = i, k;
    unsigned char c0;
    int bParticle = 0;
    while( j<n && z[j]!=' ' ) j++;
    c0 = (unsigned char)z[i];
    for(k=0; k<sizeof(azParticle)/sizeof(azParticle[0]); k++){
      if( nocase_eq(z+i, j-i, azParticle[k], strlen(azParticle[k])) ){
        bParticle = is_lower(c0);
      }
    }
    if( !bParticle ){
      if( !is_upper(c0) && !(c0>=0xc3 && c0<0xe0) ) return 0;
      if( j-i>1 && is_all_caps(z+i, j-i) ) return 0;
      nCap++;
    }
    for(k=i; k<j; k++){
      unsigned char c = (unsigned char)z[k];
      if( is_digit(c) || c==',' || c==':' || c==';' || c=='|' || c=='('
       || c=='&' || c=='/' || c=='!' || c=='?' || c=='"' ) return 0;
    }
    nWord++;
    i = j;
    while( i<n && z[i]==' ' ) i++;
  }
  if( nWord<2 || nWord>4 || nCap<2 ) return 0;
  /* 'Gene Therapy Programme', 'Clinical Research Team' are no names */
  for(i=0; i<n; ){
    size_t j = i;
    int k;
    while( j<n && z[j]!=' ' ) j++;
    for(k=0; th_data_meta_not_names[k]; k++){
      const char *zW = th_data_meta_not_names[k];
      if( nocase_eq(z+i, j-i, zW, strlen(zW)) ) return 0;
    }
    i = j;
    while( i<n && z[i]==' ' ) i++;
  }
  return !is_role_part(z, n);
}

/* A byline without 'By': 'Jane Doe, Science correspondent' (a name, a
** comma and a job title), or a name alone on its line right under the
** headline (bNameAlone).  Appends the name to pOut; 1 if found. */
static int bare_byline(const ThPage *p, int i, int bNameAlone, ThBuf *pOut){
  size_t n, nName;
  const char *z = block_text(p, i, &n);
  const char *zComma;
  if( n>120 || ends_sentence(z, n) || count_words(z, n)>10 ) return 0;
  if( is_stop_line(z, n) ) return 0;
  zComma = memchr(z, ',', n);
  if( zComma ){
    nName = (size_t)(zComma - z);
    if( !is_role_part(zComma+1, n-nName-1) ) return 0;
  }else{
    if( !bNameAlone ) return 0;
    nName = n;
  }
  trim(&z, &nName, "");
  if( !is_person_name(z, nName) ) return 0;
  if( th_buf_append(pOut, z, nName) ) return -1;
  return 1;
}

/* Byline of block i, appended to pOut; 1 if found. */
static int block_byline(const ThPage *p, int i, ThBuf *pOut){
  size_t n, k = 0, nKeep, kLead;
  const char *z = block_text(p, i, &n);
  int bAnyCase = 0;
  if( p->aBlock[i].kind==TH_BLOCK_ITEM || (p->aBlock[i].flags & TH_LINKY) ){
    return 0;
  }
  if( starts_with_phrase(z, n, "by") ){
    k = 2;
  }else if( (kLead = byline_lead(z, n, &bAnyCase))>0 ){
    k = kLead;
  }else if( starts_with_phrase(z, n, "posted on")
         || starts_with_phrase(z, n, "published on") ){
    size_t b = nocase_find(z, n, " by ", 4);
    if( b>=n ) return 0;
    k = b + 3;
    bAnyCase = 1;
  }else{
    /* 'March 3, 2021 by Jane Doe' */
    DateList list;
    list.n = 0;
    th_find_dates(z, n<100 ? n : 100, collect_date, &list);
    if( list.n==0 || list.a[0].iStart>0 ) return 0;
    k = list.a[0].iStart + list.a[0].nLen;
    while( k<n && (z[k]==' ' || z[k]==',') ) k++;
    if( !starts_with_phrase(z+k, n-k, "by") ) return 0;
    k += 2;
    bAnyCase = 1;
  }
  while( k<n && (z[k]==' ' || z[k]==':') ) k++;
  if( starts_with_phrase(z+k, n-k, "the") ){
    k += 3;
    while( k<n && z[k]==' ' ) k++;
  }
  z += k;
  n -= k;
  if( n==0 ) return 0;
  if( !bAnyCase && !is_upper((unsigned char)z[0])
   && (unsigned char)z[0]<0xc3 ) return 0;
  nKeep = byline_names(z, n, 1);
  trim(&z, &nKeep, ",:;");
  if( nKeep==0 || count_words(z, nKeep)>12 ) return 0;
  if( th_buf_append(pOut, z, nKeep) ) return -1;
  return 1;
}

int th_page_byline(ThPage *p, ThBuf *pOut){
  const char *zAuthor = p->meta.zAuthor;
  Layout L;
  int i, iFrom, rc;
  if( zlen(zAuthor) && zlen(zAuthor)<=200 && !strstr(zAuthor, "://") ){
    const char *z = zAuthor;
    size_t n = strlen(z);
    trim(&z, &n, "");
    if( starts_with_phrase(z, n, "by") ){ z += 2; n -= 2; trim(&z, &n, ":"); }
    n = byline_names(z, n, 0);    /* 'Jane Doe · 15 February 2023' */
    trim(&z, &n, ",:;");
    if( n>0 ) return put_text(pOut, z, n);
  }
  if( p->nBlock==0 ) return SQLITE_OK;
  if( layout_with_site(p, &L) ) return SQLITE_NOMEM;
  if( L.iHead<0 ) return SQLITE_OK;
  if( L.iHead+1<p->nBlock ){
    size_t n, n0 = pOut->n;
    const char *z = block_text(p, L.iHead+1, &n);
    rc = author_list(z, n, pOut);
    if( rc<0 ) return SQLITE_NOMEM;
    if( rc>0 ) return SQLITE_OK;
    pOut->n = n0;                 /* not an author list: drop what it wrote */
    if( pOut->z ) pOut->z[n0] = 0;
  }
  iFrom = L.iHead>3 ? L.iHead - 3 : 0;
  for(i=iFrom; i<=L.iHeadEnd; i++){
    if( i==L.iHead ) continue;
    rc = block_byline(p, i, pOut);
    if( rc<0 ) return SQLITE_NOMEM;
    if( rc>0 ) return SQLITE_OK;
  }
  /* no 'By': 'Jane Doe, Health reporter' under the headline, or a name
  ** alone right under it (or under its standfirst) */
  for(i=L.iHead+1; i<=L.iHeadEnd && i<=L.iHead+4; i++){
    const ThBlock *b = &p->aBlock[i];
    int bNameAlone = i==L.iHead+1
        || (i==L.iHead+2 && count_words(p->text.z + p->aBlock[i-1].iStart,
                                         p->aBlock[i-1].nLen)>=8);
    if( is_prose(p, i) ) break;
    if( b->kind==TH_BLOCK_ITEM || b->kind==TH_BLOCK_HEADING
     || (b->flags & TH_IN_CHROME) ) continue;
    rc = bare_byline(p, i, bNameAlone, pOut);
    if( rc<0 ) return SQLITE_NOMEM;
    if( rc>0 ) return SQLITE_OK;
  }
  return SQLITE_OK;
}

/* ---- site --------------------------------------------------------------- */

/* Bytes searched for a second mention of a site name: the whole page when
** it is small, else its first and last SITE_SEARCH bytes. */
#define SITE_SEARCH (128*1024)

/* Looks for the name in p->text[iFrom..iTo) outside block iSkip, as whole
** words.  Remembers in *piFound and *pnFound the first spelling that is not
** all capitals, else the first one.  Returns 2 for a mixed-case one, 1 for
** an all-capitals one only, 0 for none (or what *pFound already held). */
static int find_name_in(const ThPage *p, size_t iFrom, size_t iTo,
                        const ThBlock *pSkip, const char *zName, size_t nName,
                        int bFound, size_t *piFound, size_t *pnFound){
  const char *zText = p->text.z;
  size_t i = iFrom;
  while( i<iTo ){
    size_t k = nocase_find(zText + i, iTo - i, zName, nName), at = i + k;
    if( k>=iTo - i ) break;
    i = at + 1;
    if( at>=pSkip->iStart && at<pSkip->iStart + pSkip->nLen ) continue;
    if( at>0 && is_alpha((unsigned char)zText[at-1]) ) continue;
    if( at+nName<p->text.n && is_alpha((unsigned char)zText[at+nName]) ){
      continue;
    }
    if( !bFound ){
      *piFound = at;
      *pnFound = nName;
      bFound = 1;
    }
    if( !is_all_caps(zText + at, nName) ){
      *piFound = at;
      *pnFound = nName;
      return 2;
    }
  }
  return bFound;
}

/* 1 when the page text outside block iSkip holds the name again (or the
** name without a leading 'The'); *piFound and *pnFound get the offset and
** length in p->text of a spelling that is not all capitals when there is
** one, else of any. */
static int name_elsewhere(const ThPage *p, int iSkip, const char *z, size_t n,
                          size_t *piFound, size_t *pnFound){
  const ThBlock *pSkip = &p->aBlock[iSkip];
  size_t nHead = p->text.n<2*SITE_SEARCH ? p->text.n : SITE_SEARCH;
  size_t iTail = p->text.n - (p->text.n<2*SITE_SEARCH ? 0 : SITE_SEARCH);
  int pass, found = 0;
  for(pass=0; pass<2 && found<2; pass++){
    const char *zName = z;
    size_t nName = n;
    if( pass==1 ){
      if( !starts_with_phrase(z, n, "the") || n<6 ) break;
      zName = z + 4;
      nName = n - 4;
    }
    found = find_name_in(p, 0, nHead, pSkip, zName, nName, found,
                         piFound, pnFound);
    if( found<2 && iTail>nHead ){
      found = find_name_in(p, iTail, p->text.n, pSkip, zName, nName, found,
                           piFound, pnFound);
    }
  }
  return found>0;
}

/* The site name of a masthead line: cut a tagline, an '(ABBR)', or the
** mixed-case words after an all-capitals name. */
static int masthead_name(const char *z, size_t n, const char **pzName,
                         size_t *pnName){
  size_t k, i;
  ThDate d;
  for(k=0; k<sizeof(azTitleSep)/sizeof(azTitleSep[0]); k++){
    size_t m = strlen(azTitleSep[k]);
    if( azTitleSep[k][0]!=' ' ) continue;
    for(i=0; i+m<=n; i++){
      if( memcmp(z+i, azTitleSep[k], m)==0 ){ n = i; break; }
    }
  }
  /* 'THE KANSAI HERALD English Edition' */
  if( n>0 && is_upper((unsigned char)z[0]) ){
    size_t iWordEnd = 0, nCaps = 0;
    i = 0;
    while( i<n ){
      size_t j = i;
      while( j<n && z[j]!=' ' ) j++;
      if( !is_all_caps(z+i, j-i)
       && !(j-i==1 && is_upper((unsigned char)z[i])) ) break;
      nCaps++;
      iWordEnd = j;
      i = j + 1;
    }
    if( nCaps>=2 && iWordEnd<n ) n = iWordEnd;
  }
  /* 'Name (ABBR)' */
  if( n>2 && z[n-1]==')' ){
    for(i=n-1; i>0 && z[i]!='('; i--){}
    if( i>0 && z[i-1]==' ' ) n = i - 1;
  }
  trim(&z, &n, "");
  if( n<3 || count_words(z, n)>6 ) return 0;
  if( !is_upper((unsigned char)z[0]) && (unsigned char)z[0]<0xc3 ) return 0;
  for(i=0; i<n; i++){
    if( is_digit((unsigned char)z[i]) || z[i]=='|' || z[i]=='@' ) return 0;
  }
  if( is_stop_line(z, n) || first_date(z, n, &d) ) return 0;
  *pzName = z;
  *pnName = n;
  return 1;
}

/* Company-form endings dropped from a '©' name. */
static const char *const azCompany[] = {
  " Ltd", " Ltd.", " Limited", " Inc", " Inc.", " LLC", " plc", " GmbH",
  " Co.", " Pty", " Corp", " Corp.", " AG", " SA", " ApS", " BV",
};

/* The name after '©' / 'Copyright' and a year in block i. */
static int copyright_name(const ThPage *p, int i, const char **pzName,
                          size_t *pnName){
  size_t n, k, e;
  const char *z = block_text(p, i, &n);
  int bStrip = 1;
  if( n>MAX_SHORT_LINE ) return 0;
  k = nocase_find(z, n, "\xc2\xa9", 2);
  if( k<n ){
    k += 2;
  }else{
    k = nocase_find(z, n, "copyright", 9);
    if( k>=n ) return 0;
    k += 9;
  }
  for(;;){
    while( k<n && (z[k]==' ' || z[k]==',') ) k++;
    if( k+4<=n && is_digit((unsigned char)z[k]) ){
      while( k<n && (is_digit((unsigned char)z[k]) || z[k]=='-') ) k++;
    }else if( k+2<=n && memcmp(z+k, "\xc2\xa9", 2)==0 ){
      k += 2;
    }else{
      break;
    }
  }
  for(e=k; e<n; e++){
    if( z[e]==',' || z[e]=='|' || (z[e]=='.' && (e+1==n || z[e+1]==' ')
        && !(e>=3 && (memcmp(z+e-3, "Inc", 3)==0 || memcmp(z+e-3, "Ltd", 3)==0
                      || memcmp(z+e-2, "Co", 2)==0))) ) break;
    if( starts_with_phrase(z+e, n-e, " all rights") ) break;
  }
  z += k;
  n = e - k;
  while( bStrip ){
    size_t j;
    bStrip = 0;
    for(j=0; j<sizeof(azCompany)/sizeof(azCompany[0]); j++){
      size_t m = strlen(azCompany[j]);
      if( n>m && memcmp(z+n-m, azCompany[j], m)==0 ){
        n -= m;
        bStrip = 1;
      }
    }
  }
  trim(&z, &n, ".");
  if( n<3 || count_words(z, n)>8 || !is_upper((unsigned char)z[0]) ) return 0;
  if( starts_with_phrase(z, n, "the authors") ) return 0;
  *pzName = z;
  *pnName = n;
  return 1;
}

/* 1 for a name of one word without an inner capital ('Health', not
** 'GenomeWire' or 'STAT'): too common a word to trust on its own. */
static int is_plain_word(const char *z, size_t n){
  size_t i;
  if( count_words(z, n)!=1 ) return 0;
  for(i=1; i<n; i++) if( is_upper((unsigned char)z[i]) ) return 0;
  return 1;
}

/* Site of the blocks: a masthead among the first blocks that the page
** names again, else a footer '©' name that the page names again.  A
** masthead of one plain word must also be the footer's name. */
static int text_site(ThPage *p, ThBuf *pOut){
  int i, nSeen, iFooter = -1;
  size_t iFound = 0, nFound = 0, nFooter = 0;
  const char *zFooter = 0;
  for(i=p->nBlock-1, nSeen=0; i>=0 && i>=p->nBlock-40 && nSeen<3; i--){
    size_t nName;
    const char *zName;
    if( !copyright_name(p, i, &zName, &nName) ) continue;
    nSeen++;
    if( name_elsewhere(p, i, zName, nName, &iFound, &nFound) ){
      zFooter = zName;
      nFooter = nName;
      iFooter = i;
      break;
    }
  }
  for(i=0, nSeen=0; i<p->nBlock && nSeen<MASTHEAD_BLOCKS; i++){
    size_t n, nName;
    const char *z = block_text(p, i, &n), *zName;
    const ThBlock *b = &p->aBlock[i];
    if( b->kind==TH_BLOCK_ITEM ) continue;
    nSeen++;
    if( n>MAX_SHORT_LINE ) continue;
    /* a headline: printed twice, or followed by its byline or text */
    if( i+1<p->nBlock && (same_block_text(p, i, i+1) || is_prose(p, i+1)
                          || is_byline_line(p, i+1)) ) break;
    if( !masthead_name(z, n, &zName, &nName) ) continue;
    if( is_plain_word(zName, nName)
     && !(zFooter && nocase_eq(zName, nName, zFooter, nFooter)) ) continue;
    if( name_elsewhere(p, i, zName, nName, &iFound, &nFound) ){
      if( is_all_caps(zName, nName) ){
        return put_text(pOut, p->text.z + iFound, nFound);
      }
      return put_text(pOut, zName, nName);
    }
  }
  if( iFooter>=0 ) return put_text(pOut, zFooter, nFooter);
  return SQLITE_OK;
}

static int site_name(ThPage *p, ThBuf *pOut){
  const ThPageMeta *m = &p->meta;
  const char *z;
  size_t n, iKeep, nKeep;
  int k;
  if( zlen(m->zSiteName) ){
    z = m->zSiteName; n = strlen(z);
    trim(&z, &n, "");
    return put_text(pOut, z, n);
  }
  /* '<title>Headline | Site</title>' beside og:title or <h1> 'Headline' */
  for(k=0; k<2 && zlen(m->zTitle); k++){
    const char *zHead = k==0 ? m->zOgTitle : m->zH1;
    if( !split_off(m->zTitle, strlen(m->zTitle), zHead, zlen(zHead),
                   &iKeep, &nKeep) ) continue;
    z = m->zTitle + iKeep;
    n = nKeep;
    trim(&z, &n, "");
    if( n>0 && count_words(z, n)<=8
     && count_words(z, n)<count_words(zHead, strlen(zHead)) ){
      return put_text(pOut, z, n);
    }
  }
  return text_site(p, pOut);
}

int th_page_site(ThPage *p, ThBuf *pOut){
  return site_name(p, pOut);
}
