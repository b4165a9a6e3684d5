package dev.wasmj.internal.runtime;

/**
 * Generates code for the functions of a new module instance (the compiler), giving each function it
 * compiles its {@link WasmFunction#compiled} code; the others run on the interpreter. The
 * {@link Instantiator} calls it once the instance's index spaces are filled, before the start function.
 */
public interface CodeGenerator {
    /** Generates code for {@code instance}'s defined functions; never fails (falls back instead). */
    void generate(ModuleInstance instance);
}
