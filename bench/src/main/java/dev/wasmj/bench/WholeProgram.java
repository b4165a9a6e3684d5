package dev.wasmj.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * A whole program run as a process of its own on each engine, once per measured run: it times its
 * own kernel and prints it, so the table shows the program's kernel time (the median over the
 * runs) apart from the whole process (the "first" column: start-up, compilation and the kernel,
 * cold). Unlike the kernels and the WASI commands ({@link InProcess}), each run is a fresh process:
 * it measures start-up, and the kernel time includes the engine's JIT warm-up.
 */
sealed interface WholeProgram extends Benchmark permits RubyProgram {
    /** The command of one run on {@code engine}; {@code scratch} is an empty directory of its own. */
    List<String> command(String engine, Path scratch, Launch launch) throws IOException;

    /**
     * The kernel time in ms the run reported, after checking its output.
     *
     * @throws IOException if the output is not what the program must print
     */
    double kernelMs(String stdout, String stderr) throws IOException;

    /** How to start the harness's own JVM children ({@code Main --ruby}). */
    interface Launch {
        /**
         * {@code java OPTIONS -cp JAR dev.wasmj.bench.Main} for {@code engine}, before the child's
         * arguments: the harness's JVM options, or {@code options} instead when not null.
         */
        List<String> jvm(String engine, List<String> options);

        /** The project's root directory (for node's scripts and the examples). */
        Path root();
    }
}
