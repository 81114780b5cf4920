/* unit_fold.c -- placeholder for the unit tests of fold. */
#include "unit.h"

void unit_fold(void){
}
