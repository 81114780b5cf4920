/*
** unit.h -- the few macros the C unit tests share.
**
** Each tests/unit_*.c file defines one function "void unit_NAME(void)"
** listed in unit_main.c; CHECK_INT / CHECK_STR / CHECK count one assertion
** each and print the file and line of a failure.
*/
#ifndef UNIT_H
#define UNIT_H
#include <stdio.h>
#include <string.h>

extern int unit_pass, unit_fail;

#define CHECK(cond) unit_check((cond), __FILE__, __LINE__, #cond, "", "")
#define CHECK_INT(got, want) do{ long long g_=(long long)(got), w_=(long long)(want); \
  char bg_[32], bw_[32]; snprintf(bg_, 32, "%lld", g_); snprintf(bw_, 32, "%lld", w_); \
  unit_check(g_==w_, __FILE__, __LINE__, #got, bw_, bg_); }while(0)
#define CHECK_STR(got, want) do{ const char *g_=(got), *w_=(want); \
  unit_check(g_ && w_ && strcmp(g_, w_)==0, __FILE__, __LINE__, #got, \
             w_ ? w_ : "(null)", g_ ? g_ : "(null)"); }while(0)

void unit_check(int ok, const char *zFile, int iLine, const char *zExpr,
                const char *zWant, const char *zGot);
#endif
