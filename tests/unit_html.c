/* unit_html.c -- HTML pages as blocks and metadata (ext/html_page.c). */
#include <stdlib.h>
#include <string.h>
#include "page.h"
#include "html_prescan.h"
#include "unit.h"

/* The text of block i as a NUL-terminated string ("(none)" if no block). */
static const char *blk(const ThPage *p, int i){
  static char zBuf[8192];
  size_t n;
  if( i<0 || i>=p->nBlock ) return "(none)";
  n = p->aBlock[i].nLen;
  if( n>=sizeof(zBuf) ) n = sizeof(zBuf) - 1;
  memcpy(zBuf, p->text.z + p->aBlock[i].iStart, n);
  zBuf[n] = 0;
  return zBuf;
}

/* The index of the block whose text is zText, or -1. */
static int find_block(const ThPage *p, const char *zText){
  int i;
  size_t n = strlen(zText);
  for(i=0; i<p->nBlock; i++){
    if( p->aBlock[i].nLen==n
     && memcmp(p->text.z + p->aBlock[i].iStart, zText, n)==0 ) return i;
  }
  return -1;
}

static unsigned int flags_of(const ThPage *p, const char *zText){
  int i = find_block(p, zText);
  return i<0 ? 0x80000000u : p->aBlock[i].flags;
}

static int load(ThPage *p, const char *zHtml){
  return th_page_from_html(p, zHtml, strlen(zHtml));
}

static void test_dropped(void){
  ThPage p;
  CHECK_INT(load(&p,
    "<html><head><title>T</title><style>p{color:red}</style></head><body>"
    "<p>Hello</p><script>var x = '<p>bad</p>';</script>"
    "<noscript><p>Enable JavaScript</p></noscript>"
    "<template><p>tmpl</p></template><svg><text>svg text</text></svg>"
    "<p hidden>h1</p><p style=\"display: none\">h2</p>"
    "<p style=\"color:red;VISIBILITY:hidden\">h3</p>"
    "<p>a<span class=\"sr-only\">h4</span>b<span aria-hidden=\"true\">h5</span>"
    "<button>OK</button><select><option>opt</option></select></p>"
    "<p class=\"hidden-xs\">shown</p>"
    "</body></html>"), SQLITE_OK);
  CHECK_INT(p.nBlock, 3);
  CHECK_STR(blk(&p, 0), "Hello");
  CHECK_STR(blk(&p, 1), "ab");
  CHECK_STR(blk(&p, 2), "shown");
  CHECK_INT(p.format, TH_FORMAT_HTML);
  th_page_free(&p);

  /* a page of nothing but script, and an empty page */
  CHECK_INT(load(&p, "<script>document.write('<p>x</p>')</script>"), SQLITE_OK);
  CHECK_INT(p.nBlock, 0);
  th_page_free(&p);
  CHECK_INT(th_page_from_html(&p, "", 0), SQLITE_OK);
  CHECK_INT(p.nBlock, 0);
  CHECK(p.meta.zTitle==0);
  th_page_free(&p);
}

static void test_chrome(void){
  ThPage p;
  CHECK_INT(load(&p,
    "<body><header><a href=/>Site</a></header>"
    "<nav><ul><li><a href=/a>News</a></li></ul></nav>"
    "<div class=\"cookie-banner\">We use cookies</div>"
    "<div class=\"page-header\">Not an ad</div>"
    "<div class=\"shadow download read-time\">No ad either</div>"
    "<div id=\"top-ad-slot\">Buy now</div>"
    "<div class=\"container has-sidebar\"><article><header><h1>Head</h1>"
    "<p class=\"byline\">By Jane Doe</p></header>"
    "<p>Body text here.</p>"
    "<div class=\"share-bar\">Share</div>"
    "<aside>Pull quote</aside></article></div>"
    "<div class=\"related\"><div itemprop=\"articleBody\"><p>Kept</p></div></div>"
    "<aside class=\"x\"><div class=\"entry-content\">Teaser</div></aside>"
    "<div role=\"navigation\">Menu</div>"
    "<cookie-notice>Custom</cookie-notice>"
    "<div><form action=/s><p>Search form</p></form></div>"
    "<footer>Footer</footer></body>"), SQLITE_OK);
  CHECK(flags_of(&p, "Site") & TH_IN_CHROME);
  CHECK(flags_of(&p, "Site") & TH_LINKY);
  CHECK(flags_of(&p, "News") & TH_IN_CHROME);
  CHECK(flags_of(&p, "We use cookies") & TH_IN_CHROME);
  CHECK_INT(flags_of(&p, "Not an ad") & TH_IN_CHROME, 0);
  CHECK_INT(flags_of(&p, "No ad either") & TH_IN_CHROME, 0);
  CHECK(flags_of(&p, "Buy now") & TH_IN_CHROME);
  /* header inside the article is not chrome; a class word on a layout
  ** wrapper ("has-sidebar") is not either */
  CHECK_INT(flags_of(&p, "Head"), TH_IN_ARTICLE);
  CHECK_INT(flags_of(&p, "By Jane Doe"), TH_IN_ARTICLE);
  CHECK_INT(flags_of(&p, "Body text here."), TH_IN_ARTICLE);
  CHECK_INT(flags_of(&p, "Share"), TH_IN_ARTICLE|TH_IN_CHROME);
  CHECK_INT(flags_of(&p, "Pull quote"), TH_IN_ARTICLE|TH_IN_CHROME);
  /* articleBody undoes a chrome class word, not an <aside> */
  CHECK_INT(flags_of(&p, "Kept"), TH_IN_ARTICLE);
  CHECK_INT(flags_of(&p, "Teaser"), TH_IN_ARTICLE|TH_IN_CHROME);
  CHECK(flags_of(&p, "Menu") & TH_IN_CHROME);
  CHECK(flags_of(&p, "Custom") & TH_IN_CHROME);
  CHECK(flags_of(&p, "Search form") & TH_IN_CHROME);
  CHECK(flags_of(&p, "Footer") & TH_IN_CHROME);
  CHECK_STR(p.meta.zH1, "Head");
  CHECK_STR(p.meta.zAuthor, "By Jane Doe");
  th_page_free(&p);

  /* a form that wraps the whole body (ASP.NET) is not chrome */
  CHECK_INT(load(&p, "<body><form id=f1><main><p>Story</p></main></form>"
                     "</body>"), SQLITE_OK);
  CHECK_INT(flags_of(&p, "Story"), TH_IN_ARTICLE);
  th_page_free(&p);
}

static void test_text(void){
  ThPage p;
  CHECK_INT(load(&p,
    "<p>A &amp; B &ldquo;q&rdquo; caf&eacute; &#350;ahin x&nbsp;y&mdash;z</p>"
    "<p>gene<em>tic</em>\n   <a href=x>thera</a>py <b>works</b>.</p>"
    "<p>1&nbsp;&times;&nbsp;10<sup>6</sup> cells, 2&times;10<sup> 13 </sup></p>"
    "<p>line one<br>line two <br/>\n <br> next para</p>"
    "<pre>code  line 1\ncode line 2</pre>"
    "<h2>Sub <i>head</i></h2><h4>Small</h4>"), SQLITE_OK);
  CHECK_STR(blk(&p, 0), "A & B \xe2\x80\x9cq\xe2\x80\x9d caf\xc3\xa9 \xc5\x9e" "ahin x y\xe2\x80\x94z");
  CHECK_STR(blk(&p, 1), "genetic therapy works.");
  CHECK_STR(blk(&p, 2), "1 \xc3\x97 10^6 cells, 2\xc3\x97" "10 ^13");
  CHECK_STR(blk(&p, 3), "line one\nline two");
  CHECK_STR(blk(&p, 4), "next para");
  CHECK_STR(blk(&p, 5), "code line 1\ncode line 2");
  CHECK_STR(blk(&p, 6), "Sub head");
  CHECK_INT(p.aBlock[6].kind, TH_BLOCK_HEADING);
  CHECK_INT(p.aBlock[6].level, 2);
  CHECK_INT(p.aBlock[7].level, 4);
  CHECK_INT(p.aBlock[0].kind, TH_BLOCK_PARA);
  th_page_free(&p);
}

static void test_structure(void){
  ThPage p;
  CHECK_INT(load(&p,
    "<ul><li>one<ul><li>two</li><li><p>three</p></li></ul></li><li>four</ul>"
    "<dl><dt>term</dt><dd>definition</dd></dl>"
    "<figure><img src=x alt=pic><figcaption>Caption. <span class=credit>"
    "Photo: X</span></figcaption></figure>"
    "<div class=\"wp-caption-text\">Another caption</div>"
    "<table><caption>Table 1</caption><tr><td>cell</td><td><p>para</p></td>"
    "</tr></table>"
    "<blockquote><p>\xe2\x80\x9cQuote.\xe2\x80\x9d</p><cite>\xe2\x80\x94 Someone</cite>"
    "</blockquote>"
    "<blockquote><p>First.</p><p>Second.</p></blockquote>"
    "<div>Loose <span>text</span><p>inner</p>tail</div>"), SQLITE_OK);
  CHECK_INT(p.aBlock[find_block(&p, "one")].kind, TH_BLOCK_ITEM);
  CHECK_INT(p.aBlock[find_block(&p, "one")].level, 1);
  CHECK_INT(p.aBlock[find_block(&p, "two")].level, 2);
  CHECK_INT(p.aBlock[find_block(&p, "three")].kind, TH_BLOCK_ITEM);
  CHECK_INT(p.aBlock[find_block(&p, "three")].level, 2);
  CHECK_INT(p.aBlock[find_block(&p, "four")].level, 1);
  CHECK_INT(p.aBlock[find_block(&p, "definition")].kind, TH_BLOCK_ITEM);
  CHECK_INT(find_block(&p, "Caption. Photo: X") + 1, find_block(&p, "Another caption"));
  CHECK_INT(p.aBlock[find_block(&p, "Caption. Photo: X")].kind, TH_BLOCK_CAPTION);
  CHECK_INT(flags_of(&p, "Caption. Photo: X"), TH_IN_FIGURE);
  CHECK_INT(p.aBlock[find_block(&p, "Another caption")].kind, TH_BLOCK_CAPTION);
  CHECK_INT(p.aBlock[find_block(&p, "Table 1")].kind, TH_BLOCK_CAPTION);
  CHECK_INT(p.aBlock[find_block(&p, "cell")].kind, TH_BLOCK_CELL);
  CHECK_INT(p.aBlock[find_block(&p, "para")].kind, TH_BLOCK_PARA);
  CHECK(find_block(&p, "\xe2\x80\x9cQuote.\xe2\x80\x9d \xe2\x80\x94 Someone")>=0);
  CHECK_INT(flags_of(&p, "\xe2\x80\x9cQuote.\xe2\x80\x9d \xe2\x80\x94 Someone"),
            TH_IN_BLOCKQUOTE);
  CHECK(find_block(&p, "First.")>=0 && find_block(&p, "Second.")>=0);
  CHECK(find_block(&p, "Loose text")>=0);
  CHECK_INT(find_block(&p, "inner") + 1, find_block(&p, "tail"));
  th_page_free(&p);

  /* malformed: unclosed and stray tags */
  CHECK_INT(load(&p, "<div><p>one<div>two</span></div></div></div></b><p>three"
                     "<li>item<td>cell"), SQLITE_OK);
  CHECK_STR(blk(&p, 0), "one");
  CHECK_STR(blk(&p, 1), "two");
  CHECK_STR(blk(&p, 2), "three");
  CHECK(find_block(&p, "item")>=0);
  th_page_free(&p);
}

static void test_links_time(void){
  ThPage p;
  CHECK_INT(load(&p,
    "<aside><time datetime=\"2020-01-01\">1 Jan 2020</time></aside>"
    "<article><p>By <a rel=author href=/a>Ann Lee</a> on "
    "<time datetime=\" 2021-02-03T10:00 \">3 Feb</time></p>"
    "<p><a href=/1>Read more stories about this</a> here</p>"
    "<p>A long sentence of text with <a href=/x>one link</a> inside.</p>"
    "</article>"), SQLITE_OK);
  CHECK_STR(p.meta.zTimeDatetime, "2021-02-03T10:00");
  CHECK_STR(p.meta.zAuthor, "Ann Lee");
  CHECK(flags_of(&p, "By Ann Lee on 3 Feb") & TH_IN_TIME);
  CHECK_INT(flags_of(&p, "1 Jan 2020") & TH_IN_TIME, TH_IN_TIME);
  CHECK(flags_of(&p, "Read more stories about this here") & TH_LINKY);
  CHECK_INT(flags_of(&p, "A long sentence of text with one link inside.")
            & TH_LINKY, 0);
  th_page_free(&p);
}

static void test_meta(void){
  ThPage p;
  CHECK_INT(load(&p,
    "<html><head><title> Gene  therapy &amp; you | Site </title>"
    "<meta property=\"og:title\" content=\"Gene therapy &amp; you\">"
    "<meta name=\"twitter:title\" content=\"Twitter title\">"
    "<meta property=\"og:site_name\" content=\"GenomeWire\">"
    "<meta name=\"date\" content=\"2019-01-01\">"
    "<meta property=\"article:published_time\" content=\"2021-06-09T14:30:00Z\">"
    "<meta property=\"article:author\" content=\"https://facebook.com/x\">"
    "<meta name=\"author\" content=\"Marisol Whitcombe\">"
    "</head><body><h1>The <em>headline</em></h1><h1>Second</h1></body></html>"),
    SQLITE_OK);
  CHECK_STR(p.meta.zTitle, "Gene therapy & you | Site");
  CHECK_STR(p.meta.zOgTitle, "Gene therapy & you");
  CHECK_STR(p.meta.zSiteName, "GenomeWire");
  CHECK_STR(p.meta.zPublished, "2021-06-09T14:30:00Z");
  CHECK_STR(p.meta.zAuthor, "Marisol Whitcombe");
  CHECK_STR(p.meta.zH1, "The headline");
  CHECK(p.meta.zTimeDatetime==0);
  th_page_free(&p);

  /* JSON-LD: arrays of authors, \u escapes, the publisher's own name */
  CHECK_INT(load(&p,
    "<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\","
    "\"@type\":\"NewsArticle\",\"headline\":\"a \\\"b\\\"\","
    "\"datePublished\":\"2021-06-09\",\"dateModified\":\"2021-07-01\","
    "\"author\":[{\"@type\":\"Person\",\"name\":\"A B\"},"
    "{\"name\":\"C \\u00e9\"}],"
    "\"publisher\":{\"logo\":{\"name\":\"logo\"},\"name\":\"Pub\"}}</script>"
    "<meta name=\"author\" content=\"Meta Author\"><p>x</p>"), SQLITE_OK);
  CHECK_STR(p.meta.zPublished, "2021-06-09");
  CHECK_STR(p.meta.zAuthor, "A B, C \xc3\xa9");
  CHECK_STR(p.meta.zSiteName, "Pub");
  CHECK_INT(p.nBlock, 1);
  th_page_free(&p);

  /* JSON-LD @graph with @id references (Yoast) */
  CHECK_INT(load(&p,
    "<script type=application/ld+json>{\"@graph\":[{\"@type\":\"Article\","
    "\"author\":{\"@id\":\"#p1\"},\"publisher\":{\"@id\":\"#org\"},"
    "\"datePublished\":\"2022-03-12T08:00:00+00:00\"},"
    "{\"@type\":\"Person\",\"@id\":\"#p1\",\"name\":\"Jane Roe\"},"
    "{\"@type\":\"Organization\",\"@id\":\"#org\",\"name\":\"Org Name\"}]}"
    "</script>"), SQLITE_OK);
  CHECK_STR(p.meta.zAuthor, "Jane Roe");
  CHECK_STR(p.meta.zSiteName, "Org Name");
  CHECK_STR(p.meta.zPublished, "2022-03-12T08:00:00+00:00");
  th_page_free(&p);

  /* broken JSON does no harm */
  CHECK_INT(load(&p, "<script type=\"application/ld+json\">{\"author\":[{\"name\""
                     ":\"Unterminated</script><p>ok</p>"), SQLITE_OK);
  CHECK_STR(blk(&p, 0), "ok");
  th_page_free(&p);

  /* citation_author is repeated, once per author */
  CHECK_INT(load(&p, "<meta name=citation_author content=\"Smith, A\">"
                     "<meta name=citation_author content=\"Jones, B\">"
                     "<meta name=citation_author content=\"Smith, A\">"
                     "<meta name=citation_publication_date content=2021/11/05>"
                     "<p>Abstract</p>"), SQLITE_OK);
  CHECK_STR(p.meta.zAuthor, "Smith, A, Jones, B");
  CHECK_STR(p.meta.zPublished, "2021/11/05");
  th_page_free(&p);
}

static void test_robust(void){
  ThPage p;
  char *z;
  size_t n, i;
  int k;

  /* 100 000 nested <div>: libxml2 stops at depth 256, no crash */
  n = 100000*11 + 64;
  z = malloc(n);
  strcpy(z, "<p>before</p>");
  n = strlen(z);
  for(k=0; k<100000; k++){ memcpy(z+n, "<div>", 5); n += 5; }
  memcpy(z+n, "deep", 4); n += 4;
  for(k=0; k<100000; k++){ memcpy(z+n, "</div>", 6); n += 6; }
  CHECK_INT(th_page_from_html(&p, z, n), SQLITE_OK);
  CHECK_STR(blk(&p, 0), "before");
  th_page_free(&p);
  free(z);

  /* invalid UTF-8 bytes pass through */
  CHECK_INT(load(&p, "<p>caf\xc3 \xff\xfe ok</p><p \xff=\xfe>\xc3</p>"), SQLITE_OK);
  CHECK_STR(blk(&p, 0), "caf\xc3 \xff\xfe ok");
  th_page_free(&p);

  /* the text ends at the first NUL byte */
  CHECK_INT(th_page_from_html(&p, "<p>one</p>\0<p>two</p>", 21), SQLITE_OK);
  CHECK_INT(p.nBlock, 1);
  th_page_free(&p);

  /* a tag with 20 000 attributes: the rest of the page is still read */
  n = 20000*12 + 64;
  z = malloc(n);
  strcpy(z, "<p");
  n = 2;
  for(k=0; k<20000; k++){ n += (size_t)sprintf(z+n, " a%d=\"1\"", k); }
  strcpy(z+n, ">text</p><p>after</p>");
  n += strlen(z+n);
  CHECK_INT(th_page_from_html(&p, z, n), SQLITE_OK);
  CHECK_STR(blk(&p, 0), "text");
  CHECK_STR(blk(&p, 1), "after");
  th_page_free(&p);
  free(z);

  /* a 10 MB page: 100 000 paragraphs */
  n = 100000*104 + 64;
  z = malloc(n);
  n = 0;
  for(k=0; k<100000; k++){
    memcpy(z+n, "<p>", 3); n += 3;
    for(i=0; i<24; i++){ memcpy(z+n, "gene", 4); n += 4; }
    memcpy(z+n, "</p>", 4); n += 4;
  }
  CHECK(n>10000000);
  CHECK_INT(th_page_from_html(&p, z, n), SQLITE_OK);
  CHECK_INT(p.nBlock, 100000);
  CHECK_INT(p.aBlock[99999].nLen, 96);
  th_page_free(&p);
  free(z);

  /* through th_page_load: detected as HTML */
  CHECK_INT(th_page_load(&p, "  <div>Hi <b>there</b></div>", 28,
                         TH_FORMAT_AUTO), SQLITE_OK);
  CHECK_INT(p.format, TH_FORMAT_HTML);
  CHECK_STR(blk(&p, 0), "Hi there");
  th_page_free(&p);
}

/* The prescan's copy of zHtml as a NUL-terminated string. */
static const char *prescan(const char *zHtml){
  static char zBuf[8192];
  size_t n = strlen(zHtml), m = th_html_prescan(zHtml, n, 0);
  if( m>=sizeof(zBuf) ) return "(too long)";
  CHECK_INT(th_html_prescan(zHtml, n, zBuf), m);
  zBuf[m] = 0;
  return zBuf;
}

static void app(ThBuf *b, const char *z){ th_buf_append(b, z, strlen(z)); }

static void test_prescan(void){
  ThPage p;
  ThBuf b;
  int i;
  CHECK_STR(prescan("<p>a</p><script>var s='</scr'+'ipt>';</script><p>b</p>"),
            "<p>a</p><script>var s='</scr'+'ipt>';</script><p>b</p>");
  CHECK_STR(prescan("<script>var s='<\\/p>';</script>"), "<script></script>");
  CHECK_STR(prescan("<SCRIPT defer>x<y</SCRIPT>"), "<SCRIPT defer></SCRIPT>");
  CHECK_STR(prescan("<style media=\"a>b\">p{}</Style >"),
            "<style media=\"a>b\"></Style >");
  CHECK_STR(prescan("a<!-- c --> b<!-- d --!> e"), "a<!----> b<!----!> e");
  CHECK_STR(prescan("a<!----> b"), "a<!----> b");
  CHECK_STR(prescan("<p>a</p><script>unterminated"), "<p>a</p><script>");
  CHECK_STR(prescan("<p>a</p><!-- unterminated"), "<p>a</p><!--");
  CHECK_STR(prescan("<script type=\"application/LD+JSON\">{\"a\":1}</script>"),
            "<script type=\"application/LD+JSON\">{\"a\":1}</script>");
  CHECK_STR(prescan("<script type=\"a&#43;json\">{}</script>"),
            "<script type=\"a&#43;json\">{}</script>");
  CHECK_STR(prescan("<script/>text</script>"), "<script/>text</script>");
  CHECK_STR(prescan("<div title='<script>'>x</div><script>y</script>"),
            "<div title='<script>'>x</div><script></script>");
  /* kept: invalid UTF-8, "</" inside a comment, a longer end tag name, and
  ** pages with a processing instruction or an odd "<!" */
  CHECK_STR(prescan("<script>\xff</script>"), "<script>\xff</script>");
  CHECK_STR(prescan("<!-- </p> -->"), "<!-- </p> -->");
  CHECK_STR(prescan("<script>a</scripts>b</script>"),
            "<script>a</scripts>b</script>");
  CHECK_STR(prescan("<?php x ?><script>y</script>"),
            "<?php x ?><script>y</script>");
  CHECK_STR(prescan("<!x><script>y</script>"), "<!x><script>y</script>");
  CHECK_STR(prescan("<!DOCTYPE html><script>y</script>"),
            "<!DOCTYPE html><script></script>");

  /* a page that is mostly script reads the same, JSON-LD included */
  th_buf_init(&b);
  app(&b, "<html><head><script type=\"application/ld+json\">"
                "{\"@type\":\"NewsArticle\",\"datePublished\":\"2019-04-17\"}"
                "</script><script>");
  for(i=0; i<300; i++) app(&b, "var s = '</scr' + 'ipt>'; ");
  app(&b, "</script><!-- ");
  for(i=0; i<300; i++) app(&b, "note ");
  app(&b, "--></head><body><P>Gene therapy text.</P>"
                "<SCRIPT>document.write('<p>no</p>')</SCRIPT>"
                "<p>Second paragraph.</p></body></html>");
  CHECK(!b.oom);
  CHECK_INT(th_page_from_html(&p, b.z, b.n), SQLITE_OK);
  CHECK_INT(p.nBlock, 2);
  CHECK_STR(blk(&p, 0), "Gene therapy text.");
  CHECK_STR(blk(&p, 1), "Second paragraph.");
  CHECK_STR(p.meta.zPublished ? p.meta.zPublished : "(null)", "2019-04-17");
  th_page_free(&p);
  th_buf_free(&b);
}

/* th_html_slim()'s copy of zHtml, or "(0)" when it declines. */
static const char *slim(const char *zHtml){
  static char zBuf[8192];
  size_t n = strlen(zHtml), m;
  if( n>=sizeof(zBuf) ) return "(too long)";
  m = th_html_slim(zHtml, n, zBuf);
  if( m==0 ) return "(0)";
  zBuf[m] = 0;
  return zBuf;
}

static void test_slim(void){
  /* attributes never read go, with the white space after them */
  CHECK_STR(slim("<a href=\"x\" class=\"c\" data-id=7>t</a>"),
            "<a class=\"c\" >t</a>");
  /* a repeated attribute goes (libxml2 keeps the first) */
  CHECK_STR(slim("<p id=a id=b>x</p>"), "<p id=a >x</p>");
  /* a style that may hide its element stays, others go */
  CHECK_STR(slim("<div style=\"display:none\">h</div><div style=\"color:red\">v</div>"),
            "<div style=\"display:none\">h</div><div >v</div>");
  /* named references decoded as libxml2 would; &amp; and a name without
  ** ';' stay */
  CHECK_STR(slim("a&rsquo;b &amp; c&nbsp;d &rsquo x"),
            "a\xe2\x80\x99" "b &amp; c\xc2\xa0" "d &rsquo x");
  /* comments, scripts and styles lose their content */
  CHECK_STR(slim("<!-- c --><script>s</script><style>p{}</style>"),
            "<!----><script></script><style></style>");
  /* declined: invalid UTF-8, a page that ends inside a tag */
  CHECK_STR(slim("<p>\xff</p>"), "(0)");
  CHECK_STR(slim("<div"), "(0)");
}

extern const char *const th_data_html_entities[];

/* data/html_entities.txt: sorted by name (byte order, which the tab after
** each name keeps for prefixes), one "name<TAB>0xHEX" a line, values
** beyond ASCII and below U+10000 (put_utf8() writes at most 3 bytes). */
static void test_entity_list(void){
  int i, bSorted = 1, bForm = 1;
  for(i=0; th_data_html_entities[i]; i++){
    const char *z = th_data_html_entities[i];
    const char *zTab = strchr(z, '\t');
    unsigned long v = zTab ? strtoul(zTab+1, 0, 16) : 0;
    if( zTab==0 || strncmp(zTab+1, "0x", 2)!=0 || v<0x80 || v>0xFFFF ){
      bForm = 0;
    }
    if( i>0 && strcmp(th_data_html_entities[i-1], z)>=0 ) bSorted = 0;
  }
  CHECK_INT(i, 248);
  CHECK(bSorted);
  CHECK(bForm);
}

void unit_html(void){
  test_entity_list();
  test_dropped();
  test_chrome();
  test_text();
  test_structure();
  test_links_time();
  test_meta();
  test_robust();
  test_prescan();
  test_slim();
}
