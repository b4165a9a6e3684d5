package dev.wasmj.wasi;

import static dev.wasmj.wasi.Errnos.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StdioTest {
    @Test
    void fdWriteIsBufferedUntilFlush() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(out))) {
            assertThat(guest.fdWrite(1, "hello\n")).isEqualTo(SUCCESS);
            assertThat(guest.i32(8)).isEqualTo(6);
            assertThat(out.size()).isZero();
            guest.ctx().flush();
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("hello\n");
        }
    }

    @Test
    void fdWriteGathersSeveralBuffersInOrder() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(out))) {
            guest.writeString(1000, "abc");
            guest.writeString(2000, "");
            guest.writeString(3000, "defg");
            guest.iovec(100, 1000, 3);
            guest.iovec(108, 2000, 0);
            guest.iovec(116, 3000, 4);
            assertThat(guest.call("fd_write", 1, 100, 3, 8)).isEqualTo(SUCCESS);
            assertThat(guest.i32(8)).isEqualTo(7);
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("abcdefg");
    }

    @Test
    void closeFlushesAndFdSyncFlushes() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(out).stderr(err))) {
            guest.fdWrite(2, "to stderr");
            assertThat(err.size()).isZero();
            assertThat(guest.call("fd_sync", 2)).isEqualTo(SUCCESS);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("to stderr");
            guest.fdWrite(1, "to stdout");
        }
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("to stdout");
    }

    @Test
    void interleavedStdoutAndStderrKeepTheirOrderOnOneStream() {
        ByteArrayOutputStream both = new ByteArrayOutputStream();
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(both).stderr(both))) {
            guest.fdWrite(1, "1 out\n");
            guest.fdWrite(2, "2 err\n");
            guest.fdWrite(1, "3 out\n");
            guest.fdWrite(1, "4 out\n");
            guest.fdWrite(2, "5 err\n");
        }
        assertThat(both.toString(StandardCharsets.UTF_8)).isEqualTo("1 out\n2 err\n3 out\n4 out\n5 err\n");
    }

    @Test
    void aWriteLargerThanTheBufferArrivesWhole() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) ('a' + i % 26);
        }
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(out))) {
            guest.fdWrite(1, "x");
            guest.write(4096, big);
            guest.iovec(16, 4096, big.length);
            assertThat(guest.call("fd_write", 1, 16, 1, 8)).isEqualTo(SUCCESS);
            assertThat(guest.i32(8)).isEqualTo(big.length);
        }
        assertThat(out.toByteArray()).hasSize(big.length + 1).startsWith((byte) 'x');
        assertThat(java.util.Arrays.copyOfRange(out.toByteArray(), 1, big.length + 1)).isEqualTo(big);
    }

    @Test
    void stdoutToAFileIsWrittenAndClosed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.txt");
        Files.writeString(file, "old content that is longer");
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(file))) {
            guest.fdWrite(1, "new");
        }
        assertThat(Files.readString(file)).isEqualTo("new");
    }

    @Test
    void discardedStdoutAcceptsWrites() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            assertThat(guest.fdWrite(1, "gone")).isEqualTo(SUCCESS);
            assertThat(guest.i32(8)).isEqualTo(4);
        }
    }

    @Test
    void hostStreamsAreFlushedButNotClosed() {
        boolean[] closed = {false};
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        OutputStream out = new OutputStream() {
            @Override
            public void write(int b) {
                sink.write(b);
            }

            @Override
            public void close() {
                closed[0] = true;
            }
        };
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(out))) {
            guest.fdWrite(1, "kept open");
            assertThat(guest.call("fd_close", 1)).isEqualTo(SUCCESS);
            assertThat(guest.fdWrite(1, "after close")).isEqualTo(BADF);
        }
        assertThat(sink.toString(StandardCharsets.UTF_8)).isEqualTo("kept open");
        assertThat(closed[0]).isFalse();
    }

    @Test
    void fdReadReadsStdinBytesAcrossBuffersThenEndOfFile() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdin("hello world".getBytes(StandardCharsets.UTF_8)))) {
            guest.iovec(16, 1000, 5);
            guest.iovec(24, 2000, 100);
            assertThat(guest.call("fd_read", 0, 16, 2, 8)).isEqualTo(SUCCESS);
            assertThat(guest.i32(8)).isEqualTo(11);
            assertThat(guest.readString(1000, 5)).isEqualTo("hello");
            assertThat(guest.readString(2000, 6)).isEqualTo(" world");
            assertThat(guest.call("fd_read", 0, 16, 2, 8)).isEqualTo(SUCCESS);
            assertThat(guest.i32(8)).isZero();
        }
    }

    @Test
    void stdinFromAFileAndFromAStream(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("in.txt");
        Files.writeString(file, "from file");
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdin(file))) {
            guest.iovec(16, 1000, 100);
            assertThat(guest.call("fd_read", 0, 16, 1, 8)).isEqualTo(SUCCESS);
            assertThat(guest.readString(1000, guest.i32(8))).isEqualTo("from file");
        }
        InputStream stream = new java.io.ByteArrayInputStream("from stream".getBytes(StandardCharsets.UTF_8));
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdin(stream))) {
            guest.iovec(16, 1000, 100);
            assertThat(guest.call("fd_read", 0, 16, 1, 8)).isEqualTo(SUCCESS);
            assertThat(guest.readString(1000, guest.i32(8))).isEqualTo("from stream");
        }
    }

    @Test
    void readingStdinFlushesStdoutFirst() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InputStream in = new InputStream() {
            @Override
            public int read() {
                return out.size() > 0 ? 'y' : 'n';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                b[off] = (byte) read();
                return 1;
            }
        };
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdin(in).stdout(out))) {
            guest.fdWrite(1, "prompt> ");
            guest.iovec(16, 1000, 10);
            assertThat(guest.call("fd_read", 0, 16, 1, 8)).isEqualTo(SUCCESS);
            assertThat(guest.readString(1000, guest.i32(8))).isEqualTo("y");
        }
    }

    @Test
    void stdioKindsAndRightsInFdstat() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdout(new ByteArrayOutputStream()).inheritStderr())) {
            assertThat(guest.call("fd_fdstat_get", 1, 100)).isEqualTo(SUCCESS);
            assertThat(guest.u8(100)).as("a host stream is no terminal: unknown").isEqualTo(0);
            long rights = guest.i64(108);
            assertThat(rights & (1L << 6)).as("FD_WRITE").isNotZero();
            assertThat(rights & ((1L << 2) | (1L << 5))).as("no FD_SEEK, FD_TELL").isZero();
            assertThat(guest.call("fd_fdstat_get", 2, 100)).isEqualTo(SUCCESS);
            assertThat(guest.u8(100)).as("the process's stderr: a terminal or not").isIn(0, 2);
            assertThat(guest.call("fd_fdstat_get", 0, 100)).isEqualTo(SUCCESS);
            assertThat(guest.u8(100)).isEqualTo(0);
            assertThat(guest.i64(108) & (1L << 1)).as("FD_READ").isNotZero();
        }
    }

    @Test
    void readingStdoutOrWritingStdinIsEbadf() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            guest.iovec(16, 1000, 10);
            assertThat(guest.call("fd_read", 1, 16, 1, 8)).isEqualTo(BADF);
            assertThat(guest.call("fd_write", 0, 16, 1, 8)).isEqualTo(BADF);
        }
    }

    @Test
    void seekingAndTellingAStreamIsEspipe() {
        try (WasiGuest guest = new WasiGuest(new WasiConfig())) {
            assertThat(guest.call("fd_seek", 1, 0, 0, 8)).isEqualTo(SPIPE);
            assertThat(guest.call("fd_tell", 0, 8)).isEqualTo(SPIPE);
            assertThat(guest.call("fd_pread", 0, 16, 0, 0, 8)).isEqualTo(SPIPE);
            assertThat(guest.call("fd_pwrite", 1, 16, 0, 0, 8)).isEqualTo(SPIPE);
        }
    }

    @Test
    void nonblockingStdinWithNothingToReadIsEagain() throws Exception {
        java.io.PipedOutputStream feed = new java.io.PipedOutputStream();
        java.io.PipedInputStream in = new java.io.PipedInputStream(feed);
        try (WasiGuest guest = new WasiGuest(new WasiConfig().stdin(in))) {
            assertThat(guest.call("fd_fdstat_set_flags", 0, 4)).isEqualTo(SUCCESS);
            assertThat(guest.call("fd_fdstat_get", 0, 100)).isEqualTo(SUCCESS);
            assertThat(guest.u16(102)).isEqualTo(4);
            guest.iovec(16, 1000, 10);
            assertThat(guest.call("fd_read", 0, 16, 1, 8)).isEqualTo(AGAIN);
            feed.write("late".getBytes(StandardCharsets.UTF_8));
            feed.flush();
            long deadline = System.nanoTime() + 5_000_000_000L;
            int errno;
            do {
                errno = guest.call("fd_read", 0, 16, 1, 8);
            } while (errno == AGAIN && System.nanoTime() < deadline);
            assertThat(errno).isEqualTo(SUCCESS);
            assertThat(guest.readString(1000, guest.i32(8))).isEqualTo("late");
        }
    }
}
