package dev.wasmj.bench;

/**
 * A WASI preview 1 command loaded (compiled) once on one engine, run any number of times, each run
 * in a fresh instance with a WASI context of its own ({@link JvmEngine#loadCommand}).
 */
@FunctionalInterface
public interface Command {
    /**
     * Runs the command to its end in a fresh instance: {@code _start}, or an exit through
     * {@code proc_exit}.
     *
     * @return the guest's exit status (0 when {@code _start} returned)
     */
    int run(Invocation invocation) throws Exception;
}
