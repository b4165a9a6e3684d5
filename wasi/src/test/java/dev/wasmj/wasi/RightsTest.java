package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rights per descriptor: dropped with fd_fdstat_set_rights, inherited through path_open, ENOTCAPABLE when missing. */
class RightsTest {
    static final long FD_READ = 1L << 1;
    static final long FD_SEEK = 1L << 2;
    static final long FD_TELL = 1L << 5;
    static final long FD_WRITE = 1L << 6;
    static final long PATH_CREATE_DIRECTORY = 1L << 9;
    static final long PATH_OPEN = 1L << 13;
    static final long FD_READDIR = 1L << 14;
    static final long FD_FILESTAT_GET = 1L << 21;

    @TempDir(factory = JimfsTempDir.class)
    Path root;

    WasiGuest guest;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("f"), "content");
        guest = new WasiGuest(new WasiConfig().preopenedDir(root, "/"));
    }

    @AfterEach
    void tearDown() throws Exception {
        guest.close();
    }

    long rightsBase(int fd) {
        assertThat(guest.call("fd_fdstat_get", fd, 100)).isEqualTo(SUCCESS);
        return guest.i64(108);
    }

    @Test
    void rightsCanOnlyBeDropped() {
        int fd = guest.open(3, "f", 0, FD_READ | FD_SEEK | FD_TELL, 0);
        assertThat(rightsBase(fd)).isEqualTo(FD_READ | FD_SEEK | FD_TELL);
        assertThat(guest.call("fd_fdstat_set_rights", fd, FD_READ | FD_TELL, 0)).isEqualTo(SUCCESS);
        assertThat(rightsBase(fd)).isEqualTo(FD_READ | FD_TELL);
        assertThat(guest.call("fd_fdstat_set_rights", fd, FD_READ | FD_SEEK, 0)).isEqualTo(NOTCAPABLE);
        assertThat(guest.call("fd_seek", fd, 1, 0, 8)).isEqualTo(NOTCAPABLE);
        assertThat(guest.call("fd_seek", fd, 0, 1, 8)).as("seek(0, CUR) needs only FD_TELL").isEqualTo(SUCCESS);
        assertThat(guest.call("fd_filestat_get", fd, 200)).isEqualTo(NOTCAPABLE);
    }

    @Test
    void aDroppedReadRightIsNotcapable() {
        int fd = guest.open(3, "f", 0, FD_READ | FD_WRITE, 0);
        assertThat(guest.call("fd_fdstat_set_rights", fd, FD_WRITE, 0)).isEqualTo(SUCCESS);
        guest.iovec(16, 1000, 4);
        assertThat(guest.call("fd_read", fd, 16, 1, 8)).isEqualTo(NOTCAPABLE);
        assertThat(guest.call("fd_write", fd, 16, 1, 8)).isEqualTo(SUCCESS);
    }

    @Test
    void openedDescriptorsGetAtMostTheInheritingRights() {
        assertThat(guest.call("fd_fdstat_set_rights", 3, -1L, FD_READ)).isEqualTo(NOTCAPABLE);
        long base = rightsBase(3);
        assertThat(guest.call("fd_fdstat_set_rights", 3, base, FD_READ | FD_SEEK)).isEqualTo(SUCCESS);
        int fd = guest.open(3, "f", 0, WasiGuest.ALL_RIGHTS, 0);
        assertThat(rightsBase(fd)).isEqualTo(FD_READ | FD_SEEK);
        guest.iovec(16, 1000, 4);
        assertThat(guest.call("fd_write", fd, 16, 1, 8)).as("opened without write access").isEqualTo(BADF);
    }

    @Test
    void directoryOperationsNeedTheirRights() {
        rightsBase(3);
        long inheriting = guest.i64(116);
        assertThat(guest.call("fd_fdstat_set_rights", 3, PATH_OPEN | FD_READDIR, inheriting)).isEqualTo(SUCCESS);
        int len = guest.writeString(600, "d");
        assertThat(guest.call("path_create_directory", 3, 600, len)).isEqualTo(NOTCAPABLE);
        assertThat(guest.call("fd_readdir", 3, 1000, 100, 0, 8)).isEqualTo(SUCCESS);
        int f = guest.writeString(600, "f");
        assertThat(guest.call("path_filestat_get", 3, 0, 600, f, 200)).isEqualTo(NOTCAPABLE);
        assertThat(guest.call("path_open", 3, 0, 600, f, 1, WasiGuest.ALL_RIGHTS, 0L, 0, 8))
                .as("O_CREAT needs PATH_CREATE_FILE").isEqualTo(NOTCAPABLE);
        assertThat(guest.call("fd_fdstat_set_rights", 3, PATH_CREATE_DIRECTORY, 0)).isEqualTo(NOTCAPABLE);
    }
}
