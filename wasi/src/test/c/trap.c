/*
 * trap: writes a line to stdout (unbuffered, straight fd_write) and one to stderr, then executes
 * `unreachable`. The host reports a trap (`wasmj run`: message and backtrace on stderr, exit
 * status 134); the lines written before it are not lost.
 * WASI: fd_write.
 */
#include "common.h"

__attribute__((noinline)) static void fail_here(void) {
    __builtin_trap();
}

int main(void) {
    write_text(1, "before the trap\n");
    write_text(2, "stderr before the trap\n");
    fail_here();
    write_text(1, "after the trap: unreachable\n");
    return 0;
}
