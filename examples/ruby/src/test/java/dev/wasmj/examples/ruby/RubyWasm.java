package dev.wasmj.examples.ruby;

import dev.wasmj.Engine;
import dev.wasmj.Module;
import java.nio.file.Files;
import java.nio.file.Path;

/** The ruby.wasm the build fetched (system property {@code ruby.wasm}), compiled once for all tests. */
final class RubyWasm {
    private static Module module;

    private RubyWasm() {}

    /** The file; fails if the build did not provide it. */
    static Path path() {
        String property = System.getProperty("ruby.wasm");
        if (property == null || !Files.isRegularFile(Path.of(property))) {
            throw new IllegalStateException("ruby.wasm is missing (system property ruby.wasm = " + property
                    + "): the build fetches it with examples/ruby/ruby-wasm.sh");
        }
        return Path.of(property);
    }

    /** The compiled module, shared by every test. */
    static synchronized Module module() {
        if (module == null) {
            module = Module.fromFile(new Engine(), path());
        }
        return module;
    }
}
