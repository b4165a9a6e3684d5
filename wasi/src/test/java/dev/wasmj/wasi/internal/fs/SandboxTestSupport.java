package dev.wasmj.wasi.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.wasi.DirPerms;
import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.internal.ErrnoException;
import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;

/** Shortcuts the sandbox tests share: opening preopens and files, reading and writing text. */
final class SandboxTestSupport {
    private SandboxTestSupport() {}

    static final int CREAT = 1;
    static final int DIRECTORY = 2;
    static final int EXCL = 4;
    static final int TRUNC = 8;
    static final int APPEND = 1;
    static final int DSYNC = 2;
    static final int NONBLOCK = 4;
    static final int SYNC = 16;

    /** The fixture's sandbox root as a preopen with every permission. */
    static SandboxDir openRoot(FsKind.Fixture fixture) throws IOException {
        return SandboxDir.open(fixture.root, EnumSet.allOf(DirPerms.class), EnumSet.allOf(FilePerms.class));
    }

    /** The fixture's sandbox root as a read-only preopen. */
    static SandboxDir openReadOnly(FsKind.Fixture fixture) throws IOException {
        return SandboxDir.open(fixture.root, EnumSet.of(DirPerms.READ), EnumSet.of(FilePerms.READ));
    }

    static SandboxFile openFile(SandboxDir dir, String path, int oflags, boolean read, boolean write)
            throws ErrnoException {
        Closeable opened = dir.open(path, true, oflags, 0, read, write);
        assertThat(opened).isInstanceOf(SandboxFile.class);
        return (SandboxFile) opened;
    }

    static SandboxDir openDir(SandboxDir dir, String path) throws ErrnoException {
        Closeable opened = dir.open(path, true, DIRECTORY, 0, true, false);
        assertThat(opened).isInstanceOf(SandboxDir.class);
        return (SandboxDir) opened;
    }

    /** Reads the whole file at {@code path} through the sandbox. */
    static String readText(SandboxDir dir, String path) throws ErrnoException {
        try (SandboxFile file = openFile(dir, path, 0, true, false)) {
            return readAll(file);
        }
    }

    static String readAll(SandboxFile file) throws ErrnoException {
        StringBuilder text = new StringBuilder();
        ByteBuffer buffer = ByteBuffer.allocate(64);
        while (file.read(buffer.clear()) > 0) {
            text.append(new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8));
        }
        return text.toString();
    }

    /** Creates (or truncates) {@code path} through the sandbox with {@code text}. */
    static void writeText(SandboxDir dir, String path, String text) throws ErrnoException {
        try (SandboxFile file = openFile(dir, path, CREAT | TRUNC, false, true)) {
            file.write(bytes(text));
        }
    }

    static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
