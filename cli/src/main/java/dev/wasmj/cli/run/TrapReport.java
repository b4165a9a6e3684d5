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
 *
 * <p>A frame repeated more than {@value #MAX_REPEATS} times in a row (the stack of a runaway
 * recursion) is listed once, followed by how many times more it was.
 */
public final class TrapReport {
    /** The most times one frame is listed in a row; more (deep recursion) are counted instead. */
    static final int MAX_REPEATS = 2;

    private TrapReport() {}

    /** The lines reporting {@code trap}, which happened while doing {@code what}. */
    public static List<String> lines(String what, Trap trap) {
        List<String> lines = new ArrayList<>();
        lines.add("error: " + what + ": wasm trap: " + Diagnostics.oneLine(trap.getMessage()));
        List<Trap.Frame> frames = trap.backtrace();
        if (!frames.isEmpty()) {
            lines.add("wasm backtrace:");
        }
        for (int i = 0; i < frames.size(); ) {
            lines.add(String.format("  %3d: %6s - %s", i, offset(frames.get(i)), name(frames.get(i))));
            int same = 1;
            while (i + same < frames.size() && frames.get(i + same).equals(frames.get(i))) {
                same++;
            }
            if (same > MAX_REPEATS) {
                lines.add("       ... the same frame " + (same - 1) + " more times");
                i += same;
            } else {
                i++;
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
