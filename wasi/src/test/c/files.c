/*
 * files: regular files under the preopened directory "/sandbox" (empty at the start).
 * WASI: path_open (oflags CREAT, DIRECTORY, EXCL, TRUNC; fdflags APPEND, DSYNC, NONBLOCK, RSYNC,
 * SYNC), fd_write, fd_read, fd_pread, fd_pwrite, fd_seek, fd_tell, fd_sync, fd_datasync,
 * fd_advise, fd_allocate, fd_filestat_get, fd_filestat_set_size, fd_filestat_set_times,
 * fd_fdstat_get, fd_close; and the same through wasi-libc's stdio.
 * Leaves in /sandbox: data.txt = "HELLO wor\0\0\0" (12 bytes, mtime 1600000000s),
 * log.txt = "first\nsecond\n", stdio.txt = "line 1\nline 2\n", and sync-*.txt (empty).
 * Exit status 0.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

static __wasi_fd_t dir;

static __wasi_filestat_t stat_fd(__wasi_fd_t fd) {
    __wasi_filestat_t st;
    memset(&st, 0, sizeof st);
    (void) __wasi_fd_filestat_get(fd, &st);
    return st;
}

static void print_contents(const char *what, __wasi_fd_t fd) {
    uint8_t buf[64];
    __wasi_iovec_t iov = {buf, sizeof buf};
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_fd_pread(fd, &iov, 1, 0, &n);
    printf("%s: %s, %u bytes \"", what, errname(e), (unsigned) n);
    for (__wasi_size_t i = 0; i < n; i++) {
        if (buf[i] >= 32 && buf[i] < 127) {
            putchar(buf[i]);
        } else {
            printf("\\x%02x", buf[i]);
        }
    }
    printf("\"\n");
}

static void oflags(void) {
    __wasi_fd_t fd, fd2;
    report("open missing.txt without CREAT", open_at(dir, "missing.txt", 0, 0, &fd));
    report("open data.txt CREAT|EXCL", open_at(dir, "data.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, &fd));
    report("open data.txt CREAT|EXCL again", open_at(dir, "data.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, &fd2));
    report("write \"hello world\\n\"", write_text(fd, "hello world\n"));
    report("close", __wasi_fd_close(fd));

    report("open data.txt CREAT (exists)", open_at(dir, "data.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    printf("size: %llu\n", (unsigned long long) stat_fd(fd).size);
    report("close", __wasi_fd_close(fd));

    report("open data.txt DIRECTORY", open_at(dir, "data.txt", __WASI_OFLAGS_DIRECTORY, 0, &fd));
    /* a directory's rights only: whether FD_WRITE on a directory is dropped or refused varies */
    const __wasi_rights_t dir_rights = __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_FD_FILESTAT_GET;
    report("open . DIRECTORY", __wasi_path_open(dir, 0, ".", __WASI_OFLAGS_DIRECTORY, dir_rights, inheriting_rights(dir), 0, &fd));
    __wasi_fdstat_t fdstat;
    report("fdstat of .", __wasi_fd_fdstat_get(fd, &fdstat));
    property(". is a directory", fdstat.fs_filetype == __WASI_FILETYPE_DIRECTORY);
    report("close .", __wasi_fd_close(fd));

    report("open trunc.txt CREAT", open_at(dir, "trunc.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    report("write 5 bytes", write_text(fd, "12345"));
    report("close", __wasi_fd_close(fd));
    report("open trunc.txt TRUNC", open_at(dir, "trunc.txt", __WASI_OFLAGS_TRUNC, 0, &fd));
    printf("size after TRUNC: %llu\n", (unsigned long long) stat_fd(fd).size);
    report("close", __wasi_fd_close(fd));
    report("unlink trunc.txt", __wasi_path_unlink_file(dir, "trunc.txt"));
}

static void fdflags(void) {
    __wasi_fd_t fd;
    __wasi_fdstat_t fdstat;
    report("open log.txt CREAT APPEND", open_at(dir, "log.txt", __WASI_OFLAGS_CREAT, __WASI_FDFLAGS_APPEND, &fd));
    report("fdstat", __wasi_fd_fdstat_get(fd, &fdstat));
    property("fdstat has APPEND", fdstat.fs_flags & __WASI_FDFLAGS_APPEND);
    report("write first", write_text(fd, "first\n"));
    __wasi_filesize_t pos;
    report("seek to 0", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    report("write second", write_text(fd, "second\n"));
    print_contents("log.txt", fd);
    report("close", __wasi_fd_close(fd));

    static const struct { const char *name, *file; __wasi_fdflags_t flag; } FLAGS[] = {
        {"DSYNC", "sync-d.txt", __WASI_FDFLAGS_DSYNC},
        {"NONBLOCK", "sync-n.txt", __WASI_FDFLAGS_NONBLOCK},
        {"RSYNC", "sync-r.txt", __WASI_FDFLAGS_RSYNC},
        {"SYNC", "sync-s.txt", __WASI_FDFLAGS_SYNC},
    };
    for (size_t i = 0; i < sizeof FLAGS / sizeof FLAGS[0]; i++) {
        char what[64];
        snprintf(what, sizeof what, "open %s CREAT %s", FLAGS[i].file, FLAGS[i].name);
        if (report(what, open_at(dir, FLAGS[i].file, __WASI_OFLAGS_CREAT, FLAGS[i].flag, &fd)) != 0) {
            continue;
        }
        (void) __wasi_fd_fdstat_get(fd, &fdstat);
        printf("fdstat has %s: %s\n", FLAGS[i].name, yes(fdstat.fs_flags & FLAGS[i].flag));
        snprintf(what, sizeof what, "write with %s", FLAGS[i].name);
        report(what, write_text(fd, "x"));
        report("truncate to 0", __wasi_fd_filestat_set_size(fd, 0));
        report("close", __wasi_fd_close(fd));
    }
}

static void io(void) {
    __wasi_fd_t fd;
    __wasi_filesize_t pos = 99;
    report("open data.txt", open_at(dir, "data.txt", 0, 0, &fd));
    report("tell", __wasi_fd_tell(fd, &pos));
    printf("position: %llu\n", (unsigned long long) pos);

    uint8_t a[6], b[32];
    __wasi_iovec_t iovs[2] = {{a, sizeof a}, {b, sizeof b}};
    __wasi_size_t n;
    report("read into 6+32 bytes", __wasi_fd_read(fd, iovs, 2, &n));
    printf("read %u bytes: \"%.6s\" + \"%.*s\"\n", (unsigned) n, a, (int) (n > 6 ? n - 7 : 0), b);
    (void) __wasi_fd_tell(fd, &pos);
    printf("position after read: %llu\n", (unsigned long long) pos);
    report("read at end", __wasi_fd_read(fd, iovs, 2, &n));
    printf("bytes read at end: %u\n", (unsigned) n);

    __wasi_iovec_t piov = {b, 5};
    report("pread 5 at 6", __wasi_fd_pread(fd, &piov, 1, 6, &n));
    printf("pread: \"%.*s\"\n", (int) n, b);
    report("pread beyond the end", __wasi_fd_pread(fd, &piov, 1, 100, &n));
    printf("pread beyond the end bytes: %u\n", (unsigned) n);
    __wasi_ciovec_t wiov = {(const uint8_t *) "HELLO", 5};
    report("pwrite HELLO at 0", __wasi_fd_pwrite(fd, &wiov, 1, 0, &n));
    (void) __wasi_fd_tell(fd, &pos);
    printf("pwrite wrote %u, position unchanged: %s\n", (unsigned) n, yes(pos == 12));
    print_contents("data.txt", fd);

    report("seek END -3", __wasi_fd_seek(fd, -3, __WASI_WHENCE_END, &pos));
    printf("position: %llu\n", (unsigned long long) pos);
    report("seek CUR -2", __wasi_fd_seek(fd, -2, __WASI_WHENCE_CUR, &pos));
    printf("position: %llu\n", (unsigned long long) pos);
    report("seek SET 1", __wasi_fd_seek(fd, 1, __WASI_WHENCE_SET, &pos));
    printf("position: %llu\n", (unsigned long long) pos);
    report("seek CUR -5 (before the start)", __wasi_fd_seek(fd, -5, __WASI_WHENCE_CUR, &pos));
    report("seek whence 7", __wasi_fd_seek(fd, 0, 7, &pos));
    (void) __wasi_fd_tell(fd, &pos);
    printf("position after failed seeks: %llu\n", (unsigned long long) pos);
    report("seek beyond the end (SET 20)", __wasi_fd_seek(fd, 20, __WASI_WHENCE_SET, &pos));
    printf("size after seeking beyond: %llu\n", (unsigned long long) stat_fd(fd).size);
    report("seek back", __wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));

    report("sync", __wasi_fd_sync(fd));
    report("datasync", __wasi_fd_datasync(fd));
    report("advise SEQUENTIAL", __wasi_fd_advise(fd, 0, 12, __WASI_ADVICE_SEQUENTIAL));
    report("advise DONTNEED", __wasi_fd_advise(fd, 0, 0, __WASI_ADVICE_DONTNEED));
    report("advise 6 (no such advice)", __wasi_fd_advise(fd, 0, 12, 6));

    __wasi_filestat_t st = stat_fd(fd);
    property("filestat: regular file", st.filetype == __WASI_FILETYPE_REGULAR_FILE);
    printf("filestat: size %llu, nlink %llu\n", (unsigned long long) st.size, (unsigned long long) st.nlink);

    report("allocate 0+100", __wasi_fd_allocate(fd, 0, 100));
    printf("size after allocate: %llu\n", (unsigned long long) stat_fd(fd).size);
    report("allocate 10+10 (inside)", __wasi_fd_allocate(fd, 10, 10));
    printf("size after allocate inside: %llu\n", (unsigned long long) stat_fd(fd).size);
    report("set_size 9", __wasi_fd_filestat_set_size(fd, 9));
    printf("size: %llu\n", (unsigned long long) stat_fd(fd).size);
    report("set_size 12", __wasi_fd_filestat_set_size(fd, 12));
    print_contents("data.txt", fd);

    const __wasi_timestamp_t T1 = 1500000000ull * 1000000000ull, T2 = 1600000000ull * 1000000000ull;
    report("set_times atim T1 mtim T2", __wasi_fd_filestat_set_times(fd, T1, T2, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    st = stat_fd(fd);
    property("atim is T1", st.atim == T1);
    property("mtim is T2", st.mtim == T2);
    report("set_times atim now", __wasi_fd_filestat_set_times(fd, 0, 0, __WASI_FSTFLAGS_ATIM_NOW));
    st = stat_fd(fd);
    property("atim is now (after 2020)", st.atim > 1577836800ull * 1000000000ull);
    property("mtim still T2", st.mtim == T2);
    report("set_times ATIM|ATIM_NOW", __wasi_fd_filestat_set_times(fd, T1, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    report("set_times MTIM|MTIM_NOW", __wasi_fd_filestat_set_times(fd, 0, T1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    report("close", __wasi_fd_close(fd));
    report("close again", __wasi_fd_close(fd));
}

static void through_libc(void) {
    FILE *f = fopen("/sandbox/stdio.txt", "w");
    property("fopen w", f != NULL);
    fprintf(f, "line %d\n", 1);
    fputs("line 2\n", f);
    printf("fclose: %d\n", fclose(f));
    f = fopen("/sandbox/stdio.txt", "r");
    char line[32];
    while (fgets(line, sizeof line, f)) {
        printf("fgets: %s", line);
    }
    fclose(f);
    struct stat st;
    printf("stat: %d, size %lld, regular %s\n", stat("/sandbox/stdio.txt", &st), (long long) st.st_size, yes(S_ISREG(st.st_mode)));
    int fd = open("/sandbox/stdio.txt", O_RDONLY);
    printf("lseek SEEK_END: %lld\n", (long long) lseek(fd, 0, SEEK_END));
    printf("posix_fadvise: %d\n", posix_fadvise(fd, 0, 0, POSIX_FADV_NORMAL));
    close(fd);
    printf("open missing: %d, errno %s\n", open("/sandbox/missing", O_RDONLY), errname(errno));
}

int main(void) {
    dir = require_preopen("/sandbox");
    oflags();
    fdflags();
    io();
    through_libc();
    return 0;
}
