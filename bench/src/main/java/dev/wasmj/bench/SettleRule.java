package dev.wasmj.bench;

/**
 * When the JIT has settled, a pure function of the warm-up calls so far: over the last
 * {@code window} calls, the JIT compiled for at most {@code fraction} of the time those calls took.
 * While HotSpot is still compiling the engine or the generated code, it compiles for a large share
 * of every call (wasmj's compiler on SQLite, after 2 s: about as long as the calls themselves); once
 * the hot code is compiled, calls go by with little or no compilation.
 *
 * <p>The compilation time is HotSpot's ({@link java.lang.management.CompilationMXBean}): the time
 * its compiler threads spent compiling, summed over them, in milliseconds; a call's share is the
 * growth from the end of the call before to the end of this one.
 */
record SettleRule(int window, double fraction) {
    /** The rule of the benchmark: see bench/README.md "How it measures" for the measurements behind it. */
    static final SettleRule DEFAULT = new SettleRule(5, 0.05);

    SettleRule {
        if (window < 1 || !(fraction >= 0)) {
            throw new IllegalArgumentException("window " + window + ", fraction " + fraction);
        }
    }

    /**
     * Whether the JIT has settled after {@code count} calls, the i-th of which took
     * {@code callNanos[i]} while the JIT compiled for {@code compileNanos[i]}: fewer than
     * {@code window} calls is never settled.
     */
    boolean settled(long[] callNanos, long[] compileNanos, int count) {
        if (count < window) {
            return false;
        }
        long calls = 0;
        long compiling = 0;
        for (int i = count - window; i < count; i++) {
            calls += callNanos[i];
            compiling += compileNanos[i];
        }
        return compiling <= fraction * calls;
    }
}
