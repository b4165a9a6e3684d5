package dev.wasmj.bench;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A row of the tables: measured inside one process per engine ({@link InProcess}: a kernel of
 * bench/programs called in a loop, or a WASI command run in a loop) or a whole program
 * ({@link WholeProgram}, a process per run, timing itself).
 */
sealed interface Benchmark permits InProcess, WholeProgram {
    /** The program's name, e.g. {@code fib} or {@code sqlite}. */
    String name();

    /** Its argument as the tables show it, e.g. {@code 27} or {@code 20000 rows}. */
    String argument();

    /** Prepares what every run needs (builds or fetches the module, the reference output); by default nothing. */
    default void prepare(Path root) throws IOException, InterruptedException {
    }

    /** Why {@code engine} does not run this program in the harness, or null when it does (the default). */
    default String notRun(String engine) {
        return null;
    }
}
