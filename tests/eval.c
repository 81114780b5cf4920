/*
** eval.c -- measures page cleaning against the hand-labelled pages.
**
**   eval SAMPLES_DIR [-v]
**
** For every row of SAMPLES_DIR/expected/pages.csv (name,title,date,byline,
** site) it cleans SAMPLES_DIR/name with the extension's plain-C code and
** compares:
**   body   bag-of-words precision and recall against
**          expected/<name without extension>.body.txt (words are runs of
**          letters and digits, case-folded for ASCII; each word occurrence
**          counts once);
**   title, date, byline, site: exact match after trimming, title and byline
**          compared without case.
** Prints one line per page and the totals (micro-averaged over words).
** -v also prints the words missed and the words extra for each page.
** Figures are printed, never asserted: tests/clean.test holds assertions.
*/
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>
#include <sqlite3.h>
#include "page.h"

typedef struct Words { char **az; int n, nAlloc; } Words;

static char *read_all(const char *zPath, size_t *pn){
  FILE *f = fopen(zPath, "rb");
  char *z;
  long n;
  if( f==0 ) return 0;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  z = malloc((size_t)n + 1);
  *pn = fread(z, 1, (size_t)n, f);
  z[*pn] = 0;
  fclose(f);
  return z;
}

static int cmp_str(const void *a, const void *b){
  return strcmp(*(char*const*)a, *(char*const*)b);
}

/* Splits z into sorted lower-case words (bytes >= 0x80 are word bytes). */
static void split_words(const char *z, size_t n, Words *w){
  size_t i = 0;
  memset(w, 0, sizeof(*w));
  while( i<n ){
    size_t j;
    while( i<n && !(isalnum((unsigned char)z[i]) || (unsigned char)z[i]>=0x80) ) i++;
    j = i;
    while( j<n && (isalnum((unsigned char)z[j]) || (unsigned char)z[j]>=0x80) ) j++;
    if( j>i ){
      char *zw = malloc(j - i + 1);
      size_t k;
      for(k=0; k<j-i; k++) zw[k] = (char)tolower((unsigned char)z[i+k]);
      zw[j-i] = 0;
      if( w->n>=w->nAlloc ){
        w->nAlloc = w->nAlloc*2 + 64;
        w->az = realloc(w->az, sizeof(char*)*(size_t)w->nAlloc);
      }
      w->az[w->n++] = zw;
    }
    i = j;
  }
  qsort(w->az, (size_t)w->n, sizeof(char*), cmp_str);
}

static void free_words(Words *w){
  int i;
  for(i=0; i<w->n; i++) free(w->az[i]);
  free(w->az);
}

/* Words common to both multisets; with bVerbose prints the differences. */
static int common_words(Words *got, Words *want, int bVerbose){
  int i = 0, j = 0, n = 0;
  while( i<got->n && j<want->n ){
    int c = strcmp(got->az[i], want->az[j]);
    if( c==0 ){ n++; i++; j++; }
    else if( c<0 ){ if( bVerbose ) printf("    extra: %s\n", got->az[i]); i++; }
    else { if( bVerbose ) printf("    missed: %s\n", want->az[j]); j++; }
  }
  for(; bVerbose && i<got->n; i++) printf("    extra: %s\n", got->az[i]);
  for(; bVerbose && j<want->n; j++) printf("    missed: %s\n", want->az[j]);
  return n;
}

/* Parses one CSV line into at most nField fields (RFC 4180 quotes). */
static int csv_fields(char *z, char **az, int nField){
  int n = 0;
  while( n<nField ){
    char *zOut = z;
    az[n++] = z;
    if( *z=='"' ){
      z++;
      while( *z ){
        if( z[0]=='"' && z[1]=='"' ){ *zOut++ = '"'; z += 2; }
        else if( z[0]=='"' ){ z++; break; }
        else *zOut++ = *z++;
      }
      while( *z && *z!=',' ) z++;
    }else{
      while( *z && *z!=',' && *z!='\n' && *z!='\r' ) *zOut++ = *z++;
    }
    if( *z!=',' ){ *zOut = 0; break; }
    z++;
    *zOut = 0;
  }
  return n;
}

typedef int (*FieldFn)(ThPage*, ThBuf*);

static int same_field(ThPage *p, FieldFn x, const char *zWant, int bNoCase,
                      const char *zLabel, int bVerbose){
  ThBuf b;
  int ok;
  th_buf_init(&b);
  x(p, &b);
  ok = bNoCase ? strcasecmp(b.z ? b.z : "", zWant)==0
               : strcmp(b.z ? b.z : "", zWant)==0;
  if( !ok && bVerbose ){
    printf("    %s: got '%s' want '%s'\n", zLabel, b.z ? b.z : "", zWant);
  }
  th_buf_free(&b);
  return ok;
}

int main(int argc, char **argv){
  char zPath[4096], zLine[8192];
  FILE *f;
  int bVerbose = argc>2 && strcmp(argv[2], "-v")==0;
  long nGot = 0, nWant = 0, nCommon = 0;
  int nPage = 0, nTitle = 0, nDate = 0, nByline = 0, nSite = 0;
  if( argc<2 ){
    fprintf(stderr, "usage: %s SAMPLES_DIR [-v]\n", argv[0]);
    return 2;
  }
  sqlite3_initialize();
  snprintf(zPath, sizeof(zPath), "%s/expected/pages.csv", argv[1]);
  f = fopen(zPath, "r");
  if( f==0 ){ fprintf(stderr, "cannot open %s\n", zPath); return 2; }
  if( !fgets(zLine, sizeof(zLine), f) ) return 2;          /* header */
  printf("%-52s %6s %6s %6s  %s\n", "page", "prec", "recall", "F1",
         "title date byline site");
  while( fgets(zLine, sizeof(zLine), f) ){
    char *az[5] = {"", "", "", "", ""};
    char *zRaw, *zExp, *zDot;
    size_t nRaw, nExp;
    ThPage page;
    ThBuf body;
    Words wGot, wWant;
    int nC, okT, okD, okB, okS;
    if( csv_fields(zLine, az, 5)<2 ) continue;
    snprintf(zPath, sizeof(zPath), "%s/%s", argv[1], az[0]);
    zRaw = read_all(zPath, &nRaw);
    zDot = strrchr(az[0], '.');
    snprintf(zPath, sizeof(zPath), "%s/expected/%.*s.body.txt", argv[1],
             (int)(zDot ? zDot - az[0] : (long)strlen(az[0])), az[0]);
    zExp = read_all(zPath, &nExp);
    if( zRaw==0 || zExp==0 ){
      printf("%-52s missing file\n", az[0]);
      free(zRaw); free(zExp);
      continue;
    }
    th_buf_init(&body);
    if( th_page_load(&page, zRaw, nRaw, TH_FORMAT_AUTO)
     || th_page_classify(&page) || th_page_body(&page, &body) ){
      printf("%-52s out of memory\n", az[0]);
      return 1;
    }
    split_words(body.z ? body.z : "", body.n, &wGot);
    split_words(zExp, nExp, &wWant);
    if( bVerbose ) printf("%s\n", az[0]);
    nC = common_words(&wGot, &wWant, bVerbose);
    okT = same_field(&page, th_page_title, az[1], 1, "title", bVerbose);
    okD = same_field(&page, th_page_date, az[2], 0, "date", bVerbose);
    okB = same_field(&page, th_page_byline, az[3], 1, "byline", bVerbose);
    okS = same_field(&page, th_page_site, az[4], 1, "site", bVerbose);
    printf("%-52s %6.3f %6.3f %6.3f  %s %s %s %s\n", az[0],
           wGot.n ? (double)nC/wGot.n : 0.0, wWant.n ? (double)nC/wWant.n : 0.0,
           wGot.n+wWant.n ? 2.0*nC/(wGot.n+wWant.n) : 0.0,
           okT ? "ok   " : "WRONG", okD ? "ok  " : "WRONG",
           okB ? "ok    " : "WRONG ", okS ? "ok" : "WRONG");
    nGot += wGot.n; nWant += wWant.n; nCommon += nC;
    nPage++; nTitle += okT; nDate += okD; nByline += okB; nSite += okS;
    free_words(&wGot); free_words(&wWant);
    th_buf_free(&body);
    th_page_free(&page);
    free(zRaw); free(zExp);
  }
  fclose(f);
  printf("\nbody: precision %.3f, recall %.3f, F1 %.3f over %d pages\n",
         nGot ? (double)nCommon/nGot : 0.0, nWant ? (double)nCommon/nWant : 0.0,
         nGot+nWant ? 2.0*nCommon/(nGot+nWant) : 0.0, nPage);
  printf("title %d/%d, date %d/%d, byline %d/%d, site %d/%d\n",
         nTitle, nPage, nDate, nPage, nByline, nPage, nSite, nPage);
  return 0;
}
