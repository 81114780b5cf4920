/* unit_lexmatch.c -- the term matcher (lexmatch.c): longest match, whole
** words, case rules, dash/quote/accent folding, offsets in the original
** text, two lexicons, plurals, chunked scanning of big texts. */

#include <stdlib.h>
#include "therapy_int.h"
#include "lexmatch.h"
#include "fold.h"
#include "unit.h"

/* ---- helpers ------------------------------------------------------------ */

/* Matches collected by collect(): "span=term" (or "L1:span=term" for the
** lexicon apLex[1], and so on) joined by ", ". */
typedef struct Found {
  const char *zText;
  const ThLexicon *apLex[3];
  char z[2048];
  int nMatch;
  int nStop;              /* callback returns SQLITE_DONE at this match */
  size_t iStart, nLen;    /* span of the last match */
} Found;

static int collect(void *pCtx, int iLex, int iTerm, size_t iStart,
                   size_t nLen){
  Found *p = (Found*)pCtx;
  const ThLexTerm *pTerm = th_lexicon_term(p->apLex[iLex], iTerm);
  size_t n = strlen(p->z);
  if( iLex ){
    snprintf(p->z+n, sizeof(p->z)-n, "%sL%d:", n ? ", " : "", iLex);
  }else if( n ){
    snprintf(p->z+n, sizeof(p->z)-n, ", ");
  }
  n = strlen(p->z);
  snprintf(p->z+n, sizeof(p->z)-n, "%.*s=%s", (int)nLen, p->zText+iStart,
           pTerm ? pTerm->zTerm : "?");
  p->nMatch++;
  p->iStart = iStart;
  p->nLen = nLen;
  if( p->nStop && p->nMatch>=p->nStop ) return SQLITE_DONE;
  return SQLITE_OK;
}

/* A lexicon built from TSV lines (NULL-terminated), or NULL. */
static ThLexicon *lex_of(const char *const *azLine){
  ThLexicon *p = 0;
  if( th_lexicon_new(&p) ) return 0;
  if( th_lexicon_add_tsv(p, azLine, 0) ){
    th_lexicon_free(p);
    return 0;
  }
  return p;
}

/* The matches of one or two lexicons in zText, as collect() writes them. */
static const char *scan2(const ThLexicon *p0, const ThLexicon *p1,
                         const char *zText){
  static Found f;
  memset(&f, 0, sizeof(f));
  f.zText = zText;
  f.apLex[0] = p0;
  f.apLex[1] = p1;
  if( th_lexicon_scan(f.apLex, p1 ? 2 : 1, zText, strlen(zText), collect, &f) ){
    return "(error)";
  }
  return f.z;
}

static const char *scan1(const ThLexicon *p, const char *zText){
  return scan2(p, 0, zText);
}

/* Counts matches and checks each span equals the term (ASCII terms). */
typedef struct Counter {
  const char *zText;
  const ThLexicon *pLex;
  long nMatch, nWrong;
  size_t iLastStart;       /* start of the previous match */
  size_t iLast;            /* end of the previous match */
} Counter;

static int count_match(void *pCtx, int iLex, int iTerm, size_t iStart,
                       size_t nLen){
  Counter *p = (Counter*)pCtx;
  const ThLexTerm *pTerm = th_lexicon_term(p->pLex, iTerm);
  (void)iLex;
  p->nMatch++;
  if( pTerm==0 || strlen(pTerm->zTerm)!=nLen
   || (iStart<p->iLast && iStart!=p->iLastStart)
   || memcmp(pTerm->zTerm, p->zText+iStart, nLen)!=0 ){
    p->nWrong++;
  }
  p->iLastStart = iStart;
  p->iLast = iStart + nLen;
  return SQLITE_OK;
}

/* ---- the terms used by most tests ---------------------------------------- */

static const char *const azBase[] = {
  "# a comment line, then a blank line",
  "",
  "B-cell acute lymphoblastic leukaemia\tdisease\tB-ALL\t\t",
  "acute lymphoblastic leukaemia\tdisease\tALL\t\t",
  "leukaemia\tdisease\tleukaemia\t\t",
  "B-cell\tcell_type\tB cell\t\t",
  "CART\tmodality\tCAR-T\tcar_t\tcs",
  "CAR-T\tmodality\tCAR-T\tcar_t\t",
  "CAR-Ts\tmodality\tCAR-T\tcar_t\t",
  "CAR T\tmodality\tCAR-T\tcar_t\tcs",
  "CAR\tgene\tCAR\t\t",
  "ADA\tgene\tADA\t\tcs",
  "ADA-SCID\tdisease\tADA-SCID\t\t",
  "WAS\tgene\tWAS\t\tcs",
  "WAS\tdisease\tWiskott-Aldrich syndrome\t\tcs",
  "AAV\tvector\tAAV\tgene_therapy\t",
  "Kymriah\tproduct\tKymriah\tcar_t\t",
  "Yescarta\tproduct\tYescarta\tcar_t\t",
  "Hodgkin's lymphoma\tdisease\tHodgkin lymphoma\t\t",
  "Universit\xc3\xa4t Z\xc3\xbcrich\torganisation\tUniversity of Zurich\t\t",
  "Stra\xc3\x9f" "e\torganisation\tStrasse\t\t",
  "N Engl J Med\tjournal\tNEJM\t\tcs",
  "N Engl J Med.\tjournal\tNEJM\t\tcs",
  0
};

/* ---- tests -------------------------------------------------------------- */

static void unit_lexmatch_basic(ThLexicon *p){
  /* longest match, then the rest */
  CHECK_STR(scan1(p, "Children with B-cell acute lymphoblastic leukaemia "
                     "and adults with leukaemia."),
            "B-cell acute lymphoblastic leukaemia=B-cell acute lymphoblastic"
            " leukaemia, leukaemia=leukaemia");
  CHECK_STR(scan1(p, "acute lymphoblastic leukaemia"),
            "acute lymphoblastic leukaemia=acute lymphoblastic leukaemia");
  CHECK_STR(scan1(p, "B-cell lymphoma"), "B-cell=B-cell");
  /* whole words only */
  CHECK_STR(scan1(p, "cartilage and CARTILAGE"), "");
  CHECK_STR(scan1(p, "ADAM17 and ADAMTS13"), "");
  CHECK_STR(scan1(p, "AAV9 and AAV2.7m8 vectors"), "");
  CHECK_STR(scan1(p, "AAV9 and AAV vectors"), "AAV=AAV");
  CHECK_STR(scan1(p, "xKymriah Kymriahx Kymriah1"), "");
  CHECK_STR(scan1(p, "AAV-mediated anti-CAR"), "AAV=AAV, CAR=CAR");
  /* a term followed by '-' */
  CHECK_STR(scan1(p, "CAR-T-cell therapy"), "CAR-T=CAR-T");
  CHECK_STR(scan1(p, "ADA-SCID"), "ADA-SCID=ADA-SCID");
  CHECK_STR(scan1(p, "ADA-deficient"), "ADA=ADA");
  /* case rules */
  CHECK_STR(scan1(p, "ADA, Ada, ada"), "ADA=ADA");
  CHECK_STR(scan1(p, "KYMRIAH and kymriah"), "KYMRIAH=Kymriah, kymriah=Kymriah");
  CHECK_STR(scan1(p, "CART or Cart"), "CART=CART");
  /* a case-sensitive term that fails leaves the shorter one */
  CHECK_STR(scan1(p, "car T cells"), "car=CAR");
  CHECK_STR(scan1(p, "CAR T cells"), "CAR T=CAR T");
  /* one key, two terms: both reported */
  CHECK_STR(scan1(p, "the WAS gene; it was"), "WAS=WAS, WAS=WAS");
  /* start and end of the text, adjacent terms */
  CHECK_STR(scan1(p, "Kymriah"), "Kymriah=Kymriah");
  CHECK_STR(scan1(p, "ADA"), "ADA=ADA");
  CHECK_STR(scan1(p, "Kymriah/Yescarta,ADA;WAS"),
            "Kymriah=Kymriah, Yescarta=Yescarta, ADA=ADA, WAS=WAS, WAS=WAS");
  CHECK_STR(scan1(p, "(Kymriah)"), "Kymriah=Kymriah");
  /* a term ending with '.' */
  CHECK_STR(scan1(p, "N Engl J Med. 2021"), "N Engl J Med.=N Engl J Med.");
  CHECK_STR(scan1(p, "N Engl J Med 2021"), "N Engl J Med=N Engl J Med");
  CHECK_STR(scan1(p, "n engl j med"), "");
}

static void unit_lexmatch_unicode(ThLexicon *p){
  /* dash variants: U+2011 non-breaking hyphen, U+2013 en dash */
  CHECK_STR(scan1(p, "CAR\xe2\x80\x91T and CAR\xe2\x80\x93T"),
            "CAR\xe2\x80\x91T=CAR-T, CAR\xe2\x80\x93T=CAR-T");
  /* NBSP and a run of spaces inside a case-sensitive term */
  CHECK_STR(scan1(p, "CAR\xc2\xa0T and CAR   T"),
            "CAR\xc2\xa0T=CAR T, CAR   T=CAR T");
  /* curly apostrophes: possessive, and inside a term */
  CHECK_STR(scan1(p, "Kymriah\xe2\x80\x99s label"), "Kymriah=Kymriah");
  CHECK_STR(scan1(p, "Hodgkin\xe2\x80\x99s lymphoma"),
            "Hodgkin\xe2\x80\x99s lymphoma=Hodgkin's lymphoma");
  /* accents and case folding; U+00DF sharp s against ss */
  CHECK_STR(scan1(p, "UNIVERSIT\xc3\x84T Z\xc3\x9cRICH"),
            "UNIVERSIT\xc3\x84T Z\xc3\x9cRICH=Universit\xc3\xa4t Z\xc3\xbcrich");
  CHECK_STR(scan1(p, "Universitat Zurich"),
            "Universitat Zurich=Universit\xc3\xa4t Z\xc3\xbcrich");
  CHECK_STR(scan1(p, "STRASSE"), "STRASSE=Stra\xc3\x9f" "e");
  /* decomposed accents (NFD) stay inside the span */
  CHECK_STR(scan1(p, "Universita\xcc\x88t Zu\xcc\x88rich!"),
            "Universita\xcc\x88t Zu\xcc\x88rich=Universit\xc3\xa4t Z\xc3\xbcrich");
  /* a trade mark sign ends the word; fullwidth letters pass the case
  ** check of 'ADA' (it compares compatibility decompositions) */
  CHECK_STR(scan1(p, "Kymriah\xe2\x84\xa2 (tisagenlecleucel)"), "Kymriah=Kymriah");
  CHECK_STR(scan1(p, "\xef\xbc\xa1\xef\xbc\xa4\xef\xbc\xa1"),
            "\xef\xbc\xa1\xef\xbc\xa4\xef\xbc\xa1=ADA");
  /* invalid UTF-8 around terms */
  CHECK_STR(scan1(p, "\xff" "ADA\xff\xfe" "Kymriah\xc3"), "ADA=ADA, Kymriah=Kymriah");
}

static void unit_lexmatch_offsets(ThLexicon *p){
  /* byte offsets in the original text: "Caf\u00e9 \u2013 Kymriah\u2019s" */
  const char *z = "Caf\xc3\xa9 \xe2\x80\x93 Kymriah\xe2\x80\x99s, \xc3\x9c" "ADA";
  Found f;
  memset(&f, 0, sizeof(f));
  f.zText = z;
  f.apLex[0] = p;
  CHECK_INT(th_lexicon_scan(f.apLex, 1, z, strlen(z), collect, &f), SQLITE_OK);
  CHECK_STR(f.z, "Kymriah=Kymriah");    /* U+00DC folds to u: "uada" */
  CHECK_INT(f.iStart, 10);
  CHECK_INT(f.nLen, 7);
  /* "Caf\u00e9 \u2013 ADA": the span is bytes 10..13 */
  memset(&f, 0, sizeof(f));
  f.zText = "Caf\xc3\xa9 \xe2\x80\x93 ADA";
  f.apLex[0] = p;
  th_lexicon_scan(f.apLex, 1, f.zText, strlen(f.zText), collect, &f);
  CHECK_INT(f.iStart, 10);
  CHECK_INT(f.nLen, 3);
  /* "Stra\u00dfe" is 7 bytes at byte 7 */
  memset(&f, 0, sizeof(f));
  f.zText = "in der Stra\xc3\x9f" "e";
  f.apLex[0] = p;
  th_lexicon_scan(f.apLex, 1, f.zText, strlen(f.zText), collect, &f);
  CHECK_INT(f.iStart, 7);
  CHECK_INT(f.nLen, 7);
  /* an embedded NUL is an ordinary non-word byte */
  {
    const char z3[] = "ADA\0Kymriah";
    Found g;
    memset(&g, 0, sizeof(g));
    g.zText = z3;
    g.apLex[0] = p;
    CHECK_INT(th_lexicon_scan(g.apLex, 1, z3, sizeof(z3)-1, collect, &g), SQLITE_OK);
    CHECK_INT(g.nMatch, 2);
  }
}

static void unit_lexmatch_plural(ThLexicon *p){
  CHECK_STR(scan1(p, "two AAVs and AAV's capsid"), "AAVs=AAV, AAV=AAV");
  CHECK_STR(scan1(p, "AAVS1 locus and AAVS"), "");
  CHECK_STR(scan1(p, "CAR-Ts"), "CAR-Ts=CAR-Ts");   /* listed: wins */
  CHECK_STR(scan1(p, "ADAs and WASs"), "");         /* case-sensitive: none */
  CHECK_STR(scan1(p, "Kymriahs"), "");              /* not an abbreviation */
}

static void unit_lexmatch_two(ThLexicon *pBase){
  static const char *const azUser[] = {
    "Kymriah\tproduct\tKYMRIAH (user)\tcar_t\t",
    "Yescarta infusion\tproduct\tYescarta\tcar_t\t",
    "lymphoblastic\tdisease\tuser term\t\t",
    "acute lymphoblastic leukaemia\tdisease\tuser ALL\t\t",
    0
  };
  ThLexicon *pUser = lex_of(azUser);
  CHECK(pUser!=0);
  if( pUser==0 ) return;
  /* same span: the later (user) lexicon wins */
  CHECK_STR(scan2(pBase, pUser, "Kymriah"), "L1:Kymriah=Kymriah");
  /* longer wins across lexicons either way */
  CHECK_STR(scan2(pBase, pUser, "Yescarta infusion"),
            "L1:Yescarta infusion=Yescarta infusion");
  CHECK_STR(scan2(pBase, pUser, "B-cell acute lymphoblastic leukaemia"),
            "B-cell acute lymphoblastic leukaemia=B-cell acute lymphoblastic"
            " leukaemia");
  CHECK_STR(scan2(pBase, pUser, "acute lymphoblastic leukaemia"),
            "L1:acute lymphoblastic leukaemia=acute lymphoblastic leukaemia");
  CHECK_STR(scan2(pBase, pUser, "lymphoblastic ADA"),
            "L1:lymphoblastic=lymphoblastic, ADA=ADA");
  /* order of the lexicons decides */
  CHECK_STR(scan2(pUser, pBase, "Kymriah"), "L1:Kymriah=Kymriah");
  /* three lexicons, one of them NULL: the last one with the term wins */
  {
    static Found f;
    memset(&f, 0, sizeof(f));
    f.zText = "Kymriah and Yescarta";
    f.apLex[0] = pBase;
    f.apLex[1] = 0;
    f.apLex[2] = pUser;
    CHECK_INT(th_lexicon_scan(f.apLex, 3, f.zText, strlen(f.zText), collect, &f),
              SQLITE_OK);
    CHECK_STR(f.z, "L2:Kymriah=Kymriah, Yescarta=Yescarta");
    f.z[0] = 0;
    f.apLex[1] = pUser;
    CHECK_INT(th_lexicon_scan(f.apLex, 3, f.zText, strlen(f.zText), collect, &f),
              SQLITE_OK);
    CHECK_STR(f.z, "L2:Kymriah=Kymriah, Yescarta=Yescarta");
  }
  th_lexicon_free(pUser);
}

static void unit_lexmatch_edge_cases(ThLexicon *p){
  ThLexicon *pEmpty = 0;
  const ThLexicon *apNull[2] = { 0, 0 };
  Found f;
  memset(&f, 0, sizeof(f));
  CHECK_INT(th_lexicon_new(&pEmpty), SQLITE_OK);
  CHECK_STR(scan1(pEmpty, "Kymriah ADA"), "");
  CHECK_STR(scan1(p, ""), "");
  CHECK_STR(scan1(p, "   "), "");
  CHECK_INT(th_lexicon_scan(apNull, 2, "Kymriah", 7, collect, &f), SQLITE_OK);
  CHECK_INT(th_lexicon_term_count(pEmpty), 0);
  CHECK(th_lexicon_term(pEmpty, 0)==0);
  CHECK(th_lexicon_term(p, -1)==0);
  /* terms that fold to nothing are ignored; surrounding space is trimmed */
  CHECK_INT(th_lexicon_add(pEmpty, "  ", 2, 0, 0), SQLITE_OK);
  CHECK_INT(th_lexicon_add(pEmpty, "\xcc\x88", 2, 1, 0), SQLITE_OK);
  CHECK_INT(th_lexicon_add(pEmpty, " gene therapy ", 14, 2, 0), SQLITE_OK);
  CHECK_INT(th_lexicon_add(pEmpty, "x", 1, -1, 0), SQLITE_MISUSE);
  {
    const ThLexicon *ap[1];
    Counter c;
    ap[0] = pEmpty;
    memset(&c, 0, sizeof(c));
    c.zText = "Gene  Therapy";
    CHECK_INT(th_lexicon_scan(ap, 1, c.zText, strlen(c.zText), count_match, &c),
              SQLITE_OK);
    CHECK_INT(c.nMatch, 1);
  }
  /* the callback stops the scan */
  memset(&f, 0, sizeof(f));
  f.zText = "ADA ADA ADA";
  f.apLex[0] = p;
  f.nStop = 2;
  CHECK_INT(th_lexicon_scan(f.apLex, 1, f.zText, 11, collect, &f), SQLITE_DONE);
  CHECK_INT(f.nMatch, 2);
  th_lexicon_free(pEmpty);
  th_lexicon_free(0);
}

static void unit_lexmatch_tsv(void){
  static const char *const azBad[] = {
    "good\tgene\tgood\t\t",
    "# comment",
    "only\ttwo",
    0
  };
  static const char *const azFour[] = {
    "  # indented comment",
    "four\tdrug\tfour\tantibody",
    "five\tdrug\tfive\tantibody\tCS\r",
    0
  };
  ThLexicon *p = 0;
  const ThLexTerm *pTerm;
  int iBad = 0;
  th_lexicon_new(&p);
  CHECK_INT(th_lexicon_add_tsv(p, azBad, &iBad), SQLITE_ERROR);
  CHECK_INT(iBad, 2);
  CHECK_INT(th_lexicon_term_count(p), 1);
  th_lexicon_free(p);
  p = lex_of(azFour);
  CHECK(p!=0);
  if( p==0 ) return;
  CHECK_INT(th_lexicon_term_count(p), 2);
  pTerm = th_lexicon_term(p, 1);
  CHECK(pTerm!=0 && pTerm->bCaseSensitive==1);
  CHECK_STR(pTerm ? pTerm->zKind : 0, "antibody");
  CHECK_STR(pTerm ? pTerm->zType : 0, "drug");
  CHECK_STR(scan1(p, "four FIVE five Five"), "four=four, five=five");
  {
    ThLexTerm t;
    int iTerm = -1;
    memset(&t, 0, sizeof(t));
    t.zTerm = "tisa-cel";
    t.zType = "product";
    CHECK_INT(th_lexicon_add_term(p, &t, &iTerm), SQLITE_OK);
    CHECK_INT(iTerm, 2);
    CHECK_STR(th_lexicon_term(p, 2)->zNorm, "");
    CHECK_STR(scan1(p, "Tisa\xe2\x80\x90" "cel"), "Tisa\xe2\x80\x90" "cel=tisa-cel");
  }
  CHECK(th_lexicon_memory(p)>0);
  th_lexicon_free(p);
}

/* Big texts: the chunked scan finds every term, also across chunk ends,
** after very long words and after long runs of non-ASCII letters. */
static void unit_lexmatch_big(ThLexicon *p){
  const ThLexicon *ap[1];
  const char *zTerm = "B-cell acute lymphoblastic leukaemia";
  size_t nTerm = strlen(zTerm);
  size_t nBig = 20*1000*1000, n = 0;
  long nWant = 0;
  char *z = malloc(nBig+64);
  Counter c;
  ap[0] = p;
  if( z==0 ) return;
  /* 20 MB: filler words with the term every 997 bytes or so (so it falls
  ** on every position relative to the 32 KB chunks) */
  while( n+nTerm+1200<nBig ){
    size_t k;
    for(k=0; k<(size_t)(900 + nWant%97); k+=8){
      memcpy(z+n, "filler, ", 8);
      n += 8;
    }
    z[n++] = ' ';
    memcpy(z+n, zTerm, nTerm);
    n += nTerm;
    z[n++] = ' ';
    nWant++;
  }
  memset(&c, 0, sizeof(c));
  c.zText = z;
  c.pLex = p;
  CHECK_INT(th_lexicon_scan(ap, 1, z, n, count_match, &c), SQLITE_OK);
  CHECK_INT(c.nMatch, nWant);
  CHECK_INT(c.nWrong, 0);

  /* a 100 KB word, then terms; 100 KB of CJK letters, then a term */
  memset(z, 'a', 100000);
  memcpy(z+100000, " ADA Kymriah ", 13);
  for(n=100013; n<100013+3*40000; n+=3) memcpy(z+n, "\xe4\xb8\x80", 3);
  memcpy(z+n, " WAS", 4);
  n += 4;
  memset(&c, 0, sizeof(c));
  c.zText = z;
  c.pLex = p;
  CHECK_INT(th_lexicon_scan(ap, 1, z, n, count_match, &c), SQLITE_OK);
  CHECK_INT(c.nMatch, 4);          /* ADA, Kymriah, WAS twice (two terms) */
  CHECK_INT(c.nWrong, 0);

  /* 300 KB of Hangul jamo (no place to cut a chunk), then a term */
  for(n=0; n<3*100000; n+=3) memcpy(z+n, (n/3)%2 ? "\xe1\x85\xa1" : "\xe1\x84\x80", 3);
  memcpy(z+n, " Kymriah", 8);
  n += 8;
  memset(&c, 0, sizeof(c));
  c.zText = z;
  c.pLex = p;
  CHECK_INT(th_lexicon_scan(ap, 1, z, n, count_match, &c), SQLITE_OK);
  CHECK_INT(c.nMatch, 1);
  CHECK_INT(c.iLast, n);

  /* 1.6 MB of combining marks (they fold to nothing) between two terms */
  memcpy(z, "Kymriah ", 8);
  for(n=8; n<8+2*800000; n+=2) memcpy(z+n, "\xcc\x88", 2);
  memcpy(z+n, " ADA", 4);
  n += 4;
  memset(&c, 0, sizeof(c));
  c.zText = z;
  c.pLex = p;
  CHECK_INT(th_lexicon_scan(ap, 1, z, n, count_match, &c), SQLITE_OK);
  CHECK_INT(c.nMatch, 2);
  CHECK_INT(c.nWrong, 0);
  free(z);
}

/* Many terms: a lexicon of 10 000 made-up terms finds the right ones. */
static void unit_lexmatch_many(void){
  ThLexicon *p = 0;
  char zTerm[64];
  int i, rc = SQLITE_OK;
  const ThLexicon *ap[1];
  Counter c;
  const char *zText = "gene term 417 x, gene term 9999, GENE TERM 10000 "
                      "and gene term 0417";
  th_lexicon_new(&p);
  for(i=0; i<10000 && rc==SQLITE_OK; i++){
    snprintf(zTerm, sizeof(zTerm), "gene term %d", i);
    rc = th_lexicon_add(p, zTerm, strlen(zTerm), i, 0);
  }
  CHECK_INT(rc, SQLITE_OK);
  ap[0] = p;
  memset(&c, 0, sizeof(c));
  c.zText = zText;
  CHECK_INT(th_lexicon_scan(ap, 1, zText, strlen(zText), count_match, &c),
            SQLITE_OK);
  CHECK_INT(c.nMatch, 2);          /* 417 and 9999; not 10000 nor 0417 */
  th_lexicon_free(p);
}

/* th_fold_sparse gives the bytes and the map of th_fold, also where ASCII
** and non-ASCII stretches meet and where white space runs collapse across
** them (8-byte blocks of the fast path at every offset). */
static int sparse_same(const char *z, size_t n){
  ThBuf a, b;
  ThFoldMap m;
  size_t *aMap = 0, k;
  int bOk = 1;
  th_buf_init(&a);
  th_buf_init(&b);
  th_fold_map_init(&m);
  if( th_fold(z, n, &a, &aMap) || th_fold_sparse(z, n, &b, &m) ){
    bOk = 0;
  }else if( a.n!=b.n || memcmp(a.z, b.z, a.n)!=0 || m.nOut!=a.n ){
    bOk = 0;
  }else{
    size_t iHint = 0;
    for(k=0; k<=a.n && bOk; k++){
      if( th_fold_map_at(&m, k)!=aMap[k] ) bOk = 0;
      if( th_fold_map_find(&m, aMap[k])>k ) bOk = 0;
    }
    for(k=0; k+1<=a.n && bOk; k++){
      size_t s1, e1, s2, e2, kEnd = k+5<a.n ? k+5 : a.n;
      th_fold_span(aMap, a.n, k, kEnd, &s1, &e1);
      th_fold_map_span(&m, k, kEnd, &s2, &e2, &iHint);
      if( s1!=s2 || e1!=e2 ) bOk = 0;
    }
  }
  sqlite3_free(aMap);
  th_fold_map_free(&m);
  th_buf_free(&a);
  th_buf_free(&b);
  return bOk;
}

static void unit_lexmatch_sparse_map(void){
  static const char *const azCase[] = {
    "", " ", "   ", "a", "A  B", "Gene  Therapy\t\n\r x",
    "x \xc2\xa0 y", "x\xc2\xa0  y", "\xc2\xa0 \xc2\xa0", "  \xc2\xa0",
    "Stra\xc3\x9f" "e  \xe2\x80\x93 CAR\xe2\x80\x91T", "e\xcc\x88  a",
    " \xcc\x88 b", "\xe1\x84\x80\xe1\x85\xa1 x \xe1\x84\x80 \xe1\x85\xa1",
    "A\xff\xfe  B\xc3", "`Quote'  \x01\x02 ok", "\xef\xac\x81 fi \xe2\x84\xa2",
    "abcdefg  hijklmn\n\nopqrstuvwxyz0123456789  ABCDEFGH   IJ",
    "ABCDEFGH\xe2\x80\x99s  Kymriah\xe2\x80\x99s   \xc3\xa9\xc3\xa9 x",
    0
  };
  static const char *const azPiece[] = {
    "Kymriah ", "  ", "\t", "\n\n", "CAR-T", "\xc2\xa0", "\xe2\x80\x93",
    "\xc3\xa9", "\xcc\x88", "\xc3\x9f", "`", "ADA", " ", "\xe1\x84\x80",
    "\xe1\x85\xa1", "\xff", "abcdefgh", "\xef\xac\x81", "\xe2\x80\x99",
  };
  char z[4096];
  unsigned r = 12345;
  int i, nBad = 0;
  for(i=0; azCase[i]; i++){
    CHECK(sparse_same(azCase[i], strlen(azCase[i])));
  }
  /* random mixes of the pieces above */
  for(i=0; i<300; i++){
    size_t n = 0;
    while( n<3000 ){
      const char *zPiece;
      r = r*1103515245u + 12345u;
      zPiece = azPiece[(r>>16) % (sizeof(azPiece)/sizeof(azPiece[0]))];
      memcpy(z+n, zPiece, strlen(zPiece));
      n += strlen(zPiece);
    }
    if( !sparse_same(z, n) ) nBad++;
  }
  CHECK_INT(nBad, 0);
}

/* Runs of white space (ASCII, no-break and en spaces) around terms put at
** every place relative to the chunk ends of the scan: every term is found
** with its exact span. */
static void unit_lexmatch_space_runs(ThLexicon *p){
  static const char *const azSpace[] = {
    " ", "  ", "\n \t ", "\xc2\xa0", " \xc2\xa0 ", "\xe2\x80\x82  ",
    "                                       ", " \xc3\xa9 ", " \xe2\x80\x99 ",
  };
  const ThLexicon *ap[1];
  size_t nBig = 400000, n = 0;
  long nWant = 0;
  char *z = malloc(nBig+256);
  Counter c;
  int k = 0;
  ap[0] = p;
  if( z==0 ) return;
  while( n+200<nBig ){
    const char *zSp = azSpace[k % (sizeof(azSpace)/sizeof(azSpace[0]))];
    int j, nRep = 1 + k%37;
    for(j=0; j<nRep; j++){
      memcpy(z+n, zSp, strlen(zSp));
      n += strlen(zSp);
    }
    memcpy(z+n, k%2 ? "Kymriah" : "ADA", k%2 ? 7 : 3);
    n += k%2 ? 7 : 3;
    nWant++;
    k++;
  }
  memset(&c, 0, sizeof(c));
  c.zText = z;
  c.pLex = p;
  CHECK_INT(th_lexicon_scan(ap, 1, z, n, count_match, &c), SQLITE_OK);
  CHECK_INT(c.nMatch, nWant);
  CHECK_INT(c.nWrong, 0);
  free(z);
  /* a span that ends in collapsed spaces before a non-ASCII character */
  CHECK_STR(scan1(p, "x Kymriah  \xc2\xa0\xe2\x80\x99s ADA"),
            "Kymriah=Kymriah, ADA=ADA");
  CHECK_STR(scan1(p, "CAR \xc2\xa0 T, CAR\xe2\x80\x91T  cells"),
            "CAR \xc2\xa0 T=CAR T, CAR\xe2\x80\x91T=CAR-T");
}

void unit_lexmatch(void){
  ThLexicon *p = lex_of(azBase);
  CHECK(p!=0);
  if( p==0 ) return;
  CHECK_INT(th_lexicon_term_count(p), 21);
  unit_lexmatch_basic(p);
  unit_lexmatch_unicode(p);
  unit_lexmatch_offsets(p);
  unit_lexmatch_plural(p);
  unit_lexmatch_two(p);
  unit_lexmatch_edge_cases(p);
  unit_lexmatch_tsv();
  unit_lexmatch_big(p);
  unit_lexmatch_many();
  unit_lexmatch_sparse_map();
  unit_lexmatch_space_runs(p);
  th_lexicon_free(p);
}
