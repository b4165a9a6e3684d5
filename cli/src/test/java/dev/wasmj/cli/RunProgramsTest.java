package dev.wasmj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The C test programs of the wasi module (wasi/src/test/c, built into
 * wasi/src/test/resources/programs) through {@code wasmj run}'s code path, in-process: the same
 * output as through the Java API (the expectations next to the sources), and the exit status the
 * command gives: the guest's proc_exit status, 143 after raising TERM, 134 after a trap.
 */
class RunProgramsTest {
    /** The wasi module, from the cli module's directory (Maven's working directory for its tests). */
    private static final Path WASI = Path.of("../wasi/src/test");

    @TempDir
    Path tmp;

    private record Outcome(int status, String out, String err) {}

    private static Path program(String name) {
        return WASI.resolve("resources/programs/" + name + ".wasm");
    }

    private static String expected(String file) throws IOException {
        Path path = WASI.resolve("c/" + file);
        return Files.exists(path) ? Files.readString(path) : "";
    }

    private static Outcome run(byte[] stdin, Object... args) {
        List<String> strings = new ArrayList<>();
        for (Object arg : args) {
            strings.add(String.valueOf(arg));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(strings.toArray(String[]::new), new ByteArrayInputStream(stdin), out, err);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertExpected(String name, Outcome run, int status) throws IOException {
        assertThat(run.out()).as("stdout of " + name).isEqualTo(expected(name + ".out"));
        assertThat(run.err()).as("stderr of " + name).isEqualTo(expected(name + ".err"));
        assertThat(run.status()).as("exit status of " + name).isEqualTo(status);
    }

    private Path sandbox() throws IOException {
        return Files.createDirectories(tmp.resolve("sandbox"));
    }

    @Test
    void helloWithArgumentsAndEnvironment() throws IOException {
        Outcome run = run(new byte[0], "run", "--argv0", "hello", "--env", "GREETING=hi", "--env", "EMPTY=",
                program("hello"), "first", "two words", "ünïcödé");
        assertExpected("hello", run, 0);
    }

    @Test
    void exitStatusIsTheGuests() throws IOException {
        assertExpected("exit", run(new byte[0], "run", "--argv0", "exit", program("exit"), "42"), 42);
    }

    @Test
    void catCopiesStdin() throws IOException {
        byte[] input = Files.readAllBytes(WASI.resolve("c/cat.in"));
        Outcome run = run(input, "run", program("cat"));
        assertThat(run.out().getBytes(StandardCharsets.UTF_8)).isEqualTo(input);
        assertThat(run.err()).isEqualTo(expected("cat.err"));
        assertThat(run.status()).isZero();
    }

    @Test
    void clocksAndRandom() throws IOException {
        assertExpected("clocks", run(new byte[0], "run", program("clocks")), 0);
        assertExpected("random", run(new byte[0], "run", program("random")), 0);
    }

    @Test
    void filesInADirectoryGivenWithDir() throws IOException {
        Path sandbox = sandbox();
        assertExpected("files", run(new byte[0], "run", "--dir", sandbox + "::/sandbox", program("files")), 0);
        assertThat(Files.readString(sandbox.resolve("log.txt"))).isEqualTo("first\nsecond\n");
    }

    @Test
    void dirs() throws IOException {
        Path sandbox = sandbox();
        assertExpected("dirs", run(new byte[0], "run", "--dir", sandbox + "::/sandbox", program("dirs")), 0);
        assertThat(Files.readSymbolicLink(sandbox.resolve("d/link")).toString()).isEqualTo("hard");
    }

    @Test
    void fdsWithTwoPreopens() throws IOException {
        Path sandbox = sandbox();
        Path other = Files.createDirectories(tmp.resolve("other"));
        Outcome run = run(Files.readAllBytes(WASI.resolve("c/cat.in")), "run",
                "--dir", sandbox + "::/sandbox", "--dir", other + "::/other", program("fds"));
        assertExpected("fds", run, 0);
    }

    @Test
    void poll() throws IOException {
        Outcome run = run(Files.readAllBytes(WASI.resolve("c/cat.in")), "run", "--dir", sandbox() + "::/sandbox", program("poll"));
        assertExpected("poll", run, 0);
    }

    @Test
    void sandboxEscapes() throws IOException {
        Path sandbox = sandbox();
        Path outside = Files.writeString(tmp.resolve("outside.txt"), "secret\n");
        Files.createSymbolicLink(sandbox.resolve("host-link"), outside.toAbsolutePath());
        Files.writeString(sandbox.resolve("inside.txt"), "inside\n");
        assertExpected("sandbox", run(new byte[0], "run", "--dir", sandbox + "::/sandbox", program("sandbox")), 0);
        assertThat(Files.readString(outside)).isEqualTo("secret\n");
        try (var names = Files.list(tmp)) {
            assertThat(names.map(p -> p.getFileName().toString()).sorted()).containsExactly("outside.txt", "sandbox");
        }
    }

    @Test
    void badPointers() throws IOException {
        Outcome run = run(new byte[0], "run", "--argv0", "badptr", "--env", "X=1", "--dir", sandbox() + "::/sandbox", program("badptr"));
        assertExpected("badptr", run, 0);
    }

    @Test
    void raisingTermExitsWith143() throws IOException {
        assertExpected("raise", run(new byte[0], "run", program("raise")), 128 + 15);
    }

    @Test
    void aTrapExitsWith134AfterTheOutput() throws IOException {
        Outcome run = run(new byte[0], "run", program("trap"));
        assertThat(run.status()).isEqualTo(134);
        assertThat(run.out()).isEqualTo(expected("trap.out"));
        // the guest's own stderr line, then the trap report
        assertThat(run.err()).startsWith(expected("trap.err")).contains("unreachable").contains("wasm backtrace:")
                .contains("fail_here").contains("__original_main");
    }

    @Test
    void socketsThroughTcplisten() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        CompletableFuture<String> client = CompletableFuture.supplyAsync(() -> talk(port));
        Outcome run = run(new byte[0], "run", "--tcplisten", "127.0.0.1:" + port, program("sockets"));
        assertExpected("sockets", run, 0);
        assertThat(client.get(30, TimeUnit.SECONDS)).isEqualTo("pong\n");
    }

    /** sockets.c's client: connects (retrying until wasmj listens), "ping\n", reply, "bye\n", to the end. */
    private static String talk(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                InputStream in = socket.getInputStream();
                out.write("ping\n".getBytes(StandardCharsets.UTF_8));
                byte[] reply = in.readNBytes(5);
                out.write("bye\n".getBytes(StandardCharsets.UTF_8));
                byte[] rest = in.readAllBytes();
                return new String(reply, StandardCharsets.UTF_8) + new String(rest, StandardCharsets.UTF_8);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new UncheckedIOException("wasmj never listened on port " + port, e);
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(interrupted);
                }
            }
        }
    }
}
