package dev.wasmj.internal.compiler;

import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.constant.MethodTypeDesc;

/**
 * Compiles a function too large for one JVM method (HotSpot does not JIT methods over 8,000 bytes of
 * bytecode; the class file caps them at 64 KB) as several: {@link Trial} measures it,
 * {@link RegionPlanner} chooses regions to outline so that each method fits a budget, and
 * {@link RegionCompiler} emits the methods. If a method still comes out too large, {@link #shrink}
 * lowers the budget for the next attempt.
 *
 * <p>The system property {@value #BUDGET_PROPERTY} (bytes of Wasm code) splits every function, with
 * every region that can be outlined outlined, whatever its size: for testing.
 */
final class FunctionSplitter {
    /** The system property that splits every function (for tests); its value is the budget. */
    static final String BUDGET_PROPERTY = "dev.wasmj.compiler.splitBudget";
    /** The first budget, in bytes of Wasm code per method. */
    static final int BUDGET = 1500;
    /** Regions smaller than this stay in their caller (unless every region is outlined). */
    static final int MIN_REGION = 64;
    /** Below this budget a function is given up on (it runs on the interpreter). */
    private static final int MIN_BUDGET = 300;

    private final WasmFunction function;
    private boolean everything;
    private int budget;
    private Trial trial;

    private FunctionSplitter(WasmFunction function, int budget, boolean everything) {
        this.function = function;
        this.budget = budget;
        this.everything = everything;
    }

    /** A splitter for {@code function} with the usual budget. */
    static FunctionSplitter of(WasmFunction function) {
        return new FunctionSplitter(function, BUDGET, false);
    }

    /** A splitter outlining everything it can, if the system property {@value #BUDGET_PROPERTY} is set, else null. */
    static FunctionSplitter forced(WasmFunction function) {
        String budget = System.getProperty(BUDGET_PROPERTY);
        return budget == null ? null : new FunctionSplitter(function, Integer.parseInt(budget), true);
    }

    /** Adds the function's method {@code f<index>} and its regions' methods to {@code clb}. */
    void emit(ClassBuilder clb, ClassShape shape, MethodTypeDesc desc) {
        if (trial == null) {
            trial = Trial.of(shape, function, desc);
        }
        if (trial.v128) {
            throw new Unsupported("too large for one method, and has v128 values, which splitting does not handle yet");
        }
        try {
            var regions = RegionPlanner.plan(trial, budget, everything ? 1 : MIN_REGION, everything);
            RegionCompiler rc = new RegionCompiler(clb, shape, function, trial, regions);
            clb.withMethodBody("f" + function.index(), desc, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, rc::emitFunction);
        } catch (StackOverflowError e) { // planning and emitting recurse once per nesting level
            throw new Unsupported("blocks nested too deeply to split the function");
        }
    }

    /** Lowers the budget after a method came out too large; false if it cannot go lower. */
    boolean shrink() {
        if (everything) { // forced, and some method still too large: split as usual instead
            everything = false;
            budget = BUDGET;
            return true;
        }
        if (budget <= MIN_BUDGET) {
            return false;
        }
        budget = Math.max(MIN_BUDGET, budget * 3 / 5);
        return true;
    }
}
