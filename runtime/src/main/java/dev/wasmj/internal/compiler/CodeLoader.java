package dev.wasmj.internal.compiler;

import dev.wasmj.format.validate.TypeContext;

/**
 * The class loader of one module's generated classes, shared by the module's instances (which the
 * generated methods take as a parameter). Their dynamic constants find the module's canonical types
 * here ({@link #types()}); the classes unload with the loader when the module's code is dropped (the
 * module and its instances unreachable). Generated classes are ordinary (not hidden) classes so that their frames and line
 * numbers appear in Java stack traces, from which traps get their Wasm backtraces. With lazy
 * compilation the loader generates a class when the JVM first needs it ({@link ClassSource}).
 */
public final class CodeLoader extends ClassLoader {
    /** Makes the bytes of a generated class on demand (lazy compilation), or returns null if it has none of that name. */
    interface ClassSource {
        byte[] generate(String name);
    }

    private final TypeContext types;
    private final ClassSource source;
    private final CallSites callSites;

    CodeLoader(TypeContext types, ClassSource source, CallSites callSites) {
        super("wasmj-code", CodeLoader.class.getClassLoader());
        this.types = types;
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

    /** The canonical types of the module whose code this loader holds. */
    TypeContext types() {
        return types;
    }

    /** The call sites of the module's classes (tiered compilation), or null. */
    CallSites callSites() {
        return callSites;
    }

    Class<?> define(String name, byte[] bytes) {
        return defineClass(name, bytes, 0, bytes.length);
    }
}
