package dev.wasmj.wasi.internal.fs;

import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.CREAT;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.EXCL;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openRoot;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.wasi.internal.ErrnoException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** No host descriptor outlives a sandbox call, successful or failing, or a close. */
@EnabledOnOs(OS.LINUX)
class HandleLeakTest {

    private static long openDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private interface Call {
        void run() throws Exception;
    }

    @Test
    void failingAndSucceedingCallsLeaveNoHostDescriptorOpen() throws Exception {
        try (var fx = FsKind.HOST.create(); var root = openRoot(fx)) {
            Files.createDirectories(fx.root.resolve("a/b/c"));
            Files.writeString(fx.root.resolve("a/b/c/f"), "x");
            root.symlink("../../..", "a/b/up");
            root.symlink("loop", "loop");
            root.symlink("b", "a/lb");
            List<Call> calls = List.of(
                    () -> root.open("a/b/c/f", true, 0, 0, true, false).close(),
                    () -> root.open("a/b/c", true, 2, 0, true, false).close(),
                    () -> root.open("a/lb/c/f", true, 0, 0, true, true).close(),
                    () -> root.open("a/b/c/missing/x", true, 0, 0, true, false),
                    () -> root.open("a/b/up/x", true, 0, 0, true, false),
                    () -> root.open("a/b/c/f/x", true, 0, 0, true, false),
                    () -> root.open("a/b/c/f", true, CREAT | EXCL, 0, true, true),
                    () -> root.open("a/b/../../..", true, 0, 0, true, false),
                    () -> root.open("loop", true, 0, 0, true, false),
                    () -> root.open("a/b/c", true, 0, 0, false, true),
                    () -> root.stat("a/b/c/f", true),
                    () -> root.stat("a/b/up/sandbox", true),
                    () -> root.rename("a/b/c/f", root, "a/b/c/g"),
                    () -> root.rename("a/b/c/g", root, "a/b/c/f"),
                    () -> root.rename("a/b/c", root, "a/b/up/c"),
                    () -> root.rename("a/b", root, "a/b/c/inside"),
                    () -> root.link("a/b/c/f", false, root, "a/b/c/f"),
                    () -> root.symlink("x", "a/b/c/f"),
                    () -> root.readlink("a/lb"),
                    () -> root.createDirectory("a/b/c"),
                    () -> root.removeDirectory("a/b"),
                    () -> root.entries(),
                    () -> root.setTimes("a/b/c/f", true, 0, 0, 8));
            for (Call call : calls) { // warm up: the JDK opens some descriptors of its own once
                run(call);
            }
            long before = openDescriptors();
            for (int round = 0; round < 20; round++) {
                for (Call call : calls) {
                    run(call);
                }
            }
            assertThat(openDescriptors()).isEqualTo(before);
        }
    }

    private static void run(Call call) throws Exception {
        try {
            call.run();
        } catch (ErrnoException expected) {
            // failing is the point for most of them
        }
    }
}
