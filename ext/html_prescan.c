/*
** html_prescan.c -- drop what libxml2 would read only to throw away.
**
**   size_t nOut = th_html_prescan(z, n, 0);      the length of the copy
**   if( nOut<n ){ zOut = malloc(nOut); th_html_prescan(z, n, zOut); }
**
** Used by html_page.c before handing a page to libxml2's HTML parser (there
** is no SQL function of its own).  The copy is the page without the
** content of its comments and of its <script> and <style> elements: the
** tags stay ("<!---->", "<script ...></script>"), so the parser reports the
** same elements in the same order and html_page.c, which ignores that
** content, builds the same page.  The content of a script whose start tag
** mentions "+json" (JSON-LD is read for metadata) or has an entity is
** kept.
**
** The scan follows libxml2 2.9's HTML tokenizer (recovery mode): a comment
** runs from "<!--" to the first "-->" or "--!>" after it; a script or style
** to the first "</script" / "</style" in any case; start tags end at the
** first '>' or "/>" outside a quoted attribute value, as libxml2 splits
** attributes; end tags at the first '>'.  Only what the scan is sure of is
** dropped: a region with invalid UTF-8 (libxml2 changes its decoding at
** the first invalid byte), over 1 MB, or that contains what would end the
** enclosing construct in another reading ("-->", "</") is kept, and a page
** with a processing instruction "<?", a "<!" other than a comment or a
** plain doctype, or an unusual tag name is copied unchanged (the function
** returns n).  Linear in n.  zOut, when not NULL, has room for n bytes.
*/
#include <string.h>
#include "html_prescan.h"

#define MAX_DROP 1000000     /* longer regions are kept, as libxml2 may
                             ** stop at its own length limits */

static unsigned char lower(unsigned char c){
  return (c>='A' && c<='Z') ? (unsigned char)(c + 32) : c;
}

static int is_letter(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z');
}

/* White space as libxml2's IS_BLANK_CH sees it. */
static int is_blank(unsigned char c){
  return c==' ' || c=='\t' || c=='\n' || c=='\r';
}

/* A character of a tag or attribute name after the first (htmlParseHTMLName). */
static int is_name_char(unsigned char c){
  return is_letter(c) || (c>='0' && c<='9') || c==':' || c=='-' || c=='_'
      || c=='.';
}

/* Whether z[0..m) equals zLower ignoring ASCII case. */
static int same_ci(const char *z, size_t m, const char *zLower){
  size_t k;
  for(k=0; k<m; k++){
    if( lower((unsigned char)z[k])!=(unsigned char)zLower[k] ) return 0;
  }
  return zLower[m]==0;
}

/* The first case-insensitive match of zLower (whose first byte has no
** case) in
** z[i..n), or n. */
static size_t find_ci(const char *z, size_t n, size_t i, const char *zLower){
  size_t m = strlen(zLower);
  while( i+m<=n ){
    const char *zLt = memchr(z+i, zLower[0], n-i-m+1);
    if( zLt==0 ) return n;
    i = (size_t)(zLt - z);
    if( same_ci(z+i, m, zLower) ) return i;
    i++;
  }
  return n;
}

/* Whether z[0..n) is valid UTF-8 (strictly: no overlong form, no
** surrogate, nothing above U+10FFFF). */
static int valid_utf8(const unsigned char *z, size_t n){
  size_t i = 0;
  while( i<n ){
    unsigned char c = z[i];
    size_t m, k;
    unsigned long v;
    if( c<0x80 ){ i++; continue; }
    if( c>=0xC2 && c<=0xDF ){ m = 1; v = c & 0x1F; }
    else if( c>=0xE0 && c<=0xEF ){ m = 2; v = c & 0x0F; }
    else if( c>=0xF0 && c<=0xF4 ){ m = 3; v = c & 0x07; }
    else return 0;
    if( n-i<=m ) return 0;
    for(k=1; k<=m; k++){
      if( (z[i+k] & 0xC0)!=0x80 ) return 0;
      v = (v<<6) | (z[i+k] & 0x3F);
    }
    if( (m==2 && v<0x800) || (m==3 && (v<0x10000 || v>0x10FFFF))
     || (v>=0xD800 && v<=0xDFFF) ) return 0;
    i += m + 1;
  }
  return 1;
}

/* Whether z[a..b) may be dropped: not too long, valid UTF-8, and without
** "-->", "--!>" or "</", which could end a comment or a script that
** encloses it in a reading other than the scan's. */
static int droppable(const char *z, size_t a, size_t b){
  size_t i;
  if( b<=a ) return 0;
  if( b-a>MAX_DROP ) return 0;
  for(i=a; i+1<b; i++){
    if( z[i]=='<' && z[i+1]=='/' ) return 0;
    if( z[i]=='-' && z[i+1]=='-' && i+2<b
     && (z[i+2]=='>' || (z[i+2]=='!' && i+3<b && z[i+3]=='>')) ) return 0;
  }
  return valid_utf8((const unsigned char*)z + a, b - a);
}

/* The index of the end of a comment whose content starts at i (just after
** "<!--"): of the first "-->" or "--!>" at or after i, or n. */
static size_t comment_end(const char *z, size_t n, size_t i){
  while( i<n ){
    const char *zDash = memchr(z+i, '-', n-i);
    if( zDash==0 ) return n;
    i = (size_t)(zDash - z);
    if( i+2<n && z[i+1]=='-'
     && (z[i+2]=='>' || (z[i+2]=='!' && i+3<n && z[i+3]=='>')) ) return i;
    i++;
  }
  return n;
}

/* Given j just after the name of a start tag, the index of the '>' or of
** the "/>" that ends it, or n, splitting attributes as libxml2's
** htmlParseStartTag does. */
static size_t start_tag_end(const char *z, size_t n, size_t j){
  for(;;){
    unsigned char c;
    while( j<n && is_blank((unsigned char)z[j]) ) j++;
    if( j>=n || z[j]=='>' ) return j;
    if( z[j]=='/' && j+1<n && z[j+1]=='>' ) return j;
    c = (unsigned char)z[j];
    if( is_letter(c) || c=='_' || c==':' || c=='.' ){
      while( j<n && is_name_char((unsigned char)z[j]) ) j++;
      while( j<n && is_blank((unsigned char)z[j]) ) j++;
      if( j<n && z[j]=='=' ){
        j++;
        while( j<n && is_blank((unsigned char)z[j]) ) j++;
        if( j<n && (z[j]=='"' || z[j]=='\'') ){
          const char *zQ = memchr(z+j+1, z[j], n-j-1);
          if( zQ==0 ) return n;
          j = (size_t)(zQ - z) + 1;
        }else{
          while( j<n && z[j]!='>' && !is_blank((unsigned char)z[j]) ) j++;
        }
      }
    }else{
      /* a bogus attribute, dumped up to a blank or the end of the tag */
      while( j<n && !is_blank((unsigned char)z[j]) && z[j]!='>'
             && !(z[j]=='/' && j+1<n && z[j+1]=='>') ) j++;
    }
  }
}

/* Whether the start tag z[a..b) mentions +json or an entity, so that a
** script it opens may be JSON-LD (html_page.c reads those). */
static int maybe_json(const char *z, size_t a, size_t b){
  return memchr(z+a, '&', b-a)!=0 || find_ci(z, b, a, "+json")<b;
}

size_t th_html_prescan(const char *z, size_t n, char *zOut){
  size_t i = 0;            /* scan position */
  size_t iCopy = 0;        /* z[iCopy..) is not yet copied */
  size_t nOut = 0;         /* bytes written (or counted) */
  while( i<n ){
    const char *zLt = memchr(z+i, '<', n-i);
    size_t a = 0, b = 0, j;
    if( zLt==0 ) break;
    i = (size_t)(zLt - z);
    if( i+1>=n ) break;
    if( z[i+1]=='!' ){
      if( i+3<n && z[i+2]=='-' && z[i+3]=='-' ){
        a = i + 4;
        b = comment_end(z, n, a);
        i = b<n ? b + (z[b+2]=='!' ? 4 : 3) : n;
        if( !droppable(z, a, b) ) a = b = 0;
      }else if( i+9<n && same_ci(z+i+2, 7, "doctype") ){
        const char *zGt = memchr(z+i, '>', n-i);
        j = zGt ? (size_t)(zGt - z) : n;
        if( memchr(z+i, '"', j-i) || memchr(z+i, '\'', j-i) ) goto unchanged;
        i = j<n ? j + 1 : n;
      }else{
        goto unchanged;
      }
    }else if( z[i+1]=='?' ){
      goto unchanged;
    }else if( z[i+1]=='/' ){
      j = i + 2;
      if( j<n && is_letter((unsigned char)z[j]) ){
        const char *zGt = memchr(z+j, '>', n-j);
        i = zGt ? (size_t)(zGt - z) + 1 : n;
      }else{
        i = j;
      }
    }else if( is_letter((unsigned char)z[i+1]) ){
      size_t nName;
      int eRaw = 0;        /* 1 script, 2 style */
      size_t iTag = i;
      j = i + 1;
      while( j<n && is_name_char((unsigned char)z[j]) ) j++;
      nName = j - i - 1;
      if( nName>=100 ) goto unchanged;
      if( nName==6 && same_ci(z+i+1, 6, "script") ) eRaw = 1;
      if( nName==5 && same_ci(z+i+1, 5, "style") ) eRaw = 2;
      j = start_tag_end(z, n, j);
      if( j>=n ){
        i = n;
      }else if( z[j]=='/' ){
        i = j + 2;
      }else{
        i = j + 1;
        if( eRaw ){
          const char *zEnd = eRaw==1 ? "</script" : "</style";
          size_t m = eRaw==1 ? 8 : 7;
          a = i;
          b = find_ci(z, n, a, zEnd);
          if( b<n && (b+m>=n || is_name_char((unsigned char)z[b+m])) ){
            goto unchanged;      /* "</scripts": libxml2 stays in the script */
          }
          i = b;
          if( (eRaw==1 && maybe_json(z, iTag, j)) || !droppable(z, a, b) ){
            a = b = 0;
          }
        }
      }
    }else{
      i++;
    }
    if( b>a ){
      if( zOut ) memcpy(zOut + nOut, z + iCopy, a - iCopy);
      nOut += a - iCopy;
      iCopy = b;
    }
  }
  if( zOut ) memcpy(zOut + nOut, z + iCopy, n - iCopy);
  nOut += n - iCopy;
  return nOut;

unchanged:
  if( zOut ) memcpy(zOut, z, n);
  return n;
}
