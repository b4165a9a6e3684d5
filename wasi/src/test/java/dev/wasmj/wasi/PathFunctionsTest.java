package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The path_* functions relative to a Jimfs preopen (descriptor 3). */
class PathFunctionsTest {
    @TempDir(factory = JimfsTempDir.class)
    Path root;

    WasiGuest guest;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("a.txt"), "aaa");
        guest = new WasiGuest(new WasiConfig().preopenedDir(root, "/root"));
    }

    @AfterEach
    void tearDown() throws Exception {
        guest.close();
    }

    /** Calls a function whose arguments are (fd, path, len). */
    int onPath(String function, int fd, String path) {
        int len = guest.writeString(600, path);
        return guest.call(function, fd, 600, len);
    }

    @Test
    void createAndRemoveDirectories() throws Exception {
        assertThat(onPath("path_create_directory", 3, "d")).isEqualTo(SUCCESS);
        assertThat(Files.isDirectory(root.resolve("d"))).isTrue();
        assertThat(onPath("path_create_directory", 3, "d")).isEqualTo(EXIST);
        Files.writeString(root.resolve("d/inside"), "x");
        assertThat(onPath("path_remove_directory", 3, "d")).isEqualTo(NOTEMPTY);
        Files.delete(root.resolve("d/inside"));
        assertThat(onPath("path_remove_directory", 3, "a.txt")).isEqualTo(NOTDIR);
        assertThat(onPath("path_remove_directory", 3, "d")).isEqualTo(SUCCESS);
        assertThat(Files.exists(root.resolve("d"))).isFalse();
    }

    @Test
    void unlinkFiles() {
        assertThat(onPath("path_unlink_file", 3, "a.txt")).isEqualTo(SUCCESS);
        assertThat(Files.exists(root.resolve("a.txt"))).isFalse();
        assertThat(onPath("path_unlink_file", 3, "a.txt")).isEqualTo(NOENT);
    }

    @Test
    void renameAndLink() throws Exception {
        int from = guest.writeString(600, "a.txt");
        int to = guest.writeString(700, "b.txt");
        assertThat(guest.call("path_rename", 3, 600, from, 3, 700, to)).isEqualTo(SUCCESS);
        assertThat(Files.readString(root.resolve("b.txt"))).isEqualTo("aaa");
        int linkName = guest.writeString(800, "c.txt");
        assertThat(guest.call("path_link", 3, 0, 700, to, 3, 800, linkName)).isEqualTo(SUCCESS);
        assertThat(Files.readString(root.resolve("c.txt"))).isEqualTo("aaa");
        assertThat(guest.call("path_link", 3, 0, 700, to, 3, 800, linkName)).isEqualTo(EXIST);
        assertThat(guest.call("path_rename", 3, 600, from, 3, 700, to)).isEqualTo(NOENT);
    }

    @Test
    void symlinkReadlinkAndFilestat() throws Exception {
        int target = guest.writeString(600, "a.txt");
        int link = guest.writeString(700, "link");
        assertThat(guest.call("path_symlink", 600, target, 3, 700, link)).isEqualTo(SUCCESS);
        assertThat(guest.call("path_readlink", 3, 700, link, 1000, 100, 8)).isEqualTo(SUCCESS);
        assertThat(guest.i32(8)).isEqualTo(5);
        assertThat(guest.readString(1000, 5)).isEqualTo("a.txt");
        // a short buffer gets the start of the target
        assertThat(guest.call("path_readlink", 3, 700, link, 2000, 3, 8)).isEqualTo(SUCCESS);
        assertThat(guest.i32(8)).isEqualTo(3);
        assertThat(guest.readString(2000, 3)).isEqualTo("a.t");
        // filestat without following: the link; following: the file
        assertThat(guest.call("path_filestat_get", 3, 0, 700, link, 300)).isEqualTo(SUCCESS);
        assertThat(guest.u8(316)).isEqualTo(7);
        assertThat(guest.call("path_filestat_get", 3, 1, 700, link, 300)).isEqualTo(SUCCESS);
        assertThat(guest.u8(316)).isEqualTo(4);
        assertThat(guest.i64(332)).isEqualTo(3);
        // opening a symlink without following it
        assertThat(guest.call("path_open", 3, 0, 700, link, 0, WasiGuest.READ_ONLY_RIGHTS, 0L, 0, 8)).isEqualTo(LOOP);
    }

    @Test
    void filestatSetTimesOnAPath() throws Exception {
        int len = guest.writeString(600, "a.txt");
        long atim = 1_600_000_000_000_000_000L;
        long mtim = 1_650_000_000_000_000_000L;
        assertThat(guest.call("path_filestat_set_times", 3, 1, 600, len, atim, mtim, 1 | 4)).isEqualTo(SUCCESS);
        assertThat(guest.call("path_filestat_get", 3, 1, 600, len, 300)).isEqualTo(SUCCESS);
        assertThat(guest.i64(300 + 48)).isEqualTo(mtim);
        assertThat(guest.call("path_filestat_set_times", 3, 1, 600, len, 0, 0, 1 | 2)).isEqualTo(INVAL);
    }

    @Test
    void pathOpenFlags() throws Exception {
        int len = guest.writeString(600, "a.txt");
        assertThat(guest.call("path_open", 3, 1, 600, len, 1 | 4, WasiGuest.ALL_RIGHTS, 0L, 0, 8))
                .as("CREAT|EXCL on an existing file").isEqualTo(EXIST);
        assertThat(guest.call("path_open", 3, 1, 600, len, 2, WasiGuest.READ_ONLY_RIGHTS, 0L, 0, 8))
                .as("DIRECTORY on a file").isEqualTo(NOTDIR);
        assertThat(guest.call("path_open", 3, 1, 600, len, 16, WasiGuest.ALL_RIGHTS, 0L, 0, 8))
                .as("unknown oflag").isEqualTo(INVAL);
        assertThat(guest.call("path_open", 3, 1, 600, len, 0, WasiGuest.ALL_RIGHTS, 0L, 0x20, 8))
                .as("unknown fdflag").isEqualTo(INVAL);
        assertThat(guest.call("path_open", 3, 2, 600, len, 0, WasiGuest.ALL_RIGHTS, 0L, 0, 8))
                .as("unknown lookupflag").isEqualTo(INVAL);
        int missing = guest.writeString(700, "missing");
        assertThat(guest.call("path_open", 3, 1, 700, missing, 0, WasiGuest.ALL_RIGHTS, 0L, 0, 8)).isEqualTo(NOENT);
    }

    @Test
    void escapingThePreopenIsRefused() {
        int len = guest.writeString(600, "../etc/passwd");
        int errno = guest.call("path_open", 3, 1, 600, len, 0, WasiGuest.READ_ONLY_RIGHTS, 0L, 0, 8);
        assertThat(errno).isIn(NOTCAPABLE, PERM, NOENT);
        len = guest.writeString(600, "/etc/passwd");
        errno = guest.call("path_open", 3, 1, 600, len, 0, WasiGuest.READ_ONLY_RIGHTS, 0L, 0, 8);
        assertThat(errno).isIn(NOTCAPABLE, PERM, NOENT);
    }

    @Test
    void malformedPaths() {
        guest.write(600, new byte[] {'a', (byte) 0xC3, 'b'});
        assertThat(guest.call("path_create_directory", 3, 600, 3)).as("invalid UTF-8").isEqualTo(ILSEQ);
        guest.write(600, new byte[] {'a', 0, 'b'});
        assertThat(guest.call("path_create_directory", 3, 600, 3)).as("NUL").isEqualTo(INVAL);
        assertThat(Files.exists(root.resolve("a"))).isFalse();
    }

    @Test
    void pathFunctionsOnAClosedOrNonDirectoryDescriptor() {
        assertThat(onPath("path_create_directory", 9, "d")).isEqualTo(BADF);
        assertThat(onPath("path_create_directory", 1, "d")).isEqualTo(NOTDIR);
        assertThat(onPath("path_unlink_file", -1, "a.txt")).isEqualTo(BADF);
    }

    @Test
    void aReadOnlyPreopenCannotBeWritten() throws Exception {
        guest.close();
        guest = new WasiGuest(new WasiConfig().preopenedDir(root, "/root", EnumSet.of(DirPerms.READ), EnumSet.of(FilePerms.READ)));
        int len = guest.writeString(600, "a.txt");
        assertThat(guest.call("path_open", 3, 1, 600, len, 0, WasiGuest.ALL_RIGHTS, 0L, 0, 8)).isEqualTo(PERM);
        assertThat(guest.call("path_open", 3, 1, 600, len, 0, WasiGuest.READ_ONLY_RIGHTS, 0L, 0, 8)).isEqualTo(SUCCESS);
        assertThat(onPath("path_create_directory", 3, "d")).isEqualTo(PERM);
        assertThat(onPath("path_unlink_file", 3, "a.txt")).isEqualTo(PERM);
        assertThat(Files.readString(root.resolve("a.txt"))).isEqualTo("aaa");
    }
}
