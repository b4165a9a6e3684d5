package dev.wasmj.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

    @Test
    void helpListsTheCommands() {
        CommandRun run = CommandRun.of("--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("wat2wasm", "validate", "wast");
    }

    @Test
    void subcommandHelpListsTheFeatureNames() {
        CommandRun run = CommandRun.of("validate", "--help");
        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("-W", "all-proposals", "tail-call", "custom-descriptors");
    }

    @Test
    void versionNamesWasmj() {
        CommandRun run = CommandRun.of("--version");
        assertThat(run.status()).isZero();
        assertThat(run.out()).startsWith("wasmj ");
    }

    @Test
    void noCommandPrintsUsageAndFails() {
        CommandRun run = CommandRun.of();
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).contains("Usage: wasmj");
    }

    @Test
    void usageErrorsAreOneLineWithStatusOne() {
        CommandRun missing = CommandRun.of("validate");
        assertThat(missing.status()).isEqualTo(1);
        assertThat(missing.stderr()).isEqualTo(
                "wasmj validate: Missing required parameter: 'FILE' (see 'wasmj validate --help')\n");

        CommandRun unknown = CommandRun.of("frobnicate");
        assertThat(unknown.status()).isEqualTo(1);
        assertThat(unknown.stderr().lines()).hasSize(1);
    }

    @Test
    void unknownFeatureIsAUsageError() {
        CommandRun run = CommandRun.of("validate", "-W", "teleportation=y", "x.wasm");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr().lines()).singleElement().asString().contains("unknown feature 'teleportation'");
    }

    @Test
    void badFeatureValueIsAUsageError() {
        CommandRun run = CommandRun.of("validate", "-W", "gc=maybe", "x.wasm");
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).contains("'maybe' for feature 'gc' is not y or n");
    }

    @Test
    void missingFileIsOneLineWithoutStackTrace(@TempDir Path dir) {
        Path missing = dir.resolve("missing.wasm");
        CommandRun run = CommandRun.of("validate", missing.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).isEqualTo("wasmj: cannot read " + missing + ": no such file\n");
    }

    @Test
    void wat2wasmRefusesToOverwriteItsInput(@TempDir Path dir) throws Exception {
        Path input = Files.writeString(dir.resolve("m.wasm"), "(module)");
        CommandRun run = CommandRun.of("wat2wasm", input.toString());
        assertThat(run.status()).isEqualTo(1);
        assertThat(run.stderr()).contains("would replace the input");
        assertThat(Files.readString(input)).isEqualTo("(module)");
    }

    @Test
    void oneLineJoinsLines() {
        assertThat(Diagnostics.oneLine(" a\n  b\r\nc ")).isEqualTo("a b c");
    }
}
