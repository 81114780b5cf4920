/*
** page.c -- the page model of page.h: format detection, loading a page in
** either format, adding blocks, freeing.
**
** No SQL functions here (see clean_sql.c).
*/
#include <string.h>
#include "page.h"

static int is_space(unsigned char c){
  return c==' ' || c=='\t' || c=='\n' || c=='\r' || c=='\f' || c=='\v';
}

/* True when z[0..n) starts, ignoring ASCII case, with the lower-case zWord. */
static int starts_with_nocase(const char *z, size_t n, const char *zWord){
  size_t k;
  for(k=0; zWord[k]; k++){
    char c;
    if( k>=n ) return 0;
    c = z[k];
    if( c>='A' && c<='Z' ) c += 'a' - 'A';
    if( c!=zWord[k] ) return 0;
  }
  return 1;
}

/* True when one of the tags <html, <body, <p>, <div occurs in z[0..n). */
static int has_block_tag(const char *z, size_t n){
  const char *p = z, *zEnd = z + n;
  while( (p = memchr(p, '<', (size_t)(zEnd - p)))!=0 ){
    size_t nLeft = (size_t)(zEnd - p) - 1;
    p++;
    if( starts_with_nocase(p, nLeft, "html") || starts_with_nocase(p, nLeft, "body")
     || starts_with_nocase(p, nLeft, "p>") || starts_with_nocase(p, nLeft, "div") ){
      return 1;
    }
  }
  return 0;
}

ThFormat th_detect_format(const char *z, size_t n){
  size_t i = 0, nHead;
  if( n>=3 && memcmp(z, "\xef\xbb\xbf", 3)==0 ) i = 3;
  while( i<n && is_space((unsigned char)z[i]) ) i++;
  if( i+1<n && z[i]=='<' ){
    char c = z[i+1];
    if( c=='!' || c=='?' || (c>='a' && c<='z') || (c>='A' && c<='Z') ){
      return TH_FORMAT_HTML;
    }
  }
  /* A fragment that starts with text but is markup all the same. */
  nHead = n<4096 ? n : 4096;
  if( has_block_tag(z, nHead) ) return TH_FORMAT_HTML;
  return TH_FORMAT_TEXT;
}

int th_page_load(ThPage *p, const char *z, size_t n, ThFormat format){
  int rc;
  if( format==TH_FORMAT_AUTO ) format = th_detect_format(z, n);
  if( format==TH_FORMAT_HTML ){
    rc = th_page_from_html(p, z, n);
  }else{
    rc = th_page_from_text(p, z, n);
  }
  if( rc==SQLITE_OK ) p->format = format;
  return rc;
}

/* A byte copied as it is: not white space, not a control character and
** not 0xc2 (the first byte of U+00A0 no-break space). */
static int is_plain_byte(unsigned char c){
  return c>' ' && c!=0xc2;
}

/* Does the 8-byte word x (in memory order) hold a byte that white-space
** collapsing may change: a control character (tab, line break ...), 0xc2,
** or two spaces in a row (also the first byte of x after a space: the byte
** before x is a space when *pCarry is 0x80)?  SWAR: each byte of x is
** tested at once, its high bit the answer.  A borrow may flag a byte above
** a flagged one, so the answer may be yes for a word that needs no care
** (" !" looks like two spaces): such a word is then only copied byte by
** byte, with the same result.  When the answer is no, *pCarry is set for
** the next word. */
static int word_needs_care(uint64_t x, uint64_t *pCarry, int bLittle){
  const uint64_t ones = 0x0101010101010101ull;
  const uint64_t high = 0x8080808080808080ull, low7 = 0x7f7f7f7f7f7f7f7full;
  uint64_t ctrl, c2, sp, y, pair;
  ctrl = (x - ones*0x20) & ~x & high;                     /* byte < 0x20 */
  y = x ^ (ones*' ');
  sp = (y - ones) & ~y & high;                            /* byte ' ' */
  pair = bLittle ? (sp << 8) | *pCarry : (sp >> 8) | (*pCarry << 56);
  if( (ctrl | (sp & pair))!=0 ) return 1;
  if( (x & high)!=0 ){
    y = x ^ (ones*0xc2);
    c2 = ~(((y & low7) + low7) | y) & high;               /* byte 0xc2 */
    if( c2!=0 ) return 1;
  }
  *pCarry = bLittle ? sp >> 56 : sp & 0x80;
  return 0;
}

/* Copies to zOut the start of z[0..n) that white-space collapsing leaves
** as it is: plain bytes and single spaces between them, ending with a
** plain byte (so after it nothing is pending); returns its length, 0 when
** z[0] is not plain.  Eight bytes at a time while no word needs care (each
** word is stored as it is read; zOut has room for n bytes), then byte by
** byte. */
static size_t copy_plain_span(const char *z, size_t n, char *zOut){
  const unsigned int one = 1;
  int bLittle = *(const unsigned char*)&one==1;
  size_t i = 0;
  uint64_t carry = 0;         /* 0x80: the byte before z[i] is a space */
  if( n==0 || !is_plain_byte((unsigned char)z[0]) ) return 0;
  while( i+8<=n ){
    uint64_t x;
    memcpy(&x, z+i, 8);
    if( word_needs_care(x, &carry, bLittle) ) break;
    memcpy(zOut+i, &x, 8);
    i += 8;
  }
  /* a space ending the words above may be the first of a run */
  if( i>0 && z[i-1]==' ' ) i--;
  while( i<n ){
    if( is_plain_byte((unsigned char)z[i]) ){
      zOut[i] = z[i];
      i++;
    }else if( z[i]==' ' && i+1<n && is_plain_byte((unsigned char)z[i+1]) ){
      zOut[i] = ' ';
      zOut[i+1] = z[i+1];
      i += 2;
    }else{
      break;
    }
  }
  return i;
}

/* Appends a block; with bKeepLines a '\n' in z is a line break that is
** kept (see th_page_add_lines), otherwise it is white space like the rest.
** Stretches of plain text (copy_plain_span()) are copied as they are. */
static int add_block_text(ThPage *p, const char *z, size_t n, int kind,
                          int level, unsigned int flags, int bKeepLines){
  size_t i, iStart, k;
  int pendingSpace = 0, pendingBreak = 0;
  char *zOut;
  ThBlock *pBlock;
  if( p->nBlock>=p->nAlloc ){
    int nNew = p->nAlloc ? p->nAlloc*2 : 64;
    ThBlock *aNew = sqlite3_realloc64(p->aBlock, sizeof(ThBlock)*(size_t)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aBlock = aNew;
    p->nAlloc = nNew;
  }
  /* room for the '\n' between blocks and the text */
  if( th_buf_reserve(&p->text, n+1) ) return SQLITE_NOMEM;
  if( p->text.n>0 ) p->text.z[p->text.n++] = '\n';
  iStart = p->text.n;
  zOut = p->text.z;       /* locals: stores through zOut cannot alias them */
  k = iStart;
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( !pendingSpace && !pendingBreak && is_plain_byte(c) ){
      size_t m = copy_plain_span(z+i, n-i, zOut+k);
      k += m;
      i += m - 1;
      continue;
    }
    if( c>' ' && c!=0xc2 ){
      /* the common case: not white space */
      if( (pendingSpace || pendingBreak) && k>iStart ){
        zOut[k++] = pendingBreak ? '\n' : ' ';
      }
      pendingSpace = pendingBreak = 0;
      zOut[k++] = (char)c;
      continue;
    }
    if( c=='\n' && bKeepLines ){
      pendingBreak = 1;
      continue;
    }
    if( is_space(c) ){
      pendingSpace = 1;
      continue;
    }
    /* U+00A0 no-break space counts as white space too */
    if( c==0xc2 && i+1<n && (unsigned char)z[i+1]==0xa0 ){
      pendingSpace = 1;
      i++;
      continue;
    }
    if( (pendingSpace || pendingBreak) && k>iStart ){
      zOut[k++] = pendingBreak ? '\n' : ' ';
    }
    pendingSpace = pendingBreak = 0;
    zOut[k++] = (char)c;
  }
  zOut[k] = 0;
  p->text.n = k;
  if( k==iStart ) return SQLITE_OK;      /* nothing but space */
  pBlock = &p->aBlock[p->nBlock++];
  pBlock->iStart = iStart;
  pBlock->nLen = k - iStart;
  pBlock->kind = (unsigned short)kind;
  pBlock->level = (unsigned short)level;
  pBlock->flags = flags;
  return SQLITE_OK;
}

int th_page_add_block(ThPage *p, const char *z, size_t n, int kind,
                      int level, unsigned int flags){
  return add_block_text(p, z, n, kind, level, flags, 0);
}

int th_page_add_lines(ThPage *p, const char *z, size_t n, int kind,
                      int level, unsigned int flags){
  return add_block_text(p, z, n, kind, level, flags, 1);
}

void th_page_init(ThPage *p){
  memset(p, 0, sizeof(*p));
  p->iTitle = p->iBodyFirst = p->iBodyLast = -1;
}

void th_page_free(ThPage *p){
  ThPageMeta *m = &p->meta;
  th_buf_free(&p->text);
  sqlite3_free(p->aBlock);
  sqlite3_free(p->aKeep);
  sqlite3_free(m->zTitle);
  sqlite3_free(m->zOgTitle);
  sqlite3_free(m->zH1);
  sqlite3_free(m->zPublished);
  sqlite3_free(m->zTimeDatetime);
  sqlite3_free(m->zAuthor);
  sqlite3_free(m->zSiteName);
  th_page_init(p);
}
