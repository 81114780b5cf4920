/* unit_regexp.c -- the PCRE2 engine of the regexp module, without SQL. */
#include <string.h>
#include "therapy_int.h"
#include "regex_engine.h"
#include "unit.h"

/* The matches of zPat in zText as "start-end start-end ..." (byte offsets)
** in zOut, or the error message. */
static void scan_all(RxEngine *e, const char *zPat, const char *zText,
                     char *zOut, size_t nOut){
  RxPattern *p = 0;
  RxScan s;
  char *zErr = 0;
  size_t n = 0;
  int rc;
  zOut[0] = 0;
  if( rx_pattern_get(e, zPat, strlen(zPat), &p, &zErr)!=SQLITE_OK ){
    sqlite3_snprintf((int)nOut, zOut, "%s", zErr ? zErr : "?");
    sqlite3_free(zErr);
    return;
  }
  rx_scan_init(&s, e, p, zText, strlen(zText));
  while( (rc = rx_scan_next(&s, &zErr))==SQLITE_ROW ){
    size_t iStart, iEnd;
    rx_scan_group(&s, 0, &iStart, &iEnd);
    sqlite3_snprintf((int)(nOut-n), zOut+n, "%s%d-%d", n ? " " : "",
                     (int)iStart, (int)iEnd);
    n += strlen(zOut+n);
  }
  if( rc!=SQLITE_DONE ){
    sqlite3_snprintf((int)nOut, zOut, "%s", zErr ? zErr : "?");
  }
  sqlite3_free(zErr);
  rx_scan_finish(&s);
  rx_pattern_unref(p);
}

/* regexp_replace in plain C: the result, or the error message, in zOut. */
static void replace(RxEngine *e, const char *zText, const char *zPat,
                    const char *zRep, size_t nMax, char *zOut, size_t nOut){
  RxPattern *p = 0;
  char *zRes = 0, *zErr = 0;
  size_t nRes = 0;
  int rc = rx_pattern_get(e, zPat, strlen(zPat), &p, &zErr);
  if( rc==SQLITE_OK ){
    rc = rx_replace(e, p, zText, strlen(zText), zRep, strlen(zRep), nMax,
                    &zRes, &nRes, &zErr);
  }
  if( rc==SQLITE_OK ){
    sqlite3_snprintf((int)nOut, zOut, "%.*s", (int)nRes, zRes);
  }else if( rc==SQLITE_TOOBIG ){
    sqlite3_snprintf((int)nOut, zOut, "TOOBIG");
  }else{
    sqlite3_snprintf((int)nOut, zOut, "%s", zErr ? zErr : "?");
  }
  sqlite3_free(zRes);
  sqlite3_free(zErr);
  rx_pattern_unref(p);
}

static void test_utf8_check(void){
  CHECK_INT(rx_utf8_check("abc", 3), 3);
  CHECK_INT(rx_utf8_check("\xc3\xa9\xe2\x80\x91\xf0\x9f\xa7\xac", 9), 9);
  CHECK_INT(rx_utf8_check("a\xff", 2), 1);
  CHECK_INT(rx_utf8_check("a\xc3", 2), 1);             /* cut short */
  CHECK_INT(rx_utf8_check("\xc0\xaf", 2), 0);           /* overlong */
  CHECK_INT(rx_utf8_check("ab\xed\xa0\x80", 5), 2);     /* surrogate */
  CHECK_INT(rx_utf8_check("\xf4\x90\x80\x80", 4), 0);   /* > U+10FFFF */
  CHECK_INT(rx_utf8_check("\x80", 1), 0);
  CHECK_INT(rx_utf8_check("", 0), 0);
}

static void test_compile(RxEngine *e){
  RxPattern *p = 0, *p2 = 0;
  char *zErr = 0;
  CHECK_INT(rx_pattern_get(e, "(ab", 3, &p, &zErr), SQLITE_ERROR);
  CHECK_STR(zErr, "regexp: missing closing parenthesis at offset 3 in "
                  "pattern '(ab'");
  CHECK(p==0);
  sqlite3_free(zErr);
  zErr = 0;
  CHECK_INT(rx_pattern_get(e, "(a)(?<x>b)", 10, &p, &zErr), SQLITE_OK);
  CHECK_INT(p->nGroup, 2);
  CHECK(rx_pattern_is(p, "(a)(?<x>b)", 10));
  CHECK(!rx_pattern_is(p, "(a)(?<x>b", 9));
  /* the same text gives the same compiled pattern from the cache */
  CHECK_INT(rx_pattern_get(e, "(a)(?<x>b)", 10, &p2, &zErr), SQLITE_OK);
  CHECK(p==p2);
  rx_pattern_unref(p2);
  rx_pattern_unref(p);
  /* a pattern that is not NUL-terminated */
  CHECK_INT(rx_pattern_get(e, "abXYZ", 2, &p, &zErr), SQLITE_OK);
  CHECK_STR(p->zText, "ab");
  rx_pattern_unref(p);
}

static void test_cache_eviction(RxEngine *e){
  RxPattern *pFirst = 0, *p = 0;
  char *zErr = 0;
  char zPat[16];
  int i;
  CHECK_INT(rx_pattern_get(e, "first", 5, &pFirst, &zErr), SQLITE_OK);
  for(i=0; i<RX_CACHE_SIZE+4; i++){
    sqlite3_snprintf(sizeof(zPat), zPat, "p%d", i);
    rx_pattern_get(e, zPat, strlen(zPat), &p, &zErr);
    rx_pattern_unref(p);
  }
  CHECK_INT(e->nCache, RX_CACHE_SIZE);
  /* evicted from the cache, but alive while referenced */
  CHECK_INT(pFirst->nRef, 1);
  CHECK_STR(pFirst->zText, "first");
  /* the most recent pattern is first */
  sqlite3_snprintf(sizeof(zPat), zPat, "p%d", RX_CACHE_SIZE+3);
  CHECK(rx_pattern_is(e->aCache[0], zPat, strlen(zPat)));
  /* a hit moves the pattern to the front */
  rx_pattern_get(e, "p10", 3, &p, &zErr);
  CHECK(e->aCache[0]==p);
  rx_pattern_unref(p);
  rx_pattern_unref(pFirst);
}

static void test_scan(RxEngine *e){
  char z[256];
  scan_all(e, "b", "abcb", z, sizeof(z));
  CHECK_STR(z, "1-2 3-4");
  scan_all(e, "", "abc", z, sizeof(z));
  CHECK_STR(z, "0-0 1-1 2-2 3-3");
  scan_all(e, "a*", "baaa", z, sizeof(z));
  CHECK_STR(z, "0-0 1-4 4-4");
  /* an empty match steps over a whole character */
  scan_all(e, "x*", "\xc3\xa9" "a", z, sizeof(z));
  CHECK_STR(z, "0-0 2-2 3-3");
  /* invalid bytes never match */
  scan_all(e, ".", "a\xff" "b", z, sizeof(z));
  CHECK_STR(z, "0-1 2-3");
  scan_all(e, "x", "abc", z, sizeof(z));
  CHECK_STR(z, "");
  scan_all(e, "(a+)+$", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!", z,
           sizeof(z));
  CHECK_STR(z, "regexp: match limit exceeded in pattern '(a+)+$'");
}

static void test_groups_json(RxEngine *e){
  RxPattern *p = 0;
  RxScan s;
  ThBuf b;
  char *zErr = 0;
  const char *zText = "q\"\\\t\x01" "é";
  const char *zPat = "(q)(x)?(\"\\\\\\s)(\\x01)(.)";
  rx_pattern_get(e, zPat, strlen(zPat), &p, &zErr);
  CHECK(p!=0);
  if( p==0 ) return;
  CHECK_INT(p->nGroup, 5);
  rx_scan_init(&s, e, p, zText, strlen(zText));
  if( rx_scan_next(&s, &zErr)==SQLITE_ROW ){
    th_buf_init(&b);
    CHECK_INT(rx_groups_json(zText, s.aOvector, p->nGroup, &b), SQLITE_OK);
    CHECK_STR(b.z, "[\"q\",null,\"\\\"\\\\\\t\",\"\\u0001\",\"é\"]");
    th_buf_free(&b);
  }else{
    CHECK(!"the pattern matches");
  }
  sqlite3_free(zErr);
  rx_scan_finish(&s);
  rx_pattern_unref(p);
}

static void test_replace(RxEngine *e){
  char z[256];
  replace(e, "a-b-c", "-", "+", 1000, z, sizeof(z));
  CHECK_STR(z, "a+b+c");
  replace(e, "john smith", "(\\w+) (\\w+)", "$2, ${1}$$", 1000, z, sizeof(z));
  CHECK_STR(z, "smith, john$");
  replace(e, "x5", "(?<d>\\d)", "[$d|${d}|$0|$01]", 1000, z, sizeof(z));
  CHECK_STR(z, "x[5|5|5|5]");
  replace(e, "baaa", "a*", "<$0>", 1000, z, sizeof(z));
  CHECK_STR(z, "<>b<aaa><>");
  replace(e, "b", "(a)|b", "[$1]", 1000, z, sizeof(z));
  CHECK_STR(z, "[]");
  replace(e, "abc", "x", "y", 1000, z, sizeof(z));
  CHECK_STR(z, "abc");
  replace(e, "abc", "abc", "", 1000, z, sizeof(z));
  CHECK_STR(z, "");
  /* what the quick expansion leaves to pcre2_substitute() */
  replace(e, "ab", "(*MARK:m1)b", "<$*MARK>", 1000, z, sizeof(z));
  CHECK_STR(z, "a<m1>");
  replace(e, "ab", "(?J)(?<d>a)|(?<d>b)", "<$d>", 1000, z, sizeof(z));
  CHECK_STR(z, "<a><b>");
  replace(e, "abc", "b", "$5", 1000, z, sizeof(z));
  CHECK_STR(z, "regexp: unknown substring at offset 2 in replacement '$5'");
  replace(e, "abc", "b", "$", 1000, z, sizeof(z));
  CHECK_STR(z, "regexp: invalid replacement string at offset 1 in "
               "replacement '$'");
  replace(e, "abc", "b", "a\xff", 1000, z, sizeof(z));
  CHECK_STR(z, "regexp: invalid UTF-8 at offset 1 in the replacement");
  /* the length limit */
  replace(e, "aaaa", "a", "bbb", 12, z, sizeof(z));
  CHECK_STR(z, "bbbbbbbbbbbb");
  replace(e, "aaaa", "a", "bbb", 11, z, sizeof(z));
  CHECK_STR(z, "TOOBIG");
}

/* A result much longer than the text is complete. */
static void test_replace_long(RxEngine *e){
  RxPattern *p = 0;
  char *zRes = 0, *zErr = 0;
  char zRep[1001];
  size_t nRes = 0, i;
  for(i=0; i<1000; i+=2) memcpy(zRep+i, "$1", 2);
  zRep[1000] = 0;
  rx_pattern_get(e, "(a)", 3, &p, &zErr);
  CHECK_INT(rx_replace(e, p, "xaaay", 5, zRep, 1000, 1000000, &zRes, &nRes,
                       &zErr), SQLITE_OK);
  CHECK_INT(nRes, 1502);
  CHECK(zRes && zRes[0]=='x' && zRes[1]=='a' && zRes[1500]=='a'
        && zRes[1501]=='y' && zRes[1502]==0);
  sqlite3_free(zRes);
  rx_pattern_unref(p);
}

/* A big block of interpreter frames is not kept by a cached pattern. */
static void test_frames_dropped(void){
  RxEngine *e = rx_engine_new(0);
  RxPattern *p = 0;
  char *zErr = 0, *zText;
  size_t i, n = 100000;
  zText = sqlite3_malloc64(n);
  if( e==0 || zText==0 ){
    CHECK(!"out of memory");
    rx_engine_free(e);
    sqlite3_free(zText);
    return;
  }
  for(i=0; i<n; i++) zText[i] = "ab"[i%2];
  CHECK_INT(rx_pattern_get(e, "^(?:a|b)*$", 10, &p, &zErr), SQLITE_OK);
  CHECK_INT(rx_search(e, p, p->pData, zText, n, 0, 0, &zErr), SQLITE_ROW);
  CHECK(p->nFrameBytes>RX_FRAMES_KEEP);
  CHECK_INT(pcre2_get_ovector_pointer(p->pData)[1], n);
  rx_pattern_ref(p);
  rx_pattern_unref(p);                 /* done with the result */
  CHECK_INT(p->nFrameBytes, 0);
  CHECK_INT(rx_search(e, p, p->pData, "ab", 2, 0, 0, &zErr), SQLITE_ROW);
  rx_pattern_unref(p);
  sqlite3_free(zText);
  rx_engine_free(e);
}

void unit_regexp(void){
  RxEngine *aEngine[2];
  int i;
  test_utf8_check();
  test_frames_dropped();
  aEngine[0] = rx_engine_new(1);
  aEngine[1] = rx_engine_new(0);     /* the interpreter only */
  CHECK(aEngine[0]!=0 && aEngine[1]!=0);
  if( aEngine[0]==0 || aEngine[1]==0 ) return;
  for(i=0; i<2; i++){
    test_compile(aEngine[i]);
    test_cache_eviction(aEngine[i]);
    test_scan(aEngine[i]);
    test_groups_json(aEngine[i]);
    test_replace(aEngine[i]);
    test_replace_long(aEngine[i]);
  }
  rx_engine_free(aEngine[0]);
  rx_engine_free(aEngine[1]);
}
