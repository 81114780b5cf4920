/* unit_numbers.c -- placeholder for the unit tests of numbers. */
#include "unit.h"

void unit_numbers(void){
}
