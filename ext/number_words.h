/*
** number_words.h -- reading numbers written in digits or in English words.
**
** Plain C, no SQL and no allocation: ext/numbers.c puts the SQL functions
** parse_number() and extract_numbers() on top of it.
**
** What counts as one number (the same rules for both functions below):
**
**   digits      "52", "007", "2.5", ".5", "1,024", "12,345.6", signed
**               "-3" "+7" and with U+2212 MINUS, when the sign follows a
**               space, the start of the text or one of ( [ { = < > ~.
**               Groups of thousands must be well formed: 1-3 digits not
**               starting with 0, then groups of exactly 3 digits, all
**               separated by "," or all by one of NBSP, THIN SPACE or
**               NARROW NBSP; a plain space never groups ("+44 114 496"
**               is three numbers).  No exponents ("1e3" is not a number),
**               no ordinals ("3rd").
**   words       zero..nineteen, twenty..ninety with an optional unit after
**               a space or any hyphen/dash ("twenty-one", "twenty one"),
**               hundred, thousand, million, billion, trillion, with "and"
**               allowed only right after hundred or one of the scale
**               words ("one hundred and five", "two thousand and twenty"),
**               "a hundred", "a thousand", "a million", dozen ("dozen",
**               "a dozen", "two dozen").  Case does not matter.  Not
**               numbers: bare "hundred"/"thousand" ("a few hundred"),
**               "none", ordinals ("first"), plurals ("dozens").
**   both        a digit number followed by one multiplier word:
**               "2.5 million", "1.2 billion", "3 thousand", "2 dozen".
**
** Words and numbers are separated by white space (ASCII, NBSP and the
** Unicode spaces U+2000..U+200A, U+202F, U+205F, U+3000) or, inside a word
** phrase, by one hyphen or dash (-, U+2010..U+2015).
**
** A number glued to other text is not a number.  A word character is an
** ASCII letter or digit, '_' or any Unicode letter, mark or number; a
** joiner is one of  - . , / : '  U+2010 U+2011 U+2019.  A number is glued
** when a word character touches it, or a joiner with a word character on
** its far side does.  So nothing is read from NCT01234567, R01, COVID-19,
** CD19, AAV9, 10.1056/NEJMoa..., 2.5mg, 3rd, 2000s, 12-month, one-year,
** twenty-one-ish, dates (2020-01-15, 12/03/2020), times (07:00), ratios
** (1:1, 3/4), phone numbers (301-555-0143), EudraCT numbers
** (2019-001234-56) or ranges written with an ASCII hyphen (18-65); a range
** with an en dash (18 U+2013 65) gives two numbers.  Phrases are read as
** long as possible: "one hundred and five" is one number (105), while
** "five and six" and "one two" are two.
**
** Values: whole numbers (no decimal point, or made whole by a multiplier
** word: "2.5 million") up to 2^53 in magnitude are integers, computed with
** integer arithmetic.  Larger ones and all others are doubles: correctly
** rounded when the digits fit in 53 bits with at most 22 decimals (the
** numbers of articles), else within a few units of the last place; a
** number beyond the range of a double is not a number.
*/
#ifndef NUMBER_WORDS_H
#define NUMBER_WORDS_H

#include <stddef.h>

/* Reads z[0..n) as one number, ignoring white space around it.  Returns 1
** and sets *pValue and *pIsInteger (1 when the value is a whole number that
** fits in 53 bits, see above), or returns 0 when the text is empty, is not
** a number or holds more than one. */
int th_parse_number(const char *z, size_t n, double *pValue, int *pIsInteger);

/* Callback of th_find_numbers(): one number at bytes z[iStart..iStart+nLen).
** Returning non-zero stops the scan. */
typedef int (*ThNumberCallback)(void *pCtx, size_t iStart, size_t nLen,
                                double value, int isInteger);

/* Finds the numbers of running text z[0..n) in one pass, left to right,
** and calls xNumber for each.  Returns 0 when the whole text was scanned,
** or the non-zero value by which xNumber stopped it. */
int th_find_numbers(const char *z, size_t n, ThNumberCallback xNumber,
                    void *pCtx);

/* The same scan started at byte iFrom of z (the bytes before it still
** decide whether a number there is glued).  Starting at the end of a
** number reported by an earlier scan continues that scan exactly. */
int th_find_numbers_from(const char *z, size_t n, size_t iFrom,
                         ThNumberCallback xNumber, void *pCtx);

#endif /* NUMBER_WORDS_H */
