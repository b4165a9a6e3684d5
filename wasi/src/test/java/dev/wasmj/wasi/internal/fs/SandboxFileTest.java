package dev.wasmj.wasi.internal.fs;

import static dev.wasmj.wasi.internal.fs.Errnos.assertErrno;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.APPEND;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.CREAT;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.DSYNC;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.NONBLOCK;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.SYNC;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.bytes;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openFile;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openRoot;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.readAll;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.wasi.internal.Errno;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SandboxFile}: reading, writing, positions, sizes and flags on every kind of file system. */
class SandboxFileTest {

    private static String text(ByteBuffer buffer) {
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void readsAndWritesMovingThePosition(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            assertThat(file.readable()).isTrue();
            assertThat(file.writable()).isTrue();
            assertThat(file.write(bytes("hello world"))).isEqualTo(11);
            assertThat(file.tell()).isEqualTo(11);
            ByteBuffer buffer = ByteBuffer.allocate(5);
            assertThat(file.read(buffer)).isZero();
            assertThat(file.seek(6, 0)).isEqualTo(6);
            assertThat(file.read(buffer)).isEqualTo(5);
            assertThat(text(buffer)).isEqualTo("world");
            assertThat(file.tell()).isEqualTo(11);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void positionalReadsAndWritesLeaveThePosition(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            file.write(bytes("0123456789"));
            file.seek(2, 0);
            ByteBuffer buffer = ByteBuffer.allocate(3);
            assertThat(file.pread(buffer, 5)).isEqualTo(3);
            assertThat(text(buffer)).isEqualTo("567");
            assertThat(file.tell()).isEqualTo(2);
            assertThat(file.pwrite(bytes("ab"), 8)).isEqualTo(2);
            assertThat(file.tell()).isEqualTo(2);
            assertThat(file.pread(ByteBuffer.allocate(4), 100)).isZero();
            assertErrno(Errno.INVAL, () -> file.pread(ByteBuffer.allocate(1), -1));
            assertErrno(Errno.INVAL, () -> file.pwrite(bytes("x"), -1));
            file.seek(0, 0);
            assertThat(readAll(file)).isEqualTo("01234567ab");
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void seeksFromStartCurrentAndEnd(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            file.write(bytes("0123456789"));
            assertThat(file.seek(3, 0)).isEqualTo(3);
            assertThat(file.seek(2, 1)).isEqualTo(5);
            assertThat(file.seek(-1, 1)).isEqualTo(4);
            assertThat(file.seek(-3, 2)).isEqualTo(7);
            assertThat(file.seek(5, 2)).isEqualTo(15);
            assertErrno(Errno.INVAL, () -> file.seek(-11, 2));
            assertErrno(Errno.INVAL, () -> file.seek(-1, 0));
            assertErrno(Errno.INVAL, () -> file.seek(0, 3));
            assertErrno(Errno.INVAL, () -> file.seek(Long.MAX_VALUE, 2));
            assertThat(file.tell()).isEqualTo(15);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void appendModeWritesAtTheEnd(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("log"), "one\n");
            try (var file = (SandboxFile) root.open("log", true, 0, APPEND, true, true)) {
                assertThat(file.fdflags()).isEqualTo(APPEND);
                file.seek(0, 0);
                file.write(bytes("two\n"));
                file.setFdflags(0);
                file.seek(0, 0);
                file.write(bytes("ONE\n"));
                file.setFdflags(APPEND | NONBLOCK);
                assertThat(file.fdflags()).isEqualTo(APPEND | NONBLOCK);
                file.write(bytes("three\n"));
                file.seek(0, 0);
                assertThat(readAll(file)).isEqualTo("ONE\ntwo\nthree\n");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void onlyAppendAndNonblockChangeAfterOpen(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            try (var file = openFile(root, "f", CREAT, true, true)) {
                assertErrno(Errno.NOTSUP, () -> file.setFdflags(SYNC));
                assertErrno(Errno.NOTSUP, () -> file.setFdflags(DSYNC));
                assertErrno(Errno.INVAL, () -> file.setFdflags(64));
                assertThat(file.fdflags()).isZero();
            }
            try (var synced = (SandboxFile) root.open("f", true, 0, DSYNC, true, true)) {
                assertThat(synced.fdflags()).isEqualTo(DSYNC);
                synced.setFdflags(DSYNC | APPEND);
                synced.write(bytes("durable"));
            }
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("durable");
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void setSizeTruncatesOrExtendsWithZerosKeepingThePosition(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            file.write(bytes("0123456789"));
            file.setSize(4);
            assertThat(file.stat().size()).isEqualTo(4);
            assertThat(file.tell()).isEqualTo(10);
            file.setSize(6);
            ByteBuffer all = ByteBuffer.allocate(10);
            assertThat(file.pread(all, 0)).isEqualTo(6);
            assertThat(all.array()).startsWith('0', '1', '2', '3', 0, 0);
            assertErrno(Errno.INVAL, () -> file.setSize(-1));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void allocateOnlyExtends(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            file.write(bytes("0123456789"));
            file.allocate(0, 4);
            assertThat(file.stat().size()).isEqualTo(10);
            file.allocate(8, 8);
            assertThat(file.stat().size()).isEqualTo(16);
            assertThat(file.tell()).isEqualTo(10);
            assertErrno(Errno.INVAL, () -> file.allocate(0, 0));
            assertErrno(Errno.INVAL, () -> file.allocate(-1, 4));
            assertErrno(Errno.FBIG, () -> file.allocate(Long.MAX_VALUE, 2));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"JIMFS", "ZIP"})
    void aHugeGapOfZerosIsEnospcWhereTheProviderWouldStoreIt(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            file.write(bytes("small"));
            long huge = 1L << 40;
            assertErrno(Errno.NOSPC, () -> file.setSize(huge));
            assertErrno(Errno.NOSPC, () -> file.allocate(0, huge));
            assertErrno(Errno.NOSPC, () -> file.pwrite(bytes("x"), huge));
            file.seek(huge, 0);
            assertErrno(Errno.NOSPC, () -> file.write(bytes("x")));
            assertThat(file.stat().size()).isEqualTo(5);
            file.setSize(4096); // a modest gap is fine
            assertThat(file.stat().size()).isEqualTo(4096);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = "HOST")
    void theHostsFileSystemGrowsFilesSparsely(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            long big = Runtime.getRuntime().maxMemory() / 4 + (1L << 20); // beyond what other providers may add
            file.setSize(big);
            assertThat(file.stat().size()).isEqualTo(big);
            assertThat(file.pwrite(bytes("end"), big)).isEqualTo(3);
            assertThat(file.stat().size()).isEqualTo(big + 3);
            file.setSize(0);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void adviseChecksTheAdvice(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            for (int advice = 0; advice <= 5; advice++) {
                file.advise(0, 100, advice);
            }
            assertErrno(Errno.INVAL, () -> file.advise(0, 100, 6));
            assertErrno(Errno.INVAL, () -> file.advise(0, 100, -1));
            assertErrno(Errno.INVAL, () -> file.advise(-1, 100, 0));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void statsAndSyncsAnOpenFile(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            file.write(bytes("abc"));
            file.sync();
            file.datasync();
            Filestat stat = file.stat();
            assertThat(stat.type()).isEqualTo(FileType.REGULAR_FILE);
            assertThat(stat.size()).isEqualTo(3);
            long mtim = 1_234_567_890_123_456_789L;
            assertErrno(Errno.INVAL, () -> file.setTimes(0, 0, 1 | 2));
            if (kind == FsKind.ZIP) {
                // a zip entry being written appears (with the time of closing) only when closed
                assertErrno(Errno.NOTSUP, () -> file.setTimes(0, mtim, 4));
                return;
            }
            file.setTimes(0, mtim, 4);
            assertThat(root.stat("f", false).mtim()).isEqualTo(mtim);
            assertThat(file.stat().mtim()).isEqualTo(mtim);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void statOfAnOpenFileFollowsItsIdentityAcrossARename(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             var file = openFile(root, "f", CREAT, true, true)) {
            file.write(bytes("abc"));
            long ino = file.stat().ino();
            assertThat(ino).isEqualTo(root.stat("f", false).ino());
            Files.writeString(fx.root.resolve("other"), "a different file");
            root.rename("other", root, "f");
            Filestat stat = file.stat();
            assertThat(stat.ino()).isEqualTo(ino);
            assertThat(stat.size()).isEqualTo(3);
            assertErrno(Errno.NOTSUP, () -> file.setTimes(0, 0, 8));
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("a different file");
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void accessIsLimitedToWhatWasOpened(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "content");
            try (var readOnly = openFile(root, "f", 0, true, false)) {
                assertThat(readOnly.writable()).isFalse();
                assertErrno(Errno.BADF, () -> readOnly.write(bytes("x")));
                assertErrno(Errno.BADF, () -> readOnly.pwrite(bytes("x"), 0));
                assertErrno(Errno.BADF, () -> readOnly.setSize(0));
                assertErrno(Errno.BADF, () -> readOnly.allocate(0, 100));
            }
            try (var writeOnly = openFile(root, "f", 0, false, true)) {
                assertThat(writeOnly.readable()).isFalse();
                assertErrno(Errno.BADF, () -> writeOnly.read(ByteBuffer.allocate(4)));
                assertErrno(Errno.BADF, () -> writeOnly.pread(ByteBuffer.allocate(4), 0));
            }
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("content");
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void closeIsIdempotentAndEndsTheDescriptor(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            var file = openFile(root, "f", CREAT, true, true);
            file.write(bytes("kept"));
            file.close();
            file.close();
            assertErrno(Errno.BADF, () -> file.read(ByteBuffer.allocate(4)));
            assertErrno(Errno.BADF, () -> file.write(bytes("x")));
            assertErrno(Errno.BADF, () -> file.seek(0, 0));
            assertErrno(Errno.BADF, file::tell);
            assertErrno(Errno.BADF, file::stat);
            assertErrno(Errno.BADF, file::sync);
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("kept");
        }
    }
}
