package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.ModuleInstance;

/**
 * The class loader of one module instance's generated class. The class finds its instance here in
 * its static initialiser ({@link #instance()}); it unloads with the loader when the instance is
 * unreachable. Generated classes are ordinary (not hidden) classes so that their frames and line
 * numbers appear in Java stack traces, from which traps get their Wasm backtraces.
 */
public final class CodeLoader extends ClassLoader {
    private final ModuleInstance instance;

    CodeLoader(ModuleInstance instance) {
        super("wasmj-code", CodeLoader.class.getClassLoader());
        this.instance = instance;
    }

    /** The instance whose code this loader holds. */
    public ModuleInstance instance() {
        return instance;
    }

    Class<?> define(String name, byte[] bytes) {
        return defineClass(name, bytes, 0, bytes.length);
    }
}
