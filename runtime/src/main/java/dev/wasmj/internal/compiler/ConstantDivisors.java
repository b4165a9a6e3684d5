package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

import java.lang.classfile.CodeBuilder;

/**
 * {@code i32.div_u} and {@code i32.rem_u} by a constant other than 0 (the previous instruction an
 * {@code i32.const}): emitted as {@code ldiv}/{@code lrem} of the operand zero-extended to a long,
 * which is the unsigned result. C2 turns a long division by a constant into a multiplication by its
 * reciprocal; {@code Integer.divideUnsigned}/{@code remainderUnsigned} (what the helpers call) stay a
 * {@code div} instruction, 10 to 20 times slower: wasi-libc's and LLVM's code divides by constants
 * ({@code x % 26} picking a word in the strings benchmark). No trap is possible: the divisor is not 0.
 */
final class ConstantDivisors {
    private ConstantDivisors() {
    }

    /**
     * Emits {@code op} (i32.div_u or i32.rem_u) if the previous instruction (at {@code previous} in the
     * code {@code r} reads, -1 if unknown) pushed its divisor as a constant other than 0.
     *
     * @return false (nothing emitted) otherwise
     */
    static boolean emit(FunctionCompiler fc, Opcode op, int previous, CodeReader r) {
        if (previous < 0) {
            return false;
        }
        int pos = r.pos();
        int divisor;
        try {
            r.pos(previous);
            if (r.next() != Opcode.I32_CONST || r.i32 == 0) {
                return false;
            }
            divisor = r.i32;
        } finally {
            r.pos(pos);
        }
        CodeBuilder cb = fc.cb;
        cb.pop();
        cb.i2l();
        cb.loadConstant(0xFFFF_FFFFL);
        cb.land();
        cb.loadConstant(divisor & 0xFFFF_FFFFL);
        if (op == Opcode.I32_DIV_U) {
            cb.ldiv();
        } else if (op == Opcode.I32_REM_U) {
            cb.lrem();
        } else {
            throw new IllegalArgumentException(op.text());
        }
        cb.l2i();
        fc.pop();
        fc.pop();
        fc.push('I');
        return true;
    }
}
