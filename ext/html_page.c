/* html_page.c -- placeholder: HTML is read as text until the libxml2 reader lands. */
#include "page.h"

int th_page_from_html(ThPage *p, const char *z, size_t n){
  return th_page_from_text(p, z, n);
}
