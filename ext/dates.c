/*
** dates.c -- a hand-written scanner for English calendar dates (dates.h).
**
** The text is read once, left to right.  Only at the start of a word that
** begins with a digit or a capital letter is a date tried: a digit may open
** a numeric date (2019-04-17, 17/04/2019, 2022/05/18) or '17 April 2019';
** a capital letter may be a weekday ('Wednesday, ...') or a month
** ('April 17, 2019', 'Sept. 3, 2021', 'April 2019').  Each try looks ahead
** a bounded number of bytes, so the scan is linear in the text.  The month
** and weekday names are the two tables below.
**
** A run of digits that continues a longer number (the '402' and '1663' of
** 301-402-1663, anything after a digit and '-', '/' or '.') never starts a
** date, and a date's year must not run on into more digits, so phone
** numbers, registry ids and DOIs are not read as dates.
*/
#include <string.h>
#include "dates.h"

/* English month names and the abbreviations pages print ('Sept', 'Sep'). */
static const struct { const char *zName; int month; } aMonth[] = {
  { "january", 1 },  { "jan", 1 },
  { "february", 2 }, { "feb", 2 },
  { "march", 3 },    { "mar", 3 },
  { "april", 4 },    { "apr", 4 },
  { "may", 5 },
  { "june", 6 },     { "jun", 6 },
  { "july", 7 },     { "jul", 7 },
  { "august", 8 },   { "aug", 8 },
  { "september", 9 },{ "sept", 9 },  { "sep", 9 },
  { "october", 10 }, { "oct", 10 },
  { "november", 11 },{ "nov", 11 },
  { "december", 12 },{ "dec", 12 },
};

/* Weekday names that may precede a date ('Thu 2 Mar 2023'). */
static const char *const azWeekday[] = {
  "monday", "mon", "tuesday", "tue", "tues", "wednesday", "wed",
  "thursday", "thu", "thur", "thurs", "friday", "fri", "saturday", "sat",
  "sunday", "sun",
};

static int is_digit(unsigned char c){ return c>='0' && c<='9'; }
static int is_upper(unsigned char c){ return c>='A' && c<='Z'; }
static int is_alpha(unsigned char c){
  return (c>='a' && c<='z') || (c>='A' && c<='Z');
}
static int is_alnum(unsigned char c){ return is_digit(c) || is_alpha(c); }

/* The byte at z[i], or 0 past the end. */
static unsigned char at(const char *z, size_t n, size_t i){
  return i<n ? (unsigned char)z[i] : 0;
}

/* Skips spaces, tabs and the no-break spaces U+00A0, U+202F and U+2009. */
static size_t skip_blanks(const char *z, size_t n, size_t i){
  while( i<n ){
    unsigned char c = (unsigned char)z[i];
    if( c==' ' || c=='\t' ){
      i++;
    }else if( c==0xc2 && at(z, n, i+1)==0xa0 ){
      i += 2;
    }else if( c==0xe2 && at(z, n, i+1)==0x80
           && (at(z, n, i+2)==0xaf || at(z, n, i+2)==0x89) ){
      i += 3;
    }else{
      break;
    }
  }
  return i;
}

/* Length of a range dash at z[i]: '-', '–' (en dash) or '—', else 0. */
static size_t dash_len(const char *z, size_t n, size_t i){
  if( at(z, n, i)=='-' ) return 1;
  if( at(z, n, i)==0xe2 && at(z, n, i+1)==0x80
   && (at(z, n, i+2)==0x93 || at(z, n, i+2)==0x94) ) return 3;
  return 0;
}

/* Number of digits at z[i] (all of them) and their value (first 9). */
static size_t read_digits(const char *z, size_t n, size_t i, int *pVal){
  size_t k = 0;
  int v = 0;
  while( i+k<n && is_digit((unsigned char)z[i+k]) ){
    if( k<9 ) v = v*10 + (z[i+k] - '0');
    k++;
  }
  *pVal = v;
  return k;
}

/* 1 when z[i] cannot continue the number or word just read: not a letter
** or digit, and not '-', '/' or '.' followed by a digit. */
static int at_number_end(const char *z, size_t n, size_t i){
  unsigned char c = at(z, n, i);
  if( is_alnum(c) ) return 0;
  if( (c=='-' || c=='/' || c=='.') && is_digit(at(z, n, i+1)) ) return 0;
  return 1;
}

/* Reads a four-digit year that ends there; its end offset or 0. */
static size_t read_year(const char *z, size_t n, size_t i, int *pYear){
  if( read_digits(z, n, i, pYear)!=4 ) return 0;
  if( !at_number_end(z, n, i+4) ) return 0;
  return i + 4;
}

/* Reads a word of ASCII letters at z[i] into zOut (lower case, at most
** nOut-1 letters); its length, or 0 when it is longer or is followed by a
** byte that may continue a word (a non-ASCII letter). */
static size_t read_word(const char *z, size_t n, size_t i,
                        char *zOut, size_t nOut){
  size_t k = 0;
  while( i+k<n && is_alpha((unsigned char)z[i+k]) ){
    if( k+1>=nOut ) return 0;
    zOut[k] = (char)(z[i+k] | 0x20);
    k++;
  }
  zOut[k] = 0;
  if( at(z, n, i+k)>=0x80 ) return 0;
  return k;
}

int th_month_number(const char *z, size_t n){
  char zWord[12];
  size_t k;
  if( n==0 || n>=sizeof(zWord) ) return 0;
  for(k=0; k<n; k++){
    if( !is_alpha((unsigned char)z[k]) ) return 0;
    zWord[k] = (char)(z[k] | 0x20);
  }
  zWord[n] = 0;
  for(k=0; k<sizeof(aMonth)/sizeof(aMonth[0]); k++){
    if( strcmp(zWord, aMonth[k].zName)==0 ) return aMonth[k].month;
  }
  return 0;
}

static int is_weekday(const char *zWord){
  size_t k;
  for(k=0; k<sizeof(azWeekday)/sizeof(azWeekday[0]); k++){
    if( strcmp(zWord, azWeekday[k])==0 ) return 1;
  }
  return 0;
}

static int is_leap(int y){
  return (y%4==0 && y%100!=0) || y%400==0;
}

int th_date_valid(int year, int month, int day){
  static const unsigned char aDays[] =
      { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  if( year<1900 || year>2100 || month<1 || month>12 ) return 0;
  if( day<0 || day>aDays[month-1] ) return 0;
  if( month==2 && day==29 && !is_leap(year) ) return 0;
  return 1;
}

/* A month name at z[i] (capitalised, optional '.'): its number and the
** offset after it (*piEnd), or 0. */
static int read_month(const char *z, size_t n, size_t i, size_t *piEnd){
  char zWord[12];
  size_t k;
  int m;
  if( !is_upper(at(z, n, i)) ) return 0;
  k = read_word(z, n, i, zWord, sizeof(zWord));
  if( k<3 ) return 0;
  m = th_month_number(z+i, k);
  if( m==0 ) return 0;
  i += k;
  if( at(z, n, i)=='.' ) i++;
  *piEnd = i;
  return m;
}

/* An ordinal suffix 'st', 'nd', 'rd', 'th' at z[i] ending a word: its
** length or 0. */
static size_t ordinal_len(const char *z, size_t n, size_t i){
  unsigned char a = at(z, n, i) | 0x20, b = at(z, n, i+1) | 0x20;
  if( !((a=='s' && b=='t') || (a=='n' && b=='d') || (a=='r' && b=='d')
        || (a=='t' && b=='h')) ) return 0;
  if( is_alnum(at(z, n, i+2)) ) return 0;
  return 2;
}

/* Reads a day: 1-2 digits, an ordinal suffix, and the end of a range
** ('10–13', '8-9').  Returns the offset after it, or 0. */
static size_t read_day(const char *z, size_t n, size_t i, int *pDay,
                       int *pRange){
  int v, v2;
  size_t k = read_digits(z, n, i, &v), d;
  if( k<1 || k>2 ) return 0;
  i += k;
  i += ordinal_len(z, n, i);
  *pRange = 0;
  d = dash_len(z, n, i);
  if( d ){
    size_t k2 = read_digits(z, n, i+d, &v2);
    if( k2>=1 && k2<=2 && v2>v ){
      i += d + k2;
      i += ordinal_len(z, n, i);
      *pRange = 1;
    }
  }
  if( is_alnum(at(z, n, i)) ) return 0;
  *pDay = v;
  return i;
}

/* '17 April 2019', '24th of February 2014', '3 Sept. 2021', '17-Apr-2019',
** '14–17 October 2021'.  Returns the end offset or 0. */
static size_t try_day_month(const char *z, size_t n, size_t i, ThDate *p){
  int day, range, month, year;
  size_t j = read_day(z, n, i, &day, &range), k, e;
  int bDash = 0;
  if( j==0 ) return 0;
  if( at(z, n, j)=='-' && !range ){
    bDash = 1;
    k = j + 1;
  }else{
    k = skip_blanks(z, n, j);
    if( k==j ) return 0;
    if( at(z, n, k)=='o' && at(z, n, k+1)=='f' && at(z, n, k+2)==' ' ){
      k = skip_blanks(z, n, k+2);
    }
  }
  month = read_month(z, n, k, &e);
  if( month==0 ) return 0;
  if( bDash ){
    if( at(z, n, e)!='-' ) return 0;
    k = e + 1;
  }else{
    if( at(z, n, e)==',' ) e++;
    k = skip_blanks(z, n, e);
    if( k==e ) return 0;
  }
  e = read_year(z, n, k, &year);
  if( e==0 || day<1 || !th_date_valid(year, month, day) ) return 0;
  p->year = year; p->month = month; p->day = day;
  p->form = TH_DATE_DAY_MONTH;
  p->isRange = range;
  return e;
}

/* 'April 17, 2019', 'Apr. 17, 2019', 'February 24th, 2014',
** 'December 10–13, 2022', 'April 2019'.  Returns the end offset or 0. */
static size_t try_month_first(const char *z, size_t n, size_t i, ThDate *p){
  int day, range, month, year;
  size_t j, k, e;
  month = read_month(z, n, i, &j);
  if( month==0 ) return 0;
  /* month and year: 'April 2019', 'March, 2021' */
  if( at(z, n, j)==',' ){
    k = skip_blanks(z, n, j+1);
    if( k==j+1 ) return 0;
    e = read_year(z, n, k, &year);
  }else{
    k = skip_blanks(z, n, j);
    if( k==j && z[j-1]!='.' ) return 0;
    e = read_year(z, n, k, &year);
  }
  if( e ){
    if( !th_date_valid(year, month, 0) ) return 0;
    p->year = year; p->month = month; p->day = 0;
    p->form = TH_DATE_MONTH_YEAR;
    return e;
  }
  /* month, day and year */
  j = read_day(z, n, k, &day, &range);
  if( j==0 ) return 0;
  k = j;
  if( at(z, n, k)==',' ) k++;
  k = skip_blanks(z, n, k);
  if( k==j ) return 0;
  e = read_year(z, n, k, &year);
  if( e==0 || day<1 || !th_date_valid(year, month, day) ) return 0;
  p->year = year; p->month = month; p->day = day;
  p->form = TH_DATE_MONTH_DAY;
  p->isRange = range;
  return e;
}

/* The time after an ISO date: 'T10:00:00Z', 'T07:00:00+01:00'.  Returns
** the offset after it, or i when there is none. */
static size_t skip_iso_time(const char *z, size_t n, size_t i){
  size_t j;
  if( at(z, n, i)!='T' || !is_digit(at(z, n, i+1)) ) return i;
  j = i + 1;
  while( is_digit(at(z, n, j)) || at(z, n, j)==':' || at(z, n, j)=='.' ) j++;
  if( at(z, n, j)=='Z' ){
    j++;
  }else if( (at(z, n, j)=='+' || at(z, n, j)=='-')
         && is_digit(at(z, n, j+1)) ){
    j++;
    while( is_digit(at(z, n, j)) || at(z, n, j)==':' ) j++;
  }
  if( is_alnum(at(z, n, j)) ) return i;
  return j;
}

/* '2019-04-17' (two-digit month and day), '2019-04-17T10:00:00Z',
** '2022/05/18', '2022.05.18'.  Returns the end offset or 0. */
static size_t try_year_first(const char *z, size_t n, size_t i, ThDate *p){
  int year, month, day;
  char sep = (char)at(z, n, i+4);
  size_t k1, k2, e;
  if( sep!='-' && sep!='/' && sep!='.' ) return 0;
  read_digits(z, n, i, &year);
  k1 = read_digits(z, n, i+5, &month);
  if( sep=='-' ? k1!=2 : (k1<1 || k1>2) ) return 0;
  if( at(z, n, i+5+k1)!=sep ) return 0;
  k2 = read_digits(z, n, i+6+k1, &day);
  if( sep=='-' ? k2!=2 : (k2<1 || k2>2) ) return 0;
  e = i + 6 + k1 + k2;
  if( day<1 || !th_date_valid(year, month, day) ) return 0;
  p->year = year; p->month = month; p->day = day;
  if( sep=='-' ){
    size_t t = skip_iso_time(z, n, e);
    p->form = TH_DATE_ISO;
    if( t>e ){
      p->hasTime = 1;
      return t;
    }
  }else{
    p->form = TH_DATE_YMD;
  }
  if( !at_number_end(z, n, e) ) return 0;
  return e;
}

/* '17/04/2019', '04/17/2019', '17.04.2019', '17-04-2019'.  The end offset
** or 0. */
static size_t try_numeric(const char *z, size_t n, size_t i, ThDate *p){
  int a, b, year, day, month;
  size_t k1 = read_digits(z, n, i, &a), k2, e;
  char sep = (char)at(z, n, i+k1);
  if( k1<1 || k1>2 || (sep!='/' && sep!='.' && sep!='-') ) return 0;
  k2 = read_digits(z, n, i+k1+1, &b);
  if( k2<1 || k2>2 || at(z, n, i+k1+1+k2)!=sep ) return 0;
  e = read_year(z, n, i+k1+2+k2, &year);
  if( e==0 ) return 0;
  if( a>12 && b<=12 ){
    day = a; month = b; p->form = TH_DATE_NUM_DMY;
  }else if( b>12 && a<=12 ){
    day = b; month = a; p->form = TH_DATE_NUM_MDY;
  }else if( a<=12 && b<=12 ){
    day = a; month = b; p->form = TH_DATE_NUM_DMY;
    p->isAmbiguous = a!=b;
  }else{
    return 0;
  }
  if( day<1 || !th_date_valid(year, month, day) ) return 0;
  p->year = year; p->month = month; p->day = day;
  return e;
}

/* A date without a weekday starting at z[i]; the end offset or 0. */
static size_t try_plain_date(const char *z, size_t n, size_t i, ThDate *p){
  unsigned char c = at(z, n, i);
  size_t e = 0;
  memset(p, 0, sizeof(*p));
  if( is_digit(c) ){
    int v;
    size_t k = read_digits(z, n, i, &v);
    if( k==4 ){
      e = try_year_first(z, n, i, p);
    }else if( k<=2 ){
      e = try_numeric(z, n, i, p);
      if( e==0 ){
        memset(p, 0, sizeof(*p));
        e = try_day_month(z, n, i, p);
      }
    }
  }else if( is_upper(c) ){
    e = try_month_first(z, n, i, p);
  }
  return e;
}

/* A date starting at z[i], with or without a weekday; its end or 0. */
static size_t try_date(const char *z, size_t n, size_t i, ThDate *p){
  char zWord[12];
  size_t k;
  if( is_upper(at(z, n, i))
   && (k = read_word(z, n, i, zWord, sizeof(zWord)))>=3
   && is_weekday(zWord) ){
    size_t j = i + k, e;
    if( at(z, n, j)=='.' ) j++;
    if( at(z, n, j)==',' ) j++;
    j = skip_blanks(z, n, j);
    if( j==i+k ) return 0;
    e = try_plain_date(z, n, j, p);
    if( e ) p->hasWeekday = 1;
    return e;
  }
  return try_plain_date(z, n, i, p);
}

/* 1 when a date may start at z[i]: the start of a word, and for a digit
** not the continuation of a longer number ('402' in 301-402-1663). */
static int may_start(const char *z, size_t i){
  unsigned char c = (unsigned char)z[i];
  if( i>0 && is_alnum((unsigned char)z[i-1]) ) return 0;
  if( !is_digit(c) ) return is_upper(c);
  if( i>=2 && (z[i-1]=='-' || z[i-1]=='/' || z[i-1]=='.')
   && is_digit((unsigned char)z[i-2]) ) return 0;
  return 1;
}

int th_find_dates(const char *z, size_t n,
                  int (*xDate)(void*, size_t, size_t, const ThDate*),
                  void *pCtx){
  size_t i = 0;
  while( i<n ){
    unsigned char c = (unsigned char)z[i];
    if( (is_digit(c) || is_upper(c)) && may_start(z, i) ){
      ThDate d;
      size_t e = try_date(z, n, i, &d);
      if( e ){
        int rc = xDate(pCtx, i, e - i, &d);
        if( rc ) return rc;
        i = e;
        continue;
      }
    }
    if( is_alnum(c) ){
      while( i<n && is_alnum((unsigned char)z[i]) ) i++;
    }else{
      i++;
    }
  }
  return 0;
}

/* th_parse_date(): the first date, when it covers the whole text. */
typedef struct WholeDate {
  size_t n;               /* length of the trimmed text */
  int bFound;
  ThDate date;
} WholeDate;

static int whole_date_cb(void *pCtx, size_t iStart, size_t nLen,
                         const ThDate *pDate){
  WholeDate *p = (WholeDate*)pCtx;
  if( iStart==0 && nLen==p->n ){
    p->bFound = 1;
    p->date = *pDate;
  }
  return 1;                     /* only the first date counts */
}

static int is_space(unsigned char c){
  return c==' ' || c=='\t' || c=='\n' || c=='\r' || c=='\f' || c=='\v';
}

int th_parse_date(const char *z, size_t n, int bMonthFirst, ThDate *pDate){
  WholeDate w;
  while( n>0 && is_space((unsigned char)z[0]) ){ z++; n--; }
  while( n>0 && is_space((unsigned char)z[n-1]) ) n--;
  memset(&w, 0, sizeof(w));
  w.n = n;
  th_find_dates(z, n, whole_date_cb, &w);
  if( !w.bFound ) return 0;
  if( bMonthFirst ) th_date_month_first(&w.date);
  *pDate = w.date;
  return 1;
}

void th_date_month_first(ThDate *p){
  if( p->isAmbiguous ){
    int t = p->day;
    p->day = p->month;
    p->month = t;
    p->form = TH_DATE_NUM_MDY;
    p->isAmbiguous = 0;
  }
}

int th_date_iso(const ThDate *p, char *zOut){
  int y = p->year;
  zOut[0] = (char)('0' + y/1000);
  zOut[1] = (char)('0' + y/100%10);
  zOut[2] = (char)('0' + y/10%10);
  zOut[3] = (char)('0' + y%10);
  zOut[4] = '-';
  zOut[5] = (char)('0' + p->month/10);
  zOut[6] = (char)('0' + p->month%10);
  if( p->day==0 ){
    zOut[7] = 0;
    return 7;
  }
  zOut[7] = '-';
  zOut[8] = (char)('0' + p->day/10);
  zOut[9] = (char)('0' + p->day%10);
  zOut[10] = 0;
  return 10;
}
