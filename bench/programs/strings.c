/* memcpy/memset-heavy string work: builds text by copying words into a buffer (memcpy),
 * clears and pads buffers (memset), measures (strlen), compares (memcmp) and reverses runs of
 * it, the way string-building C code spends its time in the C library's mem* routines. */
#include "bench.h"
#include <string.h>

#define BUFFER (1 << 16)

static char text[BUFFER];
static char scratch[BUFFER];

static const char *const words[] = {
  "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india",
  "juliett", "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo",
  "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu",
};

#define WORDS (sizeof words / sizeof words[0])

/* appends a line of words separated by spaces; returns the new length */
static size_t build_line(char *out, size_t length, uint32_t *seed, int count) {
  for (int i = 0; i < count; i++) {
    const char *w = words[xorshift32(seed) % WORDS];
    size_t len = strlen(w);
    memcpy(out + length, w, len);
    length += len;
    out[length++] = i + 1 < count ? ' ' : '\n';
  }
  out[length] = 0;
  return length;
}

uint32_t run(uint32_t n) {
  uint32_t seed = 314159265u, hash = FOLD_INIT;
  for (uint32_t round = 0; round < n; round++) {
    memset(text, 0, sizeof text);
    size_t length = 0;
    while (length < BUFFER - 512) length = build_line(text, length, &seed, 8 + round % 8);
    /* copy the text in blocks of varying size, padding each block's end with dots */
    size_t copied = 0;
    while (copied < length) {
      size_t block = 64 + xorshift32(&seed) % 1024;
      if (block > length - copied) block = length - copied;
      memcpy(scratch + copied, text + copied, block);
      copied += block;
    }
    memset(scratch + length, '.', BUFFER - length - 1);
    scratch[BUFFER - 1] = 0;
    /* the copy equals the original; count the lines and fold their lengths */
    hash = fold(hash, (uint32_t)memcmp(scratch, text, length));
    const char *line = text;
    uint32_t lines = 0;
    while (*line) {
      const char *end = memchr(line, '\n', length - (size_t)(line - text));
      size_t len = (size_t)(end - line) + 1;
      lines++;
      hash = fold(hash, (uint32_t)len);
      line += len;
    }
    /* move the text within its buffer (overlapping) and check it moved */
    memmove(text + 7, text, length);
    hash = fold(hash, lines);
    hash = fold(hash, (uint32_t)strlen(scratch));
    hash = fold(hash, (uint32_t)(unsigned char)text[7 + length / 2]);
  }
  return hash;
}
