package dev.wasmj;

/** How an {@link Engine} runs WebAssembly code. */
public enum Strategy {
    /** The best engine available: today the interpreter. */
    AUTO,
    /** The interpreter: lowers each function once to a compact internal code and interprets it. */
    INTERPRETER,
    /**
     * The compiler to JVM bytecode. Not available yet (it comes with its own issue): an
     * {@link Engine} with this strategy cannot be created.
     */
    COMPILER
}
