/*
** regex_engine.c -- compiling, caching and running PCRE2 patterns over
** (text, length), with no SQL in sight.  See regex_engine.h for the use.
**
** Memory: the general context hands PCRE2 sqlite3_malloc64/sqlite3_free, so
** compiled code, match data and backtracking frames are all SQLite memory.
** The JIT's machine code and stack are mapped by PCRE2 itself and given
** back by pcre2_code_free() and pcre2_jit_stack_free().
*/
#include <string.h>
#include "regex_engine.h"

/* Longest part of a pattern quoted in an error message, in bytes. */
#define RX_QUOTE_MAX 120

/* ---- memory for PCRE2 ---------------------------------------------------- */

static void *rx_malloc(PCRE2_SIZE nByte, void *pUnused){
  (void)pUnused;
  return sqlite3_malloc64(nByte);
}

static void rx_free(void *p, void *pUnused){
  (void)pUnused;
  sqlite3_free(p);
}

/* For the match data of a pattern: also notes the largest block taken,
** which after the match data itself are the interpreter's frames. */
static void *rx_malloc_frames(PCRE2_SIZE nByte, void *pPattern){
  RxPattern *p = (RxPattern*)pPattern;
  if( nByte>p->nFrameBytes ) p->nFrameBytes = nByte;
  return sqlite3_malloc64(nByte);
}

/* ---- error messages ------------------------------------------------------ */

/* PCRE2's text for error code rc, in zOut[nOut]. */
static void rx_error_text(int rc, char *zOut, size_t nOut){
  if( pcre2_get_error_message(rc, (PCRE2_UCHAR*)zOut, nOut)<0 ){
    sqlite3_snprintf((int)nOut, zOut, "PCRE2 error %d", rc);
  }
}

/* How many bytes of z[0..n) to quote: all of it when short, else up to
** RX_QUOTE_MAX bytes cut before a UTF-8 continuation byte. */
static int rx_quote_len(const char *z, size_t n){
  size_t i;
  if( n<=RX_QUOTE_MAX ) return (int)n;
  i = RX_QUOTE_MAX;
  while( i>0 && (((unsigned char)z[i])&0xc0)==0x80 ) i--;
  return (int)i;
}

char *rx_quote_pattern(const char *z, size_t n){
  int nQuote = rx_quote_len(z, n);
  return sqlite3_mprintf("pattern '%.*s%s'", nQuote, z,
                         (size_t)nQuote<n ? "..." : "");
}

/* Sets *pzErr to "regexp: WHAT in pattern '...'" and returns the SQLite
** code for PCRE2 error rc. */
static int rx_match_error(const RxPattern *pPattern, int rc, char **pzErr){
  char zWhat[256];
  char *zQuote;
  if( rc==PCRE2_ERROR_NOMEMORY ) return SQLITE_NOMEM;
  rx_error_text(rc, zWhat, sizeof(zWhat));
  zQuote = rx_quote_pattern(pPattern->zText, pPattern->nText);
  if( zQuote==0 ) return SQLITE_NOMEM;
  *pzErr = sqlite3_mprintf("regexp: %s in %s", zWhat, zQuote);
  sqlite3_free(zQuote);
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* ---- the engine -------------------------------------------------------- */

/* Creates the JIT stack and hands it to the match context.  Without a JIT
** in PCRE2, or without memory for the stack, the interpreter does all. */
static void rx_engine_setup_jit(RxEngine *p){
  uint32_t bHaveJit = 0;
  if( pcre2_config(PCRE2_CONFIG_JIT, &bHaveJit)<0 || !bHaveJit ){
    p->bJit = 0;
    return;
  }
  p->pJitStack = pcre2_jit_stack_create(RX_JIT_STACK_START, RX_JIT_STACK_MAX,
                                        p->pGeneral);
  if( p->pJitStack==0 ){
    p->bJit = 0;
    return;
  }
  pcre2_jit_stack_assign(p->pMatch, 0, p->pJitStack);
}

RxEngine *rx_engine_new(int bJit){
  RxEngine *p = sqlite3_malloc64(sizeof(*p));
  if( p==0 ) return 0;
  memset(p, 0, sizeof(*p));
  p->bJit = bJit;
  p->pGeneral = pcre2_general_context_create(rx_malloc, rx_free, 0);
  if( p->pGeneral ) p->pCompile = pcre2_compile_context_create(p->pGeneral);
  if( p->pCompile ) p->pMatch = pcre2_match_context_create(p->pGeneral);
  if( p->pMatch==0 ){
    rx_engine_free(p);
    return 0;
  }
  pcre2_set_match_limit(p->pMatch, RX_MATCH_LIMIT);
  pcre2_set_depth_limit(p->pMatch, RX_DEPTH_LIMIT);
  pcre2_set_heap_limit(p->pMatch, RX_HEAP_LIMIT_KIB);
  if( p->bJit ) rx_engine_setup_jit(p);
  return p;
}

void rx_engine_free(RxEngine *p){
  int i;
  if( p==0 ) return;
  for(i=0; i<p->nCache; i++) rx_pattern_unref(p->aCache[i]);
  pcre2_jit_stack_free(p->pJitStack);
  pcre2_match_context_free(p->pMatch);
  pcre2_compile_context_free(p->pCompile);
  pcre2_general_context_free(p->pGeneral);
  sqlite3_free(p);
}

/* ---- patterns ---------------------------------------------------------- */

static int rx_pattern_renew_data(RxPattern *p);

RxPattern *rx_pattern_ref(RxPattern *p){
  p->nRef++;
  return p;
}

void rx_pattern_unref(RxPattern *p){
  if( p==0 ) return;
  if( --p->nRef>0 ){
    /* the caller is done with the result in pData */
    if( p->nFrameBytes>RX_FRAMES_KEEP ) rx_pattern_renew_data(p);
    return;
  }
  pcre2_match_data_free(p->pData);
  pcre2_code_free(p->pCode);
  sqlite3_free(p->zText);
  sqlite3_free(p);
}

int rx_pattern_is(const RxPattern *p, const char *zPat, size_t nPat){
  return p->nText==nPat && (nPat==0 || memcmp(p->zText, zPat, nPat)==0);
}

/* "regexp: MESSAGE at offset N in pattern '...'" for a compile error. */
static int rx_compile_error(const char *zPat, size_t nPat, int errcode,
                            PCRE2_SIZE iOffset, char **pzErr){
  char zWhat[256];
  char *zQuote;
  if( errcode==PCRE2_ERROR_NOMEMORY ) return SQLITE_NOMEM;
  rx_error_text(errcode, zWhat, sizeof(zWhat));
  if( errcode>=PCRE2_ERROR_UTF8_ERR21 && errcode<=PCRE2_ERROR_UTF8_ERR1 ){
    /* not quoted: the message would carry the invalid bytes */
    *pzErr = sqlite3_mprintf("regexp: %s at offset %llu in the pattern",
                             zWhat, (unsigned long long)iOffset);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  zQuote = rx_quote_pattern(zPat, nPat);
  if( zQuote==0 ) return SQLITE_NOMEM;
  *pzErr = sqlite3_mprintf("regexp: %s at offset %llu in %s", zWhat,
                           (unsigned long long)iOffset, zQuote);
  sqlite3_free(zQuote);
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Gives p a new match data block (its memory functions see p), freeing
** the old one.  On failure p keeps the old one. */
static int rx_pattern_renew_data(RxPattern *p){
  pcre2_general_context *pGeneral;
  pcre2_match_data *pNew = 0;
  pGeneral = pcre2_general_context_create(rx_malloc_frames, rx_free, p);
  if( pGeneral ){
    /* the match data copies the memory functions: the context can go */
    pNew = pcre2_match_data_create_from_pattern(p->pCode, pGeneral);
    pcre2_general_context_free(pGeneral);
  }
  if( pNew==0 ) return SQLITE_NOMEM;
  pcre2_match_data_free(p->pData);
  p->pData = pNew;
  p->nFrameBytes = 0;
  return SQLITE_OK;
}

/* JIT-compiles pCode; true when it now has machine code.  A pattern the
** JIT cannot handle, or that starts with (*NO_JIT), runs in the
** interpreter. */
static int rx_jit_compile(pcre2_code *pCode){
  size_t nJit = 0;
  if( pcre2_jit_compile(pCode, PCRE2_JIT_COMPLETE)!=0 ) return 0;
  if( pcre2_pattern_info(pCode, PCRE2_INFO_JITSIZE, &nJit)!=0 ) return 0;
  return nJit>0;
}

/* Compiles zPat[0..nPat) into a new pattern with one reference. */
static int rx_pattern_compile(RxEngine *pEngine, const char *zPat,
                              size_t nPat, RxPattern **ppOut, char **pzErr){
  RxPattern *p;
  int errcode = 0;
  PCRE2_SIZE iErrOffset = 0;
  *ppOut = 0;
  p = sqlite3_malloc64(sizeof(*p));
  if( p==0 ) return SQLITE_NOMEM;
  memset(p, 0, sizeof(*p));
  p->nRef = 1;
  p->zText = sqlite3_malloc64(nPat+1);
  if( p->zText==0 ){
    rx_pattern_unref(p);
    return SQLITE_NOMEM;
  }
  if( nPat ) memcpy(p->zText, zPat, nPat);
  p->zText[nPat] = 0;
  p->nText = nPat;
  p->pCode = pcre2_compile((PCRE2_SPTR)p->zText, nPat, RX_COMPILE_OPTIONS,
                           &errcode, &iErrOffset, pEngine->pCompile);
  if( p->pCode==0 ){
    int rc = rx_compile_error(zPat, nPat, errcode, iErrOffset, pzErr);
    rx_pattern_unref(p);
    return rc;
  }
  pcre2_pattern_info(p->pCode, PCRE2_INFO_CAPTURECOUNT, &p->nGroup);
  if( pEngine->bJit ) p->bJit = rx_jit_compile(p->pCode);
  if( rx_pattern_renew_data(p)!=SQLITE_OK ){
    rx_pattern_unref(p);
    return SQLITE_NOMEM;
  }
  *ppOut = p;
  return SQLITE_OK;
}

/* Moves entry i of the cache to the front. */
static void rx_cache_promote(RxEngine *pEngine, int i){
  RxPattern *p = pEngine->aCache[i];
  memmove(&pEngine->aCache[1], &pEngine->aCache[0], i*sizeof(RxPattern*));
  pEngine->aCache[0] = p;
}

/* Puts p at the front of the cache (which takes a reference), dropping the
** least recently used pattern when full. */
static void rx_cache_insert(RxEngine *pEngine, RxPattern *p){
  if( pEngine->nCache==RX_CACHE_SIZE ){
    rx_pattern_unref(pEngine->aCache[--pEngine->nCache]);
  }
  pEngine->aCache[pEngine->nCache++] = rx_pattern_ref(p);
  rx_cache_promote(pEngine, pEngine->nCache-1);
}

int rx_pattern_get(RxEngine *pEngine, const char *zPat, size_t nPat,
                   RxPattern **ppPattern, char **pzErr){
  int i, rc;
  RxPattern *p;
  if( zPat==0 ) zPat = "";
  for(i=0; i<pEngine->nCache; i++){
    if( rx_pattern_is(pEngine->aCache[i], zPat, nPat) ){
      rx_cache_promote(pEngine, i);
      *ppPattern = rx_pattern_ref(pEngine->aCache[0]);
      return SQLITE_OK;
    }
  }
  rc = rx_pattern_compile(pEngine, zPat, nPat, &p, pzErr);
  if( rc!=SQLITE_OK ){
    *ppPattern = 0;
    return rc;
  }
  rx_cache_insert(pEngine, p);
  *ppPattern = p;
  return SQLITE_OK;
}

/* ---- matching ---------------------------------------------------------- */

int rx_search(RxEngine *pEngine, RxPattern *pPattern, pcre2_match_data *pData,
              const char *z, size_t n, size_t iStart, uint32_t flags,
              char **pzErr){
  int rc;
  if( z==0 ) z = "";
  if( pPattern->bJit ){
    /* the direct entry skips the argument checks of pcre2_match(), which
    ** these arguments always pass: a good part of the cost of one call */
    rc = pcre2_jit_match(pPattern->pCode, (PCRE2_SPTR)z, n, iStart, flags,
                         pData, pEngine->pMatch);
  }else{
    rc = pcre2_match(pPattern->pCode, (PCRE2_SPTR)z, n, iStart, flags, pData,
                     pEngine->pMatch);
  }
  if( rc>=0 ) return SQLITE_ROW;    /* 0: a match, ovector too short */
  if( rc==PCRE2_ERROR_NOMATCH ) return SQLITE_DONE;
  return rx_match_error(pPattern, rc, pzErr);
}

int rx_scan_init(RxScan *pScan, RxEngine *pEngine, RxPattern *pPattern,
                 const char *z, size_t n){
  memset(pScan, 0, sizeof(*pScan));
  pScan->pEngine = pEngine;
  pScan->pPattern = pPattern;
  pScan->z = z ? z : "";
  pScan->n = n;
  pScan->pData = pcre2_match_data_create_from_pattern(pPattern->pCode,
                                                      pEngine->pGeneral);
  if( pScan->pData==0 ) return SQLITE_NOMEM;
  pScan->aOvector = pcre2_get_ovector_pointer(pScan->pData);
  return SQLITE_OK;
}

int rx_scan_next(RxScan *p, char **pzErr){
  /* An empty match at iNext may not repeat: ask for a non-empty one there,
  ** or any match further on (PCRE2 moves on by one character). */
  uint32_t flags = p->bAfterEmpty ? PCRE2_NOTEMPTY_ATSTART : 0;
  size_t iStart, iEnd;
  int rc;
  if( p->iNext>p->n ) return SQLITE_DONE;
  rc = rx_search(p->pEngine, p->pPattern, p->pData, p->z, p->n, p->iNext,
                 flags, pzErr);
  if( rc!=SQLITE_ROW ){
    p->iNext = p->n+1;
    return rc;
  }
  iStart = p->aOvector[0];
  iEnd = p->aOvector[1];
  if( iStart>iEnd || iStart<p->iNext
   || (p->bAfterEmpty && iEnd==p->iNext) ){
    /* only possible with \K in a lookaround, which PCRE2 refuses */
    p->iNext = p->n+1;
    *pzErr = sqlite3_mprintf("regexp: a match that does not move forward");
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  p->bAfterEmpty = iStart==iEnd;
  p->iNext = iEnd;
  return SQLITE_ROW;
}

void rx_scan_finish(RxScan *pScan){
  pcre2_match_data_free(pScan->pData);
  memset(pScan, 0, sizeof(*pScan));
}

int rx_scan_group(const RxScan *pScan, uint32_t iGroup,
                  size_t *piStart, size_t *piEnd){
  PCRE2_SIZE iStart, iEnd;
  if( iGroup>pScan->pPattern->nGroup ) return 0;
  iStart = pScan->aOvector[2*iGroup];
  iEnd = pScan->aOvector[2*iGroup+1];
  if( iStart==PCRE2_UNSET || iEnd<iStart ) return 0;
  *piStart = iStart;
  *piEnd = iEnd;
  return 1;
}

/* ---- JSON array of groups ------------------------------------------------ */

/* Appends z[0..n) as a JSON string. */
static int rx_json_string(const char *z, size_t n, ThBuf *pOut){
  static const char aHex[] = "0123456789abcdef";
  size_t i, iRun = 0;
  th_buf_putc(pOut, '"');
  for(i=0; i<n; i++){
    unsigned char c = (unsigned char)z[i];
    char zEsc[7];
    size_t nEsc = 2;
    if( c>=0x20 && c!='"' && c!='\\' ) continue;
    th_buf_append(pOut, z+iRun, i-iRun);
    iRun = i+1;
    zEsc[0] = '\\';
    switch( c ){
      case '"':  zEsc[1] = '"';  break;
      case '\\': zEsc[1] = '\\'; break;
      case '\n': zEsc[1] = 'n';  break;
      case '\r': zEsc[1] = 'r';  break;
      case '\t': zEsc[1] = 't';  break;
      case '\b': zEsc[1] = 'b';  break;
      case '\f': zEsc[1] = 'f';  break;
      default:
        memcpy(zEsc+1, "u00", 3);
        zEsc[4] = aHex[c>>4];
        zEsc[5] = aHex[c&0xf];
        nEsc = 6;
        break;
    }
    th_buf_append(pOut, zEsc, nEsc);
  }
  th_buf_append(pOut, z+iRun, n-iRun);
  return th_buf_putc(pOut, '"');
}

int rx_groups_json(const char *z, const PCRE2_SIZE *aOvector, uint32_t nGroup,
                   ThBuf *pOut){
  uint32_t i;
  th_buf_putc(pOut, '[');
  for(i=1; i<=nGroup; i++){
    PCRE2_SIZE iStart = aOvector[2*i], iEnd = aOvector[2*i+1];
    if( i>1 ) th_buf_putc(pOut, ',');
    if( iStart==PCRE2_UNSET || iEnd<iStart ){
      th_buf_append(pOut, "null", 4);
    }else{
      rx_json_string(z+iStart, iEnd-iStart, pOut);
    }
  }
  return th_buf_putc(pOut, ']');
}

/* ---- substitution ------------------------------------------------------ */

size_t rx_utf8_check(const char *zIn, size_t n){
  const unsigned char *z = (const unsigned char*)zIn;
  size_t i = 0;
  while( i<n ){
    unsigned char c = z[i];
    unsigned char lo = 0x80, hi = 0xbf;   /* range of the second byte */
    size_t nCont, k;
    if( c<0x80 ){ i++; continue; }
    if( c>=0xc2 && c<=0xdf ){
      nCont = 1;
    }else if( c>=0xe0 && c<=0xef ){
      nCont = 2;
      if( c==0xe0 ) lo = 0xa0;              /* no overlong forms */
      if( c==0xed ) hi = 0x9f;              /* no surrogates */
    }else if( c>=0xf0 && c<=0xf4 ){
      nCont = 3;
      if( c==0xf0 ) lo = 0x90;
      if( c==0xf4 ) hi = 0x8f;              /* nothing above U+10FFFF */
    }else{
      return i;
    }
    if( n-i<=nCont || z[i+1]<lo || z[i+1]>hi ) return i;
    for(k=2; k<=nCont; k++){
      if( (z[i+k]&0xc0)!=0x80 ) return i;
    }
    i += nCont+1;
  }
  return n;
}

/* Message for an error of pcre2_substitute(); iRepOffset is where in the
** replacement a syntax error was found, PCRE2_UNSET for other errors. */
static int rx_replace_error(int rc, const char *zRep, size_t nRep,
                            PCRE2_SIZE iRepOffset, char **pzErr){
  char zWhat[256];
  int nQuote = rx_quote_len(zRep, nRep);
  if( rc==PCRE2_ERROR_NOMEMORY ) return SQLITE_NOMEM;
  rx_error_text(rc, zWhat, sizeof(zWhat));
  if( iRepOffset!=PCRE2_UNSET && iRepOffset<=nRep ){
    *pzErr = sqlite3_mprintf("regexp: %s at offset %llu in replacement '%.*s%s'",
                             zWhat, (unsigned long long)iRepOffset, nQuote,
                             zRep, (size_t)nQuote<nRep ? "..." : "");
  }else{
    *pzErr = sqlite3_mprintf("regexp: %s in replacement '%.*s%s'", zWhat,
                             nQuote, zRep, (size_t)nQuote<nRep ? "..." : "");
  }
  return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
}

/* Appends to pOut the replacement zRep[0..nRep) for the current match of
** pScan, its $ references expanded by pcre2_substitute() from the match
** already found (no second match), written straight into pOut. */
static int rx_expand(RxScan *pScan, const char *zRep, size_t nRep,
                     ThBuf *pOut, char **pzErr){
  const uint32_t flags = PCRE2_SUBSTITUTE_MATCHED
                       | PCRE2_SUBSTITUTE_REPLACEMENT_ONLY
                       | PCRE2_SUBSTITUTE_UNSET_EMPTY
                       | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH
                       | PCRE2_NO_UTF_CHECK;      /* checked by rx_replace */
  size_t nWant = nRep + 32;
  int nTry;
  /* The second try has the exact size the first one reported. */
  for(nTry=0; nTry<2; nTry++){
    PCRE2_SIZE nOut;
    int rc;
    if( th_buf_reserve(pOut, nWant) ) return SQLITE_NOMEM;
    nOut = pOut->nAlloc - pOut->n;
    rc = pcre2_substitute(pScan->pPattern->pCode, (PCRE2_SPTR)pScan->z,
                          pScan->n, 0, flags, pScan->pData,
                          pScan->pEngine->pMatch, (PCRE2_SPTR)zRep, nRep,
                          (PCRE2_UCHAR*)(pOut->z + pOut->n), &nOut);
    if( rc>=0 ){
      pOut->n += nOut;
      return SQLITE_OK;
    }
    if( rc!=PCRE2_ERROR_NOMEMORY || nOut==PCRE2_UNSET ){
      return rx_replace_error(rc, zRep, nRep, nOut, pzErr);
    }
    nWant = nOut;    /* the size needed, the terminating NUL included */
  }
  return SQLITE_NOMEM;
}

/* A replacement string cut into pieces once per call: literal runs and
** group numbers, so that most replacements are expanded without calling
** pcre2_substitute() for each match.  What the parser does not handle
** itself ($*MARK, duplicate group names, and every syntax error or unknown
** group) sets bPcre2: each match then goes through pcre2_substitute(),
** which gives the exact PCRE2 result or error message. */
typedef struct RxPiece {
  int iGroup;             /* group to insert, or -1 for zRep[iOff..iOff+n) */
  size_t iOff, n;
} RxPiece;

typedef struct RxTemplate {
  int nPiece;
  RxPiece *aPiece;
  int bPcre2;             /* expand with pcre2_substitute() instead */
} RxTemplate;

static int rx_is_digit(char c){ return c>='0' && c<='9'; }

/* [A-Za-z0-9_], the characters of a group name in a replacement. */
static int rx_is_name_char(char c){
  return rx_is_digit(c) || c=='_' || (c>='a' && c<='z') || (c>='A' && c<='Z');
}

static void rx_template_add(RxTemplate *pT, int iGroup, size_t iOff,
                            size_t n){
  RxPiece *p = &pT->aPiece[pT->nPiece++];
  p->iGroup = iGroup;
  p->iOff = iOff;
  p->n = n;
}

/* Reads the group reference after the '$' at zRep[i]: $N, ${N}, $NAME or
** ${NAME}.  Returns the group number and sets *piEnd past the reference,
** or returns -1 for anything else. */
static int rx_template_group(const RxPattern *pPattern, const char *zRep,
                             size_t nRep, size_t i, size_t *piEnd){
  int bBrace, iGroup = -1;
  i++;
  bBrace = i<nRep && zRep[i]=='{';
  if( bBrace ) i++;
  if( i<nRep && rx_is_digit(zRep[i]) ){
    iGroup = 0;
    while( i<nRep && rx_is_digit(zRep[i]) ){
      iGroup = iGroup*10 + (zRep[i++] - '0');
      if( (uint32_t)iGroup>pPattern->nGroup ) return -1;
    }
  }else{
    char zName[33];
    size_t nName = 0;
    while( i<nRep && rx_is_name_char(zRep[i]) ){
      if( nName==32 ) return -1;
      zName[nName++] = zRep[i++];
    }
    if( nName==0 ) return -1;
    zName[nName] = 0;
    iGroup = pcre2_substring_number_from_name(pPattern->pCode,
                                              (PCRE2_SPTR)zName);
    if( iGroup<0 ) return -1;    /* unknown or not unique */
  }
  if( bBrace ){
    if( i>=nRep || zRep[i]!='}' ) return -1;
    i++;
  }
  *piEnd = i;
  return iGroup;
}

static int rx_template_parse(const RxPattern *pPattern, const char *zRep,
                             size_t nRep, RxTemplate *pT){
  size_t i, iLit = 0, nDollar = 0;
  memset(pT, 0, sizeof(*pT));
  for(i=0; i<nRep; i++) nDollar += zRep[i]=='$';
  /* each '$' ends at most one literal run and adds one piece */
  pT->aPiece = sqlite3_malloc64((2*nDollar+1)*sizeof(RxPiece));
  if( pT->aPiece==0 ) return SQLITE_NOMEM;
  i = 0;
  while( i<nRep ){
    size_t iEnd = 0;
    int iGroup;
    if( zRep[i]!='$' ){ i++; continue; }
    if( i>iLit ) rx_template_add(pT, -1, iLit, i-iLit);
    if( i+1<nRep && zRep[i+1]=='$' ){
      iLit = i+1;                  /* "$$": the second '$' starts a run */
      i += 2;
      continue;
    }
    iGroup = rx_template_group(pPattern, zRep, nRep, i, &iEnd);
    if( iGroup<0 ){
      pT->bPcre2 = 1;
      return SQLITE_OK;
    }
    rx_template_add(pT, iGroup, 0, 0);
    i = iLit = iEnd;
  }
  if( nRep>iLit ) rx_template_add(pT, -1, iLit, nRep-iLit);
  return SQLITE_OK;
}

/* Appends the expansion of pT for the current match of pScan. */
static int rx_template_expand(const RxTemplate *pT, const char *zRep,
                              const RxScan *pScan, ThBuf *pOut){
  int i;
  for(i=0; i<pT->nPiece; i++){
    const RxPiece *p = &pT->aPiece[i];
    size_t iStart, iEnd;
    if( p->iGroup<0 ){
      th_buf_append(pOut, zRep + p->iOff, p->n);
    }else if( rx_scan_group(pScan, (uint32_t)p->iGroup, &iStart, &iEnd) ){
      th_buf_append(pOut, pScan->z + iStart, iEnd-iStart);
    }
  }
  return pOut->oom ? SQLITE_NOMEM : SQLITE_OK;
}

int rx_replace(RxEngine *pEngine, RxPattern *pPattern,
               const char *z, size_t n, const char *zRep, size_t nRep,
               size_t nMax, char **pzOut, size_t *pnOut, char **pzErr){
  RxScan scan;
  RxTemplate tmpl;
  ThBuf out;
  size_t iCopied = 0;      /* z[0..iCopied) is done */
  size_t iBad;
  int rc;
  *pzOut = 0;
  *pnOut = 0;
  if( z==0 ) z = "";
  if( zRep==0 ) zRep = "";
  iBad = rx_utf8_check(zRep, nRep);
  if( iBad<nRep ){
    *pzErr = sqlite3_mprintf("regexp: invalid UTF-8 at offset %llu in the "
                             "replacement", (unsigned long long)iBad);
    return *pzErr ? SQLITE_ERROR : SQLITE_NOMEM;
  }
  rc = rx_template_parse(pPattern, zRep, nRep, &tmpl);
  if( rc!=SQLITE_OK ) return rc;
  rc = rx_scan_init(&scan, pEngine, pPattern, z, n);
  if( rc!=SQLITE_OK ){
    sqlite3_free(tmpl.aPiece);
    return rc;
  }
  th_buf_init(&out);
  while( (rc = rx_scan_next(&scan, pzErr))==SQLITE_ROW ){
    size_t iStart = scan.aOvector[0];
    th_buf_append(&out, z+iCopied, iStart-iCopied);
    if( tmpl.bPcre2 ){
      rc = rx_expand(&scan, zRep, nRep, &out, pzErr);
    }else{
      rc = rx_template_expand(&tmpl, zRep, &scan, &out);
    }
    if( rc!=SQLITE_OK ) break;
    iCopied = scan.aOvector[1];
    if( out.n>nMax ){
      rc = SQLITE_TOOBIG;
      break;
    }
  }
  rx_scan_finish(&scan);
  sqlite3_free(tmpl.aPiece);
  if( rc==SQLITE_DONE ) rc = th_buf_append(&out, z+iCopied, n-iCopied);
  if( rc==SQLITE_OK && out.n>nMax ) rc = SQLITE_TOOBIG;
  if( rc!=SQLITE_OK ){
    th_buf_free(&out);
    return rc;
  }
  if( out.z==0 ){
    /* empty result: th_buf leaves z unset */
    out.z = sqlite3_malloc64(1);
    if( out.z==0 ) return SQLITE_NOMEM;
    out.z[0] = 0;
  }
  *pzOut = out.z;
  *pnOut = out.n;
  return SQLITE_OK;
}
