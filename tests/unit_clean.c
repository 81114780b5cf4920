/*
** unit_clean.c -- the article classifier (ext/clean.c) on crafted pages:
** each kind of page furniture the issue names is removed, real text is
** kept however short, the headline is found and never part of the body,
** and the sample pages keep their first sentence and lose their furniture.
** The page texts are written for these tests.
*/
#include <stdio.h>
#include <stdlib.h>
#include "page.h"
#include "unit.h"

extern const char *const th_data_boilerplate[];
extern const char *const th_data_end_markers[];
extern const char *const th_data_list_headings[];
extern const char *const th_data_ad_labels[];
extern const char *const th_data_org_words[];
extern const char *const th_data_org_cues[];
extern const char *const th_data_tail_notes[];

/* The cleaned body of a page (format as given), or NULL.  sqlite3_free()
** it.  *piTitle gets the headline block's text start, or -1. */
static char *clean_page(const char *zPage, ThFormat format, ThPage *pOut){
  ThPage page;
  ThBuf b;
  char *z;
  th_buf_init(&b);
  if( th_page_load(&page, zPage, strlen(zPage), format)
   || th_page_classify(&page) || th_page_body(&page, &b) ){
    th_page_free(&page);
    th_buf_free(&b);
    return 0;
  }
  z = sqlite3_mprintf("%s", b.z ? b.z : "");
  th_buf_free(&b);
  if( pOut ) *pOut = page;
  else th_page_free(&page);
  return z;
}

static char *clean_text(const char *zPage){
  return clean_page(zPage, TH_FORMAT_TEXT, 0);
}

static int has(const char *z, const char *zNeedle){
  return z!=0 && strstr(z, zNeedle)!=0;
}

/* Number of paragraphs (separated by blank lines) of a body. */
static int paragraphs(const char *z){
  int n = 0;
  const char *p;
  if( z==0 || z[0]==0 ) return 0;
  for(n=1, p=z; (p = strstr(p, "\n\n"))!=0; p += 2) n++;
  return n;
}

/* Is each phrase list sorted by its first byte (the '!' of strong entries
** aside), as the binary search in clean.c needs? */
static int list_sorted(const char *const *az){
  int k;
  for(k=1; az[k]; k++){
    const char *a = az[k-1][0]=='!' ? az[k-1]+1 : az[k-1];
    const char *b = az[k][0]=='!' ? az[k]+1 : az[k];
    if( strcmp(a, b)>0 ) return 0;
  }
  return 1;
}

/* A news page with the usual furniture around a four-paragraph story. */
static const char zNews[] =
  "The Harbour Courier\n"
  "Skip to main content\n"
  "Sign in | Subscribe\n"
  "\n"
  "  \xe2\x80\xa2 Home\n"
  "  \xe2\x80\xa2 News\n"
  "  \xe2\x80\xa2 Health\n"
  "  \xe2\x80\xa2 Sport\n"
  "\n"
  "We use cookies to improve your experience. Accept | Manage\n"
  "\n"
  "Home \xe2\x80\xba Health \xe2\x80\xba Genetics\n"
  "\n"
  "Gene therapy lets a rowing coach see the night sky again\n"
  "\n"
  "A one-time eye injection restored night vision in six adults\n"
  "\n"
  "By Maren Holt, Science Reporter\n"
  "14 May 2024, 09:30 BST\n"
  "\n"
  "Listen to this article 4 min\n"
  "Share on X | Share on Facebook | Email\n"
  "\n"
  "A rowing coach who lost her night vision as a teenager can see stars "
  "again after a single injection of a gene therapy, her doctors said.\n"
  "\n"
  "ADVERTISEMENT\n"
  "\n"
  "The treatment was tested in six adults at a clinic in Bergen, and all "
  "of them could find their way through a dim maze a year later.\n"
  "\n"
  "\xe2\x80\x9cIt changed my evenings,\xe2\x80\x9d she said.\n"
  "\n"
  "Yes.\n"
  "\n"
  "Safety\n"
  "\n"
  "Side effects were mild and passed within weeks, the team reported in "
  "a journal of eye research.\n"
  "\n"
  "Register to listen to this article and to our podcasts.\n"
  "\n"
  "Sponsored\n"
  "Book a cruise along the fjords this summer and save a fifth.\n"
  "\n"
  "Join the conversation: comments are checked before they appear.\n"
  "\n"
  "Related stories\n"
  "  \xe2\x80\xa2 Eye drops slow short sight in children \xe2\x80\x93 "
  "2 May 2024, by Ola Berg\n"
  "  \xe2\x80\xa2 New hospital wing opens \xe2\x80\x93 29 April 2024, "
  "by Kari Lund\n"
  "\n"
  "Follow us on X and Facebook\n"
  "Privacy Policy | Terms of Use | Cookie settings\n"
  "\xc2\xa9 2024 Harbour Courier Media Ltd. All rights reserved.\n"
  "Back to top\n";

/* A press release with a list, an About block and a contact block. */
static const char zRelease[] =
  "Lindholm University Hospital\n"
  "\n"
  "Press release\n"
  "\n"
  "Hospital treats first patients with home-grown CAR-T cells\n"
  "\n"
  "LINDHOLM -- Doctors at Lindholm University Hospital have treated the "
  "first three patients with CAR-T cells made in the hospital's own "
  "laboratory, the hospital said on Monday.\n"
  "\n"
  "The patients received the cells within nine days of collection:\n"
  "  \xe2\x80\xa2 Two had lymphoma.\n"
  "  \xe2\x80\xa2 One had leukaemia.\n"
  "\n"
  "Speakers at the launch\n"
  "Dr. Ines Varga, Head of Haematology\n"
  "Prof. Olaf Berg, Director of the Cell Therapy Unit\n"
  "Dr. Mia Holm, Chief Executive Officer\n"
  "\n"
  "The hospital hopes to treat twenty patients a year from 2025 onwards "
  "and to share its methods with other centres in the region.\n"
  "\n"
  "About Lindholm University Hospital\n"
  "Lindholm University Hospital is one of the largest hospitals in the "
  "north, with 900 beds. Visit www.lindholm.example for more.\n"
  "\n"
  "Contact\n"
  "Press Office\n"
  "Phone: +47 555 01 234\n"
  "press@lindholm.example\n";

/* A hard-wrapped text dump: the lines of a paragraph are joined. */
static const char zWrapped[] =
  "Clinic letters\n"
  "\n"
  "What long follow-up means for families after gene therapy\n"
  "\n"
  "When a child is treated with a gene therapy, the family is asked to\n"
  "come back every year for blood tests, sometimes for fifteen years,\n"
  "because a few problems only show up late.\n"
  "\n"
  "Most families tell us that the visits are worth it, and many of them\n"
  "become friends with the nurses who run the clinic.\n";

static void check_sample(const char *zName, const char *zFirst,
                         const char *zAbsent){
  char zPath[256];
  FILE *f;
  long n;
  char *zPage, *zBody;
  snprintf(zPath, sizeof(zPath), "samples/%s", zName);
  f = fopen(zPath, "rb");
  if( f==0 ){
    unit_check(0, __FILE__, __LINE__, zPath, "readable", "cannot open");
    return;
  }
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  zPage = malloc((size_t)n + 1);
  if( zPage==0 || fread(zPage, 1, (size_t)n, f)!=(size_t)n ){
    fclose(f);
    free(zPage);
    unit_check(0, __FILE__, __LINE__, zPath, "read", "short read");
    return;
  }
  zPage[n] = 0;
  fclose(f);
  zBody = clean_page(zPage, TH_FORMAT_AUTO, 0);
  unit_check(zBody && strncmp(zBody, zFirst, strlen(zFirst))==0, __FILE__,
             __LINE__, zName, zFirst, zBody ? zBody : "(null)");
  unit_check(zBody && !has(zBody, zAbsent), __FILE__, __LINE__, zName,
             zAbsent, "(present)");
  sqlite3_free(zBody);
  free(zPage);
}

/* The general rules for furniture near the headline and at the end of a
** story, each on a crafted page. */
static void unit_clean_general_rules(void){
  char *z;
  ThPage page;

  /* a share bar between the headline and the text is no menu: the
  ** headline is found and the standfirst under it kept; a masthead's
  ** tagline is not the headline; a parts line with a reading time goes */
  z = clean_page(
    "The Lakeside Chronicle\n"
    "Your county's daily paper since 1902\n"
    "\n"
    "News | Sport | Weather | Opinion\n"
    "\n"
    "Home \xe2\x80\xba Health\n"
    "\n"
    "Gut bacteria transplant helps hospital patients fight infection\n"
    "\n"
    "Most of the forty patients stayed free of the infection a year on\n"
    "\n"
    "School of Public Health \xc2\xb7 4 min read\n"
    "\n"
    "Share | Email | Print\n"
    "\n"
    "Doctors at the county hospital gave forty patients a transplant of "
    "gut bacteria from healthy donors, and most stayed free of the "
    "infection that had kept coming back for months.\n"
    "\n"
    "The treatment is cheap and quick, the team said, and they now want "
    "to test it in a larger group of older patients next year.\n",
    TH_FORMAT_TEXT, &page);
  CHECK(z && strncmp(z, "Most of the forty patients stayed free", 38)==0);
  CHECK(!has(z, "4 min read") && !has(z, "School of Public Health"));
  CHECK(!has(z, "since 1902") && !has(z, "Gut bacteria transplant"));
  CHECK(page.iTitle>=0 && strncmp(page.text.z + page.aBlock[page.iTitle].iStart,
                                  "Gut bacteria transplant", 23)==0);
  th_page_free(&page);
  sqlite3_free(z);

  /* a menu with a weather widget is navigation, not the headline */
  z = clean_page(
    "The Valley Times\n"
    "\n"
    "News Sports Obituaries Opinion Business Weather 61\xc2\xb0" "F\n"
    "\n"
    "Health\n"
    "\n"
    "New clinic brings kidney dialysis closer to rural families\n"
    "\n"
    "The clinic opened on Monday with twelve chairs and a team of six "
    "nurses, and it will save some families a drive of two hours.\n"
    "\n"
    "Patients had asked for a clinic in the valley for many years, the "
    "director said at the opening ceremony.\n",
    TH_FORMAT_TEXT, &page);
  CHECK(page.iTitle>=0 && strncmp(page.text.z + page.aBlock[page.iTitle].iStart,
                                  "New clinic brings", 17)==0);
  th_page_free(&page);
  sqlite3_free(z);

  /* a long cookie banner, an investor call notice in the middle of a
  ** press release (the About block of the trial after it stays), and at
  ** the end an editing note, a views disclaimer and the writer's bio */
  z = clean_text(
    "We value your privacy. We and our 300 partners store and read "
    "information on your device, such as cookies and unique identifiers, "
    "to show you personalised adverts and content, to measure them, and "
    "to learn about our audiences. You can change your mind at any time "
    "in the settings at the foot of the page, and you can object.\n"
    "\n"
    "Orchard Bio starts second study of its eye gene therapy\n"
    "\n"
    "Orchard Bio said today that it has dosed the first patient in its "
    "second study of OB-12, a gene therapy for a rare disease of the "
    "retina that leads to blindness in early adult life.\n"
    "\n"
    "The study will enrol thirty adults at six centres in Europe and will "
    "report its first results at the end of next year.\n"
    "\n"
    "Conference Call and Webcast\n"
    "Orchard Bio will host a call for investors at 8:00 a.m. today. "
    "Dial 1-800-555-0100 and use passcode 1234 to join the call.\n"
    "\n"
    "About the VISTA-2 study\n"
    "VISTA-2 is a phase 2 study of OB-12 in adults with the disease, "
    "which is registered as NCT01234567.\n"
    "\n"
    "This interview has been edited for length and clarity.\n"
    "\n"
    "The views expressed in this post are the author's own and are not "
    "advice.\n"
    "\n"
    "Pat Keane-Olsen is a freelance blogger for the charity and lives "
    "near the coast.\n");
  CHECK(z && strncmp(z, "Orchard Bio said today", 22)==0);
  CHECK(!has(z, "cookies") && !has(z, "passcode") && !has(z, "Webcast"));
  CHECK(has(z, "registered as NCT01234567."));
  CHECK(!has(z, "edited for length") && !has(z, "views expressed"));
  CHECK(!has(z, "Pat Keane-Olsen"));
  sqlite3_free(z);

  /* publication notes at the end of a syndicated story */
  z = clean_text(
    "River towns test a new flood warning app\n"
    "\n"
    "Three river towns have started testing a phone app that warns "
    "people of floods two hours earlier than the sirens did.\n"
    "\n"
    "The app uses readings from forty sensors placed along the river "
    "last spring, the engineers said on Tuesday.\n"
    "\n"
    "The Valley Syndicate's science coverage is paid for in part by a "
    "foundation. The Syndicate is solely responsible for all content.\n"
    "\n"
    "Copyright 2031 The Valley Syndicate. All rights reserved. This "
    "material may not be published, broadcast or rewritten.\n");
  CHECK(z && has(z, "engineers said on Tuesday."));
  CHECK(!has(z, "solely responsible") && !has(z, "Copyright"));
  sqlite3_free(z);

  /* HTML: a pull quote with its <cite> that repeats the text goes, the
  ** headline is found through an og:title that holds the site name */
  z = clean_page(
    "<html><head><meta property=\"og:title\" content=\"Sleep study "
    "finds teenagers need more rest - The Daily Owl\"></head><body>"
    "<div class=\"title\">Sleep study finds teenagers need more rest</div>"
    "<div class=\"sub\">Most of the pupils slept less than seven hours a "
    "night during the school term</div>"
    "<article><p>A study of two thousand pupils found that most of them "
    "slept less than seven hours a night during term, well below what "
    "doctors advise for their age.</p>"
    "<blockquote><p>\xe2\x80\x9cSleep is the cheapest medicine we "
    "have.\xe2\x80\x9d</p><cite>Dr. Ada Voss</cite></blockquote>"
    "<p>\xe2\x80\x9cSleep is the cheapest medicine we have. Schools "
    "could start later,\xe2\x80\x9d said Dr. Ada Voss, who led the study "
    "at a university hospital.</p></article></body></html>",
    TH_FORMAT_HTML, 0);
  CHECK(z && strncmp(z, "Most of the pupils slept less", 29)==0);
  CHECK(has(z, "Schools could start later"));
  CHECK(!has(z, "\xe2\x80\x9d Dr. Ada Voss"));
  sqlite3_free(z);
}

void unit_clean(void){
  char *z;
  ThPage page;

  /* the phrase lists are sorted for the binary search */
  CHECK(list_sorted(th_data_boilerplate));
  CHECK(list_sorted(th_data_end_markers));
  CHECK(list_sorted(th_data_list_headings));
  CHECK(list_sorted(th_data_ad_labels));
  CHECK(list_sorted(th_data_org_words));
  CHECK(list_sorted(th_data_org_cues));
  CHECK(list_sorted(th_data_tail_notes));
  unit_clean_general_rules();

  /* --- a news page: every kind of furniture goes ------------------------ */
  z = clean_page(zNews, TH_FORMAT_TEXT, &page);
  CHECK(z!=0);
  /* standfirst first, then the story */
  CHECK(z && strncmp(z, "A one-time eye injection restored night vision", 46)==0);
  CHECK(has(z, "A rowing coach who lost her night vision"));
  CHECK(has(z, "could find their way through a dim maze a year later."));
  CHECK(has(z, "Side effects were mild"));
  CHECK(!has(z, "Skip to main content"));                 /* skip link */
  CHECK(!has(z, "Sport"));                                /* menu */
  CHECK(!has(z, "Genetics"));                             /* breadcrumb */
  CHECK(!has(z, "cookies"));                              /* cookie note */
  CHECK(!has(z, "Subscribe") && !has(z, "Sign in"));      /* sign-in bar */
  CHECK(!has(z, "Maren Holt") && !has(z, "09:30"));       /* byline, date */
  CHECK(!has(z, "Listen to this") && !has(z, "Share on"));/* widgets */
  CHECK(!has(z, "ADVERTISEMENT"));                        /* advert label */
  CHECK(!has(z, "cruise"));                               /* sponsor blurb */
  CHECK(!has(z, "Register to listen"));                   /* register prompt */
  CHECK(!has(z, "Join the conversation"));                /* comment prompt */
  CHECK(!has(z, "Eye drops") && !has(z, "Kari Lund"));    /* related list */
  CHECK(!has(z, "Follow us"));                            /* social links */
  CHECK(!has(z, "Privacy Policy") && !has(z, "rights reserved")); /* footer */
  CHECK(!has(z, "Back to top"));
  CHECK(!has(z, "Safety"));                   /* subheading of one word */
  /* short real paragraphs stay: a quote and a one-word answer */
  CHECK(has(z, "\xe2\x80\x9cIt changed my evenings,\xe2\x80\x9d she said."));
  CHECK(has(z, "\n\nYes.\n\n"));
  CHECK_INT(paragraphs(z), 6);
  /* the headline is found and is not body */
  CHECK(page.iTitle>=0 && strncmp(page.text.z + page.aBlock[page.iTitle].iStart,
        "Gene therapy lets a rowing coach", 32)==0);
  CHECK(!has(z, "Gene therapy lets a rowing coach"));
  CHECK(page.iBodyFirst>page.iTitle && page.iBodyLast>=page.iBodyFirst);
  th_page_free(&page);
  sqlite3_free(z);

  /* --- a press release ------------------------------------------------- */
  z = clean_text(zRelease);
  CHECK(has(z, "LINDHOLM -- Doctors at Lindholm University Hospital"));
  CHECK(has(z, "The patients received the cells within nine days"));
  CHECK(has(z, "\n\nTwo had lymphoma.\n\nOne had leukaemia."));  /* a list */
  CHECK(has(z, "to share its methods with other centres in the region."));
  CHECK(!has(z, "Ines Varga") && !has(z, "Olaf Berg"));  /* list of names */
  CHECK(!has(z, "900 beds"));                            /* About <org> */
  CHECK(!has(z, "555") && !has(z, "Press Office"));      /* contact block */
  CHECK(!has(z, "Hospital treats first patients"));      /* headline */
  sqlite3_free(z);

  /* --- a caption glued to the first paragraph is cut off --------------- */
  z = clean_text("Ward news\n\nNew clinic treats its first child with a gene "
                 "therapy\n\nA nurse and a child in a ward A nurse and a child "
                 "in a ward.Ward News/K. Dale The clinic treated its first "
                 "child on Tuesday, two years after it opened.\n\nThe boy is "
                 "doing well.\n");
  CHECK(z && strncmp(z, "The clinic treated its first child on Tuesday", 45)==0);
  CHECK(!has(z, "A nurse and a child"));
  sqlite3_free(z);
  z = clean_text("Ward news\n\nNew clinic treats its first child with a gene "
                 "therapy\n\nA nurse holds a toy. Photo: K. Dale/Ward News The "
                 "clinic treated its first child on Tuesday, two years after "
                 "it opened.\n\nThe boy is doing well.\n");
  CHECK(z && strncmp(z, "The clinic treated its first child on Tuesday", 45)==0);
  CHECK(!has(z, "Photo"));
  sqlite3_free(z);
  /* a caption line of its own, with its credit */
  z = clean_text("Ward news\n\nNew clinic treats its first child\n\nA nurse "
                 "holds a toy in the new ward. (Photo: K. Dale/Ward News)\n\n"
                 "The clinic treated its first child on Tuesday, two years "
                 "after it opened.\n");
  CHECK(z && strcmp(z, "The clinic treated its first child on Tuesday, two "
                       "years after it opened.")==0);
  sqlite3_free(z);

  /* --- hard-wrapped prose is joined with a space ----------------------- */
  z = clean_text(zWrapped);
  CHECK(has(z, "the family is asked to come back every year for blood tests, "
               "sometimes for fifteen years, because"));
  CHECK_INT(paragraphs(z), 2);
  CHECK(!has(z, "What long follow-up means"));           /* headline */
  sqlite3_free(z);

  /* --- text with no furniture at all is kept whole --------------------- */
  z = clean_text("The first patient was treated in 2019.\n\nShe is well.\n");
  CHECK(z && strcmp(z, "The first patient was treated in 2019.\n\nShe is well.")==0);
  sqlite3_free(z);
  z = clean_text("");
  CHECK(z && z[0]==0);
  sqlite3_free(z);
  z = clean_text("Home\nNews\nSign in\nPrivacy Policy\n");
  CHECK(z && z[0]==0);
  sqlite3_free(z);

  /* --- an HTML page built from blocks: markup hints and the og:title ---- */
  {
    ThBuf b;
    static const char *const azBlock[] = {
      "Home", "News", "Base editing trial reports early results",
      "A small trial of base editing in adults with a blood disorder has "
      "reported early results, with all four patients making healthy "
      "haemoglobin a year after treatment.",
      "The patients will be followed for fifteen years.",
      "Gene Notes is written by retired scientists who explain new research "
      "in plain language, and it is funded by its readers alone.",
    };
    static const int aKind[] = {
      TH_BLOCK_ITEM, TH_BLOCK_ITEM, TH_BLOCK_HEADING, TH_BLOCK_PARA,
      TH_BLOCK_PARA, TH_BLOCK_PARA
    };
    static const unsigned int aFlag[] = {
      TH_IN_CHROME|TH_LINKY, TH_IN_CHROME|TH_LINKY, TH_IN_ARTICLE,
      TH_IN_ARTICLE, TH_IN_ARTICLE, TH_IN_CHROME
    };
    int i;
    th_page_init(&page);
    page.format = TH_FORMAT_HTML;
    for(i=0; i<6; i++){
      th_page_add_block(&page, azBlock[i], strlen(azBlock[i]), aKind[i],
                        aKind[i]==TH_BLOCK_HEADING ? 1 : 0, aFlag[i]);
    }
    page.meta.zOgTitle = sqlite3_mprintf("%s", azBlock[2]);
    th_buf_init(&b);
    CHECK_INT(th_page_classify(&page), SQLITE_OK);
    CHECK_INT(th_page_body(&page, &b), SQLITE_OK);
    CHECK_INT(page.iTitle, 2);
    CHECK(b.z && strncmp(b.z, "A small trial of base editing", 29)==0);
    CHECK(has(b.z, "followed for fifteen years."));
    CHECK(!has(b.z, "Gene Notes") && !has(b.z, "Home"));
    th_buf_free(&b);
    th_page_free(&page);
  }

  /* --- the samples keep their first sentence and lose their furniture --- */
  check_sample("01_lentiviral_xscid_press_release.txt",
               "Lentiviral approach tested at two children", "NCPIR conducts");
  check_sample("02_aav_hemophilia_b_news.html",
               "Phase IIb results show most men stopped", "Related stories");
  check_sample("03_retroviral_ada_scid_history_magazine.txt",
               "Thirty years after doctors first put", "free articles");
  check_sample("04_aav_sma_news.txt",
               "A gene therapy delivered by a single spinal", "ADVERTISEMENT");
  check_sample("05_aav_rpe65_hospital_news.txt",
               "Lindenau eye clinic reports first results", "1,450 beds");
  check_sample("06_cart_ball_uk_news.txt",
               "Re-engineered immune cells caused fewer", "Read more");
  check_sample("07_cart_lupus_news.html",
               "A treatment developed for blood cancer",
               "\n\n\xe2\x80\x9cI haven\xe2\x80\x99t seen");  /* pull quote */
  check_sample("08_cart_myeloma_bcma_press_release.txt",
               "92% overall response rate", "Forward-looking");
  check_sample("09_cart_dlbcl_abstract.txt",
               "Aims: Commercial CD19 chimeric", "Disclosures");
  check_sample("10_base_editing_sickle_cell_blog.html",
               "MADRID \xe2\x80\x94 The first people to receive", "Disclosure");
  check_sample("11_in_vivo_base_editing_paywall.txt",
               "In vivo base editing of PCSK9 reaches", "subscribers only");
  check_sample("12_lentiviral_mld_japan_news.txt",
               "OSAKA -- Doctors at Naniwa University", "Japanese original");
  check_sample("13_hsct_thalassaemia_india_news.txt",
               "HYDERABAD: A trial at the city-based", "Also Read");
  check_sample("14_spun_gene_therapy_thalassemia_blog.txt",
               "A brand new gene remedy has freed", "Learn Extra");
  check_sample("15_explainer_gene_cell_therapy_basics.txt",
               "Gene therapy adds, replaces or switches", "On this page");
}
