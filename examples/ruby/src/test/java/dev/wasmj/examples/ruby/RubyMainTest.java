package dev.wasmj.examples.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The command line: {@code RubyMain [--timings] RUBY_WASM SOURCE...}. */
class RubyMainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);

    private int run(String... args) {
        return RubyMain.run(args, out, err);
    }

    private String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void evaluatesEachSourceInOneVmAndReportsTimings() {
        int status = run("--timings", RubyWasm.path().toString(), "def twice(x) = x * 2", "puts twice(21)");

        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("42\n");
        assertThat(err()).contains("ruby-init").containsPattern("first line of output after +\\d+ ms");
    }

    @Test
    void aRubyExceptionIsReportedLikeRubyDoes() {
        int status = run(RubyWasm.path().toString(), "puts 1", "raise ArgumentError, 'bad input'");

        assertThat(status).isEqualTo(1);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("1\n");
        assertThat(err()).isEqualTo("eval:1:in '<main>': bad input (ArgumentError)\n");
    }

    @Test
    void usageErrors() {
        assertThat(run()).isEqualTo(1);
        assertThat(err()).startsWith("usage: RubyMain");
        errBytes.reset();

        assertThat(run("/no/such/ruby.wasm", "puts 1")).isEqualTo(1);
        assertThat(err()).isEqualTo("RubyMain: no such file: /no/such/ruby.wasm\n");
    }
}
