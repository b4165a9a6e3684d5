package dev.wasmj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The validate, wat2wasm and wast commands, run in-process on real files. */
class CommandsTest {
    private static final Path HELLO = Path.of("../examples/hello.wat");

    @TempDir
    Path dir;

    private Path write(String name, String content) throws Exception {
        return Files.writeString(dir.resolve(name), content);
    }

    private Path write(String name, byte[] content) throws Exception {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void validateIsSilentOnTheExample() {
        CommandRun run = CommandRun.of("validate", HELLO.toString());
        assertThat(run.stderr()).isEmpty();
        assertThat(run.out()).isEmpty();
        assertThat(run.status()).isZero();
    }

    @Test
    void validateNamesLineAndColumnOfMalformedText() throws Exception {
        Path file = write("bad.wat", "(module\n  (func (i32.frobnicate)))\n");
        CommandRun run = CommandRun.of("validate", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).matches("\\Q" + file + "\\E:2:\\d+: [^\n]+\n");
    }

    @Test
    void validateNamesTheByteOffsetOfMalformedBinaries() throws Exception {
        Path file = write("bad.wasm", new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0, 1});
        CommandRun run = CommandRun.of("validate", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).matches("\\Q" + file + "\\E: at byte offset \\d+ \\(0x[0-9a-f]+\\): [^\n]+\n");
    }

    @Test
    void validateReportsInvalidTextModules() throws Exception {
        Path file = write("invalid.wat", "(module (func (result i32) (i64.const 0)))");
        CommandRun run = CommandRun.of("validate", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo(file + ":1:29: type mismatch: instruction requires [i32] but stack has [i64]\n");
    }

    @Test
    void validateNamesTheInstructionOfAnInvalidTextModule() throws Exception {
        Path file = write("bad.wat", "(module\n  (func (export \"f\") (result i32)\n    i64.const 1))\n");
        CommandRun run = CommandRun.of("validate", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo(file + ":3:5: type mismatch: instruction requires [i32] but stack has [i64]\n");
    }

    @Test
    void validateNamesTheConstantExpressionOfAnInvalidTextModule() throws Exception {
        Path file = write("bad.wat", "(module\n  (global i64 (i32.const 1)))\n");
        CommandRun run = CommandRun.of("validate", file.toString());
        assertThat(run.stderr()).startsWith(file + ":2:16: type mismatch");
    }

    @Test
    void validateNamesTheFieldOfAModuleLevelError() throws Exception {
        Path file = write("bad.wat", "(module (func) (export \"a\" (func 0))\n  (export \"a\" (func 0)))");
        CommandRun run = CommandRun.of("validate", file.toString());
        assertThat(run.stderr()).isEqualTo(file + ":2:3: duplicate export name \"a\"\n");
    }

    @Test
    void validateHonoursFeatureOptions() throws Exception {
        Path file = write("atomic.wat", "(module (memory 1 1 shared))");
        assertThat(CommandRun.of("validate", file.toString()).status()).isZero();
        CommandRun run = CommandRun.of("validate", "-W", "threads=n", file.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).contains("threads");
    }

    @Test
    void wat2wasmWritesAValidBinaryBesideTheInput() throws Exception {
        Path input = Files.copy(HELLO, dir.resolve("hello.wat"));
        CommandRun run = CommandRun.of("wat2wasm", input.toString());
        assertThat(run.status()).isZero();
        assertThat(run.stderr()).isEmpty();
        byte[] binary = Files.readAllBytes(dir.resolve("hello.wasm"));
        assertThat(binary).startsWith(0, 'a', 's', 'm', 1, 0, 0, 0);
        assertThat(CommandRun.of("validate", dir.resolve("hello.wasm").toString()).status()).isZero();
    }

    @Test
    void wat2wasmWritesToTheNamedFileOrStandardOutput() throws Exception {
        Path out = dir.resolve("out.bin");
        assertThat(CommandRun.of("wat2wasm", HELLO.toString(), "-o", out.toString()).status()).isZero();
        CommandRun toStdout = CommandRun.of("wat2wasm", HELLO.toString(), "-o", "-");
        assertThat(toStdout.status()).isZero();
        assertThat(toStdout.stdout()).isEqualTo(Files.readAllBytes(out));
    }

    @Test
    void wat2wasmWritesNothingForABadModule() throws Exception {
        Path input = write("bad.wat", "(module (func (result i32)))");
        CommandRun run = CommandRun.of("wat2wasm", input.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).startsWith(input + ":1:9: type mismatch").hasLineCount(1);
        assertThat(dir.resolve("bad.wasm")).doesNotExist();
    }

    @Test
    void wastPrintsFailuresAndTheSummary() throws Exception {
        Path script = write("s.wast", """
                (module (func (export "f") (result i32) (i32.const 1)))
                (assert_invalid (module) "type mismatch")
                (assert_return (invoke "f") (i32.const 2))
                (assert_return (invoke "f") (i32.const 1))
                """);
        CommandRun run = CommandRun.of("wast", script.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).isEqualTo(script + ":2: expected invalid \"type mismatch\", but the module is valid\n"
                + script + ":3: result 0: expected (i32.const 2), got (i32.const 1)\n"
                + "wast: 2 passed, 2 failed, 0 skipped\n");
    }

    @Test
    void wastSelectsTheEngineWithCodegenOptions() throws Exception {
        Path script = write("s.wast", """
                (module (func (export "f") (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0))))
                (assert_return (invoke "f" (i32.const 1)) (i32.const 1))
                (assert_trap (invoke "f" (i32.const 0)) "integer divide by zero")
                """);
        CommandRun run = CommandRun.of("wast", "-C", "strategy=interpreter", script.toString());
        assertThat(run.out()).isEqualTo("wast: 3 passed, 0 failed, 0 skipped\n");
        assertThat(run.status()).isZero();
        CommandRun compiler = CommandRun.of("wast", "-C", "strategy=compiler", script.toString());
        assertThat(compiler.out()).isEqualTo("fallbacks: 0\nwast: 3 passed, 0 failed, 0 skipped\n");
        assertThat(compiler.status()).isZero();
        assertThat(CommandRun.of("wast", "-C", "opt-level=2", script.toString()).stderr())
                .contains("unknown codegen option 'opt-level'");
    }

    @Test
    void wastRunsTheScriptsUnderADirectory() throws Exception {
        write("a.wast", "(module)");
        Files.createDirectories(dir.resolve("sub"));
        write("sub/b.wast", "(assert_malformed (module binary \"\") \"unexpected end\")");
        write("sub/notes.txt", "not a script");
        CommandRun run = CommandRun.of("wast", dir.toString());
        assertThat(run.out()).isEqualTo("wast: 2 passed, 0 failed, 0 skipped\n");
        assertThat(run.status()).isZero();
    }

    @Test
    void wastListsMessageMismatchesOnlyWhenVerbose() throws Exception {
        Path script = write("s.wast", "(assert_invalid (module (func (result i32))) \"unknown label\")");
        assertThat(CommandRun.of("wast", script.toString()).out()).isEqualTo("wast: 1 passed, 0 failed, 0 skipped\n");
        CommandRun verbose = CommandRun.of("wast", "--verbose", script.toString());
        assertThat(verbose.out()).startsWith(script + ":1: expected invalid \"unknown label\", got invalid \"type mismatch")
                .endsWith("\nwast: 1 passed, 0 failed, 0 skipped\n");
        assertThat(verbose.status()).isZero();
    }

    @Test
    void wastRejectsADirectoryWithoutScripts() {
        CommandRun run = CommandRun.of("wast", dir.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("wasmj: no .wast files under " + dir + "\n");
    }

    @Test
    void wastCountsAMissingFileAsAFailure() {
        CommandRun run = CommandRun.of("wast", dir.resolve("none.wast").toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("no such file").endsWith("wast: 0 passed, 1 failed, 0 skipped\n");
    }
}
