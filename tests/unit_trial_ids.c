/*
** unit_trial_ids.c -- unit tests of trial_ids.c: every registry format in
** its printed forms, with its canonical id and registry, and the numbers
** that must not be taken for ids.
*/
#include <string.h>
#include "therapy_int.h"
#include "trial_ids.h"
#include "unit.h"

/* The registry ids of z as "norm@registry" joined by " | " into zOut. */
static void ids_of(const char *z, char *zOut, size_t nOut){
  ThIdScan s;
  ThId id;
  size_t nUsed = 0;
  zOut[0] = 0;
  th_id_scan_init(&s, z, strlen(z));
  while( th_id_scan_next(&s, &id) ){
    ThBuf b;
    const char *zReg = th_id_registry(&id);
    if( id.eId!=TH_ID_REGISTRY ) continue;
    th_buf_init(&b);
    th_id_norm(&id, z, &b);
    if( nUsed + b.n + strlen(zReg) + 8 < nOut ){
      if( nUsed ){ memcpy(zOut+nUsed, " | ", 3); nUsed += 3; }
      memcpy(zOut+nUsed, b.z, b.n); nUsed += b.n;
      zOut[nUsed++] = '@';
      memcpy(zOut+nUsed, zReg, strlen(zReg)); nUsed += strlen(zReg);
      zOut[nUsed] = 0;
    }
    th_buf_free(&b);
  }
}

/* One id per registry, as printed, each to its canonical form. */
static void test_every_registry(void){
  static const struct { const char *zText, *zWant; } aCase[] = {
    { "NCT 01234567", "NCT01234567@ClinicalTrials.gov" },
    { "NCT#02345678", "NCT02345678@ClinicalTrials.gov" },
    { "nct03456789", "NCT03456789@ClinicalTrials.gov" },
    { "NCT: 04567890", "NCT04567890@ClinicalTrials.gov" },
    { "ISRCTN 12345678", "ISRCTN12345678@ISRCTN" },
    { "ACTRN12620000123456", "ACTRN12620000123456@ANZCTR" },
    { "ChiCTR2000012345", "ChiCTR2000012345@ChiCTR" },
    { "ChiCTR-OPC-17012345", "ChiCTR-OPC-17012345@ChiCTR" },
    { "KCT0001234", "KCT0001234@CRiS" },
    { "CTRI/2021/03/031234", "CTRI/2021/03/031234@CTRI" },
    { "DRKS00012345", "DRKS00012345@DRKS" },
    { "IRCT20150303021315N17", "IRCT20150303021315N17@IRCT" },
    { "JapicCTI-173567", "JapicCTI-173567@JapicCTI" },
    { "JapicCTI 173567", "JapicCTI-173567@JapicCTI" },
    { "JMA-IIA00123", "JMA-IIA00123@JMACCT" },
    { "jRCT2033200123", "jRCT2033200123@jRCT" },
    { "jRCTs031180001", "jRCTs031180001@jRCT" },
    { "LBCTR2019020184", "LBCTR2019020184@LBCTR" },
    { "NTR1234", "NTR1234@NTR" },
    { "NL7891", "NL7891@NTR" },
    { "NL-OMON21231", "NL-OMON21231@OMON" },
    { "PACTR201905123456789", "PACTR201905123456789@PACTR" },
    { "RBR-7xhd8x", "RBR-7xhd8x@ReBec" },
    { "PER-123-19", "PER-123-19@REPEC" },
    { "RPCEC00000123", "RPCEC00000123@RPCEC" },
    { "SLCTR/2019/012", "SLCTR/2019/012@SLCTR" },
    { "TCTR20190123001", "TCTR20190123001@TCTR" },
    { "UMIN000023456", "UMIN000023456@UMIN-CTR" },
    { "registration number UMIN:000012345.", "UMIN000012345@UMIN-CTR" },
    { "UTN U1111-1234-5678", "U1111-1234-5678@UTN" },
    { "EudraCT 2012-003456-78", "2012-003456-78@EudraCT" },
    { "EudraCT number 2019-001234-56-DE", "2019-001234-56@EudraCT" },
    { "EUCTR2018-004512-37-GB", "2018-004512-37@EudraCT" },
    { "EU CT number 2023-501234-12-00", "2023-501234-12-00@CTIS" },
  };
  char z[512];
  size_t i;
  for(i=0; i<sizeof(aCase)/sizeof(aCase[0]); i++){
    ids_of(aCase[i].zText, z, sizeof(z));
    CHECK_STR(z, aCase[i].zWant);
  }
}

/* Numbers shaped like ids that are not trial ids. */
static void test_not_ids(void){
  static const char *const azText[] = {
    "Funded by grant R01 HL012345 and award AI012345.",
    "Call 1-800-555-0199 or +44 20 7946 0958.",
    "Published 2019-04-17; doi:10.1056/NEJMoa1234567.",
    "GenBank NM_000206.3 and GEO GSE123456; UniProt P31785.",
    "about 1 in 50,000 births, or 2 per 1,000 births",
    "NCT00000000 is a placeholder; so is ISRCTN00000000.",
    "per-123-19 PER-12-19 RBR-0000000 U1111-123-4567",
    "The 2019-001234-56 figures were revised.",
    "NCT012345678 and NCT0123456 have the wrong length.",
    "SLCTR/2019/12 and TCTR2019012300 are short.",
  };
  char z[512];
  size_t i;
  for(i=0; i<sizeof(azText)/sizeof(azText[0]); i++){
    ids_of(azText[i], z, sizeof(z));
    CHECK_STR(z, "");
  }
}

/* Every format has a registry name; the registries the issue lists. */
static void test_registry_names(void){
  static const char *const azWant[] = {
    "ClinicalTrials.gov", "ISRCTN", "ANZCTR", "ChiCTR", "CRiS", "CTRI",
    "DRKS", "IRCT", "JapicCTI", "JMACCT", "jRCT", "LBCTR", "NTR", "PACTR",
    "ReBec", "REPEC", "RPCEC", "SLCTR", "TCTR", "UMIN-CTR", "UTN",
    "EudraCT", "CTIS",
  };
  size_t i;
  int k, n = th_registry_count();
  for(k=0; k<n; k++) CHECK(th_registry_name(k)!=0 && th_registry_name(k)[0]);
  CHECK(th_registry_name(n)==0);
  for(i=0; i<sizeof(azWant)/sizeof(azWant[0]); i++){
    int bFound = 0;
    for(k=0; k<n; k++) bFound |= strcmp(th_registry_name(k), azWant[i])==0;
    CHECK(bFound);
  }
}

void unit_trial_ids(void){
  test_every_registry();
  test_not_ids();
  test_registry_names();
}
