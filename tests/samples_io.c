/*
** samples_io.c -- reading samples/ and making varied copies of its pages
** for the benchmarks.  See samples_io.h.
*/
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "samples_io.h"

static int read_file(const char *zPath, Sample *p){
  FILE *f = fopen(zPath, "rb");
  long n;
  if( f==0 ) return 1;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  p->z = malloc((size_t)n + 1);
  p->n = p->z ? fread(p->z, 1, (size_t)n, f) : 0;
  fclose(f);
  if( p->z==0 ) return 1;
  p->z[p->n] = 0;
  return 0;
}

int load_samples(const char *zDir, Sample *a, int nMax){
  DIR *d = opendir(zDir);
  struct dirent *e;
  int n = 0;
  if( d==0 ) return 0;
  while( n<nMax && (e = readdir(d))!=0 ){
    char zPath[4096];
    size_t len = strlen(e->d_name);
    int isTxt = len>4 && strcmp(e->d_name+len-4, ".txt")==0;
    int isHtml = len>5 && strcmp(e->d_name+len-5, ".html")==0;
    if( !isTxt && !isHtml ) continue;
    snprintf(zPath, sizeof(zPath), "%s/%s", zDir, e->d_name);
    if( read_file(zPath, &a[n])==0 ){
      a[n].bHtml = isHtml;
      n++;
    }
  }
  closedir(d);
  return n;
}

size_t vary_sample(const Sample *p, int i, char *zOut){
  size_t nOut, k, iSplit = 0, nPara = 0;
  for(k=0; k+1<p->n; k++){
    if( p->z[k]=='\n' && p->z[k+1]=='\n' ) nPara++;
  }
  if( nPara>0 && !p->bHtml ){
    size_t want = (size_t)i % (nPara+1), seen = 0;
    for(k=0; k+1<p->n && seen<want; k++){
      if( p->z[k]=='\n' && p->z[k+1]=='\n' ){ seen++; iSplit = k+2; }
    }
  }
  memcpy(zOut, p->z + iSplit, p->n - iSplit);
  nOut = p->n - iSplit;
  if( iSplit>0 ){
    zOut[nOut++] = '\n';
    memcpy(zOut + nOut, p->z, iSplit);
    nOut += iSplit;
  }
  for(k=0; k<nOut; k++){
    if( zOut[k]>='0' && zOut[k]<='9' ) zOut[k] = '0' + (zOut[k]-'0'+i)%10;
  }
  return nOut;
}
