/* Shared by every benchmark program: the kernel's signature and a few helpers.
 *
 * Each program defines `uint32_t run(uint32_t n)`: it does an amount of work that grows with n
 * and returns a checksum of its results. The kernel needs no imports (no WASI, no host calls),
 * so any WebAssembly engine can call it; it starts from the same state on every call, so repeated
 * calls in one instance return the same checksum. */
#ifndef BENCH_H
#define BENCH_H

#include <stddef.h>
#include <stdint.h>

#if defined(__wasm__)
#define KERNEL __attribute__((export_name("run")))
#else
#define KERNEL
#endif

/* xorshift32: a deterministic pseudo-random sequence, the same on every target */
static inline uint32_t xorshift32(uint32_t *state) {
  uint32_t x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  return *state = x;
}

/* FNV-1a step, to fold values into a checksum */
static inline uint32_t fold(uint32_t hash, uint32_t value) {
  for (int i = 0; i < 4; i++) {
    hash ^= (value >> (8 * i)) & 0xff;
    hash *= 16777619u;
  }
  return hash;
}

#define FOLD_INIT 2166136261u

KERNEL uint32_t run(uint32_t n);

#endif
