/*
** dates.h -- finding and reading calendar dates written in English text.
**
** th_find_dates() walks a text once and reports every date that carries a
** year, in the forms news pages print:
**
**   Wednesday, April 17, 2019    April 17, 2019    Apr. 17, 2019
**   Sept. 3, 2021                February 24th, 2014
**   17 April 2019                24th February 2014    Thu 2 Mar 2023
**   17/04/2019    04/17/2019     17.04.2019            17-04-2019
**   2019-04-17    2019-04-17T10:00:00Z    2022/05/18   2022.05.18
**   April 2019 (month and year: day 0)
**   December 10–13, 2022 and 14–17 October 2021 (ranges: the first day,
**   isRange set)
**
** Not dates: a year alone ('in 2019'), a day and month without a year
** ('on May 17'), 'Updated 3 hours ago', two-digit years, and numbers that
** are part of longer numbers (phone numbers 301-402-1663, registry ids
** 2019-001234-56, DOIs).  Years run from 1900 to 2100; the day must exist
** in its month (no February 30).  Month and weekday names must start with
** a capital letter ('May 2020', not 'may 2020').
**
** Numeric day-month order: when one of the first two numbers is above 12
** it is the day.  When both are 12 or less the date is read day-first
** (17/04/2019 style, as in Britain, Europe, India ...) and isAmbiguous is
** set; th_date_month_first() swaps it for a page that elsewhere prints an
** unambiguous month-first date such as 04/17/2019 (meta.c does that).
**
** Plain C, no allocation.
*/
#ifndef THERAPY_DATES_H
#define THERAPY_DATES_H

#include <stddef.h>

/* How a date was written (ThDate.form). */
enum {
  TH_DATE_ISO = 1,        /* 2019-04-17, optionally with a time */
  TH_DATE_YMD,            /* 2022/05/18, 2022.05.18 */
  TH_DATE_NUM_DMY,        /* 17/04/2019, 17.04.2019, 17-04-2019 */
  TH_DATE_NUM_MDY,        /* 04/17/2019 (month first, day above 12) */
  TH_DATE_DAY_MONTH,      /* 17 April 2019, 24th of February 2014 */
  TH_DATE_MONTH_DAY,      /* April 17, 2019 */
  TH_DATE_MONTH_YEAR      /* April 2019 */
};

typedef struct ThDate {
  int year;               /* 1900..2100 */
  int month;              /* 1..12 */
  int day;                /* 1..31, or 0 for 'April 2019' */
  int hasWeekday;         /* a weekday name came first */
  int hasTime;            /* ISO form with a 'T' time */
  int form;               /* TH_DATE_* */
  int isAmbiguous;        /* numeric, both parts <= 12 and different:
                          ** read day-first */
  int isRange;            /* the first day of a range 'May 3-5, 2021' */
} ThDate;

/* Calls xDate for each date in z[0..n), in text order, with its byte
** offset and length (the weekday and an ISO time are part of the span).
** Returns 0 when the whole text was scanned, or the first non-zero value
** xDate returned (which stops the scan). */
int th_find_dates(const char *z, size_t n,
                  int (*xDate)(void *pCtx, size_t iStart, size_t nLen,
                               const ThDate *pDate),
                  void *pCtx);

/* 1 when z[0..n), white space around it aside, is exactly one date (then
** *pDate is filled), else 0.  bMonthFirst reads an ambiguous numeric date
** month-first. */
int th_parse_date(const char *z, size_t n, int bMonthFirst, ThDate *pDate);

/* Turns an ambiguous day-first date into its month-first reading. */
void th_date_month_first(ThDate *pDate);

/* Writes 'YYYY-MM-DD' (or 'YYYY-MM' when day is 0) and a NUL into zOut,
** which must hold 11 bytes; returns the length written (10 or 7). */
int th_date_iso(const ThDate *pDate, char *zOut);

/* 1 when year, month and day (0 allowed) make a real date in range. */
int th_date_valid(int year, int month, int day);

/* Month number of an English month name or abbreviation ('Sept', 'jan'),
** compared without case, or 0. */
int th_month_number(const char *z, size_t n);

#endif /* THERAPY_DATES_H */
