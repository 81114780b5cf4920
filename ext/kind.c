/*
** kind.c -- the therapy kinds and the scoring of how much each kind is the
** subject of a text, from the lexicon mentions found in it (plain C, no
** SQL; kind.h is the interface).  The SQL functions therapy_kind() and
** therapy_kinds() call it.
**
** HOW A TEXT IS SCORED
**
** Every mention of a kind adds a weight to that kind's score.  The weight
** is the product of these factors:
**
**   1. What was found.  A modality term ("gene therapy", "CAR-T cells")
**      counts 1.0, a product name (Kymriah, Zolgensma) 1.2, a drug name
**      (busulfan, rituximab) 0.6, a vector (lentiviral, AAV9) 0.5, any
**      other term with a kind 0.5.
**
**   2. Where it is.  The headline (a first line of at most 300 bytes with
**      more text after it) counts 3.0; the lead (the 600 bytes after the
**      headline) 2.0; the body from 1.2 falling evenly to 0.6; the tail
**      0.3.  The tail is the last paragraph(s): from the start of the
**      paragraph that holds the byte at 6/7 of the text, if that paragraph
**      starts in the second half of the text (and less than 64 KB before
**      that byte); otherwise, in texts of 2000 bytes or more, the last 1/7
**      of the bytes; short texts without such paragraphs have no tail.
**      A closing section after the first third of the text (and in its
**      last 64 KB) starts the tail earlier: a line that starts with
**      "About Company" (a heading of at most 80 bytes), "Forward-looking
**      statements", "Media contact", "Notes to editors", "References",
**      "You may also like", "Comments (" ... .  The tail wins over the
**      lead, the headline over both.
**
**   3. Whether it is a comparator: times 0.25.  A mention is a comparator
**      when a comparison cue stands shortly before it in the same sentence
**      with no other mention in between ("compared with", "instead of",
**      "unlike", "than", "standard of care", "previously treated with",
**      "after failing", "returned within", "lines of", "alternative to",
**      "donor for", "eligible for", "need for", ...; each cue has its own
**      largest gap in bytes, so "than" must be close and "compared with"
**      may be further), or when a cue follows it shortly in the same
**      sentence before the next mention ("had failed", "was not an option",
**      "remains the standard", "the only cure", ...).  The next item of a
**      list that starts with a comparator is a comparator too ("compared
**      with chemotherapy or a transplant", "e.g. chemotherapy, the
**      antibody blinatumomab or a transplant": joined by "or", "and",
**      "e.g.", a bracket ..., or by a comma when another item follows),
**      and so is a later mention of the same kind in the same sentence,
**      within 200 bytes.
**
**   4. Whether it is supporting care: times 0.2.  Chemotherapy and
**      radiotherapy mentions, and drug names of the antibody, small
**      molecule and immunoglobulin kinds, count little when the mention
**      itself or 64 bytes on either side in the same paragraph hold a cue
**      of conditioning or side-effect care ("conditioning",
**      "lymphodepleting", "myeloablative", "before the infusion", "to make
**      room", "given back", "bridging", "cytokine release", "side effects",
**      "steroids", ...).
**
**   5. Whether it is in an advert: weight 0.  A mention with an advert cue
**      within 64 bytes on either side, matched with its case ("Sponsored",
**      "Advertisement", "Learn more", "Sign up", "Shop now", and labels of
**      links to other articles: "Read more", "Also read", "Related
**      stories", ...), is counted as found but adds nothing.
**
** A rule of this file changes the kind of some mentions: a gene therapy
** modality right after "T-cell"/"T cell"/"T-lymphocyte" ("T-cell gene
** therapy") is car_t.  A mention that repeats the previous one (same start,
** same kind: a term listed twice) is skipped.
**
** After the pass, more specific kinds take over the generic mentions of a
** broader kind, so that these support rather than compete:
**   - generic gene therapy mentions (gene_therapy modality terms starting
**     with "gene"/"genetic": "gene therapy", "genetic treatment") and
**     vectors: when car_t or gene_editing (the stronger of the two) scores
**     at least as much as gene_therapy, 60% of their weight moves to it
**     (CAR-T cells are made with lentiviral vectors and are called gene
**     therapies; so are gene-edited cells);
**   - generic cell therapy mentions (cell_therapy modality terms starting
**     with "cell" or "adoptive": "cell therapy", "cellular therapy",
**     "adoptive cell transfer"): when the strongest of car_t, gene_therapy
**     and gene_editing scores at least half of cell_therapy, 70% of their
**     weight moves to it (CAR-T is a cell therapy).
**
** The main kind is the kind with the highest score (the earlier first
** evidence breaks a tie), or none when that score is below 1.5: one
** modality mention in the lead or headline is enough, one passing mention
** in the body or the tail is not.
**
** Cost: one pass over the mentions.  The cues are looked up at the word
** starts of the bytes within 64 bytes of a mention, in one forward scan
** that reads each byte once (the windows of close mentions overlap), with
** one hash index of all cue tables (built once, by the first four letters
** of a word; a cue is compared from its last letter).  Other
** checks read at most 200 bytes near a mention, and only after a cue was
** found.  The layout reads the first line, at most 64 KB back from 6/7 of
** the text (8 bytes at a time), and the line starts (memchr) of at most its
** last 64 KB, once, with a quick test of their first byte.
** Nothing is allocated.
*/
#include <string.h>
#include "therapy_int.h"
#include "kind.h"
#include "bits.h"

/* ---- kind names --------------------------------------------------------- */

static const char *const azKindName[TH_N_KIND] = {
  "gene_therapy", "car_t", "cell_therapy", "gene_editing",
  "stem_cell_transplant", "rna_therapy", "antibody", "chemotherapy",
  "radiotherapy", "immunoglobulin", "enzyme_replacement", "vaccine",
  "small_molecule"
};

const char *th_kind_name(int iKind){
  if( iKind<0 || iKind>=TH_N_KIND ) return 0;
  return azKindName[iKind];
}

/* ASCII lower case of c, with '-' and ' ' read as '_'. */
static char kind_name_char(char c){
  if( c>='A' && c<='Z' ) return (char)(c - 'A' + 'a');
  if( c=='-' || c==' ' ) return '_';
  return c;
}

int th_kind_from_name(const char *z, size_t n){
  int i;
  if( z==0 ) return -1;
  for(i=0; i<TH_N_KIND; i++){
    const char *zName = azKindName[i];
    size_t k;
    if( strlen(zName)!=n ) continue;
    for(k=0; k<n && kind_name_char(z[k])==zName[k]; k++){}
    if( k==n ) return i;
  }
  return -1;
}

int th_kind_term_type(const char *zType){
  if( zType==0 ) return TH_KIND_TERM_OTHER;
  if( strcmp(zType, "modality")==0 ) return TH_KIND_TERM_MODALITY;
  if( strcmp(zType, "product")==0 ) return TH_KIND_TERM_PRODUCT;
  if( strcmp(zType, "drug")==0 ) return TH_KIND_TERM_DRUG;
  if( strcmp(zType, "vector")==0 ) return TH_KIND_TERM_VECTOR;
  return TH_KIND_TERM_OTHER;
}

int th_kind_mention_make(const char *zType, const char *zKind, size_t iStart,
                         size_t nLen, ThKindMention *pOut){
  int iKind;
  if( zKind==0 || zKind[0]==0 || pOut==0 ) return 0;
  iKind = th_kind_from_name(zKind, strlen(zKind));
  if( iKind<0 ) return 0;
  pOut->iKind = iKind;
  pOut->iStart = iStart;
  pOut->nLen = nLen;
  pOut->iTermType = th_kind_term_type(zType);
  return 1;
}

/* ---- weights ------------------------------------------------------------ */

#define KIND_WINDOW        64     /* bytes of context on each side */
#define KIND_CARRY         200    /* a comparison carries to its kind */
#define KIND_HEAD_MAX      300    /* longest headline */
#define KIND_LEAD_BYTES    600    /* lead after the headline */
#define KIND_TAIL_MIN_TEXT 2000   /* shorter texts need a paragraph tail */
#define KIND_TAIL_SEARCH   65536  /* most bytes read to find the tail */
#define KIND_HEADING_MAX   80     /* longest "About Company" heading */
#define KIND_MIN_MAIN      1.5    /* least score of a main kind */

#define W_HEADLINE   3.0
#define W_LEAD       2.0
#define W_BODY_START 1.2
#define W_BODY_END   0.6
#define W_TAIL       0.3
#define W_COMPARED   0.25
#define W_SUPPORT    0.2
#define SHARE_GENE   0.6    /* of generic gene therapy to car_t or editing */
#define SHARE_CELL   0.7    /* of generic cell therapy to a specific kind */

static double term_type_weight(int iTermType){
  switch( iTermType ){
    case TH_KIND_TERM_MODALITY: return 1.0;
    case TH_KIND_TERM_PRODUCT:  return 1.2;
    case TH_KIND_TERM_DRUG:     return 0.6;
    default:                    return 0.5;
  }
}

/* ---- cue tables ------------------------------------------------------------
** A cue is matched at a word start.  Cues of the comparison and support
** tables are lower case and match in any case; advert cues match with their
** case.  A cue must end at a word end unless bPrefix is set; a prefix cue
** needs at least four letters before its first non-letter (the index looks
** words up by their first four letters, see cue_key). */
typedef struct KindCue {
  const char *zCue;
  unsigned char nCue;       /* strlen(zCue) */
  unsigned char nMaxGap;    /* comparison cues: most bytes to the mention */
  unsigned char bPrefix;    /* may be followed by more letters */
} KindCue;
#define CUE(z, nMaxGap, bPrefix) \
  { z, (unsigned char)(sizeof(z)-1), nMaxGap, bPrefix }

/* Cues before a mention that make it a comparator.  nMaxGap: most bytes
** between the cue's end and the mention. */
static const KindCue aCompareBefore[] = {
  CUE("advantage over", 20, 0),        CUE("advantages over", 20, 0),
  CUE("after failing", 40, 0),         CUE("alternative to", 24, 0),
  CUE("alternatives to", 24, 0),       CUE("as opposed to", 30, 0),
  CUE("avoid", 14, 0),                 CUE("avoiding", 14, 0),
  CUE("avoids", 14, 0),                CUE("beat", 12, 0),
  CUE("beats", 12, 0),                 CUE("better than", 24, 0),
  CUE("came back after", 30, 0),       CUE("candidate for", 14, 0),
  CUE("candidates for", 14, 0),        CUE("comparator", 40, 0),
  CUE("compared to", 48, 0),           CUE("compared with", 48, 0),
  CUE("comparison with", 48, 0),       CUE("control arm", 48, 0),
  CUE("control group", 48, 0),         CUE("conventional", 30, 0),
  CUE("current standard", 30, 0),      CUE("current treatments", 30, 0),
  CUE("despite", 30, 0),               CUE("did not respond to", 40, 0),
  CUE("donor for", 14, 0),             CUE("earlier", 10, 0),
  CUE("eligible for", 14, 0),          CUE("existing", 30, 0),
  CUE("failed", 30, 0),                CUE("failure of", 24, 0),
  CUE("in comparison to", 48, 0),      CUE("in comparison with", 48, 0),
  CUE("in place of", 24, 0),           CUE("inferior to", 24, 0),
  CUE("instead of", 40, 0),            CUE("like a", 4, 0),
  CUE("line of", 30, 0),               CUE("lines of", 30, 0),
  CUE("more effective than", 30, 0),   CUE("need for", 12, 0),
  CUE("no longer need", 24, 0),        CUE("not respond to", 40, 0),
  CUE("not responded to", 40, 0),      CUE("older", 10, 0),
  CUE("other than", 12, 0),            CUE("outperformed", 30, 0),
  CUE("outperforms", 30, 0),           CUE("pretreated with", 40, 0),
  CUE("previous", 24, 0),              CUE("previously", 30, 0),
  CUE("previously had", 40, 0),        CUE("previously received", 40, 0),
  CUE("previously treated with", 40, 0), CUE("prior", 24, 0),
  CUE("progressed after", 40, 0),      CUE("progressed despite", 40, 0),
  CUE("progressed on", 40, 0),         CUE("progression after", 40, 0),
  CUE("progression on", 40, 0),        CUE("rather than", 40, 0),
  CUE("refractory to", 40, 0),         CUE("relapse after", 40, 0),
  CUE("relapse following", 40, 0),     CUE("relapsed after", 40, 0),
  CUE("relapsed following", 40, 0),    CUE("relapsed on", 40, 0),
  CUE("relapsing after", 40, 0),       CUE("replace", 14, 0),
  CUE("replaced", 14, 0),              CUE("replaces", 14, 0),
  CUE("replacing", 14, 0),             CUE("resistant to", 40, 0),
  CUE("returned after", 30, 0),        CUE("returned following", 40, 0),
  CUE("returned within", 40, 0),       CUE("safer than", 24, 0),
  CUE("similar to", 12, 0),            CUE("spare", 12, 0),
  CUE("spares", 12, 0),                CUE("sparing", 12, 0),
  CUE("standard", 24, 0),              CUE("standard care", 48, 0),
  CUE("standard of care", 40, 0),      CUE("standard therapies", 40, 0),
  CUE("standard therapy", 40, 0),      CUE("standard treatment", 40, 0),
  CUE("standard treatments", 40, 0),   CUE("standard-care", 48, 0),
  CUE("stop", 12, 0),                  CUE("stopped", 12, 0),
  CUE("stopped responding to", 40, 0), CUE("stopping", 12, 0),
  CUE("substitute for", 24, 0),        CUE("substitute of", 24, 0),
  CUE("superior to", 24, 0),           CUE("than", 12, 0),
  CUE("too frail for", 20, 0),         CUE("too ill for", 20, 0),
  CUE("traditional", 30, 0),           CUE("unable to have", 20, 0),
  CUE("unable to receive", 20, 0),     CUE("unlike", 40, 0),
  CUE("unsuitable for", 20, 0),        CUE("versus", 40, 0),
  CUE("vs", 40, 0),                    CUE("without needing", 20, 0),
  CUE("without the need for", 20, 0),
};

/* Cues after a mention that make it a comparator.  nMaxGap: most bytes
** between the mention's end and the cue's start. */
static const KindCue aCompareAfter[] = {
  CUE("current standard", 20, 0),      CUE("did not work", 30, 0),
  CUE("didn't work", 30, 0),           CUE("failed", 20, 0),
  CUE("had failed", 30, 0),            CUE("has failed", 30, 0),
  CUE("have failed", 30, 0),           CUE("is not an option", 30, 0),
  CUE("is not possible", 30, 0),       CUE("is the standard", 20, 0),
  CUE("mainstay", 24, 0),              CUE("no longer work", 30, 0),
  CUE("not suitable", 30, 0),          CUE("only curative", 30, 0),
  CUE("remains the standard", 20, 0),  CUE("standard of care", 24, 0),
  CUE("stopped working", 30, 0),       CUE("the only cure", 24, 0),
  CUE("the only option", 24, 0),       CUE("was not an option", 30, 0),
  CUE("was not possible", 30, 0),      CUE("were not an option", 30, 0),
};

/* Cues of conditioning and side-effect care (bPrefix 1: a word start). */
static const KindCue aSupport[] = {
  CUE("ahead of the infusion", 0, 0),  CUE("before being infused", 0, 0),
  CUE("before infusion", 0, 0),        CUE("before receiving the", 0, 0),
  CUE("before the cells", 0, 0),       CUE("before the corrected", 0, 0),
  CUE("before the edited", 0, 0),      CUE("before the infusion", 0, 0),
  CUE("before the modified", 0, 0),    CUE("before the transplant", 0, 0),
  CUE("bridging", 0, 0),               CUE("brief course", 0, 0),
  CUE("clear out", 0, 0),              CUE("clear room", 0, 0),
  CUE("clear space", 0, 0),            CUE("clear the", 0, 0),
  CUE("clearing", 0, 0),               CUE("clears the", 0, 0),
  CUE("condition the", 0, 0),          CUE("conditioned", 0, 0),
  CUE("conditioning", 0, 0),           CUE("controlled with", 0, 0),
  CUE("crs", 0, 0),                    CUE("cytokine release", 0, 0),
  CUE("destroy the", 0, 0),            CUE("destroys the", 0, 0),
  CUE("empties the", 0, 0),            CUE("empty the", 0, 0),
  CUE("given again", 0, 0),            CUE("given back", 0, 0),
  CUE("graft-versus-host", 0, 0),      CUE("gvhd", 0, 0),
  CUE("kill off", 0, 0),               CUE("killing off", 0, 0),
  CUE("kills off", 0, 0),              CUE("liver enzyme", 0, 1),
  CUE("lympho-deplet", 0, 1),          CUE("lymphocyte-deplet", 0, 1),
  CUE("lymphodeplet", 0, 1),           CUE("make room", 0, 0),
  CUE("make space", 0, 0),             CUE("make way", 0, 0),
  CUE("manage the", 0, 0),             CUE("mobilis", 0, 1),
  CUE("mobiliz", 0, 1),                CUE("myeloablat", 0, 1),
  CUE("non-myeloablat", 0, 1),         CUE("nonmyeloablat", 0, 1),
  CUE("pre-treatment", 0, 0),          CUE("preparative", 0, 0),
  CUE("prepare the", 0, 0),            CUE("pretreatment", 0, 0),
  CUE("prior to infusion", 0, 0),      CUE("prior to the infusion", 0, 0),
  CUE("put back", 0, 0),               CUE("re-infused", 0, 0),
  CUE("reinfused", 0, 0),              CUE("returned to the", 0, 0),
  CUE("short course", 0, 0),           CUE("side effect", 0, 1),
  CUE("side-effect", 0, 1),            CUE("steroid", 0, 1),
  CUE("to dampen", 0, 0),              CUE("to manage", 0, 0),
  CUE("to prepare", 0, 0),             CUE("to suppress", 0, 0),
  CUE("total body", 0, 0),             CUE("total lymphoid", 0, 0),
  CUE("total marrow", 0, 0),           CUE("transplanted back", 0, 0),
  CUE("wipe out", 0, 0),               CUE("wipes out", 0, 0),
  CUE("wiping out", 0, 0),
};

/* Advert cues, matched with their case. */
static const KindCue aAdvert[] = {
  CUE("ADVERTISEMENT", 0, 0),          CUE("Advertisement", 0, 0),
  CUE("ADVERTORIAL", 0, 0),            CUE("Advertorial", 0, 0),
  CUE("ALSO READ", 0, 0),              CUE("Also Read", 0, 0),
  CUE("Also read", 0, 0),              CUE("Book Now", 0, 0),
  CUE("Book now", 0, 0),               CUE("Book your", 0, 0),
  CUE("Buy Now", 0, 0),                CUE("Buy now", 0, 0),
  CUE("Click Here", 0, 0),             CUE("Click here", 0, 0),
  CUE("Download now", 0, 0),           CUE("Find Out More", 0, 0),
  CUE("Find out more", 0, 0),          CUE("LEARN MORE", 0, 0),
  CUE("Learn More", 0, 0),             CUE("Learn more", 0, 0),
  CUE("Order Now", 0, 0),              CUE("Order now", 0, 0),
  CUE("Paid Content", 0, 0),           CUE("Paid content", 0, 0),
  CUE("Paid post", 0, 0),              CUE("Partner Content", 0, 0),
  CUE("Partner content", 0, 0),        CUE("PROMOTED", 0, 0),
  CUE("Promoted", 0, 0),               CUE("READ MORE", 0, 0),
  CUE("Read More", 0, 0),              CUE("Read more", 0, 0),
  CUE("Register Now", 0, 0),           CUE("Register now", 0, 0),
  CUE("Related Articles", 0, 0),       CUE("Related articles", 0, 0),
  CUE("Related Stories", 0, 0),        CUE("Related stories", 0, 0),
  CUE("See also", 0, 0),               CUE("Shop Now", 0, 0),
  CUE("Shop now", 0, 0),               CUE("SIGN UP", 0, 0),
  CUE("Sign Up", 0, 0),                CUE("Sign up", 0, 0),
  CUE("SPONSORED", 0, 0),              CUE("Sponsored", 0, 0),
  CUE("SUBSCRIBE", 0, 0),              CUE("Subscribe", 0, 0),
  CUE("You may also like", 0, 0),      CUE("You might also like", 0, 0),
};

/* Words that join two items of a list ("chemotherapy or a transplant",
** "busulfan-based chemotherapy", "drugs, e.g. rituximab") ... */
static const char *const azListJoin[] = {
  "and", "as", "based", "by", "containing", "e", "either", "followed", "g",
  "i", "including", "nor", "or", "plus", "such", "then", "with",
};

/* ... and words that may stand between items without joining them. */
static const char *const azListFill[] = {
  "a", "agent", "an", "antibody", "drug", "drugs", "even", "other", "the",
  "therapy", "treatment",
};

#define COUNT(a) ((int)(sizeof(a)/sizeof((a)[0])))

/* The cue tables, numbered as in CueIndex.aTable. */
#define CUE_BEFORE  0
#define CUE_AFTER   1
#define CUE_SUPPORT 2
#define CUE_ADVERT  3

/* Byte classes: 1 ASCII letter or digit, 2 ASCII capital, 4 a byte that
** may end a sentence ('.', '!', '?', newline). */
#define KIND_ALNUM 1
#define KIND_UPPER 2
#define KIND_STOP  4
static const unsigned char aByteClass[256] = {
  0,0,0,0,0,0,0,0,0,0,4,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,4,0,0,0,0,0,0,0,0,0,0,0,0,4,0,
  1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,4,
  0,3,3,3,3,3,3,3,3,3,3,3,3,3,3,3,
  3,3,3,3,3,3,3,3,3,3,3,0,0,0,0,0,
  0,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,
  1,1,1,1,1,1,1,1,1,1,1,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
  0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,
};
#define BYTE_CLASS(c) aByteClass[(unsigned char)(c)]

static int is_alnum(char c){
  return BYTE_CLASS(c) & KIND_ALNUM;
}

static char lower_ascii(char c){
  return (BYTE_CLASS(c) & KIND_UPPER) ? (char)(c - 'A' + 'a') : c;
}

/* The letter number of a byte: 0..25 for an ASCII letter of either case,
** 26 for any other byte. */
static const unsigned char aLetter[256] = {
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,
  15,16,17,18,19,20,21,22,23,24,25,26,26,26,26,26,
  26,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,
  15,16,17,18,19,20,21,22,23,24,25,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
  26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,26,
};

/* ---- the cue index ---------------------------------------------------------
** All cue tables in one hash index by the first four letters of the cues
** in lower case (cue_key): aHead[h] is the first cue whose key hashes to h,
** aNext[i] the next one after cue i (-1 ends a list).  A word of the text
** is looked up by the same key, so most words are passed over after one
** look at an empty bucket.  It depends only on the constant cue tables, so
** it is built once per process (cue_index_get) and only read after that. */
#define KIND_MAX_CUES 320
#define KIND_BUCKETS  4096
typedef struct CueIndex {
  uint64_t aStart2[65536/64];   /* bit a*256+b is set if some cue may
                                ** start with the bytes a, b (as its case
                                ** rule allows): a word whose first two
                                ** bytes are not is no cue */
  short aHead[KIND_BUCKETS];
  short aNext[KIND_MAX_CUES];
  unsigned char aTable[KIND_MAX_CUES];
  const KindCue *apCue[KIND_MAX_CUES];
  int nCue;
} CueIndex;

/* The bucket of the word or cue starting at z[0..n): a hash of its first
** letters (at most four, up to the first byte that is not an ASCII letter)
** in lower case and of their number. */
static inline int cue_key_len(const char *z, size_t n, size_t *pnLetter){
  const unsigned char *u = (const unsigned char*)z;
  unsigned int h = 0;
  size_t k;
  if( n>=4 ){
    /* the usual case, unrolled: stop at the first byte that is no letter */
    unsigned int c0 = aLetter[u[0]], c1 = aLetter[u[1]];
    unsigned int c2 = aLetter[u[2]], c3 = aLetter[u[3]];
    if( c0>=26 ){
      k = 0;
    }else if( c1>=26 ){
      k = 1;  h = c0;
    }else if( c2>=26 ){
      k = 2;  h = c0*26 + c1;
    }else if( c3>=26 ){
      k = 3;  h = (c0*26 + c1)*26 + c2;
    }else{
      k = 4;  h = ((c0*26 + c1)*26 + c2)*26 + c3;
    }
  }else{
    for(k=0; k<n; k++){
      unsigned int c = aLetter[u[k]];
      if( c>=26 ) break;
      h = h*26 + c;
    }
  }
  h = h*5 + (unsigned int)k;
  *pnLetter = k;
  return (int)((h * 2654435761u) >> 19) & (KIND_BUCKETS-1);
}

static int cue_key(const char *z, size_t n){
  size_t nLetter;
  return cue_key_len(z, n, &nLetter);
}

/* The bytes a text may have where the cue byte c is: c, and for a cue
** matched without case (bNoCase) the capital of a small letter c.
** Returns their number (1 or 2) and stores them in a. */
static int cue_byte_forms(unsigned char c, int bNoCase, unsigned char *a){
  a[0] = c;
  if( bNoCase && c>='a' && c<='z' ){
    a[1] = (unsigned char)(c - 'a' + 'A');
    return 2;
  }
  return 1;
}

/* Sets the aStart2 bits of the cue z[0..n) of table iTable. */
static void cue_start2_add(CueIndex *p, const char *z, size_t n,
                           int iTable){
  unsigned char a0[2], a1[2];
  int n0, n1, k0, k1, bNoCase = iTable!=CUE_ADVERT;
  unsigned b;
  n0 = cue_byte_forms((unsigned char)z[0], bNoCase, a0);
  for(k0=0; k0<n0; k0++){
    if( n<2 ){
      for(b=0; b<256; b++){
        unsigned x = a0[k0]*256u + b;
        p->aStart2[x/64] |= (uint64_t)1 << (x%64);
      }
      continue;
    }
    n1 = cue_byte_forms((unsigned char)z[1], bNoCase, a1);
    for(k1=0; k1<n1; k1++){
      unsigned x = a0[k0]*256u + a1[k1];
      p->aStart2[x/64] |= (uint64_t)1 << (x%64);
    }
  }
}

/* False if no cue starts at z[i] (i < n) by the aStart2 bits. */
static inline int cue_may_start(const CueIndex *p, const char *z,
                                size_t n, size_t i){
  const unsigned char *u = (const unsigned char*)z + i;
  unsigned x;
  if( n-i<2 ) return 1;
  x = u[0]*256u + u[1];
  return (int)((p->aStart2[x/64] >> (x%64)) & 1);
}

static void cue_index_add(CueIndex *p, const KindCue *aCue, int nCue,
                          int iTable){
  int i;
  for(i=nCue-1; i>=0 && p->nCue<KIND_MAX_CUES; i--){
    int k = p->nCue++;
    int h = cue_key(aCue[i].zCue, aCue[i].nCue);
    cue_start2_add(p, aCue[i].zCue, aCue[i].nCue, iTable);
    p->apCue[k] = &aCue[i];
    p->aTable[k] = (unsigned char)iTable;
    p->aNext[k] = p->aHead[h];
    p->aHead[h] = (short)k;
  }
}

_Static_assert(COUNT(aCompareBefore) + COUNT(aCompareAfter) + COUNT(aSupport)
               + COUNT(aAdvert) <= KIND_MAX_CUES, "raise KIND_MAX_CUES");

static void cue_index_init(CueIndex *p){
  p->nCue = 0;
  memset(p->aStart2, 0, sizeof(p->aStart2));
  memset(p->aHead, 0xff, sizeof(p->aHead));      /* every entry -1 */
  cue_index_add(p, aCompareBefore, COUNT(aCompareBefore), CUE_BEFORE);
  cue_index_add(p, aCompareAfter, COUNT(aCompareAfter), CUE_AFTER);
  cue_index_add(p, aSupport, COUNT(aSupport), CUE_SUPPORT);
  cue_index_add(p, aAdvert, COUNT(aAdvert), CUE_ADVERT);
}

/* The cue index, built at the first call.  The static index is written
** once, under the mutex SQLITE_MUTEX_STATIC_APP3 (SQLite never holds the
** APP mutexes itself), and only read afterwards: every caller takes the
** mutex once before reading, so it sees the finished index.  Building it
** on every call cost more than scoring a short article. */
static const CueIndex *cue_index_get(void){
  static CueIndex sIndex;
  static int bBuilt = 0;
  sqlite3_mutex *pMutex = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_APP3);
  sqlite3_mutex_enter(pMutex);
  if( !bBuilt ){
    cue_index_init(&sIndex);
    bBuilt = 1;
  }
  sqlite3_mutex_leave(pMutex);
  return &sIndex;
}

/* True if cue pCue (of table iTable) is at z[i] in the text z[0..n). */
static inline int cue_matches(const KindCue *pCue, int iTable,
                              const char *z, size_t n, size_t i){
  size_t j, nCue = pCue->nCue;
  if( nCue>n-i ) return 0;
  if( lower_ascii(z[i+nCue-1])!=lower_ascii(pCue->zCue[nCue-1]) ){
    return 0;                   /* quick answer: the last letters differ */
  }
  if( iTable==CUE_ADVERT ){
    if( memcmp(z+i, pCue->zCue, nCue)!=0 ) return 0;
  }else{
    for(j=0; j<nCue && lower_ascii(z[i+j])==pCue->zCue[j]; j++){}
    if( j<nCue ) return 0;
  }
  return pCue->bPrefix || i+nCue>=n || !is_alnum(z[i+nCue]);
}

/* ---- the forward scan of cues ---------------------------------------------
** The cues found near the mentions so far, in text order; the last
** KIND_HITS are kept (a mention looks back at most KIND_WINDOW bytes). */
#define KIND_HITS 64
typedef struct CueHit {
  size_t iStart, iEnd;      /* bytes of the cue in the text */
  short iCue;               /* its number in the index */
} CueHit;

typedef struct CueScan {
  size_t iDone;             /* bytes before this have been read */
  size_t nHit;              /* cues found so far */
  CueHit aHit[KIND_HITS];   /* cue number nHit-1 is at (nHit-1)%KIND_HITS */
} CueScan;

/* Keeps the cues found at z[i], a word start. */
static inline void cue_find_at(CueScan *p, const CueIndex *pIdx,
                               const char *z, size_t n, size_t i){
  size_t nLetter;
  int k;
  if( !cue_may_start(pIdx, z, n, i) ) return;
  k = pIdx->aHead[cue_key_len(z+i, n-i, &nLetter)];
  for(; k>=0; k=pIdx->aNext[k]){
    if( cue_matches(pIdx->apCue[k], pIdx->aTable[k], z, n, i) ){
      CueHit *pHit = &p->aHit[p->nHit % KIND_HITS];
      pHit->iStart = i;
      pHit->iEnd = i + pIdx->apCue[k]->nCue;
      pHit->iCue = (short)k;
      p->nHit++;
    }
  }
}

/* Reads the words of z[iFrom..iTo) not read yet and keeps the cues found
** at their starts.  A word starts at an ASCII letter or digit that does not
** follow one.  With SSE2 the word starts of 16 bytes at a time are found
** as bits. */
static void cue_scan_to(CueScan *p, const CueIndex *pIdx, const char *z,
                        size_t n, size_t iFrom, size_t iTo){
  size_t i = iFrom<p->iDone ? p->iDone : iFrom;
#if defined(__SSE2__)
  unsigned bPrev = i>0 && i<iTo && is_alnum(z[i-1]);
  while( iTo>i && iTo-i>=16 ){
    unsigned m = th_alnum_bits16((const unsigned char*)z+i);
    unsigned mStart = m & ~((m<<1) | bPrev);
    while( mStart ){
      cue_find_at(p, pIdx, z, n, i + th_lowest_bit(mStart));
      mStart &= mStart - 1;
    }
    bPrev = (m>>15) & 1;
    i += 16;
  }
  if( bPrev ){
    while( i<iTo && is_alnum(z[i]) ) i++;
  }
#else
  if( i>0 ){
    while( i<iTo && is_alnum(z[i-1]) && is_alnum(z[i]) ) i++;
  }
#endif
  while( i<iTo ){
    while( i<iTo && !is_alnum(z[i]) ) i++;
    if( i>=iTo ) break;
    cue_find_at(p, pIdx, z, n, i);
    i++;                        /* z[i] is alphanumeric */
    while( i<iTo && is_alnum(z[i]) ) i++;
  }
  if( iTo>p->iDone ) p->iDone = iTo;
}

/* ---- text layout -------------------------------------------------------- */

/* Byte positions that set the weight of a place in the text. */
typedef struct KindLayout {
  size_t iHeadEnd;      /* end of the headline, 0 if none */
  size_t iLeadEnd;      /* end of the lead */
  size_t iTailStart;    /* start of the tail (n if none) */
} KindLayout;

/* True if z[i..n) holds something other than white space (in its first
** KIND_HEAD_MAX bytes). */
static int has_text_after(const char *z, size_t n, size_t i){
  size_t k;
  for(k=i; k<n && k<i+KIND_HEAD_MAX; k++){
    if( z[k]!=' ' && z[k]!='\n' && z[k]!='\r' && z[k]!='\t' ) return 1;
  }
  return 0;
}

/* Lines that start the closing sections of a text (matched with case at
** the start of a line, after spaces): boilerplate of press releases,
** contacts, references, comments and lists of other articles. */
static const char *const azClosing[] = {
  "###", "CONTACTS", "Cautionary Note", "Cautionary Statement",
  "Cautionary note", "Comments (", "Contact:", "Contacts", "Disclaimer",
  "Disclosures", "FORWARD-LOOKING STATEMENT", "Forward-Looking Statement",
  "Forward-looking statement", "Investor Contact", "Investor Relations",
  "Investor contact", "Leave a Reply", "Leave a comment", "MEDIA CONTACT",
  "Media Contact", "Media contact", "More news", "Most read",
  "NOTES TO EDITORS", "Notes to Editors", "Notes to editors", "REFERENCES",
  "References", "Related articles", "Related stories", "SOURCE ",
  "Source: ", "You may also like", "You might also like",
};

/* The first bytes of the lines of azClosing, as bits of aFirst[c/64]. */
static void closing_first_bytes(uint64_t *aFirst){
  int k;
  aFirst[0] = aFirst[1] = 0;
  for(k=0; k<COUNT(azClosing); k++){
    unsigned char c = (unsigned char)azClosing[k][0];
    aFirst[c/64] |= (uint64_t)1 << (c%64);
  }
}

/* True if the line at z[i] starts a closing section: a line of azClosing,
** or a short heading "About Company" (not "About 40 patients").  aFirst:
** from closing_first_bytes(). */
static int starts_closing(const char *z, size_t n, size_t i,
                          const uint64_t *aFirst){
  const char *zEnd;
  unsigned char c;
  int k;
  while( i<n && z[i]==' ' ) i++;
  if( i>=n ) return 0;
  c = (unsigned char)z[i];
  if( c>=128 || ((aFirst[c/64]>>(c%64)) & 1)==0 ) k = COUNT(azClosing);
  else k = 0;
  for(; k<COUNT(azClosing); k++){
    size_t nCue;
    if( azClosing[k][0]!=z[i] ) continue;     /* most lines: no strlen */
    nCue = strlen(azClosing[k]);
    if( nCue<=n-i && memcmp(z+i, azClosing[k], nCue)==0 ) return 1;
  }
  if( n-i<8 || memcmp(z+i, "About ", 6)!=0 ) return 0;
  if( (BYTE_CLASS(z[i+6]) & KIND_UPPER)==0 ) return 0;
  zEnd = memchr(z+i, '\n', n-i);
  return (zEnd ? (size_t)(zEnd-(z+i)) : n-i) <= KIND_HEADING_MAX;
}

/* The last i in (iLow, iMark] with z[i-1] a newline, or iLow if none. */
static size_t line_start_before(const char *z, size_t iLow, size_t iMark){
  const uint64_t ones = 0x0101010101010101ULL;
  size_t i = iMark;
  while( i-iLow>8 ){
    /* 8 bytes z[i-8..i-1] at a time while none is a newline */
    uint64_t w, x;
    memcpy(&w, z+i-8, 8);
    x = w ^ (ones*'\n');
    if( (x - ones) & ~x & (ones*0x80) ) break;
    i -= 8;
  }
  for(; i>iLow && z[i-1]!='\n'; i--){}
  return i;
}

static void layout_init(KindLayout *p, const char *z, size_t n){
  size_t i, iMark, iLow;
  uint64_t aFirst[2];
  const char *zHeadNl = 0;
  p->iHeadEnd = 0;
  if( n>0 ) zHeadNl = memchr(z, '\n', n<KIND_HEAD_MAX ? n : KIND_HEAD_MAX);
  if( zHeadNl ){
    i = (size_t)(zHeadNl - z);
    if( i>0 && has_text_after(z, n, i+1) ) p->iHeadEnd = i;
  }
  p->iLeadEnd = p->iHeadEnd + KIND_LEAD_BYTES;
  if( p->iLeadEnd>n ) p->iLeadEnd = n;

  /* The tail: the paragraph holding the byte at 6/7 of the text, if it
  ** starts in the second half. */
  p->iTailStart = n;
  if( n==0 ) return;
  iMark = n - n/7;
  iLow = n/2;
  if( iMark>KIND_TAIL_SEARCH && iMark-KIND_TAIL_SEARCH>iLow ){
    iLow = iMark-KIND_TAIL_SEARCH;
  }
  i = line_start_before(z, iLow, iMark);
  if( i>iLow && i>p->iHeadEnd ){
    p->iTailStart = i;
  }else if( n>=KIND_TAIL_MIN_TEXT ){
    p->iTailStart = iMark;
  }

  /* An earlier tail: the first line after the first third (in the last
  ** KIND_TAIL_SEARCH bytes) that starts a closing section. */
  iLow = n/3;
  if( n>KIND_TAIL_SEARCH && n-KIND_TAIL_SEARCH>iLow ){
    iLow = n-KIND_TAIL_SEARCH;
  }
  i = iLow;
  closing_first_bytes(aFirst);
  while( i<p->iTailStart ){
    const char *zNl = memchr(z+i, '\n', p->iTailStart-i);
    if( zNl==0 ) break;
    i = (size_t)(zNl - z) + 1;
    if( i>p->iHeadEnd && i<p->iTailStart && starts_closing(z, n, i, aFirst) ){
      p->iTailStart = i;
    }
  }
}

static double position_weight(const KindLayout *p, size_t i){
  double f;
  if( i<p->iHeadEnd ) return W_HEADLINE;
  if( i>=p->iTailStart ) return W_TAIL;
  if( i<p->iLeadEnd ) return W_LEAD;
  f = (double)(i - p->iLeadEnd) / (double)(p->iTailStart - p->iLeadEnd);
  return W_BODY_START - (W_BODY_START - W_BODY_END)*f;
}

/* ---- small checks of the text near a mention ---------------------------- */

/* True if z[i] ends a sentence: '\n', or '.', '!', '?' followed by white
** space and then a capital letter, a digit, a quote or a non-ASCII
** character (so "e.g. chemotherapy" and "vs. chemotherapy" go on). */
static int sentence_end(const char *z, size_t n, size_t i){
  size_t k;
  if( (BYTE_CLASS(z[i]) & KIND_STOP)==0 ) return 0;
  if( z[i]=='\n' ) return 1;
  k = i+1;
  if( k>=n || (z[k]!=' ' && z[k]!='\n') ) return 0;
  while( k<n && (z[k]==' ' || z[k]=='\n') ) k++;
  if( k>=n ) return 1;
  return (BYTE_CLASS(z[k]) & KIND_UPPER) || (z[k]>='0' && z[k]<='9')
      || z[k]=='"' || z[k]=='\'' || (unsigned char)z[k]>=0x80;
}

/* True if a sentence ends in z[iFrom..iTo). */
static int has_sentence_end(const char *z, size_t n, size_t iFrom,
                            size_t iTo){
  size_t i;
  for(i=iFrom; i<iTo; i++){
    if( sentence_end(z, n, i) ) return 1;
  }
  return 0;
}

/* True if the word w[0..n) is one of the words azWord[0..nWord). */
static int is_one_of(const char *w, size_t n, const char *const *azWord,
                     int nWord){
  int i;
  for(i=0; i<nWord; i++){
    if( strlen(azWord[i])==n && memcmp(azWord[i], w, n)==0 ) return 1;
  }
  return 0;
}

/* How z[iFrom..iTo), the bytes between two mentions, joins them as items
** of one list: LIST_JOIN with a joining word or a bracket, slash or hyphen
** ("or a", " (", "-based ", ", e.g. "), LIST_COMMA with only commas,
** spaces and filler words (", the antibody "), else LIST_NONE. */
#define LIST_NONE  0
#define LIST_JOIN  1
#define LIST_COMMA 2
static int joins_list(const char *z, size_t iFrom, size_t iTo){
  char w[32];
  size_t i, n;
  int eJoin = LIST_COMMA;
  if( iTo<iFrom || iTo-iFrom>=sizeof(w) ) return LIST_NONE;
  n = iTo - iFrom;
  for(i=0; i<n; i++){
    char c = lower_ascii(z[iFrom+i]);
    if( c==';' || c==':' || sentence_end(z, iTo, iFrom+i) ) return LIST_NONE;
    if( c=='(' || c=='/' || c=='-' ) eJoin = LIST_JOIN;
    w[i] = c;
  }
  for(i=0; i<n; ){
    size_t k = i;
    if( !is_alnum(w[i]) ){ i++; continue; }
    while( k<n && is_alnum(w[k]) ) k++;
    if( is_one_of(w+i, k-i, azListJoin, COUNT(azListJoin)) ){
      eJoin = LIST_JOIN;
    }else if( !is_one_of(w+i, k-i, azListFill, COUNT(azListFill)) ){
      return LIST_NONE;
    }
    i = k;
  }
  return eJoin;
}

/* True if the text z[0..n) starts with zPrefix (lower case) in any case. */
static int starts_with(const char *z, size_t n, const char *zPrefix){
  size_t k, nPrefix = strlen(zPrefix);
  if( nPrefix>n ) return 0;
  for(k=0; k<nPrefix; k++){
    if( lower_ascii(z[k])!=zPrefix[k] ) return 0;
  }
  return 1;
}

/* True if the bytes right before iStart are "T-cell ", "T cell ",
** "T-lymphocyte " and the like (a gene therapy of T cells). */
static int after_t_cell(const char *z, size_t iStart){
  static const char *const azT[] = {
    "t-cell ", "t cell ", "t-cell-", "t-cells ", "t cells ",
    "t-lymphocyte ", "t lymphocyte ", "t-lymphocyte-",
  };
  int i;
  for(i=0; i<COUNT(azT); i++){
    size_t nT = strlen(azT[i]);
    size_t k;
    if( iStart<nT ) continue;
    for(k=0; k<nT && lower_ascii(z[iStart-nT+k])==azT[i][k]; k++){}
    if( k<nT ) continue;
    if( z[iStart-nT]!='T' ) continue;
    if( iStart>nT && is_alnum(z[iStart-nT-1]) ) continue;
    return 1;
  }
  return 0;
}

/* True if the mention's kind counts little near conditioning cues. */
static int is_support_kind(int iKind, int iTermType){
  if( iKind==TH_KIND_CHEMOTHERAPY || iKind==TH_KIND_RADIOTHERAPY ) return 1;
  if( iTermType!=TH_KIND_TERM_DRUG ) return 0;
  return iKind==TH_KIND_ANTIBODY || iKind==TH_KIND_SMALL_MOLECULE
      || iKind==TH_KIND_IMMUNOGLOBULIN;
}

/* ---- scoring ------------------------------------------------------------ */

#define KIND_NONE ((size_t)-1)

/* The state of one pass over the mentions of a text. */
typedef struct KindPass {
  const char *z;                 /* the text */
  size_t n;                      /* its length in bytes */
  KindLayout layout;             /* headline, lead and tail */
  const CueIndex *pIdx;          /* all cue tables */
  CueScan scan;                  /* cues found near mentions */
  size_t iPrevStart, iPrevEnd;   /* span of the previous mention */
  int iPrevKind;                 /* its kind as given */
  int bPrevCompared;             /* it was a comparator */
  size_t aCompareEnd[TH_N_KIND]; /* end of the last comparator of a kind */
  double fGenePool;              /* generic gene therapy and vector weight */
  double fCellPool;              /* generic cell therapy weight */
} KindPass;

static void pass_init(KindPass *p, const char *z, size_t n){
  int i;
  p->z = z;
  p->n = n;
  layout_init(&p->layout, z, n);
  p->pIdx = cue_index_get();
  p->scan.iDone = 0;
  p->scan.nHit = 0;
  p->iPrevStart = KIND_NONE;
  p->iPrevEnd = 0;
  p->iPrevKind = -1;
  p->bPrevCompared = 0;
  for(i=0; i<TH_N_KIND; i++) p->aCompareEnd[i] = KIND_NONE;
  p->fGenePool = 0.0;
  p->fCellPool = 0.0;
}

/* What the cues near one mention say about it. */
typedef struct MentionCues {
  int bCompared;            /* a comparison cue applies */
  int bSupport;             /* a conditioning or care cue is near */
  int bAdvert;              /* an advert cue is near */
} MentionCues;

/* Reads the cues near the mention z[iStart..iEnd).  iLimit: the end of the
** previous mention (comparison cues before the mention must come after
** it); iNext: the start of the next mention (cues after the mention must
** end before it). */
static void read_cues(KindPass *p, size_t iStart, size_t iEnd, size_t iLimit,
                      size_t iNext, MentionCues *pOut){
  const char *z = p->z;
  size_t n = p->n;
  size_t iFrom = iStart>KIND_WINDOW ? iStart-KIND_WINDOW : 0;
  size_t iTo = iEnd+KIND_WINDOW>n ? n : iEnd+KIND_WINDOW;
  size_t k, nKeep;

  memset(pOut, 0, sizeof(*pOut));
  cue_scan_to(&p->scan, p->pIdx, z, n, iFrom, iTo);
  nKeep = p->scan.nHit<KIND_HITS ? p->scan.nHit : KIND_HITS;
  for(k=0; k<nKeep; k++){
    const CueHit *pHit = &p->scan.aHit[(p->scan.nHit-1-k) % KIND_HITS];
    const KindCue *pCue = p->pIdx->apCue[pHit->iCue];
    int iTable = p->pIdx->aTable[pHit->iCue];
    size_t a = pHit->iStart, b = pHit->iEnd;
    if( b<=iFrom ) break;                /* older hits are further back */
    if( a<iFrom || a>=iTo ) continue;
    switch( iTable ){
      case CUE_BEFORE:
        if( b<=iStart && a>=iLimit && iStart-b<=pCue->nMaxGap
         && !has_sentence_end(z, n, b, iStart) ){
          pOut->bCompared = 1;
        }
        break;
      case CUE_AFTER:
        if( a>=iEnd && a-iEnd<=pCue->nMaxGap && b<=iNext
         && !has_sentence_end(z, n, iEnd, a) ){
          pOut->bCompared = 1;
        }
        break;
      case CUE_SUPPORT:
        if( b<=iStart ){
          if( memchr(z+b, '\n', iStart-b) ) break;
        }else if( a>=iEnd ){
          if( memchr(z+iEnd, '\n', a-iEnd) ) break;
        }
        pOut->bSupport = 1;
        break;
      default:
        pOut->bAdvert = 1;
        break;
    }
  }
}

/* Adds the mention aMention[i] to the scores. */
static void score_mention(KindPass *p, const ThKindMention *aMention,
                          int nMention, int i, ThKindScore *aScore){
  const ThKindMention *pM = &aMention[i];
  const char *z = p->z;
  size_t n = p->n;
  int iKind = pM->iKind;
  size_t iStart = pM->iStart, iEnd, iNext = n, iLimit, iCarry;
  MentionCues cues;
  double w;

  if( iKind<0 || iKind>=TH_N_KIND || iStart>=n ) return;
  iEnd = (pM->nLen > n-iStart) ? n : iStart + pM->nLen;
  if( iStart==p->iPrevStart && iKind==p->iPrevKind ) return;
  if( i+1<nMention && aMention[i+1].iStart>=iEnd
   && aMention[i+1].iStart<n ){
    iNext = aMention[i+1].iStart;
  }
  iLimit = iStart>=p->iPrevEnd ? p->iPrevEnd : 0;

  /* "T-cell gene therapy" is a CAR-T cell therapy */
  if( iKind==TH_KIND_GENE_THERAPY && pM->iTermType==TH_KIND_TERM_MODALITY
   && after_t_cell(z, iStart) ){
    iKind = TH_KIND_CAR_T;
  }

  w = term_type_weight(pM->iTermType) * position_weight(&p->layout, iStart);
  read_cues(p, iStart, iEnd, iLimit, iNext, &cues);

  /* a comparator joined to the previous one as items of a list, or a
  ** later mention of a compared kind in the same sentence */
  if( !cues.bCompared && p->iPrevStart!=KIND_NONE && p->bPrevCompared
   && iStart>=p->iPrevEnd ){
    int eJoin = joins_list(z, p->iPrevEnd, iStart);
    if( eJoin==LIST_JOIN
     || (eJoin==LIST_COMMA && iNext<n && joins_list(z, iEnd, iNext)) ){
      cues.bCompared = 1;
    }
  }
  iCarry = p->aCompareEnd[iKind];
  if( !cues.bCompared && iCarry!=KIND_NONE && iCarry<=iStart
   && iStart-iCarry<=KIND_CARRY && !has_sentence_end(z, n, iCarry, iStart) ){
    cues.bCompared = 1;
  }

  if( cues.bCompared ){
    w *= W_COMPARED;
    p->aCompareEnd[iKind] = iEnd;
  }
  if( cues.bSupport && is_support_kind(iKind, pM->iTermType) ){
    w *= W_SUPPORT;
  }
  if( cues.bAdvert ) w = 0.0;

  /* generic mentions that a more specific kind may take over */
  if( iKind==TH_KIND_GENE_THERAPY
   && (pM->iTermType==TH_KIND_TERM_VECTOR
       || (pM->iTermType==TH_KIND_TERM_MODALITY
           && starts_with(z+iStart, iEnd-iStart, "gene"))) ){
    p->fGenePool += w;
  }
  if( iKind==TH_KIND_CELL_THERAPY && pM->iTermType==TH_KIND_TERM_MODALITY
   && (starts_with(z+iStart, iEnd-iStart, "cell")
       || starts_with(z+iStart, iEnd-iStart, "adoptive")) ){
    p->fCellPool += w;
  }

  if( aScore[iKind].nMention==0 || (aScore[iKind].score==0.0 && w>0.0) ){
    aScore[iKind].iFirst = iStart;
    aScore[iKind].nFirst = iEnd - iStart;
  }
  aScore[iKind].score += w;
  aScore[iKind].nMention++;

  p->iPrevStart = iStart;
  p->iPrevEnd = iEnd;
  p->iPrevKind = pM->iKind;
  p->bPrevCompared = cues.bCompared;
}

/* Moves the share fShare of the weight fPool from kind iFrom to kind iTo. */
static void move_score(ThKindScore *aScore, int iFrom, int iTo, double fPool,
                       double fShare){
  double f = fPool*fShare;
  if( f>aScore[iFrom].score ) f = aScore[iFrom].score;
  aScore[iFrom].score -= f;
  aScore[iTo].score += f;
}

/* Of the kinds aKind[0..nKind), the one with the highest score. */
static int strongest(const ThKindScore *aScore, const int *aKind, int nKind){
  int i, iBest = aKind[0];
  for(i=1; i<nKind; i++){
    if( aScore[aKind[i]].score>aScore[iBest].score ) iBest = aKind[i];
  }
  return iBest;
}

int th_kind_score(const char *z, size_t n, const ThKindMention *aMention,
                  int nMention, ThKindScore *aScore){
  static const int aOverGene[] = { TH_KIND_CAR_T, TH_KIND_GENE_EDITING };
  static const int aOverCell[] = {
    TH_KIND_CAR_T, TH_KIND_GENE_THERAPY, TH_KIND_GENE_EDITING
  };
  KindPass pass;
  int i, iTo;

  if( aScore==0 ) return SQLITE_MISUSE;
  memset(aScore, 0, sizeof(ThKindScore)*TH_N_KIND);
  if( z==0 ) n = 0;
  if( aMention==0 || n==0 ) nMention = 0;
  pass_init(&pass, z, n);
  for(i=0; i<nMention; i++){
    score_mention(&pass, aMention, nMention, i, aScore);
  }

  /* more specific kinds take over generic mentions */
  iTo = strongest(aScore, aOverGene, COUNT(aOverGene));
  if( pass.fGenePool>0.0 && aScore[iTo].score>0.0
   && aScore[iTo].score>=aScore[TH_KIND_GENE_THERAPY].score ){
    move_score(aScore, TH_KIND_GENE_THERAPY, iTo, pass.fGenePool, SHARE_GENE);
  }
  iTo = strongest(aScore, aOverCell, COUNT(aOverCell));
  if( pass.fCellPool>0.0 && aScore[iTo].score>0.0
   && aScore[iTo].score>=0.5*aScore[TH_KIND_CELL_THERAPY].score ){
    move_score(aScore, TH_KIND_CELL_THERAPY, iTo, pass.fCellPool, SHARE_CELL);
  }
  return SQLITE_OK;
}

int th_kind_main(const ThKindScore *aScore){
  int i, iBest = -1;
  if( aScore==0 ) return -1;
  for(i=0; i<TH_N_KIND; i++){
    if( aScore[i].score<KIND_MIN_MAIN ) continue;
    if( iBest<0 || aScore[i].score>aScore[iBest].score
     || (aScore[i].score==aScore[iBest].score
         && aScore[i].iFirst<aScore[iBest].iFirst) ){
      iBest = i;
    }
  }
  return iBest;
}
