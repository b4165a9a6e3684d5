package dev.wasmj.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * The warm-up of a JVM engine, the same for the kernels ({@link KernelTimer}) and the WASI commands
 * ({@link CommandTimer}): repeat the call until
 * <ul>
 * <li>the process has used {@code seconds} of CPU time since the module was loaded,
 * <li>two calls in a row took about the same CPU time (within 10%; no longer asked after five times
 * the warm-up time, for engines whose calls vary more than that),
 * <li>and the JIT has settled ({@link SettleRule#DEFAULT}: HotSpot's compilation time, from
 * {@link CompilationMXBean}),
 * </ul>
 * or until the process has used the cap ({@link #capNanos}): the warm-up then ends "not settled",
 * which the tables show.
 *
 * <p>Counted in CPU time of the whole process, JIT compiler threads included, not in wall-clock
 * time: on a busy machine the compiler threads get as little of a processor as the kernel does, and
 * a wall-clock warm-up would end before the JIT has compiled the engine. The settle rule is there
 * because issue 5 asks that "JVM start-up and warm-up are seen apart from steady speed": a fixed
 * warm-up of 2 s left HotSpot compiling SQLite's generated code through the measured runs.
 *
 * <p>{@code -Dbench.traceWarmup=true} prints every warm-up call's CPU time and HotSpot's compilation
 * time during it on standard error (how the rule's window and fraction were chosen).
 */
final class Warmup {
    private static final double STEADY = 0.10;
    private static final int STEADY_FOR = 5;
    private static final boolean TRACE = Boolean.getBoolean("bench.traceWarmup");

    /** Whether the warm-up ended with the JIT settled. */
    enum Settled {
        /** The settle rule held when the warm-up ended. */
        YES,
        /** The cap ended the warm-up before the rule held: the measured calls may include JIT compilation. */
        NO,
        /** Nothing tells: node (V8 has no such API), or a JVM without compilation time monitoring. */
        UNKNOWN
    }

    /**
     * How a warm-up went: its calls, the CPU time of the process from its first call to its end
     * (node: wall-clock time), and whether the JIT settled.
     */
    record Outcome(int calls, double seconds, Settled settled) {
        /** No warm-up reported (a whole program, or an older child). */
        static final Outcome NONE = new Outcome(0, Double.NaN, Settled.UNKNOWN);
    }

    /** One warm-up call; returns the CPU time it took in nanoseconds (of the calling thread). */
    @FunctionalInterface
    interface Call {
        long cpuNanos() throws Exception;
    }

    /**
     * When the warm-up is over, a pure function of its calls: feed it each call's time, the JIT's
     * compilation time during it and the CPU time used so far ({@link #add}).
     */
    static final class Policy {
        private final long warmupNanos;
        private final long capNanos;
        private final SettleRule rule;
        private long[] calls = new long[64];
        private long[] compiling = new long[64];
        private int count;
        private boolean jitKnown = true;
        private Settled settled = Settled.UNKNOWN;

        Policy(long warmupNanos, long capNanos, SettleRule rule) {
            this.warmupNanos = warmupNanos;
            this.capNanos = capNanos;
            this.rule = rule;
        }

        /**
         * Adds a call that took {@code callNanos} while the JIT compiled for {@code compileNanos}
         * (negative: unknown), the process having used {@code usedNanos} of CPU time by its end;
         * returns whether the warm-up is over.
         */
        boolean add(long callNanos, long compileNanos, long usedNanos) {
            if (count == calls.length) {
                calls = java.util.Arrays.copyOf(calls, count * 2);
                compiling = java.util.Arrays.copyOf(compiling, count * 2);
            }
            calls[count] = callNanos;
            compiling[count] = Math.max(compileNanos, 0);
            jitKnown &= compileNanos >= 0;
            count++;
            if (usedNanos >= capNanos) {
                settled = jitKnown ? (rule.settled(calls, compiling, count) ? Settled.YES : Settled.NO) : Settled.UNKNOWN;
                return true;
            }
            if (usedNanos < warmupNanos) {
                return false;
            }
            boolean steady = count >= 2
                    && Math.abs(calls[count - 1] - calls[count - 2]) <= STEADY * calls[count - 2];
            if (!steady && usedNanos < warmupNanos * STEADY_FOR) {
                return false;
            }
            if (!jitKnown) {
                settled = Settled.UNKNOWN;
                return true;
            }
            settled = rule.settled(calls, compiling, count) ? Settled.YES : Settled.NO;
            return settled == Settled.YES;
        }

        int calls() {
            return count;
        }

        /** Whether the JIT had settled when the warm-up ended. */
        Settled settled() {
            return settled;
        }
    }

    private Warmup() {
    }

    /**
     * The most CPU time a warm-up of {@code seconds} may use: 20 times the warm-up time, at most a
     * minute more than it (40 s for the default 2 s; GraalWasm's 10 s: 70 s).
     */
    static long capNanos(double seconds) {
        return (long) (Math.min(seconds * 20, seconds + 60) * 1e9);
    }

    /**
     * Calls {@code call} until warmed up (as the class comment says), counting the CPU time the
     * process used since it had used {@code fromCpuNanos} ({@link #processCpuNanos}): the end of the
     * module's load.
     */
    static Outcome run(double seconds, long fromCpuNanos, Call call) throws Exception {
        Policy policy = new Policy((long) (seconds * 1e9), capNanos(seconds), SettleRule.DEFAULT);
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean jitKnown = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compiled = jitKnown ? jit.getTotalCompilationTime() : 0;
        long start = processCpuNanos();
        long used;
        boolean done;
        do {
            long cpu = call.cpuNanos();
            long compiledNow = jitKnown ? jit.getTotalCompilationTime() : 0;
            long compileNanos = jitKnown ? (compiledNow - compiled) * 1_000_000 : -1;
            compiled = compiledNow;
            used = processCpuNanos() - fromCpuNanos;
            done = policy.add(cpu, compileNanos, used);
            if (TRACE) {
                System.err.printf("warm-up call %d: %.2f ms CPU, JIT compiled %d ms, process CPU %.2f s%n",
                        policy.calls(), cpu / 1e6, compileNanos / 1_000_000, used / 1e9);
            }
        } while (!done);
        return new Outcome(policy.calls(), (processCpuNanos() - start) / 1e9, policy.settled());
    }

    /** CPU time of this process so far, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
