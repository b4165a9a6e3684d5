package dev.wasmj.internal.ops;

import dev.wasmj.format.Opcode;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The mechanical mapping from an instruction to its method in this package: the instruction's
 * text in camelCase, looked up in {@link NumericOps}, {@link SimdOps}, {@link SimdFloatOps} and
 * {@link RelaxedSimdOps} (wide arithmetic: the name plus {@code Lo} and {@code Hi}).
 */
final class OpsMethods {
    private OpsMethods() {}

    static final List<Class<?>> CLASSES = List.of(NumericOps.class, SimdOps.class, SimdFloatOps.class,
            RelaxedSimdOps.class);

    private static final Map<String, Method> METHODS = new HashMap<>();

    static {
        for (Class<?> c : CLASSES) {
            for (Method m : c.getDeclaredMethods()) {
                if (Modifier.isPublic(m.getModifiers()) && Modifier.isStatic(m.getModifiers())) {
                    Method previous = METHODS.put(m.getName(), m);
                    if (previous != null) {
                        throw new IllegalStateException("two methods named " + m.getName());
                    }
                }
            }
        }
    }

    /** {@code i32.div_s} -> {@code i32DivS}, {@code f32x4.relaxed_madd} -> {@code f32x4RelaxedMadd}. */
    static String methodName(String text) {
        StringBuilder sb = new StringBuilder();
        boolean upper = false;
        for (char ch : text.toCharArray()) {
            if (ch == '.' || ch == '_') {
                upper = true;
            } else {
                sb.append(upper ? Character.toUpperCase(ch) : ch);
                upper = false;
            }
        }
        return sb.toString();
    }

    /** The method of an instruction (for wide arithmetic its {@code Lo} method), or null. */
    static Method of(Opcode op) {
        String name = methodName(op.text());
        Method m = METHODS.get(name);
        return m != null ? m : METHODS.get(name + "Lo");
    }

    /** The {@code Hi} method of a wide-arithmetic instruction, or null. */
    static Method hi(Opcode op) {
        return METHODS.get(methodName(op.text()) + "Hi");
    }

    /** Whether the method uses the stack form {@code (long[] s, int at, ...)}. */
    static boolean stackForm(Method m) {
        return m.getParameterCount() >= 2 && m.getParameterTypes()[0] == long[].class;
    }
}
