package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;

/**
 * Loop back-edges of two shapes that C2 would not make counted loops of, emitted as signed
 * comparisons that it does (range checks eliminated, unrolled). C2 counts a loop whose back-edge
 * tests the induction variable with a signed {@code <}, {@code <=}, {@code >} or {@code >=} (or
 * {@code !=} with a stride of 1), never with an unsigned comparison; wasi-libc's {@code memcpy},
 * {@code memset}, {@code memcmp}, {@code memchr} and {@code memmove} (as LLVM compiles them) end
 * their loops so:
 *
 * <ul>
 *   <li>{@code br_if $loop (local.tee $n (i32.sub (local.get $n) (i32.const K))))}: a counter run
 *       down to zero, the branch taken while it is not 0. Emitted as {@code if (n > 0) goto loop;
 *       if (n < 0) goto loop;} ({@link #counterTest}), not when the counter steps by +1.</li>
 *   <li>{@code br_if $loop (i32.gt_u x (i32.const K))} with K &gt;= 0 (and {@code ge_u},
 *       {@code lt_u}, {@code le_u}; i32 and i64): {@code x >u K} is {@code x > K || x < 0} in signed
 *       terms, {@code x <u K} is {@code x >= 0 && x < K} ({@link #unsignedCompare}).</li>
 * </ul>
 *
 * <p>Each form is exactly the original test. C2 compiles the branch its profile never took as an
 * uncommon trap, which leaves one signed test on the back-edge. Both apply only where
 * {@code br_if}'s branch is a plain jump (nothing to move, see {@link ControlCompiler#loopBackEdge})
 * and the loop is an innermost one that calls no function ({@link #callsOrLoops}).
 * See docs/compiler.md "Back-edges of the C library's loops".
 */
final class CountedBackEdges {
    private final FunctionCompiler fc;
    private final CodeBuilder cb;

    CountedBackEdges(FunctionCompiler fc) {
        this.fc = fc;
        this.cb = fc.cb;
    }

    /**
     * br_if {@code depth}, whose condition the previous instruction (at {@code previous} in the code,
     * -1 if unknown) left: if that is a {@code local.tee} or {@code local.get} of an i32 local that the
     * target loop steps by a constant other than +1, emits the branch as {@code if (n > 0) goto loop;
     * if (n < 0) goto loop}, consuming the condition.
     *
     * @return false (nothing emitted) if this is not such a back-edge
     */
    boolean counterTest(int depth, int previous, CodeReader r) {
        int pos = r.pos();
        try {
            if (previous < 0 || fc.stack[fc.sp - 1] != 'I') {
                return false;
            }
            int bodyStart = fc.control.loopBodyStart(depth);
            if (bodyStart < 0 || bodyStart > previous) {
                return false;
            }
            r.pos(previous);
            Opcode op = r.next();
            if (op != Opcode.LOCAL_TEE && op != Opcode.LOCAL_GET || fc.localKind[r.a] != 'I') {
                return false;
            }
            long step = LoopStep.of(r, bodyStart, pos, r.a);
            if (step == 0 || step == 1 || callsOrLoops(r, bodyStart, pos)) {
                return false;
            }
            Label loop = fc.control.loopBackEdge(depth, 1);
            if (loop == null) {
                return false;
            }
            fc.pop();
            int n = fc.temps.next('I');
            cb.istore(n);
            cb.iload(n);
            cb.ifgt(loop);
            cb.iload(n);
            cb.iflt(loop);
            return true;
        } finally {
            r.pos(pos);
        }
    }

    /**
     * An unsigned comparison {@code op} (i32/i64 gt_u, ge_u, lt_u, le_u) whose right operand the previous
     * instruction (at {@code previous}, -1 if unknown) pushed as a constant K &gt;= 0, followed by a
     * br_if back to a loop: emits the back-edge as signed branches and leaves the i32 0 for the br_if
     * (never taken).
     *
     * @return false (nothing emitted) if this is not such a back-edge
     */
    boolean unsignedCompare(Opcode op, int previous, CodeReader r) {
        int pos = r.pos();
        char kind = switch (op) {
            case I32_GT_U, I32_GE_U, I32_LT_U, I32_LE_U -> 'I';
            case I64_GT_U, I64_GE_U, I64_LT_U, I64_LE_U -> 'J';
            default -> throw new IllegalArgumentException(op.text());
        };
        long k;
        int depth;
        try {
            if (previous < 0) {
                return false;
            }
            r.pos(previous);
            Opcode before = r.next();
            if (kind == 'I' ? before != Opcode.I32_CONST : before != Opcode.I64_CONST) {
                return false;
            }
            k = kind == 'I' ? r.i32 : r.i64;
            r.pos(pos);
            if (r.next() != Opcode.BR_IF) {
                return false;
            }
            depth = r.a;
            int bodyStart = fc.control.loopBodyStart(depth);
            if (bodyStart < 0 || bodyStart > previous || callsOrLoops(r, bodyStart, pos)) {
                return false;
            }
        } finally {
            r.pos(pos);
        }
        boolean greater = switch (op) {
            case I32_GT_U, I32_GE_U, I64_GT_U, I64_GE_U -> true;
            default -> false;
        };
        boolean orEqual = switch (op) {
            case I32_GE_U, I32_LE_U, I64_GE_U, I64_LE_U -> true;
            default -> false;
        };
        // K < 0 is a large unsigned number; x >=u 0 and x <u 0 are constant tests
        if (k < 0 || k == 0 && (greater == orEqual)) {
            return false;
        }
        Label loop = fc.control.loopBackEdge(depth, 2);
        if (loop == null) {
            return false;
        }
        fc.pop();
        fc.pop();
        if (kind == 'J') {
            cb.pop2();
        } else {
            cb.pop();
        }
        int x = fc.temps.next(kind);
        fc.store(kind, x);
        if (greater) {
            // x >u K  <=>  x > K || x < 0 (signed), as K >= 0
            compare(kind, x, k, orEqual ? Compare.GE : Compare.GT, loop);
            compare(kind, x, 0, Compare.LT, loop);
        } else {
            // x <u K  <=>  x >= 0 && x < K (signed)
            Label skip = cb.newLabel();
            compare(kind, x, 0, Compare.LT, skip);
            compare(kind, x, k, orEqual ? Compare.LE : Compare.LT, loop);
            cb.labelBinding(skip);
        }
        cb.iconst_0();
        fc.push('I');
        return true;
    }

    private enum Compare { LT, LE, GT, GE }

    /** Branches to {@code target} if local {@code x} (of {@code kind}) compares to {@code k} as {@code c}, signed. */
    private void compare(char kind, int x, long k, Compare c, Label target) {
        fc.load(kind, x);
        if (kind == 'J') {
            cb.loadConstant(k);
            cb.lcmp();
        } else if (k != 0) {
            cb.loadConstant((int) k);
            switch (c) {
                case LT -> cb.if_icmplt(target);
                case LE -> cb.if_icmple(target);
                case GT -> cb.if_icmpgt(target);
                case GE -> cb.if_icmpge(target);
            }
            return;
        }
        switch (c) {
            case LT -> cb.iflt(target);
            case LE -> cb.ifle(target);
            case GT -> cb.ifgt(target);
            case GE -> cb.ifge(target);
        }
    }

    /**
     * Whether the code between {@code from} and {@code to} calls a function or has a loop: innermost
     * loops without calls are the ones that gain from being counted (range checks eliminated,
     * unrolled); fib's loop around its recursive call looked slower counted, and outer loops are left
     * as they were.
     */
    static boolean callsOrLoops(CodeReader r, int from, int to) {
        int saved = r.pos();
        try {
            r.pos(from);
            while (r.pos() < to) {
                switch (r.next()) {
                    case CALL, CALL_INDIRECT, CALL_REF, RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF, LOOP -> {
                        return true;
                    }
                    default -> { }
                }
            }
            return false;
        } finally {
            r.pos(saved);
        }
    }
}
