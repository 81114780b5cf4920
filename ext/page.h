/*
** page.h -- a saved web page as a list of blocks, and what is read from it.
**
** Both formats become the same thing before anything is judged:
**   - a plain-text dump (th_page_from_text): one block per non-empty line;
**   - an HTML page (th_page_from_html, libxml2): one block per paragraph,
**     heading, list item or other block element, with hints from the markup
**     (in <article>/<main>, inside an element whose class/id says it is
**     navigation or a related-stories list, share of the text inside links)
**     and the metadata of <head> (og:title, article:published_time ...).
**
** th_page_classify() then decides which blocks are the article (clean.c),
** and meta.c reads the title, date, byline and site from blocks + metadata.
** The SQL functions therapy_clean(), therapy_title(), therapy_date(),
** therapy_byline(), therapy_site() and the therapy_corpus table all go
** through th_page_load() + th_page_classify().
**
** Plain C: no SQL here.  Memory from sqlite3_malloc64, except the libxml2
** document, which libxml2 allocates and html_page.c frees before returning.
*/
#ifndef THERAPY_PAGE_H
#define THERAPY_PAGE_H

#include "therapy_int.h"

typedef enum ThFormat {
  TH_FORMAT_AUTO = 0,
  TH_FORMAT_TEXT = 1,
  TH_FORMAT_HTML = 2
} ThFormat;

/* Block kinds. */
enum {
  TH_BLOCK_LINE = 1,      /* a line of a text dump */
  TH_BLOCK_PARA,          /* <p>, <div> with text, <blockquote> text ... */
  TH_BLOCK_HEADING,       /* <h1>..<h6>; level in ThBlock.level */
  TH_BLOCK_ITEM,          /* <li>, <dt>/<dd>, or a bulleted text line */
  TH_BLOCK_CAPTION,       /* <figcaption>, <caption> */
  TH_BLOCK_CELL           /* <td>/<th> text */
};

/* Block flags (hints; the classifier weighs them). */
enum {
  TH_IN_ARTICLE     = 0x0001, /* inside <article>, <main>, [itemprop=articleBody] */
  TH_IN_CHROME      = 0x0002, /* inside nav/header/footer/aside/form or an
                              ** element whose class/id names boilerplate */
  TH_LINKY          = 0x0004, /* more than half of its text is link text */
  TH_BLANK_BEFORE   = 0x0008, /* text dump: a blank line precedes it */
  TH_BULLET         = 0x0010, /* text dump: starts with a bullet marker */
  TH_INDENTED       = 0x0020, /* text dump: starts with white space */
  TH_IN_FIGURE      = 0x0040, /* inside <figure> */
  TH_IN_BLOCKQUOTE  = 0x0080,
  TH_IN_TIME        = 0x0100  /* contains a <time> element */
};

/* Rough word counts of a text (th_count_words()): a word is a run of
** bytes other than ' ' (a line break is part of a word); nLetter of them
** start with an ASCII letter, nLower with a lower-case one. */
typedef struct ThWordCount {
  size_t nWord;
  size_t nLetter;
  size_t nLower;
} ThWordCount;

/* Blocks whose text is longer than this many bytes get their word counts
** when they are added (ThBlock.wc), as the text is copied. */
#define TH_COUNT_MIN 120

typedef struct ThBlock {
  size_t iStart;          /* byte offset of the block text in ThPage.text */
  size_t nLen;            /* its length in bytes (trimmed) */
  unsigned short kind;    /* TH_BLOCK_* */
  unsigned short level;   /* heading level 1..6, list depth, 0 otherwise */
  unsigned int flags;     /* TH_* hints */
  size_t nCounted;        /* the nLen that wc counts, 0 when not counted
                          ** (short text); wc holds while nLen is that */
  ThWordCount wc;         /* th_count_words() of the text when added */
} ThBlock;

/* Metadata read from HTML markup; every field may be NULL.  Owned by the
** page (sqlite3_malloc64), NUL-terminated, entity-decoded, trimmed. */
typedef struct ThPageMeta {
  char *zTitle;           /* <title> */
  char *zOgTitle;         /* og:title or twitter:title */
  char *zH1;              /* first <h1> text */
  char *zPublished;       /* article:published_time, datePublished (JSON-LD),
                          ** <meta name=date|dc.date|citation_publication_date> */
  char *zTimeDatetime;    /* datetime attribute of the first <time> in the
                          ** article (not in chrome) */
  char *zAuthor;          /* <meta name=author>, article:author, rel=author */
  char *zSiteName;        /* og:site_name, application-name */
} ThPageMeta;

typedef struct ThPage {
  ThFormat format;        /* TEXT or HTML, as detected or forced */
  ThBuf text;             /* text of all blocks (HTML: extracted text;
                          ** text dump: a copy with \r removed) */
  ThBlock *aBlock;        /* blocks in page order */
  int nBlock;
  int nAlloc;
  ThPageMeta meta;
  unsigned char *aKeep;   /* after th_page_classify: 1 = article text */
  int iTitle;             /* after th_page_classify: block of the headline,
                          ** or -1 */
  int iBodyFirst;         /* first and last block kept as body, or -1 */
  int iBodyLast;
} ThPage;

/* Guesses the format: HTML when, after white space and a BOM, the text
** starts with '<' and a tag, comment or doctype, or contains <html / <body
** / <p> tags early on. */
ThFormat th_detect_format(const char *z, size_t n);

/* An empty page (no blocks, iTitle/iBodyFirst/iBodyLast -1). */
void th_page_init(ThPage *p);

/* Fills *p from a page (p is initialised here).  format TH_FORMAT_AUTO
** detects it.  SQLITE_OK or SQLITE_NOMEM; on error *p is freed. */
int th_page_load(ThPage *p, const char *z, size_t n, ThFormat format);
int th_page_from_text(ThPage *p, const char *z, size_t n);   /* page_text.c */
int th_page_from_html(ThPage *p, const char *z, size_t n);   /* html_page.c */
void th_page_free(ThPage *p);

/* Appends a block with the given text to p (the text is copied into
** p->text, white space collapsed and trimmed; an empty block is not
** added).  For builders of pages. */
int th_page_add_block(ThPage *p, const char *z, size_t n, int kind,
                      int level, unsigned int flags);

/* Like th_page_add_block(), but a '\n' in z is a line break that is kept
** inside the block: white space around it is dropped and a run of line
** breaks becomes one.  HTML pages use it for <br> and <pre>, so the text of
** an HTML block may hold '\n' (text-dump blocks never do). */
int th_page_add_lines(ThPage *p, const char *z, size_t n, int kind,
                      int level, unsigned int flags);

/* Adds to *pc the rough word counts of z[0..n) (see ThWordCount), eight
** bytes at a time; bAfterSpace: the byte before z is a space (or z starts
** a text). */
void th_count_words(const char *z, size_t n, int bAfterSpace,
                    ThWordCount *pc);

/* Decides which blocks are the article: sets aKeep, iTitle, iBodyFirst and
** iBodyLast (clean.c). */
int th_page_classify(ThPage *p);

/* The cleaned body: kept blocks separated by one blank line ("\n\n"),
** without the headline (clean.c). */
int th_page_body(ThPage *p, ThBuf *pOut);

/* Metadata (meta.c).  Each appends to pOut, or leaves it empty when the
** page does not say.  The date is ISO 8601: YYYY-MM-DD or YYYY-MM. */
int th_page_title(ThPage *p, ThBuf *pOut);
int th_page_date(ThPage *p, ThBuf *pOut);
int th_page_byline(ThPage *p, ThBuf *pOut);
int th_page_site(ThPage *p, ThBuf *pOut);

#endif /* THERAPY_PAGE_H */
