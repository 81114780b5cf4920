/* unit_numbers.c -- th_parse_number() and th_find_numbers() without SQL. */
#include <stdio.h>
#include "number_words.h"
#include "unit.h"

/* th_parse_number() on a NUL-terminated string, rendered as text:
** "105" for an integer, "2.5r" for a double, "NULL" for no number. */
static const char *parsed(const char *z){
  static char zOut[64];
  double v;
  int isInt;
  if( !th_parse_number(z, strlen(z), &v, &isInt) ) return "NULL";
  if( isInt ) snprintf(zOut, sizeof(zOut), "%lld", (long long)v);
  else snprintf(zOut, sizeof(zOut), "%.17gr", v);
  return zOut;
}

/* The numbers th_find_numbers() reports, as "span=value" joined by "; ",
** a double shown with 15 digits and ending in 'r'.  Stops after nMax
** numbers. */
typedef struct Found {
  const char *zText;
  char zOut[512];
  int nFound, nMax;
} Found;

static int add_found(void *pCtx, size_t iStart, size_t nLen, double value,
                     int isInteger){
  Found *p = (Found*)pCtx;
  size_t n = strlen(p->zOut);
  snprintf(p->zOut + n, sizeof(p->zOut) - n,
           isInteger ? "%s%.*s=%.0f" : "%s%.*s=%.15gr",
           n ? "; " : "", (int)nLen, p->zText + iStart, value);
  p->nFound++;
  return p->nFound>=p->nMax ? 7 : 0;
}

static const char *found(const char *z){
  static Found f;
  memset(&f, 0, sizeof(f));
  f.zText = z;
  f.nMax = 1000;
  th_find_numbers(z, strlen(z), add_found, &f);
  return f.zOut;
}

/* Every word of the table, with its value. */
static void check_every_word(void){
  static const char *azWord[] = {
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen",
    "sixteen", "seventeen", "eighteen", "nineteen", "twenty", "thirty",
    "forty", "fifty", "sixty", "seventy", "eighty", "ninety"
  };
  static const int aValue[] = {
    0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    20, 30, 40, 50, 60, 70, 80, 90
  };
  size_t i;
  int nOk = 0;
  for(i=0; i<sizeof(aValue)/sizeof(aValue[0]); i++){
    char zWant[16];
    snprintf(zWant, sizeof(zWant), "%d", aValue[i]);
    if( strcmp(parsed(azWord[i]), zWant)==0 ) nOk++;
    else printf("word %s: %s\n", azWord[i], parsed(azWord[i]));
  }
  CHECK_INT(nOk, 28);
  CHECK_STR(parsed("a hundred"), "100");
  CHECK_STR(parsed("a thousand"), "1000");
  CHECK_STR(parsed("a million"), "1000000");
  CHECK_STR(parsed("a billion"), "1000000000");
  CHECK_STR(parsed("a trillion"), "1000000000000");
  CHECK_STR(parsed("dozen"), "12");
}

void unit_numbers(void){
  double v = -1;
  int isInt = -1;
  Found f;

  check_every_word();

  /* th_parse_number: words */
  CHECK_STR(parsed("Fourteen"), "14");
  CHECK_STR(parsed("twenty-one"), "21");
  CHECK_STR(parsed("twenty one"), "21");
  CHECK_STR(parsed("TWENTY\xe2\x80\x91one"), "21");     /* U+2011 hyphen */
  CHECK_STR(parsed("twenty\xe2\x80\x93one"), "21");     /* en dash */
  CHECK_STR(parsed("one hundred and five"), "105");
  CHECK_STR(parsed("one hundred five"), "105");
  CHECK_STR(parsed("two thousand three hundred"), "2300");
  CHECK_STR(parsed("two thousand and twenty"), "2020");
  CHECK_STR(parsed("one hundred and five thousand"), "105000");
  CHECK_STR(parsed("fifteen hundred"), "1500");
  CHECK_STR(parsed("three million"), "3000000");
  CHECK_STR(parsed("a dozen"), "12");
  CHECK_STR(parsed("two dozen"), "24");
  CHECK_STR(parsed(" \t Sixty-three \n"), "63");
  CHECK_STR(parsed("\xc2\xa0" "nine" "\xe2\x80\x89"), "9");   /* NBSP, thin */
  CHECK_STR(parsed("nine hundred ninety-nine trillion nine hundred"
                   " ninety-nine billion nine hundred ninety-nine million"
                   " nine hundred ninety-nine thousand nine hundred"
                   " ninety-nine"), "999999999999999");

  /* th_parse_number: digits */
  CHECK_STR(parsed("1,024"), "1024");
  CHECK_STR(parsed("12,345,678.5"), "12345678.5r");
  CHECK_STR(parsed("1\xe2\x80\x89" "024"), "1024");        /* thin space */
  CHECK_STR(parsed("1\xc2\xa0" "000\xc2\xa0" "000"), "1000000");  /* NBSP */
  CHECK_STR(parsed("2.5"), "2.5r");
  CHECK_STR(parsed("2.0"), "2r");
  CHECK_STR(parsed("0.5"), "0.5r");
  CHECK_STR(parsed(".5"), "0.5r");
  CHECK_STR(parsed("-3"), "-3");
  CHECK_STR(parsed("+7"), "7");
  CHECK_STR(parsed("\xe2\x88\x92" "3.5"), "-3.5r");       /* U+2212 */
  CHECK_STR(parsed("007"), "7");
  CHECK_STR(parsed("2.5 million"), "2500000");
  CHECK_STR(parsed("1.2 billion"), "1200000000");
  CHECK_STR(parsed("1.2345678 million"), "1234567.8r");
  CHECK_STR(parsed("3 thousand"), "3000");
  CHECK_STR(parsed("2 dozen"), "24");
  CHECK_STR(parsed("0.1"), "0.10000000000000001r");  /* correctly rounded */
  /* 2^53 is the largest integer; beyond it a double, beyond doubles NULL */
  CHECK_STR(parsed("9007199254740992"), "9007199254740992");
  CHECK_STR(parsed("9007199254740993"), "9007199254740992r");
  CHECK_STR(parsed("99999999999999999999999"), "9.9999999999999992e+22r");
  CHECK_STR(parsed("1,000,000 trillion"), "1e+18r");
  {
    char zBig[400];
    memset(zBig, '9', sizeof(zBig)-1);
    zBig[sizeof(zBig)-1] = 0;
    CHECK_STR(parsed(zBig), "NULL");        /* 10^399: beyond a double */
  }

  /* th_parse_number: not one number */
  CHECK_STR(parsed(""), "NULL");
  CHECK_STR(parsed("   "), "NULL");
  CHECK_STR(parsed("abc"), "NULL");
  CHECK_STR(parsed("one two"), "NULL");
  CHECK_STR(parsed("twenty-one-ish"), "NULL");
  CHECK_STR(parsed("first"), "NULL");
  CHECK_STR(parsed("3rd"), "NULL");
  CHECK_STR(parsed("1,02"), "NULL");
  CHECK_STR(parsed("1,000,00"), "NULL");
  CHECK_STR(parsed("1,0000"), "NULL");
  CHECK_STR(parsed("0,123"), "NULL");
  CHECK_STR(parsed("1 024"), "NULL");     /* a plain space never groups */
  CHECK_STR(parsed("hundred hundred"), "NULL");
  CHECK_STR(parsed("hundred"), "NULL");
  CHECK_STR(parsed("none"), "NULL");
  CHECK_STR(parsed("1e3"), "NULL");
  CHECK_STR(parsed("5."), "NULL");
  CHECK_STR(parsed("one hundred and"), "NULL");
  CHECK_STR(parsed("a"), "NULL");
  CHECK_STR(parsed("and"), "NULL");
  CHECK_STR(parsed("twenty - one"), "NULL");
  CHECK_STR(parsed("one thousand one thousand"), "NULL");
  CHECK_STR(parsed("1.2.3"), "NULL");
  CHECK_STR(parsed("- 3"), "NULL");
  CHECK_STR(parsed("2.5mg"), "NULL");
  CHECK_STR(parsed("\xff" "5"), "NULL");
  CHECK(th_parse_number("42", 1, &v, &isInt)==1 && v==4.0 && isInt==1);
  CHECK(th_parse_number("x", 0, &v, &isInt)==0);

  /* th_find_numbers: phrases, longest first */
  CHECK_STR(found("enrolled nine toddlers"), "nine=9");
  CHECK_STR(found("Sixty-three patients, n = 52"), "Sixty-three=63; 52=52");
  CHECK_STR(found("one hundred and five patients"),
            "one hundred and five=105");
  CHECK_STR(found("five and six"), "five=5; six=6");
  CHECK_STR(found("one two"), "one=1; two=2");
  CHECK_STR(found("a hundred and a half"), "a hundred=100");
  CHECK_STR(found("a few hundred patients, several thousand"), "");
  CHECK_STR(found("twenty one, a dozen, two million"),
            "twenty one=21; a dozen=12; two million=2000000");
  CHECK_STR(found("1,024 participants got 2.5 mg"),
            "1,024=1024; 2.5=2.5r");
  CHECK_STR(found("$2.5 million (95% CI), p=.05, change -3 and +7"),
            "2.5 million=2500000; 95=95; .05=0.05r; -3=-3; +7=7");
  /* word boundaries */
  CHECK_STR(found("someone often tone none attend"), "");
  CHECK_STR(found("no one, one of the children"), "one=1; one=1");
  CHECK_STR(found("one\xc3\xa9 \xc3\xa9one"), "");   /* é is a letter */
  /* glued numbers: identifiers, units, dates, ranges */
  CHECK_STR(found("NCT01234567 R01 COVID-19 CD19 AAV9 IL-2 H2O"), "");
  CHECK_STR(found("doi 10.1056/NEJMoa2024671."), "");
  CHECK_STR(found("2019-001234-56 on 2020-01-15, 12/03/2020 07:00"), "");
  CHECK_STR(found("call 301-555-0143, ratio 1:1, 3/4 of them"), "");
  CHECK_STR(found("2.5mg 3rd 2000s 12-month one-year twenty-one-ish"), "");
  CHECK_STR(found("aged 18-65 or 18\xe2\x80\x93" "65"), "18=18; 65=65");
  CHECK_STR(found("1,02 and 1,000,00 and 1.2.3"), "");
  CHECK_STR(found("was 52. Then 7, 8"), "52=52; 7=7; 8=8");
  CHECK_STR(found("(-3) x-3 +/-2"), "-3=-3; 2=2");
  CHECK_STR(found("\xe2\x80\x9c" "five\xe2\x80\x9d patients"), "five=5");
  CHECK_STR(found("one hundred twenty-one-ish"), "one hundred=100");
  CHECK_STR(found("2.5 million-dollar"), "2.5=2.5r");
  CHECK_STR(found("in 12\xc2\xa0" "100 cells"), "12\xc2\xa0" "100=12100");
  CHECK_STR(found("invalid \xff" "5\xfe bytes \x80" "7"), "5=5; 7=7");

  /* the callback stops the scan with its own value */
  memset(&f, 0, sizeof(f));
  f.zText = "1 2 3 4";
  f.nMax = 2;
  CHECK_INT(th_find_numbers(f.zText, 7, add_found, &f), 7);
  CHECK_STR(f.zOut, "1=1; 2=2");
  /* a scan from the end of a number goes on exactly as the full scan */
  memset(&f, 0, sizeof(f));
  f.zText = "7-3 and -3";
  f.nMax = 100;
  CHECK_INT(th_find_numbers_from(f.zText, strlen(f.zText), 1, add_found, &f),
            0);
  CHECK_STR(f.zOut, "-3=-3");
  CHECK_STR(found(""), "");
}
