package dev.wasmj.bench;

import dev.wasmj.Module;
import dev.wasmj.examples.ruby.RubyVm;
import dev.wasmj.wasi.WasiConfig;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/**
 * The CRuby whole program on a wasmj engine ({@code Main --ruby ENGINE --file RUBY_WASM SOURCE}):
 * reads and compiles ruby.wasm, starts a {@link RubyVm}, evaluates the source, and prints on
 * standard error how long it took from reading ruby.wasm to the first line of Ruby's output.
 */
final class RubyStartup {
    private RubyStartup() {
    }

    static void run(WasmjEngine engine, Path wasm, String source) throws IOException {
        long start = System.nanoTime();
        Module ruby = Module.fromFile(engine.newEngine(), wasm);
        FirstLine stdout = new FirstLine(System.out);
        try (RubyVm vm = RubyVm.start(ruby, new WasiConfig().stdout(stdout).stderr(System.err))) {
            vm.run(source);
        }
        System.out.flush();
        if (stdout.at >= 0) {
            System.err.printf("first line of output after %.1f ms (from reading ruby.wasm)%n", (stdout.at - start) / 1e6);
        }
    }

    /** Passes the output on and notes when its first line ended (System.nanoTime, -1 before). */
    private static final class FirstLine extends FilterOutputStream {
        long at = -1;

        FirstLine(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            if (b == '\n' && at < 0) {
                at = System.nanoTime();
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            for (int i = off; i < off + len && at < 0; i++) {
                if (b[i] == '\n') {
                    at = System.nanoTime();
                }
            }
        }
    }
}
