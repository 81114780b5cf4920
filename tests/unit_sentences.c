/* unit_sentences.c -- placeholder for the unit tests of sentences. */
#include "unit.h"

void unit_sentences(void){
}
