/* A memory-heavy loop: the sieve of Eratosthenes over a byte array, repeated. */
#include "bench.h"

#define MAX (1 << 20)

static uint8_t composite[MAX];

uint32_t run(uint32_t n) {
  uint32_t hash = FOLD_INIT;
  for (uint32_t round = 0; round < n; round++) {
    uint32_t limit = MAX - round * 1024;
    for (uint32_t i = 0; i < limit; i++) composite[i] = 0;
    uint32_t count = 0;
    for (uint32_t i = 2; i < limit; i++) {
      if (composite[i]) continue;
      count++;
      for (uint32_t j = i + i; j < limit; j += i) composite[j] = 1;
    }
    hash = fold(hash, count);
  }
  return hash;
}
