/* meta.c -- placeholder: no title, date, byline or site yet. */
#include "page.h"

int th_page_title(ThPage *p, ThBuf *pOut){ (void)p; (void)pOut; return SQLITE_OK; }
int th_page_date(ThPage *p, ThBuf *pOut){ (void)p; (void)pOut; return SQLITE_OK; }
int th_page_byline(ThPage *p, ThBuf *pOut){ (void)p; (void)pOut; return SQLITE_OK; }
int th_page_site(ThPage *p, ThBuf *pOut){ (void)p; (void)pOut; return SQLITE_OK; }
