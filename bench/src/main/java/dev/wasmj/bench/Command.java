package dev.wasmj.bench;

/**
 * A WASI preview 1 command loaded (compiled) once on one engine, run any number of times, each run
 * in a fresh instance with a WASI context of its own ({@link JvmEngine#loadCommand}).
 */
@FunctionalInterface
public interface Command {
    /** A fresh instance of the command with its own WASI context for one run, not started yet. */
    Instantiated instantiate(Invocation invocation) throws Exception;

    /** One instance of a command, to start once. */
    @FunctionalInterface
    interface Instantiated {
        /**
         * Runs {@code _start} to its end (or to {@code proc_exit}), then releases the instance's
         * WASI context.
         *
         * @return the guest's exit status (0 when {@code _start} returned)
         */
        int start() throws Exception;
    }

    /** Instantiates and starts the command once: {@link #instantiate}, then {@link Instantiated#start}. */
    default int run(Invocation invocation) throws Exception {
        return instantiate(invocation).start();
    }
}
