/* Recursive calls: the doubly recursive Fibonacci function (a call-heavy kernel, few locals). */
#include "bench.h"

static uint32_t fib(uint32_t n) {
  return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

/* fib(n), plus fib of the next smaller arguments down to n-3, so the call tree is not a constant */
uint32_t run(uint32_t n) {
  uint32_t hash = FOLD_INIT;
  for (uint32_t k = 0; k < 4 && k <= n; k++) hash = fold(hash, fib(n - k));
  return hash;
}
