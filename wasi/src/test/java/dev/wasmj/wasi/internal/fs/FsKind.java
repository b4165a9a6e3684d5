package dev.wasmj.wasi.internal.fs;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/** The kinds of file system a preopen may live on, each making a fresh {@link Fixture}. */
enum FsKind {
    /** The host's default file system (Linux), in a temporary directory. */
    HOST(true, true),
    /** Jimfs in its unix configuration. */
    JIMFS(true, true),
    /** A writable zip file system: no symbolic or hard links. */
    ZIP(false, false);

    final boolean symlinks;
    final boolean hardLinks;

    FsKind(boolean symlinks, boolean hardLinks) {
        this.symlinks = symlinks;
        this.hardLinks = hardLinks;
    }

    static Stream<FsKind> all() {
        return Stream.of(values());
    }

    static Stream<FsKind> withSymlinks() {
        return all().filter(kind -> kind.symlinks);
    }

    /**
     * A fresh layout: {@code base/sandbox} (the preopen's root, empty) beside
     * {@code base/outside} holding {@code secret} ("outside-secret") that must stay unreachable.
     */
    Fixture create() throws IOException {
        return switch (this) {
            case HOST -> {
                Path base = Files.createTempDirectory("wasmj-sandbox");
                yield new Fixture(this, base, null, () -> deleteTree(base));
            }
            case JIMFS -> {
                FileSystem fs = Jimfs.newFileSystem(Configuration.unix());
                yield new Fixture(this, fs.getPath("/base"), fs, fs::close);
            }
            case ZIP -> {
                Path dir = Files.createTempDirectory("wasmj-sandbox-zip");
                Path zip = dir.resolve("sandbox.zip");
                FileSystem fs = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()), Map.of("create", "true"));
                yield new Fixture(this, fs.getPath("/base"), fs, () -> {
                    fs.close();
                    deleteTree(dir);
                });
            }
        };
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** One test's file system. */
    static final class Fixture implements AutoCloseable {
        interface Cleanup {
            void run() throws IOException;
        }

        final FsKind kind;
        final Path base;
        final Path root;
        final Path outside;
        private final FileSystem fileSystem;
        private final Cleanup cleanup;

        Fixture(FsKind kind, Path base, FileSystem fileSystem, Cleanup cleanup) throws IOException {
            this.kind = kind;
            this.base = base;
            this.fileSystem = fileSystem;
            this.cleanup = cleanup;
            this.root = Files.createDirectories(base.resolve("sandbox"));
            this.outside = Files.createDirectories(base.resolve("outside"));
            Files.writeString(outside.resolve("secret"), "outside-secret");
        }

        /** A path on this fixture's file system. */
        Path path(String first, String... more) {
            return fileSystem == null ? Path.of(first, more) : fileSystem.getPath(first, more);
        }

        @Override
        public void close() throws IOException {
            cleanup.run();
        }

        @Override
        public String toString() {
            return kind.name();
        }
    }
}
