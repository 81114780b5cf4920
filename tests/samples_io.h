/*
** samples_io.h -- reading samples/ and making varied copies of its pages,
** for the benchmarks (bench.c, bench_corpus.c).
*/
#ifndef SAMPLES_IO_H
#define SAMPLES_IO_H
#include <stddef.h>

typedef struct Sample { char *z; size_t n; int bHtml; } Sample;

/* Reads the .txt and .html files directly in zDir (at most nMax) into a;
** returns how many.  Free each a[i].z with free(). */
int load_samples(const char *zDir, Sample *a, int nMax);

/* Writes copy i of p into zOut (room for p->n + 1 bytes): digits shifted
** by i and, for text pages, paragraphs rotated by i, so that no two copies
** are the same.  Returns the length written. */
size_t vary_sample(const Sample *p, int i, char *zOut);

#endif
