package dev.wasmj.wasi.internal.fs;

import static dev.wasmj.wasi.internal.fs.Errnos.assertErrno;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.APPEND;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.internal.Errno;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;

/**
 * {@link SandboxFile} over a channel that is not a {@code FileChannel} (as a provider may give):
 * positional reads and writes and growth are emulated by moving the position and restoring it.
 */
class SandboxFileOverByteChannelTest {

    /** A growable in-memory channel: just {@link SeekableByteChannel}, no positional calls. */
    private static final class MemoryChannel implements SeekableByteChannel {
        byte[] data = new byte[0];
        long position;
        boolean open = true;

        @Override
        public int read(ByteBuffer dst) throws ClosedChannelException {
            check();
            if (position >= data.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), data.length - position);
            dst.put(data, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) throws ClosedChannelException {
            check();
            int n = src.remaining();
            if (position + n > data.length) {
                data = Arrays.copyOf(data, (int) (position + n));
            }
            src.get(data, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public long position() throws ClosedChannelException {
            check();
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) throws ClosedChannelException {
            check();
            position = newPosition;
            return this;
        }

        @Override
        public long size() throws ClosedChannelException {
            check();
            return data.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) throws ClosedChannelException {
            check();
            if (size < data.length) {
                data = Arrays.copyOf(data, (int) size);
            }
            position = Math.min(position, size);
            return this;
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }

        private void check() throws ClosedChannelException {
            if (!open) {
                throw new ClosedChannelException();
            }
        }
    }

    private final MemoryChannel channel = new MemoryChannel();

    private SandboxFile file(int fdflags) {
        Filestat stat = new Filestat(1, 2, FileType.REGULAR_FILE, 1, 0, 0, 0, 0);
        return new SandboxFile(channel, new PathDirHandle(Path.of("/nonexistent-dir")), "f", null, stat, true, true,
                fdflags, EnumSet.allOf(FilePerms.class), 1 << 20);
    }

    private String contents() {
        return new String(channel.data, StandardCharsets.ISO_8859_1);
    }

    @Test
    void positionalCallsLeaveThePosition() throws Exception {
        try (SandboxFile file = file(0)) {
            file.write(bytes("0123456789"));
            file.seek(3, 0);
            ByteBuffer three = ByteBuffer.allocate(3);
            assertThat(file.pread(three, 6)).isEqualTo(3);
            assertThat(new String(three.array(), StandardCharsets.UTF_8)).isEqualTo("678");
            assertThat(file.pwrite(bytes("ab"), 0)).isEqualTo(2);
            assertThat(file.tell()).isEqualTo(3);
            assertThat(file.pread(ByteBuffer.allocate(2), 50)).isZero();
            assertThat(contents()).isEqualTo("ab23456789");
        }
    }

    @Test
    void growsAndShrinksKeepingThePosition() throws Exception {
        try (SandboxFile file = file(0)) {
            file.write(bytes("0123"));
            file.setSize(6);
            assertThat(contents()).isEqualTo("0123\0\0");
            file.allocate(4, 4);
            assertThat(channel.data).hasSize(8);
            file.setSize(2);
            assertThat(contents()).isEqualTo("01");
            assertThat(file.tell()).isEqualTo(4);
            assertErrno(Errno.NOSPC, () -> file.setSize(1 << 21)); // the limit given above
        }
    }

    @Test
    void appendsAtTheEnd() throws Exception {
        try (SandboxFile file = file(APPEND)) {
            file.write(bytes("one"));
            file.seek(0, 0);
            file.write(bytes("two"));
            assertThat(contents()).isEqualTo("onetwo");
            file.sync();
            file.datasync();
        }
    }

    @Test
    void statWithoutTheEntryReportsWhatWasKnownWithTheCurrentSize() throws Exception {
        try (SandboxFile file = file(0)) {
            file.write(bytes("12345"));
            Filestat stat = file.stat();
            assertThat(stat.ino()).isEqualTo(2);
            assertThat(stat.size()).isEqualTo(5);
            assertErrno(Errno.NOTSUP, () -> file.setTimes(0, 0, 8));
        }
        assertThat(channel.isOpen()).isFalse();
    }
}
