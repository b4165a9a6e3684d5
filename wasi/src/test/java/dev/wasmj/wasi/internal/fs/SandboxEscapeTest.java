package dev.wasmj.wasi.internal.fs;

import static dev.wasmj.wasi.internal.fs.Errnos.assertErrno;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.CREAT;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openDir;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openRoot;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.readText;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.writeText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.wasi.internal.Errno;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every way out of the sandbox a guest might try: each must fail (mostly with ENOTCAPABLE) and
 * leave the outside untouched. The fixture's {@code outside/secret} sits beside the sandbox root.
 */
class SandboxEscapeTest {

    private static final List<String> DOT_DOT_ESCAPES = List.of(
            "..", "../", "../outside/secret", "a/../../outside/secret", "./../outside/secret",
            "a/b/../../../outside/secret", "a/./../.././outside", "../sandbox/a");

    private static void assertOutsideUntouched(FsKind.Fixture fx) throws Exception {
        assertThat(Files.readString(fx.outside.resolve("secret"))).isEqualTo("outside-secret");
        try (Stream<Path> listing = Files.list(fx.outside)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactly("secret");
        }
        try (Stream<Path> listing = Files.list(fx.base)) {
            assertThat(listing.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("sandbox", "outside");
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void dotDotCannotLeaveTheRoot(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("a/b"));
            for (String path : DOT_DOT_ESCAPES) {
                assertErrno(Errno.NOTCAPABLE, () -> root.open(path, true, 0, 0, true, false));
                assertErrno(Errno.NOTCAPABLE, () -> root.open(path, true, CREAT, 0, true, true));
                assertErrno(Errno.NOTCAPABLE, () -> root.stat(path, true));
                assertErrno(Errno.NOTCAPABLE, () -> root.stat(path, false));
                assertErrno(Errno.NOTCAPABLE, () -> root.setTimes(path, true, 0, 0, 8));
                assertErrno(Errno.NOTCAPABLE, () -> root.unlinkFile(path));
                assertErrno(Errno.NOTCAPABLE, () -> root.removeDirectory(path));
                assertErrno(Errno.NOTCAPABLE, () -> root.createDirectory(path + "/x"));
                assertErrno(Errno.NOTCAPABLE, () -> root.rename(path, root, "stolen"));
                assertErrno(Errno.NOTCAPABLE, () -> root.readlink(path));
            }
            assertThat(Files.exists(fx.root.resolve("stolen"))).isFalse();
            assertOutsideUntouched(fx);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void dotDotWithinTheRootIsFine(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("a/b"));
            writeText(root, "a/b/../../f", "at the root");
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("at the root");
            assertThat(readText(root, "a/./b/../../a/../f")).isEqualTo("at the root");
            assertThat(root.stat("a/..", true).ino()).isEqualTo(root.stat().ino());
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void absolutePathsAreNotCapable(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "inside");
            String outsideSecret = fx.outside.resolve("secret").toAbsolutePath().toString();
            String insideFile = fx.root.resolve("f").toAbsolutePath().toString();
            for (String path : List.of("/", "/f", outsideSecret, insideFile, "//f")) {
                assertErrno(Errno.NOTCAPABLE, () -> root.open(path, true, 0, 0, true, false));
                assertErrno(Errno.NOTCAPABLE, () -> root.stat(path, false));
                assertErrno(Errno.NOTCAPABLE, () -> root.unlinkFile(path));
                assertErrno(Errno.NOTCAPABLE, () -> root.rename("f", root, path));
                assertErrno(Errno.NOTCAPABLE, () -> root.link(path, false, root, "g"));
            }
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("inside");
            assertOutsideUntouched(fx);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void anEncodedSlashIsJustAName(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            writeText(root, "..%2foutside%2fsecret", "a plain file");
            assertThat(Files.readString(fx.root.resolve("..%2foutside%2fsecret"))).isEqualTo("a plain file");
            assertThat(readText(root, "..%2foutside%2fsecret")).isEqualTo("a plain file");
            if (kind == FsKind.ZIP) { // zip reads a backslash as a separator: no such name there
                assertErrno(Errno.ILSEQ, () -> writeText(root, "..\\outside\\secret", "climbing"));
                assertErrno(Errno.ILSEQ, () -> root.stat("a\\..\\..\\outside", false));
            } else {
                writeText(root, "..\\outside\\secret", "backslashes are names too");
                assertThat(Files.readString(fx.root.resolve("..\\outside\\secret")))
                        .isEqualTo("backslashes are names too");
            }
            assertErrno(Errno.INVAL, () -> root.open("f\0/../../outside/secret", true, 0, 0, true, false));
            assertOutsideUntouched(fx);
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void aSubdirectoryIsItsOwnRoot(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("sub/inner"));
            Files.writeString(fx.root.resolve("sibling"), "beside sub");
            try (var sub = openDir(root, "sub")) {
                assertErrno(Errno.NOTCAPABLE, () -> sub.open("../sibling", true, 0, 0, true, false));
                assertErrno(Errno.NOTCAPABLE, () -> sub.open("inner/../../sibling", true, 0, 0, true, false));
                assertErrno(Errno.NOTCAPABLE, () -> sub.stat("..", false));
                assertThat(sub.stat("inner/..", false).ino()).isEqualTo(sub.stat().ino());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void readdirOfTheRootDoesNotRevealItsParent(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            List<DirEntry> entries = root.entries();
            assertThat(entries).hasSize(2);
            assertThat(new String(entries.get(1).name(), StandardCharsets.UTF_8)).isEqualTo("..");
            assertThat(entries.get(1).ino()).isEqualTo(entries.get(0).ino()).isEqualTo(root.stat().ino());
            Files.createDirectory(fx.root.resolve("a"));
            for (String sameRoot : List.of(".", "a/..", "./a/../.")) {
                try (var again = openDir(root, sameRoot)) {
                    List<DirEntry> listed = again.entries();
                    assertThat(listed.get(1).ino()).as(sameRoot).isEqualTo(root.stat().ino());
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(FsKind.class)
    void renameAndLinkCannotMoveThingsOut(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("f"), "stays inside");
            Files.createDirectory(fx.root.resolve("d"));
            assertErrno(Errno.NOTCAPABLE, () -> root.rename("f", root, "../outside/f"));
            assertErrno(Errno.NOTCAPABLE, () -> root.rename("f", root, "d/../../f"));
            assertErrno(Errno.NOTCAPABLE, () -> root.rename("d", root, "../d"));
            assertErrno(Errno.NOTCAPABLE, () -> root.link("f", false, root, "../outside/f"));
            assertErrno(Errno.NOTCAPABLE, () -> root.link("../outside/secret", false, root, "g"));
            assertErrno(Errno.NOTCAPABLE, () -> root.link("../outside/secret", true, root, "g"));
            assertErrno(Errno.NOTCAPABLE, () -> root.symlink("f", "../outside/l"));
            assertThat(Files.readString(fx.root.resolve("f"))).isEqualTo("stays inside");
            assertThat(Files.exists(fx.root.resolve("g"))).isFalse();
            assertOutsideUntouched(fx);
        }
    }

    // ---- symbolic links ----

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void aLinkToAnAbsoluteOutsideDirectoryIsNotFollowed(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createSymbolicLink(fx.root.resolve("abs"), fx.outside.toAbsolutePath());
            Files.createSymbolicLink(fx.root.resolve("abssecret"), fx.outside.resolve("secret").toAbsolutePath());
            assertErrno(Errno.NOTCAPABLE, () -> root.open("abs/secret", true, 0, 0, true, false));
            assertErrno(Errno.NOTCAPABLE, () -> root.open("abs/secret", false, 0, 0, true, false));
            assertErrno(Errno.NOTCAPABLE, () -> root.open("abssecret", true, 0, 0, true, false));
            assertErrno(Errno.NOTCAPABLE, () -> root.open("abs/new", true, CREAT, 0, true, true));
            assertErrno(Errno.NOTCAPABLE, () -> root.stat("abs", true));
            assertErrno(Errno.NOTCAPABLE, () -> root.createDirectory("abs/newdir"));
            assertErrno(Errno.NOTCAPABLE, () -> root.unlinkFile("abs/secret"));
            assertErrno(Errno.NOTCAPABLE, () -> root.link("abssecret", true, root, "hard"));
            assertErrno(Errno.NOTCAPABLE, () -> root.open("abs", true, 2, 0, true, false));
            // not following, the link itself is visible and removable
            assertThat(root.stat("abs", false).type()).isEqualTo(FileType.SYMBOLIC_LINK);
            assertThat(new String(root.readlink("abs"), StandardCharsets.UTF_8))
                    .isEqualTo(fx.outside.toAbsolutePath().toString());
            assertErrno(Errno.LOOP, () -> root.open("abssecret", false, 0, 0, true, false));
            root.unlinkFile("abs");
            assertOutsideUntouched(fx);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void relativeLinksCannotClimbOut(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("a/b"));
            root.symlink("../../..", "a/b/up");
            root.symlink("../outside", "out");
            root.symlink("../outside/secret", "secretlink");
            root.symlink("..", "parent");
            root.symlink("../..", "upup");
            for (String path : List.of("a/b/up/outside/secret", "out/secret", "secretlink", "parent/outside/secret",
                    "a/b/up/sandbox/a", "upup", "upup/x", "a/b/up")) {
                assertErrno(Errno.NOTCAPABLE, () -> root.open(path, true, 0, 0, true, false));
                assertErrno(Errno.NOTCAPABLE, () -> root.open(path, true, CREAT, 0, true, true));
                assertErrno(Errno.NOTCAPABLE, () -> root.stat(path, true));
                assertErrno(Errno.NOTCAPABLE, () -> root.link(path, true, root, "hard"));
            }
            assertErrno(Errno.NOTCAPABLE, () -> root.createDirectory("out/made"));
            assertErrno(Errno.NOTCAPABLE, () -> root.symlink("x", "out/l"));
            assertErrno(Errno.NOTCAPABLE, () -> root.rename("a", root, "out/a"));
            // a link whose target climbs and comes back stays usable
            root.symlink("../a/b", "a/again");
            assertThat(root.stat("a/again", true).type()).isEqualTo(FileType.DIRECTORY);
            assertOutsideUntouched(fx);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void aChainOfLinksLeadingOutIsNotFollowed(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("d/e"));
            root.symlink("d/e/two", "one");
            root.symlink("../three", "d/e/two");
            root.symlink("../../outside", "d/three");
            assertErrno(Errno.NOTCAPABLE, () -> root.open("one/secret", true, 0, 0, true, false));
            assertErrno(Errno.NOTCAPABLE, () -> root.stat("one", true));
            assertThat(root.stat("one", false).type()).isEqualTo(FileType.SYMBOLIC_LINK);
            assertOutsideUntouched(fx);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void linkLoopsAreEloop(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            root.symlink("self", "self");
            root.symlink("ping", "pong");
            root.symlink("pong", "ping");
            root.symlink("loopdir/x", "loopdir");
            for (String path : List.of("self", "ping", "pong/x", "loopdir")) {
                assertErrno(Errno.LOOP, () -> root.open(path, true, 0, 0, true, false));
                assertErrno(Errno.LOOP, () -> root.stat(path, true));
            }
            assertErrno(Errno.LOOP, () -> root.open("ping", true, CREAT, 0, true, true));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void fortyLinksAreFollowedButNotFortyOne(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.writeString(fx.root.resolve("target"), "end of the chain");
            root.symlink("target", "l1");
            for (int i = 2; i <= 41; i++) {
                root.symlink("l" + (i - 1), "l" + i);
            }
            assertThat(readText(root, "l40")).isEqualTo("end of the chain");
            assertErrno(Errno.LOOP, () -> root.open("l41", true, 0, 0, true, false));
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void guestMadeLinksMayNameOutsideButAreNeverFollowedThere(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            root.symlink("../outside/secret", "escape");
            assertThat(Files.readSymbolicLink(fx.root.resolve("escape")).toString()).isEqualTo("../outside/secret");
            assertErrno(Errno.NOTCAPABLE, () -> root.open("escape", true, 0, 0, true, false));
            assertErrno(Errno.NOTCAPABLE, () -> root.symlink("/etc/passwd", "abs"));
            assertErrno(Errno.NOTCAPABLE, () -> root.symlink(fx.outside.toAbsolutePath().toString(), "abs"));
            assertThat(Files.exists(fx.root.resolve("abs"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            // writing through the link must not reach the outside file either
            assertErrno(Errno.NOTCAPABLE, () -> root.open("escape", true, CREAT, 0, false, true));
            assertErrno(Errno.NOTCAPABLE, () -> root.setTimes("escape", true, 0, 0, 8));
            assertOutsideUntouched(fx);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void aHardLinkToAnOutsideFileCannotBeMade(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createSymbolicLink(fx.root.resolve("abs"), fx.outside.resolve("secret").toAbsolutePath());
            root.symlink("../outside/secret", "rel");
            for (String source : List.of("abs", "rel", "../outside/secret")) {
                assertErrno(Errno.NOTCAPABLE, () -> root.link(source, true, root, "stolen"));
            }
            // without following, the link names the symbolic link itself: still inside
            if (kind == FsKind.HOST) {
                root.link("rel", false, root, "samelink");
                assertThat(root.stat("samelink", false).type()).isEqualTo(FileType.SYMBOLIC_LINK);
                assertErrno(Errno.NOTCAPABLE, () -> root.open("samelink", true, 0, 0, true, false));
            } else {
                // Jimfs would link the target instead: refused before trying
                assertErrno(Errno.NOTSUP, () -> root.link("rel", false, root, "samelink"));
                assertThat(Files.exists(fx.root.resolve("samelink"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            }
            assertThat(Files.exists(fx.root.resolve("stolen"), LinkOption.NOFOLLOW_LINKS)).isFalse();
            assertOutsideUntouched(fx);
        }
    }

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void aDirectorySwappedBehindAnOpenDescriptorIsNeverReachedThroughItsOldPath(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Files.createDirectory(fx.root.resolve("d"));
            Files.writeString(fx.outside.resolve("target"), "outside target");
            Files.createSymbolicLink(fx.outside.resolve("link"), fx.path("target"));
            try (var d = openDir(root, "d")) {
                root.symlink("f", "d/inner-link");
                // the host moves the directory away and puts a link to the outside in its place
                Files.move(fx.root.resolve("d"), fx.root.resolve("moved"));
                Files.createSymbolicLink(fx.root.resolve("d"), fx.path("../outside"));

                // operations relative to the held handle still act on the real directory
                writeText(d, "made", "in the moved directory");
                assertThat(Files.readString(fx.root.resolve("moved/made"))).isEqualTo("in the moved directory");
                assertThat(d.stat("made", false).type()).isEqualTo(FileType.REGULAR_FILE);
                d.unlinkFile("made");
                // the path-based ones notice the old path leads elsewhere and refuse
                assertErrno(Errno.NOTCAPABLE, () -> d.createDirectory("newdir"));
                assertErrno(Errno.NOTCAPABLE, () -> d.symlink("target", "newlink"));
                assertErrno(Errno.NOENT, () -> d.readlink("link")); // only the outside directory has one
                assertErrno(Errno.NOTCAPABLE, () -> d.readlink("inner-link"));
                Files.writeString(fx.root.resolve("moved/plain"), "a plain file");
                assertErrno(Errno.NOTCAPABLE, () -> root.link("moved/plain", false, d, "hard"));
            }
            assertThat(Files.readString(fx.outside.resolve("target"))).isEqualTo("outside target");
            try (Stream<Path> outside = Files.list(fx.outside)) {
                assertThat(outside.map(p -> p.getFileName().toString()))
                        .containsExactlyInAnyOrder("secret", "target", "link");
            }
            try (Stream<Path> moved = Files.list(fx.root.resolve("moved"))) {
                assertThat(moved.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("inner-link", "plain");
            }
        }
    }
}
