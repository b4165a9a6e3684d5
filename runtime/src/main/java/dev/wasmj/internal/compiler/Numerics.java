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
 * The numeric instructions: the few that are one JVM instruction are emitted inline; the rest call
 * the static method of {@link NumericOps} named after the instruction ({@code i32.trunc_f32_s} ->
 * {@code i32TruncF32S}), or of {@link CompilerSupport} for those that trap.
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
            case I64_EXTEND_I32_S -> cb.i2l();
            default -> {
                return false;
            }
        }
        return true;
    }
}
