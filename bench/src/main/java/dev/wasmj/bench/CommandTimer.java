package dev.wasmj.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs a WASI command ({@link WasiCommand}) on one in-process engine the way {@link KernelTimer}
 * runs a kernel: load (compile) the module once, run it once (the first run: cold, JIT warm-up
 * included), run it until warmed up ({@link Warmup}), then the measured runs. Each run is a fresh
 * instance with its own WASI context and a fresh empty directory; its standard output is checked
 * and its time is the kernel time the command printed itself (wall-clock time), so instantiation
 * and WASI set-up are not in it; its CPU time is the CPU time of the calling thread in
 * {@code _start} (the whole guest program, instantiation not included), which a busy machine
 * disturbs much less. The warm-up counts the CPU time from the end of the load: compiling a module of
 * megabytes takes Chicory's and Endive's compilers seconds of CPU time, which would otherwise use
 * up the warm-up's limit before the first warm-up run.
 */
final class CommandTimer {
    private CommandTimer() {
    }

    /**
     * One run: the kernel time the command printed; the whole run (instantiation, WASI set-up and
     * {@code _start}) in wall-clock time; {@code _start} alone in CPU time of the calling thread.
     */
    record Run(double kernelMs, double wallMs, long startCpuNanos) {
    }

    static Result measure(JvmEngine engine, WasiCommand command, Settings settings) throws Exception {
        byte[] wasm = Files.readAllBytes(command.wasm());
        long start = System.nanoTime();
        Command loaded = engine.loadCommand(wasm);
        double loadMs = (System.nanoTime() - start) / 1e6;
        long loadedCpu = Warmup.processCpuNanos();

        Run first = run(loaded, command);
        Warmup.Outcome warmup = Warmup.run(settings.warmupSeconds(), loadedCpu, () -> run(loaded, command).startCpuNanos());
        double[] kernel = new double[settings.iterations()];
        double[] wall = new double[kernel.length];
        double[] cpu = new double[kernel.length];
        for (int i = 0; i < kernel.length; i++) {
            Run run = run(loaded, command);
            kernel[i] = run.kernelMs();
            wall[i] = run.wallMs();
            cpu[i] = run.startCpuNanos() / 1e6;
        }
        System.err.printf("%s on %s: load %.2f ms; first run %.2f ms (its kernel %.2f ms); %d warm-up runs (%.2f s of CPU time, JIT settled: %s);"
                        + " measured runs: median whole run (instance, WASI, _start) %.2f ms%n",
                command.name(), engine.name(), loadMs, first.wallMs(), first.kernelMs(), warmup.calls(),
                warmup.seconds(), warmup.settled(), Result.median(wall));
        return new Result(engine.name(), command.name(), command.checksum(), loadMs, first.kernelMs(), kernel, cpu, warmup);
    }

    /** Runs {@code loaded} once in a fresh instance and a fresh empty directory, and checks its output. */
    static Run run(Command loaded, WasiCommand command) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Path dir = Files.createTempDirectory(command.scratchRoot(), "wasmj-bench-" + command.name());
        try {
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            long start = System.nanoTime();
            Command.Instantiated instance = loaded.instantiate(new Invocation(command.args(), dir, command.guestDir(), stdout, stderr));
            long cpuStart = threads.getCurrentThreadCpuTime();
            int status = instance.start();
            long cpuNanos = threads.getCurrentThreadCpuTime() - cpuStart;
            double wallMs = (System.nanoTime() - start) / 1e6;
            String err = stderr.toString(StandardCharsets.UTF_8);
            if (status != 0) {
                throw new IOException(command.name() + " exited with status " + status
                        + (err.isBlank() ? "" : ": " + String.join(" | ", err.lines().limit(4).toList())));
            }
            return new Run(command.kernelMs(stdout.toString(StandardCharsets.UTF_8), err), wallMs, cpuNanos);
        } finally {
            Driver.deleteTree(dir);
        }
    }
}
