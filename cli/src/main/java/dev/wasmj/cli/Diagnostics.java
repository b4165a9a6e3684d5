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
        String reason = oneLine(e.reason());
        if (e.line() > 0) {
            return source + ":" + position(e) + ": " + reason;
        }
        if (e.offset() >= 0) {
            return source + ": " + (fromText ? "in its binary encoding " : "") + "at " + position(e) + ": " + reason;
        }
        return source + ": " + reason;
    }

    /** Where {@code e} happened: {@code 3:5} (line:column), {@code byte offset 12 (0xc)}, or null if unknown. */
    public static String position(WasmFormatException e) {
        if (e.line() > 0) {
            return e.line() + ":" + e.column();
        }
        if (e.offset() >= 0) {
            return "byte offset " + e.offset() + " (0x" + Long.toHexString(e.offset()) + ")";
        }
        return null;
    }

    /** {@code text} with line breaks replaced by spaces, so an error stays on one line. */
    public static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
