package dev.wasmj;

/** How an {@link Engine} runs WebAssembly code. */
public enum Strategy {
    /**
     * The best engine available: tiered compilation. Every function starts on the interpreter (no
     * compilation before the first output); the ones that get hot (calls and loop iterations) are
     * compiled to JVM bytecode in the background and run compiled from their next call.
     */
    AUTO,
    /** The interpreter: lowers each function once to a compact internal code and interprets it. */
    INTERPRETER,
    /**
     * The compiler to JVM bytecode (in progress): each function becomes a JVM method before it first
     * runs (at instantiation, or on its first call in big modules); the functions it cannot compile
     * yet run on the interpreter ({@link Engine#compilerFallbacks()} counts them). For benchmarks and
     * tests: predictable, but slower to start than {@link #AUTO}.
     */
    COMPILER
}
