package dev.wasmj.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasmj run} with WASI guests, in-process with captured standard streams: output, exit
 * status, arguments, environment, directories, stdin, traps after output, and sockets.
 */
class RunWasiTest {
    @TempDir
    Path dir;

    /** The outcome of one run. */
    record Outcome(int status, String out, String err) {}

    private static Outcome run(byte[] stdin, List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args.toArray(String[]::new), new ByteArrayInputStream(stdin), out, err);
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static Outcome run(Object... args) {
        List<String> strings = new ArrayList<>();
        for (Object arg : args) {
            strings.add(String.valueOf(arg));
        }
        return run(new byte[0], strings);
    }

    private Path program(String name, String wat) throws IOException {
        return Files.writeString(dir.resolve(name), wat);
    }

    @Test
    void aCommandWritesToStdoutAndExitsZeroWhenItReturns() throws Exception {
        Outcome run = run("run", program("hello.wat", WasiPrograms.printAndExit("hello, world\n", -1)));
        assertThat(run).isEqualTo(new Outcome(0, "hello, world\n", ""));
    }

    @Test
    void theExitStatusIsTheGuestsProcExitStatus() throws Exception {
        Outcome run = run("run", program("exit.wat", WasiPrograms.printAndExit("bye\n", 7)));
        assertThat(run).isEqualTo(new Outcome(7, "bye\n", ""));
        assertThat(run("run", program("zero.wat", WasiPrograms.printAndExit("", 0))).status()).isZero();
    }

    @Test
    void theGuestGetsTheFileNameAndTheArgumentsAfterIt() throws Exception {
        Path file = program("args.wat", WasiPrograms.printList("args"));
        Outcome run = run("run", file, "one", "--two", "-3", "four five", "--", "--env", "X=1");
        assertThat(run).isEqualTo(new Outcome(0, "args.wat\none\n--two\n-3\nfour five\n--\n--env\nX=1\n", ""));
        assertThat(run("run", "--", file, "x").out()).isEqualTo("args.wat\nx\n");
    }

    @Test
    void argv0CanBeSet() throws Exception {
        Path file = program("args.wat", WasiPrograms.printList("args"));
        assertThat(run("run", "--argv0", "prog", file, "x").out()).isEqualTo("prog\nx\n");
    }

    @Test
    void theEnvironmentIsEmptyUnlessGiven() throws Exception {
        Path file = program("env.wat", WasiPrograms.printList("environ"));
        assertThat(run("run", file)).isEqualTo(new Outcome(0, "", ""));
        assertThat(run("run", "--env", "A=1", "--env", "B=x=y", "--env", "EMPTY=", file).out())
                .isEqualTo("A=1\nB=x=y\nEMPTY=\n");
    }

    @Test
    void envWithoutAValueInheritsTheHostsValueIfThereIsOne() throws Exception {
        String path = System.getenv("PATH");
        assertThat(path).as("the test needs PATH in its environment").isNotNull();
        Path file = program("env.wat", WasiPrograms.printList("environ"));
        assertThat(run("run", "--env", "PATH", "--env", "WASMJ_SURELY_UNSET_VARIABLE", file).out())
                .isEqualTo("PATH=" + path + "\n");
    }

    @Test
    void inheritEnvGivesTheWholeEnvironmentAndEnvOverridesIt() throws Exception {
        Path file = program("env.wat", WasiPrograms.printList("environ"));
        List<String> lines = run("run", "-S", "inherit-env", "--env", "PATH=/guest/bin", file).out().lines().toList();
        for (var variable : System.getenv().entrySet()) {
            if (!variable.getKey().equals("PATH") && !variable.getValue().contains("\n")) {
                assertThat(lines).contains(variable.getKey() + "=" + variable.getValue());
            }
        }
        assertThat(lines).contains("PATH=/guest/bin").doesNotContain("PATH=" + System.getenv("PATH"));
        assertThat(run("run", "-S", "inherit-env=n", file).out()).isEmpty();
    }

    @Test
    void aDirectoryIsGivenUnderItsGuestName() throws Exception {
        Path data = Files.createDirectory(dir.resolve("data"));
        Files.writeString(data.resolve("note.txt"), "from the host\n");
        Path file = program("read.wat", WasiPrograms.printPreopenAndFile("note.txt"));
        Outcome mapped = run("run", "--dir", data + "::/sandbox", file);
        assertThat(mapped).isEqualTo(new Outcome(0, "/sandbox\nfrom the host\n", ""));
        Outcome asWritten = run("run", "--dir", data, file);
        assertThat(asWritten).isEqualTo(new Outcome(0, data + "\nfrom the host\n", ""));
    }

    @Test
    void aMissingDirectoryIsAOneLineError() throws Exception {
        Path file = program("read.wat", WasiPrograms.printPreopenAndFile("note.txt"));
        Outcome run = run("run", "--dir", dir.resolve("absent"), file);
        assertThat(run).isEqualTo(new Outcome(1, "", "error: --dir " + dir.resolve("absent") + ": no such directory\n"));
    }

    @Test
    void stdinIsTheGuests() throws Exception {
        Path file = program("cat.wat", WasiPrograms.cat());
        byte[] input = "line 1\nline 2\n".repeat(1000).getBytes(StandardCharsets.UTF_8);
        Outcome run = run(input, List.of("run", file.toString()));
        assertThat(run).isEqualTo(new Outcome(0, new String(input, StandardCharsets.UTF_8), ""));
    }

    @Test
    void aTrapComesAfterTheGuestsOutputAndExits134() throws Exception {
        Path file = program("trap.wat", WasiPrograms.printAndTrap("partial output\n", "guest error\n"));
        Outcome run = run("run", file);
        assertThat(run.status()).isEqualTo(134);
        assertThat(run.out()).isEqualTo("partial output\n");
        assertThat(run.err()).startsWith("guest error\nerror: failed to run `" + file + "`: wasm trap: unreachable");
        assertThat(run.err()).containsPattern("\nwasm backtrace:\n +0: +0x[0-9a-f]+ - explode\n +1: ");
    }

    @Test
    void aPreloadedModuleSharesTheGuestsWasi() throws Exception {
        Path lib = program("lib.wat", """
                (module
                  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 16) "from the library\\0a")
                  (func (export "say")
                    (i32.store (i32.const 0) (i32.const 16))
                    (i32.store (i32.const 4) (i32.const 17))
                    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))))
                """);
        Path main = program("main.wat", """
                (module
                  (import "lib" "say" (func $say))
                  (func (export "_start") (call $say) (call $say)))
                """);
        assertThat(run("run", "--preload", "lib=" + lib, main))
                .isEqualTo(new Outcome(0, "from the library\nfrom the library\n", ""));
    }

    @Test
    void anInvokedFunctionCanExit() throws Exception {
        Path file = program("exit.wat", """
                (module
                  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
                  (func (export "quit") (param i32) (result i32) (call $proc_exit (local.get 0)) (i32.const 1)))
                """);
        assertThat(run("run", "--invoke", "quit", file, 42)).isEqualTo(new Outcome(42, "", ""));
    }

    @Test
    @Timeout(30)
    void tcplistenHandsTheGuestAListeningSocket() throws Exception {
        int port = freePort();
        Path file = program("serve.wat", WasiPrograms.acceptAndSend("hello, client\n"));
        CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> receive(port));
        Outcome run = run("run", "--tcplisten", "127.0.0.1:" + port, file);
        assertThat(run).isEqualTo(new Outcome(0, "", ""));
        assertThat(received.get()).isEqualTo("hello, client\n");
    }

    @Test
    void aPortInUseIsAOneLineError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            Path file = program("serve.wat", WasiPrograms.acceptAndSend("x"));
            Outcome run = run("run", "-S", "tcplisten=127.0.0.1:" + taken.getLocalPort(), file);
            assertThat(run.status()).isEqualTo(1);
            assertThat(run.err()).startsWith("error: --tcplisten 127.0.0.1:" + taken.getLocalPort() + ": cannot listen: ")
                    .hasLineCount(1);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Connects to the port (retrying until the guest listens) and reads until the guest closes. */
    private static String receive(int port) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                try (InputStream in = socket.getInputStream()) {
                    return new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the guest never listened on port " + port, e);
                }
                pause();
            }
        }
    }
}
