/*
 * dirs: directories under the preopened directory "/sandbox" (empty at the start).
 * WASI: path_create_directory, fd_readdir (cookies, small buffers, truncated entries, "." and ".."),
 * path_rename, path_unlink_file, path_remove_directory, path_link, path_symlink, path_readlink,
 * path_filestat_get, path_filestat_set_times; also through wasi-libc (opendir/readdir/telldir/
 * seekdir, mkdir, rename, symlink, readlink, unlink, rmdir).
 * Leaves /sandbox/d with: "hard" (3 bytes "BB\n", mtime 1600000000s), "long-file-name.txt" (empty)
 * and "link" (a symlink to "hard"); nothing else in /sandbox. Exit status 0.
 */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>
#include "common.h"

#define T2 (1600000000ull * 1000000000ull)

static __wasi_fd_t sandbox;

struct entry {
    char name[64];
    __wasi_dircookie_t next;
    __wasi_inode_t ino;
    __wasi_filetype_t type;
};

/* Parses the complete entries of a fd_readdir buffer; the number stored. */
static int parse(const uint8_t *buf, size_t used, struct entry *out, int max) {
    int n = 0;
    size_t at = 0;
    while (at + sizeof(__wasi_dirent_t) <= used && n < max) {
        __wasi_dirent_t d;
        memcpy(&d, buf + at, sizeof d);
        if (at + sizeof d + d.d_namlen > used || d.d_namlen >= sizeof out[n].name) {
            break;
        }
        memcpy(out[n].name, buf + at + sizeof d, d.d_namlen);
        out[n].name[d.d_namlen] = 0;
        out[n].next = d.d_next;
        out[n].ino = d.d_ino;
        out[n].type = d.d_type;
        n++;
        at += sizeof d + d.d_namlen;
    }
    return n;
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const struct entry *) a)->name, ((const struct entry *) b)->name);
}

static const char *type_name(__wasi_filetype_t t) {
    switch (t) {
    case __WASI_FILETYPE_DIRECTORY: return "directory";
    case __WASI_FILETYPE_REGULAR_FILE: return "regular file";
    case __WASI_FILETYPE_SYMBOLIC_LINK: return "symbolic link";
    default: return "other";
    }
}

static void create(const char *path, const char *text) {
    __wasi_fd_t fd;
    char what[96];
    snprintf(what, sizeof what, "create %s", path);
    if (report(what, open_at(sandbox, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, &fd)) == 0) {
        if (*text) {
            (void) write_text(fd, text);
        }
        (void) __wasi_fd_close(fd);
    }
}

static void readdir_raw(void) {
    __wasi_fd_t d;
    report("open d", __wasi_path_open(sandbox, 0, "d", __WASI_OFLAGS_DIRECTORY,
                                      __WASI_RIGHTS_FD_READDIR | __WASI_RIGHTS_PATH_OPEN | __WASI_RIGHTS_FD_FILESTAT_GET, 0, 0, &d));
    static uint8_t big[4096];
    __wasi_size_t used;
    report("readdir from cookie 0", __wasi_fd_readdir(d, big, sizeof big, 0, &used));
    property("everything fits (bufused < buf_len)", used < sizeof big);
    struct entry all[16];
    int n = parse(big, used, all, 16);
    struct entry sorted[16];
    memcpy(sorted, all, sizeof all);
    qsort(sorted, n, sizeof sorted[0], by_name);
    for (int i = 0; i < n; i++) {
        printf("entry %s: %s\n", sorted[i].name, type_name(sorted[i].type));
    }

    /* d_ino is the inode fd_filestat_get / path_filestat_get report */
    __wasi_filestat_t dstat, astat;
    int inodes = __wasi_fd_filestat_get(d, &dstat) == 0
        && __wasi_path_filestat_get(sandbox, 0, "d/a", &astat) == 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(all[i].name, ".") == 0) {
            inodes &= all[i].ino == dstat.ino;
        } else if (strcmp(all[i].name, "a") == 0) {
            inodes &= all[i].ino == astat.ino;
        }
    }
    property("d_ino of . and of a are their filestat inodes", inodes);

    /* resuming at each entry's d_next lists exactly the entries after it */
    int resumes_ok = 1;
    for (int i = 0; i < n; i++) {
        struct entry rest[16];
        if (__wasi_fd_readdir(d, big, sizeof big, all[i].next, &used) != 0) {
            resumes_ok = 0;
            continue;
        }
        int m = parse(big, used, rest, 16);
        resumes_ok &= m == n - i - 1;
        for (int j = 0; j < m && j + i + 1 < n; j++) {
            resumes_ok &= strcmp(rest[j].name, all[i + 1 + j].name) == 0;
        }
    }
    property("resuming at every d_next gives the entries after it", resumes_ok);
    report("readdir from the last cookie", __wasi_fd_readdir(d, big, sizeof big, all[n - 1].next, &used));
    printf("bytes after the last entry: %u\n", (unsigned) used);

    /* one entry at a time through a 32-byte buffer: a longer entry is truncated and fills it */
    uint8_t small[32];
    int same = 1, truncated_full = 0, count = 0;
    __wasi_dircookie_t cookie = 0;
    while (count <= n) {
        if (__wasi_fd_readdir(d, small, sizeof small, cookie, &used) != 0) {
            same = 0;
            break;
        }
        if (used == 0) {
            break;
        }
        struct entry e;
        if (parse(small, used, &e, 1) == 0) {
            truncated_full |= used == sizeof small;
            __wasi_size_t bigused;
            if (__wasi_fd_readdir(d, big, sizeof big, cookie, &bigused) != 0 || parse(big, bigused, &e, 1) != 1) {
                same = 0;
                break;
            }
        }
        same &= count < n && strcmp(e.name, all[count].name) == 0;
        count++;
        cookie = e.next;
    }
    property("reading with a 32-byte buffer gives the same entries in the same order", same && count == n);
    property("a truncated entry filled the whole 32-byte buffer", truncated_full);

    /* a buffer smaller than one header */
    report("readdir into 10 bytes", __wasi_fd_readdir(d, small, 10, 0, &used));
    printf("bufused: %u\n", (unsigned) used);
    report("close d", __wasi_fd_close(d));
}

static void readdir_libc(void) {
    DIR *dir = opendir("/sandbox/d");
    property("opendir", dir != NULL);
    char names[16][64];
    int n = 0;
    long pos2 = 0;
    struct dirent *e;
    while ((e = readdir(dir)) && n < 16) {
        strcpy(names[n++], e->d_name);
        if (n == 2) {
            pos2 = telldir(dir);
        }
    }
    printf("readdir count: %d\n", n);
    seekdir(dir, pos2);
    int same = 1, k = 2;
    while ((e = readdir(dir))) {
        same &= k < n && strcmp(e->d_name, names[k++]) == 0;
    }
    property("seekdir(telldir after 2) reads the rest again", same && k == n);
    rewinddir(dir);
    e = readdir(dir);
    property("rewinddir starts again", e && strcmp(e->d_name, names[0]) == 0);
    closedir(dir);
}

static __wasi_filestat_t stat_path(const char *path, int follow, __wasi_errno_t *e) {
    __wasi_filestat_t st;
    memset(&st, 0, sizeof st);
    *e = __wasi_path_filestat_get(sandbox, follow ? __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW : 0, path, &st);
    return st;
}

static void stat_report(const char *path, int follow) {
    __wasi_errno_t e;
    __wasi_filestat_t st = stat_path(path, follow, &e);
    printf("filestat %s %s: %s", follow ? "follow" : "nofollow", path, errname(e));
    if (e == 0) {
        printf(", %s", type_name(st.filetype));
        if (st.filetype == __WASI_FILETYPE_REGULAR_FILE) {
            printf(", size %llu, nlink %llu", (unsigned long long) st.size, (unsigned long long) st.nlink);
        }
    }
    printf("\n");
}

static void readlink_report(const char *path, size_t len) {
    char buf[64] = {0};
    __wasi_size_t used = 0;
    char what[96];
    snprintf(what, sizeof what, "readlink %s into %zu bytes", path, len);
    if (report(what, __wasi_path_readlink(sandbox, path, (uint8_t *) buf, len, &used)) == 0) {
        printf("readlink: %u bytes \"%.*s\"\n", (unsigned) used, (int) used, buf);
    }
}

int main(void) {
    sandbox = require_preopen("/sandbox");

    report("mkdir d", __wasi_path_create_directory(sandbox, "d"));
    report("mkdir d again", __wasi_path_create_directory(sandbox, "d"));
    report("mkdir d/sub", __wasi_path_create_directory(sandbox, "d/sub"));
    report("mkdir missing/x", __wasi_path_create_directory(sandbox, "missing/x"));
    create("d/a", "A\n");
    create("d/bb", "BB\n");
    create("d/long-file-name.txt", "");
    create("d/sub/x", "");
    stat_report("d", 1);
    readdir_raw();
    readdir_libc();

    report("rename d/a d/a2", __wasi_path_rename(sandbox, "d/a", sandbox, "d/a2"));
    stat_report("d/a", 1);
    stat_report("d/a2", 1);
    report("rename d/bb over d/a2", __wasi_path_rename(sandbox, "d/bb", sandbox, "d/a2"));
    stat_report("d/a2", 1);
    report("rename missing d/bb", __wasi_path_rename(sandbox, "d/bb", sandbox, "d/a2"));
    report("rename directory d/sub over file d/a2", __wasi_path_rename(sandbox, "d/sub", sandbox, "d/a2"));
    report("rename file d/a2 over directory d/sub", __wasi_path_rename(sandbox, "d/a2", sandbox, "d/sub"));
    report("rename d into d/sub/inner", __wasi_path_rename(sandbox, "d", sandbox, "d/sub/inner"));
    report("rename directory d/sub d/sub2", __wasi_path_rename(sandbox, "d/sub", sandbox, "d/sub2"));
    stat_report("d/sub2/x", 1);

    report("link d/a2 d/hard", __wasi_path_link(sandbox, 0, "d/a2", sandbox, "d/hard"));
    stat_report("d/hard", 1);
    __wasi_errno_t e1, e2;
    __wasi_filestat_t s1 = stat_path("d/a2", 1, &e1), s2 = stat_path("d/hard", 1, &e2);
    property("same inode and device", e1 == 0 && e2 == 0 && s1.ino == s2.ino && s1.dev == s2.dev);
    report("link d/a2 over existing d/hard", __wasi_path_link(sandbox, 0, "d/a2", sandbox, "d/hard"));
    report("link missing d/nothing", __wasi_path_link(sandbox, 0, "d/nothing", sandbox, "d/nothing2"));
    report("unlink d/a2", __wasi_path_unlink_file(sandbox, "d/a2"));
    stat_report("d/hard", 1);

    report("symlink hard as d/link", __wasi_path_symlink("hard", sandbox, "d/link"));
    report("symlink again over d/link", __wasi_path_symlink("hard", sandbox, "d/link"));
    report("symlink nowhere as d/dangling", __wasi_path_symlink("nowhere", sandbox, "d/dangling"));
    readlink_report("d/link", 64);
    readlink_report("d/link", 2);
    readlink_report("d/link", 3);
    readlink_report("d/hard", 64);
    readlink_report("d/missing", 64);
    stat_report("d/link", 1);
    stat_report("d/link", 0);
    stat_report("d/dangling", 1);
    stat_report("d/dangling", 0);
    __wasi_fd_t fd2;
    if (report("open d/link without SYMLINK_FOLLOW", __wasi_path_open(sandbox, 0, "d/link", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd2)) == 0) {
        (void) __wasi_fd_close(fd2);
    }
    report("open d/link with SYMLINK_FOLLOW", __wasi_path_open(sandbox, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "d/link", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd2));
    report("close it", __wasi_fd_close(fd2));
    report("unlink d/dangling", __wasi_path_unlink_file(sandbox, "d/dangling"));

    report("set_times mtim T2 on d/link (follow)", __wasi_path_filestat_set_times(sandbox, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "d/link", 0, T2, __WASI_FSTFLAGS_MTIM));
    __wasi_filestat_t st = stat_path("d/hard", 1, &e1);
    property("d/hard has mtim T2", e1 == 0 && st.mtim == T2);
    report("set_times atim now on d/sub2 (nofollow)", __wasi_path_filestat_set_times(sandbox, 0, "d/sub2", 0, 0, __WASI_FSTFLAGS_ATIM_NOW));
    report("set_times ATIM|ATIM_NOW", __wasi_path_filestat_set_times(sandbox, 0, "d/hard", 0, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    report("set_times on d/missing", __wasi_path_filestat_set_times(sandbox, 0, "d/missing", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));

    report("unlink directory d/sub2", __wasi_path_unlink_file(sandbox, "d/sub2"));
    report("unlink d/missing", __wasi_path_unlink_file(sandbox, "d/missing"));
    report("rmdir non-empty d/sub2", __wasi_path_remove_directory(sandbox, "d/sub2"));
    report("rmdir file d/hard", __wasi_path_remove_directory(sandbox, "d/hard"));
    report("unlink d/sub2/x", __wasi_path_unlink_file(sandbox, "d/sub2/x"));
    report("rmdir d/sub2", __wasi_path_remove_directory(sandbox, "d/sub2"));
    report("rmdir d/sub2 again", __wasi_path_remove_directory(sandbox, "d/sub2"));

    /* the same through wasi-libc */
    printf("mkdir: %d\n", mkdir("/sandbox/e", 0755));
    printf("mkdir again: %d %s\n", mkdir("/sandbox/e", 0755), errname(errno));
    printf("symlink: %d\n", symlink("../d/hard", "/sandbox/e/l"));
    char target[32] = {0};
    printf("readlink: %zd \"%s\"\n", readlink("/sandbox/e/l", target, sizeof target - 1), target);
    struct stat sb;
    printf("stat through the link: %d, size %lld\n", stat("/sandbox/e/l", &sb), (long long) sb.st_size);
    printf("lstat: %d, link %s\n", lstat("/sandbox/e/l", &sb), yes(S_ISLNK(sb.st_mode)));
    printf("rename: %d\n", rename("/sandbox/e/l", "/sandbox/e/l2"));
    printf("unlink: %d\n", unlink("/sandbox/e/l2"));
    printf("rmdir: %d\n", rmdir("/sandbox/e"));
    printf("rmdir again: %d %s\n", rmdir("/sandbox/e"), errname(errno));
    return 0;
}
