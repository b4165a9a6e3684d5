/*
 * Shared helpers of the WASI test programs: errno names, result lines, preopen lookup.
 *
 * Every program prints deterministic lines "what: RESULT" so that its whole stdout can be compared
 * with the expected NAME.out next to it. Results are errno names as the WASI specification spells
 * them (SUCCESS, NOENT, NOTCAPABLE, ...), never times or random values: properties are printed as
 * "yes"/"no".
 */
#ifndef WASMJ_TEST_COMMON_H
#define WASMJ_TEST_COMMON_H

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static const char *const ERRNO_NAMES[] = {
    "SUCCESS", "2BIG", "ACCES", "ADDRINUSE", "ADDRNOTAVAIL", "AFNOSUPPORT", "AGAIN", "ALREADY",
    "BADF", "BADMSG", "BUSY", "CANCELED", "CHILD", "CONNABORTED", "CONNREFUSED", "CONNRESET",
    "DEADLK", "DESTADDRREQ", "DOM", "DQUOT", "EXIST", "FAULT", "FBIG", "HOSTUNREACH", "IDRM",
    "ILSEQ", "INPROGRESS", "INTR", "INVAL", "IO", "ISCONN", "ISDIR", "LOOP", "MFILE", "MLINK",
    "MSGSIZE", "MULTIHOP", "NAMETOOLONG", "NETDOWN", "NETRESET", "NETUNREACH", "NFILE", "NOBUFS",
    "NODEV", "NOENT", "NOEXEC", "NOLCK", "NOLINK", "NOMEM", "NOMSG", "NOPROTOOPT", "NOSPC",
    "NOSYS", "NOTCONN", "NOTDIR", "NOTEMPTY", "NOTRECOVERABLE", "NOTSOCK", "NOTSUP", "NOTTY",
    "NXIO", "OVERFLOW", "OWNERDEAD", "PERM", "PIPE", "PROTO", "PROTONOSUPPORT", "PROTOTYPE",
    "RANGE", "ROFS", "SPIPE", "SRCH", "STALE", "TIMEDOUT", "TXTBSY", "XDEV", "NOTCAPABLE",
};

/* The WASI name of an errno (wasi-libc's errno values are WASI's). */
static inline const char *errname(int e) {
    if (e >= 0 && e < (int) (sizeof ERRNO_NAMES / sizeof ERRNO_NAMES[0])) {
        return ERRNO_NAMES[e];
    }
    return "UNKNOWN";
}

/* Prints "what: ERRNO" and passes the errno on. */
static inline int report(const char *what, int e) {
    printf("%s: %s\n", what, errname(e));
    return e;
}

static inline const char *yes(int condition) {
    return condition ? "yes" : "no";
}

/* Prints "what: yes|no". */
static inline void property(const char *what, int condition) {
    printf("%s: %s\n", what, yes(condition));
}

/* The descriptor of the preopened directory named `name`, or -1. */
static inline int preopen_fd(const char *name) {
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t prestat;
        if (__wasi_fd_prestat_get(fd, &prestat) != __WASI_ERRNO_SUCCESS) {
            continue;
        }
        char buf[256];
        size_t len = prestat.u.dir.pr_name_len;
        if (prestat.tag != __WASI_PREOPENTYPE_DIR || len >= sizeof buf
                || __wasi_fd_prestat_dir_name(fd, (uint8_t *) buf, len) != __WASI_ERRNO_SUCCESS) {
            continue;
        }
        buf[len] = 0;
        if (strcmp(buf, name) == 0) {
            return (int) fd;
        }
    }
    return -1;
}

/* The descriptor of the preopened directory `name`; without one, says so and exits with status 1. */
static inline __wasi_fd_t require_preopen(const char *name) {
    int fd = preopen_fd(name);
    if (fd < 0) {
        printf("no %s preopen\n", name);
        exit(1);
    }
    return (__wasi_fd_t) fd;
}

/* The rights a descriptor opened under `dir` may have: the directory's inheriting rights. */
static inline __wasi_rights_t inheriting_rights(__wasi_fd_t dir) {
    __wasi_fdstat_t fdstat;
    if (__wasi_fd_fdstat_get(dir, &fdstat) != __WASI_ERRNO_SUCCESS) {
        return 0;
    }
    return fdstat.fs_rights_inheriting;
}

/* A descriptor number no program opens: what open_at leaves in *fd on failure. */
#define NO_FD ((__wasi_fd_t) 0x7FFFFFF0)

/*
 * Opens `path` under `dir` (following symlinks) with the given flags and every right the directory
 * passes on (as wasi-libc's open() does); the errno, the descriptor in *fd (NO_FD on failure).
 */
static inline __wasi_errno_t open_at(__wasi_fd_t dir, const char *path, __wasi_oflags_t oflags,
                                     __wasi_fdflags_t fdflags, __wasi_fd_t *fd) {
    __wasi_rights_t rights = inheriting_rights(dir);
    __wasi_errno_t e = __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, oflags, rights,
                                        rights, fdflags, fd);
    if (e != __WASI_ERRNO_SUCCESS) {
        *fd = NO_FD;
    }
    return e;
}

/* Writes all of `text` to `fd` with one fd_write; the errno. */
static inline __wasi_errno_t write_text(__wasi_fd_t fd, const char *text) {
    __wasi_ciovec_t iov = {(const uint8_t *) text, strlen(text)};
    __wasi_size_t written;
    return __wasi_fd_write(fd, &iov, 1, &written);
}

#endif
