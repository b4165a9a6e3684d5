/*
 * raise: proc_raise (not in wasi-libc's headers any more: imported directly). Signal 0 and a
 * signal whose default action is to be ignored (CHLD) do nothing; a number outside the signal
 * enumeration is INVAL; TERM, whose default action is to terminate, ends the program as an
 * uncaught signal does in POSIX, so nothing after it runs (exit status 128 + 15 = 143, the
 * status a shell reports).
 * WASI: proc_raise, fd_write.
 */
#include "common.h"

__attribute__((import_module("wasi_snapshot_preview1"), import_name("proc_raise")))
int32_t proc_raise(int32_t signal);

enum { SIGNAL_NONE = 0, SIGNAL_TERM = 15, SIGNAL_CHLD = 16 };

int main(void) {
    report("proc_raise 0 (none)", proc_raise(SIGNAL_NONE));
    report("proc_raise CHLD (ignored by default)", proc_raise(SIGNAL_CHLD));
    report("proc_raise 99 (no such signal)", proc_raise(99));
    printf("raising TERM\n");
    fflush(stdout);
    proc_raise(SIGNAL_TERM);
    printf("after TERM: unreachable\n");
    return 0;
}
