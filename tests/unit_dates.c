/* unit_dates.c -- the date scanner of ext/dates.c, and the HTML-metadata
** side of ext/meta.c on pages built by hand. */
#include <stdlib.h>
#include "therapy_int.h"
#include "dates.h"
#include "page.h"
#include "unit.h"

/* All dates of a text as "ISO@start+len" joined by spaces ('?' marks an
** ambiguous numeric date, 'r' a range, 'w' a weekday). */
typedef struct Found { char z[512]; size_t n; int nDate; } Found;

static int found_cb(void *pCtx, size_t iStart, size_t nLen, const ThDate *d){
  Found *f = (Found*)pCtx;
  char zIso[12];
  th_date_iso(d, zIso);
  if( f->n + 48 < sizeof(f->z) ){
    f->n += (size_t)snprintf(f->z + f->n, sizeof(f->z) - f->n,
        "%s%s@%d+%d%s%s%s",
        f->n ? " " : "", zIso, (int)iStart, (int)nLen,
        d->isAmbiguous ? "?" : "", d->isRange ? "r" : "",
        d->hasWeekday ? "w" : "");
  }
  f->nDate++;
  return 0;
}

static const char *all_dates(const char *z){
  static Found f;
  memset(&f, 0, sizeof(f));
  th_find_dates(z, strlen(z), found_cb, &f);
  return f.z;
}

/* ISO of a text that is one date, "" when it is not. */
static const char *one(const char *z){
  static char zIso[12];
  ThDate d;
  if( !th_parse_date(z, strlen(z), 0, &d) ) return "";
  th_date_iso(&d, zIso);
  return zIso;
}

static const char *one_mdy(const char *z){
  static char zIso[12];
  ThDate d;
  if( !th_parse_date(z, strlen(z), 1, &d) ) return "";
  th_date_iso(&d, zIso);
  return zIso;
}

static int count_cb(void *pCtx, size_t iStart, size_t nLen, const ThDate *d){
  (void)iStart; (void)nLen; (void)d;
  (*(int*)pCtx)++;
  return 0;
}

static int stop_cb(void *pCtx, size_t iStart, size_t nLen, const ThDate *d){
  (void)iStart; (void)nLen; (void)d;
  (*(int*)pCtx)++;
  return 7;
}

/* ---- meta.c on pages built by hand (HTML metadata + blocks) ---------- */

static char *dup_text(const char *z){
  return z ? sqlite3_mprintf("%s", z) : 0;
}

/* A page with the given metadata and blocks ("H1:" marks an <h1>). */
static void build_page(ThPage *p, const char *zTitle, const char *zOg,
                       const char *zH1, const char *zPublished,
                       const char *zTime, const char *zAuthor,
                       const char *zSite, const char *const *azBlock){
  int i;
  th_page_init(p);
  p->format = TH_FORMAT_HTML;
  p->meta.zTitle = dup_text(zTitle);
  p->meta.zOgTitle = dup_text(zOg);
  p->meta.zH1 = dup_text(zH1);
  p->meta.zPublished = dup_text(zPublished);
  p->meta.zTimeDatetime = dup_text(zTime);
  p->meta.zAuthor = dup_text(zAuthor);
  p->meta.zSiteName = dup_text(zSite);
  for(i=0; azBlock && azBlock[i]; i++){
    const char *z = azBlock[i];
    if( strncmp(z, "H1:", 3)==0 ){
      th_page_add_block(p, z+3, strlen(z+3), TH_BLOCK_HEADING, 1, 0);
    }else{
      th_page_add_block(p, z, strlen(z), TH_BLOCK_PARA, 0, 0);
    }
  }
}

/* One field of a page as a static string ("" when the page does not say). */
static const char *field(ThPage *p, int (*x)(ThPage*, ThBuf*)){
  static char zOut[256];
  ThBuf b;
  th_buf_init(&b);
  zOut[0] = 0;
  if( x(p, &b)==SQLITE_OK && b.n ) snprintf(zOut, sizeof(zOut), "%s", b.z);
  th_buf_free(&b);
  return zOut;
}

static void unit_meta_html(void){
  ThPage p;
  static const char *const azArticle[] = {
    "Home",
    "H1:Gene therapy cuts bleeds in hemophilia B study",
    "By Marisol Whitcombe \xc2\xb7 June 9, 2021 \xc2\xb7 Updated June 11, 2021",
    "A single infusion allowed most men in the study to stop their weekly "
    "injections of clotting factor, according to data presented this week.",
    0
  };

  /* og:title without the site suffix; og:site_name; published time */
  build_page(&p, "Gene therapy cuts bleeds | GenomeWire",
             "Gene therapy cuts bleeds | GenomeWire", 0,
             "2021-06-09T14:30:00Z", "2021-06-11", 0, "GenomeWire", 0);
  CHECK_STR(field(&p, th_page_title), "Gene therapy cuts bleeds");
  CHECK_STR(field(&p, th_page_site), "GenomeWire");
  CHECK_STR(field(&p, th_page_date), "2021-06-09");
  CHECK_STR(field(&p, th_page_byline), "");
  th_page_free(&p);

  /* <title> 'Headline – Site' beside the <h1>: the site is the other part */
  build_page(&p, "CAR-T cells put lupus into remission "
             "\xe2\x80\x93 EuroMed Dispatch",
             0, "CAR-T cells put lupus into remission", 0,
             "2023-02-15T07:00:00+01:00", "Annika Lindgren-Okafor", 0, 0);
  CHECK_STR(field(&p, th_page_title), "CAR-T cells put lupus into remission");
  CHECK_STR(field(&p, th_page_site), "EuroMed Dispatch");
  CHECK_STR(field(&p, th_page_date), "2023-02-15");
  CHECK_STR(field(&p, th_page_byline), "Annika Lindgren-Okafor");
  th_page_free(&p);

  /* only <title>: the site part is cut when the site is known */
  build_page(&p, "The Helix Ledger: Base editing stops sickle cell crises",
             0, 0, 0, 0, 0, "The Helix Ledger", 0);
  CHECK_STR(field(&p, th_page_title), "Base editing stops sickle cell crises");
  th_page_free(&p);

  /* no metadata dates or author (an author URL is not a name): blocks */
  build_page(&p, 0, 0, 0, 0, 0, "https://example.org/author/mw", 0,
             azArticle);
  CHECK_STR(field(&p, th_page_title),
            "Gene therapy cuts bleeds in hemophilia B study");
  CHECK_STR(field(&p, th_page_date), "2021-06-09");
  CHECK_STR(field(&p, th_page_byline), "Marisol Whitcombe");
  th_page_free(&p);

  /* an empty page says nothing */
  build_page(&p, 0, 0, 0, 0, 0, 0, 0, 0);
  CHECK_STR(field(&p, th_page_title), "");
  CHECK_STR(field(&p, th_page_date), "");
  CHECK_STR(field(&p, th_page_site), "");
  th_page_free(&p);
}

void unit_dates(void){
  ThDate d;
  int nCount;

  /* every form with a year */
  CHECK_STR(one("Wednesday, April 17, 2019"), "2019-04-17");
  CHECK_STR(one("April 17, 2019"), "2019-04-17");
  CHECK_STR(one("Apr. 17, 2019"), "2019-04-17");
  CHECK_STR(one("Sept. 3, 2021"), "2021-09-03");
  CHECK_STR(one("Sep 3 2021"), "2021-09-03");
  CHECK_STR(one("17 April 2019"), "2019-04-17");
  CHECK_STR(one("24 February 2014"), "2014-02-24");
  CHECK_STR(one("24th February 2014"), "2014-02-24");
  CHECK_STR(one("24th of February 2014"), "2014-02-24");
  CHECK_STR(one("February 24th, 2014"), "2014-02-24");
  CHECK_STR(one("Thu 2 Mar 2023"), "2023-03-02");
  CHECK_STR(one("03 Sep 2023"), "2023-09-03");
  CHECK_STR(one("17-Apr-2019"), "2019-04-17");
  CHECK_STR(one("MARCH 9, 2021"), "2021-03-09");
  CHECK_STR(one("2019-04-17"), "2019-04-17");
  CHECK_STR(one("2019-04-17T10:00:00Z"), "2019-04-17");
  CHECK_STR(one("2023-02-15T07:00:00+01:00"), "2023-02-15");
  CHECK_STR(one("2022/05/18"), "2022-05-18");
  CHECK_STR(one("2022.5.18"), "2022-05-18");
  CHECK_STR(one("Mon, 03 Jun 2024 10:00:00 GMT"), "");
  CHECK_STR(all_dates("Mon, 03 Jun 2024 10:00:00 GMT"), "2024-06-03@0+16w");
  CHECK_STR(one("17.04.2019"), "2019-04-17");
  CHECK_STR(one("17-04-2019"), "2019-04-17");
  CHECK_STR(one("April 2019"), "2019-04");
  CHECK_STR(one("March, 2021"), "2021-03");
  CHECK_STR(one("  12 March 2021\n"), "2021-03-12");
  CHECK(th_parse_date("Wednesday, April 17, 2019", 25, 0, &d) && d.hasWeekday
        && d.form==TH_DATE_MONTH_DAY);
  CHECK(th_parse_date("2019-04-17T10:00:00Z", 20, 0, &d) && d.hasTime
        && d.form==TH_DATE_ISO);

  /* numeric day and month: a part above 12 decides, else day-first */
  CHECK_STR(one("17/04/2019"), "2019-04-17");
  CHECK_STR(one("04/17/2019"), "2019-04-17");
  CHECK_STR(one_mdy("04/17/2019"), "2019-04-17");
  CHECK_STR(one("03/04/2021"), "2021-04-03");
  CHECK_STR(one_mdy("03/04/2021"), "2021-03-04");
  CHECK_STR(one_mdy("05/05/2021"), "2021-05-05");
  CHECK(th_parse_date("03/04/2021", 10, 0, &d) && d.isAmbiguous
        && d.form==TH_DATE_NUM_DMY);
  CHECK(th_parse_date("04/17/2019", 10, 0, &d) && !d.isAmbiguous
        && d.form==TH_DATE_NUM_MDY);
  th_parse_date("03/04/2021", 10, 0, &d);
  th_date_month_first(&d);
  CHECK(d.month==3 && d.day==4 && !d.isAmbiguous);
  CHECK_STR(one("13/13/2021"), "");

  /* no year, not one date, impossible dates, years out of range */
  CHECK_STR(one("Updated 3 hours ago"), "");
  CHECK_STR(one("May 17"), "");
  CHECK_STR(one("in 2019"), "");
  CHECK_STR(one("2019"), "");
  CHECK_STR(one("Published: 12 March 2021"), "");
  CHECK_STR(one("February 30, 2021"), "");
  CHECK_STR(one("29 February 2021"), "");
  CHECK_STR(one("29 February 2020"), "2020-02-29");
  CHECK_STR(one("29 February 1900"), "");
  CHECK_STR(one("29 February 2000"), "2000-02-29");
  CHECK_STR(one("2019-02-30"), "");
  CHECK_STR(one("31/04/2021"), "");
  CHECK_STR(one("2019-13-01"), "");
  CHECK_STR(one("00/04/2021"), "");
  CHECK_STR(one("April 0, 2021"), "");
  CHECK_STR(one("12 March 1899"), "");
  CHECK_STR(one("12 March 2101"), "");
  CHECK_STR(one("1 January 1900"), "1900-01-01");
  CHECK_STR(one("December 31, 2100"), "2100-12-31");
  CHECK_STR(one("17/04/19"), "");
  CHECK_STR(one("may 2020"), "");
  CHECK_STR(one(""), "");

  /* numbers that are not dates */
  CHECK_STR(all_dates("Call 301-402-1663 or +44 20 7946 0321."), "");
  CHECK_STR(all_dates("EudraCT 2019-001234-56 and 2018-004512-37"), "");
  CHECK_STR(all_dates("CTRI/2020/06/026114, Press release 47/2021"), "");
  CHECK_STR(all_dates("DOI: 10.5555/jpgm.2021.0309 grant MU 4471/2-1"), "");
  CHECK_STR(all_dates("Phase 1/2, 1-800-555-0199, v4.2.1, 12.04.20191"), "");
  CHECK_STR(all_dates("id 112017/04/2019 x"), "");
  CHECK_STR(all_dates("In March the team met; Marching on 2019"), "");
  CHECK_STR(all_dates("Mayor 17, 2019 and Decimal 3 2020"), "");

  /* dates found in running text, with offsets */
  CHECK_STR(all_dates("Oct. 8, 2020 Updated: Oct. 9, 2020 6:12 a.m."),
            "2020-10-08@0+12 2020-10-09@22+12");
  CHECK_STR(all_dates("Published: 03 Sep 2023, 06:45 AM IST"),
            "2023-09-03@11+11");
  CHECK_STR(all_dates("Monday, December 12, 2022, 08:00 ET"),
            "2022-12-12@0+25w");
  CHECK_STR(all_dates("(2019/08/29) and 23/09/2021."),
            "2019-08-29@1+10 2021-09-23@17+10");
  CHECK_STR(all_dates("on 03/04/2021"), "2021-04-03@3+10?");
  CHECK_STR(all_dates("at ASH, December 10\xe2\x80\x93" "13, 2022."),
            "2022-12-10@8+22r");
  CHECK_STR(all_dates("Adelaide, 14\xe2\x80\x93" "17 October 2021."),
            "2021-10-14@10+20r");
  CHECK_STR(all_dates("the March 2021 issue"), "2021-03@4+10");
  CHECK_STR(all_dates("x2019-04-17 2019-04-17y"), "");
  CHECK_STR(all_dates("\"2021-06-09T14:30:00Z\""), "2021-06-09@1+20");

  /* the callback can stop the scan */
  nCount = 0;
  CHECK_INT(th_find_dates("1 May 2020, 2 May 2020", 22, stop_cb, &nCount), 7);
  CHECK_INT(nCount, 1);

  /* helpers */
  CHECK_INT(th_month_number("Sept", 4), 9);
  CHECK_INT(th_month_number("DECEMBER", 8), 12);
  CHECK_INT(th_month_number("Marc", 4), 0);
  CHECK(th_date_valid(2024, 2, 29) && !th_date_valid(2023, 2, 29));

  /* invalid UTF-8 and stray bytes are skipped */
  CHECK_STR(all_dates("\xff\xfe" "12 March 2021\xc3"), "2021-03-12@2+13");

  /* one pass over 10 MB: a date every ~100 bytes, all found */
  {
    static const char zChunk[] =
      "Trial 301-402-1663 was Updated 3 hours ago. Patients (n = 23) seen "
      "on 17 April 2019 and 2019-04-17T10:00:00Z. ";
    size_t nChunk = sizeof(zChunk) - 1, nBig = 10*1024*1024, i;
    char *zBig = sqlite3_malloc64(nBig);
    if( zBig ){
      for(i=0; i+nChunk<=nBig; i+=nChunk) memcpy(zBig+i, zChunk, nChunk);
      memset(zBig+i, ' ', nBig-i);
      nCount = 0;
      CHECK_INT(th_find_dates(zBig, nBig, count_cb, &nCount), 0);
      CHECK_INT(nCount, (int)(2*(nBig/nChunk)));
      sqlite3_free(zBig);
    }
  }

  unit_meta_html();
}
