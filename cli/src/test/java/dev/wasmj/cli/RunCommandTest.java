package dev.wasmj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wasmj run} on modules that need no WASI: --invoke and its arguments and results, the
 * default function, reactors, --preload, traps and their exit status, and the one-line errors for
 * files that cannot run.
 */
class RunCommandTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    private static CommandRun run(Object... args) {
        return CommandRun.of(java.util.Arrays.stream(args).map(String::valueOf).toArray(String[]::new));
    }

    private Path arithmetic() throws Exception {
        return write("arith.wat", """
                (module
                  (func (export "add") (param i32 i32) (result i32)
                    (i32.add (local.get 0) (local.get 1)))
                  (func (export "neg") (param i64) (result i64)
                    (i64.sub (i64.const 0) (local.get 0)))
                  (func (export "mix") (param i32 i64 f32 f64) (result f64 f32 i64 i32)
                    (local.get 3) (local.get 2) (local.get 1) (local.get 0))
                  (func (export "nothing"))
                  (func (export "simd") (param v128) (result i32) (i32.const 0))
                  (func (export "vec") (result v128) (v128.const i64x2 1 1)))
                """);
    }

    @Test
    void invokePrintsTheResult() throws Exception {
        CommandRun run = run("run", "--invoke", "add", arithmetic(), 2, 40);
        assertThat(run.stderr()).isEmpty();
        assertThat(run.out()).isEqualTo("42\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void invokeParsesEveryNumberTypeAndPrintsEveryResultOnItsOwnLine() throws Exception {
        CommandRun run = run("run", "--invoke", "mix", arithmetic(), "0xffffffff", "-9000000000", "1.5", "1e21");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.out()).isEqualTo("1000000000000000000000\n1.5\n-9000000000\n-1\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void invokePrintsFloatsLikeWasmtime() throws Exception {
        assertThat(run("run", "--invoke", "mix", arithmetic(), 0, 0, "-inf", "nan").out())
                .isEqualTo("NaN\n-inf\n0\n0\n");
        assertThat(run("run", "--invoke", "mix", arithmetic(), 0, 0, "0.1", "-0").out())
                .isEqualTo("-0\n0.1\n0\n0\n");
        assertThat(run("run", "--invoke", "mix", arithmetic(), 0, 0, "3", "0.000001").out())
                .isEqualTo("0.000001\n3\n0\n0\n");
    }

    @Test
    void invokePrintsAV128AsAnUnsignedNumber() throws Exception {
        assertThat(run("run", "--invoke", "vec", arithmetic()).out()).isEqualTo("18446744073709551617\n");
    }

    @Test
    void argumentsAfterTheFileAreTheGuestsEvenWhenTheyLookLikeOptions() throws Exception {
        CommandRun run = run("run", "--invoke", "neg", arithmetic(), "-5");
        assertThat(run.stderr()).isEmpty();
        assertThat(run.out()).isEqualTo("5\n");
        CommandRun help = run("run", "--invoke", "neg", arithmetic(), "--help");
        assertThat(help.stderr()).isEqualTo("error: argument 1 of `neg`: '--help' is not an i64\n");
        assertThat(help.status()).isEqualTo(1);
    }

    @Test
    void invokeOfAFunctionWithoutResultsPrintsNothing() throws Exception {
        CommandRun run = run("run", "--invoke", "nothing", arithmetic());
        assertThat(run.out()).isEmpty();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.status()).isZero();
    }

    @Test
    void wrongArgumentCountsAreOneLineErrors() throws Exception {
        Path file = arithmetic();
        CommandRun few = run("run", "--invoke", "add", file, 1);
        assertThat(few.stderr()).isEqualTo("error: `add` takes 2 arguments (i32, i32) but 1 was given\n");
        assertThat(few.status()).isEqualTo(1);
        CommandRun many = run("run", "--invoke", "nothing", file, 1, 2);
        assertThat(many.stderr()).isEqualTo("error: `nothing` takes 0 arguments but 2 were given\n");
        assertThat(many.status()).isEqualTo(1);
        assertThat(few.out() + many.out()).isEmpty();
    }

    @Test
    void argumentsThatAreNotOfTheParameterTypeAreOneLineErrors() throws Exception {
        Path file = arithmetic();
        assertThat(run("run", "--invoke", "add", file, 1, "x").stderr())
                .isEqualTo("error: argument 2 of `add`: 'x' is not an i32\n");
        assertThat(run("run", "--invoke", "add", file, "2147483648", 1).stderr())
                .isEqualTo("error: argument 1 of `add`: '2147483648' is out of the range of an i32\n");
        assertThat(run("run", "--invoke", "add", file, "1.0", 1).stderr())
                .isEqualTo("error: argument 1 of `add`: '1.0' is not an i32\n");
        assertThat(run("run", "--invoke", "mix", file, 1, 1, "1.5f", 1).stderr())
                .isEqualTo("error: argument 3 of `mix`: '1.5f' is not an f32\n");
        CommandRun simd = run("run", "--invoke", "simd", file, 0);
        assertThat(simd.stderr()).isEqualTo("error: argument 1 of `simd`: a v128 cannot be given on the command line\n");
        assertThat(simd.status()).isEqualTo(1);
    }

    @Test
    void invokingAnExportThatIsNotAFunctionIsAnError() throws Exception {
        Path file = write("mem.wat", "(module (memory (export \"mem\") 1))");
        CommandRun missing = run("run", "--invoke", "absent", file);
        assertThat(missing.stderr()).isEqualTo("error: `" + file + "` has no function export named `absent`\n");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(run("run", "--invoke", "mem", file).stderr())
                .isEqualTo("error: `" + file + "` has no function export named `mem`\n");
    }

    @Test
    void theDefaultExportRunsWithTheArgumentsAsItsParameters() throws Exception {
        Path file = write("default.wat", """
                (module (func (export "") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 3))))
                """);
        CommandRun run = run("run", file, 14);
        assertThat(run.out()).isEqualTo("42\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void aModuleWithNothingToRunIsOnlyInstantiated() throws Exception {
        Path file = write("lib.wat", """
                (module (func (export "f") (result i32) (i32.const 1)))
                """);
        CommandRun run = run("run", file, "ignored");
        assertThat(run.out()).isEmpty();
        assertThat(run.stderr()).isEmpty();
        assertThat(run.status()).isZero();
    }

    @Test
    void aReactorIsInitializedBeforeTheInvokedFunction() throws Exception {
        Path file = write("reactor.wat", """
                (module
                  (global $g (mut i32) (i32.const 0))
                  (func (export "_initialize") (global.set $g (i32.const 7)))
                  (func (export "get") (result i32) (global.get $g)))
                """);
        assertThat(run("run", "--invoke", "get", file).out()).isEqualTo("7\n");
    }

    @Test
    void anInitializeWithParametersIsRefused() throws Exception {
        Path file = write("reactor.wat", "(module (func (export \"_initialize\") (param i32)))");
        CommandRun run = run("run", file);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo(
                "error: failed to initialize `" + file + "`: its _initialize takes arguments or returns results\n");
    }

    @Test
    void preloadedModulesProvideImports() throws Exception {
        Path lib = write("lib.wat", """
                (module (func (export "double") (param i32) (result i32) (i32.shl (local.get 0) (i32.const 1))))
                """);
        Path main = write("main.wat", """
                (module
                  (import "math" "double" (func $double (param i32) (result i32)))
                  (func (export "quadruple") (param i32) (result i32)
                    (call $double (call $double (local.get 0)))))
                """);
        CommandRun run = run("run", "--preload", "math=" + lib, "--invoke", "quadruple", main, 5);
        assertThat(run.stderr()).isEmpty();
        assertThat(run.out()).isEqualTo("20\n");
    }

    @Test
    void aTrapExits134WithTheMessageAndTheBacktraceNamingTheFunctions() throws Exception {
        Path file = write("trap.wat", """
                (module
                  (func $divide (param i32) (result i32) (i32.div_s (i32.const 1) (local.get 0)))
                  (func $compute (export "compute") (param i32) (result i32) (call $divide (local.get 0))))
                """);
        CommandRun run = run("run", "--invoke", "compute", file, 0);
        assertThat(run.status()).isEqualTo(134);
        assertThat(run.out()).isEmpty();
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("error: failed to invoke `compute`: wasm trap: integer divide by zero");
        assertThat(lines.get(1)).isEqualTo("wasm backtrace:");
        assertThat(lines.get(2)).matches(" +0: +0x[0-9a-f]+ - divide");
        assertThat(lines.get(3)).matches(" +1: +0x[0-9a-f]+ - compute");
    }

    @Test
    void aRunawayRecursionReportsTheRepeatedFrameOnce() throws Exception {
        Path file = write("recursion.wat", """
                (module
                  (func $down (param i32) (result i32) (i32.add (call $down (local.get 0)) (i32.const 1)))
                  (func (export "_start") (drop (call $down (i32.const 0)))))
                """);
        CommandRun run = run("run", file);
        assertThat(run.status()).isEqualTo(134);
        List<String> lines = run.stderr().lines().toList();
        assertThat(lines.get(0)).isEqualTo("error: failed to run `" + file + "`: wasm trap: call stack exhausted");
        assertThat(lines.get(2)).matches(" +0: +0x[0-9a-f]+ - down");
        assertThat(lines.get(3)).matches(" +\\.\\.\\. the same frame \\d+ more times");
        assertThat(lines).hasSizeLessThanOrEqualTo(5);
    }

    @Test
    void aTrapInTheStartFunctionExits134() throws Exception {
        Path file = write("start.wat", "(module (func $boom unreachable) (start $boom))");
        CommandRun run = run("run", file);
        assertThat(run.status()).isEqualTo(134);
        assertThat(run.stderr()).startsWith("error: failed to instantiate `" + file + "`: wasm trap: unreachable");
        assertThat(run.stderr()).contains(" - boom\n");
    }

    @Test
    void anUncaughtExceptionExits134() throws Exception {
        Path file = write("throw.wat", """
                (module (tag $t) (func (export "") (throw $t)))
                """);
        CommandRun run = run("run", file);
        assertThat(run.status()).isEqualTo(134);
        assertThat(run.stderr()).isEqualTo("error: failed to run `" + file + "`: uncaught wasm exception\n");
    }

    @Test
    void aMissingFileIsAOneLineError() {
        Path file = dir.resolve("absent.wasm");
        CommandRun run = run("run", file);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("error: cannot read " + file + ": no such file\n");
    }

    @Test
    void aMalformedBinaryIsAOneLineErrorWithTheByteOffset() throws Exception {
        Path file = write("bad.wasm", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1});
        CommandRun run = run("run", file);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).matches("error: \\Q" + file + "\\E: at byte offset \\d+ \\(0x[0-9a-f]+\\): [^\n]+\n");
    }

    @Test
    void anInvalidTextModuleIsAOneLineErrorWithLineAndColumn() throws Exception {
        Path file = write("invalid.wat", "(module\n  (func (result i32)\n    i64.const 1))\n");
        CommandRun run = run("run", file);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo(
                "error: " + file + ":3:5: type mismatch: instruction requires [i32] but stack has [i64]\n");
    }

    @Test
    void anUnknownImportIsAOneLineError() throws Exception {
        Path file = write("import.wat", "(module (import \"env\" \"missing\" (func)))");
        CommandRun run = run("run", file);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("error: failed to instantiate `" + file
                + "`: unknown import: env::missing has not been defined\n");
    }

    @Test
    void aBrokenPreloadIsNamed() throws Exception {
        Path lib = write("lib.wat", "(module (import \"nowhere\" \"f\" (func)))");
        Path main = write("main.wat", "(module)");
        CommandRun run = run("run", "--preload", "lib=" + lib, main);
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("error: failed to instantiate `" + lib
                + "` (--preload lib): unknown import: nowhere::f has not been defined\n");
        assertThat(run("run", "--preload", "lib", main).stderr())
                .startsWith("wasmj run: Invalid value for option '--preload'");
    }

    @Test
    void theStrategyAndFeaturesAreOptions() throws Exception {
        Path file = arithmetic();
        assertThat(run("run", "-C", "strategy=interpreter", "--invoke", "add", file, 1, 2).out()).isEqualTo("3\n");
        assertThat(run("run", "-C", "strategy=compiler", "--invoke", "add", file, 1, 2).out()).isEqualTo("3\n");
        CommandRun noSimd = run("run", "-W", "simd=n", "--invoke", "add", file, 1, 2);
        assertThat(noSimd.status()).isEqualTo(1);
        assertThat(noSimd.stderr()).startsWith("error: " + file + ":").doesNotContain("\n\n");
    }

    @Test
    void helpListsTheOptions() {
        CommandRun help = run("run", "--help");
        assertThat(help.status()).isZero();
        assertThat(help.out()).contains("--dir", "--env", "--argv0", "--invoke", "--preload", "--tcplisten", "-S", "-C", "-W");
        assertThat(run("--help").out()).contains("run");
    }

    @Test
    void aFileIsRequired() {
        CommandRun run = run("run");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).startsWith("wasmj run: Missing required parameter: 'FILE'");
    }
}
