/*
** unit_trials.c -- unit tests of trial_scan.c (plain C, no SQL): the word
** list it reads, the facts of single sentences, how mentions become
** trials, and texts that are long, odd or empty.
*/
#include <string.h>
#include "therapy_int.h"
#include "trial_scan.h"
#include "unit.h"

extern const char *const th_data_trial_words[];
extern const char *const th_data_trial_complications[];
extern const char *const th_data_lexicon[];

/* Every name of data/trial_complications.txt is the canonical name of a
** disease of the built-in lexicon (its TSV lines: term, type, norm, ...). */
static void test_complications(void){
  int i, k, nMissing = 0;
  for(i=0; th_data_trial_complications[i]; i++){
    const char *zName = th_data_trial_complications[i];
    size_t n = strlen(zName);
    int bFound = 0;
    for(k=0; th_data_lexicon[k] && !bFound; k++){
      const char *z = strchr(th_data_lexicon[k], '\t');
      if( z && strncmp(z+1, "disease\t", 8)==0
       && strncmp(z+9, zName, n)==0 && (z[9+n]=='\t' || z[9+n]==0) ){
        bFound = 1;
      }
    }
    if( !bFound ) nMissing++;
  }
  CHECK(i>=10);
  CHECK_INT(nMissing, 0);
}

/* The words of data/trial_words.txt are sorted (byte order, the word up
** to the tab) and each has classes. */
static void test_word_list(void){
  int i, bSorted = 1, bClasses = 1;
  for(i=0; th_data_trial_words[i]; i++){
    const char *zTab = strchr(th_data_trial_words[i], '\t');
    if( zTab==0 || zTab[1]==0 ) bClasses = 0;
    if( i>0 ){
      const char *zA = th_data_trial_words[i-1], *zB = th_data_trial_words[i];
      size_t nA = strcspn(zA, "\t"), nB = strcspn(zB, "\t");
      int c = memcmp(zA, zB, nA<nB ? nA : nB);
      if( c>0 || (c==0 && nA>=nB) ) bSorted = 0;
    }
  }
  CHECK(i>150);
  CHECK(bSorted);
  CHECK(bClasses);
}

/* The trials of z, each as "id phase enrolled responders/base", joined by
** " ; " into zOut. */
static int trials_of(const char *z, char *zOut, size_t nOut){
  ThTrialList list;
  ThTrialWords *pWords = 0;
  int i, rc;
  size_t nUsed = 0;
  memset(&list, 0, sizeof(list));
  rc = th_trial_words_new(&pWords);
  if( rc==SQLITE_OK ) rc = th_trials_find(pWords, z, strlen(z), &list);
  zOut[0] = 0;
  for(i=0; i<list.n && nUsed+100<nOut; i++){
    const ThTrial *t = &list.a[i];
    char zLine[128];
    int n = snprintf(zLine, sizeof(zLine), "%s%s %s %lld %lld/%lld",
                     i ? " ; " : "", t->zId[0] ? t->zId : "-",
                     t->zPhase ? t->zPhase : "-", (long long)t->nEnrolled,
                     (long long)t->nResponders, (long long)t->nRespBase);
    memcpy(zOut+nUsed, zLine, (size_t)n+1);
    nUsed += (size_t)n;
  }
  th_trials_free(&list);
  th_trial_words_free(pWords);
  return rc;
}

static void test_facts(void){
  char z[512];
  CHECK_INT(trials_of("The Phase IIb study enrolled 41 men.", z, sizeof(z)), 0);
  CHECK_STR(z, "- 2 41 -1/-1");
  trials_of("In the phase i trial, 5 patients were treated.", z, sizeof(z));
  CHECK_STR(z, "- - 5 -1/-1");       /* a small 'i' is not a phase */
  trials_of("The first-in-man study dosed 8 volunteers.", z, sizeof(z));
  CHECK_STR(z, "- 1 8 -1/-1");
  trials_of("The phase 1 trial enrolled 30 patients at the recommended phase 2 dose.",
            z, sizeof(z));
  CHECK_STR(z, "- 1 30 -1/-1");
  trials_of("The phase 2 trial enrolled 1,024 participants; 512 of the 1,024 responded.",
            z, sizeof(z));
  CHECK_STR(z, "- 2 1024 512/1024");
  trials_of("In the trial, twenty-one patients were treated and all of the 21 responded.",
            z, sizeof(z));
  CHECK_STR(z, "- - 21 21/21");
  trials_of("The trial of HLV-207 has received 3 awards.", z, sizeof(z));
  CHECK_STR(z, "");
  trials_of("The phase 2 trial (EudraCT 2005-003817-29) enrolled 18 children.",
            z, sizeof(z));
  CHECK_STR(z, "2005-003817-29 2 18 -1/-1");
}

static void test_merging(void){
  char z[512];
  /* an id at the end names the trial described before it */
  trials_of("The phase 1 trial treated 6 infants. All 6 responded. "
            "Trial number: ISRCTN12345678.", z, sizeof(z));
  CHECK_STR(z, "ISRCTN12345678 1 6 6/6");
  /* the same id twice is one trial */
  trials_of("NCT01234567 enrolled 10 men. Later, NCT 01234567 added 2 sites.",
            z, sizeof(z));
  CHECK_STR(z, "NCT01234567 - 10 -1/-1");
  /* two ids of one registry in one sentence are two trials; the facts of
  ** the sentence go to the id nearest to them */
  trials_of("The trials NCT01234567 and NCT07654321 enrolled 30 patients.",
            z, sizeof(z));
  CHECK_STR(z, "NCT01234567 - -1 -1/-1 ; NCT07654321 - 30 -1/-1");
  /* ids of two registries side by side are one trial */
  trials_of("The trial (NCT01234567; EudraCT 2019-001234-56) enrolled 9 boys.",
            z, sizeof(z));
  CHECK_STR(z, "NCT01234567 - 9 -1/-1");
  /* a text without a trial word or phase gives no id-less trial */
  trials_of("Twelve patients were treated at the hospital last year.", z, sizeof(z));
  CHECK_STR(z, "");
}

static void test_odd_texts(void){
  static char zBig[200000];
  char z[512];
  size_t i;
  CHECK_INT(trials_of("", z, sizeof(z)), 0);
  CHECK_STR(z, "");
  /* one sentence longer than the token buffer is read in parts */
  for(i=0; i+40<sizeof(zBig); i+=40){
    memcpy(zBig+i, "trial nine patients x y z 1 2 3 phase 2 ", 40);
  }
  zBig[i] = 0;
  CHECK_INT(trials_of(zBig, z, sizeof(z)), 0);
  CHECK_STR(z, "- 2 9 -1/-1");
}

void unit_trials(void){
  test_word_list();
  test_complications();
  test_facts();
  test_merging();
  test_odd_texts();
}
