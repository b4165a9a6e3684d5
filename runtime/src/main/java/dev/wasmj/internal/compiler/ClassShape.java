package dev.wasmj.internal.compiler;

import java.lang.constant.ClassDesc;

/**
 * The static fields of a generated class, which its {@code <clinit>} sets from its {@link CodeLoader}'s
 * instance: {@link #INSTANCE} (the ModuleInstance), {@link #MEMORY0} (memory 0, when it is compiled)
 * and one field per global. Static finals, so the JIT folds them to constants.
 */
record ClassShape(ClassDesc self, boolean hasMemory0) {
    static final String INSTANCE = "INSTANCE";
    static final String MEMORY0 = "MEMORY0";

    static String global(int index) {
        return "G" + index;
    }
}
