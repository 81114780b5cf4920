/*
** page.c -- the page model of page.h: format detection, loading a page in
** either format, adding blocks (a long block's words are counted as it is
** copied: th_count_words()), freeing.
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

/* The word counts of one 8-byte word x (lanes in memory order) whose
** bytes that follow a space are start: adds to the lanes of *pStart the
** word starts, of *pLetter those that are ASCII letters, of *pLower those
** that are lower-case letters (each lane's count in its low bits). */
static void count_starts(uint64_t x, uint64_t start, uint64_t *pStart,
                         uint64_t *pLetter, uint64_t *pLower){
  const uint64_t ones = 0x0101010101010101ull;
  const uint64_t low7 = 0x7f7f7f7f7f7f7f7full;
  uint64_t t = (x | ones*0x20) & low7, letter;   /* ASCII case folded */
  letter = (t + ones*(0x80-'a')) & ~(t + ones*(0x80-'z'-1)) & ~x & start;
  *pStart += start >> 7;
  *pLetter += letter >> 7;
  *pLower += (letter & (x << 2)) >> 7;         /* bit 0x20: lower case */
}

/* Adds the lane counts of count_starts() to *pc (each lane below 256). */
static void add_lane_counts(uint64_t aStart, uint64_t aLetter,
                            uint64_t aLower, ThWordCount *pc){
  const uint64_t ones = 0x0101010101010101ull;
  pc->nWord += (size_t)((aStart * ones) >> 56);
  pc->nLetter += (size_t)((aLetter * ones) >> 56);
  pc->nLower += (size_t)((aLower * ones) >> 56);
}

/* SWAR: each byte of a 64-bit word handled at once, its high bit the
** answer; up to 31 words are counted per lane before the lanes are added
** up (a lane's sum stays below 256). */
void th_count_words(const char *z, size_t n, int bAfterSpace,
                    ThWordCount *pc){
  const uint64_t ones = 0x0101010101010101ull;
  const uint64_t high = 0x8080808080808080ull, low7 = 0x7f7f7f7f7f7f7f7full;
  const unsigned int one = 1;
  int bLittle = *(const unsigned char*)&one==1;
  uint64_t carry = bAfterSpace ? 0x80 : 0;  /* 0x80: a space before */
  size_t i = 0, nFull = n & ~(size_t)7;
  while( i<n ){
    uint64_t aStart = 0, aLetter = 0, aLower = 0;
    size_t iEnd = nFull - i > 31*8 ? i + 31*8 : nFull;
    for(; i<iEnd; i+=8){
      uint64_t x, y, sp, start;
      memcpy(&x, z+i, 8);
      y = x ^ (ones*' ');                         /* spaces become 0 */
      sp = ~(((y & low7) + low7) | y) & high;     /* high bit: a space */
      if( bLittle ){
        start = ~sp & ((sp << 8) | carry);
        carry = sp >> 56;
      }else{
        start = ~sp & ((sp >> 8) | (carry << 56));
        carry = sp & 0x80;
      }
      count_starts(x, start, &aStart, &aLetter, &aLower);
    }
    if( i==nFull && i<n ){
      /* the last bytes, followed by spaces */
      char a[8];
      uint64_t x, y, sp, start;
      memset(a, ' ', 8);
      memcpy(a, z+i, n-i);
      memcpy(&x, a, 8);
      y = x ^ (ones*' ');
      sp = ~(((y & low7) + low7) | y) & high;
      start = bLittle ? ~sp & ((sp << 8) | carry)
                      : ~sp & ((sp >> 8) | (carry << 56));
      count_starts(x, start, &aStart, &aLetter, &aLower);
      i = n;
    }
    add_lane_counts(aStart, aLetter, aLower, pc);
  }
}

/* The 8-byte-word loop of copy_plain_span() for the span that starts a
** block, which also counts the words of what it copies
** (th_count_words(), with the same lane arithmetic: a word that needs no
** care has no two spaces in a row, so its spaces are found exactly).
** Returns the number of bytes copied, a multiple of 8. */
static size_t copy_words_counted(const char *z, size_t n, char *zOut,
                                 ThWordCount *pc){
  const uint64_t ones = 0x0101010101010101ull;
  const uint64_t high = 0x8080808080808080ull, low7 = 0x7f7f7f7f7f7f7f7full;
  const unsigned int one = 1;
  int bLittle = *(const unsigned char*)&one==1;
  uint64_t carry = 0x80;        /* the block starts: counts as a space */
  size_t i = 0;
  int nStep = 31;
  while( nStep==31 ){
    uint64_t aStart = 0, aLetter = 0, aLower = 0;
    for(nStep=0; nStep<31 && i+8<=n; nStep++, i+=8){
      uint64_t x, ctrl, y, sp, pair;
      memcpy(&x, z+i, 8);
      ctrl = (x - ones*0x20) & ~x & high;              /* byte < 0x20 */
      y = x ^ (ones*' ');
      sp = (y - ones) & ~y & high;                     /* byte ' ' */
      pair = bLittle ? (sp << 8) | carry : (sp >> 8) | (carry << 56);
      if( (ctrl | (sp & pair))!=0 ) break;
      if( (x & high)!=0 ){
        uint64_t c2;
        y = x ^ (ones*0xc2);
        c2 = ~(((y & low7) + low7) | y) & high;        /* byte 0xc2 */
        if( c2!=0 ) break;
      }
      /* no space follows a space here: the bytes after one are starts */
      count_starts(x, pair, &aStart, &aLetter, &aLower);
      carry = bLittle ? sp >> 56 : sp & 0x80;
      memcpy(zOut+i, &x, 8);
    }
    add_lane_counts(aStart, aLetter, aLower, pc);
  }
  return i;
}

/* Copies to zOut the start of z[0..n) that white-space collapsing leaves
** as it is: plain bytes and single spaces between them, ending with a
** plain byte (so after it nothing is pending); returns its length, 0 when
** z[0] is not plain.  Eight bytes at a time while no word needs care (each
** word is stored as it is read; zOut has room for n bytes), then byte by
** byte.  With pc, the words of the 8-byte words are counted into *pc and
** *pnCounted says how many bytes those are (copy_words_counted()). */
static size_t copy_plain_span(const char *z, size_t n, char *zOut,
                              ThWordCount *pc, size_t *pnCounted){
  const unsigned int one = 1;
  int bLittle = *(const unsigned char*)&one==1;
  size_t i = 0;
  uint64_t carry = 0;         /* 0x80: the byte before z[i] is a space */
  if( n==0 || !is_plain_byte((unsigned char)z[0]) ) return 0;
  if( pc ){
    i = copy_words_counted(z, n, zOut, pc);
    *pnCounted = i;
  }else{
    while( i+8<=n ){
      uint64_t x;
      memcpy(&x, z+i, 8);
      if( word_needs_care(x, &carry, bLittle) ) break;
      memcpy(zOut+i, &x, 8);
      i += 8;
    }
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
  size_t i, iStart, k, kCounted;
  int pendingSpace = 0, pendingBreak = 0;
  int bCount = n>TH_COUNT_MIN;    /* count the words of a long text */
  ThWordCount wc;
  char *zOut;
  ThBlock *pBlock;
  if( p->nBlock>=p->nAlloc ){
    int nNew = p->nAlloc ? p->nAlloc*2 : 64;
    ThBlock *aNew = sqlite3_realloc64(p->aBlock, sizeof(ThBlock)*(size_t)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->aBlock = aNew;
    p->nAlloc = nNew;
  }
  /* room for the '\n' between blocks and the text (and the NUL) */
  if( p->text.n + n + 2 > p->text.nAlloc || p->text.oom ){
    if( th_buf_reserve(&p->text, n+1) ) return SQLITE_NOMEM;
  }
  if( p->text.n>0 ) p->text.z[p->text.n++] = '\n';
  iStart = p->text.n;
  zOut = p->text.z;       /* locals: stores through zOut cannot alias them */
  k = kCounted = iStart;
  memset(&wc, 0, sizeof(wc));
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    if( !pendingSpace && !pendingBreak && is_plain_byte(c) ){
      /* the span that starts the block counts its words as it goes */
      size_t nCounted = 0;
      size_t m = copy_plain_span(z+i, n-i, zOut+k,
                                 bCount && k==iStart ? &wc : 0, &nCounted);
      if( k==iStart ) kCounted = iStart + nCounted;
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
  pBlock->nCounted = 0;
  if( bCount ){
    /* the words after those counted while copying (a space that ended
    ** them may have been dropped: then there are none) */
    if( k>kCounted ){
      th_count_words(zOut+kCounted, k-kCounted,
                     kCounted==iStart || zOut[kCounted-1]==' ', &wc);
    }
    pBlock->nCounted = k - iStart;
  }
  pBlock->wc = wc;
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
