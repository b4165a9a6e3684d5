package dev.wasmj.wasi.internal.fs;

import static dev.wasmj.wasi.internal.fs.Errnos.assertErrno;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.CREAT;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.DIRECTORY;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.EXCL;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.TRUNC;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openDir;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openFile;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openRoot;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.readText;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.writeText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.wasmj.wasi.DirPerms;
import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.internal.Errno;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link SandboxDir}'s operations and their errnos on every kind of file system. */
class SandboxDirTest {

    // ---- open ----

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void aPreopenMustBeAnExistingDirectory(FsKind kind) throws Exception {
        try (var fx = kind.create()) {
            Files.writeString(fx.root.resolve("file"), "x");
            var all = EnumSet.allOf(DirPerms.class);
            var files = EnumSet.allOf(FilePerms.class);
            assertThatThrownBy(() -> SandboxDir.open(fx.root.resolve("file"), all, files))
                    .isInstanceOf(IOException.class);
            assertThatThrownBy(() -> SandboxDir.open(fx.root.resolve("missing"), all, files))
                    .isInstanceOf(IOException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void createsWritesAndReadsBackAFile(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            writeText(root, "hello.txt", "hello, sandbox");
            assertThat(readText(root, "hello.txt")).isEqualTo("hello, sandbox");
            assertThat(Files.readString(fx.root.resolve("hello.txt"))).isEqualTo("hello, sandbox");
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void openOfAMissingFileIsNoent(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            assertErrno(Errno.NOENT, () -> root.open("missing", true, 0, 0, true, false));
            assertErrno(Errno.NOENT, () -> root.open("missing/file", true, CREAT, 0, true, true));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void emptyPathIsNoent(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            assertErrno(Errno.NOENT, () -> root.open("", true, 0, 0, true, false));
            assertErrno(Errno.NOENT, () -> root.stat("", true));
            assertErrno(Errno.NOENT, () -> root.createDirectory(""));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void exclusiveCreateOfAnExistingFileIsEexist(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            assertErrno(Errno.EXIST, () -> root.open("f", true, CREAT | EXCL, 0, false, true));
            Files.createDirectory(fx.root.resolve("d"));
            assertErrno(Errno.EXIST, () -> root.open("d", true, CREAT | EXCL, 0, false, true));
            // without EXCL an existing file is just opened
            try (var file = openFile(root, "f", CREAT, true, false)) {
                assertThat(SandboxTestSupport.readAll(file)).isEqualTo("x");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void truncOpensTheFileEmpty(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "old contents");
            root.open("f", true, TRUNC, 0, false, true).close();
            assertThat(Files.size(fx.root.resolve("f"))).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void directoryFlagOnAFileIsEnotdir(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            assertErrno(Errno.NOTDIR, () -> root.open("f", true, DIRECTORY, 0, true, false));
            assertErrno(Errno.NOTDIR, () -> root.open("f/", true, 0, 0, true, false));
            assertErrno(Errno.NOTDIR, () -> root.open("f/x", true, 0, 0, true, false));
            assertErrno(Errno.NOTDIR, () -> root.stat("f/", true));
            assertErrno(Errno.NOTDIR, () -> root.stat("f/.", false));
            assertErrno(Errno.NOTDIR, () -> root.open("f/.", true, 0, 0, true, false));
            assertErrno(Errno.NOTDIR, () -> root.unlinkFile("f/."));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void openingADirectoryForWritingIsEisdir(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectory(fx.root.resolve("d"));
            assertErrno(Errno.ISDIR, () -> root.open("d", true, 0, 0, false, true));
            assertErrno(Errno.ISDIR, () -> root.open("d", true, TRUNC, 0, false, false));
            assertErrno(Errno.ISDIR, () -> root.open("new/", true, CREAT, 0, false, true));
            assertErrno(Errno.INVAL, () -> root.open("new", true, CREAT | DIRECTORY, 0, true, false));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void opensDirectoriesAsSandboxDirsThatResolveBelowThem(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("a/b"));
            Files.writeString(fx.root.resolve("a/b/f"), "deep");
            try (Closeable opened = root.open("a", true, 0, 0, true, false); var dot = openDir(root, ".")) {
                assertThat(opened).isInstanceOf(SandboxDir.class);
                SandboxDir a = (SandboxDir) opened;
                assertThat(readText(a, "b/f")).isEqualTo("deep");
                assertThat(readText(a, "b/../b/./f")).isEqualTo("deep");
                assertThat(a.dirPerms()).isEqualTo(root.dirPerms());
                assertThat(a.filePerms()).isEqualTo(root.filePerms());
                assertThat(dot.stat().ino()).isEqualTo(root.stat().ino());
                writeText(a, "b/new", "made below");
                assertThat(Files.readString(fx.root.resolve("a/b/new"))).isEqualTo("made below");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void unknownFlagsAreEinval(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            assertErrno(Errno.INVAL, () -> root.open("f", true, 16 | CREAT, 0, false, true));
            assertErrno(Errno.INVAL, () -> root.open("f", true, CREAT, 32, false, true));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void overlongAndOverdeepPathsAreEnametoolong(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            String deep = String.join("/", java.util.Collections.nCopies(PathResolver.MAX_DEPTH, "d"));
            Files.createDirectories(fx.root.resolve(deep).resolve("d"));
            writeText(root, deep + "/f", "as deep as may be");
            assertThat(readText(root, deep + "/f")).isEqualTo("as deep as may be");
            assertErrno(Errno.NAMETOOLONG, () -> root.open(deep + "/d/f", true, CREAT, 0, true, true));
            assertErrno(Errno.NAMETOOLONG, () -> root.stat(deep + "/d/f", false));
            assertThat(readText(root, deep + "/../d/f")).isEqualTo("as deep as may be");
            String overlong = "x/".repeat(PathResolver.MAX_PATH_BYTES / 2) + "f";
            assertErrno(Errno.NAMETOOLONG, () -> root.stat(overlong, false));
            assertErrno(Errno.NAMETOOLONG, () -> root.stat("\u00e9".repeat(PathResolver.MAX_PATH_BYTES / 2 + 1), false));
        }
    }

    // ---- stat and times ----

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void statsFilesAndDirectories(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "12345");
            Files.writeString(fx.root.resolve("g"), "");
            Files.createDirectory(fx.root.resolve("d"));
            Filestat file = root.stat("f", false);
            assertThat(file.type()).isEqualTo(FileType.REGULAR_FILE);
            assertThat(file.size()).isEqualTo(5);
            assertThat(file.nlink()).isEqualTo(1);
            assertThat(file.mtim()).isEqualTo(Stats.nanos(Files.getLastModifiedTime(fx.root.resolve("f"))));
            assertThat(file.ino()).isNotEqualTo(root.stat("g", false).ino());
            assertThat(file.ino()).isEqualTo(root.stat("d/../f", false).ino());
            assertThat(root.stat("d", false).type()).isEqualTo(FileType.DIRECTORY);
            assertThat(root.stat().type()).isEqualTo(FileType.DIRECTORY);
            assertThat(root.stat(".", false).ino()).isEqualTo(root.stat().ino());
            assertThat(root.stat("d/..", false).ino()).isEqualTo(root.stat().ino());
            assertErrno(Errno.NOENT, () -> root.stat("missing", false));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = "HOST")
    void statReportsTheHostsDeviceInodeAndLinkCount(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            Files.createLink(fx.root.resolve("f2"), fx.root.resolve("f"));
            Filestat stat = root.stat("f", false);
            assertThat(stat.ino()).isEqualTo(((Number) Files.getAttribute(fx.root.resolve("f"), "unix:ino")).longValue());
            assertThat(stat.dev()).isEqualTo(((Number) Files.getAttribute(fx.root.resolve("f"), "unix:dev")).longValue());
            assertThat(stat.nlink()).isEqualTo(2);
            FileTime ctime = (FileTime) Files.getAttribute(fx.root.resolve("f"), "unix:ctime");
            assertThat(stat.ctim()).isEqualTo(Stats.nanos(ctime));
            assertThat(root.stat().ino())
                    .isEqualTo(((Number) Files.getAttribute(fx.root, "unix:ino")).longValue());
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void setsTimesOfPathsAndOfItself(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            long mtim = 1_600_000_000_000_000_000L;
            long atim = 1_500_000_000_000_000_000L;
            root.setTimes("f", true, atim, mtim, 1 | 4);
            assertThat(root.stat("f", true).mtim()).isEqualTo(mtim);
            assertThat(Files.getLastModifiedTime(fx.root.resolve("f")).toInstant())
                    .isEqualTo(Instant.ofEpochSecond(1_600_000_000L));
            if (kind != FsKind.ZIP) { // zip keeps no access time of its own
                assertThat(root.stat("f", true).atim()).isEqualTo(atim);
            }
            long before = System.currentTimeMillis() * 1_000_000L - 5_000_000_000L;
            root.setTimes("f", true, 0, 0, 8);
            assertThat(root.stat("f", true).mtim()).isGreaterThan(before);

            root.setTimes(0, mtim, 4);
            assertThat(root.stat().mtim()).isEqualTo(mtim);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void aTimeWithItsNowFlagIsEinval(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            assertErrno(Errno.INVAL, () -> root.setTimes("f", true, 0, 0, 1 | 2));
            assertErrno(Errno.INVAL, () -> root.setTimes("f", true, 0, 0, 4 | 8));
            assertErrno(Errno.INVAL, () -> root.setTimes(0, 0, 4 | 8));
            assertErrno(Errno.INVAL, () -> root.setTimes("f", true, 0, 0, 16));
            assertErrno(Errno.NOENT, () -> root.setTimes("missing", true, 0, 0, 8));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = "HOST")
    @Timeout(10)
    void aFifoUsedAsADirectoryIsEnotdirWithoutBlocking(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Process mkfifo = new ProcessBuilder("mkfifo", fx.root.resolve("fifo").toString()).inheritIO().start();
            assertThat(mkfifo.waitFor()).isZero();
            assertErrno(Errno.NOTDIR, () -> root.open("fifo/x", true, 0, 0, true, false));
            assertErrno(Errno.NOTDIR, () -> root.stat("fifo/", true));
            assertThat(root.stat("fifo", false).type()).isEqualTo(FileType.UNKNOWN);
            assertThat(root.entries()).extracting(DirEntry::type).last().isEqualTo(FileType.UNKNOWN);
        }
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    void reportsCharacterDevices() throws Exception {
        try (var dev = SandboxDir.open(Path.of("/dev"), EnumSet.of(DirPerms.READ), EnumSet.of(FilePerms.READ))) {
            assertThat(dev.stat("null", false).type()).isEqualTo(FileType.CHARACTER_DEVICE);
            try (var devNull = openFile(dev, "null", 0, true, false)) {
                assertThat(devNull.read(java.nio.ByteBuffer.allocate(8))).isZero();
            }
        }
    }

    // ---- directories ----

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void createsAndRemovesDirectories(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            root.createDirectory("d");
            root.createDirectory("d/e/");
            assertThat(Files.isDirectory(fx.root.resolve("d/e"))).isTrue();
            assertErrno(Errno.EXIST, () -> root.createDirectory("d"));
            assertErrno(Errno.EXIST, () -> root.createDirectory("."));
            assertErrno(Errno.NOENT, () -> root.createDirectory("x/y"));
            assertErrno(Errno.NOTEMPTY, () -> root.removeDirectory("d"));
            root.removeDirectory("d/e");
            root.removeDirectory("d/");
            assertThat(Files.exists(fx.root.resolve("d"))).isFalse();
            assertErrno(Errno.NOENT, () -> root.removeDirectory("d"));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void removeDirectoryOfAFileIsEnotdirAndOfDotIsEinval(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            assertErrno(Errno.NOTDIR, () -> root.removeDirectory("f"));
            assertErrno(Errno.INVAL, () -> root.removeDirectory("."));
            assertThat(Files.exists(fx.root.resolve("f"))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void unlinksFilesButNotDirectories(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            Files.createDirectory(fx.root.resolve("d"));
            assertErrno(Errno.ISDIR, () -> root.unlinkFile("d"));
            assertErrno(Errno.ISDIR, () -> root.unlinkFile("."));
            assertErrno(Errno.NOTDIR, () -> root.unlinkFile("f/"));
            root.unlinkFile("f");
            assertThat(Files.exists(fx.root.resolve("f"))).isFalse();
            assertErrno(Errno.NOENT, () -> root.unlinkFile("f"));
            assertThat(Files.isDirectory(fx.root.resolve("d"))).isTrue();
        }
    }

    // ---- rename ----

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void renamesFilesReplacingAnExistingFile(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("a"), "A");
            Files.writeString(fx.root.resolve("b"), "B");
            root.rename("a", root, "c");
            assertThat(Files.exists(fx.root.resolve("a"))).isFalse();
            assertThat(Files.readString(fx.root.resolve("c"))).isEqualTo("A");
            root.rename("c", root, "b");
            assertThat(Files.readString(fx.root.resolve("b"))).isEqualTo("A");
            assertThat(Files.exists(fx.root.resolve("c"))).isFalse();
            root.rename("b", root, "b");
            assertThat(Files.readString(fx.root.resolve("b"))).isEqualTo("A");
            assertErrno(Errno.NOENT, () -> root.rename("missing", root, "x"));
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void renamesADirectoryOntoAnEmptyOneButNotANonEmptyOne(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("src"));
            Files.writeString(fx.root.resolve("src/f"), "moved");
            Files.createDirectories(fx.root.resolve("empty"));
            Files.createDirectories(fx.root.resolve("full"));
            Files.writeString(fx.root.resolve("full/g"), "stays");
            assertErrno(Errno.NOTEMPTY, () -> root.rename("src", root, "full"));
            root.rename("src", root, "empty");
            assertThat(Files.readString(fx.root.resolve("empty/f"))).isEqualTo("moved");
            assertThat(Files.exists(fx.root.resolve("src"))).isFalse();
            assertThat(Files.readString(fx.root.resolve("full/g"))).isEqualTo("stays");
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void renameBetweenFilesAndDirectoriesIsEisdirOrEnotdir(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            Files.createDirectory(fx.root.resolve("d"));
            assertErrno(Errno.ISDIR, () -> root.rename("f", root, "d"));
            assertErrno(Errno.NOTDIR, () -> root.rename("d", root, "f"));
            assertErrno(Errno.NOTDIR, () -> root.rename("f/", root, "g"));
            assertErrno(Errno.BUSY, () -> root.rename(".", root, "g"));
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("x");
            assertThat(Files.isDirectory(fx.root.resolve("d"))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void renamingADirectoryIntoItselfIsEinval(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("d/sub"));
            assertErrno(Errno.INVAL, () -> root.rename("d", root, "d/sub/d"));
            assertThat(Files.isDirectory(fx.root.resolve("d/sub"))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void renamesIntoAnotherOpenDirectory(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("to"));
            Files.writeString(fx.root.resolve("f"), "moving");
            try (var to = openDir(root, "to")) {
                root.rename("f", to, "g");
                assertThat(readText(to, "g")).isEqualTo("moving");
                to.rename("g", root, "back");
            }
            assertThat(Files.readString(fx.root.resolve("back"))).isEqualTo("moving");
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void renameAndLinkAcrossFileSystemsAreExdev(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx);
             FileSystem other = Jimfs.newFileSystem(Configuration.unix())) {
            Files.createDirectory(other.getPath("/elsewhere"));
            Files.writeString(fx.root.resolve("f"), "stays");
            try (var elsewhere = SandboxDir.open(other.getPath("/elsewhere"), EnumSet.allOf(DirPerms.class),
                    EnumSet.allOf(FilePerms.class))) {
                assertErrno(Errno.XDEV, () -> root.rename("f", elsewhere, "f"));
                assertErrno(Errno.XDEV, () -> root.link("f", false, elsewhere, "f"));
            }
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("stays");
        }
    }

    // ---- links ----

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void makesHardLinks(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectory(fx.root.resolve("d"));
            Files.writeString(fx.root.resolve("f"), "shared");
            try (var d = openDir(root, "d")) {
                root.link("f", false, d, "g");
            }
            assertThat(Files.readString(fx.root.resolve("d/g"))).isEqualTo("shared");
            assertThat(root.stat("d/g", false).ino()).isEqualTo(root.stat("f", false).ino());
            if (kind == FsKind.HOST) { // Jimfs has no link count to report
                assertThat(root.stat("f", false).nlink()).isEqualTo(2);
            }
            assertErrno(Errno.EXIST, () -> root.link("f", false, root, "d/g"));
            assertErrno(Errno.PERM, () -> root.link("d", false, root, "d2"));
            assertErrno(Errno.NOENT, () -> root.link("missing", false, root, "x"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void makesAndReadsSymbolicLinks(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectory(fx.root.resolve("sub"));
            Files.writeString(fx.root.resolve("sub/f"), "through the link");
            root.symlink("sub", "l");
            root.symlink("sub/f", "fl");
            root.symlink("../outside/secret", "out");
            assertThat(Files.readSymbolicLink(fx.root.resolve("l")).toString()).isEqualTo("sub");
            assertThat(new String(root.readlink("l"), StandardCharsets.UTF_8)).isEqualTo("sub");
            assertThat(new String(root.readlink("out"), StandardCharsets.UTF_8)).isEqualTo("../outside/secret");
            assertThat(readText(root, "l/f")).isEqualTo("through the link");
            assertThat(readText(root, "fl")).isEqualTo("through the link");
            assertThat(root.stat("fl", false).type()).isEqualTo(FileType.SYMBOLIC_LINK);
            assertThat(root.stat("fl", true).type()).isEqualTo(FileType.REGULAR_FILE);
            assertThat(root.stat("l/", false).type()).isEqualTo(FileType.DIRECTORY);
            assertErrno(Errno.EXIST, () -> root.symlink("x", "l"));
            assertErrno(Errno.EXIST, () -> root.symlink("x", "."));
            assertErrno(Errno.NOENT, () -> root.symlink("", "empty"));
            assertErrno(Errno.INVAL, () -> root.readlink("sub"));
            assertErrno(Errno.INVAL, () -> root.readlink("."));
            assertErrno(Errno.NOENT, () -> root.readlink("missing"));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void withoutFollowASymbolicLinkIsTheLinkItself(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "target");
            Files.createDirectory(fx.root.resolve("d"));
            root.symlink("f", "fl");
            root.symlink("d", "dl");
            assertErrno(Errno.LOOP, () -> root.open("fl", false, 0, 0, true, false));
            assertErrno(Errno.LOOP, () -> root.open("dl", false, DIRECTORY, 0, true, false));
            assertErrno(Errno.NOTDIR, () -> root.removeDirectory("dl"));
            root.unlinkFile("fl");
            root.unlinkFile("dl");
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("target");
            assertThat(Files.isDirectory(fx.root.resolve("d"))).isTrue();
            assertThat(Files.exists(fx.root.resolve("fl"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void setsTimesThroughALinkOrOfTheLinkItselfWhereTheProviderCan(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            root.symlink("f", "l");
            long mtim = 1_400_000_000_000_000_000L;
            root.setTimes("l", true, 0, mtim, 4);
            assertThat(root.stat("f", false).mtim()).isEqualTo(mtim);
            if (kind == FsKind.HOST) { // Linux's provider sets times through an O_NOFOLLOW open
                assertErrno(Errno.NOTSUP, () -> root.setTimes("l", false, 0, 0, 4));
            } else {
                root.setTimes("l", false, 0, 0, 4);
                assertThat(root.stat("l", false).mtim()).isZero();
            }
            assertThat(root.stat("f", false).mtim()).isEqualTo(mtim);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void followsLinksInTheMiddleOfAPathAndCreatesThroughDanglingOnes(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("a/b"));
            root.symlink("a/b", "ab");
            root.symlink("../made", "a/b/dangling");
            writeText(root, "ab/../b/./f", "middle");
            assertThat(Files.readString(fx.root.resolve("a/b/f"))).isEqualTo("middle");
            try (var file = openFile(root, "ab/dangling", CREAT, false, true)) {
                file.write(SandboxTestSupport.bytes("made through a dangling link"));
            }
            assertThat(Files.readString(fx.root.resolve("a/made"))).isEqualTo("made through a dangling link");
            assertThat(readText(root, "ab/dangling")).isEqualTo("made through a dangling link");
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void exclusiveCreateDoesNotFollowADanglingLink(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            root.symlink("target", "dangling");
            assertErrno(Errno.EXIST, () -> root.open("dangling", true, CREAT | EXCL, 0, false, true));
            assertThat(Files.exists(fx.root.resolve("target"))).isFalse();
            root.open("dangling", true, CREAT, 0, false, true).close();
            assertThat(Files.isRegularFile(fx.root.resolve("target"))).isTrue();
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = "ZIP")
    void linksAreEnotsupWhereTheFileSystemHasNone(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "x");
            assertErrno(Errno.NOTSUP, () -> root.link("f", false, root, "g"));
            assertErrno(Errno.NOTSUP, () -> root.symlink("f", "l"));
            assertErrno(Errno.INVAL, () -> root.readlink("f"));
            assertThat(Files.exists(fx.root.resolve("g"))).isFalse();
        }
    }

    // ---- entries ----

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void listsDotEntriesFirstThenByName(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("b"), "x");
            Files.writeString(fx.root.resolve("a"), "x");
            Files.createDirectory(fx.root.resolve("C"));
            Files.writeString(fx.root.resolve("C/inner"), "x");
            List<DirEntry> entries = root.entries();
            assertThat(entries).extracting(e -> new String(e.name(), StandardCharsets.UTF_8))
                    .containsExactly(".", "..", "C", "a", "b");
            assertThat(entries).extracting(DirEntry::type).containsExactly(FileType.DIRECTORY,
                    FileType.DIRECTORY, FileType.DIRECTORY, FileType.REGULAR_FILE, FileType.REGULAR_FILE);
            assertThat(entries.get(0).ino()).isEqualTo(root.stat().ino());
            assertThat(entries.get(3).ino()).isEqualTo(root.stat("a", false).ino());
            assertThat(entries.get(2).ino()).isEqualTo(root.stat("C", false).ino());
            assertThat(root.entries()).usingRecursiveFieldByFieldElementComparator().isEqualTo(entries);
            try (var c = openDir(root, "C")) {
                List<DirEntry> inner = c.entries();
                assertThat(inner).extracting(e -> new String(e.name(), StandardCharsets.UTF_8))
                        .containsExactly(".", "..", "inner");
                assertThat(inner.get(0).ino()).isEqualTo(root.stat("C", false).ino());
                assertThat(inner.get(1).ino()).isEqualTo(root.stat().ino());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"JIMFS", "ZIP"})
    void entryNamesAreUtf8(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            writeText(root, "grüße-\u6587", "x");
            List<DirEntry> entries = root.entries();
            assertThat(entries.get(2).name()).isEqualTo("grüße-\u6587".getBytes(StandardCharsets.UTF_8));
            assertThat(readText(root, "grüße-\u6587")).isEqualTo("x");
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void listsSymbolicLinksAsLinks(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectory(fx.root.resolve("d"));
            root.symlink("d", "link");
            root.symlink("nowhere", "dangling");
            List<DirEntry> entries = root.entries();
            assertThat(entries).extracting(e -> new String(e.name(), StandardCharsets.UTF_8))
                    .containsExactly(".", "..", "d", "dangling", "link");
            assertThat(entries).extracting(DirEntry::type).containsExactly(FileType.DIRECTORY,
                    FileType.DIRECTORY, FileType.DIRECTORY, FileType.SYMBOLIC_LINK, FileType.SYMBOLIC_LINK);
            assertThat(entries.get(4).ino()).isEqualTo(root.stat("link", false).ino())
                    .isNotEqualTo(root.stat("d", false).ino());
        }
    }

    // ---- sync and close ----

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void syncsAndClosesIdempotently(FsKind kind) throws Exception {
        try (var fx = kind.create()) {
            var root = openRoot(fx);
            root.sync();
            root.close();
            root.close();
            assertErrno(Errno.BADF, root::stat);
            assertErrno(Errno.BADF, () -> root.open("f", true, CREAT, 0, false, true));
            assertErrno(Errno.BADF, root::entries);
            assertThat(Files.exists(fx.root.resolve("f"))).isFalse();
        }
    }
}
