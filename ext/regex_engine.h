/*
** regex_engine.h -- PCRE2 regular expressions as plain C over (text, length),
** for the SQL functions of regexp.c.
**
** An RxEngine is the state of one database connection: the PCRE2 contexts
** (all PCRE2 memory goes through sqlite3_malloc64/sqlite3_free), the match
** limits, a JIT stack and a small cache of compiled patterns, most recently
** used first.  An RxPattern is one compiled pattern with a reference count;
** it owns its PCRE2 code and does not need the engine to be freed, so it may
** outlive the engine.  An engine and its patterns are used by one thread at
** a time (the thread that holds the connection).
**
**   RxEngine *e = rx_engine_new(1);
**   RxPattern *p;  char *zErr = 0;
**   if( rx_pattern_get(e, "gene (\\w+)", 10, &p, &zErr)==SQLITE_OK ){
**     RxScan s;
**     rx_scan_init(&s, e, p, zText, nText);   ... rx_scan_next(&s, &zErr)
**     rx_scan_finish(&s);
**     rx_pattern_unref(p);
**   }
**   rx_engine_free(e);
**
** Functions that can fail return SQLITE_OK (or SQLITE_ROW / SQLITE_DONE),
** SQLITE_NOMEM, SQLITE_TOOBIG, or SQLITE_ERROR with a message from
** sqlite3_mprintf() in *pzErr that the caller frees with sqlite3_free().
*/
#ifndef REGEX_ENGINE_H
#define REGEX_ENGINE_H

#ifndef PCRE2_CODE_UNIT_WIDTH
# define PCRE2_CODE_UNIT_WIDTH 8
#endif
#include <pcre2.h>
#include "therapy_int.h"

/* Options of every pattern: UTF-8 with Unicode properties for \w, \d, \b
** and [:alpha:], invalid UTF-8 in a subject simply never matches, and \C
** (one byte of a character) is refused so matches never split characters. */
#define RX_COMPILE_OPTIONS \
  (PCRE2_UTF | PCRE2_UCP | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C)

/* Limits of one pcre2_match() call.  The match limit counts backtracking
** steps afresh at each start position (in the interpreter and in the JIT),
** so it stops runaway patterns such as (a+)+$ within milliseconds but not a
** long scan.  Backtracking memory is bounded by the heap limit (interpreter)
** and the JIT stack: a repeated group such as (?:a|b)* can cover some
** 200,000 characters in one match; a class such as [ab]* has no limit. */
#define RX_MATCH_LIMIT      1000000     /* backtracking steps */
#define RX_DEPTH_LIMIT      1000000     /* nested backtracking points */
#define RX_HEAP_LIMIT_KIB   65536       /* 64 MiB of backtracking frames */
#define RX_JIT_STACK_START  32768       /* bytes */
#define RX_JIT_STACK_MAX    (8*1024*1024)

/* The interpreter keeps its block of backtracking frames in the match
** data between calls.  When a pattern's own match data took more than this,
** rx_pattern_unref() (the caller is done with the result) makes it afresh,
** so that cached patterns do not hold on to up to RX_HEAP_LIMIT_KIB each. */
#define RX_FRAMES_KEEP      (1024*1024)

/* Compiled patterns kept per connection. */
#define RX_CACHE_SIZE 16

typedef struct RxPattern RxPattern;
struct RxPattern {
  int nRef;                   /* references; freed when it drops to 0 */
  char *zText;                /* the pattern text (a copy, NUL-terminated) */
  size_t nText;               /* its length in bytes */
  pcre2_code *pCode;          /* the compiled pattern */
  pcre2_match_data *pData;    /* match data for calls that end at once */
  size_t nFrameBytes;         /* largest block pData took since made */
  uint32_t nGroup;            /* number of capture groups */
  int bJit;                   /* compiled to machine code by the JIT */
};

typedef struct RxEngine RxEngine;
struct RxEngine {
  pcre2_general_context *pGeneral;   /* sqlite3_malloc64 / sqlite3_free */
  pcre2_compile_context *pCompile;
  pcre2_match_context *pMatch;       /* limits and the JIT stack */
  pcre2_jit_stack *pJitStack;        /* 0 when the JIT is not used */
  int bJit;                          /* try to JIT-compile new patterns */
  int nCache;                        /* patterns in aCache */
  RxPattern *aCache[RX_CACHE_SIZE];  /* most recently used first */
};

/* A new engine, or 0 when out of memory.  bJit=0 never uses the JIT (it is
** also not used when PCRE2 has none or a pattern fails to JIT-compile). */
RxEngine *rx_engine_new(int bJit);
void rx_engine_free(RxEngine *pEngine);

/* The compiled pattern zPat[0..nPat), from the cache or compiled and added
** to it.  *ppPattern gets a reference the caller gives back with
** rx_pattern_unref().  A bad pattern gives SQLITE_ERROR and a message such
** as "regexp: missing closing parenthesis at offset 3 in pattern '(ab'". */
int rx_pattern_get(RxEngine *pEngine, const char *zPat, size_t nPat,
                   RxPattern **ppPattern, char **pzErr);
RxPattern *rx_pattern_ref(RxPattern *pPattern);
void rx_pattern_unref(RxPattern *pPattern);   /* also after each use */

/* True if pPattern was compiled from zPat[0..nPat). */
int rx_pattern_is(const RxPattern *pPattern, const char *zPat, size_t nPat);

/* "pattern '...'" quoting z[0..n), cut after some 120 bytes, for error
** messages (sqlite3_mprintf'd, 0 when out of memory). */
char *rx_quote_pattern(const char *z, size_t n);

/* One pcre2_match() of pPattern in z[0..n) from byte iStart, into pData
** (pPattern->pData or one made for the pattern).  SQLITE_ROW when found,
** SQLITE_DONE when not, or an error ("regexp: match limit exceeded ..."). */
int rx_search(RxEngine *pEngine, RxPattern *pPattern, pcre2_match_data *pData,
              const char *z, size_t n, size_t iStart, uint32_t flags,
              char **pzErr);

/* Successive matches of a pattern in one text: non-overlapping, left to
** right; after an empty match the next one may not be empty at the same
** place (so the search moves on by one character), as pcre2_substitute()
** does.  The scan borrows the engine, the pattern and the text. */
typedef struct RxScan {
  RxEngine *pEngine;
  RxPattern *pPattern;
  pcre2_match_data *pData;    /* owned by the scan */
  PCRE2_SIZE *aOvector;       /* offsets of the current match and groups */
  const char *z;              /* the text */
  size_t n;                   /* its length in bytes */
  size_t iNext;               /* where the next search starts */
  int bAfterEmpty;            /* the last match was empty and ended at iNext */
} RxScan;

int rx_scan_init(RxScan *pScan, RxEngine *pEngine, RxPattern *pPattern,
                 const char *z, size_t n);
int rx_scan_next(RxScan *pScan, char **pzErr);   /* SQLITE_ROW, _DONE, error */
void rx_scan_finish(RxScan *pScan);

/* Byte span of group iGroup (0 = whole match) of the current match: returns
** 1 and sets *piStart, *piEnd, or returns 0 when the group is unset. */
int rx_scan_group(const RxScan *pScan, uint32_t iGroup,
                  size_t *piStart, size_t *piEnd);

/* Appends to pOut the JSON array of the texts of groups 1..nGroup of the
** match described by aOvector over z: strings, or null for unset groups. */
int rx_groups_json(const char *z, const PCRE2_SIZE *aOvector, uint32_t nGroup,
                   ThBuf *pOut);

/* Every match of pPattern in z[0..n) (the matches of an RxScan) replaced
** by zRep[0..nRep) with $1, ${1}, ${name} and $$ references as in
** pcre2_substitute(); unset groups insert nothing.  zRep must be valid
** UTF-8.  *pzOut gets the result (sqlite3_malloc64'd, NUL-terminated,
** never truncated) and *pnOut its length; SQLITE_TOOBIG when it would be
** longer than nMax bytes. */
int rx_replace(RxEngine *pEngine, RxPattern *pPattern,
               const char *z, size_t n, const char *zRep, size_t nRep,
               size_t nMax, char **pzOut, size_t *pnOut, char **pzErr);

/* Length of the longest valid UTF-8 prefix of z[0..n): n when all of it is
** valid (no overlong forms, surrogates or code points above U+10FFFF). */
size_t rx_utf8_check(const char *z, size_t n);

#endif /* REGEX_ENGINE_H */
