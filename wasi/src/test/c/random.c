/*
 * random: random_get fills buffers of several sizes with bytes that differ between calls.
 * WASI: random_get (also through getentropy).
 * Prints properties only: exit status 0.
 */
#include <unistd.h>
#include "common.h"

static int all_zero(const uint8_t *b, size_t n) {
    for (size_t i = 0; i < n; i++) {
        if (b[i]) {
            return 0;
        }
    }
    return 1;
}

int main(void) {
    uint8_t a[64] = {0}, b[64] = {0};
    report("random_get 64 bytes", __wasi_random_get(a, sizeof a));
    report("random_get 64 more bytes", __wasi_random_get(b, sizeof b));
    property("the buffers differ", memcmp(a, b, sizeof a) != 0);
    property("the first is not all zero", !all_zero(a, sizeof a));
    report("random_get 0 bytes", __wasi_random_get(a, 0));

    /* a large request: every byte value should turn up */
    static uint8_t big[65536];
    report("random_get 64 KiB", __wasi_random_get(big, sizeof big));
    int seen[256] = {0}, distinct = 0;
    for (size_t i = 0; i < sizeof big; i++) {
        distinct += !seen[big[i]]++;
    }
    property("all 256 byte values occur in 64 KiB", distinct == 256);

    /* bytes after the requested length are left alone */
    uint8_t c[16];
    memset(c, 0xAB, sizeof c);
    report("random_get 8 of 16 bytes", __wasi_random_get(c, 8));
    property("the other 8 bytes are untouched", c[8] == 0xAB && c[15] == 0xAB);

    uint8_t d[32] = {0};
    printf("getentropy: %d\n", getentropy(d, sizeof d));
    property("getentropy filled the buffer", !all_zero(d, sizeof d));
    return 0;
}
