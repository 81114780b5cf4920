/*
** unit_entities.c -- unit tests of lexicon.c (plain C): the built-in
** lexicon, user terms, the DOI / registry id scanner and the merged
** entity scan.
*/
#include <string.h>
#include "therapy_int.h"
#include "lexicon.h"
#include "kind.h"
#include "unit.h"

/* ---- helpers ------------------------------------------------------------- */

/* The ids of z as "text>norm" joined by " | " into zOut (nOut bytes). */
static void ids_of(const char *z, char *zOut, size_t nOut){
  ThIdScan s;
  ThId e;
  size_t nUsed = 0;
  zOut[0] = 0;
  th_id_scan_init(&s, z, strlen(z));
  while( th_id_scan_next(&s, &e) ){
    ThBuf b;
    th_buf_init(&b);
    th_id_norm(&e, z, &b);
    if( nUsed + e.nLen + b.n + 8 < nOut ){
      if( nUsed ){ memcpy(zOut+nUsed, " | ", 3); nUsed += 3; }
      memcpy(zOut+nUsed, z+e.iStart, e.nLen); nUsed += e.nLen;
      zOut[nUsed++] = '>';
      if( b.n ){ memcpy(zOut+nUsed, b.z, b.n); nUsed += b.n; }
      zOut[nUsed] = 0;
    }
    th_buf_free(&b);
  }
}

typedef struct Collect {
  char z[1024];
  size_t n;
  int nKind;                /* mentions with a therapy kind */
} Collect;

/* Appends "type:text" of each entity. */
static int collect_entity(void *pCtx, const ThEntity *p){
  Collect *c = (Collect*)pCtx;
  const char *zType = th_entity_type(p);
  if( c->n + strlen(zType) + p->nLen + 4 < sizeof(c->z) ){
    if( c->n ){ c->z[c->n++] = ' '; }
    memcpy(c->z + c->n, zType, strlen(zType));
    c->n += strlen(zType);
    c->z[c->n++] = '@';
    c->n += (size_t)sprintf(c->z + c->n, "%d", (int)p->iStart);
    c->z[c->n] = 0;
  }
  if( p->eEntity==TH_ENTITY_TERM && p->iKind>=0 ) c->nKind++;
  return SQLITE_OK;
}

static const char *scan_all(const ThLexSet *pB, const ThLexSet *pU,
                            const char *z, int bIds, Collect *c){
  memset(c, 0, sizeof(*c));
  th_entities_scan(pB, pU, z, strlen(z), bIds, collect_entity, c);
  return c->z;
}

/* ---- tests --------------------------------------------------------------- */

static void test_types(void){
  CHECK_STR(th_lex_type_name(0), "modality");
  CHECK_STR(th_lex_type_name(TH_N_LEX_TYPE-1), "organisation");
  CHECK(th_lex_type_name(TH_N_LEX_TYPE)==0);
  CHECK_INT(th_lex_type_index("gene", 4), 3);
  CHECK_INT(th_lex_type_index("cell_type", 9), 6);
  CHECK_INT(th_lex_type_index("Gene", 4), -1);
  CHECK_INT(th_lex_type_index("genes", 5), -1);
}

static void test_builtin(void){
  const ThLexSet *p1 = 0, *p2 = 0;
  int i, nBadType = 0, nBadKind = 0, nKind = 0, nKindType[5] = {0,0,0,0,0};
  CHECK_INT(th_lexset_builtin_acquire(&p1), SQLITE_OK);
  CHECK_INT(th_lexset_builtin_acquire(&p2), SQLITE_OK);
  CHECK(p1!=0 && p1==p2);
  th_lexset_builtin_release();
  if( p1==0 ) return;
  CHECK_INT(p1->nTerm, th_lexicon_term_count(p1->pLex));
  CHECK(p1->nTerm > 7000);
  for(i=0; i<p1->nTerm; i++){
    const ThLexTerm *t = th_lexicon_term(p1->pLex, i);
    if( th_lex_type_index(t->zType, strlen(t->zType))<0 ) nBadType++;
    if( t->zKind[0] ){
      nKind++;
      if( p1->aKind[i]<0 || p1->aKind[i]>=TH_N_KIND ) nBadKind++;
    }else if( p1->aKind[i]!=-1 ){
      nBadKind++;
    }
    if( p1->aKindType[i]<5 ) nKindType[p1->aKindType[i]]++;
  }
  CHECK_INT(nBadType, 0);
  CHECK_INT(nBadKind, 0);
  CHECK(nKind > 1500);
  CHECK(nKindType[0] > 900);      /* modality */
  CHECK(nKindType[1] > 300);      /* product */
  CHECK(nKindType[2] > 300);      /* drug */
  CHECK(nKindType[3] > 300);      /* vector */
  CHECK(nKindType[4] > 4000);     /* other */
  th_lexset_builtin_release();
  /* with no user left it is freed; the next user builds it again */
  CHECK_INT(th_lexset_builtin_acquire(&p1), SQLITE_OK);
  CHECK(p1!=0 && p1->nTerm>7000);
  th_lexset_builtin_release();
}

static void test_ids(void){
  char z[1024];
  ids_of("NCT01234567, NCT 02345678, NCT#03456789, nct04567890.", z, sizeof(z));
  CHECK_STR(z, "NCT01234567>NCT01234567 | NCT 02345678>NCT02345678 | "
               "NCT#03456789>NCT03456789 | nct04567890>NCT04567890");
  ids_of("NCT00000000 NCT0123456 NCT012345678 ANCT01234567 NCT01234567a "
         "NCT01234567.8 R01 HL012345 301-402-1663", z, sizeof(z));
  CHECK_STR(z, "");
  ids_of("ChiCTR-TRC-12002345 ChiCTR2100048815 CTRI/2009/091/000123 "
         "IRCT2013061913773N1 jRCTs031180001", z, sizeof(z));
  CHECK_STR(z, "ChiCTR-TRC-12002345>ChiCTR-TRC-12002345 | "
               "ChiCTR2100048815>ChiCTR2100048815 | "
               "CTRI/2009/091/000123>CTRI/2009/091/000123 | "
               "IRCT2013061913773N1>IRCT2013061913773N1 | "
               "jRCTs031180001>jRCTs031180001");
  ids_of("NTR1234 ntr1234 NL7891 nl7891 NL-OMON21231", z, sizeof(z));
  CHECK_STR(z, "NTR1234>NTR1234 | NL7891>NL7891 | NL-OMON21231>NL-OMON21231");
  /* NBSP as a separator */
  ids_of("ISRCTN\xc2\xa0" "48207315", z, sizeof(z));
  CHECK_STR(z, "ISRCTN\xc2\xa0" "48207315>ISRCTN48207315");
  /* EU numbers need a keyword near */
  ids_of("EudraCT: 2018-004512-37/DE", z, sizeof(z));
  CHECK_STR(z, "2018-004512-37/DE>2018-004512-37");
  ids_of("2018-004512-37", z, sizeof(z));
  CHECK_STR(z, "");
  ids_of("EudraCT 0123456789 0123456789 0123456789 0123456789 0123456789 "
         "0123456789 0123456789 0123456789 0123456789 0123456789 "
         "2018-004512-37", z, sizeof(z));
  CHECK_STR(z, "");
  ids_of("the trial 2018-004512-37 (EU CT) and 1918-004512-37 EudraCT",
         z, sizeof(z));
  CHECK_STR(z, "2018-004512-37>2018-004512-37");
  ids_of("EUCTR2018-004512-37-GB", z, sizeof(z));
  CHECK_STR(z, "EUCTR2018-004512-37-GB>2018-004512-37");
  /* DOIs */
  ids_of("(doi:10.1000/ABC.1), https://doi.org/10.1016/S0140-6736(19)30123-4.",
         z, sizeof(z));
  CHECK_STR(z, "doi:10.1000/ABC.1>10.1000/abc.1 | "
               "https://doi.org/10.1016/S0140-6736(19)30123-4>"
               "10.1016/s0140-6736(19)30123-4");
  ids_of("10.123/x 10.1234567890/x 10.1234/ 10.1234/.,; 1.10.1234/x x10.1234/y",
         z, sizeof(z));
  CHECK_STR(z, "");
  ids_of("www.doi.org/10.1234.5/x_y", z, sizeof(z));
  CHECK_STR(z, "www.doi.org/10.1234.5/x_y>10.1234.5/x_y");
  CHECK(th_registry_count() >= 18);
}

static void test_user_terms(void){
  ThUserTerms *p = 0;
  ThLexSet *pSet = 0, *pOld = 0;
  const ThUserTerm *pT;
  const ThLexSet *pB = 0;
  sqlite3_int64 iA = 0, iB = 0;
  Collect c;
  CHECK_INT(th_userterms_new(&p), SQLITE_OK);
  if( p==0 ) return;
  th_lexset_builtin_acquire(&pB);
  CHECK_INT(th_userterms_lexset(p, &pSet), SQLITE_OK);
  CHECK(pSet==0);
  CHECK_INT(th_userterms_add(p, "Zorvexacel", "Zorvexa", 5, TH_KIND_CAR_T, 0,
                             &iA), SQLITE_OK);
  CHECK_INT(th_userterms_add(p, "Kymriah", 0, 4, -1, 1, &iB), SQLITE_OK);
  CHECK_INT(iA, 1);
  CHECK_INT(iB, 2);
  CHECK_INT(th_userterms_count(p), 2);
  pT = th_userterms_seek(p, 2);
  CHECK(pT && strcmp(pT->zNorm, "Kymriah")==0 && strcmp(pT->zType, "drug")==0
        && pT->zKind[0]==0 && pT->bCaseSensitive==1);
  CHECK_INT(th_userterms_lexset(p, &pSet), SQLITE_OK);
  CHECK(pSet!=0 && pSet->nTerm==2 && pSet->aKind[0]==TH_KIND_CAR_T
        && pSet->aKindType[0]==1);
  /* the user's Kymriah (a drug) overrides the built-in product; the user
  ** term in capitals is case-sensitive */
  CHECK_STR(scan_all(pB, pSet, "ZORVEXACEL, Kymriah, KYMRIAH", 0, &c),
            "product@0 drug@12 product@21");
  CHECK_INT(c.nKind, 2);
  /* a change: the old set lives on while referenced */
  pOld = pSet;
  pSet = 0;
  CHECK_INT(th_userterms_delete(p, iB), SQLITE_OK);
  CHECK_INT(th_userterms_delete(p, iB), SQLITE_NOTFOUND);
  CHECK_INT(th_userterms_count(p), 1);
  CHECK(th_userterms_seek(p, 2)==0);
  CHECK_INT(th_userterms_lexset(p, &pSet), SQLITE_OK);
  CHECK(pSet!=0 && pSet!=pOld && pSet->nTerm==1);
  CHECK_STR(scan_all(pB, pOld, "Kymriah", 0, &c), "drug@0");
  CHECK_STR(scan_all(pB, pSet, "Kymriah", 0, &c), "product@0");
  th_lexset_unref(pOld);
  th_lexset_unref(pSet);
  pSet = 0;
  CHECK_INT(th_userterms_replace(p, iA, "Zorvex", 0, 1, -1, 0), SQLITE_OK);
  CHECK_INT(th_userterms_replace(p, iB, "x", 0, 1, -1, 0), SQLITE_NOTFOUND);
  CHECK_INT(th_userterms_lexset(p, &pSet), SQLITE_OK);
  CHECK_STR(scan_all(pB, pSet, "Zorvexacel and Zorvex", 0, &c), "vector@15");
  th_lexset_unref(pSet);
  CHECK_INT(th_userterms_delete(p, iA), SQLITE_OK);
  CHECK_INT(th_userterms_lexset(p, &pSet), SQLITE_OK);
  CHECK(pSet==0);
  th_userterms_free(p);
  th_lexset_builtin_release();
}

static void test_merge(void){
  const ThLexSet *pB = 0;
  Collect c;
  th_lexset_builtin_acquire(&pB);
  /* ids and terms in text order; a term inside an id is dropped */
  CHECK_STR(scan_all(pB, 0, "Kymriah NCT01234567 doi:10.5555/Kymriah.1 JCO",
                     1, &c),
            "product@0 registry_id@8 doi@20 journal@42");
  CHECK_STR(scan_all(pB, 0, "Kymriah NCT01234567 doi:10.5555/Kymriah.1 JCO",
                     0, &c),
            "product@0 product@32 journal@42");
  CHECK_STR(scan_all(pB, 0, "", 1, &c), "");
  CHECK_STR(scan_all(0, 0, "Kymriah NCT01234567", 1, &c), "registry_id@8");
  th_lexset_builtin_release();
}

void unit_entities(void){
  test_types();
  test_builtin();
  test_ids();
  test_user_terms();
  test_merge();
}
