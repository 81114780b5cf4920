/*
** html_prescan.h -- drop what libxml2 would read only to throw away.
** See html_prescan.c: th_html_prescan() drops the content of comments,
** scripts and styles; th_html_slim() also the attributes html_page.c never
** reads, and decodes named character references in text.
*/
#ifndef TH_HTML_PRESCAN_H
#define TH_HTML_PRESCAN_H
#include <stddef.h>

size_t th_html_prescan(const char *z, size_t n, char *zOut);
size_t th_html_slim(const char *z, size_t n, char *zOut);

#endif
