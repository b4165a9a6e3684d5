package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.ModuleInstance;

/**
 * The class loader of one module instance's generated class. The class finds its instance here in
 * its static initialiser ({@link #instance()}); it unloads with the loader when the instance is
 * unreachable. Generated classes are ordinary (not hidden) classes so that their frames and line
 * numbers appear in Java stack traces, from which traps get their Wasm backtraces. With lazy
 * compilation the loader generates a class when the JVM first needs it ({@link ClassSource}).
 */
public final class CodeLoader extends ClassLoader {
    /** Makes the bytes of a generated class on demand (lazy compilation), or returns null if it has none of that name. */
    interface ClassSource {
        byte[] generate(String name);
    }

    private final ModuleInstance instance;
    private final ClassSource source;
    private final CallSites callSites;

    CodeLoader(ModuleInstance instance, ClassSource source, CallSites callSites) {
        super("wasmj-code", CodeLoader.class.getClassLoader());
        this.instance = instance;
        this.source = source;
        this.callSites = callSites;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        byte[] bytes = source != null ? source.generate(name) : null;
        if (bytes == null) {
            throw new ClassNotFoundException(name);
        }
        return define(name, bytes);
    }

    /** The instance whose code this loader holds. */
    public ModuleInstance instance() {
        return instance;
    }

    /** The call sites of the instance's classes (tiered compilation), or null. */
    CallSites callSites() {
        return callSites;
    }

    Class<?> define(String name, byte[] bytes) {
        return defineClass(name, bytes, 0, bytes.length);
    }
}
