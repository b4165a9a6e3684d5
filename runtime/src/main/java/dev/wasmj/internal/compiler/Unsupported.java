package dev.wasmj.internal.compiler;

/**
 * Thrown while generating a function's code when it uses something the compiler does not handle
 * yet: the function then runs on the interpreter (a counted fallback). Never reaches the user.
 */
final class Unsupported extends RuntimeException {
    Unsupported(String what) {
        super(what, null, false, false);
    }
}
