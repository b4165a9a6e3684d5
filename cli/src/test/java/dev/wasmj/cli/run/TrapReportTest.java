package dev.wasmj.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a trap is reported: message, then the backtrace with offsets and names. */
class TrapReportTest {
    private static final Trap.Frame DOWN = new Trap.Frame(null, 3, "down", 0x2b);

    @Test
    void listsEveryFrameWithItsOffsetAndName() {
        Trap trap = new Trap(TrapCode.INTEGER_DIVISION_BY_ZERO, "integer divide by zero", List.of(
                new Trap.Frame(null, 1, "divide", 0x4f),
                new Trap.Frame("prog", 2, null, 0x162),
                new Trap.Frame(null, 7, null, -1)));
        assertThat(TrapReport.lines("failed to run `a.wasm`", trap)).containsExactly(
                "error: failed to run `a.wasm`: wasm trap: integer divide by zero",
                "wasm backtrace:",
                "    0:   0x4f - divide",
                "    1:  0x162 - prog!<wasm function 2>",
                "    2:      ? - <wasm function 7>");
    }

    @Test
    void withoutABacktraceOnlyTheMessage() {
        Trap trap = new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "unreachable\nexecuted");
        assertThat(TrapReport.lines("failed", trap)).containsExactly("error: failed: wasm trap: unreachable executed");
    }

    @Test
    void aRunOfTheSameFrameIsCounted() {
        List<Trap.Frame> frames = new ArrayList<>();
        for (int i = 0; i < 998; i++) {
            frames.add(DOWN);
        }
        frames.add(new Trap.Frame(null, 4, "_start", 0x40));
        Trap trap = new Trap(TrapCode.STACK_OVERFLOW, "call stack exhausted", frames);
        assertThat(TrapReport.lines("failed", trap)).containsExactly(
                "error: failed: wasm trap: call stack exhausted",
                "wasm backtrace:",
                "    0:   0x2b - down",
                "       ... the same frame 997 more times",
                "  998:   0x40 - _start");
    }

    @Test
    void aFrameRepeatedOnlyTwiceIsListedTwice() {
        Trap trap = new Trap(TrapCode.STACK_OVERFLOW, "x", List.of(DOWN, DOWN));
        assertThat(TrapReport.lines("failed", trap)).containsExactly(
                "error: failed: wasm trap: x", "wasm backtrace:", "    0:   0x2b - down", "    1:   0x2b - down");
    }
}
