/*
** clean.c -- which blocks of a page are the article, and its body text.
**
**   th_page_classify(p)   sets p->aKeep (1 = article text), p->iTitle (the
**                         headline block, never body), iBodyFirst/iBodyLast
**   th_page_body(p, out)  the kept blocks as paragraphs separated by one
**                         blank line; the lines of a hard-wrapped paragraph
**                         of a text dump are joined with a space
**
** From SQL (clean_sql.c):  SELECT therapy_clean(page);
**
** How the article is found.  Each step is one pass over the blocks, and no
** block text is read more than a few times, so the cost is linear in the
** size of the page.
**
**  1. Units.  A unit is a block, or in a text dump the lines of one
**     hard-wrapped paragraph (see line_continues()).
**  2. Core features of every unit (unit_core_features()): words and the
**     case of their first letters, terminal punctuation, separators, list
**     items, markup hints, and matches of its folded start in the phrase
**     lists of data/ (end_markers.txt, list_headings.txt, ad_labels.txt,
**     boilerplate.txt; sorted, looked up through a first-byte index built
**     with the data).  A long paragraph's words were counted when page.c
**     copied it (ThBlock.wc), eight bytes at a time.
**  3. Scores.  Prose (a sentence-like paragraph) scores its number of words,
**     furniture scores below zero, other short lines a little below zero.
**     End markers (references, contact blocks, comments, tags, disclosures,
**     'About <organisation>') are barriers, and prose after the first
**     barrier that follows some text counts a quarter (comments, footers).
**     The article is the run of units of maximum total score between two
**     barriers (Kadane's maximum-sum segment), so short lines and adverts
**     inside the article do not split it, and lists after it are left out.
**  4. Details (unit_detail_features()), only for the units of the article
**     and the few before it: dates and teasers, bylines, breadcrumbs and
**     navigation lines, contact lines, cross-links, names, captions with
**     credits, notes in brackets, an author's bio.
**  5. The headline: the block that matches og:title/<h1>/<title> (HTML),
**     else a title line printed twice just before the article, else the
**     first title-like line after the last menu or breadcrumb before the
**     last title-like line (a share bar under the headline is no menu),
**     a masthead's tagline aside.
**     Between the headline and the article only a standfirst (a sentence
**     of six or more words, mostly lower case) is kept.
**  6. Inside the article, furniture is dropped: subheadings of 1-5 words
**     without punctuation, bylines and date lines, captions with credits
**     (cut from the start of a paragraph they are glued to), advert labels
**     and their text, cross-links ("Read more: ..."), runs of
**     "Name, Title" lines, lines repeating another line, pull quotes that
**     repeat the text (also with their attribution), lines of parts one
**     of which is furniture ("Faculty of Law \xc2\xb7 4 min read"), and at
**     its end an author's bio, publication notes (data/tail_notes.txt:
**     copyright, funder and editing notes, wire credits) and a publisher's
**     self-description before its 'About' block.  Real paragraphs are kept
**     however short they are; list items are kept.
**
** No global mutable state: everything lives in a Cleaner on the heap for
** the duration of one call.
*/
#include <string.h>
#include "page.h"

/* Phrase lists (data/NAME.txt, compiled in by scripts/embed.awk), with
** their first-byte indexes (th_data_NAME_index: see embed.awk). */
extern const char *const th_data_boilerplate[];
extern const char *const th_data_end_markers[];
extern const char *const th_data_list_headings[];
extern const char *const th_data_ad_labels[];
extern const int th_data_boilerplate_index[257];
extern const int th_data_end_markers_index[257];
extern const int th_data_list_headings_index[257];
extern const int th_data_ad_labels_index[257];
extern const char *const th_data_org_words[];
extern const int th_data_org_words_index[257];
extern const char *const th_data_org_cues[];
extern const char *const th_data_tail_notes[];
extern const int th_data_tail_notes_index[257];
extern const char *const th_data_meta_byline_leads[];

/* ---- unit features ------------------------------------------------------ */

#define UF_TERMINAL   0x00000001  /* ends with . ! ? (closing quotes aside) */
#define UF_COLON_END  0x00000002  /* ends with ':' (a lead-in) */
#define UF_PUNCT      0x00000004  /* has punctuation (heading rule) */
#define UF_ITEM       0x00000008  /* list item: bullet, <li>, "1. " */
#define UF_NUMBERED   0x00000010  /* starts with a number marker "1. " */
#define UF_MENU       0x00000020  /* menu, breadcrumb, share bar */
#define UF_BREAK      0x00000040  /* navigation: breadcrumb, nav item */
#define UF_NAV        0x00000080  /* Title Case words, no function word */
#define UF_DATE       0x00000100  /* a date line */
#define UF_HAS_DATE   0x00000200  /* holds a date */
#define UF_BYLINE     0x00000400  /* "By Jane Doe" */
#define UF_CAPTION    0x00000800  /* photo caption or credit */
#define UF_NAMES      0x00001000  /* list of names or affiliations */
#define UF_NAMELINE   0x00002000  /* "Name, Title" (a run of them: names) */
#define UF_BOILER     0x00004000  /* boilerplate.txt */
#define UF_END        0x00008000  /* end marker: a barrier */
#define UF_LISTHEAD   0x00010000  /* list_headings.txt */
#define UF_AD         0x00020000  /* ad_labels.txt */
#define UF_CROSSLINK  0x00040000  /* "Label: Title Case Headline" */
#define UF_CONTACT    0x00080000  /* URL, phone number or e-mail alone */
#define UF_PAREN      0x00100000  /* a whole line in parentheses */
#define UF_RELATED    0x00200000  /* teaser with its own date or byline */
#define UF_TITLE      0x00400000  /* the headline or a copy of it */
#define UF_BOX        0x00800000  /* under an advert or list heading */
#define UF_PROSE      0x01000000  /* sentence-like paragraph */
#define UF_CHROME_IN  0x02000000  /* HTML hint: nav/aside/footer/linky */
#define UF_ABOUT_ORG  0x04000000  /* 'About <organisation>' */
#define UF_GLUED      0x08000000  /* a point glued to a capital: "leg.NIAID" */
#define UF_BIO        0x10000000  /* author's bio line */
#define UF_FULLSTOP   0x20000000  /* ends with a full stop */
#define UF_DIGIT      0x40000000  /* holds a digit */
#define UF_SLASH      0x80000000  /* holds '/' or '\xc2\xa9' (credits) */

/* Anything that is never article text. */
#define UF_FURNITURE (UF_MENU|UF_BREAK|UF_NAV|UF_DATE|UF_BYLINE|UF_CAPTION \
  |UF_NAMES|UF_BOILER|UF_END|UF_LISTHEAD|UF_AD|UF_CROSSLINK|UF_CONTACT \
  |UF_PAREN|UF_RELATED|UF_TITLE|UF_BOX|UF_CHROME_IN)

typedef struct Unit {
  int iFirst, iLast;      /* its blocks */
  int nWord;              /* words holding a letter or digit */
  int nLower;             /* words starting with a lower-case letter */
  int nUpper;             /* words starting with an upper-case letter */
  int nUncased;           /* words starting with a letter without case */
  int score;              /* for the maximum-sum segment */
  unsigned short nSep;    /* standalone separators: | • › */
  unsigned short nComma;  /* commas and semicolons */
  unsigned int f;         /* UF_* */
} Unit;

/* A phrase list: the entries of a data file, sorted (the '!' that marks a
** strong entry aside), and where the entries starting with byte c start:
** aStart[c], up to aStart[c+1] (computed at build time by embed.awk). */
typedef struct PhraseList {
  const char *const *az;
  const int *aStart;
  unsigned char aStarLast[32];  /* bit set: last bytes a line must end with
                                ** to match an entry starting with '*' */
} PhraseList;

#define FOLD_MAX 60
#define TITLE_WINDOW 24   /* units before the article where the headline is */
#define BYLINE_NAME_MAX 64

typedef struct Cleaner {
  ThPage *p;
  Unit *aUnit;
  int nUnit;
  int nWrap;              /* text dump: width of hard-wrapped lines, or 0 */
  int bArticle;           /* HTML: some prose is inside <article>/<main> */
  PhraseList boiler, end, head, ad;
  char zName[BYLINE_NAME_MAX];   /* author named by the byline, for the bio */
  int nName;
} Cleaner;

/* ---- characters ---------------------------------------------------------- */

enum { CC_NONE = 0, CC_LOWER, CC_UPPER, CC_DIGIT, CC_LETTER };

/* Decodes one UTF-8 character at z (lenient: a bad byte is one character
** U+FFFD) and stores its length in *pLen. */
static unsigned decode_utf8(const unsigned char *z, size_t n, int *pLen){
  unsigned c = z[0];
  int len, k;
  if( c<0x80 ){ *pLen = 1; return c; }
  if( c>=0xc2 && c<=0xdf ){ len = 2; c &= 0x1f; }
  else if( c>=0xe0 && c<=0xef ){ len = 3; c &= 0x0f; }
  else if( c>=0xf0 && c<=0xf4 ){ len = 4; c &= 0x07; }
  else { *pLen = 1; return 0xfffd; }
  if( (size_t)len>n ){ *pLen = 1; return 0xfffd; }
  for(k=1; k<len; k++){
    if( (z[k]&0xc0)!=0x80 ){ *pLen = 1; return 0xfffd; }
    c = (c<<6) | (z[k]&0x3f);
  }
  *pLen = len;
  return c;
}

/* The class of code point c: lower or upper case letter, digit, a letter
** of a script without case, or none (punctuation, symbols, space). */
static int cp_class(unsigned c){
  if( c<0x80 ){
    if( c>='a' && c<='z' ) return CC_LOWER;
    if( c>='A' && c<='Z' ) return CC_UPPER;
    if( c>='0' && c<='9' ) return CC_DIGIT;
    return CC_NONE;
  }
  if( c<0xc0 ) return CC_NONE;
  if( c<0x100 ){
    if( c==0xd7 || c==0xf7 ) return CC_NONE;
    return c<0xdf ? CC_UPPER : CC_LOWER;
  }
  if( c<0x180 ){                            /* Latin Extended-A */
    int bOddUpper = (c>=0x139 && c<=0x148) || (c>=0x179 && c<=0x17e);
    if( c==0x138 || c==0x149 || c==0x17f ) return CC_LOWER;
    return ((c&1)!=0)==bOddUpper ? CC_UPPER : CC_LOWER;
  }
  if( c>=0x391 && c<=0x3a9 ) return CC_UPPER;       /* Greek */
  if( c>=0x3b1 && c<=0x3c9 ) return CC_LOWER;
  if( c>=0x400 && c<=0x42f ) return CC_UPPER;       /* Cyrillic */
  if( c>=0x430 && c<=0x45f ) return CC_LOWER;
  if( c>=0x1e00 && c<=0x1eff ) return (c&1) ? CC_LOWER : CC_UPPER;
  if( c>=0x2000 && c<=0x2bff ) return CC_NONE;      /* punctuation, symbols */
  if( c>=0x3000 && c<=0x303f ) return CC_NONE;      /* CJK punctuation */
  if( c>=0xfe00 && c<=0xfe6f ) return CC_NONE;
  if( c>=0xff00 && c<=0xff20 ) return CC_NONE;
  if( c>=0x1f000 ) return CC_NONE;                  /* emoji */
  if( c==0xfffd ) return CC_NONE;
  return CC_LETTER;
}

static int is_alnum_byte(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z') || (c>='0' && c<='9')
      || c>=0x80;
}

static int ascii_lower(int c){
  return (c>='A' && c<='Z') ? c + ('a' - 'A') : c;
}

/* Case-insensitive (ASCII) comparison of n bytes. */
static int same_nocase(const char *a, const char *b, size_t n){
  size_t i;
  for(i=0; i<n; i++){
    if( ascii_lower((unsigned char)a[i])!=ascii_lower((unsigned char)b[i]) ){
      return 0;
    }
  }
  return 1;
}

/* Does z (n bytes) start with the ASCII word zWord, case-insensitively,
** followed by a non-letter or the end? */
static int starts_with_word(const char *z, size_t n, const char *zWord){
  size_t m = strlen(zWord);
  if( n<m || !same_nocase(z, zWord, m) ) return 0;
  return n==m || !is_alnum_byte((unsigned char)z[m]);
}

/* Does z (n bytes, not NUL-terminated) contain zNeedle? */
static int has_bytes(const char *z, size_t n, const char *zNeedle){
  size_t m = strlen(zNeedle), i;
  if( m==0 || m>n ) return m==0;
  for(i=0; i+m<=n; i++){
    if( z[i]==zNeedle[0] && memcmp(z+i, zNeedle, m)==0 ) return 1;
  }
  return 0;
}

/* Text of block i. */
static const char *block_text(const ThPage *p, int i, size_t *pn){
  *pn = p->aBlock[i].nLen;
  return p->text.z + p->aBlock[i].iStart;
}

/* Class of the first letter or digit of z, after opening quotes and
** brackets; CC_NONE when z has none in its first few bytes. */
static int first_class(const char *z, size_t n){
  size_t i = 0;
  if( n>0 ){
    /* most texts start with a letter or digit */
    unsigned char c = (unsigned char)z[0];
    if( c>='a' && c<='z' ) return CC_LOWER;
    if( c>='A' && c<='Z' ) return CC_UPPER;
    if( c>='0' && c<='9' ) return CC_DIGIT;
  }
  while( i<n && i<8 ){
    int len;
    unsigned c = decode_utf8((const unsigned char*)z+i, n-i, &len);
    int cls = cp_class(c);
    if( cls!=CC_NONE ) return cls;
    i += (size_t)len;
  }
  return CC_NONE;
}

/* How the text ends, closing quotes and brackets and invisible characters
** aside: '.' for a full stop (also … and 。), '?' for ? and !, ':' for a
** colon, 0 otherwise. */
static int end_punct(const char *z, size_t n){
  while( n>0 ){
    unsigned char c = (unsigned char)z[n-1];
    if( c>'*' && c<0x80 && c!=']' ) break;      /* the usual last byte */
    if( c==' ' || c=='"' || c=='\'' || c==')' || c==']' || c=='*' ){
      n--;
      continue;
    }
    if( n>=3 && (unsigned char)z[n-3]==0xe2 && (unsigned char)z[n-2]==0x80
     && ((unsigned char)z[n-1]==0x9d || (unsigned char)z[n-1]==0x99) ){
      n -= 3;                                   /* ” ’ */
      continue;
    }
    if( n>=2 && (unsigned char)z[n-2]==0xc2
     && (c==0xbb || (c>=0x80 && c<=0x9f)) ){
      n -= 2;                                   /* », C1 controls */
      continue;
    }
    if( n>=3 && (unsigned char)z[n-3]==0xe2 && (unsigned char)z[n-2]==0x80
     && (unsigned char)z[n-1]>=0x8b && (unsigned char)z[n-1]<=0x8f ){
      n -= 3;                                   /* zero-width characters */
      continue;
    }
    if( c<0x20 ){ n--; continue; }              /* control characters */
    break;
  }
  if( n==0 ) return 0;
  switch( z[n-1] ){
    case '.': return '.';
    case '!': case '?': return '?';
    case ':': return ':';
  }
  if( n>=3 && (unsigned char)z[n-3]==0xe2 && (unsigned char)z[n-2]==0x80
   && (unsigned char)z[n-1]==0xa6 ) return '.';           /* … */
  if( n>=3 && (unsigned char)z[n-3]==0xe3 && (unsigned char)z[n-2]==0x80
   && (unsigned char)z[n-1]==0x82 ) return '.';           /* 。 */
  if( n>=3 && (unsigned char)z[n-3]==0xef && (unsigned char)z[n-2]==0xbc
   && ((unsigned char)z[n-1]==0x81 || (unsigned char)z[n-1]==0x9f) ){
    return '?';                                           /* ！ ？ */
  }
  return 0;
}

/* ---- hard-wrapped lines -------------------------------------------------- */

/* The width of a text dump wrapped at a fixed column, or 0.  A page is
** wrapped when most of its longer lines are 40..110 bytes long, few are
** longer, and half of them end within 15 bytes of the longest. */
static int wrap_width(const ThPage *p){
  int i, nMid = 0, nLong = 0, nNear = 0, w = 0;
  if( p->format!=TH_FORMAT_TEXT ) return 0;
  for(i=0; i<p->nBlock; i++){
    int n = (int)p->aBlock[i].nLen;
    if( n>110 ) nLong++;
    else if( n>=40 ){ nMid++; if( n>w ) w = n; }
  }
  if( nMid<8 || nLong*8>nMid ) return 0;
  for(i=0; i<p->nBlock; i++){
    int n = (int)p->aBlock[i].nLen;
    if( n>=w-15 && n<=w ) nNear++;
  }
  return nNear*2>=nMid ? w : 0;
}

/* Does line i+1 of a text dump go on with the paragraph of line i?  Yes
** when no blank line separates them, the next line is not a list item and
** either starts in lower case after a line without terminal punctuation,
** or (page wrapped at nWrap) line i is full, does not end a sentence and
** the next starts a word. */
static int line_continues(const ThPage *p, int i, int nWrap){
  const ThBlock *a, *b;
  const char *za, *zb;
  size_t na, nb;
  int cls;
  if( p->format!=TH_FORMAT_TEXT || i+1>=p->nBlock ) return 0;
  a = &p->aBlock[i];
  b = &p->aBlock[i+1];
  if( (b->flags & TH_BLANK_BEFORE) || b->kind!=TH_BLOCK_LINE ) return 0;
  if( (a->flags & TH_INDENTED)!=(b->flags & TH_INDENTED)
   && !(a->kind==TH_BLOCK_ITEM && (b->flags & TH_INDENTED)) ) return 0;
  za = block_text(p, i, &na);
  zb = block_text(p, i+1, &nb);
  cls = first_class(zb, nb);
  if( cls==CC_LOWER && (end_punct(za, na)==0 || end_punct(za, na)==':')
   && na>=20 ) return 1;
  if( nWrap>0 && (cls!=CC_NONE || zb[0]=='"' || zb[0]=='(')
   && (int)na>=nWrap-15 && end_punct(za, na)==0 ) return 1;
  return 0;
}

/* ---- phrase lists -------------------------------------------------------- */

/* The pattern of an entry, without its '!'. */
static const char *entry_pattern(const char *zEntry){
  return zEntry[0]=='!' ? zEntry+1 : zEntry;
}

/* Also notes the last bytes of the entries "*rest" (rest without '*'),
** which only a line ending in the same byte matches; any other entry that
** starts with '*' may match a line ending in any byte. */
static void phrase_list_init(PhraseList *pl, const char *const *az,
                             const int *aIndex){
  int k;
  pl->az = az;
  pl->aStart = aIndex;
  memset(pl->aStarLast, 0, sizeof(pl->aStarLast));
  for(k=aIndex['*']; k<aIndex['*'+1]; k++){
    const char *zRest = entry_pattern(az[k]) + 1;
    size_t m = strlen(zRest);
    if( m==0 || strchr(zRest, '*')!=0 ){
      memset(pl->aStarLast, 0xff, sizeof(pl->aStarLast));
      break;
    }
    pl->aStarLast[(unsigned char)zRest[m-1]>>3] |=
        (unsigned char)(1 << (zRest[m-1] & 7));
  }
}

/* Index of the first entry whose pattern starts with a byte >= c. */
static int phrase_start(const PhraseList *pl, int c){
  return pl->aStart[c];
}

/* Does the folded text z (n bytes) match the pattern zPat in full?  '*'
** matches any run; after a letter or digit only at a word boundary. */
static int glob_match(const char *zPat, const char *zStart,
                      const char *z, size_t n){
  while( *zPat ){
    if( *zPat=='*' ){
      size_t k;
      if( zPat>zStart && is_alnum_byte((unsigned char)zPat[-1])
       && n>0 && is_alnum_byte((unsigned char)z[0]) ) return 0;
      zPat++;
      if( *zPat==0 ) return 1;
      if( strchr(zPat, '*')==0 ){
        /* the rest has no '*': it must end the text */
        size_t m = strlen(zPat);
        return m<=n && memcmp(z+n-m, zPat, m)==0;
      }
      for(k=0; k<=n; k++){
        if( glob_match(zPat, zStart, z+k, n-k) ) return 1;
      }
      return 0;
    }
    if( n==0 || *zPat!=*z ) return 0;
    zPat++; z++; n--;
  }
  return n==0;
}

/* Does the folded text z (n bytes) match the entry?  Its first kFrom
** bytes are known to be bytes of the text (kFrom<=n, none a '*'). */
static int phrase_try(const char *zEntry, const char *z, size_t n,
                      int bProse, size_t kFrom){
  int bStrong = zEntry[0]=='!';
  const char *zPat = bStrong ? zEntry+1 : zEntry;
  size_t k;
  /* the pattern up to its first '*' must start the text */
  for(k=kFrom; zPat[k]!='*'; k++){
    if( zPat[k]==0 ) return k==n;
    if( k>=n || zPat[k]!=z[k] ) return 0;
  }
  if( bProse && !bStrong ) return 0;
  return glob_match(zPat+k, zPat, z+k, n-k);
}

/* Tries the entries whose pattern starts with byte c.  The entries are
** sorted, so those whose second byte is the text's second byte follow one
** another; before them, only those whose second byte is '*' or the end
** (or a byte below '*' equal to the text's) can match. */
static int phrase_bucket(const PhraseList *pl, unsigned char c,
                         const char *z, size_t n, int bProse){
  int k = phrase_start(pl, c), kEnd = phrase_start(pl, c+1);
  unsigned char c1 = n>=2 ? (unsigned char)z[1] : 0;
  if( c=='*' ){
    for(; k<kEnd; k++){
      if( phrase_try(pl->az[k], z, n, bProse, 0) ) return 1;
    }
    return 0;
  }
  for(; k<kEnd; k++){
    const char *zEntry = pl->az[k];
    const char *zPat = entry_pattern(zEntry);
    unsigned char p1 = (unsigned char)zPat[1];
    if( p1>'*' ) break;
    if( p1!=0 && p1!='*' ){
      if( n<2 || p1!=c1 ) continue;
      /* quick reject on the third byte */
      if( zPat[2]!='*' && zPat[2]!=0 && (n<3 || zPat[2]!=z[2]) ) continue;
    }
    if( phrase_try(zEntry, z, n, bProse, 1) ) return 1;
  }
  if( c1<='*' ) return 0;
  {
    /* a bucket holds a few entries: a linear search finds the first whose
    ** second byte is c1 or above */
    while( k<kEnd && (unsigned char)entry_pattern(pl->az[k])[1]<c1 ) k++;
    for(; k<kEnd; k++){
      const char *zEntry = pl->az[k];
      const char *zPat = entry_pattern(zEntry);
      if( (unsigned char)zPat[1]!=c1 ) break;
      /* quick reject on the third byte */
      if( zPat[2]!='*' && zPat[2]!=0 && (n<3 || zPat[2]!=z[2]) ) continue;
      /* the first two bytes match, and the third unless it is '*' or
      ** the end */
      if( phrase_try(zEntry, z, n, bProse,
                     zPat[2]!='*' && zPat[2]!=0 ? 3 : 2) ) return 1;
    }
  }
  return 0;
}

/* Does the folded line of nWord words match an entry of the list?
** bProse: the line is a sentence, which only strong entries ('!') or
** whole-line ones match. */
static int phrase_match(const PhraseList *pl, const char *z, size_t n,
                        int bProse, int nWord){
  if( n==0 ) return 0;
  if( phrase_bucket(pl, (unsigned char)z[0], z, n, bProse) ) return 1;
  /* entries starting with '*' ("* comments") are for lines of a few words */
  return nWord<=4
      && (pl->aStarLast[(unsigned char)z[n-1]>>3] & (1 << (z[n-1] & 7)))
      && phrase_bucket(pl, '*', z, n, bProse);
}

/* Length of a symbol at z that folding drops at the start or end of a line:
** ASCII punctuation (except '#', '(' and '©'-like), · » « and the
** punctuation, arrows and shapes of U+2000..U+2BFF, emoji. */
static int symbol_len(const unsigned char *z, size_t n, int bLeading){
  unsigned c = z[0];
  if( c<0x80 ){
    if( is_alnum_byte((unsigned char)c) ) return 0;
    if( bLeading && (c=='#' || c=='(' || c=='*') ) return 0;
    if( !bLeading && c=='#' ) return 0;
    return 1;
  }
  if( c==0xc2 && n>=2 && (z[1]==0xb7 || z[1]==0xbb || z[1]==0xab
                          || z[1]==0xa0) ) return 2;
  if( c==0xe2 && n>=3 ) return 3;
  if( c==0xf0 && n>=4 ) return 4;
  if( c==0xef && n>=3 && z[1]==0xb8 ) return 3;     /* variation selectors */
  return 0;
}

/* When the 8 bytes at z are all ASCII, stores them lower-cased at zOut
** and returns 1 (SWAR: the upper-case letters found at once, each byte's
** high bit the answer, and 0x20 added to them); else returns 0. */
static int fold_ascii8(const unsigned char *z, char *zOut){
  const uint64_t ones = 0x0101010101010101ull;
  const uint64_t high = 0x8080808080808080ull;
  uint64_t x, upper;
  memcpy(&x, z, 8);
  if( x & high ) return 0;
  upper = (x + ones*(0x80-'A')) & ~(x + ones*(0x80-'Z'-1)) & high;
  x |= upper >> 2;
  memcpy(zOut, &x, 8);
  return 1;
}

/* Copies z[0..n) to zOut with ASCII upper-case letters lower-cased (other
** bytes as they are), eight bytes at a time (SWAR: the upper-case letters
** among the low seven bits of each byte found at once, bytes >= 0x80
** left out, and 0x20 added to them). */
static void lower_copy(const char *z, size_t n, char *zOut){
  const uint64_t ones = 0x0101010101010101ull;
  const uint64_t high = 0x8080808080808080ull, low7 = 0x7f7f7f7f7f7f7f7full;
  size_t k = 0;
  for(; k+8<=n; k+=8){
    uint64_t x, t, upper;
    memcpy(&x, z+k, 8);
    t = x & low7;
    upper = (t + ones*(0x80-'A')) & ~(t + ones*(0x80-'Z'-1)) & ~x & high;
    x |= upper >> 2;
    memcpy(zOut+k, &x, 8);
  }
  for(; k<n; k++) zOut[k] = (char)ascii_lower((unsigned char)z[k]);
}

/* Folds the start of z into zOut (at most FOLD_MAX-1 bytes): leading
** symbols dropped, ASCII lower-cased, ’ ‘ → ', “ ” → ", NBSP → space;
** when the whole text fits (*pbAll), trailing symbols are dropped too.
** Returns the folded length. */
static size_t fold_line(const char *zIn, size_t n, char *zOut, int *pbAll){
  const unsigned char *z = (const unsigned char*)zIn;
  size_t i = 0, m = 0;
  int len;
  while( i<n && (len = symbol_len(z+i, n-i, 1))>0 ) i += (size_t)len;
  while( i<n && z[i]==' ' ) i++;
  while( i<n && m<FOLD_MAX-2 ){
    unsigned char c = z[i];
    if( i+8<=n && m+8<=FOLD_MAX-2 && fold_ascii8(z+i, zOut+m) ){
      i += 8;                           /* eight ASCII bytes at once */
      m += 8;
      continue;
    }
    if( c<0x80 ){
      zOut[m++] = (char)(c>='A' && c<='Z' ? c + ('a'-'A') : c);
      i++;
      continue;
    }
    if( c==0xe2 && i+2<n && z[i+1]==0x80
     && (z[i+2]==0x98 || z[i+2]==0x99) ){
      zOut[m++] = '\''; i += 3; continue;
    }
    if( c==0xe2 && i+2<n && z[i+1]==0x80
     && (z[i+2]==0x9c || z[i+2]==0x9d) ){
      zOut[m++] = '"'; i += 3; continue;
    }
    if( c==0xc2 && i+1<n && z[i+1]==0xa0 ){ zOut[m++] = ' '; i += 2; continue; }
    zOut[m++] = (char)ascii_lower(c);
    i++;
  }
  *pbAll = i>=n;
  if( *pbAll ){
    /* drop trailing symbols and spaces (whole UTF-8 sequences) */
    for(;;){
      size_t j = m;
      while( j>0 && ((unsigned char)zOut[j-1]&0xc0)==0x80 ) j--;
      if( j>0 ) j--;
      if( m==0 ) break;
      if( zOut[m-1]==' ' ){ m--; continue; }
      len = symbol_len((const unsigned char*)zOut+j, m-j, 0);
      if( len>0 && j+(size_t)len==m ){ m = j; continue; }
      break;
    }
  }
  zOut[m] = 0;
  return m;
}

/* ---- words --------------------------------------------------------------- */

/* The next space-separated token of z at *pi: its start and length, with
** surrounding punctuation (quotes, brackets, commas, final periods) cut.
** Returns 0 at the end. */
/* Punctuation next_token() cuts: 1 before a token ( [ " ', 2 after it
** , ; : ) ] " . ! ? */
static const unsigned char aTokenCut[256] = {
  ['('] = 1, ['['] = 1, ['"'] = 3, ['\''] = 1,
  [','] = 2, [';'] = 2, [':'] = 2, [')'] = 2, [']'] = 2, ['.'] = 2,
  ['!'] = 2, ['?'] = 2,
};

/* The token whose run of non-spaces is z[i..j), with the punctuation
** around it cut (next_token()). */
static void cut_token(const char *z, size_t i, size_t j,
                      const char **pz, size_t *pn){
  while( i<j && (aTokenCut[(unsigned char)z[i]] & 1) ) i++;
  if( j-i>=3 && (unsigned char)z[i]==0xe2 && (unsigned char)z[i+1]==0x80
   && ((unsigned char)z[i+2]==0x9c || (unsigned char)z[i+2]==0x98) ) i += 3;
  while( j>i && (aTokenCut[(unsigned char)z[j-1]] & 2) ) j--;
  if( j-i>=3 && (unsigned char)z[j-3]==0xe2 && (unsigned char)z[j-2]==0x80
   && ((unsigned char)z[j-1]==0x9d || (unsigned char)z[j-1]==0x99) ) j -= 3;
  *pz = z + i;
  *pn = j - i;
}

static int next_token(const char *z, size_t n, size_t *pi,
                      const char **pz, size_t *pn){
  size_t i = *pi, j;
  while( i<n && z[i]==' ' ) i++;
  if( i>=n ) return 0;
  j = i;
  while( j<n && z[j]!=' ' ) j++;
  *pi = j;
  cut_token(z, i, j, pz, pn);
  return 1;
}

/* Is the token one of the words (lower case ASCII, NULL-terminated)? */
static int compare_token(const char *z, size_t n, const char *zWord){
  size_t i;
  for(i=0; i<n; i++){
    int a = ascii_lower((unsigned char)z[i]), b = (unsigned char)zWord[i];
    if( a!=b ) return a - b;            /* also when zWord ends first */
  }
  return zWord[n]==0 ? 0 : -1;
}

/* Is the token one of the nEntry words of az (lower case ASCII, sorted)?
** Binary search.  token_in() passes the size of a static array. */
static int token_in_list(const char *z, size_t n, const char *const *az,
                         int nEntry){
  int lo = 0, hi = nEntry;
  if( n==0 || n>16 ) return 0;
  while( lo<hi ){
    int mid = (lo+hi)/2, c = compare_token(z, n, az[mid]);
    if( c==0 ) return 1;
    if( c<0 ) hi = mid; else lo = mid+1;
  }
  return 0;
}
#define token_in(z, n, az) \
  token_in_list(z, n, az, (int)(sizeof(az)/sizeof(az[0])) - 1)

static const char *const azWeekday[] = {
  "fri", "friday", "mon", "monday", "sat", "saturday", "sun", "sunday",
  "thu", "thur", "thurs", "thursday", "tue", "tues", "tuesday", "wed",
  "wednesday", 0
};
/* Words that may stand in a date line besides the date itself. */
static const char *const azDateWord[] = {
  "a.m", "aest", "am", "and", "at", "bst", "by", "cest", "cet", "created",
  "ct", "date", "due", "edition", "edt", "est", "et", "feature", "first",
  "gmt", "hrs", "issue", "ist", "jst", "last", "min", "mins", "modified",
  "news", "next", "on", "original", "p.m", "pdt", "pm", "posted", "print",
  "pst", "pt", "published", "read", "review", "reviewed", "updated", "utc", 0
};
/* Function words: a line of Title Case words without any is navigation. */
static const char *const azFunction[] = {
  "a", "after", "an", "and", "are", "as", "at", "be", "before", "but",
  "by", "can", "could", "does", "for", "from", "has", "have", "how", "in",
  "into", "is", "it", "its", "may", "new", "not", "now", "of", "on", "or",
  "out", "over", "than", "that", "the", "their", "this", "to", "up", "was",
  "what", "when", "which", "who", "why", "will", "with", "your", 0
};
/* Verbs of an author's bio: "Jane Doe is a health reporter". */
static const char *const azBioVerb[] = {
  "covers", "is", "reports", "writes", 0
};
/* Lower-case words a credit may hold ("Photo courtesy of X for Y"). */
static const char *const azCreditWord[] = {
  "-", "/", "and", "by", "courtesy", "da", "de", "der", "du", "for", "la",
  "le", "of", "van", "via", "von", "|", 0
};
/* Words that start a sentence after a credit ("... Photo: X The trial"). */
static const char *const azSentenceStart[] = {
  "a", "after", "an", "as", "at", "before", "doctors", "during", "eight",
  "five", "for", "four", "if", "in", "it", "its", "more", "most", "nine",
  "on", "one", "over", "patients", "researchers", "scientists", "seven",
  "since", "six", "some", "ten", "the", "these", "this", "three", "twelve",
  "two", "until", "when", "while", "with", 0
};

static int is_number_token(const char *z, size_t n){
  size_t i, nDigit = 0;
  if( n==0 || n>6 ) return 0;
  for(i=0; i<n; i++){
    if( z[i]>='0' && z[i]<='9' ) nDigit++;
    else if( i>0 && nDigit>0 && (z[i]=='s' || z[i]=='t' || z[i]=='n'
             || z[i]=='d' || z[i]=='r' || z[i]=='h') ) continue;
    else return 0;
  }
  return nDigit>0 && nDigit<=4;
}

/* A numeric date: 2021-03-09, 23/09/2021, 2022/05/18, 09.03.21, three
** groups of digits with one kind of separator, the year first (4 digits)
** or last (2 or 4), the other groups of 1 or 2 digits; an ISO date may go
** on with a time ("2021-03-09T14:30:00Z"). */
static int is_numeric_date(const char *z, size_t n){
  size_t i = 0;
  int aLen[3], nGroup = 0;
  char cSep = 0;
  if( n<6 ) return 0;
  while( nGroup<3 ){
    size_t j = i;
    while( j<n && z[j]>='0' && z[j]<='9' ) j++;
    if( j==i || j-i>4 ) return 0;
    aLen[nGroup++] = (int)(j - i);
    if( nGroup==3 ){ i = j; break; }
    if( j>=n || (z[j]!='-' && z[j]!='/' && z[j]!='.') ) return 0;
    if( cSep && z[j]!=cSep ) return 0;
    cSep = z[j];
    i = j + 1;
  }
  if( i<n && z[i]!='T' ) return 0;
  if( aLen[1]>2 ) return 0;
  if( aLen[0]==4 ) return aLen[2]<=2;
  return aLen[0]<=2 && (aLen[2]==4 || aLen[2]==2);
}

/* Is the token a month name or its abbreviation ("May" only
** capitalised)?  Compares the first three letters, then the rest. */
static int is_month(const char *z, size_t n){
  static const char *const azFull[] = {
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december"
  };
  /* the months (1-12, 0 ends) by first letter; no two share their
  ** first three letters */
  static const unsigned char aByFirst[26][3] = {
    ['a'-'a'] = {4, 8, 0}, ['d'-'a'] = {12, 0, 0}, ['f'-'a'] = {2, 0, 0},
    ['j'-'a'] = {1, 6, 7}, ['m'-'a'] = {3, 5, 0},  ['n'-'a'] = {11, 0, 0},
    ['o'-'a'] = {10, 0, 0}, ['s'-'a'] = {9, 0, 0},
  };
  int c0, j;
  if( n<3 || n>9 ) return 0;
  if( n==3 && z[0]=='m' && z[1]=='a' && z[2]=='y' ) return 0;
  c0 = ascii_lower((unsigned char)z[0]);
  if( c0<'a' || c0>'z' ) return 0;
  for(j=0; j<3 && aByFirst[c0-'a'][j]; j++){
    int k = aByFirst[c0-'a'][j] - 1;
    const char *zM = azFull[k];
    if( !same_nocase(z, zM, 3) ) continue;
    if( n==3 ) return 1;
    if( n==4 && k==8 && ascii_lower((unsigned char)z[3])=='t' ) return 1;
    return strlen(zM)==n && same_nocase(z, zM, n);
  }
  return 0;
}

/* Date features of a short unit: does it hold a date (a month next to a
** number, or a numeric date), and is it a date line (a date and little
** else: weekday, time, "Updated", a kicker)?  The second question is only
** asked when the first is answered yes. */
/* Offset of the first ASCII digit of z at or after i, or n.  Eight bytes
** at a time while there is none (SWAR: each byte tested at once). */
static size_t next_digit(const char *z, size_t n, size_t i){
  const uint64_t ones = 0x0101010101010101ull;
  const uint64_t high = 0x8080808080808080ull, low7 = 0x7f7f7f7f7f7f7f7full;
  for(; i+8<=n; i+=8){
    uint64_t x, t;
    memcpy(&x, z+i, 8);
    t = x & low7;
    if( (t + ones*(0x80-'0')) & ~(t + ones*(0x80-'9'-1)) & ~x & high ) break;
  }
  while( i<n && (z[i]<'0' || z[i]>'9') ) i++;
  return i;
}

/* Is the token before (bNext: after) the run of non-spaces z[i..j) a
** month name? */
static int month_beside(const char *z, size_t n, size_t i, size_t j,
                        int bNext){
  const char *zTok;
  size_t nTok;
  if( bNext ){
    while( j<n && z[j]==' ' ) j++;
    if( j>=n ) return 0;
    i = j;
    while( j<n && z[j]!=' ' ) j++;
  }else{
    while( i>0 && z[i-1]==' ' ) i--;
    if( i==0 ) return 0;
    j = i;
    while( i>0 && z[i-1]!=' ' ) i--;
  }
  cut_token(z, i, j, &zTok, &nTok);
  return is_month(zTok, nTok);
}

/* Does z hold a date: a numeric date, or a number next to a month name
** ("9 March", "March 9")?  Both hold a digit: only the tokens with a
** digit and those beside them are read. */
static int holds_date(const char *z, size_t n){
  size_t i = 0;
  while( (i = next_digit(z, n, i))<n ){
    size_t iTok = i, nTok;
    const char *zTok;
    while( iTok>0 && z[iTok-1]!=' ' ) iTok--;
    while( i<n && z[i]!=' ' ) i++;
    cut_token(z, iTok, i, &zTok, &nTok);
    if( is_numeric_date(zTok, nTok) ) return 1;
    if( is_number_token(zTok, nTok)
     && (month_beside(z, n, iTok, i, 0) || month_beside(z, n, iTok, i, 1)) ){
      return 1;
    }
  }
  return 0;
}

static void date_features(const char *z, size_t n, Unit *u){
  size_t i = 0, nTok;
  const char *zTok;
  int nOther = 0, nToken = 0;
  if( !holds_date(z, n) ) return;
  u->f |= UF_HAS_DATE;
  i = 0;
  /* ... and a date line when little else is there: stop as soon as the
  ** answer is no */
  while( nOther<=2 && nToken<=16 && next_token(z, n, &i, &zTok, &nTok) ){
    int cls;
    if( nTok==0 ) continue;
    nToken++;
    cls = first_class(zTok, nTok);
    if( cls==CC_NONE || cls==CC_DIGIT ) continue;
    if( is_month(zTok, nTok) ) continue;
    if( token_in(zTok, nTok, azWeekday) || token_in(zTok, nTok, azDateWord) ){
      continue;
    }
    nOther++;
  }
  if( nOther<=2 && nToken<=16 ) u->f |= UF_DATE;
}

/* ---- features of one unit ------------------------------------------------ */

/* Byte classes for count_words(): 1 lower-case letter, 2 upper-case
** letter, 4 digit, 8 punctuation (, ; : ! ? ( ) [ ] "), 16 punctuation
** unless inside a word (. '), 32 slash, 64 comma or semicolon, 128 a byte
** of a multi-byte UTF-8 character. */
static const unsigned char aByteClass[256] = {
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,  0,
    0,  8,  8,  0,  0,  0,  0, 16,  8,  8,  0,  0, 72,  0, 16, 32,
    4,  4,  4,  4,  4,  4,  4,  4,  4,  4,  8, 72,  0,  0,  0,  8,
    0,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,
    2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  2,  8,  0,  8,  0,  0,
    0,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,
    1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  1,  0,  0,  0,  0,  0,
  128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,
  128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,
  128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,
  128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,
  128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,
  128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,
  128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,
  128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,128,
};
#define AC_LOWER 1
#define AC_UPPER 2
#define AC_DIGIT 4
#define AC_PUNCT 8
#define AC_INNER 16
#define AC_SLASH 32
#define AC_COMMA 64
#define AC_HIGH  128

/* The class of the first letter or digit among the ASCII bytes z[0..n),
** or CC_NONE. */
static int ascii_word_class(const char *z, size_t n){
  size_t k = 0;
  unsigned b = 0;
  while( k<n ){
    b = aByteClass[(unsigned char)z[k]] & (AC_LOWER|AC_UPPER|AC_DIGIT);
    if( b ) break;
    k++;
  }
  return (b & AC_LOWER) ? CC_LOWER : (b & AC_UPPER) ? CC_UPPER
       : (b & AC_DIGIT) ? CC_DIGIT : CC_NONE;
}

/* A word z[0..n) with non-ASCII bytes: the class of its first letter or
** digit, and its punctuation (curly quotes, dashes, ellipsis), copyright
** sign and CJK letters (counted in *pnCjk). */
static int utf8_word_class(const char *z, size_t n, unsigned int *pf,
                           int *pnCjk){
  size_t i = 0;
  int cls0 = CC_NONE;
  while( i<n ){
    int len = 1, cls;
    unsigned c = (unsigned char)z[i];
    if( c>=0x80 ) c = decode_utf8((const unsigned char*)z+i, n-i, &len);
    cls = cp_class(c);
    if( cls!=CC_NONE ){
      if( cls0==CC_NONE ) cls0 = cls;
      if( cls==CC_LETTER && c>=0x2e80 ) (*pnCjk)++;
    }else if( c==0x201c || c==0x201d || c==0xab || c==0xbb || c==0x2026
           || c==0x2013 || c==0x2014 ){
      *pf |= UF_PUNCT;
    }else if( (c==0x2019 || c==0x2018) && (i==0 || i+(size_t)len>=n) ){
      *pf |= UF_PUNCT;                  /* a quote, not an apostrophe */
    }else if( c==0xa9 ){
      *pf |= UF_SLASH;
    }
    i += (size_t)len;
  }
  return cls0;
}

/* Bytes that end a word for word_end(): space, line break, NUL. */
static int ends_word(unsigned char c){
  return c==' ' || c=='\n' || c==0;
}

/* The end of the word starting at z[i] (a run of bytes other than space
** and line break; a NUL inside the text is part of a word), the classes of
** its bytes OR-ed into *pAcc.  z[n] must be a space, '\n' or NUL: the
** scan stops there without a bounds check. */
static size_t word_end(const char *z, size_t n, size_t i, unsigned *pAcc){
  unsigned acc = 0;
  for(;;){
    unsigned char c = (unsigned char)z[i];
    if( c<=' ' && ends_word(c) && (c!=0 || i>=n) ) break;
    acc |= aByteClass[c];
    i++;
  }
  *pAcc = acc;
  return i;
}

/* Counts words (runs of non-spaces holding a letter or digit; a line
** break, which an HTML block may hold for a <br>, separates words too) and
** the case of their first letters, standalone separators (| • › » >: words
** without a letter or digit, of at most 3 bytes), commas; notes
** punctuation (a point or apostrophe inside a word does not count),
** digits, slashes and a point glued to a capital ("leg.NIAID", a
** caption's credit).
** A word at a time: its bytes are OR-ed through a table, and only a word
** with non-ASCII bytes is decoded.  The counts are kept in locals (stores
** through u could alias the text). */
static void count_words(const char *z, size_t n, Unit *u, int *pnSep,
                        int *pnComma){
  size_t i = 0;
  int nWord = 0, nLower = 0, nUpper = 0, nUncased = 0, nSep = 0;
  int nComma = 0, nCjk = 0;
  unsigned int f = 0;
  unsigned accLine = 0;       /* the classes of all bytes of all words */
  /* a block's text is always followed by '\n' or NUL (page.c), which
  ** ends its last word: the scan of a word then needs no bounds check */
  int bSentinel = z[n]=='\n' || z[n]==0 || z[n]==' ';
  while( i<n ){
    size_t iWord;
    unsigned acc = 0, b;
    int cls0;
    if( z[i]==' ' || z[i]=='\n' ){ i++; continue; }
    iWord = i;
    if( bSentinel ){
      i = word_end(z, n, i, &acc);
    }else{
      while( i<n && z[i]!=' ' && z[i]!='\n' ){
        acc |= aByteClass[(unsigned char)z[i]];
        i++;
      }
    }
    b = aByteClass[(unsigned char)z[iWord]];
    if( (acc & ~(AC_LOWER|AC_UPPER))==0 && (b & (AC_LOWER|AC_UPPER))!=0 ){
      /* a letter, then letters or bytes of no class (the common case):
      ** its first byte says its case */
      nWord++;
      if( b==AC_LOWER ) nLower++; else nUpper++;
      i++;                    /* past the space or line break ending it */
      continue;
    }
    accLine |= acc;
    if( acc & AC_COMMA ){
      /* every byte of the text other than a space or line break is in a
      ** word: the commas are counted word by word */
      size_t k;
      for(k=iWord; k<i; k++) nComma += z[k]==',' || z[k]==';';
    }
    if( acc & AC_HIGH ){
      cls0 = utf8_word_class(z+iWord, i-iWord, &f, &nCjk);
    }else{
      /* most words start with their first letter or digit */
      b = aByteClass[(unsigned char)z[iWord]] & (AC_LOWER|AC_UPPER|AC_DIGIT);
      cls0 = b==AC_LOWER ? CC_LOWER : b==AC_UPPER ? CC_UPPER
           : b==AC_DIGIT ? CC_DIGIT : ascii_word_class(z+iWord, i-iWord);
    }
    if( acc & AC_INNER ){
      size_t k;
      if( (aByteClass[(unsigned char)z[iWord]] & AC_INNER)
       || (aByteClass[(unsigned char)z[i-1]] & AC_INNER) ) f |= UF_PUNCT;
      for(k=iWord+1; k+1<i; k++){
        if( z[k]=='.' && ((aByteClass[(unsigned char)z[k+1]] & AC_UPPER)
                          || z[k+1]=='(') ){
          f |= UF_GLUED;
        }
      }
    }
    if( cls0==CC_NONE ){
      if( i-iWord<=3 ) nSep++;
      continue;
    }
    nWord++;
    nLower += cls0==CC_LOWER;
    nUpper += cls0==CC_UPPER;
    nUncased += cls0==CC_LETTER;
  }
  /* what holds for a word holds for the line: punctuation, digits,
  ** slashes, commas (which are never separators) */
  if( accLine & AC_PUNCT ) f |= UF_PUNCT;
  if( accLine & AC_DIGIT ) f |= UF_DIGIT;
  if( accLine & AC_SLASH ) f |= UF_SLASH;
  u->nWord += nWord + nCjk/2;
  u->nLower += nLower;
  u->nUpper += nUpper;
  u->nUncased += nUncased + nCjk/2;
  u->f |= f;
  *pnSep += nSep;
  *pnComma += nComma;
}

/* Counts the words of a block: exactly (count_words()) when it is a short
** line, whose details decide what it is, and roughly when it is longer:
** th_count_words() (page.c) counts a word as a run of non-spaces, and only
** an ASCII letter right after a space as a case (a quote before the letter
** hides it), about three times cheaper.  A long block was counted so when
** it was added (ThBlock.wc), unless its text has changed since. */
#define SHORT_BLOCK TH_COUNT_MIN
static void count_block_words(const ThBlock *b, const char *z, size_t n,
                              Unit *u, int *pnSep, int *pnComma){
  ThWordCount wc;
  if( n<=SHORT_BLOCK ){
    count_words(z, n, u, pnSep, pnComma);
    return;
  }
  if( b->nCounted==n ){
    wc = b->wc;
  }else{
    memset(&wc, 0, sizeof(wc));
    th_count_words(z, n, 1, &wc);
  }
  u->nWord += (int)wc.nWord;
  u->nLower += (int)wc.nLower;
  u->nUpper += (int)(wc.nLetter - wc.nLower);
}

/* Share of cased words that start in lower case, in percent (100 for text
** in a script without case). */
static int lower_pct(const Unit *u){
  int nCased = u->nLower + u->nUpper;
  if( u->nUncased>nCased ) return 100;
  return nCased ? u->nLower*100/nCased : 0;
}

/* Length of a list number marker "1. " / "12) " at z, or 0. */
static size_t number_marker_len(const char *z, size_t n){
  size_t i = 0;
  while( i<n && i<2 && z[i]>='0' && z[i]<='9' ) i++;
  if( i==0 || i+2>n ) return 0;
  if( (z[i]=='.' || z[i]==')') && z[i+1]==' '
   && first_class(z+i+2, n-i-2)!=CC_NONE ) return i + 2;
  return 0;
}

/* Is every word of z a capitalised word (no digits), with no function
** word among them?  A menu of six words or more may hold one word with a
** digit (a weather widget, "Weather 48\xc2\xb0F"). */
static int is_title_case_nav(const char *z, size_t n){
  size_t i = 0, nTok, k;
  const char *zTok;
  int nWord = 0, nDigitWord = 0;
  while( next_token(z, n, &i, &zTok, &nTok) ){
    if( nTok==0 ) continue;
    nWord++;
    if( first_class(zTok, nTok)==CC_LOWER ) return 0;
    for(k=0; k<nTok; k++){
      if( zTok[k]>='0' && zTok[k]<='9' ){
        if( ++nDigitWord>1 ) return 0;
        break;
      }
    }
    if( token_in(zTok, nTok, azFunction) ) return 0;
  }
  return nDigitWord==0 || nWord>=6;
}

/* "By Jane Doe, Health Reporter": copies the name into the cleaner. */
static int byline_features(Cleaner *c, const char *z, size_t n, Unit *u){
  size_t i, j;
  if( !starts_with_word(z, n, "by") || n<5 ){
    /* 'Story by Jane Doe', 'Interview by Jane Doe' (meta_byline_leads) */
    int k;
    const char *zSpace;
    if( u->nWord>8 || (u->f & UF_TERMINAL) || n<8 ) return 0;
    /* every lead-in is one or two words, the last one 'by' */
    zSpace = memchr(z+1, ' ', n<24 ? n-1 : 23);
    if( zSpace==0 || zSpace+3>=z+n || ascii_lower((unsigned char)zSpace[1])!='b'
     || ascii_lower((unsigned char)zSpace[2])!='y' ) return 0;
    for(k=0; th_data_meta_byline_leads[k]; k++){
      const char *zLead = th_data_meta_byline_leads[k];
      size_t m;
      if( zLead[0]=='~' ) zLead++;
      m = strlen(zLead);
      if( n>m+1 && same_nocase(z, zLead, m) && z[m]==' ' ){
        u->f |= UF_BYLINE;
        return 1;
      }
    }
    return 0;
  }
  if( first_class(z+3, n-3)!=CC_UPPER ) return 0;
  if( u->nWord>20 || ((u->f & UF_TERMINAL) && lower_pct(u)>40) ) return 0;
  u->f |= UF_BYLINE;
  if( c->nName==0 ){
    for(i=3, j=3; j<n; j++){
      unsigned char ch = (unsigned char)z[j];
      if( ch==',' || ch=='|' || ch==0xc2 || ch==0xe2 || ch=='(' ) break;
      if( ch==' ' && j+1<n && (z[j+1]=='-' || z[j+1]=='a') ) break;
    }
    while( j>i && z[j-1]==' ' ) j--;
    if( j>i && j-i<BYLINE_NAME_MAX ){
      memcpy(c->zName, z+i, j-i);
      c->nName = (int)(j-i);
    }
  }
  return 1;
}

/* Does the unit start with the byline's author followed by a lower-case
** word ("Jane Doe covers health ..."), or with a name followed by "is a
** ... writer/reporter/editor"?  That is an author's bio. */
static int is_author_bio(const Cleaner *c, const char *z, size_t n,
                         const Unit *u){
  static const char *const azJob[] = {
    "blogger", "columnist", "contributor", "correspondent", "editor",
    "journalist", "reporter", "writer", 0
  };
  size_t i = 0, iTok = 0, nTok;
  const char *zTok;
  int nCap = 0;
  if( u->nWord>60 || first_class(z, n)!=CC_UPPER ) return 0;
  if( c->nName>3 && n>(size_t)c->nName+1 && memcmp(z, c->zName, c->nName)==0
   && z[c->nName]==' ' && first_class(z+c->nName+1, n-c->nName-1)==CC_LOWER ){
    return 1;
  }
  /* two to four capitalised words, then "is", "covers", "writes" ... */
  for(;;){
    iTok = i;
    if( !next_token(z, n, &i, &zTok, &nTok) ) return 0;
    if( first_class(zTok, nTok)!=CC_UPPER ) break;
    if( ++nCap>4 ) return 0;
  }
  if( nCap<2 ) return 0;
  if( !token_in(zTok, nTok, azBioVerb) ) return 0;
  /* ... and a writer's job */
  while( next_token(z, n, &i, &zTok, &nTok) ){
    if( token_in(zTok, nTok, azJob) ) return 1;
  }
  (void)iTok;
  return 0;
}

/* Lines that are a "Name, Title" entry of a list of people: two to four
** capitalised words, then a comma or dash and a short title. */
static int is_name_line(const char *z, size_t n, const Unit *u){
  size_t i = 0, nTok;
  const char *zTok;
  int nCap = 0;
  if( u->nWord<2 || u->nWord>14 || (u->f & UF_TERMINAL) ) return 0;
  while( next_token(z, n, &i, &zTok, &nTok) ){
    int bEnd = zTok+nTok<z+n && zTok[nTok]==',';
    if( first_class(zTok, nTok)!=CC_UPPER ) return 0;
    nCap++;
    if( bEnd ) break;
    if( i+3<n && z[i]==' ' && ((unsigned char)z[i+1]==0xe2 || z[i+1]=='-'
                              || z[i+1]=='|') ) break;
    if( nCap>4 ) return 0;
  }
  return nCap>=2 && nCap<=4 && i<n;
}

/* Is the unit a URL, an e-mail address or a phone number on its own? */
static int is_contact_line(const char *z, size_t n, const Unit *u){
  size_t i, nDigit = 0, nPhoneChar = 0, nLetter = 0;
  if( u->nWord<=2 && memchr(z, ' ', n)==0 ){
    if( memchr(z, '@', n) || starts_with_word(z, n, "http")
     || starts_with_word(z, n, "www") ) return 1;
  }
  if( u->nWord>8 ) return 0;
  for(i=0; i<n; i++){
    char c = z[i];
    if( c>='0' && c<='9' ){ nDigit++; nPhoneChar++; }
    else if( c==' ' || c=='+' || c=='-' || c=='(' || c==')' || c=='.' ){
      nPhoneChar++;
    }else if( is_alnum_byte((unsigned char)c) ){
      if( ++nLetter*4>n ) return 0;     /* too many letters already */
    }
  }
  return nDigit>=7 && nPhoneChar*2>=n && nLetter*4<=n;
}

/* "Read more: Ten Foods That Raise Your Iron": a short label and a colon,
** then a headline in Title Case without a full stop. */
static int is_crosslink(const char *z, size_t n, const Unit *u){
  const char *zColon;
  size_t i, nTok, nLabelWord = 0;
  const char *zTok;
  int nCap = 0, nAll = 0;
  if( u->nWord>20 || (u->f & UF_TERMINAL) ) return 0;
  zColon = memchr(z, ':', n<40 ? n : 40);
  if( zColon==0 ) return 0;
  for(i=0; z+i<zColon; i++) if( z[i]==' ' ) nLabelWord++;
  if( nLabelWord>2 ) return 0;
  i = (size_t)(zColon - z) + 1;
  while( next_token(z, n, &i, &zTok, &nTok) ){
    int cls = first_class(zTok, nTok);
    if( cls==CC_UPPER ){ nCap++; nAll++; }
    else if( cls==CC_LOWER ) nAll++;
  }
  return nAll>=4 && nCap*4>=nAll*3;
}

/* Does a sentence start at the token zTok (at iTok in z; i is just after
** it)?  A capitalised word or number that is a usual sentence opener, or
** that a lower-case word (not one a credit holds) follows. */
static int starts_sentence(const char *z, size_t n, size_t iTok,
                           const char *zTok, size_t nTok, size_t i){
  const char *zNext;
  size_t nNext;
  int cls = first_class(zTok, nTok);
  if( !(cls==CC_UPPER || cls==CC_DIGIT) ) return 0;
  if( zTok!=z+iTok && z[iTok]!='"' && (unsigned char)z[iTok]!=0xe2 ) return 0;
  if( token_in(zTok, nTok, azSentenceStart) ) return 1;
  return next_token(z, n, &i, &zNext, &nNext)
      && first_class(zNext, nNext)==CC_LOWER
      && !token_in(zNext, nNext, azCreditWord);
}

/* Where a photo credit that starts at z[i] ends and the text the caption
** was glued to starts: at the first word that starts a sentence, or after
** a closing bracket.  Returns n when no sentence follows within a dozen
** words. */
static size_t credit_end(const char *z, size_t n, size_t i){
  int k, bParen;
  while( i<n && (z[i]=='.' || z[i]==' ' || z[i]==':') ) i++;
  for(k=0; k<14 && i<n; k++){
    size_t iTok = i, nTok;
    const char *zTok;
    if( !next_token(z, n, &i, &zTok, &nTok) ) return n;
    if( k>0 && starts_sentence(z, n, iTok, zTok, nTok, i) ) return iTok;
    bParen = z[i-1]==')';
    while( i<n && z[i]==' ' ) i++;
    if( bParen ) return i;
  }
  return n;
}

/* Is there a point glued to a capital or a bracket ("leg.NIAID",
** "wall.(Kansai"), as between a caption and its credit? */
static int has_glued_point(const char *z, size_t n){
  const char *p = z, *zEnd = z + n;
  while( (p = memchr(p, '.', (size_t)(zEnd - p)))!=0 ){
    if( p>z && p+1<zEnd && is_alnum_byte((unsigned char)p[-1])
     && ((p[1]>='A' && p[1]<='Z') || p[1]=='(') ) return 1;
    p++;
  }
  return 0;
}

/* A caption printed twice with its credit glued on, as text dumps of
** pages with images have them: "S S.Credit" or "S S.Credit Paragraph".
** Returns 0 when z does not start so, else the offset of what follows the
** credit (n when nothing does). */
static size_t caption_repeat_end(const char *z, size_t n){
  size_t k, kMax = n/2 < 400 ? n/2 : 400;
  const char *zHit;
  if( kMax<=10 ) return 0;
  /* candidates: each copy of the first byte from z[11] up to z[kMax] */
  for(zHit=memchr(z+11, z[0], kMax-10); zHit;
      zHit=memchr(zHit+1, z[0], (size_t)(z+kMax-zHit))){
    k = (size_t)(zHit - z) - 1;
    if( z[k]!=' ' || 2*k+1>n ) continue;
    if( memcmp(z, z+k+1, k)!=0 ) continue;
    if( 2*k+1<n && z[2*k+1]!='.' && z[2*k+1]!=' ' && z[2*k+1]!='('
     && z[2*k+1]!=',' ) continue;
    return 2*k+1>=n ? n : credit_end(z, n, 2*k+1);
  }
  return 0;
}

/* Photo credit markers, by their first byte. */
static const char *const azMarkerP[] = {
  "photo:", "photograph:", "photo credit:", "photo courtesy of", "photo by",
  "picture:", "photographer:", 0
};
static const char *const azMarkerC[] = { "credit:", 0 };
static const char *const azMarkerI[] = {
  "image:", "illustration:", "image credit:", 0
};
static const char *const azMarkerG[] = { "getty images", 0 };
static const char *const azMarkerParen[] = { "(photo", "(ap photo", 0 };
static const char *const azMarkerA[] = { "ap photo/", "afp/", "afp via", 0 };
static const char *const azMarkerR[] = { "reuters/", 0 };
static const char *const azMarkerSlash[] = { "/reuters", "/afp", 0 };
static const char *const azMarkerCopy[] = { "\xc2\xa9 ", 0 };

/* Offset of a photo credit marker ("Photo:", "Credit:", "Getty Images",
** "Photograph:", "(AP Photo", "REUTERS/", "\xc2\xa9 ") starting a word in
** z[iFrom..iTo), and its length in *pnMarker, or -1. */
/* Bytes after which a word starts for credit_marker(): ' ', '.', '('. */
static const unsigned char aCreditLead[256] = {
  [' '] = 1, ['.'] = 1, ['('] = 1,
};

static long credit_marker(const char *z, size_t n, size_t iFrom, size_t iTo,
                          size_t *pnMarker){
  size_t i = iFrom;
  if( iTo>n ) iTo = n;
  while( i>0 && i<iTo && !aCreditLead[(unsigned char)z[i-1]]
         && z[i]!='/' ) i++;
  while( i<iTo ){
    const char *const *az = 0;
    int k;
    /* at a word start (also after '.', '(' or '/' within a word) */
    switch( z[i] ){
      case 'p': case 'P': az = azMarkerP; break;
      case 'c': case 'C': az = azMarkerC; break;
      case 'i': case 'I': az = azMarkerI; break;
      case 'g': case 'G': az = azMarkerG; break;
      case '(':           az = azMarkerParen; break;
      case 'a': case 'A': az = azMarkerA; break;
      case 'r': case 'R': az = azMarkerR; break;
      case '/':           az = azMarkerSlash; break;
      case '\xc2':        az = azMarkerCopy; break;
    }
    for(k=0; az && az[k]; k++){
      size_t m;
      /* every marker has two bytes or more: a quick look at the second */
      if( i+1>=n || ascii_lower((unsigned char)z[i+1])!=(unsigned char)az[k][1] ){
        continue;
      }
      m = strlen(az[k]);
      if( i+m<=n && same_nocase(z+i, az[k], m) ){
        *pnMarker = m;
        return (long)i;
      }
    }
    /* on to the next word start */
    i++;
    while( i<iTo && !aCreditLead[(unsigned char)z[i-1]] && z[i]!='/' ) i++;
  }
  return -1;
}

/* Is the unit a caption ending in a credit ("... Photo: Jane Doe")? */
static int is_credit_caption(const char *z, size_t n, const Unit *u){
  size_t nMarker;
  long i;
  size_t iFrom = n>90 ? n-90 : 0;
  if( u->nWord>60 || u->nWord<3 ) return 0;
  /* the credit ends the line: look for its marker near the end */
  if( !memchr(z+iFrom, ':', n-iFrom) && !memchr(z+iFrom, '(', n-iFrom)
   && !memchr(z+iFrom, '/', n-iFrom) && !memchr(z+iFrom, 0xa9, n-iFrom)
   && !memchr(z+iFrom, 'G', n-iFrom) ) return 0;
  i = credit_marker(z, n, iFrom, n, &nMarker);
  if( i<0 ) return 0;
  return credit_end(z, n, (size_t)i + nMarker)>=n;
}

/* 'About X' heading or 'About X (Y): ...' paragraph naming an organisation
** (data/org_words.txt), or whose description reads like one. */
static int about_org(const char *z, size_t n, const char *zNext,
                     size_t nNext, const Unit *u){
  size_t i = 6, nTok, nName, k;
  const char *zTok, *zColon;
  int bHeading;
  if( n<7 || memcmp(z, "About ", 6)!=0 ) return 0;
  if( first_class(z+6, n-6)!=CC_UPPER && !starts_with_word(z+6, n-6, "the") ){
    return 0;
  }
  zColon = memchr(z, ':', n<200 ? n : 200);
  bHeading = u->nWord<=10 && !(u->f & UF_TERMINAL) && zColon==0;
  if( !bHeading && zColon==0 ) return 0;
  nName = bHeading ? n : (size_t)(zColon - z);
  while( next_token(z, nName, &i, &zTok, &nTok) ){
    int c0;
    if( nTok==0 ) continue;
    /* the words are lower case and sorted: those starting with the
    ** token's first letter (th_data_org_words_index says where they are) */
    c0 = ascii_lower((unsigned char)zTok[0]);
    for(k=(size_t)th_data_org_words_index[c0];
        k<(size_t)th_data_org_words_index[c0+1]; k++){
      const char *zW = th_data_org_words[k];
      size_t m;
      if( (unsigned char)zW[0]!=c0 ) continue;
      m = strlen(zW);
      if( zW[m-1]=='*' ){
        if( nTok>=m-1 && same_nocase(zTok, zW, m-1) ) return 1;
      }else if( nTok==m && same_nocase(zTok, zW, m) ){
        return 1;
      }
    }
  }
  /* no organisation word: look at the description */
  {
    const char *zDesc = bHeading ? zNext : zColon + 1;
    size_t nDesc = bHeading ? nNext : n - nName - 1;
    char zLow[600];
    size_t m = nDesc<sizeof(zLow)-1 ? nDesc : sizeof(zLow)-1;
    if( zDesc==0 ) return 0;
    lower_copy(zDesc, m, zLow);
    zLow[m] = 0;
    for(k=0; th_data_org_cues[k]; k++){
      if( strstr(zLow, th_data_org_cues[k]) ) return 1;
    }
  }
  return 0;
}

/* A publisher's self-description printed before its 'About' block:
** starts with an acronym ("NIAID conducts ...") or names the same body,
** and points to a web site. */
static int is_org_blurb(const char *z, size_t n){
  size_t i = 0, k, m;
  char zLow[800];
  int nCapRun = 0;
  while( i<n && z[i]>='A' && z[i]<='Z' ){ i++; nCapRun++; }
  if( nCapRun<3 || (i<n && z[i]!=' ' && z[i]!=',') ) return 0;
  m = n<sizeof(zLow)-1 ? n : sizeof(zLow)-1;
  lower_copy(z+n-m, m, zLow);
  zLow[m] = 0;
  for(k=0; th_data_org_cues[k]; k++){
    if( strstr(zLow, th_data_org_cues[k]) ) return 1;
  }
  return 0;
}

/* Folds the start of unit u (fold_line()); a unit that goes on past what
** was folded gets a 0x01 byte at the end, which only entries ending in '*'
** can match. */
static size_t fold_unit(const ThPage *p, const Unit *u, char *zFold,
                        int *pbAll){
  size_t n, nFold;
  const char *z = block_text(p, u->iFirst, &n);
  nFold = fold_line(z, n, zFold, pbAll);
  if( u->iFirst!=u->iLast ) *pbAll = 0;
  if( !*pbAll ){
    zFold[nFold++] = '\x01';
    zFold[nFold] = 0;
  }
  return nFold;
}

/* Is the text an end mark such as "###" or "-30-"? */
static int is_end_mark(const char *z, size_t n){
  size_t i, nHash = 0;
  if( n==4 && memcmp(z, "-30-", 4)==0 ) return 1;
  for(i=0; i<n; i++){
    if( z[i]=='#' ) nHash++;
    else if( z[i]!=' ' ) return 0;
  }
  return nHash>=3;
}

/* The features every unit needs for the search of the article: words and
** their case, terminal punctuation, prose, list items, markup hints,
** menus, and the phrase lists (end markers, list headings, advert labels,
** boilerplate).  Cheap: the text is read once (a paragraph eight bytes at
** a time), and the start of a short line is folded once and looked up. */
static void unit_core_features(Cleaner *c, int iu){
  ThPage *p = c->p;
  Unit *u = &c->aUnit[iu];
  const ThBlock *b = &p->aBlock[u->iFirst];
  size_t n;
  const char *z = block_text(p, u->iFirst, &n);
  const char *zLast;
  size_t nLast;
  int i, nSep = 0, nComma = 0, bProse, lp, ep;

  for(i=u->iFirst; i<=u->iLast; i++){
    size_t m;
    const char *zb = block_text(p, i, &m);
    count_block_words(&p->aBlock[i], zb, m, u, &nSep, &nComma);
  }
  u->nSep = (unsigned short)(nSep<65535 ? nSep : 65535);
  u->nComma = (unsigned short)(nComma<65535 ? nComma : 65535);
  zLast = block_text(p, u->iLast, &nLast);
  ep = end_punct(zLast, nLast);
  if( ep=='.' ) u->f |= UF_TERMINAL|UF_FULLSTOP;
  if( ep=='?' ) u->f |= UF_TERMINAL;
  if( ep==':' ) u->f |= UF_COLON_END;
  lp = lower_pct(u);

  if( b->kind==TH_BLOCK_ITEM ) u->f |= UF_ITEM;
  if( number_marker_len(z, n) ){
    u->f |= UF_ITEM|UF_NUMBERED;
    /* the heading rule reads the line without its number */
    if( u->iFirst==u->iLast ){
      Unit t;
      size_t m = number_marker_len(z, n);
      int nS = 0, nC = 0;
      memset(&t, 0, sizeof(t));
      count_words(z+m, n-m, &t, &nS, &nC);
      u->f = (u->f & ~UF_PUNCT) | (t.f & UF_PUNCT);
      u->nWord = t.nWord;
    }
  }
  if( b->kind==TH_BLOCK_CAPTION || (b->flags & TH_IN_FIGURE) ){
    u->f |= UF_CAPTION;
  }
  if( (b->flags & TH_IN_CHROME) && !(b->flags & TH_IN_ARTICLE) ){
    u->f |= UF_CHROME_IN;
  }
  if( (b->flags & TH_LINKY) && (b->kind==TH_BLOCK_ITEM || u->nWord<=12
                                || !(u->f & UF_TERMINAL)) ){
    u->f |= UF_CHROME_IN;
  }

  /* a short line ending in a point may be a date ("... 6:12 a.m.") */
  if( u->iFirst==u->iLast && (u->f & UF_DIGIT) && (u->f & UF_TERMINAL)
   && u->nWord<=16 ){
    date_features(z, n, u);
  }
  bProse = u->nWord>=6 && (u->f & UF_TERMINAL) && lp>=45;
  if( u->nWord>=25 && lp>=55 ) bProse = 1;
  if( u->f & UF_DATE ) bProse = 0;
  if( bProse ) u->f |= UF_PROSE;

  if( nSep>=2 && u->nWord<=(nSep+1)*4 && !(u->f & UF_TERMINAL) ){
    u->f |= UF_MENU;
  }
  if( (u->f & UF_ITEM) && u->nWord<=5 && !(u->f & UF_PUNCT) ){
    u->f |= UF_BREAK;                 /* a short list item: a menu entry */
    return;                           /* nothing more to learn from it */
  }

  /* end markers, list headings, advert labels (and, for prose, the strong
  ** boilerplate entries), on the folded start of the unit */
  if( u->nWord<=40 || (u->nWord<=80 && (iu<3 || iu>=c->nUnit-3)) ){
    char zFold[FOLD_MAX];
    int bAll;
    size_t nFold = fold_unit(p, u, zFold, &bAll);
    /* a long paragraph at the top or the bottom of the page (a consent
    ** banner) only matches the strong boilerplate entries, as prose does */
    if( u->nWord>40 ){
      if( phrase_match(&c->boiler, zFold, nFold, 1, u->nWord) ){
        u->f |= UF_BOILER;
      }
    }else if( phrase_match(&c->end, zFold, nFold, bProse, u->nWord) ){
      u->f |= UF_END;
    }else if( u->nWord<=12
           && phrase_match(&c->head, zFold, nFold, bProse, u->nWord) ){
      u->f |= UF_LISTHEAD;
    }else if( u->nWord<=8
           && phrase_match(&c->ad, zFold, nFold, bProse, u->nWord) ){
      u->f |= UF_AD;
    }else if( phrase_match(&c->boiler, zFold, nFold, bProse, u->nWord) ){
      u->f |= UF_BOILER;
      if( bAll && (starts_with_word(zFold, nFold, "you are here")
                   || starts_with_word(zFold, nFold, "skip")) ){
        u->f |= UF_BREAK;
      }
    }
  }
  if( n>=3 && n<=8 && is_end_mark(z, n) ) u->f |= UF_END;
  if( !(u->f & UF_ITEM) && n>6 && memcmp(z, "About ", 6)==0 ){
    const char *zNext = 0;
    size_t nNext = 0;
    if( u->iLast+1<p->nBlock ) zNext = block_text(p, u->iLast+1, &nNext);
    if( about_org(z, n, zNext, nNext, u) ) u->f |= UF_ABOUT_ORG|UF_END;
  }
}

/* Length of a part separator " | ", " \xc2\xb7 " or " \xe2\x80\xa2 " at
** z[i] (the space before it at z[i-1]), or 0. */
static size_t part_separator_len(const char *z, size_t n, size_t i){
  if( i==0 || z[i-1]!=' ' ) return 0;
  if( z[i]=='|' && i+1<n && z[i+1]==' ' ) return 1;
  if( (unsigned char)z[i]==0xc2 && i+2<n && (unsigned char)z[i+1]==0xb7
   && z[i+2]==' ' ) return 2;
  if( (unsigned char)z[i]==0xe2 && i+3<n && (unsigned char)z[i+1]==0x80
   && (unsigned char)z[i+2]==0xa2 && z[i+3]==' ' ) return 3;
  return 0;
}

/* A line of parts separated by " | " or " \xc2\xb7 " one of which is
** furniture (boilerplate.txt): "Faculty of Law \xc2\xb7 4 min read",
** "Journal volume 3, pages 1-9 | Cite this article". */
static int has_boiler_part(Cleaner *c, const char *z, size_t n){
  size_t i = 0, iPart = 0;
  for(i=0; i<=n; i++){
    size_t nSep = i<n ? part_separator_len(z, n, i) : 0;
    if( i==n || nSep>0 ){
      char zFold[FOLD_MAX];
      int bAll, nWord = 1;
      size_t k, nFold, iEnd = i<n ? i-1 : n;
      if( iEnd>iPart ){
        for(k=iPart; k<iEnd; k++) nWord += z[k]==' ';
        nFold = fold_line(z+iPart, iEnd-iPart, zFold, &bAll);
        if( !bAll ){ zFold[nFold++] = '\x01'; zFold[nFold] = 0; }
        if( phrase_match(&c->boiler, zFold, nFold, 0, nWord) ) return 1;
      }
      if( i<n ){ iPart = i + nSep + 1; i = iPart - 1; }
    }
  }
  return 0;
}

/* The features that tell furniture from text near the article:
** breadcrumbs and navigation lines, dates and teasers, bylines, contact
** lines, cross-links, names, captions and credits, notes in brackets, an
** author's bio. */
static void unit_detail_features(Cleaner *c, int iu){
  ThPage *p = c->p;
  Unit *u = &c->aUnit[iu];
  size_t n;
  const char *z = block_text(p, u->iFirst, &n);
  int bProse = (u->f & UF_PROSE)!=0, lp = lower_pct(u);


  if( (u->f & UF_BREAK) && (u->f & UF_ITEM) ) return;  /* a menu entry */
  if( u->nWord<=30 && u->iFirst==u->iLast && n>SHORT_BLOCK ){
    /* counted roughly so far: count exactly, for the punctuation, digits
    ** and commas the checks below read */
    Unit t;
    int nSep = 0, nComma = 0;
    memset(&t, 0, sizeof(t));
    count_words(z, n, &t, &nSep, &nComma);
    if( !(u->f & UF_NUMBERED) ) u->nWord = t.nWord;
    u->nLower = t.nLower;
    u->nUpper = t.nUpper;
    u->nUncased = t.nUncased;
    u->nSep = (unsigned short)(nSep<65535 ? nSep : 65535);
    u->nComma = (unsigned short)(nComma<65535 ? nComma : 65535);
    u->f |= t.f & (UF_PUNCT|UF_DIGIT|UF_SLASH|UF_GLUED);
    lp = lower_pct(u);
  }
  if( u->nSep>=1 && u->nWord<=12 && !(u->f & UF_TERMINAL) ){
    size_t k;
    for(k=0; k+1<n; k++){
      if( (z[k]=='>' && k>0 && z[k-1]==' ')
       || ((unsigned char)z[k]==0xc2 && (unsigned char)z[k+1]==0xbb)
       || ((unsigned char)z[k]==0xe2 && k+2<n && (unsigned char)z[k+1]==0x80
           && (unsigned char)z[k+2]==0xba) ){
        u->f |= UF_MENU|UF_BREAK;       /* a breadcrumb: Home › News */
        break;
      }
    }
  }
  if( u->nWord>=4 && u->nWord<=15 && u->nLower==0 && !(u->f & UF_PUNCT)
   && is_title_case_nav(z, n) ){
    u->f |= UF_NAV|UF_BREAK;
  }
  if( u->iFirst==u->iLast && (u->f & UF_DIGIT) && !(u->f & UF_HAS_DATE)
   && (u->nWord<=16 || (u->nWord<=30 && !(u->f & UF_TERMINAL))) ){
    date_features(z, n, u);
  }
  if( u->nWord<=30 && u->iFirst==u->iLast ){
    if( (u->f & UF_HAS_DATE) && !(u->f & UF_TERMINAL)
     && (u->nSep>0 || has_bytes(z, n, " by ")
         || has_bytes(z, n, "\xe2\x80\x94") || has_bytes(z, n, " \xe2\x80\x93 ")
         || has_bytes(z, n, " | ")) ){
      u->f |= UF_RELATED;
    }
    byline_features(c, z, n, u);
    if( (u->f & UF_DIGIT) || u->nWord<=2 ){
      if( is_contact_line(z, n, u) ) u->f |= UF_CONTACT;
    }
    if( is_crosslink(z, n, u) ) u->f |= UF_CROSSLINK;
    if( is_name_line(z, n, u) ) u->f |= UF_NAMELINE;
    if( u->nComma>=2 && lp<=25 && !(u->f & UF_TERMINAL) ) u->f |= UF_NAMES;
    if( n>2 && z[0]=='(' && z[n-1]==')' && u->nWord<=15 ) u->f |= UF_PAREN;
    if( u->nSep>=1 && u->nSep<=3 && u->nWord<=20 && !bProse
     && !(u->f & UF_FURNITURE) && has_boiler_part(c, z, n) ){
      u->f |= UF_BOILER;
    }
  }
  if( u->nWord<=60 && u->iFirst==u->iLast ){
    size_t iEnd = (u->f & UF_GLUED) || (n>SHORT_BLOCK && has_glued_point(z, n))
                ? caption_repeat_end(z, n) : 0;
    if( (iEnd>0 && iEnd>=n)
     || (!(u->f & UF_TERMINAL) && is_credit_caption(z, n, u)) ){
      u->f |= UF_CAPTION;
    }
    if( n>5 && (same_nocase(z, "fig. ", 5) || same_nocase(z, "figure ", 7))
     && u->nWord<=40 ){
      size_t k = z[3]=='.' ? 5 : 7;
      if( k<n && z[k]>='0' && z[k]<='9' ) u->f |= UF_CAPTION;
    }
  }
  if( u->nWord>=5 && u->nWord<=60 && (u->f & UF_TERMINAL)
   && is_author_bio(c, z, n, u) ){
    u->f |= UF_BIO;
  }
  /* a prose paragraph is not furniture because of a date or a name */
  if( bProse ){
    u->f &= ~(UF_RELATED|UF_NAMES|UF_NAMELINE|UF_CONTACT|UF_NAV
              |UF_BREAK|UF_MENU);
  }
}

/* ---- units --------------------------------------------------------------- */

static int build_units(Cleaner *c){
  ThPage *p = c->p;
  int i;
  c->aUnit = sqlite3_malloc64(sizeof(Unit)*(size_t)(p->nBlock ? p->nBlock : 1));
  if( c->aUnit==0 ) return SQLITE_NOMEM;
  c->nUnit = 0;
  for(i=0; i<p->nBlock; i++){
    Unit *u = &c->aUnit[c->nUnit++];
    memset(u, 0, sizeof(*u));
    u->iFirst = i;
    while( line_continues(p, i, c->nWrap) ) i++;
    u->iLast = i;
  }
  return SQLITE_OK;
}

/* Does the text dump separate its paragraphs with blank lines?  Only then
** does a line printed right under another (no blank line between) belong
** to the same box. */
static int uses_blank_lines(const ThPage *p){
  int i, nBlank = 0;
  if( p->format!=TH_FORMAT_TEXT ) return 0;
  for(i=0; i<p->nBlock; i++){
    nBlank += (p->aBlock[i].flags & TH_BLANK_BEFORE)!=0;
  }
  return nBlank*5>=p->nBlock;
}

/* Under an advert label or a list heading, the box is furniture too: the
** list items that follow a list heading; the few lines printed right under
** either (text dump with blank lines between paragraphs); in HTML, the
** short block after an advert label outside the article, and the teasers
** and navigation blocks after a list heading. */
#define MAX_AD_BOX 3
#define MAX_GLUED_BOX 6
static void mark_boxes(Cleaner *c){
  const ThPage *p = c->p;
  int iu, k, bBlankLines = uses_blank_lines(p);
  for(iu=0; iu<c->nUnit; iu++){
    Unit *u = &c->aUnit[iu];
    int bAd = (u->f & UF_AD)!=0, nGlued = 0;
    if( !(u->f & (UF_AD|UF_LISTHEAD)) ) continue;
    for(k=iu+1; k<c->nUnit; k++){
      Unit *v = &c->aUnit[k];
      unsigned int bf = p->aBlock[v->iFirst].flags;
      int bGlued = bBlankLines && !(bf & TH_BLANK_BEFORE);
      if( v->f & (UF_END|UF_AD|UF_LISTHEAD) ) break;
      if( !bAd && (v->f & UF_ITEM) ){ v->f |= UF_BOX; continue; }
      if( bGlued && v->nWord<=60
       && ++nGlued<=(bAd ? MAX_AD_BOX : MAX_GLUED_BOX) ){
        v->f |= UF_BOX;
        continue;
      }
      if( p->format==TH_FORMAT_HTML && !(bf & TH_IN_ARTICLE) && v->nWord<=40
       && (bAd ? k==iu+1 : ((v->f & UF_CHROME_IN) && !(v->f & UF_PROSE))) ){
        v->f |= UF_BOX;
        continue;
      }
      break;
    }
  }
}

/* Runs of two or more "Name, Title" lines are lists of people. */
static void mark_name_lists(Cleaner *c){
  int iu;
  for(iu=0; iu+1<c->nUnit; iu++){
    if( (c->aUnit[iu].f & UF_NAMELINE) && (c->aUnit[iu+1].f & UF_NAMELINE) ){
      c->aUnit[iu].f |= UF_NAMES;
      c->aUnit[iu+1].f |= UF_NAMES;
    }
  }
}

/* ---- the article -------------------------------------------------------- */

static int unit_score(const Cleaner *c, const Unit *u){
  const ThBlock *b = &c->p->aBlock[u->iFirst];
  int s;
  if( u->f & UF_PROSE ){
    if( u->f & (UF_FURNITURE & ~(UF_HAS_DATE)) ) return -4;
    s = u->nWord;
    if( c->bArticle ){
      if( b->flags & TH_IN_ARTICLE ) s *= 2;
      else s /= 4;
    }
    return s;
  }
  if( u->f & (UF_LISTHEAD) ) return -10;
  if( u->f & UF_FURNITURE ) return (u->f & UF_BREAK) ? -3 : -4;
  if( (u->f & UF_TERMINAL) && (u->nLower>0 || u->nWord<=3) ) return 1;
  if( u->f & UF_COLON_END ) return 0;
  if( (u->f & UF_ITEM) && u->nWord>5 ) return 1;
  return -2;
}

/* The run of units of maximum total score that crosses no end marker. */
static void best_segment(Cleaner *c, int *piStart, int *piEnd){
  int iu, iCur = 0, bTail = 0;
  long best = 0, cur = 0, nProse = 0;
  *piStart = *piEnd = -1;
  for(iu=0; iu<c->nUnit; iu++){
    Unit *u = &c->aUnit[iu];
    if( u->f & UF_END ){
      cur = 0;
      iCur = iu+1;
      /* past the end of a text, prose is a comment, a footer or the next
      ** story: it counts a quarter */
      if( nProse>=20 ) bTail = 1;
      continue;
    }
    u->score = unit_score(c, u);
    if( u->score>0 ){
      nProse += u->score;
      if( bTail ) u->score = (u->score+3)/4;
    }
    if( cur<=0 ){
      cur = 0;
      iCur = iu;
    }
    cur += u->score;
    if( cur>best ){
      best = cur;
      *piStart = iCur;
      *piEnd = iu;
    }
  }
}

/* Same text (ASCII case aside) as another unit of one block. */
static int same_unit_text(const ThPage *p, const Unit *a, const Unit *b){
  size_t na, nb;
  const char *za = block_text(p, a->iFirst, &na);
  const char *zb = block_text(p, b->iFirst, &nb);
  if( a->iFirst!=a->iLast || b->iFirst!=b->iLast ) return 0;
  return na==nb && same_nocase(za, zb, na);
}

/* Could this unit be the headline of a text dump? */
static int title_candidate(const Unit *u, int nMinWord){
  if( u->iFirst!=u->iLast ) return 0;
  if( u->nWord<nMinWord || u->nWord>40 ) return 0;
  if( u->f & UF_FULLSTOP ) return 0;
  if( u->f & (UF_FURNITURE|UF_BREAK) ) return 0;
  if( (u->f & UF_ITEM) && u->nWord<=5 ) return 0;
  return 1;
}

/* Does the title zWant (NUL-terminated) equal unit u's text, or is
** zWant the unit's text followed by a site name (' | Site', ' - Site',
** ' \xe2\x80\x93 Site', ' \xe2\x80\x94 Site')? */
static int unit_is_text(const ThPage *p, const Unit *u, const char *zWant,
                        int bSuffix){
  size_t n, m = strlen(zWant);
  const char *z = block_text(p, u->iFirst, &n);
  if( m==0 || n>m || !same_nocase(z, zWant, n) ) return 0;
  if( n==m ) return 1;
  if( !bSuffix || n<12 || m-n>60 ) return 0;
  return (m>n+3 && (memcmp(zWant+n, " | ", 3)==0
                    || memcmp(zWant+n, " - ", 3)==0))
      || (m>n+5 && memcmp(zWant+n, " \xe2\x80", 3)==0
          && ((unsigned char)zWant[n+3]==0x93
              || (unsigned char)zWant[n+3]==0x94) && zWant[n+4]==' ');
}

/* HTML: the unit whose text is og:title, <h1> or <title> (else one of
** them without its site name); -1 if none. */
static int title_from_meta(const Cleaner *c, int iBefore){
  const ThPageMeta *m = &c->p->meta;
  const char *az[3];
  int k, iu, bSuffix;
  az[0] = m->zOgTitle; az[1] = m->zH1; az[2] = m->zTitle;
  for(bSuffix=0; bSuffix<2; bSuffix++){
    for(k=0; k<3; k++){
      if( az[k]==0 ) continue;
      for(iu=0; iu<c->nUnit && iu<iBefore; iu++){
        if( unit_is_text(c->p, &c->aUnit[iu], az[k], bSuffix) ) return iu;
      }
    }
  }
  /* the first level-1 heading before the article */
  for(iu=0; iu<c->nUnit && iu<iBefore; iu++){
    const ThBlock *b = &c->p->aBlock[c->aUnit[iu].iFirst];
    if( b->kind==TH_BLOCK_HEADING && b->level==1 ) return iu;
  }
  return -1;
}

/* Text dump with blank lines between paragraphs: is block i among the
** lines at the top of the page printed without a blank line between them
** (a masthead and its tagline)? */
static int in_first_group(const ThPage *p, int i){
  int k;
  if( p->format!=TH_FORMAT_TEXT || !uses_blank_lines(p) ) return 0;
  for(k=1; k<=i; k++){
    if( p->aBlock[k].flags & TH_BLANK_BEFORE ) return 0;
  }
  return 1;
}

/* The headline before the article start iStart: a title printed twice, else
** the first title-like line after the last navigation line. */
static int find_title(Cleaner *c, int iStart){
  int iu, iLo = iStart - TITLE_WINDOW, iBreak, iLast, k;
  if( iLo<0 ) iLo = 0;
  /* not across an end marker or the heading of a list */
  for(iu=iStart-1; iu>=iLo; iu--){
    if( c->aUnit[iu].f & (UF_END|UF_LISTHEAD) ){ iLo = iu+1; break; }
  }
  if( c->p->format==TH_FORMAT_HTML ){
    int it = title_from_meta(c, iStart);
    if( it>=0 ) return it;
  }
  for(iu=iLo; iu<iStart; iu++){
    if( !title_candidate(&c->aUnit[iu], 3) ) continue;
    for(k=iu+1; k<iStart && k<=iu+4; k++){
      if( same_unit_text(c->p, &c->aUnit[iu], &c->aUnit[k]) ) return iu;
    }
  }
  /* the navigation that counts is the last before the last candidate: a
  ** share bar between the headline and the text is no menu */
  for(iLast=iStart-1; iLast>=iLo; iLast--){
    if( title_candidate(&c->aUnit[iLast], 4) ) break;
  }
  if( iLast<iLo ) return -1;
  iBreak = iLo;
  for(iu=iLast-1; iu>=iLo; iu--){
    if( c->aUnit[iu].f & UF_BREAK ){ iBreak = iu+1; break; }
  }
  for(iu=iBreak; iu<iStart; iu++){
    if( !title_candidate(&c->aUnit[iu], 4) ) continue;
    /* the first line of a page is its masthead when a title follows, and
    ** so is a tagline printed right under it (no blank line between) */
    if( iu==0 || (iu<=2 && in_first_group(c->p, c->aUnit[iu].iFirst)) ){
      for(k=iu+1; k<iStart && !title_candidate(&c->aUnit[k], 4); k++){}
      if( k<iStart ) continue;
    }
    return iu;
  }
  return -1;
}

/* A standfirst between the headline and the article. */
static int is_standfirst(const Unit *u){
  if( u->f & (UF_FURNITURE|UF_BREAK) ) return 0;
  if( u->nWord<6 ) return 0;
  /* a contents entry ("3. How the vector is made") is no standfirst */
  if( (u->f & UF_NUMBERED) && !(u->f & UF_TERMINAL) ) return 0;
  return lower_pct(u)>=40;
}

/* A subheading: 1-5 words without punctuation. */
static int is_subheading(const Unit *u){
  return u->nWord<=5 && !(u->f & UF_PUNCT);
}

/* Cuts a caption and credit glued to the start of a kept paragraph: moves
** the start of its first block past them. */
static void cut_glued_caption(Cleaner *c, Unit *u){
  ThBlock *b = &c->p->aBlock[u->iFirst];
  const char *z = c->p->text.z + b->iStart;
  size_t n = b->nLen, iCut, nMarker;
  long iMarker;
  iCut = caption_repeat_end(z, n);
  if( iCut==0 ){
    iMarker = credit_marker(z, n, 0, 240, &nMarker);
    if( iMarker>=0 ){
      size_t nWordBefore = 0, k;
      for(k=0; k<(size_t)iMarker; k++) if( z[k]==' ' ) nWordBefore++;
      if( nWordBefore<=40 ){
        iCut = credit_end(z, n, (size_t)iMarker + nMarker);
      }
    }
  }
  if( iCut>0 && iCut<n ){
    /* keep the rest only when it is a sentence of some length */
    size_t nWord = 0, k;
    for(k=iCut; k<n; k++) if( z[k]==' ' ) nWord++;
    if( nWord>=5 ){
      b->iStart += iCut;
      b->nLen -= iCut;
    }
  }
}

/* A quotation followed by its attribution: the length of z (the text
** after the opening quote mark) up to the closing quote mark when at most
** 80 bytes follow it, and they are the <cite> of a blockquote
** (bBlockquote) or start with a dash ("Quote." \xe2\x80\x94 Jane Doe);
** else n. */
static size_t quote_end(const char *z, size_t n, int bBlockquote){
  size_t i;
  for(i=0; i<n; i++){
    size_t nMark = z[i]=='"' ? 1
      : (i+2<n && (unsigned char)z[i]==0xe2 && (unsigned char)z[i+1]==0x80
         && (unsigned char)z[i+2]==0x9d) ? 3 : 0;
    const char *zRest;
    if( nMark==0 || n-i-nMark>80 || i+nMark>=n || z[i+nMark]!=' ' ){
      continue;
    }
    zRest = z + i + nMark + 1;
    if( bBlockquote || zRest[0]=='-'
     || (zRest+2<z+n && (unsigned char)zRest[0]==0xe2
         && (unsigned char)zRest[1]==0x80
         && ((unsigned char)zRest[2]==0x93 || (unsigned char)zRest[2]==0x94)) ){
      return i;
    }
  }
  return n;
}

/* Is the text of unit u found in a unit near it (a pull quote)?  Compares
** its text without opening and closing quotes. */
static int repeats_nearby(const Cleaner *c, int iu){
  const ThPage *p = c->p;
  const Unit *u = &c->aUnit[iu];
  size_t n, i = 0;
  const char *z = block_text(p, u->iFirst, &n);
  int k;
  while( i<n && (z[i]=='"' || (unsigned char)z[i]>=0xe2) ){
    if( z[i]=='"' ) i++;
    else if( (unsigned char)z[i]==0xe2 ) i += 3;
    else break;
  }
  if( i>n ) return 0;
  z += i; n -= i;
  if( i>0 ) n = quote_end(z, n,
                  (p->aBlock[u->iFirst].flags & TH_IN_BLOCKQUOTE)!=0);
  while( n>0 && (z[n-1]=='"' || ((unsigned char)z[n-1]&0xc0)==0x80
                 || (unsigned char)z[n-1]==0xe2 || z[n-1]=='.') ){
    if( (unsigned char)z[n-1]>=0x80 ){
      while( n>0 && ((unsigned char)z[n-1]&0xc0)==0x80 ) n--;
      if( n>0 ) n--;
    }else{
      n--;
    }
  }
  if( n<20 || n>400 ) return 0;
  for(k=iu-8; k<=iu+8; k++){
    size_t m, j;
    const char *zz;
    if( k<0 || k>=c->nUnit || k==iu ) continue;
    if( c->aUnit[k].iFirst!=c->aUnit[k].iLast ) continue;
    zz = block_text(p, c->aUnit[k].iFirst, &m);
    if( m<=n + 2 ) continue;
    for(j=0; j+n<=m; j++){
      const char *zHit = memchr(zz+j, z[0], m-n+1-j);
      if( zHit==0 ) break;
      j = (size_t)(zHit - zz);
      if( memcmp(zz+j, z, n)==0 ) return 1;
    }
  }
  return 0;
}

/* Does the unit start with an opening quote mark? */
static int starts_with_quote(const ThPage *p, const Unit *u){
  size_t n;
  const char *z = block_text(p, u->iFirst, &n);
  return (n>0 && z[0]=='"')
      || (n>=3 && (unsigned char)z[0]==0xe2 && (unsigned char)z[1]==0x80
          && ((unsigned char)z[2]==0x9c || (unsigned char)z[2]==0x98));
}

/* Decides which units of [iFrom, iTo] are body; iTitle is the headline
** unit or -1, iArticle the first unit of the prose segment. */
static void choose_body(Cleaner *c, int iTitle, int iArticle, int iTo,
                        unsigned char *aUnitKeep){
  int iu, bList = 0, iFrom = iTitle>=0 && iTitle<iArticle ? iTitle+1 : iArticle;
  for(iu=iFrom; iu<=iTo; iu++){
    Unit *u = &c->aUnit[iu];
    int bKeep;
    if( iTitle>=0 && same_unit_text(c->p, u, &c->aUnit[iTitle]) ){
      u->f |= UF_TITLE;
    }
    if( iu<iArticle ){
      aUnitKeep[iu] = (unsigned char)is_standfirst(u);
      continue;
    }
    if( u->f & UF_FURNITURE ){
      bKeep = 0;
    }else if( u->f & UF_ITEM ){
      bKeep = bList || !is_subheading(u) || (u->f & UF_PUNCT);
    }else{
      bKeep = !is_subheading(u);
    }
    if( bKeep && !(u->f & UF_PROSE) && u->nWord<=40
     && (u->f & (UF_ITEM|UF_TERMINAL|UF_PUNCT)) && repeats_nearby(c, iu) ){
      bKeep = 0;
    }
    if( bKeep && !(u->f & UF_PROSE) && u->nWord<=40 ){
      int k;
      for(k=(iu-10>iFrom ? iu-10 : iFrom); k<iu; k++){
        if( aUnitKeep[k] && same_unit_text(c->p, u, &c->aUnit[k]) ){
          bKeep = 0;
          break;
        }
      }
    }
    if( bKeep && (u->f & UF_PROSE) && u->nWord<=40
     && ((c->p->aBlock[u->iFirst].flags & TH_IN_BLOCKQUOTE)
         || starts_with_quote(c->p, u))
     && repeats_nearby(c, iu) ){
      bKeep = 0;                      /* a pull quote repeating the text */
    }
    aUnitKeep[iu] = (unsigned char)bKeep;
    /* items after a lead-in ending in a colon are kept even when short */
    if( bKeep && (u->f & UF_COLON_END) && u->nWord<=12 ) bList = 1;
    else if( !(u->f & UF_ITEM) ) bList = 0;
  }
  /* a lead-in whose list was dropped goes too */
  for(iu=iTo; iu>=iFrom; iu--){
    Unit *u = &c->aUnit[iu];
    if( aUnitKeep[iu] && (u->f & UF_COLON_END) && u->nWord<=12
     && (iu==iTo || !aUnitKeep[iu+1]) ){
      aUnitKeep[iu] = 0;
    }
  }
}

/* Is unit u a publication note (data/tail_notes.txt): a copyright or
** syndication line, a funder's disclaimer, an editing note, a wire credit?
** Only a paragraph of at most 50 words is read (its first 600 bytes). */
static int is_tail_note(const Cleaner *c, const Unit *u){
  size_t n, m, i;
  const char *z;
  if( u->nWord>50 || u->iFirst!=u->iLast ) return 0;
  z = block_text(c->p, u->iFirst, &n);
  m = n<600 ? n : 600;
  /* one pass: at each word starting with a letter, the phrases starting
  ** with it (the list is sorted: th_data_tail_notes_index says where they
  ** are; the words start at 0 and after each space) */
  for(i=0; i<m; i++){
    unsigned char ch;
    int k, kEnd;
    if( i>0 ){
      const char *zSpace = memchr(z+i-1, ' ', m-i);
      if( zSpace==0 ) break;
      i = (size_t)(zSpace - z) + 1;
      if( i>=m ) break;
    }
    ch = (unsigned char)z[i];
    if( !((ch>='a' && ch<='z') || (ch>='A' && ch<='Z')) ) continue;
    ch = (unsigned char)ascii_lower(ch);
    kEnd = th_data_tail_notes_index[ch+1];
    for(k=th_data_tail_notes_index[ch]; k<kEnd; k++){
      const char *zNote = th_data_tail_notes[k];
      size_t nNote;
      if( (unsigned char)zNote[0]!=ch ) continue;
      nNote = strlen(zNote);
      if( nNote<=n-i && same_nocase(z+i, zNote, nNote) ) return 1;
    }
  }
  return 0;
}

/* Trims the end of the body: an author's bio, publication notes
** (is_tail_note()), and before an 'About <organisation>' barrier the
** organisation's self-description ("NIAID conducts ... website"). */
static void trim_tail(Cleaner *c, int iFrom, int iTo,
                      unsigned char *aUnitKeep){
  int iu, bAbout = iTo+1<c->nUnit && (c->aUnit[iTo+1].f & UF_ABOUT_ORG);
  for(iu=iTo; iu>=iFrom; iu--){
    size_t n;
    const char *z;
    if( !aUnitKeep[iu] ) continue;
    if( (c->aUnit[iu].f & UF_BIO) || is_tail_note(c, &c->aUnit[iu]) ){
      aUnitKeep[iu] = 0;
      continue;
    }
    z = block_text(c->p, c->aUnit[iu].iFirst, &n);
    if( !bAbout || !is_org_blurb(z, n) ) break;
    aUnitKeep[iu] = 0;
  }
}

/* Strips a list number "1. " from kept items (moves the block start). */
static void strip_number_marker(Cleaner *c, Unit *u){
  ThBlock *b = &c->p->aBlock[u->iFirst];
  size_t m = number_marker_len(c->p->text.z + b->iStart, b->nLen);
  if( m>0 && m<b->nLen ){
    b->iStart += m;
    b->nLen -= m;
  }
}

static int page_has_article_prose(const ThPage *p){
  int i;
  if( p->format!=TH_FORMAT_HTML ) return 0;
  for(i=0; i<p->nBlock; i++){
    if( (p->aBlock[i].flags & TH_IN_ARTICLE) && p->aBlock[i].nLen>=200 ){
      return 1;
    }
  }
  return 0;
}

int th_page_classify(ThPage *p){
  Cleaner *c;
  unsigned char *aUnitKeep = 0;
  int iu, iStart, iEnd, iTitle, nKeep = 0;
  sqlite3_free(p->aKeep);
  p->aKeep = sqlite3_malloc64(p->nBlock ? (size_t)p->nBlock : 1);
  if( p->aKeep==0 ) return SQLITE_NOMEM;
  memset(p->aKeep, 0, p->nBlock ? (size_t)p->nBlock : 1);
  p->iTitle = p->iBodyFirst = p->iBodyLast = -1;
  if( p->nBlock==0 ) return SQLITE_OK;

  c = sqlite3_malloc64(sizeof(Cleaner));
  if( c==0 ) return SQLITE_NOMEM;
  memset(c, 0, sizeof(*c));
  c->p = p;
  phrase_list_init(&c->boiler, th_data_boilerplate,
                   th_data_boilerplate_index);
  phrase_list_init(&c->end, th_data_end_markers,
                   th_data_end_markers_index);
  phrase_list_init(&c->head, th_data_list_headings,
                   th_data_list_headings_index);
  phrase_list_init(&c->ad, th_data_ad_labels,
                   th_data_ad_labels_index);
  c->nWrap = wrap_width(p);
  c->bArticle = page_has_article_prose(p);
  if( build_units(c) ){
    sqlite3_free(c);
    return SQLITE_NOMEM;
  }
  aUnitKeep = sqlite3_malloc64((size_t)c->nUnit);
  if( aUnitKeep==0 ){
    sqlite3_free(c->aUnit);
    sqlite3_free(c);
    return SQLITE_NOMEM;
  }
  memset(aUnitKeep, 0, (size_t)c->nUnit);
  for(iu=0; iu<c->nUnit; iu++) unit_core_features(c, iu);
  mark_boxes(c);
  best_segment(c, &iStart, &iEnd);
  /* details only where they count: the headline's window and the article */
  iu = iStart>=0 ? iStart - TITLE_WINDOW : c->nUnit - TITLE_WINDOW;
  for(iu = iu<0 ? 0 : iu; iu<c->nUnit && (iStart<0 || iu<=iEnd); iu++){
    unit_detail_features(c, iu);
  }
  mark_name_lists(c);

  if( iStart>=0 ){
    iTitle = find_title(c, iStart);
    choose_body(c, iTitle, iStart, iEnd, aUnitKeep);
    trim_tail(c, iStart, iEnd, aUnitKeep);
    if( iTitle>=0 ) p->iTitle = c->aUnit[iTitle].iFirst;
  }else{
    iTitle = find_title(c, c->nUnit);
    if( iTitle>=0 ) p->iTitle = c->aUnit[iTitle].iFirst;
  }

  for(iu=0; iu<c->nUnit; iu++){
    Unit *u = &c->aUnit[iu];
    int i;
    if( !aUnitKeep[iu] ) continue;
    if( nKeep++<2 ) cut_glued_caption(c, u);
    if( u->f & UF_NUMBERED ) strip_number_marker(c, u);
    for(i=u->iFirst; i<=u->iLast; i++) p->aKeep[i] = 1;
    if( p->iBodyFirst<0 ) p->iBodyFirst = u->iFirst;
    p->iBodyLast = u->iLast;
  }
  sqlite3_free(aUnitKeep);
  sqlite3_free(c->aUnit);
  sqlite3_free(c);
  return SQLITE_OK;
}

int th_page_body(ThPage *p, ThBuf *pOut){
  int i, iPrev = -1, nWrap;
  if( p->aKeep==0 ) return SQLITE_OK;
  /* room for the body at once: it is never longer than the text of all
  ** blocks with two bytes between them */
  if( th_buf_reserve(pOut, p->text.n + (size_t)p->nBlock) ) return SQLITE_NOMEM;
  pOut->z[pOut->n] = 0;         /* an empty body is "" */
  nWrap = wrap_width(p);
  for(i=0; i<p->nBlock; i++){
    if( !p->aKeep[i] || i==p->iTitle ) continue;
    if( pOut->n ){
      if( iPrev==i-1 && line_continues(p, iPrev, nWrap) ){
        if( th_buf_putc(pOut, ' ') ) return SQLITE_NOMEM;
      }else if( th_buf_append(pOut, "\n\n", 2) ){
        return SQLITE_NOMEM;
      }
    }
    if( th_buf_append(pOut, p->text.z + p->aBlock[i].iStart,
                      p->aBlock[i].nLen) ) return SQLITE_NOMEM;
    iPrev = i;
  }
  return SQLITE_OK;
}
