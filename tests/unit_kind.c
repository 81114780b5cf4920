/* unit_kind.c -- the kind names and the scoring of the main therapy kind of
** a text (kind.c), with the real built-in lexicon: two short articles per
** kind, the hard cases of issue 4 (comparators, conditioning, adverts,
** headline, tail, spun text, spellings) and a 5 MB text. */

#include <stdlib.h>
#include <time.h>
#include "therapy_int.h"
#include "lexmatch.h"
#include "kind.h"
#include "unit.h"

extern const char *const th_data_lexicon[];

/* ---- helpers ------------------------------------------------------------ */

/* Mentions collected from a lexicon scan. */
typedef struct Mentions {
  const ThLexicon *pLex;
  ThKindMention *a;
  int n, nAlloc;
} Mentions;

static int add_mention(void *pCtx, int iLex, int iTerm, size_t iStart,
                       size_t nLen){
  Mentions *p = (Mentions*)pCtx;
  const ThLexTerm *pTerm = th_lexicon_term(p->pLex, iTerm);
  ThKindMention m;
  (void)iLex;
  if( pTerm==0 ) return SQLITE_OK;
  if( !th_kind_mention_make(pTerm->zType, pTerm->zKind, iStart, nLen, &m) ){
    return SQLITE_OK;
  }
  if( p->n>=p->nAlloc ){
    int nNew = p->nAlloc ? 2*p->nAlloc : 64;
    ThKindMention *aNew = sqlite3_realloc64(p->a, sizeof(m)*(size_t)nNew);
    if( aNew==0 ) return SQLITE_NOMEM;
    p->a = aNew;
    p->nAlloc = nNew;
  }
  p->a[p->n++] = m;
  return SQLITE_OK;
}

/* Scans (z, n) with pLex and scores it into aScore.  Returns the number of
** mentions, or -1 on error. */
static int score_text(const ThLexicon *pLex, const char *z, size_t n,
                      ThKindScore *aScore){
  Mentions m;
  int rc, nMention;
  memset(&m, 0, sizeof(m));
  m.pLex = pLex;
  rc = th_lexicon_scan(&pLex, 1, z, n, add_mention, &m);
  if( rc==SQLITE_OK ) rc = th_kind_score(z, n, m.a, m.n, aScore);
  nMention = m.n;
  sqlite3_free(m.a);
  return rc==SQLITE_OK ? nMention : -1;
}

/* The name of the main kind of zText, "none" for -1, "error" on error. */
static const char *main_kind(const ThLexicon *pLex, const char *zText){
  ThKindScore aScore[TH_N_KIND];
  int iKind;
  if( score_text(pLex, zText, strlen(zText), aScore)<0 ) return "error";
  iKind = th_kind_main(aScore);
  return iKind<0 ? "none" : th_kind_name(iKind);
}

/* ---- two articles per kind ---------------------------------------------- */

static const char *const azGeneTherapy[] = {
  "One-time gene therapy lets toddlers with SMA sit and walk\n"
  "Children with spinal muscular atrophy type 1 who received a single "
  "infusion of onasemnogene abeparvovec before six months of age were "
  "sitting without support at 18 months, investigators reported on "
  "Tuesday. The treatment uses an AAV9 vector to deliver a working copy "
  "of the SMN1 gene to motor neurons.\n"
  "All 14 infants in the study survived without permanent ventilation. "
  "Liver enzymes rose in several children and were controlled with "
  "prednisolone.\n"
  "The team will follow the children for 15 years to see whether the "
  "effect lasts.",

  "Lentiviral gene therapy halts brain disease in boys with CALD\n"
  "Boys with early cerebral adrenoleukodystrophy kept their motor and "
  "speech function two years after doctors returned their own blood stem "
  "cells carrying a functional ABCD1 gene. The cells were modified with a "
  "lentiviral vector in a laboratory in Massachusetts.\n"
  "Of 32 boys treated, 28 were alive and free of major functional "
  "disabilities at 24 months. Two developed a blood cancer later, which "
  "regulators are studying.\n"
  "Families say the gene therapy gave their sons a chance that few had "
  "a decade ago.",
};

static const char *const azCarT[] = {
  "CAR-T cell therapy brings lasting remissions in large B-cell lymphoma\n"
  "Five years after a single infusion of tisagenlecleucel, a third of "
  "adults with relapsed diffuse large B-cell lymphoma remain in remission, "
  "according to long-term data presented in San Diego. The CAR T cells "
  "target CD19 on the surface of malignant B cells.\n"
  "Cytokine release syndrome occurred in most patients but was rarely "
  "severe. Researchers now want to test the CAR-T product earlier in the "
  "course of the disease.",

  "Carvykti approved for earlier use in multiple myeloma\n"
  "Regulators have widened the label of ciltacabtagene autoleucel, a "
  "BCMA-directed CAR-T therapy, to patients who have had one earlier "
  "line of treatment. In the trial that led to the decision, the "
  "chimeric antigen receptor T cells cut the risk of progression or "
  "death by 74 per cent.\n"
  "Manufacturing each dose takes about four weeks, and some patients "
  "need a short course of bridging treatment while they wait.",
};

static const char *const azCellTherapy[] = {
  "Tumour-infiltrating lymphocyte therapy shrinks advanced melanoma\n"
  "Surgeons removed a piece of tumour from each patient, and a laboratory "
  "grew billions of the immune cells found inside it before they were "
  "infused back. The TIL therapy, sold as Amtagvi, produced responses in "
  "31 per cent of patients whose melanoma had progressed.\n"
  "The cell therapy is made separately for every patient, a process "
  "that takes around 22 days.",

  "Islet cell transplants free some diabetics from insulin injections\n"
  "Adults with type 1 diabetes and frequent severe hypoglycaemia received "
  "islet cells from deceased donors, infused into a vein of the liver. "
  "A year after islet transplantation, 21 of 30 no longer needed insulin.\n"
  "Lantidra is the first cellular therapy of this kind to reach the "
  "market. Patients must take drugs that suppress the immune system for "
  "as long as the islets work.",
};

static const char *const azGeneEditing[] = {
  "CRISPR treatment ends pain crises for sickle cell patients\n"
  "Casgevy, the first medicine made with CRISPR gene editing, stopped "
  "severe pain crises for at least a year in 29 of 31 patients with "
  "sickle cell disease. Doctors collect a patient's blood stem cells and "
  "edit the BCL11A enhancer so that the cells make fetal haemoglobin.\n"
  "Before the edited cells are returned, patients receive busulfan "
  "conditioning to make room in the bone marrow, and stay in hospital "
  "for about a month.",

  "In vivo gene editing lowers toxic protein in ATTR amyloidosis\n"
  "A single infusion of NTLA-2001, which carries CRISPR-Cas9 instructions "
  "to the liver in lipid nanoparticles, cut levels of transthyretin by "
  "about 90 per cent in patients with cardiomyopathy. The genome editing "
  "takes place inside the body, with no cells removed.\n"
  "The effect has lasted for two years so far. Larger trials are now "
  "measuring hospital admissions and deaths.",
};

static const char *const azTransplant[] = {
  "Half-matched transplants widen access for sickle cell patients\n"
  "Adults with sickle cell disease who lack a fully matched sibling can "
  "safely receive a haploidentical bone marrow transplant from a parent "
  "or child, a multicentre study found. Two years later, 88 per cent "
  "were alive and free of sickle cell disease.\n"
  "Graft failure occurred in three patients. Doctors say the bone marrow "
  "transplant should be discussed with every adult who has severe "
  "complications.",

  "Cord blood transplants as good as adult donors for leukaemia\n"
  "Children with acute leukaemia who received umbilical cord blood "
  "transplantation fared as well as those whose stem cells came from "
  "unrelated adult volunteers, according to registry data. Relapse rates "
  "were lower after cord blood transplants, although infections were "
  "more common early on.\n"
  "Public cord blood banks store units that can be shipped within days.",
};

static const char *const azRna[] = {
  "Antisense drug keeps children with SMA breathing on their own\n"
  "Infants given nusinersen, an antisense oligonucleotide injected into "
  "the spinal fluid, were more likely to survive without permanent "
  "ventilation than untreated infants. The drug changes how the SMN2 gene "
  "is spliced so that it makes more working protein.\n"
  "Spinraza is given four times in the first two months and then every "
  "four months for life.",

  "Twice-yearly siRNA injection cuts LDL cholesterol by half\n"
  "Inclisiran, a small interfering RNA that silences PCSK9 in the liver, "
  "lowered LDL cholesterol by about 50 per cent in people already taking "
  "the highest dose of statins they could tolerate. Because the RNAi "
  "therapy works for months, nurses can give it at routine visits.\n"
  "Leqvio is now offered to thousands of patients in England.",
};

static const char *const azAntibody[] = {
  "Bispecific antibody works where other myeloma drugs failed\n"
  "Teclistamab, a bispecific antibody that binds BCMA on myeloma cells and "
  "CD3 on T cells, produced responses in 63 per cent of heavily treated "
  "patients. The monoclonal antibody is injected under the skin once a "
  "week and is available off the shelf.\n"
  "Infections were the main safety concern in the trial.",

  "Checkpoint inhibitor before surgery improves melanoma survival\n"
  "Giving pembrolizumab before and after surgery kept more patients with "
  "stage III melanoma free of relapse than giving it only after surgery. "
  "The immune checkpoint inhibitor blocks PD-1, releasing a brake on the "
  "immune system.\n"
  "Keytruda was given as three doses before the operation.",
};

static const char *const azChemo[] = {
  "Shorter chemotherapy works as well for children with leukaemia\n"
  "Children with standard-risk acute lymphoblastic leukaemia did as well "
  "with a shorter course of maintenance chemotherapy as with the usual "
  "three years, a British trial found. The maintenance phase combines "
  "daily mercaptopurine tablets with weekly methotrexate.\n"
  "Cutting a year of chemo spares families many clinic visits and "
  "reduces side effects such as infections.",

  "Intensive chemotherapy helps older patients with AML\n"
  "Fit patients over 70 with acute myeloid leukaemia lived longer when "
  "they were given induction chemotherapy with cytarabine and daunorubicin "
  "rather than low-intensity drugs, a registry study reports. Early "
  "deaths were less common than doctors had feared.\n"
  "The authors say age alone should not rule out intensive chemotherapy.",
};

static const char *const azRadio[] = {
  "Proton therapy spares children's brains from radiation damage\n"
  "Children treated with proton beam therapy for medulloblastoma scored "
  "higher on memory tests five years later than children who received "
  "conventional photons. Protons deposit most of their energy in the "
  "tumour and little beyond it.\n"
  "Two NHS centres now offer proton therapy.",

  "Short course of radiotherapy as good as long one for lung cancer\n"
  "Stereotactic body radiotherapy given in three sessions controlled "
  "early lung cancer as well as radiotherapy spread over six weeks in "
  "patients unfit for surgery. The precise beams target the tumour from "
  "many angles.\n"
  "Patients needed fewer hospital visits and reported less fatigue.",
};

static const char *const azImmunoglobulin[] = {
  "Immunoglobulin at home improves life for boys with XLA\n"
  "Boys with X-linked agammaglobulinaemia who switched from hospital "
  "infusions to subcutaneous immunoglobulin at home missed fewer school "
  "days and had no more infections, a survey found. Parents learn to give "
  "the weekly infusions in two training sessions.\n"
  "Hizentra and similar products are made from the plasma of thousands "
  "of donors.",

  "IVIG shortage worries neurologists\n"
  "Hospitals are rationing intravenous immunoglobulin as demand outpaces "
  "plasma donations. Patients with chronic inflammatory demyelinating "
  "polyneuropathy depend on regular immunoglobulin infusions to keep "
  "walking.\n"
  "Doctors have been asked to review every patient and lower doses where "
  "they can.",
};

static const char *const azEnzyme[] = {
  "Enzyme replacement therapy from birth changes outlook in Pompe disease\n"
  "Babies with infantile-onset Pompe disease who started enzyme replacement "
  "therapy within two weeks of birth walked on time and did not need "
  "breathing support. Alglucosidase alfa replaces the missing enzyme that "
  "breaks down glycogen in muscle.\n"
  "Newborn screening for Pompe disease is now being considered.",

  "Fabry patients switch enzyme therapy without losing kidney function\n"
  "People with Fabry disease who switched from agalsidase alfa to "
  "agalsidase beta kept stable kidney function over three years. The "
  "enzyme replacement is infused every two weeks, often at home.\n"
  "Fabrazyme supplies were short a decade ago, which forced many patients "
  "to change doses.",
};

static const char *const azVaccine[] = {
  "Personalised mRNA cancer vaccine cuts melanoma relapse\n"
  "Patients whose melanoma had been removed were less likely to relapse "
  "when a personalised cancer vaccine was added to their usual care. Each "
  "vaccine encodes up to 34 mutations found in the patient's own tumour.\n"
  "Vaccination began within weeks of surgery, and fatigue and chills "
  "were the most common side effects.",

  "RSV vaccination protects older adults through two seasons\n"
  "A single dose of an RSV vaccine prevented more than 80 per cent of "
  "lower respiratory tract illness in adults over 60 during the first "
  "winter, and protection held in the second. The immunization programme "
  "for people aged 75 started in September.\n"
  "GPs and pharmacies are offering the vaccine alongside the flu jab.",
};

static const char *const azSmallMolecule[] = {
  "BTK inhibitor keeps CLL in check for years\n"
  "Ibrutinib taken by mouth each day kept chronic lymphocytic leukaemia "
  "under control for a median of more than eight years in previously "
  "untreated patients. The tyrosine kinase inhibitor blocks a signal B "
  "cells need to survive.\n"
  "Atrial fibrillation and bleeding were the most common reasons for "
  "stopping the drug.",

  "Oral splicing modifier helps adults with SMA\n"
  "Risdiplam, a small molecule taken as a daily liquid, improved or "
  "stabilised motor function in teenagers and adults with spinal "
  "muscular atrophy type 2 or 3. Because it is swallowed, the drug avoids "
  "repeated lumbar punctures.\n"
  "Evrysdi is now available as a tablet.",
};

static void check_kind_pair(const ThLexicon *pLex,
                            const char *const *azText, const char *zKind){
  CHECK_STR(main_kind(pLex, azText[0]), zKind);
  CHECK_STR(main_kind(pLex, azText[1]), zKind);
}

/* ---- hard cases --------------------------------------------------------- */

/* CAR-T compared with chemotherapy and a transplant. */
static const char zCarTVersus[] =
  "Second-line CAR-T beats standard care in aggressive lymphoma\n"
  "Axicabtagene ciloleucel doubled the time patients lived without their "
  "lymphoma worsening, compared with salvage chemotherapy followed by an "
  "autologous stem cell transplant. The trial enrolled 359 adults whose "
  "disease had returned within a year of first-line chemoimmunotherapy "
  "with R-CHOP.\n"
  "In the standard-care group, patients received platinum-based "
  "chemotherapy, and only those whose cancer responded went on to high-dose "
  "chemotherapy and a stem cell transplant. Just 36 per cent got that far.\n"
  "Before the infusion, patients in the CAR-T group had lymphodepleting "
  "chemotherapy with fludarabine and cyclophosphamide.\n"
  "Unlike a transplant, the engineered cells are given once.";

/* Engineered T cells without the acronym. */
static const char zRedirected[] =
  "Redirected T cells clear leukaemia in children\n"
  "Doctors in Philadelphia took T cells from children with relapsed acute "
  "lymphoblastic leukaemia and gave them a receptor that recognises CD19. "
  "The redirected T cells multiplied in the children's blood and cleared "
  "the leukaemia in 27 of 30.\n"
  "Most children had already relapsed after chemotherapy, and some after a "
  "bone marrow transplant.";

static const char zLupus[] =
  "Genetically modified T cells put lupus into drug-free remission\n"
  "Five patients with severe systemic lupus erythematosus received their "
  "own genetically modified T cells, which seek out and destroy B cells. "
  "All five stopped their medicines and remained in remission a year "
  "later.\n"
  "The patients had previously been treated with hydroxychloroquine, "
  "mycophenolate and rituximab without lasting success. The approach "
  "resets the immune system rather than suppressing it.";

static const char zTCellGeneTherapy[] =
  "T-cell gene therapy targets solid tumours\n"
  "A biotech company in London has begun testing a T-cell gene therapy in "
  "patients with mesothelioma. The patients' own immune cells are fitted "
  "with a receptor that recognises mesothelin.\n"
  "The first three patients tolerated the infusion well.";

static const char zLentiBusulfan[] =
  "Gene therapy frees thalassaemia patients from transfusions\n"
  "Patients with transfusion-dependent beta thalassaemia stopped needing "
  "regular blood transfusions after a one-time gene therapy with their "
  "own stem cells, corrected with a lentiviral vector carrying a working "
  "HBB gene. Betibeglogene autotemcel was given to 22 patients.\n"
  "Before the infusion, patients received busulfan to make room in the "
  "bone marrow, and chemotherapy side effects such as hair loss and "
  "mouth sores were common.\n"
  "Patients stayed in hospital for about six weeks after the treatment.";

static const char zHaemophilia[] =
  "Gene therapy for haemophilia B lasts for years\n"
  "Men with haemophilia B who received a single infusion of etranacogene "
  "dezaparvovec, an AAV5 gene therapy, produced their own factor IX for "
  "at least three years. Bleeding rates fell by 64 per cent compared with "
  "factor prophylaxis before treatment.\n"
  "Most of the men had injected factor IX concentrate several times a "
  "week. Some doctors say emicizumab, a weekly antibody injection for "
  "haemophilia A, has already made life easier for many patients, and "
  "that gene therapy must prove it lasts.";

static const char zBaseEditing[] =
  "Base editing tested in sickle cell disease\n"
  "The first patients have received blood stem cells altered with a base "
  "editor that switches on fetal haemoglobin. Unlike CRISPR-Cas9, base "
  "editing changes single letters without cutting both strands of DNA.\n"
  "As in other treatments of this kind, patients first receive busulfan "
  "conditioning before the edited cells are infused.\n"
  "Early results show fetal haemoglobin levels above 60 per cent.";

static const char zTransplantFuture[] =
  "Stem cell transplant cures sickle cell in adults\n"
  "A stem cell transplant from a matched sibling cured sickle cell disease "
  "in 26 of 29 adults in a trial at several American hospitals. Patients "
  "received a mild conditioning regimen with low-dose radiation and "
  "alemtuzumab before the transplant.\n"
  "None of the patients developed severe graft-versus-host disease, and "
  "most stopped immune-suppressing drugs within a year of their "
  "haematopoietic stem cell transplantation.\n"
  "For patients without a donor, gene therapy could one day offer "
  "another route to a cure.";

static const char zSponsoredVaccine[] =
  "RNA drug lowers Lp(a) in heart patients\n"
  "An experimental small interfering RNA cut lipoprotein(a) levels by "
  "more than 95 per cent in people with heart disease. The siRNA is "
  "injected every few months.\n"
  "A larger trial will test whether the RNA therapy prevents heart "
  "attacks.\n"
  "Sponsored\n"
  "Stay protected this winter. Book your flu vaccine at your local "
  "pharmacy. Vaccines available for adults and children.\n"
  "Learn more";

static const char zExplainer[] =
  "What is gene editing? A guide to new treatments\n"
  "Medicine now has several ways to treat disease at its genetic root. "
  "Gene therapy adds a working gene. CAR-T cell therapy arms immune cells. "
  "RNA therapy silences a faulty message. Gene editing rewrites the DNA "
  "itself.\n"
  "Each approach has different risks and costs.";

static const char zSpun[] =
  "New gene remedy offers hope to haemophilia sufferers\n"
  "Sufferers of the bleeding disorder could soon be offered a one-off "
  "gene remedy that lets the liver make the missing clotting protein, "
  "scientists say. The genetic remedy is delivered by a harmless virus.\n"
  "Sufferers currently need injections several times a week.";

static const char zNoTherapy[] =
  "Hospital opens new car park\n"
  "A new multi-storey car park with 600 spaces has opened at the "
  "district hospital, ending years of complaints from patients and "
  "visitors. Parking is free for the first 30 minutes.\n"
  "The trust says the old surface car park will become a garden.";

static const char zBritish[] =
  "Haematopoietic stem cell transplantation for severe multiple sclerosis\n"
  "Patients with aggressive relapsing multiple sclerosis who received "
  "autologous haematopoietic stem cell transplantation had fewer relapses "
  "than those given the best available drugs.";

static const char zAmerican[] =
  "Hematopoietic stem cell transplantation for severe multiple sclerosis\n"
  "Patients with aggressive relapsing multiple sclerosis who received "
  "autologous hematopoietic stem cell transplantation had fewer relapses "
  "than those given the best available drugs.";

static const char zImmunisation[] =
  "Tumour vaccine and immunisation against cancer\n"
  "A tumour vaccine trained the immune system of patients with "
  "glioblastoma.";

static const char zImmunization[] =
  "Tumor vaccine and immunization against cancer\n"
  "A tumor vaccine trained the immune system of patients with "
  "glioblastoma.";

static const char zLentiCarT[] =
  "CAR-T cells made in a day\n"
  "A hospital in Germany has produced CAR-T cells in 24 hours instead of "
  "the usual three weeks. The T cells are transduced with a lentiviral "
  "vector carrying the CAR and infused the next day, without expansion. "
  "The lentiviral vector is the most expensive part of production.\n"
  "Early patients with lymphoma responded as well as to standard CAR T "
  "cells.";

static const char zNoDonor[] =
  "Gene therapy for children with ADA-SCID\n"
  "Children with adenosine deaminase deficiency who lack a matched donor "
  "for a stem cell transplant received their own corrected blood stem "
  "cells in a gene therapy trial in London and Los Angeles. All 50 "
  "children survived, and 48 no longer needed enzyme injections.\n"
  "Previously, children without a matched donor for a bone marrow "
  "transplant faced a risky half-matched transplant.";

/* A CAR-T approval called a gene therapy in the headline. */
static const char zCarTHeadlineGene[] =
  "First gene therapy for childhood leukaemia approved\n"
  "Regulators have approved tisagenlecleucel, a CAR-T cell therapy made "
  "from each patient's own immune cells, for children and young adults "
  "with B-cell acute lymphoblastic leukaemia that has relapsed. The T "
  "cells are modified with a lentiviral vector to recognise CD19.\n"
  "In the main trial, 83 per cent of patients were in remission three "
  "months after the infusion.";

/* A transplant in the headline, as the thing gene therapy may replace. */
static const char zReplaceTransplant[] =
  "Gene therapy could replace bone marrow transplants for sickle cell\n"
  "A one-time gene therapy may spare people with sickle cell disease the "
  "need for a bone marrow transplant from a donor, researchers reported. "
  "Patients' own stem cells were modified with a lentiviral vector and "
  "returned after conditioning with busulfan.\n"
  "Only about one in five patients has a matched sibling donor for a "
  "transplant.";

static const char zAdcVersusChemo[] =
  "Antibody-drug conjugate outperforms chemotherapy in breast cancer\n"
  "Trastuzumab deruxtecan, an antibody-drug conjugate, more than doubled "
  "the time before the disease worsened compared with the doctor's choice "
  "of chemotherapy in women with HER2-low metastatic breast cancer. Lung "
  "inflammation was a serious side effect in some patients.\n"
  "The drug is now a standard option after one round of chemotherapy.";

static const char zConditioningTransplant[] =
  "Gentler conditioning makes transplants safer for older patients\n"
  "Patients over 60 with acute myeloid leukaemia who received "
  "reduced-intensity conditioning before an allogeneic stem cell "
  "transplant were less likely to die of complications than those given "
  "myeloablative conditioning, a European registry study found.\n"
  "Relapse rates were similar. The authors say more older patients "
  "should be offered an allogeneic transplant.";

/* An advert line in the middle of the text. */
static const char zAdvertMiddle[] =
  "Base editing corrects faulty gene in baby with rare liver disease\n"
  "Doctors used a personalised base editor, delivered to the liver in "
  "lipid nanoparticles, to correct the mutation that caused a baby's "
  "CPS1 deficiency. The treatment was designed and made in six months.\n"
  "ADVERTISEMENT\n"
  "Get your flu vaccine today at your nearest pharmacy.\n"
  "The baby is now growing well, his doctors said.";

static const char zSpunCarT[] =
  "CAR-T remedy helps lymphoma sufferers live longer\n"
  "Sufferers of large B-cell lymphoma who obtained the CAR-T remedy as a "
  "substitute of chemotherapy lived longer, a scientific trial "
  "discovered. The remedy makes use of sufferers' personal immune cells.\n"
  "Facet results included fever and confusion.";

static const char zPreviouslyTreated[] =
  "SMA gene therapy works best when given early\n"
  "Babies who received onasemnogene abeparvovec before symptoms appeared "
  "reached motor milestones on time, while those treated later caught up "
  "only partly. Some had previously been treated with nusinersen or "
  "risdiplam.\n"
  "Doctors say newborn screening is key, because the AAV gene therapy "
  "cannot restore neurons that are already lost.";

/* A press release whose "About" section describes the company's other
** programmes. */
static const char zPressRelease[] =
  "Nordwind Bio reports first results in multiple myeloma\n"
  "Nordwind Bio said on Monday that 11 of 12 patients with relapsed "
  "multiple myeloma responded to its BCMA-directed CAR-T cell therapy in "
  "an early trial. Eight had no detectable disease after six months.\n"
  "The company plans to start a larger study next year at 20 hospitals in "
  "Europe and the United States, and expects to report further data at a "
  "medical meeting in December. Shares rose 14 per cent.\n"
  "About Nordwind Bio\n"
  "Nordwind Bio is a clinical-stage company developing gene therapy for "
  "rare diseases of the liver and muscle. Its gene therapy platform uses "
  "engineered capsids, and its first gene therapy entered trials in 2022. "
  "The company also develops RNA therapy for heart disease.\n"
  "Forward-looking statements\n"
  "This press release contains forward-looking statements that are "
  "subject to risks and uncertainties. Actual results may differ "
  "materially from those expressed or implied by such statements.";

/* A "Read more" link to another article inside the text. */
static const char zReadMore[] =
  "Nurses trained to give immunoglobulin at home\n"
  "A new programme teaches nurses to give subcutaneous immunoglobulin to "
  "patients with primary immunodeficiency in their own homes. The first "
  "200 patients have joined, and hospital visits have fallen by half.\n"
  "Read more: Gene therapy trial for ADA-SCID opens in Leeds\n"
  "Patients said the weekly immunoglobulin infusions now fit around work.";

/* The score of kind iKind in zText. */
static double kind_score_of(const ThLexicon *pLex, const char *zText,
                            int iKind){
  ThKindScore aScore[TH_N_KIND];
  if( score_text(pLex, zText, strlen(zText), aScore)<0 ) return -1.0;
  return aScore[iKind].score;
}

/* Each rule on its own: the same mention weighs less as a comparator,
** near conditioning, in the tail, and nothing in an advert. */
static void check_rules(const ThLexicon *pLex){
  ThKindScore aScore[TH_N_KIND];
  const char *zT;
  double fPlain, f;

  fPlain = kind_score_of(pLex,
      "Patients then received chemotherapy at the clinic.",
      TH_KIND_CHEMOTHERAPY);
  CHECK(fPlain>1.9 && fPlain<2.1);
  f = kind_score_of(pLex,
      "Patients did better compared with chemotherapy at the clinic.",
      TH_KIND_CHEMOTHERAPY);
  CHECK(f>0.0 && f<fPlain/3);
  f = kind_score_of(pLex,
      "Patients then received chemotherapy to make room for the new cells.",
      TH_KIND_CHEMOTHERAPY);
  CHECK(f>0.0 && f<fPlain/3);
  f = kind_score_of(pLex,
      "Patients then received chemotherapy at the clinic. Learn more",
      TH_KIND_CHEMOTHERAPY);
  CHECK(f==0.0);
  /* a cue in another sentence does not count */
  f = kind_score_of(pLex,
      "It was compared with nothing. Patients then received chemotherapy.",
      TH_KIND_CHEMOTHERAPY);
  CHECK(f>1.9);
  /* a cue after the mention */
  f = kind_score_of(pLex,
      "Patients whose chemotherapy had failed were enrolled.",
      TH_KIND_CHEMOTHERAPY);
  CHECK(f>0.0 && f<fPlain/3);
  /* list items after a comparator are comparators too */
  zT = "Better than chemotherapy or a bone marrow transplant, the gene "
       "therapy worked.";
  score_text(pLex, zT, strlen(zT), aScore);
  CHECK(aScore[TH_KIND_STEM_CELL_TRANSPLANT].score<1.0);
  CHECK(aScore[TH_KIND_GENE_THERAPY].score>1.9);
  /* "than" must be close to the mention */
  f = kind_score_of(pLex,
      "More than a hundred patients have now received gene therapy.",
      TH_KIND_GENE_THERAPY);
  CHECK(f>1.9);
  /* headline counts more than the lead */
  f = kind_score_of(pLex, "New vaccine\nThe trial began.", TH_KIND_VACCINE);
  CHECK(f>2.9);
  /* the T-cell rule */
  zT = "T-cell gene therapy for mesothelioma";
  score_text(pLex, zT, strlen(zT), aScore);
  CHECK_INT(aScore[TH_KIND_CAR_T].nMention, 1);
  CHECK_INT(aScore[TH_KIND_GENE_THERAPY].nMention, 0);
  /* bytes that are not UTF-8, NUL bytes and no mentions: no crash */
  score_text(pLex, "\xff\xfe gene therapy \xc3", 17, aScore);
  CHECK_INT(aScore[TH_KIND_GENE_THERAPY].nMention, 1);
  score_text(pLex, "vaccine\0vaccine", 15, aScore);
  CHECK_INT(aScore[TH_KIND_VACCINE].nMention, 2);
}

/* A long text about the council with one passing mention at its end. */
static char *long_text_with_tail(size_t *pn){
  static const char zPara[] =
    "The council approved the budget for next year after a long debate "
    "about parking charges, library hours and the repair of roads.\n";
  static const char zTail[] =
    "A local charity also held a fun run for chemotherapy patients.";
  size_t nPara = sizeof(zPara)-1, nTail = sizeof(zTail)-1, n = 0;
  int i;
  char *z = sqlite3_malloc64(nPara*40 + nTail + 1);
  if( z==0 ) return 0;
  for(i=0; i<40; i++){ memcpy(z+n, zPara, nPara); n += nPara; }
  memcpy(z+n, zTail, nTail); n += nTail;
  z[n] = 0;
  *pn = n;
  return z;
}

/* ---- the big text: 5 MB of articles ------------------------------------- */

static void check_big_text(const ThLexicon *pLex){
  size_t nArticle = strlen(zCarTVersus) + 1;
  size_t nBig = 5*1024*1024, n = 0;
  char *z = sqlite3_malloc64(nBig + nArticle + 1);
  ThKindScore aScore[TH_N_KIND];
  Mentions m;
  clock_t t0, t1;
  int rc, k, nRep = 20;
  double fSec;
  if( z==0 ){ CHECK(0); return; }
  while( n<nBig ){
    memcpy(z+n, zCarTVersus, nArticle-1);
    n += nArticle-1;
    z[n++] = '\n';
  }
  z[n] = 0;
  memset(&m, 0, sizeof(m));
  m.pLex = pLex;
  rc = th_lexicon_scan(&pLex, 1, z, n, add_mention, &m);
  CHECK_INT(rc, SQLITE_OK);
  CHECK(m.n>10000);
  t0 = clock();
  for(k=0; k<nRep; k++){
    rc = th_kind_score(z, n, m.a, m.n, aScore);
  }
  t1 = clock();
  CHECK_INT(rc, SQLITE_OK);
  CHECK_STR(th_kind_name(th_kind_main(aScore)), "car_t");
  fSec = (double)(t1-t0)/CLOCKS_PER_SEC;
  CHECK(fSec < 10.0);
  if( getenv("UNIT_KIND_SPEED") ){
    printf("th_kind_score: %d mentions in %.1f MB, %.0f MB/s\n", m.n,
           n/1e6, fSec>0 ? nRep*(n/1e6)/fSec : 0.0);
  }
  sqlite3_free(m.a);
  sqlite3_free(z);
}

/* ---- scores, names and mentions ----------------------------------------- */

static void check_scores(const ThLexicon *pLex){
  ThKindScore aScore[TH_N_KIND];
  ThKindMention m;
  const char *z = zCarTVersus;
  const char *zFirst;
  int i, nMention;

  /* the compared kinds count, but less than the subject */
  nMention = score_text(pLex, z, strlen(z), aScore);
  CHECK(nMention>=12);
  CHECK(aScore[TH_KIND_CAR_T].score > 2*aScore[TH_KIND_CHEMOTHERAPY].score);
  CHECK(aScore[TH_KIND_CHEMOTHERAPY].nMention>=5);
  CHECK(aScore[TH_KIND_STEM_CELL_TRANSPLANT].nMention>=2);
  CHECK(aScore[TH_KIND_STEM_CELL_TRANSPLANT].score*4
        < aScore[TH_KIND_CAR_T].score);
  CHECK_INT(aScore[TH_KIND_VACCINE].nMention, 0);
  CHECK(aScore[TH_KIND_VACCINE].score==0.0);
  /* first evidence of car_t: "CAR-T" in the headline */
  zFirst = z + aScore[TH_KIND_CAR_T].iFirst;
  CHECK_INT(aScore[TH_KIND_CAR_T].iFirst, 12);
  CHECK(strncmp(zFirst, "CAR-T", aScore[TH_KIND_CAR_T].nFirst)==0);

  /* the advert adds nothing, but its mentions are counted */
  score_text(pLex, zSponsoredVaccine, strlen(zSponsoredVaccine), aScore);
  CHECK(aScore[TH_KIND_VACCINE].nMention>=2);
  CHECK(aScore[TH_KIND_VACCINE].score==0.0);

  /* the mention helper */
  CHECK_INT(th_kind_mention_make("product", "car_t", 5, 7, &m), 1);
  CHECK_INT(m.iKind, TH_KIND_CAR_T);
  CHECK_INT(m.iTermType, TH_KIND_TERM_PRODUCT);
  CHECK_INT((int)m.iStart, 5);
  CHECK_INT((int)m.nLen, 7);
  CHECK_INT(th_kind_mention_make("gene", "", 0, 3, &m), 0);
  CHECK_INT(th_kind_mention_make("gene", 0, 0, 3, &m), 0);
  CHECK_INT(th_kind_mention_make("drug", "no_such_kind", 0, 3, &m), 0);
  CHECK_INT(th_kind_term_type("modality"), 0);
  CHECK_INT(th_kind_term_type("drug"), 2);
  CHECK_INT(th_kind_term_type("vector"), 3);
  CHECK_INT(th_kind_term_type("cell_type"), 4);
  CHECK_INT(th_kind_term_type(0), 4);

  /* degenerate input: no crash, no kind */
  CHECK_INT(th_kind_score(0, 0, 0, 0, aScore), SQLITE_OK);
  CHECK_INT(th_kind_main(aScore), -1);
  CHECK_INT(th_kind_score("", 0, 0, 5, aScore), SQLITE_OK);
  CHECK_INT(th_kind_main(aScore), -1);
  CHECK_INT(th_kind_score("x", 1, 0, 0, 0), SQLITE_MISUSE);
  CHECK_INT(th_kind_main(0), -1);
  {
    /* mentions out of range or outside the text are skipped */
    ThKindMention aBad[3] = {
      { TH_N_KIND, 0, 4, 0 }, { -1, 0, 4, 0 }, { TH_KIND_VACCINE, 50, 9, 0 }
    };
    CHECK_INT(th_kind_score("vaccine", 7, aBad, 3, aScore), SQLITE_OK);
    for(i=0; i<TH_N_KIND && aScore[i].nMention==0; i++){}
    CHECK_INT(i, TH_N_KIND);
  }
  {
    /* a mention running past the end is cut at the end */
    ThKindMention aOne[1] = { { TH_KIND_VACCINE, 0, 1000, 0 } };
    CHECK_INT(th_kind_score("vaccine", 7, aOne, 1, aScore), SQLITE_OK);
    CHECK_INT((int)aScore[TH_KIND_VACCINE].nFirst, 7);
    CHECK_INT(th_kind_main(aScore), TH_KIND_VACCINE);
  }
}

static void check_names(void){
  int i;
  for(i=0; i<TH_N_KIND; i++){
    const char *zName = th_kind_name(i);
    CHECK(zName!=0);
    CHECK_INT(th_kind_from_name(zName, strlen(zName)), i);
  }
  CHECK_STR(th_kind_name(TH_KIND_GENE_THERAPY), "gene_therapy");
  CHECK_STR(th_kind_name(TH_KIND_SMALL_MOLECULE), "small_molecule");
  CHECK(th_kind_name(-1)==0);
  CHECK(th_kind_name(TH_N_KIND)==0);
  CHECK_INT(th_kind_from_name("CAR-T", 5), TH_KIND_CAR_T);
  CHECK_INT(th_kind_from_name("gene therapy", 12), TH_KIND_GENE_THERAPY);
  CHECK_INT(th_kind_from_name("gene_therap", 11), -1);
  CHECK_INT(th_kind_from_name("vaccines", 8), -1);
  CHECK_INT(th_kind_from_name("", 0), -1);
  CHECK_INT(th_kind_from_name(0, 3), -1);
  CHECK_INT(th_kind_from_name("vaccine_x", 7), TH_KIND_VACCINE);
}

void unit_kind(void){
  ThLexicon *pLex = 0;
  int iBad = -1;
  char *zLong;
  size_t nLong = 0;

  check_names();
  if( th_lexicon_new(&pLex)!=SQLITE_OK ){ CHECK(0); return; }
  CHECK_INT(th_lexicon_add_tsv(pLex, th_data_lexicon, &iBad), SQLITE_OK);

  check_kind_pair(pLex, azGeneTherapy, "gene_therapy");
  check_kind_pair(pLex, azCarT, "car_t");
  check_kind_pair(pLex, azCellTherapy, "cell_therapy");
  check_kind_pair(pLex, azGeneEditing, "gene_editing");
  check_kind_pair(pLex, azTransplant, "stem_cell_transplant");
  check_kind_pair(pLex, azRna, "rna_therapy");
  check_kind_pair(pLex, azAntibody, "antibody");
  check_kind_pair(pLex, azChemo, "chemotherapy");
  check_kind_pair(pLex, azRadio, "radiotherapy");
  check_kind_pair(pLex, azImmunoglobulin, "immunoglobulin");
  check_kind_pair(pLex, azEnzyme, "enzyme_replacement");
  check_kind_pair(pLex, azVaccine, "vaccine");
  check_kind_pair(pLex, azSmallMolecule, "small_molecule");

  CHECK_STR(main_kind(pLex, zCarTVersus), "car_t");
  CHECK_STR(main_kind(pLex, zRedirected), "car_t");
  CHECK_STR(main_kind(pLex, zLupus), "car_t");
  CHECK_STR(main_kind(pLex, zTCellGeneTherapy), "car_t");
  CHECK_STR(main_kind(pLex, zLentiBusulfan), "gene_therapy");
  CHECK_STR(main_kind(pLex, zHaemophilia), "gene_therapy");
  CHECK_STR(main_kind(pLex, zBaseEditing), "gene_editing");
  CHECK_STR(main_kind(pLex, zTransplantFuture), "stem_cell_transplant");
  CHECK_STR(main_kind(pLex, zSponsoredVaccine), "rna_therapy");
  CHECK_STR(main_kind(pLex, zExplainer), "gene_editing");
  CHECK_STR(main_kind(pLex, zSpun), "gene_therapy");
  CHECK_STR(main_kind(pLex, zNoTherapy), "none");
  CHECK_STR(main_kind(pLex, zBritish), "stem_cell_transplant");
  CHECK_STR(main_kind(pLex, zAmerican), "stem_cell_transplant");
  CHECK_STR(main_kind(pLex, zImmunisation), "vaccine");
  CHECK_STR(main_kind(pLex, zImmunization), "vaccine");
  CHECK_STR(main_kind(pLex, zLentiCarT), "car_t");
  CHECK_STR(main_kind(pLex, zNoDonor), "gene_therapy");
  CHECK_STR(main_kind(pLex, zCarTHeadlineGene), "car_t");
  CHECK_STR(main_kind(pLex, zReplaceTransplant), "gene_therapy");
  CHECK_STR(main_kind(pLex, zAdcVersusChemo), "antibody");
  CHECK_STR(main_kind(pLex, zConditioningTransplant), "stem_cell_transplant");
  CHECK_STR(main_kind(pLex, zAdvertMiddle), "gene_editing");
  CHECK(kind_score_of(pLex, zAdvertMiddle, TH_KIND_VACCINE)==0.0);
  CHECK_STR(main_kind(pLex, zSpunCarT), "car_t");
  CHECK_STR(main_kind(pLex, zPreviouslyTreated), "gene_therapy");
  CHECK(kind_score_of(pLex, zPreviouslyTreated, TH_KIND_RNA_THERAPY) < 1.0);
  CHECK_STR(main_kind(pLex, zPressRelease), "car_t");
  CHECK_STR(main_kind(pLex, zReadMore), "immunoglobulin");
  CHECK(kind_score_of(pLex, zReadMore, TH_KIND_GENE_THERAPY)==0.0);
  check_rules(pLex);

  zLong = long_text_with_tail(&nLong);
  if( zLong ){
    ThKindScore aScore[TH_N_KIND];
    CHECK(score_text(pLex, zLong, nLong, aScore)==1);
    CHECK_INT(aScore[TH_KIND_CHEMOTHERAPY].nMention, 1);
    CHECK_INT(th_kind_main(aScore), -1);
    /* the same sentence as the headline makes it the subject */
    CHECK_STR(main_kind(pLex, "A fun run for chemotherapy patients\n"
                              "The council approved the budget."),
              "chemotherapy");
    sqlite3_free(zLong);
  }

  check_scores(pLex);
  check_big_text(pLex);
  th_lexicon_free(pLex);
}
