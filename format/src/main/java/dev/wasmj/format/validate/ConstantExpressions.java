package dev.wasmj.format.validate;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.Feature;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

/**
 * Constant expressions: the instructions they may contain, and the functions they refer to. Their
 * typing is done by {@link FunctionValidator#validateConstant}.
 */
final class ConstantExpressions {
    private ConstantExpressions() {}

    /**
     * Checks that {@code expr} holds only constant instructions, where {@code global.get} may
     * read the first {@code globals} globals if they are immutable.
     */
    static void checkConstant(Bytes expr, ModuleContext m, int globals) {
        boolean extended = m.features.has(Feature.EXTENDED_CONST);
        CodeReader r = new CodeReader(expr);
        while (!r.atEnd()) {
            Opcode op = r.next();
            switch (op) {
                case END -> {
                    return;
                }
                case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST, REF_NULL, REF_FUNC, REF_I31,
                     STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_NEW_DESC, STRUCT_NEW_DEFAULT_DESC, ARRAY_NEW,
                     ARRAY_NEW_DEFAULT, ARRAY_NEW_FIXED, ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> { }
                case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> {
                    if (!extended) {
                        throw notConstant(r);
                    }
                }
                case GLOBAL_GET -> {
                    int g = r.a;
                    if (g < 0 || g >= globals) {
                        throw new InvalidException("unknown global " + Integer.toUnsignedString(g), r.start);
                    }
                    if (m.globalMutable[g]) {
                        throw notConstant(r);
                    }
                }
                default -> throw notConstant(r);
            }
        }
    }

    private static InvalidException notConstant(CodeReader r) {
        return new InvalidException("constant expression required", r.start);
    }

    /** Marks in {@code referenced} every function a {@code ref.func} of {@code expr} names. */
    static void collectFunctionRefs(Bytes expr, boolean[] referenced) {
        CodeReader r = new CodeReader(expr);
        while (!r.atEnd()) {
            Opcode op = r.next();
            if (op == Opcode.REF_FUNC && r.a >= 0 && r.a < referenced.length) {
                referenced[r.a] = true;
            } else if (op == Opcode.END) {
                return;
            }
        }
    }
}
