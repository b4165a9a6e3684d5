package dev.wasmj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;

/**
 * Runs one program on one in-process engine: load, first call, warm-up, measured calls.
 *
 * <p>Warm-up is counted in CPU time of the whole process, JIT compiler threads included, not in
 * wall-clock time: on a busy machine the compiler threads get as little of a processor as the
 * kernel does, and a wall-clock warm-up would end before the JIT has compiled the engine. It lasts
 * until the process has used {@code warmupSeconds} of CPU time and two calls in a row took about
 * the same CPU time (within 10%), or at most five times the warm-up time.
 */
final class KernelTimer {
    private static final double STEADY = 0.10;
    private static final int WARMUP_LIMIT = 5;

    private KernelTimer() {
    }

    static Result measure(JvmEngine engine, Program program, Settings settings) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] wasm = Files.readAllBytes(program.wasm());
        long start = System.nanoTime();
        Kernel kernel = engine.load(wasm);
        double loadMs = millisSince(start);

        start = System.nanoTime();
        check(engine, program, kernel.run(program.n()));
        double firstMs = millisSince(start);

        long warmup = (long) (settings.warmupSeconds() * 1e9);
        double previous = Double.NaN;
        while (processCpuNanos() < warmup * WARMUP_LIMIT) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            check(engine, program, kernel.run(program.n()));
            double cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            if (processCpuNanos() >= warmup && Math.abs(cpu - previous) <= STEADY * previous) {
                break;
            }
            previous = cpu;
        }

        double[] runs = new double[settings.iterations()];
        double[] cpu = new double[settings.iterations()];
        for (int i = 0; i < runs.length; i++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            start = System.nanoTime();
            int checksum = kernel.run(program.n());
            runs[i] = millisSince(start);
            cpu[i] = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e6;
            check(engine, program, checksum);
        }
        return new Result(engine.name(), program.name(), program.checksum(), loadMs, firstMs, runs, cpu);
    }

    /** CPU time of this process so far, all threads. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    private static void check(JvmEngine engine, Program program, int checksum) {
        if (checksum != program.checksum()) {
            throw new IllegalStateException(engine.name() + ": " + program.name() + " returned checksum "
                    + Program.hex(checksum) + ", expected " + Program.hex(program.checksum()));
        }
    }

    private static double millisSince(long start) {
        return (System.nanoTime() - start) / 1e6;
    }
}
