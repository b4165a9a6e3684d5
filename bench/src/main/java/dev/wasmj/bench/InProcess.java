package dev.wasmj.bench;

import java.util.List;

/**
 * A benchmark measured inside one process per engine (and fork), as JMH forks: the module loaded
 * once, a first call (cold), calls until warmed up, then the measured calls. The child process is
 * {@code Main --child ENGINE} or bench/node/kernel.mjs for a kernel, {@code Main --child-command
 * ENGINE} or bench/node/command.mjs for a WASI command; it prints a {@link Result} line.
 */
sealed interface InProcess extends Benchmark permits Program, SqliteProgram {
    /** What the child runs in a loop. */
    enum Kind {
        /** A kernel {@code run(n)} of bench/programs ({@link KernelTimer}). */
        KERNEL,
        /** A WASI command, a fresh instance per run ({@link CommandTimer}). */
        COMMAND
    }

    Kind kind();

    /** The checksum the child's result line must carry. */
    int checksum();

    /** The child's arguments after its engine: what to run and for how long. */
    List<String> childArguments(Settings settings);
}
