/*
** lexicon.h -- the lexicons of the extension and the entity mentions they
** find in a text (plain C, no SQL; the SQL functions extract_entities,
** therapy_kind, therapy_kinds and the table therapy_lexicon are in
** entities.c).
**
**   - The built-in lexicon (data/lexicon TSV files, compiled in as
**     th_data_lexicon) is built at its first use, shared read-only by all
**     connections and threads, and freed when its last user lets it go:
**     th_lexset_builtin_acquire() / th_lexset_builtin_release().
**   - User terms (ThUserTerms) belong to one database connection; their
**     lexicon is rebuilt lazily, at the first scan after a change.
**   - th_entities_scan() finds, in one pass over a text, the terms of both
**     lexicons plus DOIs and trial registry ids (by pattern, see
**     trial_ids.h), and reports them in text order.
**
** A ThLexSet is a built lexicon plus what a scan needs per term (its
** therapy kind and the term-type code of kind.h).  User lexicon sets are
** reference-counted, so a cursor that still reports rows of one keeps it
** alive while the user changes terms.
*/
#ifndef THERAPY_LEXICON_H
#define THERAPY_LEXICON_H

#include <stddef.h>
#include "therapy_int.h"
#include "lexmatch.h"
#include "trial_ids.h"

/* ---- term types ---------------------------------------------------------- */

/* The types of lexicon terms, in this order: modality, vector, disease,
** gene, drug, product, cell_type, journal, organisation. */
#define TH_N_LEX_TYPE 9

/* The name of type i (0 <= i < TH_N_LEX_TYPE), or NULL. */
const char *th_lex_type_name(int i);

/* The index of the type named z[0..n) (exact, lower case), or -1. */
int th_lex_type_index(const char *z, size_t n);

/* ---- built lexicons ------------------------------------------------------ */

typedef struct ThLexSet ThLexSet;
struct ThLexSet {
  int nRef;                 /* references (user sets); unused by the built-in */
  ThLexicon *pLex;          /* the matcher and its term table */
  int nTerm;                /* terms in pLex */
  signed char *aKind;       /* per term: therapy kind (kind.h) or -1 */
  unsigned char *aKindType; /* per term: iTermType of kind.h (0 modality,
                            ** 1 product, 2 drug, 3 vector, 4 other) */
};

/* The built-in lexicon in *pp, built at the first call (or the first
** after the last user let it go), and counted as one more user.  Thread-
** safe (mutex SQLITE_MUTEX_STATIC_APP2); the set never changes, so any
** number of threads may read it.  Each successful call is paired with one
** th_lexset_builtin_release(), which frees the set when its last user is
** done (e.g. when the last connection using it closes).  Returns SQLITE_OK
** or SQLITE_NOMEM (then nothing is counted and *pp is NULL). */
int th_lexset_builtin_acquire(const ThLexSet **pp);
void th_lexset_builtin_release(void);

/* Gives back a reference to a user set (NULL is fine). */
void th_lexset_unref(ThLexSet *p);

/* ---- user terms of one connection ---------------------------------------- */

/* One user term.  Strings are owned by the list, except zType and zKind,
** which point to the constant names of lexicon.c and kind.c. */
typedef struct ThUserTerm {
  sqlite3_int64 iId;        /* its number in the list: 1, 2, ... never reused */
  char *zTerm;              /* surface form */
  char *zNorm;              /* canonical name */
  const char *zType;        /* a name of th_lex_type_name() */
  const char *zKind;        /* a name of th_kind_name(), or "" */
  int bCaseSensitive;
  int bDeleted;             /* removed; dropped at the next rebuild */
} ThUserTerm;

typedef struct ThUserTerms ThUserTerms;

/* A new empty list in *pp: SQLITE_OK or SQLITE_NOMEM. */
int th_userterms_new(ThUserTerms **pp);
void th_userterms_free(ThUserTerms *p);

/* Adds a term (strings are copied; zNorm NULL means the term itself;
** iType a type index, iKind a kind or -1).  Its number goes to *piId.
** The caller validates the values.  SQLITE_OK or SQLITE_NOMEM. */
int th_userterms_add(ThUserTerms *p, const char *zTerm, const char *zNorm,
                     int iType, int iKind, int bCaseSensitive,
                     sqlite3_int64 *piId);

/* Replaces the values of term iId (as th_userterms_add).  SQLITE_OK,
** SQLITE_NOMEM or SQLITE_NOTFOUND. */
int th_userterms_replace(ThUserTerms *p, sqlite3_int64 iId,
                         const char *zTerm, const char *zNorm,
                         int iType, int iKind, int bCaseSensitive);

/* Removes term iId: SQLITE_OK or SQLITE_NOTFOUND. */
int th_userterms_delete(ThUserTerms *p, sqlite3_int64 iId);

/* The first term (not deleted) whose number is iId or more, or NULL.
** Valid until the next change of the list. */
const ThUserTerm *th_userterms_seek(const ThUserTerms *p, sqlite3_int64 iId);

/* Number of terms (not deleted). */
int th_userterms_count(const ThUserTerms *p);

/* The lexicon of the current user terms in *ppSet (a new reference, to
** give back with th_lexset_unref), or NULL when there are none.  Built
** again only after a change.  SQLITE_OK or SQLITE_NOMEM. */
int th_userterms_lexset(ThUserTerms *p, ThLexSet **ppSet);

/* ---- mentions ------------------------------------------------------------ */

#define TH_ENTITY_TERM      0   /* a lexicon term */
#define TH_ENTITY_DOI       1   /* a DOI */
#define TH_ENTITY_REGISTRY  2   /* a trial registry id */

typedef struct ThEntity {
  int eEntity;              /* TH_ENTITY_* */
  size_t iStart, nLen;      /* the mention: bytes of the text */
  /* TH_ENTITY_TERM */
  const ThLexTerm *pTerm;   /* the term: type, norm, kind, ... */
  int iKind;                /* its therapy kind or -1 */
  int iKindType;            /* its iTermType for kind.h */
  /* TH_ENTITY_DOI, TH_ENTITY_REGISTRY */
  ThId id;                  /* the id (trial_ids.h) */
} ThEntity;

/* Called for each mention; anything but SQLITE_OK stops the scan. */
typedef int (*ThEntityFunc)(void *pCtx, const ThEntity *p);

/* Reports the mentions in z[0..n), in text order (by start; the same span
** once per term when one text is several terms): the terms of pBuiltin
** and pUser (either may be NULL; of equally long matches at one place the
** user's win), and, when bIds, the DOIs and registry ids.  A term inside
** a DOI or registry id is not reported.  Returns SQLITE_OK, SQLITE_NOMEM
** or the first non-OK value of xEntity. */
int th_entities_scan(const ThLexSet *pBuiltin, const ThLexSet *pUser,
                     const char *z, size_t n, int bIds,
                     ThEntityFunc xEntity, void *pCtx);

/* "gene", "doi", "registry_id", ... */
const char *th_entity_type(const ThEntity *p);

/* Appends the canonical name of the mention to pOut: the term's norm; a
** DOI in lower case without prefix; a registry id as its registry writes
** it ('NCT 01234567' -> 'NCT01234567').  SQLITE_OK or SQLITE_NOMEM. */
int th_entity_norm(const ThEntity *p, const char *z, ThBuf *pOut);

/* ---- a connection's lexicons --------------------------------------------- */

/* Gives the lexicons of a connection (entities.c keeps them): the built-in
** one, and a new reference to the user's (NULL when there are no user
** terms; give it back with th_lexset_unref).  SQLITE_OK or an error. */
typedef int (*ThLexiconsFunc)(void *pConn, const ThLexSet **ppBuiltin,
                              ThLexSet **ppUser);

/* Registers extract_trials() (trials.c) with the connection state pConn of
** entities.c, which it reads through xLexicons; xUnref(pConn) is called
** once when the module goes (also when registering fails). */
int th_register_trials(sqlite3 *db, void *pConn, ThLexiconsFunc xLexicons,
                       void (*xUnref)(void*));

#endif /* THERAPY_LEXICON_H */
