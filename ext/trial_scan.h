/*
** trial_scan.h -- the trials a text reports, and their facts (plain C).
**
** The SQL table-valued function extract_trials(text) (trials.c) is a thin
** layer over this.  How it works, in short (the rules are in
** trial_scan.c and in README):
**
**   1. the text is split into sentences; each sentence into tokens;
**   2. in each sentence, facts are read: registry ids (trial_ids.h), the
**      phase, counts of participants, responders, ages, and cue words
**      (trial, earlier trial, this trial);
**   3. sentences are walked in order and their facts merged into trials:
**      an id makes or names a trial, facts without an id go to the trial
**      being described, a cue such as 'an earlier trial' or a conflicting
**      phase starts another one;
**   4. th_trials_describe() adds the condition and therapy kind of each
**      trial from the lexicon mentions in its sentences.
**
**   ThTrialWords *pWords;                 (once, e.g. per connection)
**   rc = th_trial_words_new(&pWords);
**   ThTrialList list;
**   memset(&list, 0, sizeof(list));
**   rc = th_trials_find(pWords, z, n, &list);
**   if( rc==SQLITE_OK ) rc = th_trials_describe(&list, pBuiltin, pUser, z, n);
**   ... list.a[0..list.n) ...
**   th_trials_free(&list);
**   th_trial_words_free(pWords);
*/
#ifndef THERAPY_TRIAL_SCAN_H
#define THERAPY_TRIAL_SCAN_H

#include <stddef.h>
#include "therapy_int.h"
#include "lexicon.h"

#define TH_TRIAL_ID_MAX        48   /* bytes of a canonical id, with NUL */
#define TH_TRIAL_OTHER_IDS      4   /* further ids of one trial kept */
#define TH_TRIAL_EVIDENCE       6   /* sentences of evidence kept */

typedef struct ThSpan {
  size_t iStart, nLen;      /* bytes of the text; nLen 0: none */
} ThSpan;

typedef struct ThTrial {
  char zId[TH_TRIAL_ID_MAX];        /* canonical id, "" when none given */
  const char *zRegistry;            /* its registry, NULL when none */
  char azOther[TH_TRIAL_OTHER_IDS][TH_TRIAL_ID_MAX]; /* more ids of it */
  int nOther;
  const char *zPhase;               /* "1", "1/2", ... or NULL */
  sqlite3_int64 nEnrolled;          /* participants, -1 unknown */
  int iEnrolRank;                   /* how sure (internal) */
  ThSpan population;                /* the noun: 'patients', 'toddlers' */
  sqlite3_int64 nResponders;        /* -1 unknown */
  sqlite3_int64 nRespBase;          /* responders of how many, -1 unknown */
  ThSpan response;                  /* 'complete remission' ... */
  double ageMin, ageMax;            /* valid when bAgeMin / bAgeMax */
  int bAgeMin, bAgeMax;
  const char *zAgeUnit;             /* "years", "months", ... or NULL */
  int bCue;                         /* a trial word, phase or 'n =' seen */
  int iGroup;                       /* its cohort: adults, children ...
                                    ** (internal), 0 when not named */
  ThSpan first;                     /* the first sentence that reports it */
  ThSpan aEvidence[TH_TRIAL_EVIDENCE];  /* its sentences, in text order */
  int nEvidence;
  /* set by th_trials_describe() */
  const char *zCondition;           /* a disease norm from the lexicon */
  int iKind;                        /* TH_KIND_* or -1 */
} ThTrial;

typedef struct ThTrialList {
  ThTrial *a;
  int n, nAlloc;
} ThTrialList;

/* The word classes of data/trial_words.txt as a hash table: built once
** (some 40 KB), read-only afterwards, so one may serve many scans and
** threads.  SQLITE_OK or SQLITE_NOMEM. */
typedef struct ThTrialWords ThTrialWords;
int th_trial_words_new(ThTrialWords **pp);
void th_trial_words_free(ThTrialWords *p);

/* Finds the trials of z[0..n) into *pList (zeroed by the caller).
** SQLITE_OK or SQLITE_NOMEM (then the list holds what was found). */
int th_trials_find(const ThTrialWords *pWords, const char *z, size_t n,
                   ThTrialList *pList);

/* Sets zCondition and iKind of every trial from the terms of the lexicons
** (either may be NULL) in its sentences, and when they name no therapy,
** from the whole text.  zCondition points into the lexicon: valid while
** the lexicon is held.  SQLITE_OK or SQLITE_NOMEM. */
int th_trials_describe(ThTrialList *pList, const ThLexSet *pBuiltin,
                       const ThLexSet *pUser, const char *z, size_t n);

void th_trials_free(ThTrialList *pList);

#endif /* THERAPY_TRIAL_SCAN_H */
