package dev.wasmj.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessTest {
    private static final Path PROGRAMS = Path.of("programs");   // Maven runs tests in the module: bench/

    @Test
    void resultLinesRoundTrip() {
        Result result = new Result("wasmj-interpreter", "fib", 0x8badf00d, 12.5, 300.25,
                new double[] {10, 30, 20}, new double[] {9, 29, 19});
        Result parsed = Result.parse(result.toLine());
        assertThat(parsed.engine()).isEqualTo("wasmj-interpreter");
        assertThat(parsed.program()).isEqualTo("fib");
        assertThat(parsed.checksum()).isEqualTo(0x8badf00d);
        assertThat(parsed.loadMs()).isEqualTo(12.5);
        assertThat(parsed.firstMs()).isEqualTo(300.25);
        assertThat(parsed.medianMs(Clock.WALL)).isEqualTo(20);
        assertThat(parsed.medianMs(Clock.CPU)).isEqualTo(19);
    }

    @Test
    void resultsOfTwoProcessesJoin() {
        Result a = new Result("x", "fib", 1, 10, 100, new double[] {1, 2}, new double[] {1, 2});
        Result b = new Result("x", "fib", 1, 20, 50, new double[] {3}, new double[] {3});
        Result both = a.join(b);
        assertThat(both.runsMs()).containsExactly(1, 2, 3);
        assertThat(both.cpuMs()).containsExactly(1, 2, 3);
        assertThat(both.loadMs()).isEqualTo(10);
        assertThat(both.firstMs()).isEqualTo(50);
        assertThatThrownBy(() -> a.join(new Result("y", "fib", 1, 1, 1, new double[] {1}, new double[] {1})))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void resultLineFromNodeParses() {
        Result r = Result.parse("RESULT engine=node program=sort checksum=0x7013d952 load_ms=0.3 first_ms=4.6 "
                + "runs_ms=1.5,1.25,1.75,2.0 cpu_ms=1.0,1.0,2.0,2.0");
        assertThat(r.medianMs(Clock.WALL)).isEqualTo(1.625);
        assertThat(r.medianMs(Clock.CPU)).isEqualTo(1.5);
    }

    @Test
    void resultLineWithoutAFieldIsRejected() {
        assertThatThrownBy(() -> Result.parse("RESULT engine=node program=sort checksum=0x1 load_ms=1 runs_ms=1 cpu_ms=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("first_ms");
    }

    private static final long MS = 1_000_000;

    @Test
    void theJitHasSettledWhenItCompiledLittleDuringTheLastCalls() {
        SettleRule rule = new SettleRule(3, 0.05);
        long[] calls = {40 * MS, 40 * MS, 40 * MS, 40 * MS};
        // 120 ms of calls in the window: up to 6 ms of compilation is settled
        assertThat(rule.settled(calls, new long[] {500 * MS, 2 * MS, 2 * MS, 2 * MS}, 4)).isTrue();
        assertThat(rule.settled(calls, new long[] {500 * MS, 2 * MS, 2 * MS, 3 * MS}, 4)).isFalse();
        assertThat(rule.settled(calls, new long[] {0, 0, 0, 500 * MS}, 4)).isFalse();
        // the call before the window does not count; fewer calls than the window never settle
        assertThat(rule.settled(calls, new long[] {500 * MS, 0, 0, 0}, 4)).isTrue();
        assertThat(rule.settled(calls, new long[] {0, 0, 0, 0}, 2)).isFalse();
        assertThatThrownBy(() -> new SettleRule(0, 0.05)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Feeds {@code policy} calls of {@code callMs} each, compiling {@code compileMs[i]} during the i-th; returns the calls it took. */
    private static int warmUp(Warmup.Policy policy, long callMs, long... compileMs) {
        long used = 0;
        for (int i = 0; i < compileMs.length; i++) {
            used += (callMs + Math.max(compileMs[i], 0)) * MS;
            if (policy.add(callMs * MS, compileMs[i] * MS, used)) {
                return i + 1;
            }
        }
        return -1;
    }

    @Test
    void theWarmUpEndsOnceTheTimeIsUpTheCallsAreSteadyAndTheJitHasSettled() {
        // 100 ms of warm-up, cap 1 s; calls of 10 ms; window of 3 calls, at most 5% (1.5 ms) of compilation
        Warmup.Policy policy = new Warmup.Policy(100 * MS, 1000 * MS, new SettleRule(3, 0.05));
        long[] compiling = new long[40];
        java.util.Arrays.fill(compiling, 0, 20, 20);   // the JIT busy for the first 20 calls
        assertThat(warmUp(policy, 10, compiling)).isEqualTo(23);
        assertThat(policy.settled()).isEqualTo(Warmup.Settled.YES);

        // settled from the start: ends as soon as the warm-up time is used
        Warmup.Policy quiet = new Warmup.Policy(100 * MS, 1000 * MS, new SettleRule(3, 0.05));
        assertThat(warmUp(quiet, 10, new long[40])).isEqualTo(10);
        assertThat(quiet.settled()).isEqualTo(Warmup.Settled.YES);
    }

    @Test
    void theCapEndsAWarmUpWhoseJitNeverSettlesAndSaysSo() {
        Warmup.Policy policy = new Warmup.Policy(100 * MS, 500 * MS, new SettleRule(3, 0.05));
        long[] compiling = new long[100];
        java.util.Arrays.fill(compiling, 5);   // 5 ms of every 10 ms call: never settles
        assertThat(warmUp(policy, 10, compiling)).isEqualTo(34);   // 34 calls of 15 ms reach 500 ms
        assertThat(policy.settled()).isEqualTo(Warmup.Settled.NO);
        assertThat(Warmup.capNanos(2)).isEqualTo(40_000_000_000L);
        assertThat(Warmup.capNanos(10)).isEqualTo(70_000_000_000L);
    }

    @Test
    void withoutCompilationTimesTheWarmUpEndsOnTimeAndSteadinessAlone() {
        Warmup.Policy policy = new Warmup.Policy(100 * MS, 1000 * MS, new SettleRule(3, 0.05));
        long[] unknown = new long[40];
        java.util.Arrays.fill(unknown, -1);
        assertThat(warmUp(policy, 10, unknown)).isEqualTo(10);
        assertThat(policy.settled()).isEqualTo(Warmup.Settled.UNKNOWN);
    }

    @Test
    void warmUpsTravelInResultLinesAndShowInTheTable() {
        Result result = new Result("wasmj-compiler", "a", 0, 1, 2, new double[] {3}, new double[] {3},
                new Warmup.Outcome(209, 16.1, Warmup.Settled.NO));
        Result parsed = Result.parse(result.toLine());
        assertThat(parsed.warmup()).isEqualTo(result.warmup());
        assertThat(Result.parse("RESULT engine=node program=a checksum=0x0 load_ms=1 first_ms=2 runs_ms=3 cpu_ms=3")
                .warmup()).isEqualTo(Warmup.Outcome.NONE);
        Table table = new Table(List.of(new Program("a", 1, 0, Path.of("a.wasm"))), List.of("wasmj-compiler"));
        table.add(parsed);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), new Settings(1, 2, 1));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).containsPattern("\\na\\s+16\\.1 s / 209 not settled\\n")
                .contains("not settled: a on wasmj-compiler");
    }

    @Test
    void geometricMeanSkipsMissingValues() {
        assertThat(Table.geomean(new double[] {2, Double.NaN, 8})).isCloseTo(4, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(Table.geomean(new double[] {Double.NaN})).isNaN();
    }

    @Test
    void ratiosKeepThreeSignificantDigits() {
        assertThat(Table.formatRatio(0.004321)).isEqualTo("0.00432x");
        assertThat(Table.formatRatio(2.5)).isEqualTo("2.50x");
        assertThat(Table.formatRatio(431.6)).isEqualTo("432x");
        assertThat(Table.formatRatio(Double.NaN)).isEqualTo("-");
    }

    @Test
    void everyProgramIsListedWithItsModule() throws Exception {
        List<Program> programs = Program.readAll(PROGRAMS);
        assertThat(programs).extracting(Program::name)
                .containsExactly("fib", "nbody", "matmul", "hash", "sort", "interp", "strings", "sieve");
        for (Program program : programs) {
            assertThat(program.wasm()).exists();
            assertThat(PROGRAMS.resolve(program.name() + ".c")).exists();
            byte[] bytes = Files.readAllBytes(program.wasm());
            assertThat(bytes).startsWith(0x00, 'a', 's', 'm');
        }
    }

    @Test
    void everyJvmEngineRunsAKernelToItsChecksum() throws Exception {
        Program fib = Program.readAll(PROGRAMS).getFirst();
        for (String name : Engines.IN_JVM.keySet()) {
            JvmEngine engine = Engines.inJvm(name);
            assertThat(engine.name()).isEqualTo(name);
            Kernel kernel;
            try {
                kernel = engine.load(Files.readAllBytes(fib.wasm()));
            } catch (UnsupportedOperationException e) {
                // only wasmj's compiler may refuse (while it is being built): its cells read "n/a"
                assertThat(name).isEqualTo("wasmj-compiler");
                continue;
            }
            assertThat(kernel.run(fib.n())).as(name).isEqualTo(fib.checksum());
            assertThat(kernel.run(fib.n())).as(name + ", called again").isEqualTo(fib.checksum());
            Result result = KernelTimer.measure(engine, new Program("fib", 15, kernel.run(15), fib.wasm()), new Settings(2, 0, 1));
            assertThat(result.runsMs()).hasSize(2);
            assertThat(result.cpuMs()).hasSize(2);
        }
    }

    @Test
    void aWrongChecksumFailsTheMeasurement() {
        Program fib = new Program("fib", 10, 12345, PROGRAMS.resolve("fib.wasm"));
        assertThatThrownBy(() -> KernelTimer.measure(new ChicoryInterpreter(), fib, new Settings(1, 0, 1)))
                .hasMessageContaining("expected 0x00003039");
    }

    @Test
    void tablePrintsMediansRatiosAndGeometricMeans() {
        List<Benchmark> programs = List.of(new Program("a", 1, 0, Path.of("a.wasm")), new Program("b", 2, 0, Path.of("b.wasm")));
        Table table = new Table(programs, List.of("x", "y"));
        table.add(new Result("x", "a", 0, 1, 1, new double[] {10}, new double[] {10}));
        table.add(new Result("y", "a", 0, 1, 1, new double[] {20}, new double[] {20}));
        table.add(new Result("x", "b", 0, 1, 1, new double[] {10}, new double[] {10}));
        table.add(new Result("y", "b", 0, 1, 1, new double[] {80}, new double[] {80}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), new Settings(1, 0, 1));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("y/x", "wall-clock time", "CPU time");
        List<String> geomeans = text.lines().filter(l -> l.startsWith("geomean")).toList();
        assertThat(geomeans.get(0)).matches("geomean\\s+10\\.00\\s+40\\.00");
        assertThat(geomeans.get(1)).matches("geomean\\s+4\\.00x");
    }

    @Test
    void ratiosAreToNodeAndAnEngineThatRefusesShowsNotAvailable() {
        List<Benchmark> programs = List.of(new Program("a", 1, 0, Path.of("a.wasm")));
        Table table = new Table(programs, List.of("wasmj-compiler", "x", Engines.NODE));
        table.unavailable("a", "wasmj-compiler", "the compiler strategy is not available yet");
        table.add(new Result("x", "a", 0, 1, 1, new double[] {30}, new double[] {30}));
        table.add(new Result(Engines.NODE, "a", 0, 1, 1, new double[] {10}, new double[] {10}));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        table.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), new Settings(1, 0, 1));
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertThat(text).contains("x/node", "wasmj-compiler/node", "n/a (not available)",
                "not available: wasmj-compiler: the compiler strategy is not available yet");
        assertThat(text.lines().filter(l -> l.startsWith("a ")).toList())
                .anyMatch(l -> l.matches("a\\s+n/a\\s+3\\.00x"));
    }

    @Test
    void wholeProgramsCheckTheirOutputAndReadTheirOwnTime() throws Exception {
        RubyProgram ruby = new RubyProgram();
        assertThat(ruby.kernelMs("1\n", "first line of output after 1234.5 ms (from reading ruby.wasm)\n")).isEqualTo(1234.5);
        assertThatThrownBy(() -> ruby.kernelMs("2\n", "first line of output after 1 ms")).hasMessageContaining("expected [1]");
        assertThat(ruby.notRun("wasmj-interpreter")).isNull();
        assertThat(ruby.notRun("node")).contains("rb-js-abi-host");
    }

    /** The test command (src/test/resources/command.wat): creates run.txt in /data, prints a line and its kernel time. */
    private static final Path COMMAND = Path.of("src/test/resources/command.wasm");
    private static final String COMMAND_STDOUT = "hello from a WASI command\n";

    private static WasiCommand testCommand(String expectedStdout) {
        return new WasiCommand("cmd", COMMAND, List.of("cmd", "/data/x"), "/data", WasiCommand.defaultScratchRoot(), expectedStdout);
    }

    @Test
    void everyJvmEngineRunsACommandInAFreshInstanceAndDirectoryPerRun() throws Exception {
        WasiCommand command = testCommand(COMMAND_STDOUT);
        for (String name : Engines.IN_JVM.keySet()) {
            JvmEngine engine = Engines.inJvm(name);
            Result result;
            try {
                result = CommandTimer.measure(engine, command, new Settings(3, 0, 1));
            } catch (UnsupportedOperationException e) {
                assertThat(name).isEqualTo("wasmj-compiler");   // as for the kernels
                continue;
            }
            assertThat(result.engine()).isEqualTo(name);
            assertThat(result.program()).isEqualTo("cmd");
            assertThat(result.checksum()).as(name).isEqualTo(command.checksum());
            assertThat(result.firstMs()).as(name + ": the first run's own kernel time").isEqualTo(1.25);
            assertThat(result.runsMs()).as(name).containsExactly(1.25, 1.25, 1.25);
            assertThat(result.cpuMs()).as(name + ": CPU times of _start").hasSize(3);
            assertThat(java.util.Arrays.stream(result.cpuMs()).min().orElseThrow()).as(name).isGreaterThanOrEqualTo(0);
            assertThat(result.loadMs()).as(name).isGreaterThanOrEqualTo(0);
        }
    }

    @Test
    void theTestCommandFailsInADirectoryItRanInBefore() throws Exception {
        // what makes the test above see a fresh directory per run
        Command loaded = new ChicoryInterpreter().loadCommand(Files.readAllBytes(COMMAND));
        Path dir = Files.createTempDirectory("wasmj-bench-test");
        try {
            java.io.OutputStream none = java.io.OutputStream.nullOutputStream();
            assertThat(loaded.run(new Invocation(List.of("cmd"), dir, "/data", none, none))).isZero();
            assertThat(loaded.run(new Invocation(List.of("cmd"), dir, "/data", none, none))).isEqualTo(7);
        } finally {
            Driver.deleteTree(dir);
        }
    }

    @Test
    void aCommandThatPrintsOtherResultsFailsTheMeasurement() {
        WasiCommand command = testCommand("hello from a WASI program\n");
        assertThatThrownBy(() -> CommandTimer.measure(new WasmjEngine("wasmj-interpreter", dev.wasmj.Strategy.INTERPRETER),
                command, new Settings(1, 0, 1)))
                .hasMessageContaining("cmd printed other results than expected: line 1 is 'hello from a WASI command',"
                        + " expected 'hello from a WASI program'");
    }

    @Test
    void aCommandsKernelTimeIsWhatItPrintsOnStandardError() throws Exception {
        WasiCommand command = testCommand("rows\n");
        assertThat(command.kernelMs("rows\n", "driver: ready\nkernel: 733.125 ms\n")).isEqualTo(733.125);
        assertThatThrownBy(() -> command.kernelMs("rows\n", "driver: disk I/O error\n"))
                .hasMessageContaining("printed no 'kernel: N ms'").hasMessageContaining("disk I/O error");
        assertThatThrownBy(() -> command.kernelMs("rows\nmore\n", "kernel: 1 ms"))
                .hasMessageContaining("line 2 is 'more', expected '(end of output)'");
    }

    @Test
    void aCommandsChecksumIsTheCrc32OfItsOutput() {
        // node's command.mjs computes it with zlib.crc32: the value it printed for this output
        assertThat(testCommand(COMMAND_STDOUT).checksum()).isEqualTo(0x77638361);
    }

    @Test
    void theDriverRunsACommandInAChildJvmAndChecksItsResultLine() throws Exception {
        SqliteProgram program = new SqliteProgram();
        program.prepared().wasm = COMMAND;
        program.prepared().expected = COMMAND_STDOUT;
        program.prepared().expectedFile = Files.createTempFile("wasmj-bench-test", ".stdout");
        try {
            Files.writeString(program.prepared().expectedFile, COMMAND_STDOUT);
            assertThat(program.childArguments(new Settings(2, 0, 1))).containsSubsequence(
                    "--iterations", "2", "--", "driver", "/data/test.db", Integer.toString(SqliteProgram.ROWS));
            Driver driver = new Driver(Path.of("."), List.of("-Xss16m"), new Settings(2, 0, 1));
            Result result = driver.run("wasmj-interpreter", program);
            assertThat(result.program()).isEqualTo("sqlite");
            assertThat(result.checksum()).isEqualTo(testCommand(COMMAND_STDOUT).checksum());
            assertThat(result.firstMs()).isEqualTo(1.25);
            assertThat(result.medianMs(Clock.WALL)).isEqualTo(1.25);

            Files.writeString(program.prepared().expectedFile, "other\n");
            assertThatThrownBy(() -> driver.run("wasmj-interpreter", program))
                    .hasMessageContaining("printed other results than expected");
        } finally {
            Files.delete(program.prepared().expectedFile);
        }
    }
}
