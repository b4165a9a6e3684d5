package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fd_close, fd_renumber, the lowest free number, the cap on open descriptors. */
class DescriptorTableTest {
    @TempDir(factory = JimfsTempDir.class)
    Path root;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("f"), "content");
    }

    @Test
    void closeTwiceIsEbadfAndEveryFunctionRejectsAClosedDescriptor() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().preopenedDir(root, "/"))) {
            int fd = guest.open(3, "f", 0, WasiGuest.ALL_RIGHTS, 0);
            assertThat(guest.call("fd_close", fd)).isEqualTo(SUCCESS);
            assertThat(guest.call("fd_close", fd)).isEqualTo(BADF);
            guest.iovec(16, 1000, 4);
            assertThat(guest.call("fd_read", fd, 16, 1, 8)).isEqualTo(BADF);
            assertThat(guest.call("fd_write", fd, 16, 1, 8)).isEqualTo(BADF);
            assertThat(guest.call("fd_seek", fd, 0, 0, 8)).isEqualTo(BADF);
            assertThat(guest.call("fd_tell", fd, 8)).isEqualTo(BADF);
            assertThat(guest.call("fd_fdstat_get", fd, 100)).isEqualTo(BADF);
            assertThat(guest.call("fd_filestat_get", fd, 100)).isEqualTo(BADF);
            assertThat(guest.call("fd_sync", fd)).isEqualTo(BADF);
            assertThat(guest.call("fd_close", -1)).as("u32 max").isEqualTo(BADF);
            assertThat(guest.call("fd_close", 1 << 30)).isEqualTo(BADF);
        }
    }

    @Test
    void newDescriptorsTakeTheLowestFreeNumber() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().preopenedDir(root, "/"))) {
            int a = guest.open(3, "f", 0, WasiGuest.READ_ONLY_RIGHTS, 0);
            int b = guest.open(3, "f", 0, WasiGuest.READ_ONLY_RIGHTS, 0);
            assertThat(a).isEqualTo(4);
            assertThat(b).isEqualTo(5);
            assertThat(guest.call("fd_close", a)).isEqualTo(SUCCESS);
            assertThat(guest.call("fd_close", 0)).isEqualTo(SUCCESS);
            assertThat(guest.open(3, "f", 0, WasiGuest.READ_ONLY_RIGHTS, 0)).isEqualTo(0);
            assertThat(guest.open(3, "f", 0, WasiGuest.READ_ONLY_RIGHTS, 0)).isEqualTo(4);
        }
    }

    @Test
    void renumberMovesAndClosesTheTarget() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(out).preopenedDir(root, "/"))) {
            int fd = guest.open(3, "f", 0, WasiGuest.READ_ONLY_RIGHTS, 0);
            guest.fdWrite(1, "to stdout");
            assertThat(guest.call("fd_renumber", fd, 1)).isEqualTo(SUCCESS);
            assertThat(out.toString(StandardCharsets.UTF_8)).as("the replaced stdout was flushed").isEqualTo("to stdout");
            assertThat(guest.call("fd_fdstat_get", fd, 100)).as("the old number").isEqualTo(BADF);
            guest.iovec(16, 1000, 20);
            assertThat(guest.call("fd_read", 1, 16, 1, 8)).as("fd 1 is now the file").isEqualTo(SUCCESS);
            assertThat(guest.readString(1000, guest.i32(8))).isEqualTo("content");
            assertThat(guest.call("fd_renumber", 1, 1)).isEqualTo(SUCCESS);
            assertThat(guest.call("fd_renumber", 1, 9)).as("closed target").isEqualTo(BADF);
            assertThat(guest.call("fd_renumber", 9, 1)).as("closed source").isEqualTo(BADF);
        }
    }

    @Test
    void aRenumberedPreopenIsStillAPreopen() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().preopenedDir(root, "/data"))) {
            assertThat(guest.call("fd_renumber", 3, 0)).isEqualTo(SUCCESS);
            assertThat(guest.call("fd_prestat_get", 0, 100)).isEqualTo(SUCCESS);
            assertThat(guest.i32(104)).isEqualTo(5);
            assertThat(guest.call("fd_prestat_get", 3, 100)).isEqualTo(BADF);
        }
    }

    @Test
    void openingBeyondTheCapIsEmfile() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().preopenedDir(root, "/").maxOpenFiles(10))) {
            for (int i = 4; i < 10; i++) {
                assertThat(guest.open(3, "f", 0, WasiGuest.READ_ONLY_RIGHTS, 0)).isEqualTo(i);
            }
            int len = guest.writeString(600, "f");
            assertThat(guest.call("path_open", 3, 1, 600, len, 0, WasiGuest.READ_ONLY_RIGHTS, 0L, 0, 8)).isEqualTo(MFILE);
            int created = guest.writeString(700, "g");
            assertThat(guest.call("path_open", 3, 1, 700, created, 1, WasiGuest.ALL_RIGHTS, 0L, 0, 8)).isEqualTo(MFILE);
            assertThat(Files.exists(root.resolve("g"))).as("nothing created at the cap").isFalse();
            assertThat(guest.call("fd_close", 7)).isEqualTo(SUCCESS);
            assertThat(guest.open(3, "f", 0, WasiGuest.READ_ONLY_RIGHTS, 0)).isEqualTo(7);
        }
    }

    @Test
    void aCapBelowTheGivenDescriptorsIsRefusedByTheHost() {
        WasiConfig config = new WasiConfig().preopenedDir(root, "/").maxOpenFiles(3);
        assertThatThrownBy(config::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxOpenFiles");
    }

    @Test
    void closeIsIdempotentAndClosesOpenedFiles() throws Exception {
        WasiGuest guest = new WasiGuest(new WasiConfig().preopenedDir(root, "/"));
        int fd = guest.open(3, "f", 0, WasiGuest.ALL_RIGHTS, 0);
        guest.ctx().close();
        guest.ctx().close();
        assertThat(guest.call("fd_fdstat_get", fd, 100)).isEqualTo(BADF);
        assertThat(guest.call("fd_fdstat_get", 3, 100)).isEqualTo(BADF);
        Files.delete(root.resolve("f"));
        guest.close();
    }
}
