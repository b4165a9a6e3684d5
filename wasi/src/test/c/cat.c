/*
 * cat: copies stdin to stdout through small reads (fd_read with two iovecs of 5 and 7 bytes, so
 * that reads are short and split), then reports the byte and line counts on stderr.
 * WASI: fd_read, fd_write.
 * Run with any stdin: stdout = stdin, stderr = "N bytes, M lines\n", exit status 0. The tests give
 * it cat.in, so cat.out is a copy of cat.in.
 */
#include "common.h"

int main(void) {
    unsigned long bytes = 0, lines = 0;
    for (;;) {
        uint8_t a[5], b[7];
        __wasi_iovec_t iovs[2] = {{a, sizeof a}, {b, sizeof b}};
        __wasi_size_t n;
        __wasi_errno_t e = __wasi_fd_read(0, iovs, 2, &n);
        if (e != __WASI_ERRNO_SUCCESS) {
            fprintf(stderr, "fd_read: %s\n", errname(e));
            return 1;
        }
        if (n == 0) {
            break;
        }
        uint8_t chunk[12];
        memcpy(chunk, a, n < 5 ? n : 5);
        if (n > 5) {
            memcpy(chunk + 5, b, n - 5);
        }
        for (__wasi_size_t i = 0; i < n; i++) {
            lines += chunk[i] == '\n';
        }
        bytes += n;
        __wasi_size_t done = 0;
        while (done < n) {
            __wasi_ciovec_t out = {chunk + done, n - done};
            __wasi_size_t written;
            e = __wasi_fd_write(1, &out, 1, &written);
            if (e != __WASI_ERRNO_SUCCESS) {
                fprintf(stderr, "fd_write: %s\n", errname(e));
                return 1;
            }
            done += written;
        }
    }
    fprintf(stderr, "%lu bytes, %lu lines\n", bytes, lines);
    return 0;
}
