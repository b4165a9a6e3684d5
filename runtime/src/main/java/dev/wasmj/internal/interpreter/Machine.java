package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;

import java.util.Arrays;

/**
 * The interpreter's per-thread state: the value stack (numbers in {@link #s}, a v128 in two consecutive
 * slots low then high, references in {@link #r} at their slot) and the frame stack
 * (caller code, return pc, caller frame base). Nested invocations (host calling back into Wasm) run on
 * the same stacks, above the caller's values.
 */
final class Machine {
    /** The most frames at once; deeper recursion traps with "call stack exhausted". */
    static final int MAX_FRAMES = 100_000;
    /** The most values on the stack at once. */
    static final int MAX_VALUES = 4 << 20;

    long[] s = new long[1 << 12];
    Object[] r = new Object[1 << 12];

    Code[] frameCode = new Code[64];
    int[] framePc = new int[64];
    int[] frameFp = new int[64];
    int depth;

    // the current frame, when the loop hands it over
    Code code;
    int pc;
    int fp;
    int sp;
    /** The first free value index outside any running frame (for nested invocations). */
    int top;

    /** Makes room for values up to index {@code end}, or traps. */
    void ensure(int end) {
        if (end <= s.length) {
            return;
        }
        if (end > MAX_VALUES) {
            throw new Trap(TrapCode.STACK_OVERFLOW, "call stack exhausted");
        }
        int n = Math.max(end, Math.min(MAX_VALUES, s.length * 2));
        s = Arrays.copyOf(s, n);
        r = Arrays.copyOf(r, n);
    }

    /** Saves the caller's frame before a call. */
    void pushFrame(Code c, int pc, int fp) {
        if (depth == frameCode.length) {
            if (depth >= MAX_FRAMES) {
                throw new Trap(TrapCode.STACK_OVERFLOW, "call stack exhausted");
            }
            int n = depth * 2;
            frameCode = Arrays.copyOf(frameCode, n);
            framePc = Arrays.copyOf(framePc, n);
            frameFp = Arrays.copyOf(frameFp, n);
        }
        frameCode[depth] = c;
        framePc[depth] = pc;
        frameFp[depth] = fp;
        depth++;
    }
}
