package dev.wasmj;

/**
 * A function implemented in Java that WebAssembly code can call (Wasmtime's {@code Func::new}).
 * It receives its arguments as {@link Val}s, typed as its {@link FuncType} says, and returns its
 * results ({@link Val#NONE} for none). It may throw a {@link Trap} to trap its caller.
 *
 * @param <T> the type of the store's data, which {@link Caller#data()} gives
 */
@FunctionalInterface
public interface HostFunction<T> {
    /**
     * Runs the function.
     *
     * @param caller the calling instance and its store
     * @param args   the arguments, one per parameter
     * @return the results, one per result of the function type
     */
    Val[] call(Caller<T> caller, Val[] args);
}
