/*
 * hello: arguments, environment and the standard streams through wasi-libc.
 * WASI: args_sizes_get, args_get, environ_sizes_get, environ_get, fd_write (stdout, stderr),
 * fd_fdstat_get (wasi-libc's stdio setup).
 * Run with arguments "hello" "first" "two words" "ünïcödé" and environment GREETING=hi, EMPTY=
 * (in this order); the exit status is 0 (main returns).
 */
#include <stdlib.h>
#include "common.h"

extern char **environ;

int main(int argc, char **argv) {
    printf("hello, world\n");
    printf("argc: %d\n", argc);
    for (int i = 0; i < argc; i++) {
        printf("argv[%d]: \"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));
    }
    int count = 0;
    for (char **e = environ; *e; e++) {
        printf("environ[%d]: \"%s\"\n", count++, *e);
    }
    printf("environ count: %d\n", count);
    const char *greeting = getenv("GREETING");
    printf("GREETING: %s\n", greeting ? greeting : "(unset)");
    const char *empty = getenv("EMPTY");
    printf("EMPTY is set and empty: %s\n", yes(empty && !*empty));
    printf("MISSING is unset: %s\n", yes(getenv("MISSING") == NULL));

    /* The same through the raw calls: sizes include the terminating NULs. */
    __wasi_size_t nargs, argbytes, nenv, envbytes;
    report("args_sizes_get", __wasi_args_sizes_get(&nargs, &argbytes));
    report("environ_sizes_get", __wasi_environ_sizes_get(&nenv, &envbytes));
    printf("args_sizes_get: %u arguments, %u bytes\n", (unsigned) nargs, (unsigned) argbytes);
    printf("environ_sizes_get: %u variables, %u bytes\n", (unsigned) nenv, (unsigned) envbytes);
    char *argbuf = malloc(argbytes);
    char **argptrs = malloc(nargs * sizeof(char *));
    report("args_get", __wasi_args_get((uint8_t **) argptrs, (uint8_t *) argbuf));
    property("args_get pointers into the buffer, NUL-terminated",
             nargs == 0 || (argptrs[0] == argbuf && argbuf[argbytes - 1] == 0));

    fprintf(stderr, "to stderr\n");
    return 0;
}
