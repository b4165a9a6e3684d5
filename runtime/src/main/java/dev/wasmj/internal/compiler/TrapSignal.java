package dev.wasmj.internal.compiler;

import dev.wasmj.Trap;

/**
 * Carries a {@link Trap} out of compiled code together with a Java stack trace, from which the
 * boundary ({@link CompiledCode}) builds the trap's Wasm backtrace. Only compiled code and its helpers
 * throw it, and only {@link CompiledCode} catches it: it never reaches the user.
 */
final class TrapSignal extends RuntimeException {
    final Trap trap;

    TrapSignal(Trap trap) {
        super(trap.getMessage(), null, false, true);
        this.trap = trap;
    }
}
