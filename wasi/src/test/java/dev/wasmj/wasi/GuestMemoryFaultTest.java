package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Wild pointers and lengths: every function that takes a pointer fails with EFAULT (the memory
 * has 2 pages, 131,072 bytes) and never throws; a guest without memory gets EFAULT too; a grown
 * memory is seen at once.
 */
class GuestMemoryFaultTest {
    /** Far outside the memory (u32 0xFFFFFFF0). */
    static final long W = 0xFFFFFFF0L;
    /** Inside the memory, but 8 bytes from here cross its end. */
    static final long EDGE = 131_068;
    /** fd 4: a file opened read-write; 3: the preopen; 1: stdout. */
    static final long FILE = 4;
    static final long DIR = 3;
    static final long OUT = 1;

    @TempDir(factory = JimfsTempDir.class)
    Path root;

    WasiGuest guest;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(root.resolve("f"), "content");
        guest = new WasiGuest(new WasiConfig().args("prog", "arg").env("K", "V").preopenedDir(root, "/root"));
        assertThat(guest.open(3, "f", 0, WasiGuest.ALL_RIGHTS, 0)).isEqualTo(4);
        guest.iovec(16, 1000, 4);            // a valid iovec at 16
        guest.iovec(32, (int) W, 4);         // an iovec whose buffer is wild
        guest.iovec(40, 131_000, 1000);      // an iovec whose buffer crosses the end
        guest.writeString(600, "f");         // a valid path at 600, length 1
    }

    @AfterEach
    void tearDown() throws Exception {
        guest.close();
    }

    static Stream<Call> wildCalls() {
        return Stream.of(
                call("args_get", W, 0), call("args_get", 0, W), call("args_get", 0, EDGE),
                call("args_sizes_get", W, 0), call("args_sizes_get", 0, W),
                call("environ_get", W, 0), call("environ_get", 0, W),
                call("environ_sizes_get", W, 0), call("environ_sizes_get", 0, EDGE + 1),
                call("clock_res_get", 0, W), call("clock_res_get", 1, EDGE),
                call("clock_time_get", 0, 0, W), call("clock_time_get", 1, 0, EDGE),
                call("fd_fdstat_get", OUT, W), call("fd_fdstat_get", OUT, EDGE),
                call("fd_filestat_get", FILE, W), call("fd_filestat_get", FILE, 131_030),
                call("fd_pread", FILE, W, 1, 0, 8), call("fd_pread", FILE, 16, 1, 0, W),
                call("fd_pread", FILE, 32, 1, 0, 8), call("fd_pread", FILE, 40, 1, 0, 8),
                call("fd_pread", FILE, 16, 0x2000_0000L, 0, 8),
                call("fd_prestat_get", DIR, W), call("fd_prestat_get", DIR, EDGE + 1),
                call("fd_prestat_dir_name", DIR, W, 5), call("fd_prestat_dir_name", DIR, 131_070, 5),
                call("fd_pwrite", FILE, W, 1, 0, 8), call("fd_pwrite", FILE, 16, 1, 0, W),
                call("fd_pwrite", FILE, 32, 1, 0, 8), call("fd_pwrite", FILE, 16, 0xFFFF_FFFFL, 0, 8),
                call("fd_read", FILE, W, 1, 8), call("fd_read", FILE, 16, 1, W), call("fd_read", FILE, 40, 1, 8),
                call("fd_read", FILE, 16, 2, 8) /* the second entry (at 24) is zeroed: fine */.errno(SUCCESS),
                call("fd_readdir", DIR, W, 100, 0, 8), call("fd_readdir", DIR, 1000, 100, 0, W),
                call("fd_readdir", DIR, 131_000, 1000, 0, 8),
                call("fd_seek", FILE, 0, 0, W), call("fd_seek", FILE, 0, 0, EDGE),
                call("fd_tell", FILE, W),
                call("fd_write", OUT, W, 1, 8), call("fd_write", OUT, 16, 1, W), call("fd_write", OUT, 32, 1, 8),
                call("fd_write", OUT, 40, 1, 8), call("fd_write", OUT, 16, 0x2000_0000L, 8),
                call("path_create_directory", DIR, W, 1), call("path_create_directory", DIR, 131_070, 10),
                call("path_filestat_get", DIR, 0, W, 1, 300), call("path_filestat_get", DIR, 0, 600, 1, W),
                call("path_filestat_get", DIR, 0, 600, 1, 131_030),
                call("path_filestat_set_times", DIR, 0, W, 1, 0, 0, 0),
                call("path_link", DIR, 0, W, 1, DIR, 600, 1), call("path_link", DIR, 0, 600, 1, DIR, W, 1),
                call("path_open", DIR, 0, W, 1, 0, -1, -1, 0, 8), call("path_open", DIR, 0, 600, 1, 0, -1, -1, 0, W),
                call("path_open", DIR, 0, 600, 0xFFFF_FFFFL, 0, -1, -1, 0, 8),
                call("path_readlink", DIR, W, 1, 1000, 10, 8), call("path_readlink", DIR, 600, 1, W, 10, 8),
                call("path_readlink", DIR, 600, 1, 1000, 10, W), call("path_readlink", DIR, 600, 1, 131_000, 1000, 8),
                call("path_remove_directory", DIR, W, 1),
                call("path_rename", DIR, W, 1, DIR, 600, 1), call("path_rename", DIR, 600, 1, DIR, W, 1),
                call("path_symlink", W, 1, DIR, 600, 1), call("path_symlink", 600, 1, DIR, W, 1),
                call("path_unlink_file", DIR, W, 1),
                call("poll_oneoff", W, 1000, 1, 8), call("poll_oneoff", 0, W, 1, 8), call("poll_oneoff", 0, 1000, 1, W),
                call("poll_oneoff", 0, 1000, 0x1000_0000L, 8),
                call("random_get", W, 4), call("random_get", 0, 0x7FFF_FFFFL), call("random_get", 131_000, 1000),
                call("sock_accept", OUT, 0, W),
                call("sock_recv", OUT, W, 1, 0, 8, 12), call("sock_recv", OUT, 16, 1, 0, W, 12),
                call("sock_recv", OUT, 16, 1, 0, 8, W), call("sock_recv", OUT, 32, 1, 0, 8, 12),
                call("sock_send", OUT, W, 1, 0, 8), call("sock_send", OUT, 16, 1, 0, W),
                call("sock_send", OUT, 40, 1, 0, 8));
    }

    record Call(String function, long[] args, int expected) {
        Call errno(int errno) {
            return new Call(function, args, errno);
        }

        @Override
        public String toString() {
            return function + java.util.Arrays.toString(args);
        }
    }

    static Call call(String function, long... args) {
        return new Call(function, args, FAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wildCalls")
    void wildPointersAreEfault(Call call) {
        assertThat(guest.call(call.function(), call.args())).isEqualTo(call.expected());
    }

    @Test
    void everyFunctionTakingPointersIsInTheTable() {
        var covered = wildCalls().map(Call::function).collect(java.util.stream.Collectors.toSet());
        var withoutPointers = java.util.Set.of("fd_advise", "fd_allocate", "fd_close", "fd_datasync",
                "fd_fdstat_set_flags", "fd_fdstat_set_rights", "fd_filestat_set_size", "fd_filestat_set_times",
                "fd_renumber", "fd_sync", "proc_exit", "proc_raise", "sched_yield", "sock_shutdown");
        var expected = new java.util.HashSet<>(WasiGuest.SIGNATURES.keySet());
        expected.removeAll(withoutPointers);
        assertThat(covered).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aFailedWriteWritesNothing() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WasiGuest g = new WasiGuest(new WasiConfig().stdout(out))) {
            g.writeString(1000, "first");
            g.iovec(16, 1000, 5);
            g.iovec(24, (int) W, 5);
            assertThat(g.call("fd_write", 1, 16, 2, 8)).isEqualTo(FAULT);
        }
        assertThat(out.size()).isZero();
    }

    @Test
    void aGuestWithoutMemoryGetsEfaultNotAnException() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WasiGuest g = new WasiGuest(new WasiConfig().stdout(out), false)) {
            assertThat(g.call("fd_write", 1, 0, 0, 0)).isEqualTo(FAULT);
            assertThat(g.call("args_sizes_get", 0, 4)).isEqualTo(FAULT);
            assertThat(g.call("random_get", 0, 0)).isEqualTo(SUCCESS);
            assertThat(g.call("sched_yield")).isEqualTo(SUCCESS);
            assertThat(g.call("fd_close", 1)).isEqualTo(SUCCESS);
        }
    }

    @Test
    void aGrownMemoryIsSeenByTheNextCall() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WasiGuest g = new WasiGuest(new WasiConfig().stdout(out))) {
            int page3 = 2 * 65536 + 100;
            g.iovec(16, page3, 5);
            assertThat(g.call("fd_write", 1, 16, 1, 8)).isEqualTo(FAULT);
            assertThat(g.memory().grow(1)).isEqualTo(2);
            g.writeString(page3, "grown");
            assertThat(g.call("fd_write", 1, 16, 1, 8)).isEqualTo(SUCCESS);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("grown");
    }
}
