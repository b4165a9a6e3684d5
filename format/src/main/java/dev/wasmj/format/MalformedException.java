package dev.wasmj.format;

/** The input does not follow the WebAssembly binary or text grammar. */
public final class MalformedException extends WasmFormatException {

    /** A malformed binary module, at the given byte offset (-1 when unknown). */
    public MalformedException(String reason, long offset) {
        super(reason, offset, 0, 0);
    }

    /** Malformed text, at the given 1-based line and column. */
    public MalformedException(String reason, int line, int column) {
        super(reason, -1, line, column);
    }
}
