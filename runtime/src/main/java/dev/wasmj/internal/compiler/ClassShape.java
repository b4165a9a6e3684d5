package dev.wasmj.internal.compiler;

import java.lang.constant.ClassDesc;

/**
 * The static fields of a generated class, which its {@code <clinit>} sets from its {@link CodeLoader}'s
 * instance: {@link #INSTANCE} (the ModuleInstance), one field per memory ({@link #memory}) and one per
 * global ({@link #global}). Static finals, so the JIT folds them to constants.
 *
 * @param self     the generated class
 * @param memories how many memories the instance has
 * @param direct   per memory, whether loads and stores access its hoisted segment directly (not for
 *                 shared memories, whose segment may be longer than the memory)
 */
record ClassShape(ClassDesc self, int memories, boolean[] direct) {
    static final String INSTANCE = "INSTANCE";

    static String memory(int index) {
        return "M" + index;
    }

    static String global(int index) {
        return "G" + index;
    }
}
