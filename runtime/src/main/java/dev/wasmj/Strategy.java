package dev.wasmj;

/** How an {@link Engine} runs WebAssembly code. */
public enum Strategy {
    /** The best engine available: today the interpreter. */
    AUTO,
    /** The interpreter: lowers each function once to a compact internal code and interprets it. */
    INTERPRETER,
    /**
     * The compiler to JVM bytecode (in progress): each function becomes a JVM method; the functions
     * it cannot compile yet run on the interpreter ({@link Engine#compilerFallbacks()} counts them).
     */
    COMPILER
}
