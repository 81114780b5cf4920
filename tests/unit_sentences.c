/* unit_sentences.c -- the plain-C sentence splitter (sentence_split.c). */
#include "sentence_split.h"
#include "unit.h"

/* Collects the sentences of a text as "one|two|three". */
typedef struct Joined {
  const char *z;          /* the text being split */
  char zOut[2048];        /* the sentences joined by '|' */
  size_t nOut;
  int nSentence;
  int nStopAfter;         /* > 0: return 7 after that many sentences */
} Joined;

static int join_sentence(void *pCtx, size_t iStart, size_t nLen){
  Joined *p = (Joined*)pCtx;
  if( p->nSentence>0 && p->nOut+1<sizeof(p->zOut) ) p->zOut[p->nOut++] = '|';
  if( p->nOut+nLen<sizeof(p->zOut) ){
    memcpy(p->zOut + p->nOut, p->z + iStart, nLen);
    p->nOut += nLen;
  }
  p->zOut[p->nOut] = 0;
  p->nSentence++;
  if( p->nStopAfter>0 && p->nSentence>=p->nStopAfter ) return 7;
  return 0;
}

static Joined g;

static const char *split(const char *z){
  memset(&g, 0, sizeof(g));
  g.z = z;
  th_split_sentences(z, strlen(z), join_sentence, &g);
  return g.zOut;
}

static int count(const char *z, size_t n){
  memset(&g, 0, sizeof(g));
  g.z = z;
  th_split_sentences(z, n, join_sentence, &g);
  return g.nSentence;
}

/* The paragraph numbers of the sentences, as digits: "1123". */
static const char *paragraphs(const char *z){
  static char zOut[64];
  ThSentenceScan s;
  size_t iStart, nLen, n = 0;
  th_sentence_scan_init(&s, z, strlen(z));
  while( n+1<sizeof(zOut) && th_sentence_scan_next(&s, &iStart, &nLen) ){
    zOut[n++] = (char)('0' + s.iParagraph % 10);
  }
  zOut[n] = 0;
  return zOut;
}

void unit_sentences(void){
  ThSentenceScan s;
  size_t iStart = 0, nLen = 0;

  CHECK_INT(th_sentence_tables_check(), 0);

  /* terminators and the end of the text */
  CHECK_STR(split("Gene therapy works. It is new."),
            "Gene therapy works.|It is new.");
  CHECK_STR(split("Is it safe? Yes! The data agree"),
            "Is it safe?|Yes!|The data agree");
  CHECK_STR(split("We waited\xe2\x80\xa6 Then it worked."),
            "We waited\xe2\x80\xa6|Then it worked.");
  /* an ellipsis inside a sentence */
  CHECK_STR(split("The results\xe2\x80\xa6 were mixed... at first."),
            "The results\xe2\x80\xa6 were mixed... at first.");
  CHECK_STR(split("Vectors work.  "), "Vectors work.");

  /* spans are trimmed; empty text has none */
  th_sentence_scan_init(&s, "  Hello there.  ", 16);
  CHECK(th_sentence_scan_next(&s, &iStart, &nLen)==1
        && iStart==2 && nLen==12);
  CHECK(th_sentence_scan_next(&s, &iStart, &nLen)==0);
  CHECK_INT(count("", 0), 0);
  CHECK_INT(count(" \n\t\r\n  \n", 8), 0);
  CHECK_INT(count(0, 0), 0);

  /* titles never end a sentence */
  CHECK_STR(split("Dr. Ruiz and Prof. Okoye met Mr. Lee and Mrs. Tan. "
                  "Ms. Ito joined. Sen. Park and Rep. Diaz spoke."),
            "Dr. Ruiz and Prof. Okoye met Mr. Lee and Mrs. Tan.|"
            "Ms. Ito joined.|Sen. Park and Rep. Diaz spoke.");
  CHECK_STR(split("She trained at St. Vitus Hospital. Gen. Hale visited."),
            "She trained at St. Vitus Hospital.|Gen. Hale visited.");
  CHECK_STR(split("Martin Luther King Jr. Day is a holiday."),
            "Martin Luther King Jr. Day is a holiday.");
  CHECK_STR(split("says Prof. Dr. med. Anna Vogt. Later, more."),
            "says Prof. Dr. med. Anna Vogt.|Later, more.");

  /* et al., e.g., i.e., cf., vs., etc. */
  CHECK_STR(split("K. Osei et al. Vector safety in mice. Blood 2020."),
            "K. Osei et al. Vector safety in mice.|Blood 2020.");
  CHECK_STR(split("Some drugs, e.g. Rituximab, help. Others, i.e. "
                  "Steroids, do not (cf. Table 2) vs. Placebo."),
            "Some drugs, e.g. Rituximab, help.|Others, i.e. "
            "Steroids, do not (cf. Table 2) vs. Placebo.");
  CHECK_STR(split("T cells, B cells, etc. were counted. We used AAV, "
                  "LNPs etc. The rest failed."),
            "T cells, B cells, etc. were counted.|We used AAV, LNPs etc.|"
            "The rest failed.");

  /* U.S. and U.K.: no split before a name, a split before an opener
  ** word such as "The" (the documented choice) */
  CHECK_STR(split("The U.S. Food and Drug Administration approved it in "
                  "the U.K. and the U.S. last year."),
            "The U.S. Food and Drug Administration approved it in "
            "the U.K. and the U.S. last year.");
  CHECK_STR(split("It was approved in the U.S. The trial goes on."),
            "It was approved in the U.S.|The trial goes on.");
  CHECK_STR(split("It was approved in the U.S. Regulators agreed."),
            "It was approved in the U.S. Regulators agreed.");
  CHECK_STR(split("The call is at 4:30 p.m. Eastern time. At 5 p.m. "
                  "The call ended."),
            "The call is at 4:30 p.m. Eastern time.|At 5 p.m.|"
            "The call ended.");

  /* Fig., No., Vol., approx., p., months */
  CHECK_STR(split("As shown in Fig. 2 and Figs. 3-4, patient No. 5 and "
                  "company no. 4471 used approx. 40 vials (Vol. 12, "
                  "p. 7). Done."),
            "As shown in Fig. 2 and Figs. 3-4, patient No. 5 and "
            "company no. 4471 used approx. 40 vials (Vol. 12, p. 7).|"
            "Done.");
  CHECK_STR(split("It works. (See Fig. 2.) Next."),
            "It works.|(See Fig. 2.)|Next.");
  CHECK_STR(split("On Jan. 5 and Sept. 30, 2021 it ran. In Oct. The end."),
            "On Jan. 5 and Sept. 30, 2021 it ran.|In Oct.|The end.");

  /* Inc. and friends: no split before lowercase or '(' */
  CHECK_STR(split("Acme Bio Inc. (Nasdaq: ACMB) said so. Acme Bio Inc. "
                  "announced it. It was sold to Zeta Ltd. The price rose."),
            "Acme Bio Inc. (Nasdaq: ACMB) said so.|Acme Bio Inc. "
            "announced it.|It was sold to Zeta Ltd.|The price rose.");
  CHECK_STR(split("The vector was made by Acme Bio Inc."),
            "The vector was made by Acme Bio Inc.");

  /* initials, also non-ASCII, and single letters that end sentences */
  CHECK_STR(split("J. R. Okafor and \xc3\x98. Berg wrote it, led by "
                  "A. Lim. It helps in hemophilia B. Patients agree."),
            "J. R. Okafor and \xc3\x98. Berg wrote it, led by A. Lim.|"
            "It helps in hemophilia B.|Patients agree.");
  CHECK_STR(split("E. Amadi spoke first. Then came vitamin A. The end."),
            "E. Amadi spoke first.|Then came vitamin A.|The end.");

  /* decimals, versions, sections, URLs, e-mail, DOIs */
  CHECK_STR(split("Doses of 2.5 mg and .5 mg (0.5) were used. Version "
                  "2.0.1 in section 3.2 applies. See www.nih.gov or "
                  "info@lab.example.org. The DOI is 10.1056/NEJMoa0000001 "
                  "today."),
            "Doses of 2.5 mg and .5 mg (0.5) were used.|Version 2.0.1 in "
            "section 3.2 applies.|See www.nih.gov or info@lab.example.org.|"
            "The DOI is 10.1056/NEJMoa0000001 today.");
  CHECK_STR(split("Cells grew in 2019. 12 mice died."),
            "Cells grew in 2019.|12 mice died.");

  /* quotes and brackets stay with their sentence */
  CHECK_STR(split("He said, \xe2\x80\x9cIt works.\xe2\x80\x9d Then he left."),
            "He said, \xe2\x80\x9cIt works.\xe2\x80\x9d|Then he left.");
  CHECK_STR(split("\"Yes.\" Then 'no.' Done (really.) Fine."),
            "\"Yes.\"|Then 'no.'|Done (really.)|Fine.");
  /* '?' and '!' inside quotes followed by lowercase do not split */
  CHECK_STR(split("\xe2\x80\x9cWhy?\xe2\x80\x9d she asked. "
                  "\xe2\x80\x9cNow!\xe2\x80\x9d he said."),
            "\xe2\x80\x9cWhy?\xe2\x80\x9d she asked.|"
            "\xe2\x80\x9cNow!\xe2\x80\x9d he said.");
  CHECK_STR(split("It worked.[12] Next one."), "It worked.[12]|Next one.");
  CHECK_STR(split("It failed. mRNA vaccines worked."),
            "It failed.|mRNA vaccines worked.");

  /* lines and paragraphs */
  CHECK_STR(split("Gene therapy restores sight\nA new trial shows it.\n"),
            "Gene therapy restores sight|A new trial shows it.");
  CHECK_STR(split("The trial enrolled\nfourteen patients in\nall."),
            "The trial enrolled\nfourteen patients in\nall.");
  CHECK_STR(split("Key findings:\n  \xe2\x80\xa2 First item\n  "
                  "\xe2\x80\xa2 Second item\n- Third item"),
            "Key findings:|\xe2\x80\xa2 First item|\xe2\x80\xa2 Second item|"
            "- Third item");
  CHECK_STR(split("It worked.\nthen it failed."),
            "It worked.|then it failed.");
  CHECK_STR(split("We thank Dr.\nRuiz and e.g.\nLee."),
            "We thank Dr.\nRuiz and e.g.\nLee.");
  CHECK_STR(split("We thank Dr.\n\nRuiz"), "We thank Dr.|Ruiz");
  CHECK_STR(split("Based in Bethesda,\nMaryland\n1. The short answer\n"
                  "2. What genes do"),
            "Based in Bethesda,\nMaryland|1. The short answer|"
            "2. What genes do");
  CHECK_STR(split("First published 2021\nhttps://doi.org/10.5555/x.1"),
            "First published 2021|https://doi.org/10.5555/x.1");
  CHECK_STR(split("First.\r\nSecond.\r\n\r\nThird\xe2\x80\xa8" "Fourth"),
            "First.|Second.|Third|Fourth");
  CHECK_STR(paragraphs("Headline\n\nOne. Two.\n \t\n\n\nThree.\nFour."),
            "12233");
  CHECK_STR(split("Done.\xc2\xa0Next one."), "Done.|Next one.");

  /* the callback can stop the scan; its code is returned */
  memset(&g, 0, sizeof(g));
  g.z = "One. Two. Three.";
  g.nStopAfter = 2;
  CHECK_INT(th_split_sentences(g.z, 16, join_sentence, &g), 7);
  CHECK_STR(g.zOut, "One.|Two.");

  /* invalid UTF-8 and NUL bytes are ordinary bytes */
  CHECK_INT(count("A\xff. B\x80\xc3. C\0dd. E", 16), 4);
  CHECK_STR(split("\xe2\x80\xa6\xe2\x80\xa6 \x80\x80 ok"),
            "\xe2\x80\xa6\xe2\x80\xa6 \x80\x80 ok");
}
