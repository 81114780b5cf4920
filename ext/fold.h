/*
** fold.h -- Unicode normalization and a folded matching key (plain C).
**
** Built on utf8proc 2.8.0 (never utf8proc_map, which allocates with
** malloc: all memory comes from sqlite3_malloc64).  No SQL here; the SQL
** functions unicode_normalize() and unicode_fold() live in unicode.c.
**
** Input is UTF-8 given as (z, n).  Bytes that are not part of a valid
** UTF-8 sequence (stray continuation bytes, truncated or overlong
** sequences, surrogates, values above U+10FFFF) never cause an error:
** each such byte is read as U+FFFD, so it shows up as U+FFFD in the output.
** A NUL byte inside (z, n) is an ordinary control character here.
**
** th_fold() builds the matching key of a text:
**   1. lumping, checked on each source character first: every dash (Unicode
**      category Pd, e.g. U+2010 hyphen, U+2011 non-breaking hyphen, en and
**      em dash, U+FE63, U+FF0D; plus U+2212 minus, U+2043 hyphen bullet,
**      U+02D7, U+2796) becomes '-'; single quotes and apostrophes
**      (' ` ´ ‘ ’ ‚ ‛ ′ ‵ ‹ › ʹ ʻ ʼ ʽ U+1FFD ❛ ❜) become '\''; double
**      quotes (" “ ” „ ‟ ″ ‶ « » ʺ ❝ ❞ ⹂ 〝 〞 〟) become '"' (the table
**      aLump in fold.c lists them all);
**      every White_Space character (TAB LF VT FF CR, space, U+0085, NBSP,
**      U+1680, U+2000..U+200A, U+2028, U+2029, U+202F, U+205F, U+3000)
**      becomes a space;
**   2. any other character gets NFKC compatibility decomposition, full
**      Unicode case folding (ß -> ss, ς -> σ, İ -> i), loses its marks
**      (categories Mn, Mc, Me: accents, also Indic vowel signs) and its
**      default-ignorable characters (soft hyphen, zero-width space and
**      joiners, BOM, variation selectors); step 1 is applied again to
**      what comes out (so U+207B superscript minus -> '-', U+00A8 ¨ -> ' ');
**   3. Hangul jamo are composed again as NFKC does;
**   4. every run of spaces is collapsed into one ASCII space (not trimmed).
** The result equals NFKC_Casefold with marks stripped plus the lumping.
** Dotless ı (U+0131) stays ı: Unicode full case folding keeps it.
*/
#ifndef THERAPY_FOLD_H
#define THERAPY_FOLD_H

#include <stddef.h>
#include "therapy_int.h"

/* Normalization forms of th_normalize(). */
#define TH_NFC   1
#define TH_NFD   2
#define TH_NFKC  3
#define TH_NFKD  4

/* The form named zName ("NFC", "nfkd", ... in any case, length nName) or
** 0 if the name is none of the four. */
int th_norm_form(const char *zName, size_t nName);

/* Appends the text (z, n) in normalization form eForm (TH_NFC ...) to
** pOut.  Returns SQLITE_OK, SQLITE_NOMEM, or SQLITE_MISUSE for a bad
** eForm.  On an error pOut keeps only what it held before. */
int th_normalize(const char *z, size_t n, int eForm, ThBuf *pOut);

/* Appends the folded key of (z, n) to pOut (rules at the top of this file).
**
** When paMap is not NULL, *paMap receives an array from sqlite3_malloc64
** (free it with sqlite3_free) of nNew+1 entries, where nNew is the number
** of bytes appended (pOut->n + 1 entries when pOut was empty):
**   aMap[k] (k < nNew) is the byte offset in z of the start of the source
**           character whose folding produced output byte k;
**   aMap[nNew] is n.
** The map never decreases.  Characters that produce nothing (marks,
** ignorables, a Hangul vowel composed into the syllable before it, the
** 2nd and later white space of a run) sit between the entries of the
** output byte before them and the one after, so a match at output bytes
** [a,b) covers source bytes [aMap[a], aMap[b]): the span takes the marks
** and the rest of a space run that follow the match, not those before it.
** One source character that expands (ß -> "ss", ﬁ -> "fi", ① -> "1")
** gives all its output bytes the same entry; a match ending inside such an
** expansion has aMap[b]==aMap[b-1] and would leave that character out:
** th_fold_span() widens such ends to whole source characters.
**
** Returns SQLITE_OK or SQLITE_NOMEM (then *paMap is NULL and pOut keeps
** only what it held before). */
int th_fold(const char *z, size_t n, ThBuf *pOut, size_t **paMap);

/* The source span [*piStart, *piEnd) of the folded bytes [a,b) for a map
** of nNew+1 entries from th_fold (a <= b <= nNew).  Widens an end that
** falls inside the expansion of one source character to the end of that
** character. */
void th_fold_span(const size_t *aMap, size_t nNew, size_t a, size_t b,
                  size_t *piStart, size_t *piEnd);

/* ---- sparse offset map ----------------------------------------------------
** th_fold_sparse() gives the same folded bytes as th_fold() and the same
** offset map, kept as steps instead of one entry per output byte: output
** byte k (k < nOut) maps to aStep[j].iSrc + (k - aStep[j].iOut) for the
** last step j with aStep[j].iOut <= k, and k == nOut maps to nSrc.  A step
** is stored only where the map does not go up by one from the byte before
** (the first byte, after collapsed white space, around non-ASCII
** characters), so plain ASCII text needs almost none.  A ThFoldMap may be
** reused by several calls; free it with th_fold_map_free(). */
typedef struct ThFoldStep {
  size_t iOut;            /* first output byte of the step */
  size_t iSrc;            /* its source offset */
} ThFoldStep;

typedef struct ThFoldMap {
  ThFoldStep *aStep;      /* steps, iOut increasing, iSrc not decreasing */
  size_t nStep, nStepAlloc;
  size_t nOut;            /* output bytes the map covers */
  size_t nSrc;            /* source bytes (the map value of nOut) */
  size_t iFirstHigh;      /* source offset of the first byte above 0x7F,
                          ** or nSrc if there is none */
} ThFoldMap;

/* An empty map (no allocation). */
void th_fold_map_init(ThFoldMap *pMap);

/* Frees what the map holds and empties it. */
void th_fold_map_free(ThFoldMap *pMap);

/* As th_fold(z, n, pOut, &aMap), with the map of the appended bytes in
** *pMap (its previous content is replaced).  SQLITE_OK or SQLITE_NOMEM
** (then pOut keeps only what it held before and *pMap is empty). */
int th_fold_sparse(const char *z, size_t n, ThBuf *pOut, ThFoldMap *pMap);

/* The map value of output byte k (k <= nOut): aMap[k] of th_fold(). */
size_t th_fold_map_at(const ThFoldMap *pMap, size_t k);

/* As th_fold_map_at, starting the search at step *piHint (a step index
** kept by the caller, 0 at first), which gets the step found: lookups of
** nearby bytes then need no binary search. */
size_t th_fold_map_at_from(const ThFoldMap *pMap, size_t k, size_t *piHint);

/* The first output byte k (k <= nOut) whose map value is >= iSrc. */
size_t th_fold_map_find(const ThFoldMap *pMap, size_t iSrc);

/* As th_fold_span() for a sparse map (a <= b <= nOut).  piHint may be
** NULL, or point to a step index kept by the caller between calls (start
** it at 0): lookups near the last one then need no binary search. */
void th_fold_map_span(const ThFoldMap *pMap, size_t a, size_t b,
                      size_t *piStart, size_t *piEnd, size_t *piHint);

#endif /* THERAPY_FOLD_H */
