/*
 * badptr: wild pointers and lengths passed straight to the imports (declared here with i32
 * parameters, bypassing wasi-libc): every call must return FAULT (or INVAL / ILSEQ where the
 * argument is a bad value rather than a bad address), never trap or crash the host, and have
 * no effect. Preopen "/sandbox" (empty); arguments "badptr"; environment X=1; stdin empty.
 * WASI: every function taking a pointer.
 * Exit status 0.
 */
#include "common.h"

#define IMPORT(name) __attribute__((import_module("wasi_snapshot_preview1"), import_name(#name)))
typedef int32_t i32;
typedef int64_t i64;

IMPORT(args_get) i32 raw_args_get(i32, i32);
IMPORT(args_sizes_get) i32 raw_args_sizes_get(i32, i32);
IMPORT(environ_get) i32 raw_environ_get(i32, i32);
IMPORT(environ_sizes_get) i32 raw_environ_sizes_get(i32, i32);
IMPORT(clock_res_get) i32 raw_clock_res_get(i32, i32);
IMPORT(clock_time_get) i32 raw_clock_time_get(i32, i64, i32);
IMPORT(fd_fdstat_get) i32 raw_fd_fdstat_get(i32, i32);
IMPORT(fd_filestat_get) i32 raw_fd_filestat_get(i32, i32);
IMPORT(fd_pread) i32 raw_fd_pread(i32, i32, i32, i64, i32);
IMPORT(fd_pwrite) i32 raw_fd_pwrite(i32, i32, i32, i64, i32);
IMPORT(fd_prestat_get) i32 raw_fd_prestat_get(i32, i32);
IMPORT(fd_prestat_dir_name) i32 raw_fd_prestat_dir_name(i32, i32, i32);
IMPORT(fd_read) i32 raw_fd_read(i32, i32, i32, i32);
IMPORT(fd_readdir) i32 raw_fd_readdir(i32, i32, i32, i64, i32);
IMPORT(fd_seek) i32 raw_fd_seek(i32, i64, i32, i32);
IMPORT(fd_tell) i32 raw_fd_tell(i32, i32);
IMPORT(fd_write) i32 raw_fd_write(i32, i32, i32, i32);
IMPORT(path_create_directory) i32 raw_path_create_directory(i32, i32, i32);
IMPORT(path_filestat_get) i32 raw_path_filestat_get(i32, i32, i32, i32, i32);
IMPORT(path_open) i32 raw_path_open(i32, i32, i32, i32, i32, i64, i64, i32, i32);
IMPORT(path_readlink) i32 raw_path_readlink(i32, i32, i32, i32, i32, i32);
IMPORT(path_symlink) i32 raw_path_symlink(i32, i32, i32, i32, i32);
IMPORT(path_unlink_file) i32 raw_path_unlink_file(i32, i32, i32);
IMPORT(poll_oneoff) i32 raw_poll_oneoff(i32, i32, i32, i32);
IMPORT(random_get) i32 raw_random_get(i32, i32);

#define P(x) ((i32) (uintptr_t) (x))
static const i32 WILD = (i32) 0xFFFFFFF0u;
static i32 edge; /* 4 bytes before the end of memory: any larger object straddles it */

int main(void) {
    edge = (i32) (__builtin_wasm_memory_size(0) * 65536u - 4u);
    i32 dir = preopen_fd("/sandbox");
    static uint8_t buf[64];
    static __wasi_size_t n;
    static __wasi_fd_t fd;

    report("args_sizes_get to a wild pointer", raw_args_sizes_get(WILD, P(&n)));
    report("args_get to wild pointers", raw_args_get(WILD, WILD));
    report("args_get with a buffer at the end of memory", raw_args_get(P(buf), edge));
    report("environ_sizes_get to a wild pointer", raw_environ_sizes_get(P(&n), WILD));
    report("environ_get to wild pointers", raw_environ_get(WILD, WILD));
    report("clock_res_get to a wild pointer", raw_clock_res_get(__WASI_CLOCKID_MONOTONIC, WILD));
    report("clock_time_get across the end of memory", raw_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, edge));
    report("random_get into a wild buffer", raw_random_get(WILD, 16));
    report("random_get across the end of memory", raw_random_get(edge, 16));
    report("random_get of 4 GiB - 1", raw_random_get(P(buf), -1));

    /* stdout: nothing of these may appear */
    static __wasi_ciovec_t iov;
    iov.buf = (const uint8_t *) "must not appear\n";
    iov.buf_len = 16;
    report("fd_write with a wild iovec array", raw_fd_write(1, WILD, 1, P(&n)));
    report("fd_write with 2^28 iovecs", raw_fd_write(1, P(&iov), 0x10000000, P(&n)));
    static __wasi_ciovec_t bad[2];
    bad[0] = iov;
    bad[1].buf = (const uint8_t *) (uintptr_t) WILD;
    bad[1].buf_len = 4;
    report("fd_write whose second iovec is wild", raw_fd_write(1, P(bad), 2, P(&n)));
    bad[1].buf = (const uint8_t *) (uintptr_t) edge;
    bad[1].buf_len = 8;
    report("fd_write whose second iovec crosses the end", raw_fd_write(1, P(bad), 2, P(&n)));
    report("fd_write to a wild result pointer", raw_fd_write(1, P(&iov), 1, WILD));
    report("fd_fdstat_get to a wild pointer", raw_fd_fdstat_get(1, WILD));

    /* a file to read and write */
    report("open f.txt", open_at((__wasi_fd_t) dir, "f.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    report("write to it", write_text(fd, "0123456789"));
    static __wasi_iovec_t riov;
    riov.buf = (uint8_t *) (uintptr_t) WILD;
    riov.buf_len = 8;
    report("fd_pread into a wild buffer", raw_fd_pread(fd, P(&riov), 1, 0, P(&n)));
    riov.buf = (uint8_t *) (uintptr_t) edge;
    report("fd_pread across the end of memory", raw_fd_pread(fd, P(&riov), 1, 0, P(&n)));
    report("fd_pwrite from a wild iovec array", raw_fd_pwrite(fd, WILD, 1, 0, P(&n)));
    report("fd_seek to a wild result pointer", raw_fd_seek(fd, 0, __WASI_WHENCE_SET, WILD));
    report("fd_tell to a wild result pointer", raw_fd_tell(fd, WILD));
    report("fd_read into a wild buffer", raw_fd_read(fd, P(&riov), 1, P(&n)));
    report("fd_filestat_get to a wild pointer", raw_fd_filestat_get(fd, WILD));
    __wasi_filestat_t st;
    report("fd_filestat_get", __wasi_fd_filestat_get(fd, &st));
    printf("f.txt is still 10 bytes: %s\n", yes(st.size == 10));
    report("close", __wasi_fd_close(fd));

    report("fd_prestat_get to a wild pointer", raw_fd_prestat_get(dir, WILD));
    report("fd_prestat_dir_name into a wild buffer", raw_fd_prestat_dir_name(dir, WILD, 8));
    report("fd_readdir into a wild buffer", raw_fd_readdir(dir, WILD, 128, 0, P(&n)));
    report("fd_readdir across the end of memory", raw_fd_readdir(dir, edge, 128, 0, P(&n)));

    static const char name[] = "new-dir";
    report("path_create_directory with a wild path", raw_path_create_directory(dir, WILD, 7));
    report("path_create_directory with a path across the end", raw_path_create_directory(dir, edge, 7));
    report("path_create_directory with length 2^31", raw_path_create_directory(dir, P(name), (i32) 0x80000000u));
    report("path_open with a wild path", raw_path_open(dir, 0, WILD, 5, 0, 0, 0, 0, P(&fd)));
    report("path_open to a wild result pointer", raw_path_open(dir, 0, P("f.txt"), 5, 0, __WASI_RIGHTS_FD_READ, 0, 0, WILD));
    report("path_open with CREAT to a wild result pointer", raw_path_open(dir, 0, P("g.txt"), 5, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ, 0, 0, WILD));
    report("path_filestat_get g.txt (not created)", raw_path_filestat_get(dir, 0, P("g.txt"), 5, P(&st)));
    report("path_filestat_get to a wild pointer", raw_path_filestat_get(dir, 0, P("f.txt"), 5, WILD));
    report("path_symlink with a wild target", raw_path_symlink(WILD, 4, dir, P("link"), 4));
    report("path_symlink f.txt as link", raw_path_symlink(P("f.txt"), 5, dir, P("link"), 4));
    report("path_readlink into a wild buffer", raw_path_readlink(dir, P("link"), 4, WILD, 64, P(&n)));
    report("path_readlink to a wild result pointer", raw_path_readlink(dir, P("link"), 4, P(buf), 64, WILD));
    report("path_unlink_file with a wild path", raw_path_unlink_file(dir, WILD, 4));

    /* bad values rather than bad addresses */
    report("path_create_directory with malformed UTF-8", raw_path_create_directory(dir, P("bad\xff\xfe"), 5));
    report("path_open with a NUL inside the path", raw_path_open(dir, 0, P("f.txt\0x"), 7, 0, __WASI_RIGHTS_FD_READ, 0, 0, P(&fd)));

    static __wasi_subscription_t sub;
    sub.userdata = 1;
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = 1;
    static __wasi_event_t ev;
    report("poll_oneoff with wild subscriptions", raw_poll_oneoff(WILD, P(&ev), 1, P(&n)));
    report("poll_oneoff with wild events", raw_poll_oneoff(P(&sub), WILD, 1, P(&n)));
    report("poll_oneoff to a wild result pointer", raw_poll_oneoff(P(&sub), P(&ev), 1, WILD));

    printf("still running: yes\n");
    return 0;
}
