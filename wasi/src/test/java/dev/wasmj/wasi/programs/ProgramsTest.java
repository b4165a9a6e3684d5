package dev.wasmj.wasi.programs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.TrapCode;
import dev.wasmj.wasi.WasiConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs each C test program (src/test/c) through the public Java API with the set-up its source
 * describes, and checks its stdout against NAME.out, its stderr, its exit status and what it
 * leaves in its preopened directories. The same set-up is in src/test/c/run-node.mjs, which
 * checks the expectations against Node's WASI.
 */
class ProgramsTest {
    @TempDir
    Path tmp;

    /** A fresh, empty directory under the test's temporary directory. */
    private Path dir(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    private static void assertExpected(String name, GuestRun run, int status) {
        assertThat(run.trap()).as("trap").isNull();
        assertThat(run.stdout()).as("stdout of " + name).isEqualTo(TestPrograms.expectedStdout(name));
        assertThat(run.stderr()).as("stderr of " + name).isEqualTo(TestPrograms.expectedStderr(name));
        assertThat(run.status()).as("exit status of " + name).isEqualTo(status);
    }

    @Test
    void hello() {
        GuestRun run = GuestRun.of("hello", new WasiConfig()
                .args("hello", "first", "two words", "ünïcödé")
                .env("GREETING", "hi")
                .env("EMPTY", ""));
        assertExpected("hello", run, 0);
    }

    @Test
    void exitStatus() {
        assertExpected("exit", GuestRun.of("exit", new WasiConfig().args("exit", "42")), 42);
    }

    @Test
    void catCopiesStdinToStdout() {
        byte[] input = TestPrograms.bytes("cat.in");
        GuestRun run = GuestRun.of("cat", new WasiConfig().args("cat").stdin(input));
        assertThat(run.stdout().getBytes(StandardCharsets.UTF_8)).isEqualTo(input);
        assertExpected("cat", run, 0);
    }

    @Test
    void catOfALargeStdin() {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 20_000; i++) {
            text.append("line ").append(i).append('\n');
        }
        byte[] input = text.toString().getBytes(StandardCharsets.UTF_8);
        GuestRun run = GuestRun.of("cat", new WasiConfig().stdin(input));
        assertThat(run.stdout()).isEqualTo(text.toString());
        assertThat(run.stderr()).isEqualTo(input.length + " bytes, 20000 lines\n");
    }

    @Test
    void clocks() {
        assertExpected("clocks", GuestRun.of("clocks", new WasiConfig()), 0);
    }

    @Test
    void random() {
        assertExpected("random", GuestRun.of("random", new WasiConfig()), 0);
    }

    @Test
    void files() throws IOException {
        Path sandbox = dir("sandbox");
        assertExpected("files", GuestRun.of("files", new WasiConfig().preopenedDir(sandbox, "/sandbox")), 0);
        assertFilesLeft(sandbox);
    }

    /** What files.c leaves (its header comment). */
    static void assertFilesLeft(Path sandbox) throws IOException {
        assertThat(Files.readAllBytes(sandbox.resolve("data.txt"))).isEqualTo("HELLO wor\0\0\0".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.getLastModifiedTime(sandbox.resolve("data.txt"))).isEqualTo(FileTime.fromMillis(1_600_000_000_000L));
        assertThat(Files.readString(sandbox.resolve("log.txt"))).isEqualTo("first\nsecond\n");
        assertThat(Files.readString(sandbox.resolve("stdio.txt"))).isEqualTo("line 1\nline 2\n");
        assertThat(names(sandbox)).containsExactly(
                "data.txt", "log.txt", "stdio.txt", "sync-d.txt", "sync-n.txt", "sync-r.txt", "sync-s.txt");
        for (String sync : new String[] {"sync-d.txt", "sync-n.txt", "sync-r.txt", "sync-s.txt"}) {
            assertThat(Files.size(sandbox.resolve(sync))).as(sync).isZero();
        }
    }

    @Test
    void dirs() throws IOException {
        Path sandbox = dir("sandbox");
        assertExpected("dirs", GuestRun.of("dirs", new WasiConfig().preopenedDir(sandbox, "/sandbox")), 0);
        assertDirsLeft(sandbox);
    }

    /** What dirs.c leaves (its header comment). */
    static void assertDirsLeft(Path sandbox) throws IOException {
        assertThat(names(sandbox)).containsExactly("d");
        Path d = sandbox.resolve("d");
        assertThat(names(d)).containsExactly("hard", "link", "long-file-name.txt");
        assertThat(Files.readString(d.resolve("hard"))).isEqualTo("BB\n");
        assertThat(Files.getLastModifiedTime(d.resolve("hard"))).isEqualTo(FileTime.fromMillis(1_600_000_000_000L));
        assertThat(Files.isSymbolicLink(d.resolve("link"))).isTrue();
        assertThat(Files.readSymbolicLink(d.resolve("link")).toString()).isEqualTo("hard");
        assertThat(Files.size(d.resolve("long-file-name.txt"))).isZero();
    }

    @Test
    void fds() throws IOException {
        Path sandbox = dir("sandbox");
        Path other = dir("other");
        GuestRun run = GuestRun.of("fds", new WasiConfig()
                .stdin(TestPrograms.bytes("cat.in"))
                .preopenedDir(sandbox, "/sandbox")
                .preopenedDir(other, "/other"));
        assertExpected("fds", run, 0);
        assertThat(Files.readString(sandbox.resolve("a.txt"))).isEqualTo("AAAA");
        assertThat(Files.readString(sandbox.resolve("b.txt"))).isEqualTo("Bmore");
    }

    @Test
    void poll() throws IOException {
        Path sandbox = dir("sandbox");
        GuestRun run = GuestRun.of("poll", new WasiConfig()
                .stdin(TestPrograms.bytes("cat.in"))
                .preopenedDir(sandbox, "/sandbox"));
        assertExpected("poll", run, 0);
        assertThat(Files.readString(sandbox.resolve("f.txt"))).isEqualTo("0123456789");
    }

    @Test
    void sandboxEscapesAreRefused() throws IOException {
        Path sandbox = dir("sandbox");
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "secret\n");
        Files.createSymbolicLink(sandbox.resolve("host-link"), outside.toAbsolutePath());
        Files.writeString(sandbox.resolve("inside.txt"), "inside\n");
        FileTime outsideTime = Files.getLastModifiedTime(outside);

        assertExpected("sandbox", GuestRun.of("sandbox", new WasiConfig().preopenedDir(sandbox, "/sandbox")), 0);

        // nothing outside was created, removed, renamed, linked or changed
        assertThat(names(tmp)).containsExactly("outside.txt", "sandbox");
        assertThat(Files.readString(outside)).isEqualTo("secret\n");
        assertThat(Files.getLastModifiedTime(outside)).isEqualTo(outsideTime);
        assertThat(Files.readString(sandbox.resolve("inside.txt"))).isEqualTo("inside\n");
        assertThat(Files.isSymbolicLink(sandbox.resolve("host-link"))).isTrue();
        assertThat(Files.exists(sandbox.resolve("taken.txt"), LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.exists(sandbox.resolve("hard.txt"), LinkOption.NOFOLLOW_LINKS)).isFalse();
    }

    @Test
    void badPointersAreFaultsNotCrashes() throws IOException {
        Path sandbox = dir("sandbox");
        GuestRun run = GuestRun.of("badptr", new WasiConfig()
                .args("badptr")
                .env("X", "1")
                .preopenedDir(sandbox, "/sandbox"));
        assertExpected("badptr", run, 0);
        assertThat(run.stdout()).doesNotContain("must not appear");
        // the wild path_open with CREAT created nothing; the malformed name nothing either
        assertThat(names(sandbox)).containsExactly("f.txt", "link");
    }

    @Test
    void raiseTermEndsTheProgram() {
        assertExpected("raise", GuestRun.of("raise", new WasiConfig()), 128 + 15);
    }

    @Test
    void trapAfterOutput() {
        GuestRun run = GuestRun.of("trap", new WasiConfig());
        assertThat(run.trap()).isNotNull();
        assertThat(run.trap().code()).isEqualTo(TrapCode.UNREACHABLE_CODE_REACHED);
        assertThat(run.trap().backtrace()).first().extracting(frame -> frame.funcName()).isEqualTo("fail_here");
        assertThat(run.stdout()).isEqualTo(TestPrograms.expectedStdout("trap"));
        assertThat(run.stderr()).isEqualTo(TestPrograms.expectedStderr("trap"));
    }

    @Test
    void sockets() throws Exception {
        try (ServerSocketChannel listener = ServerSocketChannel.open()) {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = ((InetSocketAddress) listener.getLocalAddress()).getPort();
            CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> SocketsClient.talk(port));
            GuestRun run = GuestRun.of("sockets", new WasiConfig().tcpListener(listener));
            assertExpected("sockets", run, 0);
            assertThat(client.get(30, TimeUnit.SECONDS)).isEqualTo("pong\n");
        }
    }

    /** The client side of sockets.c's conversation. */
    static final class SocketsClient {
        private SocketsClient() {}

        /** Connects, sends "ping\n", reads the reply, sends "bye\n", reads to the end; returns all it read. */
        static String talk(int port) {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write("ping\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                byte[] reply = in.readNBytes(5);
                out.write("bye\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                byte[] rest = in.readAllBytes(); // until the guest's shutdown(WR)
                return new String(reply, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The sorted names in a directory. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
