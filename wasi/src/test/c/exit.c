/*
 * exit: the exit status. exit(N) with N = atoi(argv[1]) flushes stdio and calls proc_exit(N);
 * nothing after it runs.
 * WASI: proc_exit, fd_write.
 * Run with arguments "exit" "42": prints two lines, exit status 42.
 */
#include <stdlib.h>
#include "common.h"

int main(int argc, char **argv) {
    int status = argc > 1 ? atoi(argv[1]) : 0;
    printf("exiting with status %d\n", status);
    printf("buffered output is flushed by exit\n");
    exit(status);
    printf("after exit: unreachable\n");
    return 99;
}
