/*
** trial_ids.h -- DOIs and clinical-trial registry ids in text (plain C).
**
** One pass, left to right, no overlaps; the rules are at the top of
** trial_ids.c.  Used by extract_entities (types 'doi', 'registry_id') and
** by extract_trials (the trial_id and registry columns).
**
**   ThIdScan s;  ThId id;
**   th_id_scan_init(&s, z, n);
**   while( th_id_scan_next(&s, &id) ){
**     ... id.iStart, id.nLen; th_id_norm(&id, z, &buf); th_id_registry(&id)
**   }
*/
#ifndef THERAPY_TRIAL_IDS_H
#define THERAPY_TRIAL_IDS_H

#include <stddef.h>
#include "therapy_int.h"

#define TH_ID_DOI       1   /* a DOI */
#define TH_ID_REGISTRY  2   /* a trial registry id */

typedef struct ThId {
  int eId;                  /* TH_ID_DOI or TH_ID_REGISTRY */
  size_t iStart, nLen;      /* the mention: bytes of the text, with a
                            ** 'doi:' or doi.org URL written before a DOI */
  size_t iCore, nCore;      /* the id itself: the DOI without 'doi:' or
                            ** URL; the number of a registry id without
                            ** prefix, separator and country suffix */
  int iFormat;              /* registry format (index in the table) */
} ThId;

typedef struct ThIdScan {
  const char *z;            /* the text */
  size_t n;                 /* its length */
  size_t iPos;              /* where the search goes on */
  size_t iTried;            /* places before this were tried */
  size_t iLastEnd;          /* end of the last id found */
  size_t iEuEnd;            /* end of the last EudraCT / EU CT number */
  int bEuNumber;            /* iEuEnd is set */
  size_t iKwFrom;           /* EU keywords were searched for before this */
  size_t iKwEnd;            /* end of the last EU keyword found there */
  int bKeyword;             /* iKwEnd is set */
  const struct ThIdTables *pTab;  /* the start tables of the formats (built
                            ** once per process, read-only; trial_ids.c) */
} ThIdScan;

void th_id_scan_init(ThIdScan *p, const char *z, size_t n);

/* The next id in *pOut: 1, or 0 at the end of the text. */
int th_id_scan_next(ThIdScan *p, ThId *pOut);

/* Appends the canonical id to pOut: a DOI in lower case without prefix; a
** registry id as its registry writes it ('NCT 01234567' -> 'NCT01234567',
** 'EudraCT 2019-004127-33-DE' -> '2019-004127-33').  SQLITE_OK or
** SQLITE_NOMEM. */
int th_id_norm(const ThId *p, const char *z, ThBuf *pOut);

/* The registry of a registry id ('ClinicalTrials.gov', 'ISRCTN',
** 'EudraCT', 'CTIS', ...); "" for a DOI. */
const char *th_id_registry(const ThId *p);

/* The first ASCII digit in z[i..n), or n (8 bytes at a time). */
size_t th_next_digit(const char *z, size_t i, size_t n);

/* Number of registry formats, and the name of the registry of format i
** (for tests and documentation). */
int th_registry_count(void);
const char *th_registry_name(int i);

#endif /* THERAPY_TRIAL_IDS_H */
