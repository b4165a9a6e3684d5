package dev.wasmj.bench;

/**
 * How long each engine runs each program: calls until {@code warmupSeconds} have passed (the first
 * call counts), then {@code iterations} measured calls.
 */
record Settings(int iterations, double warmupSeconds) {
    static final Settings DEFAULT = new Settings(5, 1.0);
}
