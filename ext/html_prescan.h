/*
** html_prescan.h -- drop what libxml2 would read only to throw away.
** See html_prescan.c: th_html_prescan() drops the content of comments,
** scripts and styles; th_html_slim() also the attributes html_page.c never
** reads, and decodes named character references in text;
** th_html_slim_ex() also replaces runs of text and attribute values with
** markers and gives the kept attributes short names.
*/
#ifndef TH_HTML_PRESCAN_H
#define TH_HTML_PRESCAN_H
#include <stddef.h>

size_t th_html_prescan(const char *z, size_t n, char *zOut);
size_t th_html_slim(const char *z, size_t n, char *zOut);

/* A run of text of the page (byte offset and length) that the copy of
** th_html_slim_ex() holds as a marker: the three bytes of the character
** U+E000 + (k % 4096) for the run aRun[k], first byte TH_HTML_MARK. */
typedef struct ThHtmlRun { unsigned int iStart, nLen; } ThHtmlRun;
#define TH_HTML_MARK 0xEE

/* What th_html_slim_ex() did besides th_html_slim(). */
typedef struct ThHtmlSlim {
  ThHtmlRun *aRun;        /* in: room for nRunMax runs (NULL: no markers) */
  size_t nRunMax;
  size_t nRun;            /* out: markers in the copy */
  int bShortNames;        /* out: attribute k of the TH_ATTR_ list is
                          ** named '_' and the letter 'a'+k in the copy */
  int bPlain;             /* out: every start tag is made of names and
                          ** values only (no bogus attribute, a name ends
                          ** at a blank, '=', '>' or "/>"), no comment ends
                          ** with "--!>", no end tag holds '<' or runs to
                          ** the end, no <script/> or <style/>: tags split
                          ** the same in any reading that skips comments,
                          ** scripts and styles */
} ThHtmlSlim;

/* The attributes html_page.c reads, in the order of their short names
** ('_' and 'a'+k) in a copy from th_html_slim_ex(). */
#define TH_ATTR_ARIA_HIDDEN  0
#define TH_ATTR_CLASS        1
#define TH_ATTR_CONTENT      2
#define TH_ATTR_DATETIME     3
#define TH_ATTR_HIDDEN       4
#define TH_ATTR_ID           5
#define TH_ATTR_ITEMPROP     6
#define TH_ATTR_NAME         7
#define TH_ATTR_PROPERTY     8
#define TH_ATTR_REL          9
#define TH_ATTR_ROLE        10
#define TH_ATTR_STYLE       11
#define TH_ATTR_TYPE        12
#define TH_N_ATTR           13

/* The TH_ATTR_ number of the attribute name z[0..m) (any case), or -1. */
int th_html_attr_index(const char *z, size_t m);

size_t th_html_slim_ex(const char *z, size_t n, char *zOut, ThHtmlSlim *pSlim);

#endif
