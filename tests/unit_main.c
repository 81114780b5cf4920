/*
** unit_main.c -- runs the C unit tests of the plain-C parts of the
** extension (no SQL involved) and prints "unit: N passed, M failed".
*/
#include <sqlite3.h>
#include "unit.h"

int unit_pass = 0, unit_fail = 0;

void unit_check(int ok, const char *zFile, int iLine, const char *zExpr,
                const char *zWant, const char *zGot){
  if( ok ){ unit_pass++; return; }
  unit_fail++;
  printf("FAIL %s:%d  %s\n  expected: %s\n  got:      %s\n",
         zFile, iLine, zExpr, zWant, zGot);
}

void unit_textarg(void);
void unit_fold(void);
void unit_sentences(void);
void unit_numbers(void);
void unit_regexp(void);
void unit_cp1252(void);
void unit_dates(void);
void unit_lexmatch(void);
void unit_html(void);
void unit_clean(void);
void unit_entities(void);
void unit_kind(void);
void unit_trial_ids(void);
void unit_trials(void);

int main(void){
  sqlite3_initialize();
  unit_textarg();
  unit_fold();
  unit_sentences();
  unit_numbers();
  unit_regexp();
  unit_cp1252();
  unit_dates();
  unit_lexmatch();
  unit_html();
  unit_clean();
  unit_entities();
  unit_kind();
  unit_trial_ids();
  unit_trials();
  printf("unit: %d passed, %d failed\n", unit_pass, unit_fail);
  return unit_fail ? 1 : 0;
}
