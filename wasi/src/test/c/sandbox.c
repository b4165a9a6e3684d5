/*
 * sandbox: escape attempts from the guest side. The preopen "/sandbox" holds inside.txt
 * ("inside\n") and host-link, a symlink the host made to the absolute host path of outside.txt
 * ("secret\n"), which lies next to the preopened directory, outside it.
 * Every escape must fail with NOTCAPABLE (the specification's "capabilities insufficient") and
 * leave the outside untouched: nothing created, removed, renamed or written next to the preopen.
 * WASI: path_open, path_symlink, path_create_directory, path_rename, path_link, path_unlink_file,
 * path_remove_directory, path_filestat_get, path_filestat_set_times, path_readlink, fd_read.
 * Exit status 0.
 */
#include <fcntl.h>
#include <unistd.h>
#include "common.h"

static __wasi_fd_t sandbox;

/* Opens for reading and, on success, prints the first line read. */
static void try_open(const char *path, __wasi_oflags_t oflags) {
    __wasi_fd_t fd;
    char what[96];
    snprintf(what, sizeof what, "open %s%s", path, oflags & __WASI_OFLAGS_CREAT ? " CREAT" : "");
    __wasi_rights_t rights = __WASI_RIGHTS_FD_READ | (oflags & __WASI_OFLAGS_CREAT ? __WASI_RIGHTS_FD_WRITE : 0);
    __wasi_errno_t e = __wasi_path_open(sandbox, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path, oflags, rights, 0, 0, &fd);
    printf("%s: %s", what, errname(e));
    if (e == 0) {
        char buf[32] = {0};
        __wasi_iovec_t iov = {(uint8_t *) buf, sizeof buf - 1};
        __wasi_size_t n;
        if (__wasi_fd_read(fd, &iov, 1, &n) == 0) {
            buf[strcspn(buf, "\n")] = 0;
            printf(", reads \"%s\"", buf);
        }
        (void) __wasi_fd_close(fd);
    }
    printf("\n");
}

static void try_stat(const char *path, int follow) {
    __wasi_filestat_t st;
    char what[96];
    snprintf(what, sizeof what, "filestat %s %s", follow ? "follow" : "nofollow", path);
    report(what, __wasi_path_filestat_get(sandbox, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, path, &st));
}

int main(void) {
    sandbox = require_preopen("/sandbox");

    /* paths */
    try_open("inside.txt", 0);
    try_open("../outside.txt", 0);
    try_open("..", 0);
    try_open("/etc/passwd", 0);
    try_open("/inside.txt", 0);
    try_open("./inside.txt", 0);
    report("mkdir sub", __wasi_path_create_directory(sandbox, "sub"));
    try_open("sub/../inside.txt", 0);
    try_open("sub/../../outside.txt", 0);
    try_open("sub/../sub/../../sandbox/inside.txt", 0);
    try_open("../outside-new.txt", __WASI_OFLAGS_CREAT);

    /* a symlink the host made, pointing outside */
    try_stat("host-link", 0);
    try_stat("host-link", 1);
    try_open("host-link", 0);
    try_open("host-link", __WASI_OFLAGS_CREAT);

    /* symlinks the guest makes */
    report("symlink ../outside.txt as up-link", __wasi_path_symlink("../outside.txt", sandbox, "up-link"));
    try_open("up-link", 0);
    try_stat("up-link", 1);
    report("set_times through up-link", __wasi_path_filestat_set_times(sandbox, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "up-link", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    report("symlink sub/../../outside.txt as deep-link", __wasi_path_symlink("sub/../../outside.txt", sandbox, "deep-link"));
    try_open("deep-link", 0);
    report("symlink ../created-outside.txt as dangling-link", __wasi_path_symlink("../created-outside.txt", sandbox, "dangling-link"));
    try_open("dangling-link", __WASI_OFLAGS_CREAT);
    /* an absolute target: refused when made (NOTCAPABLE) or when followed (NOTCAPABLE) */
    __wasi_errno_t made = __wasi_path_symlink("/etc/passwd", sandbox, "abs-link");
    __wasi_fd_t abs_fd;
    __wasi_errno_t opened = __wasi_path_open(sandbox, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "abs-link", 0, __WASI_RIGHTS_FD_READ, 0, 0, &abs_fd);
    property("a symlink to /etc/passwd is refused, when made or when followed, with NOTCAPABLE",
             (made == __WASI_ERRNO_NOTCAPABLE && opened == __WASI_ERRNO_NOENT) || (made == 0 && opened == __WASI_ERRNO_NOTCAPABLE));

    /* symlinks that stay inside are fine */
    report("symlink sub as sub-link", __wasi_path_symlink("sub", sandbox, "sub-link"));
    try_open("sub-link/../inside.txt", 0);
    try_open("sub-link/../../outside.txt", 0);
    report("symlink inside.txt as in-link", __wasi_path_symlink("inside.txt", sandbox, "in-link"));
    try_open("in-link", 0);
    report("symlink loop-b as loop-a", __wasi_path_symlink("loop-b", sandbox, "loop-a"));
    report("symlink loop-a as loop-b", __wasi_path_symlink("loop-a", sandbox, "loop-b"));
    try_open("loop-a", 0);

    /* other operations on paths outside */
    report("mkdir ../evil", __wasi_path_create_directory(sandbox, "../evil"));
    report("mkdir sub-link/../../evil", __wasi_path_create_directory(sandbox, "sub-link/../../evil"));
    report("rename inside.txt ../stolen.txt", __wasi_path_rename(sandbox, "inside.txt", sandbox, "../stolen.txt"));
    report("rename ../outside.txt taken.txt", __wasi_path_rename(sandbox, "../outside.txt", sandbox, "taken.txt"));
    report("link ../outside.txt hard.txt", __wasi_path_link(sandbox, 0, "../outside.txt", sandbox, "hard.txt"));
    report("link host-link (follow) hard.txt", __wasi_path_link(sandbox, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "host-link", sandbox, "hard.txt"));
    report("link inside.txt ../hard.txt", __wasi_path_link(sandbox, 0, "inside.txt", sandbox, "../hard.txt"));
    report("symlink inside.txt as ../evil-link", __wasi_path_symlink("inside.txt", sandbox, "../evil-link"));
    report("unlink ../outside.txt", __wasi_path_unlink_file(sandbox, "../outside.txt"));
    report("rmdir ..", __wasi_path_remove_directory(sandbox, ".."));
    report("set_times ../outside.txt", __wasi_path_filestat_set_times(sandbox, 0, "../outside.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    try_stat("../outside.txt", 0);
    try_stat("/", 0);
    char buf[64];
    __wasi_size_t used;
    report("readlink ../x", __wasi_path_readlink(sandbox, "../x", (uint8_t *) buf, sizeof buf, &used));

    /* the same through wasi-libc: absolute paths outside every preopen never reach the host */
    printf("libc open /etc/passwd: %d %s\n", open("/etc/passwd", O_RDONLY), errname(errno));
    printf("libc open /sandbox/../outside.txt: %d %s\n", open("/sandbox/../outside.txt", O_RDONLY), errname(errno));
    printf("libc open /sandbox/host-link: %d %s\n", open("/sandbox/host-link", O_RDONLY), errname(errno));
    return 0;
}
