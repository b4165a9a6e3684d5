package dev.wasmj.bench;

import java.lang.management.ManagementFactory;

/**
 * The warm-up of a JVM engine, the same for the kernels ({@link KernelTimer}) and the WASI commands
 * ({@link CommandTimer}): repeat the call until the process has used {@code seconds} of CPU time
 * and two calls in a row took about the same CPU time (within 10%), or the process has used five
 * times the warm-up time.
 *
 * <p>Counted in CPU time of the whole process, JIT compiler threads included, not in wall-clock
 * time: on a busy machine the compiler threads get as little of a processor as the kernel does, and
 * a wall-clock warm-up would end before the JIT has compiled the engine.
 */
final class Warmup {
    private static final double STEADY = 0.10;
    private static final int LIMIT = 5;

    /** One warm-up call; returns the CPU time it took in nanoseconds (of the calling thread). */
    @FunctionalInterface
    interface Call {
        long cpuNanos() throws Exception;
    }

    private Warmup() {
    }

    /** Calls {@code call} until warmed up, as the class comment says; returns how many calls it made. */
    static int run(double seconds, Call call) throws Exception {
        return run(seconds, 0, call);
    }

    /**
     * Calls {@code call} until warmed up, counting the CPU time the process used since it had used
     * {@code fromCpuNanos} ({@link #processCpuNanos}); returns how many calls it made.
     */
    static int run(double seconds, long fromCpuNanos, Call call) throws Exception {
        long warmup = (long) (seconds * 1e9);
        double previous = Double.NaN;
        int calls = 0;
        while (processCpuNanos() - fromCpuNanos < warmup * LIMIT) {
            double cpu = call.cpuNanos();
            calls++;
            if (processCpuNanos() - fromCpuNanos >= warmup && Math.abs(cpu - previous) <= STEADY * previous) {
                break;
            }
            previous = cpu;
        }
        return calls;
    }

    /** CPU time of this process so far, all threads. */
    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
