package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.CodeGenerator;
import dev.wasmj.internal.runtime.ModuleInstance;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The compiler of one engine: compiles each new instance's functions to JVM bytecode and counts the
 * functions it could not compile (they run on the interpreter). Each fallback is logged at
 * {@link Level#DEBUG} on the logger {@code dev.wasmj.compiler}. Thread safe.
 */
public final class Compiler implements CodeGenerator {
    private static final System.Logger LOG = System.getLogger("dev.wasmj.compiler");

    private final AtomicLong compiled = new AtomicLong();
    private final AtomicLong fallbacks = new AtomicLong();

    @Override
    public void generate(ModuleInstance instance) {
        ModuleCompiler.Outcome outcome = ModuleCompiler.compile(instance);
        String[] reasons = outcome.fallbackReasons();
        int imported = instance.module().module().importedFuncCount();
        int failed = outcome.fallbacks();
        fallbacks.addAndGet(failed);
        compiled.addAndGet(reasons.length - failed);
        if (failed > 0 && LOG.isLoggable(Level.DEBUG)) {
            for (int d = 0; d < reasons.length; d++) {
                if (reasons[d] != null) {
                    LOG.log(Level.DEBUG, "function " + (imported + d) + " of module "
                            + instance.name() + " runs on the interpreter: " + reasons[d]);
                }
            }
        }
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
