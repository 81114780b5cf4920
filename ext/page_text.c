/*
** page_text.c -- a plain-text dump of a web page as blocks (page.h).
**
** Every non-empty line is one block.  A line that starts with a bullet
** ('•', '·', '▪', '◦', '‣', '►', '*', '-', '–' followed by a space) becomes
** a TH_BLOCK_ITEM without its marker; the flags say whether a blank line
** came before it and whether it was indented.
*/
#include <string.h>
#include "page.h"

/* Bullet markers, each followed by a space to count. */
static const char *const azBullet[] = {
  "\xe2\x80\xa2", "\xc2\xb7", "\xe2\x96\xaa", "\xe2\x97\xa6", "\xe2\x80\xa3",
  "\xe2\x96\xba", "*", "-", "\xe2\x80\x93",
};

/* Length of the bullet marker and its space at z, or 0. */
static size_t bullet_len(const char *z, size_t n){
  size_t k;
  unsigned char c = n>0 ? (unsigned char)z[0] : 0;
  /* every marker starts with one of these bytes */
  if( c!='*' && c!='-' && c!=0xe2 && c!=0xc2 ) return 0;
  for(k=0; k<sizeof(azBullet)/sizeof(azBullet[0]); k++){
    size_t m = strlen(azBullet[k]);
    if( m<n && memcmp(z, azBullet[k], m)==0 && (z[m]==' ' || z[m]=='\t') ){
      return m + 1;
    }
  }
  return 0;
}

static int is_blank(const char *z, size_t n){
  size_t i;
  for(i=0; i<n; i++){
    if( z[i]!=' ' && z[i]!='\t' && z[i]!='\r' && z[i]!='\f' ) return 0;
  }
  return 1;
}

static int add_line(ThPage *p, const char *z, size_t n, unsigned int flags){
  size_t i = 0, nBullet;
  int kind = TH_BLOCK_LINE;
  while( i<n && (z[i]==' ' || z[i]=='\t') ) i++;
  if( i>0 ) flags |= TH_INDENTED;
  nBullet = bullet_len(z+i, n-i);
  if( nBullet ){
    kind = TH_BLOCK_ITEM;
    flags |= TH_BULLET;
    i += nBullet;
  }
  return th_page_add_block(p, z+i, n-i, kind, 0, flags);
}

int th_page_from_text(ThPage *p, const char *z, size_t n){
  size_t i = 0;
  unsigned int flags = TH_BLANK_BEFORE;    /* the start counts as a break */
  th_page_init(p);
  p->format = TH_FORMAT_TEXT;
  /* the blocks' text is never longer than the page: one allocation */
  if( th_buf_reserve(&p->text, n+1) ){
    th_page_free(p);
    return SQLITE_NOMEM;
  }
  if( n>=3 && memcmp(z, "\xef\xbb\xbf", 3)==0 ) i = 3;
  while( i<n ){
    const char *zEol = memchr(z+i, '\n', n-i);
    size_t iEnd = zEol ? (size_t)(zEol - z) : n;
    if( is_blank(z+i, iEnd-i) ){
      flags = TH_BLANK_BEFORE;
    }else{
      if( add_line(p, z+i, iEnd-i, flags) ){
        th_page_free(p);
        return SQLITE_NOMEM;
      }
      flags = 0;
    }
    i = iEnd + 1;
  }
  return SQLITE_OK;
}
