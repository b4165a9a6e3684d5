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
    /** The heat each function starts with ({@link Compiler#HOT_AFTER_PROPERTY}). */
    private final int hotAfter;
    private final int imported;
    /** Per defined function: whether it was queued (it then stops counting its loop iterations). */
    private final boolean[] queued;
    private final ArrayDeque<WasmFunction> pending = new ArrayDeque<>();
    private boolean scheduled;
    private final boolean background;
    /**
     * The heat a function called from compiled code must have used up to get compiled: a fraction
     * ({@link #CALLEE_FRACTION}) of the threshold ({@link #calledFromCompiled}).
     */
    private final int warm;

    /**
     * A function that compiled code calls while it runs on the interpreter gets compiled once it has
     * used up this fraction of the threshold (1/64: 3,200 loop iterations or 200 calls by default).
     */
    static final int CALLEE_FRACTION = 64;

    HotCompiler(ModuleCompiler compiler, int imported, int defined, boolean background, int hotAfter) {
        this.compiler = compiler;
        this.background = background;
        this.warm = Math.max(1, hotAfter / CALLEE_FRACTION);
        this.hotAfter = hotAfter;
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
     * Compiled code calls {@code f}, which runs on the interpreter (through its call site, or
     * indirectly): queues it as hot if it has used up {@link #CALLEE_FRACTION} of its heat. Such a call
     * costs more than one between interpreted functions (boxed arguments, an entry into the
     * interpreter the JVM has not optimised for it), and its caller being hot says that it is on a hot
     * path: a function whose work is in loops over few calls (a {@code memset} of a large buffer, a
     * few times per call of its compiled caller) would otherwise stay on the interpreter for dozens of
     * its caller's calls.
     */
    void calledFromCompiled(WasmFunction f) {
        int heat = f.heat;
        if (heat <= hotAfter && hotAfter - heat >= warm) {
            f.heat = Integer.MAX_VALUE;
            hot(f);
        }
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
