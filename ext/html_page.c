/*
** html_page.c -- an HTML page as blocks and metadata (page.h), read with
** libxml2's HTML parser.
**
**   ThPage page;
**   th_page_from_html(&page, zHtml, nHtml);   then th_page_classify() ...
**
** From SQL this is what therapy_clean(page, 'html') and the other
** therapy_* functions read when a page is HTML (clean_sql.c).
**
** Parsing.  libxml2's HTML parser (HTML_PARSE_RECOVER | HTML_PARSE_NONET |
** HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_IGNORE_ENC), in
** SAX mode: no tree is built, which is twice as fast as building one and
** walking it, and the stack does not grow with the nesting of the page.
** The text is always read as UTF-8 (a page from SQLite is UTF-8 text; a
** <meta charset> is ignored); bytes that are not UTF-8 pass through as they
** are.  The HTML parser loads no DTD and no external entity, and does no
** network access.  Like libxml2's tree builder (without HTML_PARSE_HUGE),
** the reader stops at an element nested more than 256 deep (the text
** before that point is kept): deeper nesting would make libxml2's matching
** of end tags quadratic.  A start tag with more than 100 attributes
** has the rest blanked out before parsing, because libxml2 checks for
** duplicate attributes in quadratic time.  Any other page that is valid
** UTF-8 is parsed from a slimmer copy that reads as the same page
** (th_html_slim_ex(), html_prescan.c): without the attributes read_attrs()
** never reads, without the content of comments, scripts and styles, with
** named character references decoded, which saves libxml2 most of its
** attribute and entity work; the kept attributes have short names, and
** runs of text and attribute values are replaced by one character
** markers, which on_text() and on_start() read back from the page in the
** order libxml2 reports them.  A marker out of order (libxml2 read the
** page otherwise than the scan did) makes the page read again from the
** copy without markers.  A page over INT_MAX bytes is
** read as a text dump (th_page_from_text); the text ends at its first NUL
** byte.  libxml2 allocates with its own malloc; the parser context is freed
** before returning, on every path.
**
** Dropped with their text: script, style, noscript, template, svg, math,
** iframe, object, embed, canvas, audio, video, form controls (select,
** button, input, textarea, option) and <head> (read for metadata only);
** elements with the hidden attribute, with style="display:none" or
** "visibility:hidden", with a class such as "hidden", "sr-only" or
** "screen-reader-text" (data/html_chrome.txt), and inline elements with
** aria-hidden="true".
**
** Kept as blocks but flagged TH_IN_CHROME (the classifier drops them;
** metadata readers still see a byline or a date there): nav, aside, footer,
** menu, dialog, a <header> outside the article, a <form> that does not wrap
** the whole body, role=navigation|banner|contentinfo|complementary|search|
** dialog|alertdialog|menu|menubar|toolbar, block elements with
** aria-hidden="true", and block elements whose class or id names page
** furniture (cookie, newsletter, share, related, ad, sidebar, comments ...:
** "chrome" words of data/html_chrome.txt, matched as whole words so that
** "ad" does not match "header").
**
** Blocks.  Each p, div or section with text of its own, heading, list item
** (li, dt, dd), blockquote, pre, caption (figcaption, caption), table cell
** and address becomes a block; inline elements (a, span, em, strong, time,
** code ...) are joined into its text without adding spaces, so
** "gene<em>tic</em>" stays one word, while the white space of the source is
** kept (collapsed).  <br> is a line break inside the block ('\n', see
** th_page_add_lines); two <br> in a row end the block.  <pre> keeps its
** line breaks.  <sup>6</sup> becomes "^6" (10^6).  Entities are decoded by
** libxml2; &nbsp; becomes a space.  In a blockquote, a <cite> or <footer>
** after the quote is joined to the quote's last paragraph with a space.
** Kinds: TH_BLOCK_HEADING (level 1..6), TH_BLOCK_ITEM (level = list depth;
** a <p> inside an <li> stays an item), TH_BLOCK_CAPTION (also class
** "caption" or "credit"), TH_BLOCK_CELL (text right in a td/th), otherwise
** TH_BLOCK_PARA.  Flags: TH_IN_ARTICLE inside article, main, role=main,
** itemprop=articleBody or a class/id such as article-body, entry-content
** ("article" words; these last four also clear a TH_IN_CHROME that came
** only from a class word of an enclosing element); TH_IN_CHROME as above;
** TH_IN_FIGURE, TH_IN_BLOCKQUOTE; TH_IN_TIME when the block holds a <time>;
** TH_LINKY when more than half of its text (in bytes) is link text.
**
** Metadata (ThPageMeta, as found, white space collapsed and trimmed; the
** best source wins):
**   zTitle         the first <title>;
**   zOgTitle       og:title, else twitter:title, citation_title, dc.title;
**   zH1            the first <h1> outside the chrome, else the first <h1>;
**   zPublished     article:published_time, else JSON-LD datePublished,
**                  itemprop=datePublished, citation_publication_date,
**                  dc.date.issued, dc.date, then name=date, pubdate,
**                  sailthru.date, parsely-pub-date ...;
**   zTimeDatetime  the datetime (else the text) of the first <time> in the
**                  article outside the chrome, else of the first <time>
**                  outside the chrome;
**   zAuthor        JSON-LD author name(s), else <meta name=author>,
**                  article:author (unless a URL), citation_author (all, ", "
**                  between them), dc.creator, rel=author link text,
**                  itemprop=author, class author, class byline (outside the
**                  chrome, at most 200 bytes);
**   zSiteName      og:site_name, else application-name, JSON-LD publisher
**                  name, citation_journal_title, dc.publisher.
** JSON-LD (<script type="application/ld+json">) is read with a small scan,
** not a JSON library: the first "datePublished", "author" and "publisher"
** keys, with "@id" references resolved within the same script.
*/
#include <string.h>
#include <limits.h>
#include <libxml/HTMLparser.h>
#include "page.h"
#include "html_prescan.h"

extern const char *const th_data_html_chrome[];

#define MAX_DEPTH        256   /* elements open at once; deeper ends the page */
#define MAX_ATTRIBUTES   100   /* per start tag; the rest is blanked out */
#define MAX_AUTHOR_BYTES 200   /* a longer author element is not a name */
#define JSON_DEPTH        64   /* objects tracked for "@id" lookups */
#define JSON_ID_LOOKUPS   16   /* "name" lookups for one "@id" pass */

/* ---- elements --------------------------------------------------------- */

#define E_BLOCK    0x0000001  /* starts and ends a block */
#define E_DROP     0x0000002  /* dropped with its text */
#define E_CHROME   0x0000004  /* page furniture */
#define E_ARTICLE  0x0000008  /* <article>, <main> */
#define E_LIST     0x0000010  /* ul, ol, dl, menu, dir */
#define E_ITEM     0x0000020  /* li, dt, dd */
#define E_HEADING  0x0000040  /* h1..h6 */
#define E_CAPTION  0x0000080  /* figcaption, caption */
#define E_CELL     0x0000100  /* td, th */
#define E_PARA     0x0000200  /* p */
#define E_FIGURE   0x0000400
#define E_QUOTE    0x0000800  /* blockquote */
#define E_PRE      0x0001000  /* pre, xmp: line breaks kept */
#define E_BR       0x0002000
#define E_LINK     0x0004000  /* a */
#define E_SUP      0x0008000
#define E_TIME     0x0010000
#define E_META     0x0020000
#define E_TITLE    0x0040000
#define E_SCRIPT   0x0080000
#define E_HEAD     0x0100000
#define E_HEADER   0x0200000  /* chrome unless inside the article */
#define E_FOOTER   0x0400000  /* chrome, or the attribution of a quote */
#define E_FORM     0x0800000  /* chrome unless it wraps the whole body */
#define E_CITE     0x1000000
#define E_TABLE    0x2000000
#define E_MAIN     0x4000000  /* <main>: a strong article marker */
#define E_ROOT     0x8000000  /* html, body */

typedef struct HtmlElem {
  const char *zName;
  unsigned int eFlags;
} HtmlElem;

/* Sorted by name (binary search).  Elements not listed are inline. */
static const HtmlElem aElem[] = {
  { "a",          E_LINK },
  { "address",    E_BLOCK },
  { "applet",     E_DROP },
  { "article",    E_BLOCK|E_ARTICLE },
  { "aside",      E_BLOCK|E_CHROME },
  { "audio",      E_DROP },
  { "blockquote", E_BLOCK|E_QUOTE },
  { "body",       E_BLOCK|E_ROOT },
  { "br",         E_BR },
  { "button",     E_DROP },
  { "canvas",     E_DROP },
  { "caption",    E_BLOCK|E_CAPTION },
  { "center",     E_BLOCK },
  { "cite",       E_CITE },
  { "datalist",   E_DROP },
  { "dd",         E_BLOCK|E_ITEM },
  { "details",    E_BLOCK },
  { "dialog",     E_BLOCK|E_CHROME },
  { "dir",        E_BLOCK|E_LIST },
  { "div",        E_BLOCK },
  { "dl",         E_BLOCK|E_LIST },
  { "dt",         E_BLOCK|E_ITEM },
  { "embed",      E_DROP },
  { "fieldset",   E_BLOCK },
  { "figcaption", E_BLOCK|E_CAPTION },
  { "figure",     E_BLOCK|E_FIGURE },
  { "footer",     E_BLOCK|E_FOOTER },
  { "form",       E_BLOCK|E_FORM },
  { "frame",      E_DROP },
  { "frameset",   E_DROP },
  { "h1",         E_BLOCK|E_HEADING },
  { "h2",         E_BLOCK|E_HEADING },
  { "h3",         E_BLOCK|E_HEADING },
  { "h4",         E_BLOCK|E_HEADING },
  { "h5",         E_BLOCK|E_HEADING },
  { "h6",         E_BLOCK|E_HEADING },
  { "head",       E_HEAD },
  { "header",     E_BLOCK|E_HEADER },
  { "hgroup",     E_BLOCK },
  { "hr",         E_BLOCK },
  { "html",       E_BLOCK|E_ROOT },
  { "iframe",     E_DROP },
  { "input",      E_DROP },
  { "legend",     E_BLOCK },
  { "li",         E_BLOCK|E_ITEM },
  { "main",       E_BLOCK|E_ARTICLE|E_MAIN },
  { "math",       E_DROP },
  { "menu",       E_BLOCK|E_LIST|E_CHROME },
  { "meta",       E_META },
  { "meter",      E_DROP },
  { "nav",        E_BLOCK|E_CHROME },
  { "noembed",    E_DROP },
  { "noframes",   E_DROP },
  { "noscript",   E_DROP },
  { "object",     E_DROP },
  { "ol",         E_BLOCK|E_LIST },
  { "optgroup",   E_DROP },
  { "option",     E_DROP },
  { "p",          E_BLOCK|E_PARA },
  { "pre",        E_BLOCK|E_PRE },
  { "progress",   E_DROP },
  { "script",     E_SCRIPT },
  { "section",    E_BLOCK },
  { "select",     E_DROP },
  { "style",      E_DROP },
  { "summary",    E_BLOCK },
  { "sup",        E_SUP },
  { "svg",        E_DROP },
  { "table",      E_BLOCK|E_TABLE },
  { "tbody",      E_BLOCK },
  { "td",         E_BLOCK|E_CELL },
  { "template",   E_DROP },
  { "textarea",   E_DROP },
  { "tfoot",      E_BLOCK },
  { "th",         E_BLOCK|E_CELL },
  { "thead",      E_BLOCK },
  { "time",       E_TIME },
  { "title",      E_TITLE },
  { "tr",         E_BLOCK },
  { "ul",         E_BLOCK|E_LIST },
  { "video",      E_DROP },
  { "xmp",        E_BLOCK|E_PRE },
};

/* The element's entry, or NULL (binary search; most steps are decided by
** the first letter without calling strcmp). */
static const HtmlElem *elem_lookup(const char *zName){
  int lo = 0, hi = (int)(sizeof(aElem)/sizeof(aElem[0])) - 1;
  while( lo<=hi ){
    int mid = (lo + hi)/2;
    const unsigned char *a = (const unsigned char*)zName;
    const unsigned char *b = (const unsigned char*)aElem[mid].zName;
    int c;
    while( *a && *a==*b ){ a++; b++; }    /* names are short: no strcmp */
    c = (int)*a - (int)*b;
    if( c==0 ) return &aElem[mid];
    if( c<0 ) hi = mid - 1; else lo = mid + 1;
  }
  return 0;
}

/* role values that mark page furniture */
static const char *const azChromeRole[] = {
  "navigation", "banner", "contentinfo", "complementary", "search",
  "dialog", "alertdialog", "menu", "menubar", "toolbar",
};

/* ---- metadata sources --------------------------------------------------- */

enum { META_TITLE = 0, META_OGTITLE, META_H1, META_PUBLISHED, META_TIME,
       META_AUTHOR, META_SITE, N_META };

#define HOW_FIRST   0    /* the first value of the best source wins */
#define HOW_APPEND  1    /* values of one source are joined with ", " */
#define HOW_NOT_URL 2    /* skipped when it is a URL */

/* Ranks: lower wins.  Ranks of JSON-LD and of elements are in the code:
** published 2 (JSON-LD), 3 (itemprop); author 1 (JSON-LD), 7 (rel=author),
** 8 (itemprop), 9 (class author), 10 (class byline); site 3 (JSON-LD). */
typedef struct MetaKey {
  const char *zKey;       /* <meta> property, name or itemprop, lower case */
  unsigned char eField;
  unsigned char rank;
  unsigned char how;
} MetaKey;

static const MetaKey aMetaKey[] = {
  { "og:title",                  META_OGTITLE,   1, HOW_FIRST },
  { "twitter:title",             META_OGTITLE,   2, HOW_FIRST },
  { "citation_title",            META_OGTITLE,   3, HOW_FIRST },
  { "dc.title",                  META_OGTITLE,   4, HOW_FIRST },
  { "article:published_time",    META_PUBLISHED, 1, HOW_FIRST },
  { "og:article:published_time", META_PUBLISHED, 1, HOW_FIRST },
  { "article:published",         META_PUBLISHED, 1, HOW_FIRST },
  { "datepublished",             META_PUBLISHED, 3, HOW_FIRST },
  { "citation_publication_date", META_PUBLISHED, 4, HOW_FIRST },
  { "citation_date",             META_PUBLISHED, 4, HOW_FIRST },
  { "dc.date.issued",            META_PUBLISHED, 4, HOW_FIRST },
  { "dcterms.issued",            META_PUBLISHED, 4, HOW_FIRST },
  { "dc.date",                   META_PUBLISHED, 5, HOW_FIRST },
  { "dcterms.date",              META_PUBLISHED, 5, HOW_FIRST },
  { "dcterms.created",           META_PUBLISHED, 5, HOW_FIRST },
  { "date",                      META_PUBLISHED, 6, HOW_FIRST },
  { "pubdate",                   META_PUBLISHED, 6, HOW_FIRST },
  { "publishdate",               META_PUBLISHED, 6, HOW_FIRST },
  { "publish-date",              META_PUBLISHED, 6, HOW_FIRST },
  { "publish_date",              META_PUBLISHED, 6, HOW_FIRST },
  { "sailthru.date",             META_PUBLISHED, 6, HOW_FIRST },
  { "parsely-pub-date",          META_PUBLISHED, 6, HOW_FIRST },
  { "author",                    META_AUTHOR,    2, HOW_FIRST },
  { "article:author",            META_AUTHOR,    3, HOW_NOT_URL },
  { "citation_author",           META_AUTHOR,    4, HOW_APPEND },
  { "dc.creator",                META_AUTHOR,    5, HOW_APPEND },
  { "parsely-author",            META_AUTHOR,    6, HOW_FIRST },
  { "sailthru.author",           META_AUTHOR,    6, HOW_FIRST },
  { "og:site_name",              META_SITE,      1, HOW_FIRST },
  { "application-name",          META_SITE,      2, HOW_FIRST },
  { "citation_journal_title",    META_SITE,      4, HOW_FIRST },
  { "dc.publisher",              META_SITE,      5, HOW_FIRST },
};

/* ---- the reader's state ------------------------------------------------ */

enum { MODE_BODY = 0, MODE_DROP, MODE_HEAD, MODE_TITLE, MODE_JSON };

/* Class words (data/html_chrome.txt) by category. */
#define CLS_CHROME   0x01
#define CLS_ARTICLE  0x02
#define CLS_CAPTION  0x04
#define CLS_HIDDEN   0x08
#define CLS_AUTHOR   0x10
#define CLS_BYLINE   0x20
#define CLS_WHOLE    (CLS_HIDDEN|CLS_AUTHOR|CLS_BYLINE)  /* whole token */
#define CLASS_BUCKETS 128

typedef struct ClassWord {
  const char *z;          /* the word, lower case, '-' between parts */
  int n;
  int next;               /* next word in the same bucket, or -1 */
  unsigned char cls;      /* CLS_* */
} ClassWord;

/* One open element. */
typedef struct Frame {
  unsigned int eFlags;    /* E_* of the element */
  unsigned int flags;     /* TH_IN_* hints of text read here */
  unsigned char mode;     /* MODE_* */
  unsigned char kind;     /* TH_BLOCK_* of a block started here */
  unsigned char level;    /* its heading level or list depth */
  unsigned char listDepth;
  unsigned char bWordChrome;  /* TH_IN_CHROME came from class words only */
  unsigned char bLink;    /* inside <a> */
  unsigned char bAttrib;  /* the attribution of a blockquote */
  unsigned char bPre;     /* inside <pre> */
  unsigned char bBlock;   /* this element starts and ends a block */
  unsigned char eCapture; /* META_* its text is offered to, or N_META */
  unsigned char capRank;
  size_t capStart;        /* acc.n when the capture started */
  int capBlock;           /* p->nBlock when the capture started */
} Frame;

typedef struct HtmlReader {
  ThPage *p;
  htmlParserCtxtPtr ctxt;
  int rc;                 /* SQLITE_OK or SQLITE_NOMEM */
  Frame *aFrame;          /* open elements; aFrame[0] is the document */
  int nFrame, nFrameAlloc;
  int nIgnored;           /* elements started after the reading stopped */
  int bDepthStop;         /* stopped at MAX_DEPTH */
  /* text runs the parsed copy holds as markers (th_html_slim_runs) */
  const char *zRunSrc;    /* the page they are taken from */
  const ThHtmlRun *aRun;
  size_t nRun, iRun;      /* markers, and the next one expected */
  int bRunLost;           /* a marker came out of order: read again */
  int bShortAttrs;        /* the copy's attribute names are one letter */
  ThBuf attr;             /* attribute values read back from the page */
  /* the block being read */
  ThBuf acc;              /* its text as read ('\n' only for <br> and in
                          ** <pre>; th_page_add_lines collapses the rest) */
  int accKind, accLevel;
  unsigned int accFlags;
  size_t nChar, nLinkChar;  /* bytes of text, and those inside links */
  int bEnded;             /* ended inside a blockquote: may be continued
                          ** by the attribution */
  int bTimePending;       /* a <time> started before the block's text */
  int bSupPending;        /* a <sup> started: '^' before its text */
  /* metadata */
  unsigned char aRank[N_META];
  ThBuf title;
  int bTitleDone;
  ThBuf json;
  ThBuf tmp;
  /* class words */
  ClassWord *aWord;
  int aFirst[CLASS_BUCKETS];  /* first word per bucket of its first two
                              ** letters (class_bucket) */
} HtmlReader;

static int is_space(unsigned char c){
  return c==' ' || c=='\t' || c=='\n' || c=='\r' || c=='\f' || c=='\v';
}
static unsigned char to_lower(unsigned char c){
  return (c>='A' && c<='Z') ? (unsigned char)(c + 32) : c;
}

/* Case-insensitive equality of z[0..n) with the lower-case zLower. */
static int equal_ci(const char *z, size_t n, const char *zLower){
  size_t i;
  for(i=0; i<n; i++){
    if( zLower[i]==0 || to_lower((unsigned char)z[i])!=(unsigned char)zLower[i] ){
      return 0;
    }
  }
  return zLower[n]==0;
}

/* Whether the NUL-terminated, white-space separated list zList holds
** zLower (ASCII case ignored). */
static int has_token(const char *zList, const char *zLower){
  size_t i = 0;
  if( zList==0 ) return 0;
  while( zList[i] ){
    size_t j;
    while( zList[i] && is_space((unsigned char)zList[i]) ) i++;
    j = i;
    while( zList[j] && !is_space((unsigned char)zList[j]) ) j++;
    if( j>i && equal_ci(zList+i, j-i, zLower) ) return 1;
    i = j;
  }
  return 0;
}

/* Whether z holds zLower anywhere, ASCII case ignored. */
static int contains_ci(const char *z, const char *zLower){
  size_t i, m = strlen(zLower);
  if( z==0 ) return 0;
  for(i=0; z[i]; i++){
    size_t j;
    for(j=0; j<m && to_lower((unsigned char)z[i+j])==(unsigned char)zLower[j]; j++){}
    if( j==m ) return 1;
  }
  return 0;
}

static void reader_fail(HtmlReader *r, int rc){
  if( r->rc==SQLITE_OK ) r->rc = rc;
  if( r->ctxt ) xmlStopParser(r->ctxt);
}

/* ---- class words -------------------------------------------------------- */

static int is_word_sep(char c){ return c=='-' || c=='_'; }

/* The bucket of a word by its first two bytes (the second is 0 when the
** word has one letter). */
static int class_bucket(const char *z, size_t n){
  unsigned int c0 = to_lower((unsigned char)z[0]);
  unsigned int c1 = (n>1 && !is_word_sep(z[1])) ? to_lower((unsigned char)z[1]) : 0;
  return (int)((c0*31 + c1) % CLASS_BUCKETS);
}

/* Reads data/html_chrome.txt into r->aWord, indexed by initial. */
static int class_words_init(HtmlReader *r){
  int n = 0, i, k;
  for(i=0; i<CLASS_BUCKETS; i++) r->aFirst[i] = -1;
  while( th_data_html_chrome[n] ) n++;
  r->aWord = sqlite3_malloc64(sizeof(ClassWord)*(size_t)(n ? n : 1));
  if( r->aWord==0 ) return SQLITE_NOMEM;
  for(i=n-1, k=0; i>=0; i--){
    static const struct { const char *z; unsigned char n, cls; } aCat[] = {
      { "chrome ", 7, CLS_CHROME }, { "article ", 8, CLS_ARTICLE },
      { "caption ", 8, CLS_CAPTION }, { "hidden ", 7, CLS_HIDDEN },
      { "author ", 7, CLS_AUTHOR }, { "byline ", 7, CLS_BYLINE },
    };
    const char *zLine = th_data_html_chrome[i];
    size_t j;
    for(j=0; j<sizeof(aCat)/sizeof(aCat[0]); j++){
      /* "CATEGORY WORD": the category with its space, then the word */
      if( aCat[j].z[0]==zLine[0] && aCat[j].z[1]==zLine[1]
       && memcmp(zLine, aCat[j].z, aCat[j].n)==0 && zLine[aCat[j].n] ){
        ClassWord *w = &r->aWord[k];
        int b;
        w->z = zLine + aCat[j].n;
        w->n = (int)strlen(w->z);
        b = class_bucket(w->z, (size_t)w->n);
        w->cls = aCat[j].cls;
        w->next = r->aFirst[b];
        r->aFirst[b] = k++;
        break;
      }
    }
  }
  return SQLITE_OK;
}

/* Whether the class word w matches the token z[0..n) from its start:
** returns the bytes matched (ending at a word boundary) or 0. */
static size_t word_match(const char *z, size_t n, const ClassWord *w){
  size_t i = 0;
  int j = 0;
  while( j<w->n ){
    if( w->z[j]=='-' ){
      if( i>=n || !is_word_sep(z[i]) ) return 0;
      while( i<n && is_word_sep(z[i]) ) i++;
      j++;
      continue;
    }
    if( i>=n || to_lower((unsigned char)z[i])!=(unsigned char)w->z[j] ) return 0;
    i++;
    j++;
  }
  if( i<n && !is_word_sep(z[i]) ) return 0;
  return i;
}

/* Words after which a class word describes a layout, not a container
** ("has-sidebar", "no-comments"). */
static int is_layout_prefix(const char *z, size_t n){
  return equal_ci(z, n, "has") || equal_ci(z, n, "with")
      || equal_ci(z, n, "no") || equal_ci(z, n, "without");
}

/* CLS_* bits of one token. */
static unsigned int token_class(const HtmlReader *r, const char *z, size_t n){
  unsigned int cls = 0;
  size_t i = 0, iPrev = 0, nPrev = 0;
  while( i<n ){
    size_t e;
    int k;
    while( i<n && is_word_sep(z[i]) ) i++;
    if( i>=n ) break;
    e = i;
    while( e<n && !is_word_sep(z[e]) ) e++;
    for(k=r->aFirst[class_bucket(z+i, n-i)]; k>=0; k=r->aWord[k].next){
      const ClassWord *w = &r->aWord[k];
      size_t m;
      if( cls & w->cls ) continue;
      m = word_match(z+i, n-i, w);
      if( m==0 ) continue;
      if( w->cls & CLS_WHOLE ){
        if( i==0 && m==n ) cls |= w->cls;
      }else if( nPrev==0 || !is_layout_prefix(z+iPrev, nPrev) ){
        cls |= w->cls;
      }
    }
    iPrev = i;
    nPrev = e - i;
    i = e;
  }
  return cls;
}

/* CLS_* bits of a class or id attribute value. */
static unsigned int class_bits(const HtmlReader *r, const char *z){
  unsigned int cls = 0;
  size_t i = 0;
  if( z==0 ) return 0;
  while( z[i] ){
    size_t j;
    while( z[i] && is_space((unsigned char)z[i]) ) i++;
    j = i;
    while( z[j] && !is_space((unsigned char)z[j]) ) j++;
    if( j>i ) cls |= token_class(r, z+i, j-i);
    i = j;
  }
  return cls;
}

/* ---- metadata ---------------------------------------------------------- */

static char **meta_slot(ThPageMeta *m, int eField){
  switch( eField ){
    case META_TITLE:     return &m->zTitle;
    case META_OGTITLE:   return &m->zOgTitle;
    case META_H1:        return &m->zH1;
    case META_PUBLISHED: return &m->zPublished;
    case META_TIME:      return &m->zTimeDatetime;
    case META_AUTHOR:    return &m->zAuthor;
    default:             return &m->zSiteName;
  }
}

/* Copies z[0..n) to zOut with white space (and U+00A0) collapsed to single
** spaces and trimmed; returns the length written (zOut has n+1 bytes). */
static size_t collapse_space(const char *z, size_t n, char *zOut){
  size_t i, k = 0;
  int bSpace = 0;
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( is_space(c) ){ bSpace = 1; continue; }
    if( c==0xc2 && i+1<n && (unsigned char)z[i+1]==0xa0 ){
      bSpace = 1;
      i++;
      continue;
    }
    if( bSpace && k>0 ) zOut[k++] = ' ';
    bSpace = 0;
    zOut[k++] = (char)c;
  }
  zOut[k] = 0;
  return k;
}

/* Whether the ", "-joined list zList already holds z[0..n) (z itself
** may hold ", "). */
static int list_has(const char *zList, const char *z, size_t n){
  const char *s = zList;
  while( (s = strstr(s, z))!=0 ){
    if( (s==zList || (s-zList>=2 && s[-2]==',' && s[-1]==' '))
     && (s[n]==0 || (s[n]==',' && s[n+1]==' ')) ){
      return 1;
    }
    s++;
  }
  return 0;
}

/* Offers z[0..n) as the value of eField from a source of the given rank:
** it replaces a value of a worse rank, is joined to one of the same rank
** with HOW_APPEND, and is ignored otherwise.  nMax limits its length
** (0: no limit). */
static void meta_offer(HtmlReader *r, int eField, int rank, const char *z,
                       size_t n, int how, size_t nMax){
  char **pz = meta_slot(&r->p->meta, eField);
  char *zNew;
  size_t k;
  if( r->rc || z==0 ) return;
  if( *pz && rank>r->aRank[eField] ) return;
  if( *pz && rank==r->aRank[eField] && how!=HOW_APPEND ) return;
  zNew = sqlite3_malloc64(n + 1);
  if( zNew==0 ){ reader_fail(r, SQLITE_NOMEM); return; }
  k = collapse_space(z, n, zNew);
  if( k==0 || (nMax && k>nMax)
   || (how==HOW_NOT_URL && (strncmp(zNew, "http://", 7)==0
                            || strncmp(zNew, "https://", 8)==0)) ){
    sqlite3_free(zNew);
    return;
  }
  if( *pz && rank==r->aRank[eField] ){
    /* HOW_APPEND: a further value of the same source */
    char *zJoin;
    size_t nOld = strlen(*pz);
    if( list_has(*pz, zNew, k) ){ sqlite3_free(zNew); return; }
    zJoin = sqlite3_malloc64(nOld + 2 + k + 1);
    if( zJoin==0 ){ sqlite3_free(zNew); reader_fail(r, SQLITE_NOMEM); return; }
    memcpy(zJoin, *pz, nOld);
    memcpy(zJoin + nOld, ", ", 2);
    memcpy(zJoin + nOld + 2, zNew, k + 1);
    sqlite3_free(zNew);
    zNew = zJoin;
  }
  sqlite3_free(*pz);
  *pz = zNew;
  r->aRank[eField] = (unsigned char)rank;
}

static void meta_offer_str(HtmlReader *r, int eField, int rank,
                           const char *z, int how){
  if( z ) meta_offer(r, eField, rank, z, strlen(z), how, 0);
}

/* Whether a source of this rank could still set eField. */
static int meta_wanted(const HtmlReader *r, int eField, int rank){
  return *meta_slot(&r->p->meta, eField)==0 || rank<r->aRank[eField];
}

/* ---- JSON-LD ----------------------------------------------------------- */

static size_t json_ws(const char *z, size_t n, size_t i){
  while( i<n && (z[i]==' ' || z[i]=='\t' || z[i]=='\n' || z[i]=='\r') ) i++;
  return i;
}

/* The index after the string whose quote is at z[i] (n if unterminated). */
static size_t json_string_end(const char *z, size_t n, size_t i){
  for(i++; i<n; i++){
    if( z[i]=='\\' ){ i++; continue; }
    if( z[i]=='"' ) return i + 1;
  }
  return n;
}

/* The index after the value that starts at z[i]. */
static size_t json_value_end(const char *z, size_t n, size_t i){
  int depth = 0;
  while( i<n ){
    char c = z[i];
    if( c=='"' ){
      i = json_string_end(z, n, i);
      if( depth==0 ) return i;
    }else if( c=='{' || c=='[' ){
      depth++;
      i++;
    }else if( c=='}' || c==']' ){
      if( depth==0 ) return i;
      i++;
      if( --depth==0 ) return i;
    }else if( depth==0 && (c==',' || c==' ' || c=='\t' || c=='\n' || c=='\r') ){
      return i;
    }else{
      i++;
    }
  }
  return n;
}

static int hex_value(char c){
  if( c>='0' && c<='9' ) return c - '0';
  if( c>='a' && c<='f' ) return c - 'a' + 10;
  if( c>='A' && c<='F' ) return c - 'A' + 10;
  return -1;
}

/* The code point of \uXXXX at z[i] (i at the backslash), or -1. */
static long json_hex4(const char *z, size_t n, size_t i){
  long v = 0;
  int k;
  if( i+6>n || z[i]!='\\' || z[i+1]!='u' ) return -1;
  for(k=2; k<6; k++){
    int h = hex_value(z[i+k]);
    if( h<0 ) return -1;
    v = v*16 + h;
  }
  return v;
}

static void put_utf8(ThBuf *b, long c){
  char a[4];
  size_t n;
  if( c<0x80 ){ a[0] = (char)c; n = 1; }
  else if( c<0x800 ){
    a[0] = (char)(0xc0 | (c>>6)); a[1] = (char)(0x80 | (c & 0x3f)); n = 2;
  }else if( c<0x10000 ){
    a[0] = (char)(0xe0 | (c>>12)); a[1] = (char)(0x80 | ((c>>6) & 0x3f));
    a[2] = (char)(0x80 | (c & 0x3f)); n = 3;
  }else{
    a[0] = (char)(0xf0 | (c>>18)); a[1] = (char)(0x80 | ((c>>12) & 0x3f));
    a[2] = (char)(0x80 | ((c>>6) & 0x3f)); a[3] = (char)(0x80 | (c & 0x3f));
    n = 4;
  }
  th_buf_append(b, a, n);
}

/* Appends the decoded string whose quote is at z[i] to b. */
static void json_decode(const char *z, size_t n, size_t i, ThBuf *b){
  size_t e = json_string_end(z, n, i);
  size_t end = (e>i+1 && e<=n && z[e-1]=='"') ? e - 1 : e;
  for(i++; i<end; i++){
    char c = z[i];
    if( c!='\\' ){ th_buf_putc(b, c); continue; }
    if( i+1>=end ) break;
    c = z[++i];
    switch( c ){
      case 'u': {
        long v = json_hex4(z, end, i-1);
        if( v<0 ) break;
        i += 4;
        if( v>=0xd800 && v<0xdc00 ){
          long lo = json_hex4(z, end, i+1);
          if( lo>=0xdc00 && lo<0xe000 ){
            v = 0x10000 + ((v - 0xd800)<<10) + (lo - 0xdc00);
            i += 6;
          }else{
            v = 0xfffd;
          }
        }else if( v>=0xdc00 && v<0xe000 ){
          v = 0xfffd;
        }
        if( v==0 ) v = ' ';
        put_utf8(b, v);
        break;
      }
      case 'n': case 'r': case 't': case 'b': case 'f':
        th_buf_putc(b, ' ');
        break;
      default:
        th_buf_putc(b, c);    /* \" \\ \/ and anything else */
        break;
    }
  }
}

/* The index of the value of the direct member zKey of the object whose
** '{' is at z[iObj], or n. */
static size_t json_member(const char *z, size_t n, size_t iObj,
                          const char *zKey){
  size_t m = strlen(zKey);
  size_t i = json_ws(z, n, iObj + 1);
  while( i<n && z[i]=='"' ){
    size_t e = json_string_end(z, n, i), j, v;
    int bMatch = e==i+m+2 && memcmp(z+i+1, zKey, m)==0;
    j = json_ws(z, n, e);
    if( j>=n || z[j]!=':' ) return n;
    v = json_ws(z, n, j + 1);
    if( bMatch ) return v;
    i = json_ws(z, n, json_value_end(z, n, v));
    if( i>=n || z[i]!=',' ) break;
    i = json_ws(z, n, i + 1);
  }
  return n;
}

/* A person or organisation value: a string, an object with "name" (or
** only "@id", kept in pId), or (bList) an array of these.  Names are
** appended to pNames, ", " between them. */
static void json_agent(const char *z, size_t n, size_t v, int bList,
                       ThBuf *pNames, ThBuf *pId){
  if( v>=n ) return;
  if( z[v]=='"' ){
    if( pNames->n ) th_buf_append(pNames, ", ", 2);
    json_decode(z, n, v, pNames);
  }else if( z[v]=='{' ){
    size_t m = json_member(z, n, v, "name");
    if( m<n && z[m]=='"' ){
      if( pNames->n ) th_buf_append(pNames, ", ", 2);
      json_decode(z, n, m, pNames);
    }else if( pId->n==0 ){
      m = json_member(z, n, v, "@id");
      if( m<n && z[m]=='"' ) json_decode(z, n, m, pId);
    }
  }else if( z[v]=='[' && bList ){
    size_t i = json_ws(z, n, v + 1);
    while( i<n && z[i]!=']' ){
      json_agent(z, n, i, 0, pNames, pId);
      i = json_ws(z, n, json_value_end(z, n, i));
      if( i>=n || z[i]!=',' ) break;
      i = json_ws(z, n, i + 1);
    }
  }
}

/* Calls xKey for every "key": of the JSON text with the index of its value
** and of the '{' of the object that holds it (n when nested too deep). */
typedef struct JsonScan {
  HtmlReader *r;
  int bAuthor, bPublisher;
  ThBuf author, authorId, site, siteId, tmp;
  int nIdLookup;
} JsonScan;

static void json_key_pass1(JsonScan *s, const char *z, size_t n,
                           const char *zKey, size_t nKey, size_t v){
  if( nKey==13 && memcmp(zKey, "datePublished", 13)==0 ){
    if( v<n && z[v]=='"' && meta_wanted(s->r, META_PUBLISHED, 2) ){
      s->tmp.n = 0;
      json_decode(z, n, v, &s->tmp);
      if( s->tmp.oom ) return;
      meta_offer(s->r, META_PUBLISHED, 2, s->tmp.z, s->tmp.n, HOW_FIRST, 0);
    }
  }else if( nKey==6 && memcmp(zKey, "author", 6)==0 && !s->bAuthor ){
    s->bAuthor = 1;
    json_agent(z, n, v, 1, &s->author, &s->authorId);
  }else if( nKey==9 && memcmp(zKey, "publisher", 9)==0 && !s->bPublisher ){
    s->bPublisher = 1;
    json_agent(z, n, v, 0, &s->site, &s->siteId);
  }
}

/* "@id": value v in the object at iObj: the name of a referenced node. */
static void json_key_pass2(JsonScan *s, const char *z, size_t n,
                           size_t v, size_t iObj){
  int bAuthor, bSite;
  size_t m;
  if( v>=n || z[v]!='"' || iObj>=n || s->nIdLookup>=JSON_ID_LOOKUPS ) return;
  s->tmp.n = 0;
  json_decode(z, n, v, &s->tmp);
  if( s->tmp.oom ) return;
  bAuthor = s->author.n==0 && s->authorId.n==s->tmp.n
         && memcmp(s->authorId.z, s->tmp.z, s->tmp.n)==0;
  bSite = s->site.n==0 && s->siteId.n==s->tmp.n
         && memcmp(s->siteId.z, s->tmp.z, s->tmp.n)==0;
  if( !bAuthor && !bSite ) return;
  s->nIdLookup++;
  m = json_member(z, n, iObj, "name");
  if( m>=n || z[m]!='"' ) return;
  if( bAuthor ) json_decode(z, n, m, &s->author);
  if( bSite ) json_decode(z, n, m, &s->site);
}

static void json_walk(JsonScan *s, const char *z, size_t n, int iPass){
  size_t aObj[JSON_DEPTH];
  int depth = 0;
  size_t i = 0;
  while( i<n ){
    char c = z[i];
    if( c=='"' ){
      size_t e = json_string_end(z, n, i);
      size_t j = json_ws(z, n, e);
      if( j<n && z[j]==':' && e>=i+2 ){
        size_t v = json_ws(z, n, j + 1);
        if( iPass==1 ){
          json_key_pass1(s, z, n, z+i+1, e-i-2, v);
        }else if( e-i-2==3 && memcmp(z+i+1, "@id", 3)==0 ){
          json_key_pass2(s, z, n, v,
                         depth>0 && depth<=JSON_DEPTH ? aObj[depth-1] : n);
        }
        i = v;
      }else{
        i = e;
      }
    }else if( c=='{' ){
      if( depth<JSON_DEPTH ) aObj[depth] = i;
      depth++;
      i++;
    }else if( c=='}' ){
      if( depth>0 ) depth--;
      i++;
    }else{
      i++;
    }
  }
}

/* Reads the JSON-LD script collected in r->json. */
static void json_ld_read(HtmlReader *r){
  JsonScan s;
  const char *z = r->json.z;
  size_t n = r->json.n;
  if( n==0 ) return;
  memset(&s, 0, sizeof(s));
  s.r = r;
  json_walk(&s, z, n, 1);
  if( (s.author.n==0 && s.authorId.n>0) || (s.site.n==0 && s.siteId.n>0) ){
    json_walk(&s, z, n, 2);
  }
  if( s.author.oom || s.authorId.oom || s.site.oom || s.siteId.oom
   || s.tmp.oom ){
    reader_fail(r, SQLITE_NOMEM);
  }else{
    if( s.author.n ){
      meta_offer(r, META_AUTHOR, 1, s.author.z, s.author.n, HOW_FIRST, 0);
    }
    if( s.site.n ){
      meta_offer(r, META_SITE, 3, s.site.z, s.site.n, HOW_FIRST, 0);
    }
  }
  th_buf_free(&s.author);
  th_buf_free(&s.authorId);
  th_buf_free(&s.site);
  th_buf_free(&s.siteId);
  th_buf_free(&s.tmp);
}

/* ---- blocks ------------------------------------------------------------ */

/* Emits the block being read, if any. */
static void acc_flush(HtmlReader *r){
  if( r->acc.n>0 && r->rc==SQLITE_OK ){
    unsigned int flags = r->accFlags;
    int rc;
    if( r->nLinkChar*2 > r->nChar ) flags |= TH_LINKY;
    rc = th_page_add_lines(r->p, r->acc.z, r->acc.n, r->accKind,
                           r->accLevel, flags);
    if( rc ) reader_fail(r, rc);
  }
  r->acc.n = 0;
  r->bEnded = 0;
}

/* Text arrives in frame f: a new block starts here when none is open. */
static void acc_open(HtmlReader *r, const Frame *f){
  r->accKind = f->kind;
  r->accLevel = f->level;
  r->accFlags = f->flags | (r->bTimePending ? TH_IN_TIME : 0);
  r->nChar = r->nLinkChar = 0;
}

static int is_blank(unsigned char c){
  return c==' ' || c=='\t' || c=='\r' || c=='\f' || c=='\v';
}

/* Appends body text to the block being read.  The text is copied as it is
** (th_page_add_lines collapses the white space), except that outside <pre>
** a line feed becomes a space, since '\n' in the block marks a <br>. */
static void body_text(HtmlReader *r, const Frame *f, const char *z,
                      size_t n){
  ThBuf *b = &r->acc;
  size_t i = 0, k;
  if( b->n==0 || r->bEnded ){
    while( i<n && is_space((unsigned char)z[i]) ) i++;
    if( i==n ) return;
    if( r->bEnded ){
      if( f->bAttrib || (f->eFlags & E_QUOTE) ){
        r->bEnded = 0;
        if( th_buf_putc(b, ' ') ){ reader_fail(r, SQLITE_NOMEM); return; }
      }else{
        acc_flush(r);
      }
    }
    if( b->n==0 ) acc_open(r, f);
  }
  if( th_buf_reserve(b, n - i + 2) ){ reader_fail(r, SQLITE_NOMEM); return; }
  k = b->n;
  if( r->bSupPending ){
    /* '^' goes before the first character of the <sup> text */
    size_t i0 = i;
    while( i<n && is_space((unsigned char)z[i]) ) i++;
    if( i>i0 ) b->z[k++] = ' ';
    if( i<n ){
      b->z[k++] = '^';
      r->bSupPending = 0;
    }
  }
  if( i<n ){
    char *zStart = b->z + k, *zEnd = zStart + (n - i), *zNl;
    memcpy(zStart, z + i, n - i);
    if( !f->bPre ){
      for(zNl=memchr(zStart, '\n', n-i); zNl; zNl=memchr(zNl, '\n', (size_t)(zEnd-zNl))){
        *zNl++ = ' ';
      }
    }
    k += n - i;
    r->nChar += n - i;
    if( f->bLink ) r->nLinkChar += n - i;
  }
  b->n = k;
  b->z[k] = 0;
}

/* <br>: a line break in the block; a second one in a row ends it. */
static void line_break(HtmlReader *r){
  ThBuf *b = &r->acc;
  size_t k = b->n;
  if( k==0 || r->bEnded ) return;
  while( k>0 && is_blank((unsigned char)b->z[k-1]) ) k--;
  b->n = k;
  if( k>0 && b->z[k-1]=='\n' ){
    b->n = k - 1;
    acc_flush(r);
  }else if( th_buf_putc(b, '\n') ){
    reader_fail(r, SQLITE_NOMEM);
  }
}

/* ---- SAX callbacks ------------------------------------------------------ */

typedef struct Attrs {
  const char *zClass, *zId, *zRole, *zStyle, *zItemprop, *zRel, *zType;
  const char *zName, *zProperty, *zContent, *zDatetime;
  int bHidden, bAriaHidden;
} Attrs;


/* The attributes of a start tag; with bShort the copy from
** th_html_slim_ex() has short names ("_a" ...) for those it kept, and
** the names as written where it left the page as it is. */
static void read_attrs(const xmlChar **azAttr, int bShort, Attrs *a){
  int i;
  memset(a, 0, sizeof(*a));
  if( azAttr==0 ) return;
  for(i=0; azAttr[i]; i+=2){
    const char *zName = (const char*)azAttr[i];
    const char *zVal = (const char*)azAttr[i+1];
    int k = bShort && zName[0]=='_' ? (zName[1]>='a' && zName[1]<'a'+TH_N_ATTR
                                        && zName[2]==0 ? zName[1] - 'a' : -1)
          : th_html_attr_index(zName, strlen(zName));
    switch( k ){
      case TH_ATTR_ARIA_HIDDEN:
        a->bAriaHidden = zVal && equal_ci(zVal, strlen(zVal), "true");
        break;
      case TH_ATTR_CLASS:     a->zClass = zVal;     break;
      case TH_ATTR_CONTENT:   a->zContent = zVal;   break;
      case TH_ATTR_DATETIME:  a->zDatetime = zVal;  break;
      case TH_ATTR_HIDDEN:    a->bHidden = 1;       break;
      case TH_ATTR_ID:        a->zId = zVal;        break;
      case TH_ATTR_ITEMPROP:  a->zItemprop = zVal;  break;
      case TH_ATTR_NAME:      a->zName = zVal;      break;
      case TH_ATTR_PROPERTY:  a->zProperty = zVal;  break;
      case TH_ATTR_REL:       a->zRel = zVal;       break;
      case TH_ATTR_ROLE:      a->zRole = zVal;      break;
      case TH_ATTR_STYLE:     a->zStyle = zVal;     break;
      case TH_ATTR_TYPE:      a->zType = zVal;      break;
    }
  }
}

/* Whether a style attribute hides the element. */
static int style_hidden(const char *z){
  static const char *const az[][2] = {
    { "display", "none" }, { "visibility", "hidden" },
  };
  size_t i, k;
  if( z==0 ) return 0;
  for(i=0; z[i]; i++){
    for(k=0; k<2; k++){
      size_t m = strlen(az[k][0]), j = i, v = strlen(az[k][1]);
      size_t t;
      for(t=0; t<m && z[j+t] && to_lower((unsigned char)z[j+t])==(unsigned char)az[k][0][t]; t++){}
      if( t<m ) continue;
      j += m;
      while( z[j] && is_space((unsigned char)z[j]) ) j++;
      if( z[j]!=':' ) continue;
      j++;
      while( z[j] && is_space((unsigned char)z[j]) ) j++;
      for(t=0; t<v && z[j+t] && to_lower((unsigned char)z[j+t])==(unsigned char)az[k][1][t]; t++){}
      if( t==v ) return 1;
    }
  }
  return 0;
}

/* A <meta> element. */
static void read_meta(HtmlReader *r, const Attrs *a){
  const char *azKey[3];
  int i;
  size_t k;
  if( a->zContent==0 ) return;
  azKey[0] = a->zProperty;
  azKey[1] = a->zName;
  azKey[2] = a->zItemprop;
  for(i=0; i<3; i++){
    if( azKey[i]==0 ) continue;
    for(k=0; k<sizeof(aMetaKey)/sizeof(aMetaKey[0]); k++){
      const MetaKey *m = &aMetaKey[k];
      if( equal_ci(azKey[i], strlen(azKey[i]), m->zKey) ){
        meta_offer_str(r, m->eField, m->rank, a->zContent, m->how);
        break;
      }
    }
  }
}

/* Pushes a copy of the top frame. */
static Frame *push_frame(HtmlReader *r){
  Frame *f;
  if( r->nFrame>=r->nFrameAlloc ){
    int nNew = r->nFrameAlloc*2;
    Frame *aNew = sqlite3_realloc64(r->aFrame, sizeof(Frame)*(size_t)nNew);
    if( aNew==0 ){ reader_fail(r, SQLITE_NOMEM); return 0; }
    r->aFrame = aNew;
    r->nFrameAlloc = nNew;
  }
  f = &r->aFrame[r->nFrame];
  *f = r->aFrame[r->nFrame-1];
  r->nFrame++;
  f->eFlags = 0;
  f->bBlock = 0;
  f->eCapture = N_META;
  return f;
}

/* The element's text will be offered to eField with this rank. */
static void capture_start(HtmlReader *r, Frame *f, int eField, int rank){
  if( f->eCapture!=N_META || !meta_wanted(r, eField, rank) ) return;
  if( r->bEnded && !f->bAttrib ) acc_flush(r);
  f->eCapture = (unsigned char)eField;
  f->capRank = (unsigned char)rank;
  f->capStart = r->acc.n;
  f->capBlock = r->p->nBlock;
}

static void capture_end(HtmlReader *r, const Frame *f){
  ThBuf *t = &r->tmp;
  ThPage *p = r->p;
  t->n = 0;
  if( p->nBlock==f->capBlock ){
    if( r->acc.n>f->capStart ){
      th_buf_append(t, r->acc.z + f->capStart, r->acc.n - f->capStart);
    }
  }else{
    int i;
    for(i=f->capBlock; i<p->nBlock; i++){
      th_buf_append(t, p->text.z + p->aBlock[i].iStart, p->aBlock[i].nLen);
      th_buf_putc(t, ' ');
    }
    th_buf_append(t, r->acc.z, r->acc.n);
  }
  if( t->oom ){ reader_fail(r, SQLITE_NOMEM); return; }
  meta_offer(r, f->eCapture, f->capRank, t->z, t->n, HOW_FIRST,
             f->eCapture==META_AUTHOR ? MAX_AUTHOR_BYTES : 0);
}

/* Text z[0..n) of the element on top. */
static void element_text(HtmlReader *r, const char *z, size_t n){
  const Frame *f = &r->aFrame[r->nFrame-1];
  if( n==0 ) return;
  switch( f->mode ){
    case MODE_BODY:
      body_text(r, f, z, n);
      break;
    case MODE_TITLE:
      th_buf_append(&r->title, z, n);
      break;
    case MODE_JSON:
      th_buf_append(&r->json, z, n);
      break;
  }
}

/* The run that the marker z[0..n) (n>=3, z[0]==TH_HTML_MARK) stands for
** when it is the next one expected, or NULL: then bRunLost is set and the
** parser stopped. */
static const ThHtmlRun *next_run(HtmlReader *r, const char *z, size_t n){
  unsigned int idx = n<3 ? 0x1000 : ((((unsigned char)z[1] & 0x3F)<<6)
                                     | ((unsigned char)z[2] & 0x3F));
  if( r->iRun>=r->nRun || idx!=(r->iRun & 0xFFF) ){
    r->bRunLost = 1;
    xmlStopParser(r->ctxt);
    return 0;
  }
  return &r->aRun[r->iRun++];
}

/* Text with markers: each stands for the next run of r->aRun, whose text
** is read from the page instead (the readers of element_text() read a
** text in pieces as they read it whole). */
static void marked_text(HtmlReader *r, const char *z, size_t n){
  while( n>0 && r->rc==SQLITE_OK ){
    const char *zMark = memchr(z, TH_HTML_MARK, n);
    size_t k = zMark ? (size_t)(zMark - z) : n;
    const ThHtmlRun *pRun;
    element_text(r, z, k);
    if( zMark==0 ) return;
    pRun = next_run(r, zMark, n - k);
    if( pRun==0 ) return;
    element_text(r, r->zRunSrc + pRun->iStart, pRun->nLen);
    z += k + 3;
    n -= k + 3;
  }
}

#define MARKED_ATTRS_MAX 32   /* attributes of a tag with marked values */

/* Attribute values that are markers, read back from the page into
** r->attr: returns azAttr itself when no value is a marker, else azLocal
** (room for 2*MARKED_ATTRS_MAX+1 pointers), a copy of azAttr with those
** values replaced. */
static const xmlChar **marked_attrs(HtmlReader *r, const xmlChar **azAttr,
                                    const xmlChar **azLocal){
  size_t aOff[MARKED_ATTRS_MAX];
  int i, nMarked = 0;
  for(i=0; azAttr[i]; i+=2){
    if( azAttr[i+1] && azAttr[i+1][0]==TH_HTML_MARK ) nMarked++;
  }
  if( nMarked==0 ) return azAttr;
  if( i>2*MARKED_ATTRS_MAX ){
    r->bRunLost = 1;
    xmlStopParser(r->ctxt);
    return azAttr;
  }
  r->attr.n = 0;
  for(i=0; azAttr[i]; i+=2){
    const char *zVal = (const char*)azAttr[i+1];
    aOff[i/2] = (size_t)-1;
    if( zVal && zVal[0]==(char)TH_HTML_MARK ){
      size_t nVal = strlen(zVal);
      const ThHtmlRun *pRun = next_run(r, zVal, nVal==3 ? 3 : 0);
      if( pRun==0 ) return azAttr;
      aOff[i/2] = r->attr.n;
      th_buf_append(&r->attr, r->zRunSrc + pRun->iStart, pRun->nLen);
      th_buf_putc(&r->attr, 0);
    }
  }
  if( r->attr.oom ){
    reader_fail(r, SQLITE_NOMEM);
    return azAttr;
  }
  for(i=0; azAttr[i]; i+=2){
    azLocal[i] = azAttr[i];
    azLocal[i+1] = aOff[i/2]==(size_t)-1 ? azAttr[i+1]
                   : (const xmlChar*)r->attr.z + aOff[i/2];
  }
  azLocal[i] = 0;
  return azLocal;
}

static HtmlReader *reader_of(void *pCtx){
  return (HtmlReader*)((htmlParserCtxtPtr)pCtx)->_private;
}

/* Sets chrome and article hints of a body element. */
static void element_hints(Frame *f, const Frame *parent, const Attrs *a,
                          unsigned int cls){
  unsigned int e = f->eFlags;
  int bChrome = 0, bStrongArticle = 0;
  size_t k;
  if( (e & E_CHROME)
   || ((e & E_HEADER) && !(parent->flags & TH_IN_ARTICLE))
   || ((e & E_FOOTER) && !f->bAttrib)
   || ((e & E_FORM) && !(parent->eFlags & E_ROOT))
   || (a->bAriaHidden && f->bBlock) ){
    bChrome = 1;
  }
  if( a->zRole ){
    for(k=0; k<sizeof(azChromeRole)/sizeof(azChromeRole[0]); k++){
      if( has_token(a->zRole, azChromeRole[k]) ){ bChrome = 1; break; }
    }
    if( has_token(a->zRole, "main") ) bStrongArticle = 1;
  }
  if( bChrome ){
    f->flags |= TH_IN_CHROME;
    f->bWordChrome = 0;
  }else if( (cls & CLS_CHROME) && f->bBlock && !(f->flags & TH_IN_CHROME) ){
    f->flags |= TH_IN_CHROME;
    f->bWordChrome = 1;
  }
  if( (e & E_MAIN) || (a->zItemprop && has_token(a->zItemprop, "articlebody"))
   || ((cls & CLS_ARTICLE) && f->bBlock) ){
    bStrongArticle = 1;
  }
  if( bStrongArticle ){
    f->flags |= TH_IN_ARTICLE;
    if( f->bWordChrome ){
      f->flags &= ~(unsigned int)TH_IN_CHROME;
      f->bWordChrome = 0;
    }
  }
  if( e & E_ARTICLE ) f->flags |= TH_IN_ARTICLE;
}

/* Sets the kind of blocks started inside a body element. */
static void element_kind(Frame *f, const Frame *parent, const char *zName,
                         unsigned int cls){
  unsigned int e = f->eFlags;
  if( e & E_LIST ){
    if( f->listDepth<255 ) f->listDepth++;
  }
  if( e & E_HEADING ){
    f->kind = TH_BLOCK_HEADING;
    f->level = (unsigned char)(zName[1] - '0');
  }else if( e & E_ITEM ){
    f->kind = TH_BLOCK_ITEM;
    f->level = f->listDepth ? f->listDepth : 1;
  }else if( (e & E_CAPTION) || ((cls & CLS_CAPTION) && f->bBlock) ){
    f->kind = TH_BLOCK_CAPTION;
    f->level = 0;
  }else if( e & E_CELL ){
    f->kind = TH_BLOCK_CELL;
    f->level = 0;
  }else if( e & E_PARA ){
    if( parent->kind!=TH_BLOCK_ITEM && parent->kind!=TH_BLOCK_CAPTION
     && parent->kind!=TH_BLOCK_HEADING ){
      f->kind = TH_BLOCK_PARA;
      f->level = 0;
    }
  }else if( e & (E_TABLE|E_QUOTE) ){
    f->kind = TH_BLOCK_PARA;
    f->level = 0;
  }
  if( e & E_QUOTE ) f->flags |= TH_IN_BLOCKQUOTE;
  if( e & E_FIGURE ) f->flags |= TH_IN_FIGURE;
  if( e & E_PRE ) f->bPre = 1;
}

static void on_start(void *pCtx, const xmlChar *zTag, const xmlChar **azAttr){
  HtmlReader *r = reader_of(pCtx);
  const char *zName = (const char*)zTag;
  const HtmlElem *pElem;
  Frame *f, *parent;
  Attrs a;
  unsigned int e, cls;
  const xmlChar *azLocal[2*MARKED_ATTRS_MAX+1];
  if( r->nRun>0 && azAttr && r->rc==SQLITE_OK && !r->bRunLost ){
    azAttr = marked_attrs(r, azAttr, azLocal);
  }
  if( r->rc==SQLITE_OK && r->nFrame>MAX_DEPTH ){
    /* libxml2's own limit, which its SAX interface does not apply: deeper
    ** nesting would make its matching of end tags quadratic */
    xmlStopParser(r->ctxt);
    r->bDepthStop = 1;
  }
  f = r->rc==SQLITE_OK && !r->bRunLost && r->nFrame<=MAX_DEPTH
      ? push_frame(r) : 0;
  if( f==0 ){
    r->nIgnored++;          /* libxml2 may still report its end */
    return;
  }
  parent = f - 1;
  if( parent->mode==MODE_DROP ) return;
  pElem = elem_lookup(zName);
  e = pElem ? pElem->eFlags : 0;
  f->eFlags = e;
  read_attrs(azAttr, r->bShortAttrs, &a);

  /* metadata elements, anywhere */
  if( e & E_META ){
    read_meta(r, &a);
    f->mode = MODE_DROP;
    return;
  }
  if( e & E_TITLE ){
    f->mode = r->bTitleDone ? MODE_DROP : MODE_TITLE;
    r->title.n = 0;
    return;
  }
  if( e & E_SCRIPT ){
    f->mode = MODE_DROP;
    if( contains_ci(a.zType, "ld+json") ){
      f->mode = MODE_JSON;
      r->json.n = 0;
    }
    return;
  }
  if( parent->mode!=MODE_BODY ){
    f->mode = parent->mode==MODE_HEAD ? MODE_HEAD : MODE_DROP;
    return;
  }
  if( e & E_HEAD ){
    f->mode = MODE_HEAD;
    return;
  }

  /* dropped elements */
  cls = class_bits(r, a.zClass) | class_bits(r, a.zId);
  if( pElem==0 && strchr(zName, '-') ) cls |= class_bits(r, zName);
  if( (e & E_DROP) || a.bHidden || (cls & CLS_HIDDEN) || style_hidden(a.zStyle)
   || (a.bAriaHidden && !(e & E_BLOCK)) ){
    if( e & E_BLOCK ) acc_flush(r);
    f->mode = MODE_DROP;
    return;
  }

  /* block boundaries */
  if( (e & (E_CITE|E_FOOTER)) && (parent->flags & TH_IN_BLOCKQUOTE) ){
    f->bAttrib = 1;
  }
  if( (e & E_BLOCK) || (pElem==0 && strchr(zName, '-')
                         && (cls & (CLS_CHROME|CLS_ARTICLE|CLS_CAPTION))) ){
    f->bBlock = 1;
    if( !(f->bAttrib && (e & E_FOOTER)) ) acc_flush(r);
  }
  element_hints(f, parent, &a, cls);
  element_kind(f, parent, zName, cls);

  /* inline elements */
  if( e & E_BR ){
    line_break(r);
  }else if( e & E_LINK ){
    f->bLink = 1;
    if( has_token(a.zRel, "author") && !(f->flags & TH_IN_CHROME) ){
      capture_start(r, f, META_AUTHOR, 7);
    }
  }else if( e & E_SUP ){
    r->bSupPending = 1;
  }else if( e & E_TIME ){
    int rank = (f->flags & TH_IN_CHROME) ? 0 : (f->flags & TH_IN_ARTICLE) ? 1 : 2;
    if( r->acc.n>0 && !r->bEnded ) r->accFlags |= TH_IN_TIME;
    else r->bTimePending = 1;
    if( rank && a.zDatetime ){
      meta_offer_str(r, META_TIME, rank, a.zDatetime, HOW_FIRST);
    }else if( rank ){
      capture_start(r, f, META_TIME, rank);
    }
  }

  /* metadata in the body */
  if( (e & E_HEADING) && zName[1]=='1' ){
    capture_start(r, f, META_H1, (f->flags & TH_IN_CHROME) ? 2 : 1);
  }
  if( a.zItemprop ){
    if( has_token(a.zItemprop, "datepublished") ){
      const char *z = a.zDatetime ? a.zDatetime : a.zContent;
      if( z ) meta_offer_str(r, META_PUBLISHED, 3, z, HOW_FIRST);
      else capture_start(r, f, META_PUBLISHED, 3);
    }
    if( has_token(a.zItemprop, "author") && !(f->flags & TH_IN_CHROME) ){
      capture_start(r, f, META_AUTHOR, 8);
    }
  }
  if( (cls & (CLS_AUTHOR|CLS_BYLINE)) && !(f->flags & TH_IN_CHROME) ){
    capture_start(r, f, META_AUTHOR, (cls & CLS_AUTHOR) ? 9 : 10);
  }
}

static void on_end(void *pCtx, const xmlChar *zTag){
  HtmlReader *r = reader_of(pCtx);
  Frame *f;
  (void)zTag;
  if( r->nIgnored>0 ){
    r->nIgnored--;
    return;
  }
  if( r->nFrame<=1 ) return;
  f = &r->aFrame[r->nFrame-1];
  if( r->rc==SQLITE_OK ){
    if( f->mode==MODE_TITLE ){
      if( r->title.oom ) reader_fail(r, SQLITE_NOMEM);
      else meta_offer(r, META_TITLE, 1, r->title.z, r->title.n, HOW_FIRST, 0);
      r->bTitleDone = 1;
    }else if( f->mode==MODE_JSON ){
      if( r->json.oom ) reader_fail(r, SQLITE_NOMEM);
      else json_ld_read(r);
    }else if( f->mode==MODE_BODY ){
      if( f->eCapture!=N_META ) capture_end(r, f);
      if( f->bBlock ){
        if( (f->flags & TH_IN_BLOCKQUOTE) && !(f->eFlags & E_QUOTE) ){
          if( r->acc.n>0 ) r->bEnded = 1;
        }else{
          acc_flush(r);
        }
      }
      if( f->eFlags & E_SUP ) r->bSupPending = 0;
      if( f->eFlags & E_TIME ) r->bTimePending = 0;
    }
  }
  r->nFrame--;
}

static void on_text(void *pCtx, const xmlChar *zText, int nText){
  HtmlReader *r = reader_of(pCtx);
  if( r->rc || r->bRunLost || nText<=0 ) return;
  if( r->nRun>0 && memchr(zText, TH_HTML_MARK, (size_t)nText) ){
    marked_text(r, (const char*)zText, (size_t)nText);
  }else{
    element_text(r, (const char*)zText, (size_t)nText);
  }
}

/* ---- the attribute guard ------------------------------------------------ */

static int is_ascii_alpha(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z');
}

/* The index of the first case-insensitive match of zLower in z[i..n), or n. */
static size_t find_ci(const char *z, size_t n, size_t i, const char *zLower){
  size_t m = strlen(zLower);
  while( i+m<=n ){
    const char *zLt = memchr(z+i, zLower[0], n-i-m+1);
    size_t k;
    if( zLt==0 ) return n;
    i = (size_t)(zLt - z);
    for(k=1; k<m && to_lower((unsigned char)z[i+k])==(unsigned char)zLower[k]; k++){}
    if( k==m ) return i;
    i++;
  }
  return n;
}

/* Scans the start tags of z the way libxml2 splits them and counts the
** tags with more than MAX_ATTRIBUTES attributes.  With zOut (a copy of z)
** the attributes after the first MAX_ATTRIBUTES are overwritten with
** spaces.  Linear; script and style contents and comments are skipped. */
/* White space between attributes, as libxml2 sees it. */
static int is_tag_blank(unsigned char c){
  return c<=' ' && (c==' ' || c=='\t' || c=='\n' || c=='\r');
}

/* Whether c ends a tag name (bAttr==0) or an attribute name (bAttr). */
static int ends_name(unsigned char c, int bAttr){
  if( c>'>' ) return 0;
  return is_tag_blank(c) || c=='>' || c=='/' || (bAttr && c=='=');
}

static int guard_attributes(const char *z, size_t n, char *zOut,
                            size_t *pnRaw){
  size_t i = 0;
  int nTag = 0;
  *pnRaw = 0;
  while( i<n ){
    const char *zLt = memchr(z+i, '<', n-i);
    size_t j, nName, iCut = 0;
    int nAttr = 0;
    if( zLt==0 ) break;
    i = (size_t)(zLt - z);
    if( i+1>=n ) break;
    if( z[i+1]=='!' ){
      if( i+3<n && z[i+2]=='-' && z[i+3]=='-' ){
        j = find_ci(z, n, i+4, "-->");
        *pnRaw += j - (i+4);
        i = j<n ? j + 3 : n;
      }else{
        const char *zGt = memchr(z+i, '>', n-i);
        i = zGt ? (size_t)(zGt - z) + 1 : n;
      }
      continue;
    }
    if( !is_ascii_alpha((unsigned char)z[i+1]) ){ i++; continue; }
    j = i + 1;
    while( j<n && !ends_name((unsigned char)z[j], 0) ) j++;
    nName = j - i - 1;
    for(;;){
      size_t k;
      while( j<n && is_tag_blank((unsigned char)z[j]) ) j++;
      if( j>=n || z[j]=='>' ) break;
      if( z[j]=='/' && j+1<n && z[j+1]=='>' ) break;
      if( ++nAttr==MAX_ATTRIBUTES+1 ) iCut = j;
      k = j;
      while( k<n && !(ends_name((unsigned char)z[k], 1)
                      && (z[k]!='/' || (k+1<n && z[k+1]=='>'))) ) k++;
      if( k==j ) k++;                     /* a lone '=' or '/' */
      j = k;
      while( k<n && is_tag_blank((unsigned char)z[k]) ) k++;
      if( k<n && z[k]=='=' ){
        k++;
        while( k<n && is_tag_blank((unsigned char)z[k]) ) k++;
        if( k<n && (z[k]=='"' || z[k]=='\'') ){
          const char *zQ = memchr(z+k+1, z[k], n-k-1);
          j = zQ ? (size_t)(zQ - z) + 1 : n;
        }else{
          while( k<n && !(z[k]=='>' || is_tag_blank((unsigned char)z[k])) ) k++;
          j = k;
        }
      }
    }
    if( iCut ){
      nTag++;
      if( zOut ) memset(zOut + iCut, ' ', j - iCut);
    }
    if( nName==6 && equal_ci(z+i+1, 6, "script") ){
      size_t k = find_ci(z, n, j, "</script");
      *pnRaw += k - j;
      j = k;
    }else if( nName==5 && equal_ci(z+i+1, 5, "style") ){
      size_t k = find_ci(z, n, j, "</style");
      *pnRaw += k - j;
      j = k;
    }
    i = j>i ? j : i + 1;
  }
  return nTag;
}

/* ---- entry point ------------------------------------------------------- */

static void reader_free(HtmlReader *r){
  sqlite3_free(r->aFrame);
  sqlite3_free(r->aWord);
  th_buf_free(&r->acc);
  th_buf_free(&r->title);
  th_buf_free(&r->json);
  th_buf_free(&r->tmp);
  th_buf_free(&r->attr);
}

/* Reads z[0..n) (the page or a copy of it; aRun[0..nRun) the runs of
** zSrc its markers stand for) into p, which th_page_init() has set.
** *pbRunLost is set when a marker came out of order: p must be read
** again from a copy without markers. */
static int read_html(ThPage *p, const char *z, size_t n, const char *zSrc,
                     const ThHtmlSlim *pSlim, int *pbRunLost){
  HtmlReader r;
  htmlSAXHandler *pSax;
  htmlDocPtr pDoc;
  int rc;
  memset(&r, 0, sizeof(r));
  r.p = p;
  r.zRunSrc = zSrc;
  if( pSlim ){
    r.aRun = pSlim->aRun;
    r.nRun = pSlim->nRun;
    r.bShortAttrs = pSlim->bShortNames;
  }
  r.nFrameAlloc = 64;
  r.aFrame = sqlite3_malloc64(sizeof(Frame)*(size_t)r.nFrameAlloc);
  if( r.aFrame==0 || class_words_init(&r) ){
    reader_free(&r);
    return SQLITE_NOMEM;
  }
  memset(r.aFrame, 0, sizeof(Frame));
  r.aFrame[0].mode = MODE_BODY;
  r.aFrame[0].kind = TH_BLOCK_PARA;
  r.aFrame[0].eCapture = N_META;
  r.nFrame = 1;
  memset(r.aRank, 255, sizeof(r.aRank));

  r.ctxt = htmlNewParserCtxt();
  if( r.ctxt==0 ){
    reader_free(&r);
    return SQLITE_NOMEM;
  }
  pSax = (htmlSAXHandler*)r.ctxt->sax;
  memset(pSax, 0, sizeof(*pSax));
  pSax->startElement = on_start;
  pSax->endElement = on_end;
  pSax->characters = on_text;
  pSax->ignorableWhitespace = on_text;
  pSax->cdataBlock = on_text;
  pSax->initialized = 1;
  r.ctxt->_private = &r;
  pDoc = htmlCtxtReadMemory(r.ctxt, z, (int)n, 0, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NONET
                            | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                            | HTML_PARSE_IGNORE_ENC);
  if( pDoc ) xmlFreeDoc(pDoc);          /* not built without startDocument */
  if( r.rc==SQLITE_OK && r.ctxt->errNo==XML_ERR_NO_MEMORY ){
    r.rc = SQLITE_NOMEM;
  }
  htmlFreeParserCtxt(r.ctxt);
  r.ctxt = 0;
  /* every marker must have been read, in order (a reading stopped at
  ** MAX_DEPTH cannot tell a lost marker from one never reached) */
  if( r.rc==SQLITE_OK && r.nRun>0
   && (r.bRunLost || r.bDepthStop || r.iRun!=r.nRun) ){
    *pbRunLost = 1;
  }else{
    acc_flush(&r);
  }
  rc = r.rc;
  reader_free(&r);
  return rc;
}

int th_page_from_html(ThPage *p, const char *z, size_t n){
  char *zCopy = 0;
  char *zSkip = 0;
  const char *zSrc = z;
  ThHtmlSlim slim;
  size_t nSkip, nSrc, nRaw = 0;
  int rc, nTag, bRunLost = 0;
  const char *zNul = n ? memchr(z, 0, n) : 0;
  if( zNul ) n = (size_t)(zNul - z);
  if( n>(size_t)INT_MAX ) return th_page_from_text(p, z, n);
  th_page_init(p);
  p->format = TH_FORMAT_HTML;
  if( n==0 ) return SQLITE_OK;
  nSrc = n;

  /* A page with a start tag of more than MAX_ATTRIBUTES attributes is read
  ** as it is but for those (guard_attributes()).  Any other page is read
  ** from a slimmer copy when it allows one (html_prescan.c): without the
  ** attributes never read and the content of comments, scripts and styles,
  ** with named character references decoded, and runs of text replaced by
  ** markers that on_text() reads back from the page. */
  memset(&slim, 0, sizeof(slim));
  {
    size_t nPad = (n + 7) & ~(size_t)7;
    slim.nRunMax = n/16 + 1;      /* a run takes 4 bytes or more; a page
                                  ** with more runs keeps the rest */
    zSkip = sqlite3_malloc64(nPad + slim.nRunMax*sizeof(ThHtmlRun));
    if( zSkip==0 ) return SQLITE_NOMEM;
    slim.aRun = (ThHtmlRun*)(zSkip + nPad);
    nSkip = th_html_slim_ex(z, n, zSkip, &slim);
  }
  /* guard_attributes() splits tags as the slim copy does when its page is
  ** "plain": it then finds no tag of more than MAX_ATTRIBUTES attributes,
  ** which th_html_slim_ex() declines */
  nTag = nSkip>0 && slim.bPlain ? 0 : guard_attributes(z, n, 0, &nRaw);
  if( nTag==0 && nSkip>0 ){
    z = zSkip;
    n = nSkip;
  }else{
    sqlite3_free(zSkip);
    zSkip = 0;
    memset(&slim, 0, sizeof(slim));
  }
  if( nTag>0 ){
    zCopy = sqlite3_malloc64(n);
    if( zCopy==0 ) return SQLITE_NOMEM;
    memcpy(zCopy, z, n);
    guard_attributes(z, n, zCopy, &nRaw);
    z = zCopy;
  }

  /* Without the content of comments, scripts and styles (html_prescan.c)
  ** when that is over a third of the page: libxml2 reads such content at
  ** about 20 instructions a byte, the prescan costs about 8. */
  nSkip = zSkip==0 && nRaw > n/3 ? th_html_prescan(z, n, 0) : n;
  if( nSkip < n - n/4 ){
    zSkip = sqlite3_malloc64(nSkip + 1);
    if( zSkip==0 ){
      sqlite3_free(zCopy);
      return SQLITE_NOMEM;
    }
    th_html_prescan(z, n, zSkip);
    z = zSkip;
    n = nSkip;
  }

  rc = read_html(p, z, n, zSrc, &slim, &bRunLost);
  if( rc==SQLITE_OK && bRunLost ){
    /* libxml2 did not read a marker as the text it stands for: read the
    ** same copy without markers */
    th_page_free(p);
    p->format = TH_FORMAT_HTML;
    nSkip = th_html_slim(zSrc, nSrc, zSkip);
    if( nSkip>0 ){
      rc = read_html(p, zSkip, nSkip, 0, 0, &bRunLost);
    }else{
      rc = read_html(p, zSrc, nSrc, 0, 0, &bRunLost);
    }
  }
  sqlite3_free(zCopy);
  sqlite3_free(zSkip);
  if( rc ) th_page_free(p);
  return rc;
}