package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.internal.ops.NumericOps;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * The numeric instructions: the few that are one JVM instruction are emitted inline, and so are the
 * integer comparisons ({@link IntComparisons}) and float
 * arithmetic (the raw bits converted to a float or double and back around the JVM instruction, with
 * {@code Float}'s and {@code Double}'s conversion methods, which C2 compiles as intrinsics: register
 * moves that no inlining budget can leave as calls); the rest call the static method of
 * {@link NumericOps} named after the instruction ({@code i32.trunc_f32_s} -> {@code i32TruncF32S}), or
 * of {@link CompilerSupport} for those that trap. The inline forms compute exactly what the methods
 * compute (same operations, same operand order).
 */
final class Numerics {
    private Numerics() {}

    /** A static method implementing a numeric instruction, with its operand kinds. */
    record Method(ClassDesc owner, String name, MethodTypeDesc type, char[] params, char result) {}

    private static final Map<Opcode, Optional<Method>> METHODS = new EnumMap<>(Opcode.class);

    /** {@code i32.trunc_f32_s} -> {@code i32TruncF32S}. */
    static String camel(String text) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char c : text.toCharArray()) {
            if (c == '.' || c == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** The JVM kind of an operand in an {@link Opcode#signature()}. */
    static char kindOf(char letter) {
        return switch (letter) {
            case 'i', 'f' -> 'I';
            case 'l', 'd' -> 'J';
            default -> throw new Unsupported("operand type " + letter);
        };
    }

    /** The method for numeric instruction {@code op}, or null if there is none. */
    static Method method(Opcode op) {
        synchronized (METHODS) {
            return METHODS.computeIfAbsent(op, o -> Optional.ofNullable(find(o))).orElse(null);
        }
    }

    private static Method find(Opcode op) {
        String sig = op.signature();
        int colon = sig.indexOf(':');
        if (colon < 0 || sig.length() - colon - 1 != 1) {
            return null;
        }
        char[] params = new char[colon];
        Class<?>[] classes = new Class<?>[colon];
        ClassDesc[] descs = new ClassDesc[colon];
        try {
            for (int i = 0; i < colon; i++) {
                params[i] = kindOf(sig.charAt(i));
                classes[i] = params[i] == 'I' ? int.class : long.class;
                descs[i] = params[i] == 'I' ? ConstantDescs.CD_int : ConstantDescs.CD_long;
            }
            char result = kindOf(sig.charAt(colon + 1));
            String name = camel(op.text());
            for (Class<?> owner : new Class<?>[] {CompilerSupport.class, NumericOps.class}) {
                try {
                    java.lang.reflect.Method m = owner.getMethod(name, classes);
                    ClassDesc ret = result == 'I' ? ConstantDescs.CD_int : ConstantDescs.CD_long;
                    if (m.getReturnType() != (result == 'I' ? int.class : long.class)) {
                        continue;
                    }
                    return new Method(ClassDesc.of(owner.getName()), name, MethodTypeDesc.of(ret, descs), params,
                            result);
                } catch (NoSuchMethodException e) {
                    // try the next owner
                }
            }
            return null;
        } catch (Unsupported e) {
            return null;
        }
    }

    /** Emits {@code op} as JVM instructions if it is one of the simple ones; false if it is not. */
    static boolean emitInline(Opcode op, CodeBuilder cb) {
        if (IntComparisons.handles(op)) {
            IntComparisons.emit(op, cb);
            return true;
        }
        switch (op) {
            case I32_ADD -> cb.iadd();
            case I32_SUB -> cb.isub();
            case I32_MUL -> cb.imul();
            case I32_AND -> cb.iand();
            case I32_OR -> cb.ior();
            case I32_XOR -> cb.ixor();
            case I32_SHL -> cb.ishl();
            case I32_SHR_S -> cb.ishr();
            case I32_SHR_U -> cb.iushr();
            case I64_ADD -> cb.ladd();
            case I64_SUB -> cb.lsub();
            case I64_MUL -> cb.lmul();
            case I64_AND -> cb.land();
            case I64_OR -> cb.lor();
            case I64_XOR -> cb.lxor();
            case I64_SHL -> {
                cb.l2i();
                cb.lshl();
            }
            case I64_SHR_S -> {
                cb.l2i();
                cb.lshr();
            }
            case I64_SHR_U -> {
                cb.l2i();
                cb.lushr();
            }
            case I32_WRAP_I64 -> cb.l2i();
            case I32_REINTERPRET_F32, F32_REINTERPRET_I32, I64_REINTERPRET_F64, F64_REINTERPRET_I64 -> { }
            case I64_EXTEND_I32_S -> cb.i2l();
            case F32_ADD, F32_SUB, F32_MUL, F32_DIV -> {
                floats(cb, false);
                switch (op) {
                    case F32_ADD -> cb.fadd();
                    case F32_SUB -> cb.fsub();
                    case F32_MUL -> cb.fmul();
                    default -> cb.fdiv();
                }
                fromFloat(cb, false);
            }
            case F64_ADD, F64_SUB, F64_MUL, F64_DIV -> {
                floats(cb, true);
                switch (op) {
                    case F64_ADD -> cb.dadd();
                    case F64_SUB -> cb.dsub();
                    case F64_MUL -> cb.dmul();
                    default -> cb.ddiv();
                }
                fromFloat(cb, true);
            }
            case F64_SQRT -> {
                toFloat(cb, true);
                cb.invokestatic(MATH, "sqrt", MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_double));
                fromFloat(cb, true);
            }
            case F32_LT, F32_GT, F32_LE, F32_GE, F32_EQ, F32_NE -> {
                floats(cb, false);
                compare(cb, op, false);
            }
            case F64_LT, F64_GT, F64_LE, F64_GE, F64_EQ, F64_NE -> {
                floats(cb, true);
                compare(cb, op, true);
            }
            case F64_CONVERT_I32_S -> {
                cb.i2d();
                fromFloat(cb, true);
            }
            case F64_CONVERT_I64_S -> {
                cb.l2d();
                fromFloat(cb, true);
            }
            case F32_CONVERT_I32_S -> {
                cb.i2f();
                fromFloat(cb, false);
            }
            case F64_NEG -> {
                cb.loadConstant(Long.MIN_VALUE);
                cb.lxor();
            }
            case F64_ABS -> {
                cb.loadConstant(Long.MAX_VALUE);
                cb.land();
            }
            case F32_NEG -> {
                cb.loadConstant(Integer.MIN_VALUE);
                cb.ixor();
            }
            case F32_ABS -> {
                cb.loadConstant(Integer.MAX_VALUE);
                cb.iand();
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private static final ClassDesc FLOAT = ConstantDescs.CD_Float;
    private static final ClassDesc DOUBLE = ConstantDescs.CD_Double;
    private static final ClassDesc MATH = ClassDesc.of("java.lang.Math");

    /** The raw bits on top (int or long) as a float or double. */
    private static void toFloat(CodeBuilder cb, boolean dbl) {
        if (dbl) {
            cb.invokestatic(DOUBLE, "longBitsToDouble", MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_long));
        } else {
            cb.invokestatic(FLOAT, "intBitsToFloat", MethodTypeDesc.of(ConstantDescs.CD_float, ConstantDescs.CD_int));
        }
    }

    /** The float or double on top as its raw bits. */
    private static void fromFloat(CodeBuilder cb, boolean dbl) {
        if (dbl) {
            cb.invokestatic(DOUBLE, "doubleToRawLongBits", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_double));
        } else {
            cb.invokestatic(FLOAT, "floatToRawIntBits", MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_float));
        }
    }

    /**
     * The two operands on top (a below b, raw bits) as floats or doubles, in the same order, a
     * converted first as in {@code NumericOps}: C2 orders the operands of a commutative operation by
     * the order it made their nodes, and with two NaN operands the result's payload is the first's
     * (the interpreter's {@code f32.add} of two NaNs returned the other payload otherwise).
     */
    private static void floats(CodeBuilder cb, boolean dbl) {
        swap(cb, dbl);
        toFloat(cb, dbl);
        swap(cb, dbl);
        toFloat(cb, dbl);
    }

    private static void swap(CodeBuilder cb, boolean wide) {
        if (wide) {
            cb.dup2_x2();
            cb.pop2();
        } else {
            cb.swap();
        }
    }

    /**
     * Compares the two floats or doubles on top like Java's operators (false when either is NaN,
     * but true for ne), leaving 1 or 0.
     */
    private static void compare(CodeBuilder cb, Opcode op, boolean dbl) {
        // fcmpg/dcmpg push 1 for NaN (so lt and le are false), fcmpl/dcmpl -1 (gt, ge, eq false, ne true)
        boolean g = op == Opcode.F32_LT || op == Opcode.F32_LE || op == Opcode.F64_LT || op == Opcode.F64_LE;
        if (dbl) {
            if (g) {
                cb.dcmpg();
            } else {
                cb.dcmpl();
            }
        } else if (g) {
            cb.fcmpg();
        } else {
            cb.fcmpl();
        }
        java.lang.classfile.Label yes = cb.newLabel();
        java.lang.classfile.Label done = cb.newLabel();
        switch (op) {
            case F32_LT, F64_LT -> cb.iflt(yes);
            case F32_GT, F64_GT -> cb.ifgt(yes);
            case F32_LE, F64_LE -> cb.ifle(yes);
            case F32_GE, F64_GE -> cb.ifge(yes);
            case F32_EQ, F64_EQ -> cb.ifeq(yes);
            default -> cb.ifne(yes);
        }
        cb.iconst_0();
        cb.goto_(done);
        cb.labelBinding(yes);
        cb.iconst_1();
        cb.labelBinding(done);
    }
}
