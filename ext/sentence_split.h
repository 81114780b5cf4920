/*
** sentence_split.h -- splitting English article text into sentences.
**
** Plain C over (const char *z, size_t n): no SQL, no allocation, one pass.
** The SQL table-valued function extract_sentences() in sentences.c is a
** thin layer over the scanner declared here.
**
** A sentence is reported as a byte span [iStart, iStart+nLen) of the text,
** trimmed of white space and never empty.  Spans come in order and do not
** overlap; only white space lies between two of them.  The rules (see
** sentence_split.c for the details and the abbreviation table):
**
**   - a sentence ends after '.', '!', '?', '...' or U+2026 '…' (together
**     with closing quotes, brackets and a citation such as "[12]" that
**     follow) when white space and a plausible sentence start come next:
**     a capital letter, a digit, an opening quote or bracket, a bullet, or
**     a word such as "mRNA" that starts lowercase but has a capital or a
**     digit inside;
**   - no split after titles (Dr. Smith), et al., e.g., i.e., Fig. 2,
**     approx., initials (J. R. Smith), U.S. Food, No. 5, Jan. 5, Inc. (...),
**     decimals, URLs, e-mail addresses and DOIs (no white space after '.');
**   - a blank line (a line of only white space) always ends a sentence and
**     starts a new paragraph;
**   - a single line break ends a sentence when the line ends with terminal
**     punctuation that is not an abbreviation, or when the line has no
**     terminal punctuation and the next line starts like a new block
**     (capital letter, digit, quote, bracket, bullet, dash, URL); a next line
**     starting lowercase continues the sentence (hard-wrapped prose), and
**     so does any line ending in ',', ';', '&' or '-'.
**
** The text may hold anything: invalid UTF-8 and NUL bytes are ordinary
** bytes.  Spans start and end on character boundaries as SQLite's substr()
** counts characters.
*/
#ifndef SENTENCE_SPLIT_H
#define SENTENCE_SPLIT_H

#include <stddef.h>

/* Calls xSentence(pCtx, iStart, nLen) for every sentence of z[0..n), in
** order.  Returns 0 when done, or the first non-zero value a call of
** xSentence returned (which stops the scan). */
int th_split_sentences(const char *z, size_t n,
                       int (*xSentence)(void *pCtx, size_t iStart,
                                        size_t nLen),
                       void *pCtx);

/* The same scan one sentence at a time, for callers that pull (such as a
** virtual table cursor).  Holds no pointers to anything but the text. */
typedef struct ThSentenceScan {
  const char *z;          /* the text */
  size_t n;               /* its length in bytes */
  size_t iNext;           /* byte offset where the next search starts */
  int nLineBefore;        /* line breaks (0..2) in the white space that
                          ** ends at iNext (2: a paragraph break) */
  size_t nSentence;       /* sentences returned so far */
  size_t iParagraph;      /* 1-based paragraph of the last sentence */
} ThSentenceScan;

void th_sentence_scan_init(ThSentenceScan *p, const char *z, size_t n);

/* Finds the next sentence: returns 1 and sets *piStart and *pnLen, or
** returns 0 at the end of the text.  p->iParagraph is then the number of
** the paragraph the sentence belongs to: 1 for the first, plus one for
** every blank line (or run of blank lines) between sentences. */
int th_sentence_scan_next(ThSentenceScan *p, size_t *piStart, size_t *pnLen);

/* For the unit tests: 0 if the abbreviation and sentence-starter tables
** are sorted as the binary searches need, else the 1-based index of the
** first entry out of order (abbreviations), or 1000 + index (starters). */
int th_sentence_tables_check(void);

#endif /* SENTENCE_SPLIT_H */
