package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The fd_* functions on regular files and directories of a Jimfs preopen (descriptor 3). */
class FileDescriptorTest {
    static final int O_CREAT = 1;
    static final int O_DIRECTORY = 2;
    static final int O_TRUNC = 8;
    static final int FDFLAG_APPEND = 1;

    @TempDir(factory = JimfsTempDir.class)
    Path root;

    WasiGuest guest;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("hello.txt"), "hello, world");
        guest = new WasiGuest(new WasiConfig().preopenedDir(root, "."));
    }

    @AfterEach
    void tearDown() throws Exception {
        guest.close();
    }

    int read(int fd, int buf, int len) {
        guest.iovec(16, buf, len);
        int errno = guest.call("fd_read", fd, 16, 1, 8);
        assertThat(errno).isEqualTo(SUCCESS);
        return guest.i32(8);
    }

    @Test
    void readSeekTellAndEndOfFile() {
        int fd = guest.open(3, "hello.txt", 0, WasiGuest.READ_ONLY_RIGHTS, 0);
        assertThat(read(fd, 1000, 5)).isEqualTo(5);
        assertThat(guest.readString(1000, 5)).isEqualTo("hello");
        assertThat(guest.call("fd_tell", fd, 200)).isEqualTo(SUCCESS);
        assertThat(guest.i64(200)).isEqualTo(5);
        assertThat(guest.call("fd_seek", fd, -5, 2, 200)).isEqualTo(SUCCESS);
        assertThat(guest.i64(200)).isEqualTo(7);
        assertThat(read(fd, 1000, 100)).isEqualTo(5);
        assertThat(guest.readString(1000, 5)).isEqualTo("world");
        assertThat(read(fd, 1000, 100)).isZero();
        assertThat(guest.call("fd_seek", fd, 1, 0, 200)).isEqualTo(SUCCESS);
        assertThat(guest.call("fd_seek", fd, 2, 1, 200)).isEqualTo(SUCCESS);
        assertThat(guest.i64(200)).isEqualTo(3);
        assertThat(guest.call("fd_seek", fd, -10, 1, 200)).isEqualTo(INVAL);
        assertThat(guest.call("fd_seek", fd, 0, 3, 200)).as("bad whence").isEqualTo(INVAL);
        assertThat(guest.call("fd_seek", fd, 0, 256, 200)).as("whence is a u8").isEqualTo(INVAL);
    }

    @Test
    void writeCreatesAndTruncates() throws Exception {
        int fd = guest.open(3, "new.txt", O_CREAT | O_TRUNC, WasiGuest.ALL_RIGHTS, 0);
        assertThat(guest.fdWrite(fd, "first")).isEqualTo(SUCCESS);
        assertThat(guest.call("fd_close", fd)).isEqualTo(SUCCESS);
        assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("first");
        fd = guest.open(3, "new.txt", O_TRUNC, WasiGuest.ALL_RIGHTS, 0);
        assertThat(guest.fdWrite(fd, "2nd")).isEqualTo(SUCCESS);
        assertThat(Files.readString(root.resolve("new.txt"))).isEqualTo("2nd");
    }

    @Test
    void appendModeWritesAtTheEnd() throws Exception {
        int fd = guest.open(3, "hello.txt", 0, WasiGuest.ALL_RIGHTS, FDFLAG_APPEND);
        assertThat(guest.fdWrite(fd, "!")).isEqualTo(SUCCESS);
        assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("hello, world!");
        assertThat(guest.call("fd_fdstat_get", fd, 100)).isEqualTo(SUCCESS);
        assertThat(guest.u16(102)).isEqualTo(FDFLAG_APPEND);
        assertThat(guest.call("fd_fdstat_set_flags", fd, 0)).isEqualTo(SUCCESS);
        assertThat(guest.call("fd_fdstat_get", fd, 100)).isEqualTo(SUCCESS);
        assertThat(guest.u16(102)).isZero();
        assertThat(guest.call("fd_fdstat_set_flags", fd, 0x20)).as("unknown flag").isEqualTo(INVAL);
        assertThat(guest.call("fd_fdstat_set_flags", fd, 0x10000)).as("flags are u16").isEqualTo(INVAL);
    }

    @Test
    void preadAndPwriteLeaveThePositionAlone() throws Exception {
        int fd = guest.open(3, "hello.txt", 0, WasiGuest.ALL_RIGHTS, 0);
        guest.iovec(16, 1000, 5);
        assertThat(guest.call("fd_pread", fd, 16, 1, 7, 8)).isEqualTo(SUCCESS);
        assertThat(guest.i32(8)).isEqualTo(5);
        assertThat(guest.readString(1000, 5)).isEqualTo("world");
        guest.writeString(1000, "HELLO");
        assertThat(guest.call("fd_pwrite", fd, 16, 1, 0, 8)).isEqualTo(SUCCESS);
        assertThat(guest.i32(8)).isEqualTo(5);
        assertThat(guest.call("fd_tell", fd, 200)).isEqualTo(SUCCESS);
        assertThat(guest.i64(200)).isZero();
        assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("HELLO, world");
        assertThat(guest.call("fd_pread", fd, 16, 1, -1L, 8)).as("offset beyond 2^63").isEqualTo(INVAL);
    }

    @Test
    void filestatSizeTimesAndAllocate() throws Exception {
        int fd = guest.open(3, "hello.txt", 0, WasiGuest.ALL_RIGHTS, 0);
        assertThat(guest.call("fd_filestat_get", fd, 300)).isEqualTo(SUCCESS);
        assertThat(guest.u8(300 + 16)).isEqualTo(4); // regular file
        assertThat(guest.i64(300 + 32)).isEqualTo(12);
        assertThat(guest.i64(300 + 24)).as("nlink").isEqualTo(1);
        assertThat(guest.call("fd_filestat_set_size", fd, 5)).isEqualTo(SUCCESS);
        assertThat(Files.readString(root.resolve("hello.txt"))).isEqualTo("hello");
        assertThat(guest.call("fd_allocate", fd, 0, 100)).isEqualTo(SUCCESS);
        assertThat(Files.size(root.resolve("hello.txt"))).isEqualTo(100);
        long mtime = 1_700_000_000_123_000_000L;
        assertThat(guest.call("fd_filestat_set_times", fd, 0, mtime, 4)).isEqualTo(SUCCESS);
        assertThat(guest.call("fd_filestat_get", fd, 300)).isEqualTo(SUCCESS);
        assertThat(guest.i64(300 + 48)).isEqualTo(mtime);
        assertThat(guest.call("fd_filestat_set_times", fd, 0, 0, 4 | 8)).as("MTIM with MTIM_NOW").isEqualTo(INVAL);
        assertThat(guest.call("fd_filestat_set_times", fd, 0, 0, 16)).as("unknown flag").isEqualTo(INVAL);
    }

    @Test
    void syncDatasyncAndAdvise() {
        int fd = guest.open(3, "hello.txt", 0, WasiGuest.ALL_RIGHTS, 0);
        assertThat(guest.call("fd_sync", fd)).isEqualTo(SUCCESS);
        assertThat(guest.call("fd_datasync", fd)).isEqualTo(SUCCESS);
        assertThat(guest.call("fd_sync", 3)).as("a directory").isEqualTo(SUCCESS);
        for (int advice = 0; advice <= 5; advice++) {
            assertThat(guest.call("fd_advise", fd, 0, 10, advice)).isEqualTo(SUCCESS);
        }
        assertThat(guest.call("fd_advise", fd, 0, 10, 6)).isEqualTo(INVAL);
        assertThat(guest.call("fd_advise", 1, 0, 10, 0)).as("stdout").isEqualTo(SPIPE);
    }

    @Test
    void readingAWriteOnlyFileIsEbadfAndWritingAReadOnlyOneToo() {
        int writeOnly = guest.open(3, "hello.txt", 0, WasiGuest.WRITE_ONLY_RIGHTS, 0);
        guest.iovec(16, 1000, 5);
        assertThat(guest.call("fd_read", writeOnly, 16, 1, 8)).isEqualTo(BADF);
        assertThat(guest.call("fd_pread", writeOnly, 16, 1, 0, 8)).isEqualTo(BADF);
        int readOnly = guest.open(3, "hello.txt", 0, WasiGuest.READ_ONLY_RIGHTS, 0);
        assertThat(guest.call("fd_write", readOnly, 16, 1, 8)).isEqualTo(BADF);
        assertThat(guest.call("fd_pwrite", readOnly, 16, 1, 0, 8)).isEqualTo(BADF);
    }

    @Test
    void fileOperationsOnADirectory() {
        guest.iovec(16, 1000, 5);
        assertThat(guest.call("fd_read", 3, 16, 1, 8)).isEqualTo(ISDIR);
        assertThat(guest.call("fd_write", 3, 16, 1, 8)).isEqualTo(ISDIR);
        int dir = guest.open(3, ".", O_DIRECTORY, WasiGuest.READ_ONLY_RIGHTS, 0);
        assertThat(guest.call("fd_filestat_get", dir, 300)).isEqualTo(SUCCESS);
        assertThat(guest.u8(300 + 16)).isEqualTo(3);
        int file = guest.open(3, "hello.txt", 0, WasiGuest.READ_ONLY_RIGHTS, 0);
        assertThat(guest.call("fd_readdir", file, 1000, 100, 0, 8)).isEqualTo(NOTDIR);
        int len = guest.writeString(1000, "x");
        assertThat(guest.call("path_create_directory", file, 1000, len)).isEqualTo(NOTDIR);
    }

    @Test
    void readdirListsDotEntriesThenTheRestWithCookies() throws Exception {
        Files.createDirectory(root.resolve("sub"));
        assertThat(guest.call("fd_readdir", 3, 1000, 4000, 0, 8)).isEqualTo(SUCCESS);
        int used = guest.i32(8);
        java.util.List<String> names = new java.util.ArrayList<>();
        java.util.List<Long> cookies = new java.util.ArrayList<>();
        java.util.Map<String, Integer> types = new java.util.HashMap<>();
        for (int at = 1000; at < 1000 + used; ) {
            long next = guest.i64(at);
            int namlen = guest.i32(at + 16);
            String name = guest.readString(at + 24, namlen);
            names.add(name);
            cookies.add(next);
            types.put(name, guest.u8(at + 20));
            at += 24 + namlen;
        }
        assertThat(names).containsExactlyInAnyOrder(".", "..", "hello.txt", "sub");
        assertThat(names.subList(0, 2)).containsExactly(".", "..");
        assertThat(cookies).containsExactly(1L, 2L, 3L, 4L);
        assertThat(types.get("hello.txt")).isEqualTo(4);
        assertThat(types.get("sub")).isEqualTo(3);
        assertThat(used).isEqualTo(4 * 24 + 1 + 2 + 9 + 3);

        // from a cookie: the entries after it
        assertThat(guest.call("fd_readdir", 3, 1000, 4000, 2, 8)).isEqualTo(SUCCESS);
        assertThat(guest.i32(8)).isEqualTo(2 * 24 + 9 + 3);
        assertThat(guest.i64(1000)).isEqualTo(3);
        // past the end: nothing
        assertThat(guest.call("fd_readdir", 3, 1000, 4000, 4, 8)).isEqualTo(SUCCESS);
        assertThat(guest.i32(8)).isZero();
        // a small buffer is filled completely, the last entry cut short
        guest.write(2000, new byte[64]);
        assertThat(guest.call("fd_readdir", 3, 2000, 30, 0, 8)).isEqualTo(SUCCESS);
        assertThat(guest.i32(8)).isEqualTo(30);
        assertThat(guest.i64(2000)).isEqualTo(1);
        assertThat(guest.readString(2024, 1)).isEqualTo(".");
        assertThat(guest.u8(2025)).as("the second header's d_next, cut after 5 bytes").isEqualTo(2);
        assertThat(guest.u8(2030)).as("nothing beyond the buffer").isZero();
    }

    @Test
    void theFileContentIsWhatTheGuestWrote() throws Exception {
        int fd = guest.open(3, "utf8.txt", O_CREAT, WasiGuest.ALL_RIGHTS, 0);
        guest.fdWrite(fd, "grüße ✓");
        assertThat(Files.readString(root.resolve("utf8.txt"), StandardCharsets.UTF_8)).isEqualTo("grüße ✓");
    }
}
