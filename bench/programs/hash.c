/* Integer hashing: an open-addressing hash table (linear probing, power-of-two capacity) keyed
 * by 32-bit integers mixed with murmur3's finalizer: n inserts or updates, then n lookups of
 * present and absent keys. */
#include "bench.h"

#define CAPACITY (1u << 18)

static uint32_t keys[CAPACITY];
static uint32_t values[CAPACITY];
static uint8_t used[CAPACITY];

static uint32_t mix(uint32_t h) {
  h ^= h >> 16;
  h *= 0x85ebca6bu;
  h ^= h >> 13;
  h *= 0xc2b2ae35u;
  h ^= h >> 16;
  return h;
}

static uint32_t *slot_for(uint32_t key, int insert) {
  uint32_t i = mix(key) & (CAPACITY - 1);
  while (used[i]) {
    if (keys[i] == key) return &values[i];
    i = (i + 1) & (CAPACITY - 1);
  }
  if (!insert) return 0;
  used[i] = 1;
  keys[i] = key;
  values[i] = 0;
  return &values[i];
}

uint32_t run(uint32_t n) {
  if (n > CAPACITY / 2) n = CAPACITY / 2;   /* keep the load factor at most 1/2 */
  for (uint32_t i = 0; i < CAPACITY; i++) used[i] = 0;
  uint32_t seed = 2463534242u;
  /* keys drawn from a range of about n values, so some repeat and update their entry */
  for (uint32_t i = 0; i < n; i++) {
    uint32_t key = xorshift32(&seed) % (n + n / 4 + 1);
    *slot_for(key, 1) += i;
  }
  uint32_t hash = FOLD_INIT, found = 0;
  for (uint32_t key = 0; key < n + n / 2; key++) {
    uint32_t *v = slot_for(key, 0);
    if (v) {
      found++;
      hash = fold(hash, *v ^ key);
    }
  }
  return fold(hash, found);
}
