package dev.wasmj.wasi.internal.fs;

import static dev.wasmj.wasi.internal.fs.Errnos.assertErrno;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.CREAT;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.EXCL;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.TRUNC;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.bytes;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openDir;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openFile;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openReadOnly;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.readText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.wasi.DirPerms;
import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.internal.Errno;
import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Preopens without write permissions: every mutation fails (EPERM) and nothing on disk changes. */
class ReadOnlySandboxTest {

    /** Every entry under {@code root}: kind, contents or link target, and modification time. */
    private static Map<String, String> snapshot(Path root) throws IOException {
        Map<String, String> entries = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.toList()) {
                String state;
                if (Files.isSymbolicLink(path)) {
                    state = "link->" + Files.readSymbolicLink(path);
                } else if (Files.isDirectory(path)) {
                    state = "dir";
                } else {
                    state = "file:" + Files.readString(path);
                }
                entries.put(root.relativize(path).toString(),
                        state + "@" + Files.getLastModifiedTime(path, LinkOption.NOFOLLOW_LINKS));
            }
        }
        return entries;
    }

    private static void populate(FsKind.Fixture fx) throws IOException {
        Files.createDirectories(fx.root.resolve("d/e"));
        Files.writeString(fx.root.resolve("f"), "read me");
        Files.writeString(fx.root.resolve("d/g"), "below");
        if (fx.kind.symlinks) {
            Files.createSymbolicLink(fx.root.resolve("l"), fx.path("f"));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void everyMutationIsRefusedAndNothingChanges(FsKind kind) throws Exception {
        try (var fx = kind.create()) {
            populate(fx);
            Map<String, String> before = snapshot(fx.root);
            try (var root = openReadOnly(fx)) {
                assertErrno(Errno.PERM, () -> root.open("new", true, CREAT, 0, true, true));
                assertErrno(Errno.PERM, () -> root.open("f", true, CREAT, 0, true, false));
                assertErrno(Errno.PERM, () -> root.open("f", true, CREAT | EXCL, 0, false, true));
                assertErrno(Errno.PERM, () -> root.open("f", true, 0, 0, false, true));
                assertErrno(Errno.PERM, () -> root.open("f", true, TRUNC, 0, true, false));
                assertErrno(Errno.PERM, () -> root.createDirectory("newdir"));
                assertErrno(Errno.PERM, () -> root.removeDirectory("d/e"));
                assertErrno(Errno.PERM, () -> root.unlinkFile("f"));
                assertErrno(Errno.PERM, () -> root.rename("f", root, "renamed"));
                assertErrno(Errno.PERM, () -> root.link("f", false, root, "hard"));
                assertErrno(Errno.PERM, () -> root.symlink("f", "sym"));
                assertErrno(Errno.PERM, () -> root.setTimes("f", true, 0, 0, 8));
                assertErrno(Errno.PERM, () -> root.setTimes(0, 0, 8));
                try (var file = openFile(root, "f", 0, true, false)) {
                    assertErrno(Errno.BADF, () -> file.write(bytes("x")));
                    assertErrno(Errno.BADF, () -> file.pwrite(bytes("x"), 0));
                    assertErrno(Errno.BADF, () -> file.setSize(0));
                    assertErrno(Errno.BADF, () -> file.allocate(0, 100));
                    assertErrno(Errno.PERM, () -> file.setTimes(0, 0, 8));
                }
                try (var d = openDir(root, "d")) {
                    assertThat(d.dirPerms()).containsExactly(DirPerms.READ);
                    assertErrno(Errno.PERM, () -> d.createDirectory("x"));
                    assertErrno(Errno.PERM, () -> d.unlinkFile("g"));
                    assertErrno(Errno.PERM, () -> d.open("g", true, 0, 0, false, true));
                    assertErrno(Errno.PERM, () -> d.rename("g", root, "moved"));
                }
                // reading still works
                assertThat(readText(root, "f")).isEqualTo("read me");
                assertThat(readText(root, "d/g")).isEqualTo("below");
                assertThat(root.entries()).hasSize(kind.symlinks ? 5 : 4);
                assertThat(root.stat("d", false).type()).isEqualTo(FileType.DIRECTORY);
                if (kind.symlinks) {
                    assertThat(root.readlink("l")).isEqualTo(new byte[] {'f'});
                }
            }
            assertThat(snapshot(fx.root)).isEqualTo(before);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void withoutDirectoryReadNothingCanBeLookedUp(FsKind kind) throws Exception {
        try (var fx = kind.create()) {
            populate(fx);
            try (var root = SandboxDir.open(fx.root, EnumSet.noneOf(DirPerms.class), EnumSet.allOf(FilePerms.class))) {
                assertErrno(Errno.PERM, () -> root.open("f", true, 0, 0, true, false));
                assertErrno(Errno.PERM, () -> root.stat("f", false));
                assertErrno(Errno.PERM, root::entries);
                assertErrno(Errno.PERM, () -> root.readlink("l"));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void withoutFileWriteDirectoriesChangeButFilesDoNot(FsKind kind) throws Exception {
        try (var fx = kind.create()) {
            populate(fx);
            try (var root = SandboxDir.open(fx.root, EnumSet.allOf(DirPerms.class), EnumSet.of(FilePerms.READ))) {
                assertErrno(Errno.PERM, () -> root.open("f", true, 0, 0, true, true));
                assertErrno(Errno.PERM, () -> root.open("new", true, CREAT, 0, true, true));
                root.createDirectory("made");
                root.rename("f", root, "d/f");
                assertThat(readText(root, "d/f")).isEqualTo("read me");
            }
            assertThat(Files.isDirectory(fx.root.resolve("made"))).isTrue();
            assertThat(Files.exists(fx.root.resolve("new"))).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void withoutFileReadFilesCannotBeRead(FsKind kind) throws Exception {
        try (var fx = kind.create()) {
            populate(fx);
            try (var root = SandboxDir.open(fx.root, EnumSet.allOf(DirPerms.class), EnumSet.of(FilePerms.WRITE))) {
                assertErrno(Errno.PERM, () -> root.open("f", true, 0, 0, true, false));
                try (var file = openFile(root, "f", 0, false, true)) {
                    assertErrno(Errno.BADF, () -> file.read(ByteBuffer.allocate(4)));
                    file.pwrite(bytes("R"), 0);
                }
            }
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("Read me");
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = "ZIP")
    void aReadOnlyZipFileSystemIsErofs(FsKind kind) throws Exception {
        try (var fx = kind.create()) {
            populate(fx);
            Path zip = Path.of(fx.root.getFileSystem().toString());
            fx.root.getFileSystem().close();
            try (FileSystem readOnly = FileSystems.newFileSystem(URI.create("jar:" + zip.toUri()),
                    Map.of("accessMode", "readOnly"));
                 var root = SandboxDir.open(readOnly.getPath("/base/sandbox"), EnumSet.allOf(DirPerms.class),
                         EnumSet.allOf(FilePerms.class))) {
                assertErrno(Errno.ROFS, () -> root.open("new", true, CREAT, 0, true, true));
                assertErrno(Errno.ROFS, () -> root.open("f", true, 0, 0, true, true));
                assertErrno(Errno.ROFS, () -> root.createDirectory("x"));
                assertErrno(Errno.ROFS, () -> root.unlinkFile("f"));
                assertThat(readText(root, "f")).isEqualTo("read me");
            }
        }
    }
}
