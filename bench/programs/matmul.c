/* Matrix multiply: C = A x B for n x n matrices of doubles (n <= MAX), the naive triple loop in
 * i-k-j order (row-major streaming through B and C, as a C programmer writes it). */
#include "bench.h"

#define MAX 256

static double a[MAX * MAX], b[MAX * MAX], c[MAX * MAX];

uint32_t run(uint32_t n) {
  if (n > MAX) n = MAX;
  uint32_t seed = 12345;
  for (uint32_t i = 0; i < n * n; i++) {
    a[i] = (double)(xorshift32(&seed) % 1000) / 100.0 - 5.0;
    b[i] = (double)(xorshift32(&seed) % 1000) / 100.0 - 5.0;
    c[i] = 0;
  }
  for (uint32_t i = 0; i < n; i++) {
    double *ci = &c[i * n];
    for (uint32_t k = 0; k < n; k++) {
      double aik = a[i * n + k];
      const double *bk = &b[k * n];
      for (uint32_t j = 0; j < n; j++) ci[j] += aik * bk[j];
    }
  }
  uint32_t hash = FOLD_INIT;
  for (uint32_t i = 0; i < n * n; i += 7) {
    union { double d; uint64_t bits; } u = {c[i]};
    hash = fold(hash, (uint32_t)(u.bits ^ (u.bits >> 32)));
  }
  return hash;
}
