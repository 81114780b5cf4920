/*
** kind.h -- the therapy kinds (modalities) and the scoring of how much each
** kind is the subject of a text (plain C, no SQL).
**
** The kinds are a fixed set, numbered by the enum below and named by
** th_kind_name(): gene_therapy, car_t, cell_therapy, gene_editing,
** stem_cell_transplant, rna_therapy, antibody, chemotherapy, radiotherapy,
** immunoglobulin, enzyme_replacement, vaccine, small_molecule.
**
** The caller finds the lexicon terms in a text (lexmatch.h), turns each
** match whose term has a kind into a ThKindMention (th_kind_mention_make
** does this from the term's type and kind columns), and hands the text and
** its mentions, in text order, to th_kind_score().  th_kind_main() picks the
** main kind from the scores.  The scoring rules are described at the top of
** kind.c.
**
**   ThKindScore aScore[TH_N_KIND];
**   th_kind_score(zText, nText, aMention, nMention, aScore);
**   iKind = th_kind_main(aScore);       (-1: the text is about no kind)
*/
#ifndef THERAPY_KIND_H
#define THERAPY_KIND_H

#include <stddef.h>
#include "therapy_int.h"

enum { TH_KIND_GENE_THERAPY, TH_KIND_CAR_T, TH_KIND_CELL_THERAPY,
       TH_KIND_GENE_EDITING, TH_KIND_STEM_CELL_TRANSPLANT, TH_KIND_RNA_THERAPY,
       TH_KIND_ANTIBODY, TH_KIND_CHEMOTHERAPY, TH_KIND_RADIOTHERAPY,
       TH_KIND_IMMUNOGLOBULIN, TH_KIND_ENZYME_REPLACEMENT, TH_KIND_VACCINE,
       TH_KIND_SMALL_MOLECULE, TH_N_KIND };

/* The name of kind iKind ("gene_therapy" ...), or NULL if iKind is not
** 0..TH_N_KIND-1. */
const char *th_kind_name(int iKind);

/* The kind named (z, n), or -1 if unknown (or z is NULL).  ASCII case does
** not matter, and '-' or ' ' may stand for '_' ("Car-T" is car_t). */
int th_kind_from_name(const char *z, size_t n);

/* Term types of a mention (ThKindMention.iTermType). */
#define TH_KIND_TERM_MODALITY 0
#define TH_KIND_TERM_PRODUCT  1
#define TH_KIND_TERM_DRUG     2
#define TH_KIND_TERM_VECTOR   3
#define TH_KIND_TERM_OTHER    4

/* One mention of a kind in the text: from a lexicon term whose kind column
** is set (modality, product, drug, vector terms), or from rules of kind.c.
** iTermType: 0 modality, 1 product, 2 drug, 3 vector, 4 other. */
typedef struct ThKindMention {
  int iKind;
  size_t iStart, nLen;
  int iTermType;
} ThKindMention;

/* The score of one kind.  iFirst/nFirst: bytes of the first evidence. */
typedef struct ThKindScore {
  double score;
  int nMention;
  size_t iFirst, nFirst;
} ThKindScore;

/* Scores every kind for text z[0..n) given its mentions in text order.
** aScore has TH_N_KIND entries. Returns SQLITE_OK / SQLITE_NOMEM (never in
** practice: nothing is allocated), SQLITE_MISUSE if aScore is NULL.
** Mentions with a kind out of range or a start outside the text are
** skipped.  score is a weighted count of mentions (rules in kind.c), 0 for
** kinds not mentioned; nMention counts the mentions of the kind;
** iFirst/nFirst is the first mention that adds weight (or the first one
** if none does). */
int th_kind_score(const char *z, size_t n, const ThKindMention *aMention,
                  int nMention, ThKindScore *aScore);

/* The main kind from scores, or -1 when the text is about none (the best
** score is below 1.5). */
int th_kind_main(const ThKindScore *aScore);

/* The iTermType of a lexicon type name: "modality" 0, "product" 1,
** "drug" 2, "vector" 3, anything else (or NULL) 4. */
int th_kind_term_type(const char *zType);

/* Fills *pOut with the mention of a lexicon match at [iStart, iStart+nLen)
** whose term has type zType and kind column zKind (both NUL-terminated; NULL
** or "" for none).  Returns 1 if the term signals a kind (zKind names one),
** else 0 and *pOut is left alone. */
int th_kind_mention_make(const char *zType, const char *zKind, size_t iStart,
                         size_t nLen, ThKindMention *pOut);

#endif /* THERAPY_KIND_H */
