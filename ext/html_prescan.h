/*
** html_prescan.h -- drop what libxml2 would read only to throw away.
** See html_prescan.c.
*/
#ifndef TH_HTML_PRESCAN_H
#define TH_HTML_PRESCAN_H
#include <stddef.h>

size_t th_html_prescan(const char *z, size_t n, char *zOut);

#endif
