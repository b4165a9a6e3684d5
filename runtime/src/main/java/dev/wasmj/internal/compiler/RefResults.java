package dev.wasmj.internal.compiler;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;

/**
 * Several results of which at least one is a reference: a function's method returns them as an
 * {@code Object[]}, references as they are and numbers boxed as {@link Long}s (an i32 or f32
 * sign-extended), where results that are all numbers travel as a {@code long[]}. Emits the packing
 * and unpacking for returns, direct calls, the slots entry and the interpreter stub.
 */
final class RefResults {
    private RefResults() {}

    private static final ClassDesc LONG = ClassDesc.of("java.lang.Long");

    /**
     * Whether results of kinds {@code results} travel as an {@code Object[]}: several, at least one a
     * reference ('A'), the others numbers ('I', 'J'; not other kinds such as a v128).
     */
    static boolean applies(char[] results) {
        boolean reference = false;
        for (char k : results) {
            switch (k) {
                case 'A' -> reference = true;
                case 'I', 'J' -> { }
                default -> {
                    return false;
                }
            }
        }
        return reference && results.length > 1;
    }

    /**
     * Replaces the values of kinds {@code results} on top of the JVM stack (the last on top) by their
     * {@code Object[]}; the model stack is left to the caller.
     */
    static void pack(FunctionCompiler fc, char[] results) {
        CodeBuilder cb = fc.cb;
        int[] saved = new int[results.length];
        for (int k = results.length - 1; k >= 0; k--) {
            saved[k] = fc.temps.next(results[k]);
            fc.store(results[k], saved[k]);
        }
        cb.loadConstant(results.length);
        cb.anewarray(ConstantDescs.CD_Object);
        for (int k = 0; k < results.length; k++) {
            cb.dup();
            cb.loadConstant(k);
            fc.load(results[k], saved[k]);
            box(cb, results[k]);
            cb.aastore();
        }
    }

    /** Pushes result {@code k}, of kind {@code kind}, of the {@code Object[]} in local {@code array}. */
    static void load(CodeBuilder cb, char kind, int k, int array) {
        cb.aload(array);
        cb.loadConstant(k);
        cb.aaload();
        unbox(cb, kind);
    }

    /** Moves the results in the {@code Object[]} in local {@code array} to the slots convention's arrays. */
    static void toSlots(CodeBuilder cb, char[] results, int array, int slots, int refs) {
        for (int k = 0; k < results.length; k++) {
            cb.aload(results[k] == 'A' ? refs : slots);
            cb.loadConstant(k);
            cb.aload(array);
            cb.loadConstant(k);
            cb.aaload();
            if (results[k] == 'A') {
                cb.aastore();
            } else {
                unbox(cb, 'J');
                cb.lastore();
            }
        }
    }

    /** Pushes the {@code Object[]} of the results of kinds {@code results} in the slots convention's arrays. */
    static void fromSlots(CodeBuilder cb, char[] results, int slots, int refs) {
        cb.loadConstant(results.length);
        cb.anewarray(ConstantDescs.CD_Object);
        for (int k = 0; k < results.length; k++) {
            cb.dup();
            cb.loadConstant(k);
            cb.aload(results[k] == 'A' ? refs : slots);
            cb.loadConstant(k);
            if (results[k] == 'A') {
                cb.aaload();
            } else {
                cb.laload();
                box(cb, 'J');
            }
            cb.aastore();
        }
    }

    /**
     * The {@code Object[]} of results of kinds {@code kinds} ('I', 'J', 'A') that the slots convention
     * holds in {@code slots} and {@code refs}, at run time (calls through a call site or a trampoline).
     */
    static Object[] box(CharSequence kinds, long[] slots, Object[] refs) {
        Object[] r = new Object[kinds.length()];
        for (int k = 0; k < r.length; k++) {
            r[k] = switch (kinds.charAt(k)) {
                case 'A' -> refs[k];
                case 'I' -> Long.valueOf((int) slots[k]);
                default -> Long.valueOf(slots[k]);
            };
        }
        return r;
    }

    /** Boxes the value of kind {@code kind} on top (a reference stays as it is). */
    private static void box(CodeBuilder cb, char kind) {
        if (kind == 'A') {
            return;
        }
        if (kind == 'I') {
            cb.i2l();
        }
        cb.invokestatic(LONG, "valueOf", MethodTypeDesc.of(LONG, ConstantDescs.CD_long));
    }

    /** Unboxes the Object on top to a value of kind {@code kind}. */
    private static void unbox(CodeBuilder cb, char kind) {
        if (kind == 'A') {
            return;
        }
        cb.checkcast(LONG);
        cb.invokevirtual(LONG, "longValue", MethodTypeDesc.of(ConstantDescs.CD_long));
        if (kind == 'I') {
            cb.l2i();
        }
    }
}
