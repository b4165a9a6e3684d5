package dev.wasmj.format;

/** The module is well formed but breaks a validation rule of the WebAssembly specification. */
public final class InvalidException extends WasmFormatException {

    /** An invalid module; {@code offset} is the byte offset of the offending construct, or -1. */
    public InvalidException(String reason, long offset) {
        super(reason, offset, 0, 0);
    }

    /** An invalid module whose offending construct was written at a text position. */
    public InvalidException(String reason, int line, int column) {
        super(reason, -1, line, column);
    }
}
