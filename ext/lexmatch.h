/*
** lexmatch.h -- finds the terms of one or more lexicons in a text in one
** pass (plain C, no SQL).
**
** A lexicon is a set of terms, each folded with th_fold() (fold.h) into a
** key and stored in a byte trie.  th_lexicon_scan() folds the text chunk by
** chunk and reports every term occurrence as a byte span of the ORIGINAL
** text: whole words only, leftmost then longest match, no overlaps, case
** rules per term.  The matching rules are described at the top of
** lexmatch.c.
**
** Building is not thread-safe; a built lexicon is never written by a scan,
** so one lexicon may be shared read-only by any number of threads.
**
**   ThLexicon *pLex = 0;
**   th_lexicon_new(&pLex);
**   th_lexicon_add_tsv(pLex, azLine, &iBad);    (or th_lexicon_add_term)
**   th_lexicon_scan(&pLex, 1, zText, nText, xMatch, pCtx);
**   th_lexicon_free(pLex);
*/
#ifndef THERAPY_LEXMATCH_H
#define THERAPY_LEXMATCH_H

#include <stddef.h>
#include "therapy_int.h"

/* One term of a lexicon (the 5 columns of data/lexicon/ TSV files).  Strings
** are NUL-terminated; zKind may be "" (no kind). */
typedef struct ThLexTerm {
  const char *zTerm;      /* surface form, e.g. "Kymriah" */
  const char *zType;      /* modality, vector, disease, gene, drug, ... */
  const char *zNorm;      /* canonical name */
  const char *zKind;      /* therapy kind or "" */
  int bCaseSensitive;     /* flags column "cs" */
} ThLexTerm;

typedef struct ThLexicon ThLexicon;

/* A new empty lexicon in *pp.  SQLITE_OK or SQLITE_NOMEM. */
int th_lexicon_new(ThLexicon **pp);

/* Frees the lexicon (NULL is fine). */
void th_lexicon_free(ThLexicon *p);

/* Adds the term (zTerm, nTerm) under the caller's number iTerm (>= 0),
** which th_lexicon_scan() reports back.  The same text may be added more
** than once (e.g. one term of two types): a match reports each.  A term
** that is not case-sensitive and ends with an ASCII capital (AAV) also
** matches with a plural 's' (AAVs).  A case-sensitive term keeps a copy
** of its text for the case check.  A term that folds to nothing but
** spaces is ignored.  Returns SQLITE_OK,
** SQLITE_NOMEM, SQLITE_MISUSE (iTerm < 0) or SQLITE_TOOBIG (more than
** 16 million trie nodes or a term over 64 KB). */
int th_lexicon_add(ThLexicon *p, const char *zTerm, size_t nTerm,
                   int iTerm, int bCaseSensitive);

/* Copies *pTerm into the lexicon's own term table and adds its term with
** th_lexicon_add(); the number it gets (its index in the table, from 0 up)
** is stored in *piTerm if piTerm is not NULL.  Do not mix with plain
** th_lexicon_add() calls in one lexicon, or the numbers collide. */
int th_lexicon_add_term(ThLexicon *p, const ThLexTerm *pTerm, int *piTerm);

/* Adds the lines azLine[0], azLine[1], ... up to a NULL entry, each one
** TSV line "term TAB type TAB norm TAB kind [TAB flags]" (the format of
** data/lexicon/ TSV files and of the arrays made by scripts/embed.awk).  Blank
** lines and lines starting with '#' are skipped; a trailing CR is ignored.
** flags is "cs" or empty.  A line without 4 or 5 columns, or with an empty
** term or type, gives SQLITE_ERROR, with its index in *piBadLine (if not
** NULL); the lines before it stay added. */
int th_lexicon_add_tsv(ThLexicon *p, const char *const *azLine,
                       int *piBadLine);

/* The term numbered iTerm in the lexicon's own table (filled by
** th_lexicon_add_term and th_lexicon_add_tsv), or NULL. */
const ThLexTerm *th_lexicon_term(const ThLexicon *p, int iTerm);

/* Number of terms in the lexicon's own table. */
int th_lexicon_term_count(const ThLexicon *p);

/* Bytes of memory held by the lexicon (for tests and benchmarks). */
size_t th_lexicon_memory(const ThLexicon *p);

/* Called for each match: iLex is the index in apLex of the lexicon that
** matched, iTerm the term's number, [iStart, iStart+nLen) the span in
** bytes of the original text.  Return SQLITE_OK to go on; anything else
** stops the scan and th_lexicon_scan() returns it. */
typedef int (*ThLexMatchFunc)(void *pCtx, int iLex, int iTerm,
                              size_t iStart, size_t nLen);

/* Finds the terms of the lexicons apLex[0..nLex) (NULL entries are
** skipped) in the UTF-8 text (z, n) and calls xMatch for each, in text
** order.  Where matches of several lexicons start at the same place, the
** longest wins, and of equally long ones the later lexicon (so a user
** lexicon given after the built-in one overrides it).  When several terms
** of the winning lexicon have the same key, each one whose case rule holds
** is reported, in the order they were added.  Memory use does not grow with
** n: the text is folded in chunks of about 32 KB (with their offset maps,
** kept as steps, well under 300 KB; at most 1 MB of text, about 10 MB, for a text with no
** place to cut, e.g. a megabyte of combining marks).  The lexicons are only
** read, so several threads may scan with the same ones.  Returns SQLITE_OK,
** SQLITE_NOMEM or the first non-OK value returned by xMatch. */
int th_lexicon_scan(const ThLexicon *const *apLex, int nLex,
                    const char *z, size_t n,
                    ThLexMatchFunc xMatch, void *pCtx);

#endif /* THERAPY_LEXMATCH_H */
