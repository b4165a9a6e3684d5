package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.CodeGenerator;
import dev.wasmj.internal.runtime.ModuleInstance;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compiler of one engine: compiles each new instance's functions to JVM bytecode and counts the
 * functions it could not compile (they run on the interpreter). Big modules compile lazily, so their
 * counts grow as their functions are first called. Each fallback is logged at
 * {@link Level#DEBUG} on the logger {@code dev.wasmj.compiler}. Thread safe.
 */
public final class Compiler implements CodeGenerator {
    private static final System.Logger LOG = System.getLogger("dev.wasmj.compiler");

    private final AtomicLong compiled = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();

    /**
     * The system property that sets {@link #lazyAbove} when a compiler is made (tests use 0: every
     * module lazily).
     */
    static final String LAZY_ABOVE_PROPERTY = "dev.wasmj.compiler.lazyAbove";

    /**
     * Modules with more defined functions than this compile lazily (each class of functions on the
     * first call of one of them), smaller ones eagerly at instantiation.
     */
    private final int lazyAbove = Integer.getInteger(LAZY_ABOVE_PROPERTY, 2000);

    /**
     * The system property naming functions (by their names in the name section, comma-separated)
     * that the compiler leaves to the interpreter, as if it could not compile them: for tests of
     * mixed execution, and for narrowing a suspected compiler bug down to one function.
     */
    static final String INTERPRET_PROPERTY = "dev.wasmj.compiler.interpret";

    /** Whether {@link #INTERPRET_PROPERTY} names function {@code name}. */
    static boolean keptOnInterpreter(String name) {
        String names = System.getProperty(INTERPRET_PROPERTY);
        return names != null && name != null && java.util.Arrays.asList(names.split(",")).contains(name);
    }

    @Override
    public void generate(ModuleInstance instance) {
        boolean lazy = instance.module().module().codes().size() > lazyAbove;
        ModuleCompiler.compile(instance, lazy, this::record);
    }

    /** Counts and logs the outcome of the defined functions [from, to) of {@code instance}. */
    private void record(ModuleInstance instance, String[] reasons, int from, int to) {
        int imported = instance.module().module().importedFuncCount();
        int failed = 0;
        for (int d = from; d < to; d++) {
            if (reasons[d] != null) {
                failed++;
                if (LOG.isLoggable(Level.DEBUG)) {
                    LOG.log(Level.DEBUG, "function " + (imported + d) + " of module "
                            + instance.name() + " runs on the interpreter: " + reasons[d]);
                }
            }
        }
        fallbacks.addAndGet(failed);
        compiled.addAndGet(to - from - failed);
    }

    /** How many functions were compiled. */
    public long compiled() {
        return compiled.get();
    }

    /** How many functions run on the interpreter because they could not be compiled. */
    public long fallbacks() {
        return fallbacks.get();
    }
}
