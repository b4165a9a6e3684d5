package dev.wasmj.examples.ruby;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Engine;
import dev.wasmj.docsnippets.DocSnippets;
import dev.wasmj.Module;
import dev.wasmj.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Java example of this module's README runs as written: the code block after
 * {@code <!-- snippet: from-java} is exactly the region between the snippet comments below.
 */
class ReadmeTest {
    private String greeting;
    private String text;
    private String count;
    private String error;

    @Test
    void theExampleRunsAndGivesWhatItsCommentsSay() {
        Path rubyWasm = RubyWasm.path();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // snippet: from-java
        Engine engine = new Engine();
        Module ruby = Module.fromFile(engine, rubyWasm);                // ruby.wasm: compile once, start many VMs
        try (RubyVm vm = RubyVm.start(ruby, new WasiConfig().stdout(out).inheritStderr())) {
            vm.run("puts (1..10).sum { |i| i * i }");                    // prints 385
            vm.run("def greet(name) = \"Hello, #{name}!\"");             // state stays for later evaluations
            greeting = vm.evalToString("greet('Java')");                 // "Hello, Java!"
            try (RubyValue primes = vm.eval("(1..30).select { |n| (2..Math.sqrt(n)).none? { n % _1 == 0 } && n > 1 }")) {
                text = primes.inspect();                                 // "[2, 3, 5, 7, 11, 13, 17, 19, 23, 29]"
                count = primes.call("size").asString();                  // "10"
            }
            vm.run("raise 'boom'");                                      // throws RubyException: boom (RuntimeError)
        } catch (RubyException e) {
            error = e.getMessage();
        }
        // end snippet
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("385\n");
        assertThat(greeting).isEqualTo("Hello, Java!");
        assertThat(text).isEqualTo("[2, 3, 5, 7, 11, 13, 17, 19, 23, 29]");
        assertThat(count).isEqualTo("10");
        assertThat(error).startsWith("boom (RuntimeError)");
    }

    @Test
    void theReadmeShowsExactlyTheTestedCode() throws IOException {
        Map<String, String> readme = DocSnippets.blocks(Path.of("README.md"));
        Map<String, String> tested = DocSnippets.regions(Path.of("src/test/java/dev/wasmj/examples/ruby/ReadmeTest.java"));
        assertThat(tested).containsKey("from-java");
        assertThat(readme.get("from-java")).isEqualTo(tested.get("from-java"));
    }
}
