package dev.wasmj.internal.compiler;

import dev.wasmj.internal.interpreter.Interpreter;
import dev.wasmj.internal.runtime.CallContext;
import dev.wasmj.internal.runtime.HostCode;
import dev.wasmj.internal.runtime.WasmFunction;

import java.util.function.Supplier;

/**
 * The code of a function compiled lazily, before its first call: the first call compiles the
 * function's class (chunk), replaces itself in {@link WasmFunction#compiled} by the compiled code, or by
 * null if the function falls back to the interpreter, and runs the function.
 */
final class LazyCode implements HostCode {
    private final WasmFunction function;
    private final boolean tailCalling;
    private final Supplier<CompiledCode> compile;

    /**
     * {@code compile} loads the function's class and returns its code, or null if it falls back;
     * {@code tailCalling}: whether the function is tail-calling ({@link TailCallers}).
     */
    LazyCode(WasmFunction function, boolean tailCalling, Supplier<CompiledCode> compile) {
        this.function = function;
        this.tailCalling = tailCalling;
        this.compile = compile;
    }

    @Override
    public boolean tailCalling() {
        return tailCalling;
    }

    @Override
    public void call(CallContext ctx, long[] slots, Object[] refs) {
        CompiledCode code = load();
        if (code != null) {
            code.call(ctx, slots, refs);
        } else {
            Interpreter.invoke(function.instance().store(), function, slots, refs);
        }
    }

    /** Compiles the function and installs its code in its {@link WasmFunction#compiled}: null if it falls back. */
    CompiledCode load() {
        CompiledCode code = compile.get();
        function.compiled = code;
        return code;
    }
}
