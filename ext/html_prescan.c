/*
** html_prescan.c -- drop what libxml2 would read only to throw away.
**
**   size_t nOut = th_html_prescan(z, n, 0);      the length of the copy
**   if( nOut<n ){ zOut = malloc(nOut); th_html_prescan(z, n, zOut); }
**
** Used by html_page.c before handing a page to libxml2's HTML parser (there
** is no SQL function of its own).  The copy is the page without the
** content of its comments and of its <script> and <style> elements: the
** tags stay ("<!---->", "<script ...></script>"), so the parser reports the
** same elements in the same order and html_page.c, which ignores that
** content, builds the same page.  The content of a script whose start tag
** mentions "+json" (JSON-LD is read for metadata) or has an entity is
** kept.
**
** The scan follows libxml2 2.9's HTML tokenizer (recovery mode): a comment
** runs from "<!--" to the first "-->" or "--!>" after it; a script or style
** to the first "</script" / "</style" in any case; start tags end at the
** first '>' or "/>" outside a quoted attribute value, as libxml2 splits
** attributes; end tags at the first '>'.  Only what the scan is sure of is
** dropped: a region with invalid UTF-8 (libxml2 changes its decoding at
** the first invalid byte), over 1 MB, or that contains what would end the
** enclosing construct in another reading ("-->", "</") is kept, and a page
** with a processing instruction "<?", a "<!" other than a comment or a
** plain doctype, or an unusual tag name is copied unchanged (the function
** returns n).  Linear in n.  zOut, when not NULL, has room for n bytes.
**
**   size_t nOut = th_html_slim(z, n, zOut);      zOut has room for n bytes
**
** th_html_slim() makes, in one pass, a smaller copy that libxml2 reads
** faster and html_page.c reads as the same page.  Besides the content of
** comments, scripts and styles (as above, whatever its share of the page)
** it drops from start tags the attributes html_page.c never reads (href,
** src, alt, data-* ...: only those of azReadAttr are kept), a repeated
** attribute (libxml2 keeps the first) and a style attribute that cannot
** hide its element (no "none", "hidden" or '&' in its value); and it
** decodes in text the named character references that libxml2 would look
** up in its list of 253 names one by one (&rsquo; &middot; &nbsp; ... as
** libxml2's table says; &amp; &lt; &gt; &quot; &apos; stay).  An attribute
** is dropped with the white space after it, so that the tag's other
** attributes are split as before; a reference is decoded only when it is
** a name of the table followed by ';', as libxml2 decodes it, and never in
** a comment, script, style or tag.  It returns 0, and the page must be
** read as it is, when the page is not valid UTF-8 (libxml2 would change
** its decoding at the first invalid byte), when the scan is unsure (where
** th_html_prescan() returns n), when an attribute name has 100 bytes or
** more (libxml2 splits it) or a start tag more than 100 attributes, or
** when the page ends inside a start tag.  zOut must not be NULL.
** html_page.c uses it for pages without a start tag of more than 100
** attributes as its guard_attributes() counts them.
**
**   ThHtmlSlim s = { aRun, nRunMax };            aRun: room for nRunMax runs
**   size_t nOut = th_html_slim_ex(z, n, zOut, &s);
**
** th_html_slim_ex() makes the copy of th_html_slim() (it returns 0 where
** that one does) with three more savings, for html_page.c, which undoes
** them as it reads libxml2's events:
**   - markers: a run of text (its core without the blanks around it, at
**     least MIN_RUN bytes, where libxml2 starts reading character data:
**     after a tag, a comment or a doctype, or at a blank after a reference)
**     and a quoted attribute value of MIN_VALUE_RUN bytes or more without
**     a reference become one character U+E000 + (k % 4096) for the k-th of
**     them, s.aRun[k] their place in z.  libxml2 reads one character
**     instead of many; text runs hold no '<', '&' or character libxml2
**     drops, so that libxml2 reports them as written.  Markers are left
**     out of a page that holds a byte 0xEE (U+E000..U+EFFF), U+FFFE,
**     U+FFFF or a C0 control other than tab, line feed and carriage
**     return, and of one with a numeric reference that may stand for a
**     character of their range (a second scan);
**   - short names: each kept attribute is named "_" and the letter
**     'a'+TH_ATTR_xxx (s.bShortNames), unless the page holds "_a" to "_m"
**     as a word, which libxml2 could read as such a name;
**   - s.bPlain tells html_page.c that guard_attributes() would split tags
**     as the scan did, so that it need not run.
*/
#include <stdlib.h>
#include <string.h>
#include "html_prescan.h"

#define MAX_DROP 1000000     /* longer regions are kept, as libxml2 may
                             ** stop at its own length limits */

static unsigned char lower(unsigned char c){
  return (c>='A' && c<='Z') ? (unsigned char)(c + 32) : c;
}

static int is_letter(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z');
}

/* White space as libxml2's IS_BLANK_CH sees it. */
static int is_blank(unsigned char c){
  return c==' ' || c=='\t' || c=='\n' || c=='\r';
}

/* Characters of a tag or attribute name after the first
** (htmlParseHTMLName): ASCII letters and digits, ':', '-', '_' and '.'. */
static const unsigned char aNameChar[256] = {
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,1,1,0,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,1,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
};
static int is_name_char(unsigned char c){
  return aNameChar[c];
}

/* Whether z[0..m) equals zLower ignoring ASCII case. */
static int same_ci(const char *z, size_t m, const char *zLower){
  size_t k;
  for(k=0; k<m; k++){
    if( lower((unsigned char)z[k])!=(unsigned char)zLower[k] ) return 0;
  }
  return zLower[m]==0;
}

/* The first case-insensitive match of zLower (whose first byte has no
** case) in
** z[i..n), or n. */
static size_t find_ci(const char *z, size_t n, size_t i, const char *zLower){
  size_t m = strlen(zLower);
  while( i+m<=n ){
    const char *zLt = memchr(z+i, zLower[0], n-i-m+1);
    if( zLt==0 ) return n;
    i = (size_t)(zLt - z);
    if( same_ci(z+i, m, zLower) ) return i;
    i++;
  }
  return n;
}

/* Whether z[0..n) is valid UTF-8 (strictly: no overlong form, no
** surrogate, nothing above U+10FFFF). */
static int valid_utf8(const unsigned char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    unsigned char c = z[i];
    size_t m, k;
    unsigned long v;
    if( c<0x80 ){ i++; continue; }
    if( c>=0xC2 && c<=0xDF ){ m = 1; v = c & 0x1F; }
    else if( c>=0xE0 && c<=0xEF ){ m = 2; v = c & 0x0F; }
    else if( c>=0xF0 && c<=0xF4 ){ m = 3; v = c & 0x07; }
    else return 0;
    if( n-i<=m ) return 0;
    for(k=1; k<=m; k++){
      if( (z[i+k] & 0xC0)!=0x80 ) return 0;
      v = (v<<6) | (z[i+k] & 0x3F);
    }
    if( (m==2 && v<0x800) || (m==3 && (v<0x10000 || v>0x10FFFF))
     || (v>=0xD800 && v<=0xDFFF) ) return 0;
    i += m + 1;
  }
  return 1;
}

/* Whether z[a..b) may be dropped: not too long, valid UTF-8, and without
** "-->", "--!>" or "</", which could end a comment or a script that
** encloses it in a reading other than the scan's. */
static int droppable(const char *z, size_t a, size_t b){
  size_t i;
  if( b<=a ) return 0;
  if( b-a>MAX_DROP ) return 0;
  for(i=a; i+1<b; i++){
    if( z[i]=='<' && z[i+1]=='/' ) return 0;
    if( z[i]=='-' && z[i+1]=='-' && i+2<b
     && (z[i+2]=='>' || (z[i+2]=='!' && i+3<b && z[i+3]=='>')) ) return 0;
  }
  return valid_utf8((const unsigned char*)z + a, b - a);
}

/* The index of the end of a comment whose content starts at i (just after
** "<!--"): of the first "-->" or "--!>" at or after i, or n. */
static size_t comment_end(const char *z, size_t n, size_t i){
  while( i<n ){
    const char *zDash = memchr(z+i, '-', n-i);
    if( zDash==0 ) return n;
    i = (size_t)(zDash - z);
    if( i+2<n && z[i+1]=='-'
     && (z[i+2]=='>' || (z[i+2]=='!' && i+3<n && z[i+3]=='>')) ) return i;
    i++;
  }
  return n;
}

/* Given j just after an attribute's name, reads the blanks and, if an
** '=' follows, the value (quoted, or up to a blank or '>'), as libxml2
** does: returns where the attribute ends, with the value in
** z[*piVal..*piValEnd) (both 0 when it has none), or NO_END when a quote
** is never closed. */
#define NO_END ((size_t)-1)
static size_t attr_value_read(const char *z, size_t n, size_t j,
                              size_t *piVal, size_t *piValEnd){
  *piVal = *piValEnd = 0;
  while( j<n && is_blank((unsigned char)z[j]) ) j++;
  if( j>=n || z[j]!='=' ) return j;
  j++;
  while( j<n && is_blank((unsigned char)z[j]) ) j++;
  if( j<n && (z[j]=='"' || z[j]=='\'') ){
    const char *zQ = memchr(z+j+1, z[j], n-j-1);
    if( zQ==0 ) return NO_END;
    *piVal = j + 1;
    *piValEnd = (size_t)(zQ - z);
    return *piValEnd + 1;
  }
  *piVal = j;
  while( j<n && z[j]!='>' && !is_blank((unsigned char)z[j]) ) j++;
  *piValEnd = j;
  return j;
}

/* Given j just after the name of a start tag, the index of the '>' or of
** the "/>" that ends it, or n, splitting attributes as libxml2's
** htmlParseStartTag does. */
static size_t start_tag_end(const char *z, size_t n, size_t j){
  for(;;){
    unsigned char c;
    while( j<n && is_blank((unsigned char)z[j]) ) j++;
    if( j>=n || z[j]=='>' ) return j;
    if( z[j]=='/' && j+1<n && z[j+1]=='>' ) return j;
    c = (unsigned char)z[j];
    if( is_letter(c) || c=='_' || c==':' || c=='.' ){
      size_t iVal, iValEnd;
      while( j<n && is_name_char((unsigned char)z[j]) ) j++;
      j = attr_value_read(z, n, j, &iVal, &iValEnd);
      if( j==NO_END ) return n;
    }else{
      /* a bogus attribute, dumped up to a blank or the end of the tag */
      while( j<n && !is_blank((unsigned char)z[j]) && z[j]!='>'
             && !(z[j]=='/' && j+1<n && z[j+1]=='>') ) j++;
    }
  }
}

/* Whether the start tag z[a..b) mentions +json or an entity, so that a
** script it opens may be JSON-LD (html_page.c reads those). */
static int maybe_json(const char *z, size_t a, size_t b){
  return memchr(z+a, '&', b-a)!=0 || find_ci(z, b, a, "+json")<b;
}

/* ---- th_html_slim(): attributes and character references ---------------- */

/* The attributes html_page.c reads (its read_attrs()), sorted. */
static const char *const azReadAttr[] = {
  "aria-hidden", "class", "content", "datetime", "hidden", "id", "itemprop",
  "name", "property", "rel", "role", "style", "type",
};

/* (in the order of the TH_ATTR_ numbers of html_prescan.h) */

/* The index in azReadAttr (a TH_ATTR_ number) of the attribute name
** z[0..m) (any case), or -1.  Names too long or too short for the list
** are ruled out first. */
int th_html_attr_index(const char *z, size_t m){
  static const unsigned char aLen[] = { 11, 5, 7, 8, 6, 2, 8, 4, 8, 3, 4, 5, 4 };
  int k;
  if( m<2 || m>11 ) return -1;
  for(k=0; k<(int)(sizeof(azReadAttr)/sizeof(azReadAttr[0])); k++){
    if( aLen[k]==m && (unsigned char)azReadAttr[k][0]==lower((unsigned char)z[0])
     && same_ci(z, m, azReadAttr[k]) ){
      return k;
    }
  }
  return -1;
}

/* Whether z[a..b) holds zLower (lower case ASCII letters), any case. */
static int holds_ci(const char *z, size_t a, size_t b, const char *zLower){
  size_t m = strlen(zLower), i, k;
  for(i=a; i+m<=b; i++){
    for(k=0; k<m && lower((unsigned char)z[i+k])==(unsigned char)zLower[k]; k++){}
    if( k==m ) return 1;
  }
  return 0;
}

/* Whether a style attribute whose value is z[a..b) (as written) may hide
** its element: html_page.c looks for "display: none" and "visibility:
** hidden" in the value, which a character reference may spell too. */
static int style_may_hide(const char *z, size_t a, size_t b){
  return memchr(z+a, '&', b-a)!=0 || holds_ci(z, a, b, "none")
      || holds_ci(z, a, b, "hidden");
}

/* libxml2's named character references whose value is not ASCII
** (data/html_entities.txt: "name<TAB>0xHEX", sorted by name). */
extern const char *const th_data_html_entities[];
extern const int th_data_html_entities_index[257];

/* The code point of the reference named z[0..m), or 0 (binary search
** within the lines that start with z[0]). */
static unsigned int named_ref(const char *z, size_t m){
  int lo, hi;
  if( m==0 ) return 0;
  lo = th_data_html_entities_index[(unsigned char)z[0]];
  hi = th_data_html_entities_index[(unsigned char)z[0]+1] - 1;
  while( lo<=hi ){
    int mid = (lo + hi)/2;
    const char *zMid = th_data_html_entities[mid];
    int c = strncmp(z, zMid, m);
    if( c==0 && zMid[m]!='\t' ) c = -1;     /* z is a prefix of zMid */
    if( c==0 ) return (unsigned int)strtoul(zMid+m+1, 0, 16);
    if( c<0 ) hi = mid - 1; else lo = mid + 1;
  }
  return 0;
}

/* Writes code point cp as UTF-8 at zOut; returns its length. */
static size_t put_utf8(unsigned int cp, char *zOut){
  if( cp<0x80 ){ zOut[0] = (char)cp; return 1; }
  if( cp<0x800 ){
    zOut[0] = (char)(0xC0 | (cp>>6));
    zOut[1] = (char)(0x80 | (cp & 0x3F));
    return 2;
  }
  zOut[0] = (char)(0xE0 | (cp>>12));
  zOut[1] = (char)(0x80 | ((cp>>6) & 0x3F));
  zOut[2] = (char)(0x80 | (cp & 0x3F));
  return 3;                 /* every value of the table is below U+10000 */
}

static int is_ascii_alnum(unsigned char c){
  return is_letter(c) || (c>='0' && c<='9');
}

/* Whether c is a C0 control other than tab, line feed and carriage return:
** libxml2 drops those from text ("Invalid char in CDATA"). */
static int is_bad_control(unsigned char c){
  return c<0x20 && c!='\t' && c!='\n' && c!='\r';
}

/* Whether the non-ASCII run z[0..n) holds a byte 0xEE (U+E000..U+EFFF,
** the range of the text markers) or U+FFFE / U+FFFF, which libxml2
** drops from text. */
static int has_marker_clash(const char *z, size_t n){
  const char *zEf;
  size_t i = 0;
  if( memchr(z, 0xEE, n) ) return 1;
  while( i<n && (zEf = memchr(z+i, 0xEF, n-i))!=0 ){
    i = (size_t)(zEf - z) + 1;
    if( i+1<n && (unsigned char)z[i]==0xBF
     && ((unsigned char)z[i+1]==0xBE || (unsigned char)z[i+1]==0xBF) ){
      return 1;
    }
  }
  return 0;
}

/* Whether all of z[0..n) is valid UTF-8; eight ASCII bytes at a time.
** *pbMarkable is cleared when the page holds a byte that rules out text
** markers (is_bad_control(), has_marker_clash()). */
static int valid_utf8_page(const char *z, size_t n, int *pbMarkable){
  size_t i = 0;
  while( i<n ){
    size_t iStart;
    while( i+8<=n ){
      unsigned long long x;
      memcpy(&x, z+i, 8);
      if( x & 0x8080808080808080ull ) break;
      /* a byte below 0x20 among the eight: look closer */
      if( *pbMarkable
       && ((x - 0x2020202020202020ull) & ~x & 0x8080808080808080ull) ){
        int k;
        for(k=0; k<8; k++){
          if( is_bad_control((unsigned char)z[i+k]) ) *pbMarkable = 0;
        }
      }
      i += 8;
    }
    while( i<n && (unsigned char)z[i]<0x80 ){
      if( is_bad_control((unsigned char)z[i]) ) *pbMarkable = 0;
      i++;
    }
    if( i>=n ) break;
    /* one run of non-ASCII characters */
    iStart = i;
    while( i<n && (unsigned char)z[i]>=0x80 ) i++;
    if( !valid_utf8((const unsigned char*)z + iStart, i - iStart) ) return 0;
    if( *pbMarkable && has_marker_clash(z + iStart, i - iStart) ){
      *pbMarkable = 0;
    }
  }
  return 1;
}

/* Whether z[0..n) holds what libxml2 could read as an attribute named
** like a short name of th_html_slim_ex() ("_a" to "_m", any case): '_'
** and such a letter not followed by a character of a name.  Then no short
** name is used, so that an attribute the scan leaves as it is (in a part
** of the page that libxml2 reads otherwise) is never taken for one. */
static int has_short_name(const char *z, size_t n){
  const char *zU;
  size_t i = 0;
  while( i<n && (zU = memchr(z+i, '_', n-i))!=0 ){
    unsigned char c;
    i = (size_t)(zU - z) + 1;
    if( i>=n ) break;
    c = lower((unsigned char)z[i]);
    if( c>='a' && c<'a'+TH_N_ATTR && (i+1>=n || !is_name_char((unsigned char)z[i+1])) ){
      return 1;
    }
  }
  return 0;
}

/* ---- the scan ------------------------------------------------------------ */

#define SCAN_UNCHANGED ((size_t)-1)

/* The output of a scan: zOut (NULL: bytes are only counted), nOut bytes
** so far, and z[iCopy..) the input not yet copied. */
typedef struct Out {
  char *zOut;
  size_t nOut;
  size_t iCopy;
  ThHtmlRun *aRun;        /* text runs replaced by markers, or NULL */
  size_t nRun, nRunMax;
  int bRiskyRef;          /* a character reference could spell a marker */
  int bUnplain;           /* a construct that is not "plain" (ThHtmlSlim) */
  int bShortNames;        /* kept attributes get one letter names */
} Out;

/* Whether the name that ends at z[j] ends as html_page.c's attribute
** guard ends it too: at a blank, '=', '>', "/>" or the end. */
static int plain_name_end(const char *z, size_t n, size_t j){
  return j>=n || is_blank((unsigned char)z[j]) || z[j]=='=' || z[j]=='>'
      || (z[j]=='/' && j+1<n && z[j+1]=='>');
}

/* Copies z[iCopy..i) and skips z[i..iNext). */
static void out_skip(Out *o, const char *z, size_t i, size_t iNext){
  if( o->zOut ) memcpy(o->zOut + o->nOut, z + o->iCopy, i - o->iCopy);
  o->nOut += i - o->iCopy;
  o->iCopy = iNext;
}

/* Replaces z[a..b) with the marker of the next run: the three bytes of
** U+E000 + (k % 4096) for run k. */
static void put_marker(Out *o, const char *z, size_t a, size_t b){
  size_t k = o->nRun++;
  o->aRun[k].iStart = (unsigned int)a;
  o->aRun[k].nLen = (unsigned int)(b - a);
  out_skip(o, z, a, b);
  o->zOut[o->nOut++] = (char)TH_HTML_MARK;
  o->zOut[o->nOut++] = (char)(0x80 | ((k>>6) & 0x3F));
  o->zOut[o->nOut++] = (char)(0x80 | (k & 0x3F));
}

#define MIN_RUN 4          /* shorter text runs are not worth a marker */

/* A piece of text z[a..b) without '<' or '&', whose start is where
** libxml2 starts a run of character data: its core (without the white
** space around it) is replaced by a marker when it is long enough. */
static void mark_run(Out *o, const char *z, size_t a, size_t b){
  while( a<b && is_blank((unsigned char)z[a]) ) a++;
  while( b>a && is_blank((unsigned char)z[b-1]) ) b--;
  if( b-a<MIN_RUN || o->nRun>=o->nRunMax ) return;
  put_marker(o, z, a, b);
}

/* Whether the numeric character reference at z[i] ("&#") may stand for a
** character of the markers' range U+E000..U+EFFF (or overflow). */
static int risky_numeric_ref(const char *z, size_t i, size_t iEnd){
  unsigned long v = 0;
  size_t j = i + 2, nDigit = 0;
  int bHex = j<iEnd && (z[j]=='x' || z[j]=='X');
  if( bHex ) j++;
  for(; j<iEnd; j++, nDigit++){
    unsigned char c = (unsigned char)z[j];
    int d;
    if( c>='0' && c<='9' ) d = c - '0';
    else if( bHex && c>='a' && c<='f' ) d = c - 'a' + 10;
    else if( bHex && c>='A' && c<='F' ) d = c - 'A' + 10;
    else break;
    if( nDigit>=7 ) return 1;
    v = v*(bHex ? 16 : 10) + (unsigned long)d;
  }
  return v>=0xE000 && v<=0xEFFF;
}

#define MIN_VALUE_RUN 4    /* shorter attribute values are not marked */

/* A kept attribute value z[a..b), quoted (bQuoted) or not: replaced by a
** marker when it is quoted, long enough and without a reference (libxml2
** then reports it as written); a value with a reference that may spell a
** marker sets bRiskyRef. */
static void mark_value(Out *o, const char *z, size_t a, size_t b,
                       int bQuoted){
  size_t k;
  const char *zAmp = memchr(z+a, '&', b-a);
  if( zAmp ){
    for(k=(size_t)(zAmp - z); k<b; k++){
      if( z[k]=='&' && k+1<b && z[k+1]=='#' && risky_numeric_ref(z, k, b) ){
        o->bRiskyRef = 1;
      }
    }
    return;
  }
  if( !bQuoted || b-a<MIN_VALUE_RUN || o->nRun>=o->nRunMax ) return;
  put_marker(o, z, a, b);
}

/* Text z[i..iEnd): its named references decoded; with o->aRun, its runs
** of plain text replaced by markers (mark_run()) when bRunStart says that
** z[i] starts a run of character data for libxml2.  A run that follows a
** reference starts at the first blank after it, where libxml2's reading
** of the reference surely ended. */
static void slim_text(Out *o, const char *z, size_t i, size_t iEnd,
                      int bRunStart){
  while( i<iEnd ){
    const char *zAmp = memchr(z+i, '&', iEnd-i);
    size_t j, iAmp;
    unsigned int cp;
    iAmp = zAmp ? (size_t)(zAmp - z) : iEnd;
    if( o->aRun && bRunStart ) mark_run(o, z, i, iAmp);
    if( zAmp==0 ) return;
    i = iAmp + 1;
    if( i<iEnd && z[i]=='#' && risky_numeric_ref(z, iAmp, iEnd) ){
      o->bRiskyRef = 1;
    }
    for(j=i; j<iEnd && j-i<=8 && is_ascii_alnum((unsigned char)z[j]); j++){}
    if( j<iEnd && z[j]==';' && j>i && j-i<=8
     && (cp = named_ref(z+i, j-i))!=0 ){
      out_skip(o, z, i-1, j+1);
      o->nOut += put_utf8(cp, o->zOut + o->nOut);
      i = j + 1;
    }
    /* the next run starts at a blank */
    while( i<iEnd && !is_blank((unsigned char)z[i]) && z[i]!='&' ) i++;
    bRunStart = i>=iEnd || is_blank((unsigned char)z[i]);
  }
}

/* A start tag's attributes from j (just after its name), the way libxml2's
** htmlParseStartTag splits them (as start_tag_end()): the index of the '>'
** or "/>" that ends the tag, or n.  With bSlim, attributes that are not
** read are dropped with the blanks after them; SCAN_UNCHANGED when the
** tag is one th_html_slim() leaves to the caller. */
static size_t slim_tag(Out *o, const char *z, size_t n, size_t j, int bSlim,
                       int bMarkValues){
  int nAttr = 0;
  int nToken = 0;             /* attributes, bogus ones too */
  unsigned int mSeen = 0;     /* azReadAttr entries met in this tag */
  if( !bSlim ) return start_tag_end(z, n, j);
  for(;;){
    unsigned char c;
    size_t iAttr, nName, iVal, iValEnd;
    int iRead, bDrop;
    while( j<n && is_blank((unsigned char)z[j]) ) j++;
    if( j>=n ) return SCAN_UNCHANGED;       /* the page ends in the tag */
    if( z[j]=='>' ) return j;
    if( z[j]=='/' && j+1<n && z[j+1]=='>' ) return j;
    c = (unsigned char)z[j];
    iAttr = j;
    if( is_letter(c) || c=='_' || c==':' || c=='.' ){
      while( j<n && is_name_char((unsigned char)z[j]) ) j++;
      nName = j - iAttr;
      if( nName>=100 || ++nAttr>100 ) return SCAN_UNCHANGED;
      if( !plain_name_end(z, n, j) ) o->bUnplain = 1;
      j = attr_value_read(z, n, j, &iVal, &iValEnd);
      if( j==NO_END ) return SCAN_UNCHANGED;
      /* dropped: an attribute never read, a repeated one (libxml2 keeps
      ** the first), a style that cannot hide the element */
      iRead = th_html_attr_index(z+iAttr, nName);
      bDrop = iRead<0 || (mSeen & (1u<<iRead))!=0;
      if( iRead>=0 ){
        mSeen |= 1u<<iRead;
        if( iRead==TH_ATTR_STYLE && !style_may_hide(z, iVal, iValEnd) ) bDrop = 1;
      }
      if( bDrop ){
        while( j<n && is_blank((unsigned char)z[j]) ) j++;
        out_skip(o, z, iAttr, j);
      }else if( o->bShortNames ){
        /* the short name of a kept attribute */
        out_skip(o, z, iAttr, iAttr + nName);
        o->zOut[o->nOut++] = '_';
        o->zOut[o->nOut++] = (char)('a' + iRead);
        if( o->aRun && bMarkValues && iValEnd>iVal ){
          mark_value(o, z, iVal, iValEnd, j==iValEnd+1);
        }
      }
    }else{
      /* a bogus attribute, dumped up to a blank or the end of the tag;
      ** plain (one token for the guard too) without '=', '/' or quotes
      ** and with no '=' after it */
      size_t k;
      while( j<n && !is_blank((unsigned char)z[j]) && z[j]!='>'
             && !(z[j]=='/' && j+1<n && z[j+1]=='>') ){
        if( z[j]=='=' || z[j]=='/' || z[j]=='"' || z[j]=='\'' ){
          o->bUnplain = 1;
        }
        j++;
      }
      for(k=j; k<n && is_blank((unsigned char)z[k]); k++){}
      if( k<n && z[k]=='=' ) o->bUnplain = 1;
    }
    if( ++nToken>100 ) o->bUnplain = 1;
  }
}

/* The scan of th_html_prescan() (bSlim 0) and th_html_slim() (1): the
** length of the copy, or SCAN_UNCHANGED when the page must stay as it is. */
static size_t scan(Out *pOut, const char *z, size_t n, int bSlim){
  size_t i = 0;            /* scan position */
  int bRunStart = 1;       /* z[i] starts a run of character data */
  Out o = *pOut;
  o.nOut = 0;
  o.iCopy = 0;
  o.nRun = 0;
  o.bRiskyRef = 0;
  o.bUnplain = 0;
  while( i<n ){
    const char *zLt = memchr(z+i, '<', n-i);
    size_t a = 0, b = 0, j;
    if( bSlim ) slim_text(&o, z, i, zLt ? (size_t)(zLt - z) : n, bRunStart);
    if( zLt==0 ) break;
    i = (size_t)(zLt - z);
    bRunStart = 1;
    if( i+1>=n ) break;
    if( z[i+1]=='!' ){
      if( i+3<n && z[i+2]=='-' && z[i+3]=='-' ){
        a = i + 4;
        b = comment_end(z, n, a);
        if( b<n && z[b+2]=='!' ) o.bUnplain = 1;
        i = b<n ? b + (z[b+2]=='!' ? 4 : 3) : n;
        if( !droppable(z, a, b) ) a = b = 0;
      }else if( i+9<n && same_ci(z+i+2, 7, "doctype") ){
        const char *zGt = memchr(z+i, '>', n-i);
        j = zGt ? (size_t)(zGt - z) : n;
        if( memchr(z+i, '"', j-i) || memchr(z+i, '\'', j-i) ){
          return SCAN_UNCHANGED;
        }
        i = j<n ? j + 1 : n;
      }else{
        return SCAN_UNCHANGED;
      }
    }else if( z[i+1]=='?' ){
      return SCAN_UNCHANGED;
    }else if( z[i+1]=='/' ){
      j = i + 2;
      if( j<n && is_letter((unsigned char)z[j]) ){
        const char *zGt = memchr(z+j, '>', n-j);
        if( zGt==0 || memchr(z+j, '<', (size_t)(zGt - z) - j) ){
          o.bUnplain = 1;
        }
        i = zGt ? (size_t)(zGt - z) + 1 : n;
      }else{
        i = j;
        bRunStart = 0;
      }
    }else if( is_letter((unsigned char)z[i+1]) ){
      size_t nName;
      int eRaw = 0;        /* 1 script, 2 style */
      size_t iTag = i;
      j = i + 1;
      while( j<n && is_name_char((unsigned char)z[j]) ) j++;
      nName = j - i - 1;
      if( nName>=100 ) return SCAN_UNCHANGED;
      if( j<n && z[j]!='>' && !is_blank((unsigned char)z[j])
       && !(z[j]=='/' && j+1<n && z[j+1]=='>') ){
        o.bUnplain = 1;
      }
      if( nName==6 && same_ci(z+i+1, 6, "script") ) eRaw = 1;
      if( nName==5 && same_ci(z+i+1, 5, "style") ) eRaw = 2;
      /* libxml2 drops a second <html>, <head> or <body> with its
      ** attributes: their values are not marked */
      j = slim_tag(&o, z, n, j, bSlim,
                   !(nName==4 && (same_ci(z+i+1, 4, "html")
                                  || same_ci(z+i+1, 4, "head")
                                  || same_ci(z+i+1, 4, "body"))));
      if( j==SCAN_UNCHANGED ) return SCAN_UNCHANGED;
      if( j>=n ){
        i = n;
      }else if( z[j]=='/' ){
        i = j + 2;
        if( eRaw ) o.bUnplain = 1;
      }else{
        i = j + 1;
        if( eRaw ){
          const char *zEnd = eRaw==1 ? "</script" : "</style";
          size_t m = eRaw==1 ? 8 : 7;
          a = i;
          b = find_ci(z, n, a, zEnd);
          if( b<n && (b+m>=n || is_name_char((unsigned char)z[b+m])) ){
            return SCAN_UNCHANGED;   /* "</scripts": libxml2 stays in the script */
          }
          i = b;
          if( (eRaw==1 && maybe_json(z, iTag, j)) || !droppable(z, a, b) ){
            a = b = 0;
          }
        }
      }
    }else{
      i++;
      bRunStart = 0;       /* libxml2 reads a lone '<' as text */
    }
    if( b>a ) out_skip(&o, z, a, b);
  }
  out_skip(&o, z, n, n);
  *pOut = o;
  return o.nOut;
}

size_t th_html_prescan(const char *z, size_t n, char *zOut){
  Out o;
  size_t nOut;
  memset(&o, 0, sizeof(o));
  o.zOut = zOut;
  nOut = scan(&o, z, n, 0);
  if( nOut!=SCAN_UNCHANGED ) return nOut;
  if( zOut ) memcpy(zOut, z, n);
  return n;
}

size_t th_html_slim_ex(const char *z, size_t n, char *zOut, ThHtmlSlim *pSlim){
  Out o;
  size_t nOut;
  int bMarkable = pSlim->aRun!=0 && pSlim->nRunMax>0;
  pSlim->nRun = 0;
  pSlim->bShortNames = 0;
  pSlim->bPlain = 0;
  if( n==0 || !valid_utf8_page(z, n, &bMarkable) ) return 0;
  memset(&o, 0, sizeof(o));
  o.zOut = zOut;
  if( bMarkable ){
    o.aRun = pSlim->aRun;
    o.nRunMax = pSlim->nRunMax;
  }
  o.bShortNames = pSlim->aRun!=0 && !has_short_name(z, n);
  for(;;){
    nOut = scan(&o, z, n, 1);
    if( nOut==SCAN_UNCHANGED ) return 0;
    if( o.nRun>0 && o.bRiskyRef ){
      /* a reference may spell a marker: a copy without markers */
      o.aRun = 0;
      o.nRunMax = 0;
    }else{
      break;
    }
  }
  pSlim->nRun = o.nRun;
  pSlim->bShortNames = o.bShortNames;
  pSlim->bPlain = !o.bUnplain;
  return nOut;
}

size_t th_html_slim(const char *z, size_t n, char *zOut){
  ThHtmlSlim slim;
  memset(&slim, 0, sizeof(slim));
  return th_html_slim_ex(z, n, zOut, &slim);
}
