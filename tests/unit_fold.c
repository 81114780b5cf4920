/* unit_fold.c -- th_fold (with its offset map), th_fold_span,
** th_normalize and th_norm_form. */

#include "therapy_int.h"
#include "fold.h"
#include "unit.h"

/* Folds z; returns the folded text (static copy) and keeps the map in
** *paMap (free with sqlite3_free) and its byte count in *pnOut. */
static const char *fold_text(const char *z, size_t n, size_t **paMap,
                             size_t *pnOut){
  static char zOut[256];
  ThBuf b;
  th_buf_init(&b);
  if( th_fold(z, n, &b, paMap)!=SQLITE_OK || b.n>=sizeof(zOut) ){
    th_buf_free(&b);
    return "(error)";
  }
  memcpy(zOut, b.z ? b.z : "", b.n);
  zOut[b.n] = 0;
  *pnOut = b.n;
  th_buf_free(&b);
  return zOut;
}

static const char *normalize_text(const char *z, int eForm){
  static char zOut[256];
  ThBuf b;
  th_buf_init(&b);
  if( th_normalize(z, strlen(z), eForm, &b)!=SQLITE_OK || b.n>=sizeof(zOut) ){
    th_buf_free(&b);
    return "(error)";
  }
  memcpy(zOut, b.z ? b.z : "", b.n);
  zOut[b.n] = 0;
  th_buf_free(&b);
  return zOut;
}

static void unit_fold_map(void){
  /* S t r a ß e _ Ü n ï c o d e _ – _ x
  ** 0 1 2 3 4 6 7 8 10 11 13 14 15 16 17 18 21 22 (n = 23) */
  const char *z = "Stra\xc3\x9f" "e \xc3\x9cn\xc3\xaf" "code \xe2\x80\x93 x";
  size_t *aMap = 0, nOut = 0, iStart = 0, iEnd = 0;
  CHECK_STR(fold_text(z, strlen(z), &aMap, &nOut), "strasse unicode - x");
  CHECK_INT(nOut, 19);
  if( aMap==0 ) return;
  CHECK_INT(aMap[3], 3);            /* a */
  CHECK_INT(aMap[4], 4);            /* first s of ß */
  CHECK_INT(aMap[5], 4);            /* second s of ß: same source char */
  CHECK_INT(aMap[6], 6);            /* e */
  CHECK_INT(aMap[8], 8);            /* u from Ü */
  CHECK_INT(aMap[10], 11);          /* i from ï */
  CHECK_INT(aMap[16], 18);          /* - from the en dash */
  CHECK_INT(aMap[18], 22);          /* x */
  CHECK_INT(aMap[19], 23);          /* the end */
  /* "unicode" is output [8,15): source "Ünïcode" [8,17) */
  th_fold_span(aMap, nOut, 8, 15, &iStart, &iEnd);
  CHECK(iStart==8 && iEnd==17);
  /* "ss": the whole ß */
  th_fold_span(aMap, nOut, 4, 6, &iStart, &iEnd);
  CHECK(iStart==4 && iEnd==6);
  /* one "s" ends inside the expansion of ß: widened to the whole ß */
  th_fold_span(aMap, nOut, 3, 5, &iStart, &iEnd);
  CHECK(iStart==3 && iEnd==6);
  /* the dash alone: all three bytes of U+2013 */
  th_fold_span(aMap, nOut, 16, 17, &iStart, &iEnd);
  CHECK(iStart==18 && iEnd==21);
  sqlite3_free(aMap);

  /* a run of white space: one space mapped to the first of the run; the
  ** rest of the run lies between it and the next character */
  aMap = 0;
  CHECK_STR(fold_text("A \t\n B", 6, &aMap, &nOut), "a b");
  if( aMap ){
    CHECK(aMap[0]==0 && aMap[1]==1 && aMap[2]==5 && aMap[3]==6);
    sqlite3_free(aMap);
  }

  /* a dropped combining mark belongs to the character before it */
  aMap = 0;
  CHECK_STR(fold_text("e\xcc\x81x", 4, &aMap, &nOut), "ex");
  if( aMap ){
    CHECK(aMap[0]==0 && aMap[1]==3 && aMap[2]==4);
    sqlite3_free(aMap);
  }
}

static void unit_fold_text(void){
  size_t *aMap = 0, nOut = 0;
  ThBuf b;
  const char *z;

  /* empty input: empty output, a map of one entry */
  CHECK_STR(fold_text("", 0, &aMap, &nOut), "");
  CHECK_INT(nOut, 0);
  if( aMap ){
    CHECK_INT(aMap[0], 0);
    sqlite3_free(aMap);
  }

  /* invalid UTF-8: every bad byte becomes U+FFFD (EF BF BD) */
  aMap = 0;
  CHECK_STR(fold_text("A\xff\xc3" "B", 4, &aMap, &nOut),
            "a\xef\xbf\xbd\xef\xbf\xbd" "b");
  if( aMap ){
    CHECK(aMap[0]==0 && aMap[1]==1 && aMap[3]==1 && aMap[4]==2
          && aMap[7]==3 && aMap[8]==4);
    sqlite3_free(aMap);
  }
  /* truncated 3-byte sequence, overlong NUL, surrogate */
  CHECK_STR(fold_text("\xe2\x80", 2, 0, &nOut),
            "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK_STR(fold_text("\xc0\x80", 2, 0, &nOut),
            "\xef\xbf\xbd\xef\xbf\xbd");
  CHECK_STR(fold_text("\xed\xa0\x80", 3, 0, &nOut),
            "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");

  /* the acceptance example, with U+2011 and with U+2212 */
  z = "CAR\xe2\x80\x91T Universit\xc3\xa4t";
  CHECK_STR(fold_text(z, strlen(z), 0, &nOut), "car-t universitat");
  z = "CAR\xe2\x88\x92T";
  CHECK_STR(fold_text(z, strlen(z), 0, &nOut), "car-t");
  /* curly quotes, double prime, acute accent as apostrophe */
  z = "\xe2\x80\x9cX\xe2\x80\x9d \xe2\x80\x98y\xe2\x80\x99 \xe2\x80\xb3 \xc2\xb4 `";
  CHECK_STR(fold_text(z, strlen(z), 0, &nOut), "\"x\" 'y' \" ' '");
  /* NBSP, thin space, ideographic space collapse with ASCII space */
  z = "a\xc2\xa0\xe2\x80\x89 \xe3\x80\x80" "b";
  CHECK_STR(fold_text(z, strlen(z), 0, &nOut), "a b");
  /* ligature, circled digit, fullwidth letter, Angstrom sign */
  z = "\xef\xac\x81 \xe2\x91\xa0 \xef\xbc\xa1 \xe2\x84\xab";
  CHECK_STR(fold_text(z, strlen(z), 0, &nOut), "fi 1 a a");
  /* Greek final sigma and tonos; Turkish dotted and dotless i */
  z = "\xce\xa3\xce\x8a\xce\xa3\xce\xa5\xce\xa6\xce\x9f\xce\xa3";
  CHECK_STR(fold_text(z, strlen(z), 0, &nOut),
            "\xcf\x83\xce\xb9\xcf\x83\xcf\x85\xcf\x86\xce\xbf\xcf\x83");
  CHECK_STR(fold_text("\xc4\xb0I\xc4\xb1", 5, 0, &nOut), "ii\xc4\xb1");
  /* conjoining jamo compose into a syllable: ᄀ + ᅡ -> 가 */
  aMap = 0;
  CHECK_STR(fold_text("\xe1\x84\x80\xe1\x85\xa1", 6, &aMap, &nOut),
            "\xea\xb0\x80");
  if( aMap ){
    CHECK(aMap[0]==0 && aMap[2]==0 && aMap[3]==6);
    sqlite3_free(aMap);
  }
  /* soft hyphen and zero-width space are dropped */
  CHECK_STR(fold_text("a\xc2\xad" "b\xe2\x80\x8b" "c", 8, 0, &nOut), "abc");

  /* appending to a buffer: the map covers only the new bytes */
  th_buf_init(&b);
  th_buf_append(&b, "x", 1);
  aMap = 0;
  CHECK_INT(th_fold("\xc3\x9f", 2, &b, &aMap), SQLITE_OK);
  CHECK_STR(b.z, "xss");
  if( aMap ){
    CHECK(aMap[0]==0 && aMap[1]==0 && aMap[2]==2);
    sqlite3_free(aMap);
  }
  th_buf_free(&b);
}

static void unit_fold_normalize(void){
  char zMarks[128];
  size_t k, n = 0;
  int bOrdered = 1;
  ThBuf b;

  CHECK_INT(th_norm_form("nfkc", 4), TH_NFKC);
  CHECK_INT(th_norm_form("NFD", 3), TH_NFD);
  CHECK_INT(th_norm_form("NFX", 3), 0);
  CHECK_INT(th_norm_form("NFCX", 3), TH_NFC);     /* length given */
  CHECK_STR(normalize_text("e\xcc\x81", TH_NFC), "\xc3\xa9");
  CHECK_STR(normalize_text("\xc3\xa9", TH_NFD), "e\xcc\x81");
  CHECK_STR(normalize_text("\xef\xac\x81\xe2\x91\xa0", TH_NFKC), "fi1");
  CHECK_STR(normalize_text("\xef\xac\x81", TH_NFC), "\xef\xac\x81");
  CHECK_STR(normalize_text("\xea\xb0\x81", TH_NFD),        /* 각 */
            "\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8");
  CHECK_STR(normalize_text("\xe1\x84\x80\xe1\x85\xa1\xe1\x86\xa8", TH_NFC),
            "\xea\xb0\x81");
  CHECK_STR(normalize_text("A\xff" "B", TH_NFC), "A\xef\xbf\xbd" "B");
  th_buf_init(&b);
  CHECK_INT(th_normalize("x", 1, 9, &b), SQLITE_MISUSE);
  th_buf_free(&b);

  /* a long run of marks (counting sort): class 220 (U+0316) before class
  ** 230 (U+0301), each keeping its order */
  zMarks[n++] = 'a';
  for(k=0; k<20; k++){
    memcpy(zMarks+n, "\xcc\x81\xcc\x96", 4);
    n += 4;
  }
  zMarks[n] = 0;
  th_buf_init(&b);
  CHECK_INT(th_normalize(zMarks, n, TH_NFD, &b), SQLITE_OK);
  CHECK_INT(b.n, n);
  for(k=0; k<20 && b.z; k++){
    if( memcmp(b.z + 1 + 2*k, "\xcc\x96", 2)!=0 ) bOrdered = 0;
    if( memcmp(b.z + 41 + 2*k, "\xcc\x81", 2)!=0 ) bOrdered = 0;
  }
  CHECK(bOrdered);
  th_buf_free(&b);
}

void unit_fold(void){
  unit_fold_map();
  unit_fold_text();
  unit_fold_normalize();
}
