/* Native driver for checking a program's checksum: `program N` prints run(N) in hex and the
 * kernel time in milliseconds on stderr. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include "bench.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s N\n", argv[0]);
    return 2;
  }
  uint32_t n = (uint32_t)strtoul(argv[1], 0, 10);
  struct timespec start, end;
  clock_gettime(CLOCK_MONOTONIC, &start);
  uint32_t checksum = run(n);
  clock_gettime(CLOCK_MONOTONIC, &end);
  printf("0x%08x\n", checksum);
  fprintf(stderr, "%.3f ms\n", (end.tv_sec - start.tv_sec) * 1e3 + (end.tv_nsec - start.tv_nsec) / 1e6);
  return 0;
}
