package dev.wasmj.bench;

/**
 * How long each engine runs each program: in each of {@code forks} fresh processes, warm-up calls
 * for at least {@code warmupSeconds} (of CPU time of the process in a JVM, and until the JIT has
 * settled, see {@link Warmup}; of wall-clock time in node), then {@code iterations} measured calls. A whole program
 * ({@link WholeProgram}) runs {@code wholeRuns} times, a process each.
 */
record Settings(int iterations, double warmupSeconds, int forks, int wholeRuns) {
    static final Settings DEFAULT = new Settings(5, 2.0, 1, 3);

    /** The kernels' settings with one run of each whole program. */
    Settings(int iterations, double warmupSeconds, int forks) {
        this(iterations, warmupSeconds, forks, DEFAULT.wholeRuns());
    }
}
