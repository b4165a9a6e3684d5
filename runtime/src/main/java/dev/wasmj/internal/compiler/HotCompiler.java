package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.WasmFunction;

import java.util.ArrayDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Tiered compilation of one module, for all its instances: their functions start on the interpreter,
 * which counts their calls and loop iterations ({@link WasmFunction#heat}); a function that gets hot
 * in any instance is queued here and compiled on a background thread into a class of its own
 * ({@link ModuleCompiler#compileOne}), whose code is then installed in {@link WasmFunction#compiled}
 * of every instance, present and future: the interpreter's next call of it runs the compiled code.
 * A call that is already running stays on the interpreter until it returns (there is no on-stack
 * replacement). One daemon thread, shared by all engines, compiles; it ends
 * when it has had nothing to do for a while.
 */
final class HotCompiler {
    private static final ThreadPoolExecutor THREAD = new ThreadPoolExecutor(1, 1, 5, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread t = new Thread(task, "wasmj-compiler");
                t.setDaemon(true);
                return t;
            });

    static {
        THREAD.allowCoreThreadTimeOut(true);
    }

    private final ModuleCompiler compiler;
    private final int imported;
    /** Per defined function: whether it was queued (it then stops counting its loop iterations). */
    private final boolean[] queued;
    private final ArrayDeque<WasmFunction> pending = new ArrayDeque<>();
    private boolean scheduled;
    private final boolean background;

    HotCompiler(ModuleCompiler compiler, int imported, int defined, boolean background) {
        this.compiler = compiler;
        this.background = background;
        this.imported = imported;
        this.queued = new boolean[defined];
    }

    /** The compiler of the module's functions. */
    ModuleCompiler compiler() {
        return compiler;
    }

    /** Whether the interpreter should count {@code f}'s loop iterations: until it is queued. */
    boolean countsLoops(WasmFunction f) {
        return !queued[f.index() - imported];
    }

    /**
     * Queues {@code f} for compilation on the background thread, or, if {@code background} is false,
     * compiles it now on this thread (deterministic, for tests).
     */
    void hot(WasmFunction f) {
        if (!background) {
            synchronized (this) {
                int d = f.index() - imported;
                if (!queued[d]) {
                    queued[d] = true;
                    compile(f);
                }
            }
            return;
        }
        synchronized (this) {
            int d = f.index() - imported;
            if (queued[d]) {
                return;
            }
            queued[d] = true;
            pending.add(f);
            if (scheduled) {
                return;
            }
            scheduled = true;
        }
        THREAD.execute(this::drain);
    }

    /** Compiles what is queued until nothing is (on the background thread). */
    private void drain() {
        for (;;) {
            WasmFunction f;
            synchronized (this) {
                f = pending.poll();
                if (f == null) {
                    scheduled = false;
                    return;
                }
            }
            compile(f);
        }
    }

    private void compile(WasmFunction f) {
        if (!compiler.compileOne(f.index() - imported)) {
            // it stays on the interpreter: lower it again, without counting its loops
            f.lowered = null;
        }
    }
}
