package dev.wasmj.cli.run;

import dev.wasmj.Trap;
import dev.wasmj.cli.Diagnostics;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code wasmj run} reports a trap, in the manner of {@code wasmtime run}: the message, then
 * the wasm backtrace, innermost frame first, one frame a line with the byte offset of the
 * instruction in its module and the function's name:
 *
 * <pre>
 * error: failed to run `prog.wasm`: wasm trap: integer divide by zero
 * wasm backtrace:
 *     0:   0x4f - divide
 *     1:   0x62 - _start
 * </pre>
 */
public final class TrapReport {
    private TrapReport() {}

    /** The lines reporting {@code trap}, which happened while doing {@code what}. */
    public static List<String> lines(String what, Trap trap) {
        List<String> lines = new ArrayList<>();
        lines.add("error: " + what + ": wasm trap: " + Diagnostics.oneLine(trap.getMessage()));
        if (!trap.backtrace().isEmpty()) {
            lines.add("wasm backtrace:");
            List<Trap.Frame> frames = trap.backtrace();
            for (int i = 0; i < frames.size(); i++) {
                lines.add(String.format("  %3d: %6s - %s", i, offset(frames.get(i)), name(frames.get(i))));
            }
        }
        return lines;
    }

    private static String offset(Trap.Frame frame) {
        return frame.moduleOffset() < 0 ? "?" : "0x" + Integer.toHexString(frame.moduleOffset());
    }

    /** {@code module!function} (without {@code module!} when the module has no name). */
    static String name(Trap.Frame frame) {
        String function = frame.funcName() != null ? frame.funcName() : "<wasm function " + frame.funcIndex() + ">";
        return frame.moduleName() != null ? frame.moduleName() + "!" + function : function;
    }
}
