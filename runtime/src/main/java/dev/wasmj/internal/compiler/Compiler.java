package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.CodeGenerator;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compiler of one engine: compiles each new instance's functions to JVM bytecode and counts the
 * functions it could not compile (they run on the interpreter). Tiered: functions compile in the
 * background once they get hot ({@link HotCompiler}); else eagerly, or lazily for big modules. Lazy and
 * tiered counts grow as functions are compiled. Each fallback is logged at
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

    /**
     * The system property that sets {@link #hotAfter} when a compiler is made (tests use small values).
     */
    static final String HOT_AFTER_PROPERTY = "dev.wasmj.compiler.hotAfter";

    /**
     * Tiered compilation: a function gets compiled once the interpreter has run this many of its loop
     * iterations, a call counting as {@link WasmFunction#CALL_HEAT} of them.
     */
    private final int hotAfter = Integer.getInteger(HOT_AFTER_PROPERTY, 12_800 * WasmFunction.CALL_HEAT);

    /**
     * The system property that, set to {@code false} when a compiler is made, makes tiered compilation
     * compile each hot function on the thread that found it hot instead of in the background (tests).
     */
    static final String BACKGROUND_PROPERTY = "dev.wasmj.compiler.background";

    private final boolean background = !"false".equals(System.getProperty(BACKGROUND_PROPERTY));

    private final boolean tiered;

    /**
     * A compiler; {@code tiered}: every function starts on the interpreter and gets compiled in the
     * background once it is hot; else every function is compiled before it first runs (eagerly at
     * instantiation, or lazily on its first call in modules with more than {@link #lazyAbove} functions).
     */
    public Compiler(boolean tiered) {
        this.tiered = tiered;
    }

    @Override
    public void generate(ModuleInstance instance) {
        if (tiered) {
            int imported = instance.module().module().importedFuncCount();
            int defined = instance.module().module().codes().size();
            if (defined == 0) {
                return;
            }
            instance.generated = new HotCompiler(ModuleCompiler.tiered(instance, this::record), imported, defined,
                    background);
            for (int d = 0; d < defined; d++) {
                ((WasmFunction) instance.functions[imported + d]).heat = hotAfter;
            }
            return;
        }
        boolean lazy = instance.module().module().codes().size() > lazyAbove;
        ModuleCompiler.compile(instance, lazy, this::record);
    }

    @Override
    public void hot(WasmFunction f) {
        if (f.instance().generated instanceof HotCompiler h) {
            h.hot(f);
        }
    }

    @Override
    public boolean countsLoops(WasmFunction f) {
        return f.instance().generated instanceof HotCompiler h && h.countsLoops(f);
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
