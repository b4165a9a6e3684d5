package dev.wasmj.format;

/**
 * A module that could not be accepted: either {@link MalformedException malformed} (it does not
 * follow the binary or text grammar) or {@link InvalidException invalid} (it is well formed but
 * breaks a validation rule). The message names the position: a byte offset for binary input,
 * {@code line:column} for text.
 */
public abstract sealed class WasmFormatException extends RuntimeException
        permits MalformedException, InvalidException {

    private final String reason;
    private final long offset;
    private final int line;
    private final int column;

    protected WasmFormatException(String reason, long offset, int line, int column) {
        super(describe(reason, offset, line, column));
        this.reason = reason;
        this.offset = offset;
        this.line = line;
        this.column = column;
    }

    private static String describe(String reason, long offset, int line, int column) {
        if (line > 0) {
            return line + ":" + column + ": " + reason;
        }
        if (offset >= 0) {
            return "at byte offset " + offset + " (0x" + Long.toHexString(offset) + "): " + reason;
        }
        return reason;
    }

    /** The reason without the position, e.g. {@code "unexpected end"} or {@code "type mismatch"}. */
    public String reason() {
        return reason;
    }

    /** The byte offset in the binary module, or -1 when the input was text or the offset is unknown. */
    public long offset() {
        return offset;
    }

    /** The 1-based line in the text input, or 0 for binary input. */
    public int line() {
        return line;
    }

    /** The 1-based column in the text input, or 0 for binary input. */
    public int column() {
        return column;
    }
}
