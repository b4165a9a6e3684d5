package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.CodeGenerator;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compiler of one engine: compiles each module's functions to JVM bytecode once, for all its
 * instances (generated code takes the instance as a parameter; {@link CodeCache}), and counts the
 * functions it compiled and those it could not compile (they run on the interpreter), per module:
 * instantiating a module again compiles and counts nothing. Tiered: functions compile in the
 * background once they get hot in any instance ({@link HotCompiler}), then run compiled in all;
 * else eagerly at the first instantiation, or lazily for big modules. Lazy and tiered counts grow as
 * functions are compiled. Each fallback is logged at {@link Level#DEBUG} on the logger
 * {@code dev.wasmj.compiler}. Thread safe: instances of a module may be made and run on several
 * threads at once.
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

    /** Per module and variant: its {@link ModuleCompiler} ({@link HotCompiler} when tiered). */
    private final CodeCache<Object> cache = new CodeCache<>();

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
        instance.memory0 = instance.memories.length > 0 ? instance.memories[0] : null;
        int imported = instance.module().module().importedFuncCount();
        int defined = instance.module().module().codes().size();
        if (defined == 0) {
            return;
        }
        String variant = variant(instance);
        if (tiered) {
            HotCompiler h = (HotCompiler) cache.get(instance.module(), variant, () -> new HotCompiler(
                    ModuleCompiler.of(instance, ModuleCompiler.Mode.TIERED, this::record), imported, defined,
                    background, hotAfter));
            instance.generated = h;
            h.compiler().install(instance);
            for (int d = 0; d < defined; d++) {
                WasmFunction f = (WasmFunction) instance.functions[imported + d];
                if (f.compiled == null) {
                    f.heat = hotAfter;
                }
            }
            return;
        }
        ModuleCompiler.Mode mode = defined > lazyAbove ? ModuleCompiler.Mode.LAZY : ModuleCompiler.Mode.EAGER;
        ModuleCompiler c = (ModuleCompiler) cache.get(instance.module(), variant,
                () -> ModuleCompiler.of(instance, mode, this::record));
        c.install(instance);
    }

    /**
     * What of {@code instance} beyond its module the generated code depends on: per memory, whether it
     * is kept in an array ({@code a}, then pinned there for good), a shared memory whose segment never
     * moves ({@code f}, {@link AtomicCompiler#fixedSegment}), or neither ({@code s}). An imported memory
     * may be any, depending on its provider. Instances of a module share code when their variants are
     * equal (typically all of them).
     */
    static String variant(ModuleInstance instance) {
        StringBuilder b = new StringBuilder(instance.memories.length);
        for (var m : instance.memories) {
            b.append(m.shared() ? (AtomicCompiler.fixedSegment(m) ? 'f' : 's') : m.pinArray() ? 'a' : 's');
        }
        return b.toString();
    }

    /** How many modules (and variants) this compiler has code for (for tests). */
    int modules() {
        return cache.size();
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

    /** How many functions were compiled (once per module, whatever its number of instances). */
    public long compiled() {
        return compiled.get();
    }

    /** How many functions run on the interpreter because they could not be compiled. */
    public long fallbacks() {
        return fallbacks.get();
    }
}
