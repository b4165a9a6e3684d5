package dev.wasmj.internal.runtime;

/**
 * Generates code for the functions of a new module instance (the compiler), giving each function it
 * compiles its {@link WasmFunction#compiled} code; the others run on the interpreter. The
 * {@link Instantiator} calls it once the instance's index spaces are filled, before the start function.
 */
public interface CodeGenerator {
    /** Generates code for {@code instance}'s defined functions; never fails (falls back instead). */
    void generate(ModuleInstance instance);

    /**
     * Tiered compilation: {@code f}'s {@link WasmFunction#heat} ran out on the interpreter. Called on the
     * interpreting thread; must return quickly (compile in the background).
     */
    default void hot(WasmFunction f) {}

    /** Whether the interpreter should count {@code f}'s loop iterations in its {@link WasmFunction#heat}. */
    default boolean countsLoops(WasmFunction f) {
        return false;
    }
}
