package dev.wasmj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;

/**
 * Runs one program on one in-process engine: load, first call, warm-up ({@link Warmup}), measured
 * calls.
 */
final class KernelTimer {
    private KernelTimer() {
    }

    static Result measure(JvmEngine engine, Program program, Settings settings) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] wasm = Files.readAllBytes(program.wasm());
        long start = System.nanoTime();
        Kernel kernel = engine.load(wasm);
        double loadMs = millisSince(start);
        long loadedCpu = Warmup.processCpuNanos(); // the warm-up time counts from here, not from start-up

        start = System.nanoTime();
        check(engine, program, kernel.run(program.n()));
        double firstMs = millisSince(start);

        Warmup.Outcome warmup = Warmup.run(settings.warmupSeconds(), loadedCpu, () -> {
            long cpuStart = threads.getCurrentThreadCpuTime();
            check(engine, program, kernel.run(program.n()));
            return threads.getCurrentThreadCpuTime() - cpuStart;
        });

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
        return new Result(engine.name(), program.name(), program.checksum(), loadMs, firstMs, runs, cpu, warmup);
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
