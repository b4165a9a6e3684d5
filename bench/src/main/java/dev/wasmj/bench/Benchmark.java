package dev.wasmj.bench;

/**
 * A row of the tables: a kernel of bench/programs ({@link Program}, called in a loop inside one
 * process) or a whole program ({@link WholeProgram}, a process per run, timing itself).
 */
sealed interface Benchmark permits Program, WholeProgram {
    /** The program's name, e.g. {@code fib} or {@code sqlite}. */
    String name();

    /** Its argument as the tables show it, e.g. {@code 27} or {@code 20000 rows}. */
    String argument();
}
