/* A memory-heavy loop: the sieve of Eratosthenes over a byte array, counting the primes below n,
 * then below n - n/8 (the array is cleared again between the two). */
#include "bench.h"

#define MAX (1 << 22)

static uint8_t composite[MAX];

static uint32_t count_primes(uint32_t limit) {
  for (uint32_t i = 0; i < limit; i++) composite[i] = 0;
  uint32_t count = 0;
  for (uint32_t i = 2; i < limit; i++) {
    if (composite[i]) continue;
    count++;
    for (uint32_t j = i + i; j < limit; j += i) composite[j] = 1;
  }
  return count;
}

uint32_t run(uint32_t n) {
  if (n > MAX) n = MAX;
  uint32_t hash = fold(FOLD_INIT, count_primes(n));
  return fold(hash, count_primes(n - n / 8));
}
