package dev.wasmj.wasi;

/**
 * Thrown out of a call into WebAssembly when the guest calls {@code proc_exit} (Wasmtime's
 * {@code I32Exit}): not a trap, the program's requested end with its exit status.
 */
public final class WasiExit extends RuntimeException {
    private final int status;

    public WasiExit(int status) {
        super("exit status " + status, null, false, false);
        this.status = status;
    }

    /** The exit status the guest passed to {@code proc_exit}. */
    public int status() {
        return status;
    }
}
