package dev.wasmj.cli;

import dev.wasmj.format.WasmFormatException;

/** One-line descriptions of rejected modules, in the {@code file:line:column: reason} style of compilers. */
public final class Diagnostics {
    private Diagnostics() {}

    /**
     * Describes why the module in {@code source} was rejected.
     *
     * @param fromText whether the module was written in the text format: its byte offsets are then
     *     offsets in the binary encoding of the text, which the message says
     */
    public static String describe(String source, WasmFormatException e, boolean fromText) {
        String reason = Main.oneLine(e.reason());
        if (e.line() > 0) {
            return source + ":" + e.line() + ":" + e.column() + ": " + reason;
        }
        if (e.offset() >= 0) {
            return source + ": " + (fromText ? "in its binary encoding " : "") + "at byte offset "
                    + e.offset() + " (0x" + Long.toHexString(e.offset()) + "): " + reason;
        }
        return source + ": " + reason;
    }
}
