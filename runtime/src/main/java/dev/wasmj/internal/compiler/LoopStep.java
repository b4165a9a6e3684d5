package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

/**
 * The step of a loop's counter, as LLVM updates it: the last {@code local.set}/{@code local.tee} of an
 * {@code i32.add}/{@code i32.sub} (or i64) of a constant in the loop's code, for
 * {@link ControlCompiler#notEqualBackEdge} and {@link CountedBackEdges}.
 */
final class LoopStep {
    private LoopStep() {
    }

    /**
     * The constant of the last {@code add|sub local.set|local.tee} between {@code from} and {@code to} in
     * the code {@code r} reads, if the add's operand is {@code (const K)} (negated for sub); 0 if there is
     * none or it adds a value; {@code r}'s position is left as it was.
     */
    static long last(CodeReader r, int from, int to) {
        return of(r, from, to, -1);
    }

    /**
     * The constant by which the last {@code (const K) add|sub local.set|local.tee} of local
     * {@code local} (any local if negative) between {@code from} and {@code to} steps it (negated for
     * sub); 0 if there is none, if it adds a value or (for one local) if that local's last update there
     * is not such an add; {@code r}'s position is left as it was.
     */
    static long of(CodeReader r, int from, int to, int local) {
        int saved = r.pos();
        long step = 0;
        try {
            r.pos(from);
            long constant = 0;
            boolean constBefore = false;
            long added = 0;
            boolean addBefore = false;
            while (r.pos() < to) {
                Opcode op = r.next();
                boolean isConst = false;
                boolean isAdd = false;
                switch (op) {
                    case I32_CONST -> {
                        constant = r.i32;
                        isConst = true;
                    }
                    case I64_CONST -> {
                        constant = r.i64;
                        isConst = true;
                    }
                    case I32_ADD, I64_ADD, I32_SUB, I64_SUB -> {
                        // by a constant, or by a value (a step unknown here: 0)
                        added = !constBefore ? 0 : op == Opcode.I32_SUB || op == Opcode.I64_SUB ? -constant : constant;
                        isAdd = true;
                    }
                    case LOCAL_SET, LOCAL_TEE -> {
                        if (local < 0 && addBefore) {
                            step = added;
                        } else if (r.a == local) {
                            step = addBefore ? added : 0;
                        }
                    }
                    default -> { }
                }
                constBefore = isConst;
                addBefore = isAdd;
            }
        } finally {
            r.pos(saved);
        }
        return step;
    }
}
