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

#endif /* THERAPY_FOLD_H */
