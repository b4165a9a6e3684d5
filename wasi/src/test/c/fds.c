/*
 * fds: the descriptor table. Preopens "/sandbox" (empty) and "/other" (empty), in this order,
 * so they are descriptors 3 and 4; stdin is any text.
 * WASI: fd_prestat_get, fd_prestat_dir_name, fd_fdstat_get, fd_fdstat_set_flags,
 * fd_fdstat_set_rights, fd_renumber, fd_close, path_open, fd_write, fd_read.
 * Leaves /sandbox/a.txt = "AAAA" and /sandbox/b.txt = "B" plus "more" appended ("Bmore").
 * Exit status 0.
 */
#include <fcntl.h>
#include <unistd.h>
#include "common.h"

static void prestats(void) {
    for (__wasi_fd_t fd = 0; fd < 6; fd++) {
        __wasi_prestat_t prestat;
        __wasi_errno_t e = __wasi_fd_prestat_get(fd, &prestat);
        printf("prestat_get %u: %s", (unsigned) fd, errname(e));
        if (e == 0) {
            char name[64] = {0};
            size_t len = prestat.u.dir.pr_name_len;
            e = __wasi_fd_prestat_dir_name(fd, (uint8_t *) name, len < sizeof name ? len : sizeof name - 1);
            printf(", tag %s, name length %zu, dir_name %s \"%s\"", prestat.tag == __WASI_PREOPENTYPE_DIR ? "dir" : "?", len, errname(e), name);
        }
        printf("\n");
    }
    char name[64];
    report("prestat_dir_name of stdout", __wasi_fd_prestat_dir_name(1, (uint8_t *) name, sizeof name));
}

static void fdstats(void) {
    __wasi_fdstat_t st;
    report("fdstat_get 3", __wasi_fd_fdstat_get(3, &st));
    property("3 is a directory", st.fs_filetype == __WASI_FILETYPE_DIRECTORY);
    property("3 may open paths and read directories",
             (st.fs_rights_base & (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR)) == (__WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR));
    property("3 passes on reading and writing",
             (st.fs_rights_inheriting & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)) == (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE));
    report("fdstat_get 0", __wasi_fd_fdstat_get(0, &st));
    property("stdin may be read", st.fs_rights_base & __WASI_RIGHTS_FD_READ);
    report("fdstat_get 1", __wasi_fd_fdstat_get(1, &st));
    property("stdout may be written", st.fs_rights_base & __WASI_RIGHTS_FD_WRITE);
    report("fdstat_get 5 (not open)", __wasi_fd_fdstat_get(5, &st));
    report("fdstat_get 0x7FFFFFF0", __wasi_fd_fdstat_get(NO_FD, &st));
}

static __wasi_fd_t open_rights(const char *path, __wasi_oflags_t oflags, __wasi_rights_t rights) {
    __wasi_fd_t fd = NO_FD;
    char what[96];
    snprintf(what, sizeof what, "open %s", path);
    report(what, __wasi_path_open(3, 0, path, oflags, rights, 0, 0, &fd));
    return fd;
}

static void rights(void) {
    const __wasi_rights_t RW = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK
        | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS | __WASI_RIGHTS_FD_FILESTAT_GET;
    __wasi_fd_t fd = open_rights("a.txt", __WASI_OFLAGS_CREAT, RW);
    __wasi_fdstat_t st;
    report("fdstat_get", __wasi_fd_fdstat_get(fd, &st));
    property("rights are within those asked for", (st.fs_rights_base & ~RW) == 0);
    property("rights include read and write", (st.fs_rights_base & (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE)) == (__WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE));
    report("write AAAA", write_text(fd, "AAAA"));

    report("set_rights: drop FD_WRITE", __wasi_fd_fdstat_set_rights(fd, RW & ~__WASI_RIGHTS_FD_WRITE, 0));
    report("fdstat_get", __wasi_fd_fdstat_get(fd, &st));
    property("FD_WRITE is gone", !(st.fs_rights_base & __WASI_RIGHTS_FD_WRITE));
    property("FD_READ is still there", st.fs_rights_base & __WASI_RIGHTS_FD_READ);
    report("write without FD_WRITE", write_text(fd, "no"));
    report("set_rights: add FD_WRITE back", __wasi_fd_fdstat_set_rights(fd, RW, 0));
    report("set_rights: drop FD_SEEK and FD_TELL", __wasi_fd_fdstat_set_rights(fd, __WASI_RIGHTS_FD_READ, 0));
    __wasi_filesize_t pos;
    report("seek without FD_SEEK", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    report("tell without FD_TELL", __wasi_fd_tell(fd, &pos));
    uint8_t buf[8];
    __wasi_iovec_t iov = {buf, sizeof buf};
    __wasi_size_t n;
    report("read with FD_READ", __wasi_fd_read(fd, &iov, 1, &n));
    report("close", __wasi_fd_close(fd));

    fd = open_rights("a.txt", 0, __WASI_RIGHTS_FD_WRITE);
    /* POSIX says BADF (not open for reading), the rights model NOTCAPABLE (no FD_READ right):
     * the WASI test suite (path_open_read_write) accepts both */
    __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
    property("read a write-only descriptor: BADF or NOTCAPABLE", e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE);
    report("close", __wasi_fd_close(fd));
    fd = open_rights("a.txt", 0, __WASI_RIGHTS_FD_READ);
    e = write_text(fd, "no");
    property("write a read-only descriptor: BADF or NOTCAPABLE", e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE);
    report("close", __wasi_fd_close(fd));
}

static void flags(void) {
    const __wasi_rights_t RW = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK
        | __WASI_RIGHTS_FD_FDSTAT_SET_FLAGS;
    __wasi_fd_t fd = open_rights("b.txt", __WASI_OFLAGS_CREAT, RW);
    report("write B", write_text(fd, "B"));
    __wasi_filesize_t pos;
    report("seek to 0", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    report("set_flags APPEND", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
    __wasi_fdstat_t st;
    report("fdstat_get", __wasi_fd_fdstat_get(fd, &st));
    property("APPEND is set", st.fs_flags & __WASI_FDFLAGS_APPEND);
    report("write more (appends)", write_text(fd, "more"));
    report("set_flags 0", __wasi_fd_fdstat_set_flags(fd, 0));
    report("fdstat_get", __wasi_fd_fdstat_get(fd, &st));
    property("APPEND is clear", !(st.fs_flags & __WASI_FDFLAGS_APPEND));
    report("close", __wasi_fd_close(fd));
    fd = open_rights("b.txt", 0, __WASI_RIGHTS_FD_READ);
    report("set_flags without the right", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
    report("close", __wasi_fd_close(fd));
    report("set_flags on a closed descriptor", __wasi_fd_fdstat_set_flags(fd, 0));
}

static void renumber(void) {
    __wasi_fd_t a = open_rights("a.txt", 0, __WASI_RIGHTS_FD_READ);
    __wasi_fd_t b = open_rights("b.txt", 0, __WASI_RIGHTS_FD_READ);
    report("renumber a.txt's descriptor to b.txt's", __wasi_fd_renumber(a, b));
    uint8_t buf[16] = {0};
    __wasi_iovec_t iov = {buf, sizeof buf - 1};
    __wasi_size_t n;
    report("read the new number", __wasi_fd_read(b, &iov, 1, &n));
    printf("it reads a.txt: \"%s\"\n", buf);
    report("read the old number", __wasi_fd_read(a, &iov, 1, &n));
    report("close the old number", __wasi_fd_close(a));
    report("renumber to itself", __wasi_fd_renumber(b, b));
    report("renumber a closed descriptor", __wasi_fd_renumber(a, b));
    report("renumber to a closed descriptor", __wasi_fd_renumber(b, NO_FD));
    report("close the new number", __wasi_fd_close(b));
    report("close it again", __wasi_fd_close(b));

    /* a renumbered preopen: /other (4) moves to a fresh number */
    __wasi_fd_t c = open_rights("a.txt", 0, __WASI_RIGHTS_FD_READ);
    report("renumber preopen 4 onto a file's descriptor", __wasi_fd_renumber(4, c));
    __wasi_prestat_t prestat;
    report("prestat_get of the new number", __wasi_fd_prestat_get(c, &prestat));
    report("prestat_get 4", __wasi_fd_prestat_get(4, &prestat));
    report("close the preopen", __wasi_fd_close(c));

    /* libc: dup2 is not in WASI, close is */
    int fd = open("/sandbox/a.txt", O_RDONLY);
    printf("close: %d\n", close(fd));
    printf("close again: %d %s\n", close(fd), errname(errno));
}

static void stdin_read(void) {
    char buf[10] = {0};
    printf("read from stdin: %zd \"%s\"\n", read(0, buf, 9), buf);
    report("close stdin", __wasi_fd_close(0));
    report("fdstat_get of closed stdin", __wasi_fd_fdstat_get(0, &(__wasi_fdstat_t){0}));
}

int main(void) {
    prestats();
    fdstats();
    rights();
    flags();
    renumber();
    stdin_read();
    return 0;
}
