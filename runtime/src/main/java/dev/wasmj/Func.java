package dev.wasmj;

import dev.wasmj.internal.runtime.Calls;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.HostFunctionInstance;
import java.util.Objects;

/**
 * A function of a {@link Store}: exported by an instance or made by the host. Call it with
 * {@link #call(Val...)}, or get a typed view without boxing with {@link #typed(Class)}.
 *
 * <p>A call that traps throws {@link Trap}; an uncaught WebAssembly exception throws
 * {@link WasmException}; arguments of the wrong number or types throw
 * {@link IllegalArgumentException} before anything runs. The store stays usable in all cases.
 */
public final class Func implements Extern {
    private final Store<?> store;
    final FunctionInstance instance;

    Func(Store<?> store, FunctionInstance instance) {
        this.store = store;
        this.instance = instance;
    }

    /** A host function of {@code type} in {@code store}, running {@code code} (Wasmtime's {@code Func::new}). */
    public static <T> Func of(Store<T> store, FuncType type, HostFunction<T> code) {
        Objects.requireNonNull(code, "code");
        return new Func(store, hostInstance(store, type, code));
    }

    /**
     * A host function in {@code store} implemented by {@code impl}, one of the JDK's primitive
     * functional interfaces that {@link TypedFunc} lists (e.g. {@code IntBinaryOperator} for
     * {@code (i32, i32) -> i32}): called without boxing, and without a {@link Caller} (Wasmtime's
     * {@code Func::wrap}). Use {@link #of} when the function needs its caller.
     *
     * @throws IllegalArgumentException if {@code iface} is not in the table
     */
    public static <F> Func wrap(Store<?> store, Class<F> iface, F impl) {
        return new Func(store, wrapped(store.engine(), iface, impl));
    }

    static HostFunctionInstance wrapped(Engine engine, Class<?> iface, Object impl) {
        return new HostFunctionInstance(engine.canonical(TypedFunc.typeOf(iface)), TypedFunc.host(iface, impl));
    }

    /** The engine's function for host code {@code code} of {@code type}, in {@code store}. */
    static <T> HostFunctionInstance hostInstance(Store<T> store, FuncType type, HostFunction<T> code) {
        var def = store.engine().canonical(type);
        int[] params = def.funcType().params();
        int[] results = def.funcType().results();
        return new HostFunctionInstance(def, (ctx, slots, refs) -> {
            Val[] args = Values.read(store, params, slots, refs);
            Val[] out = code.call(new Caller<>(store, ctx.caller()), args);
            Values.write(store, results, out == null ? Val.NONE : out, slots, refs, "result");
        });
    }

    /** The store the function belongs to. */
    public Store<?> store() {
        return store;
    }

    @Override
    public FuncType type() {
        return FuncType.of(instance.type(), store.engine().registry());
    }

    /** The number of parameters. */
    public int paramCount() {
        return instance.funcType().params().length;
    }

    /** The number of results. */
    public int resultCount() {
        return instance.funcType().results().length;
    }

    /**
     * Calls the function.
     *
     * @return its results, one per result type
     * @throws IllegalArgumentException if {@code args} do not match the parameter types, or a
     *     reference among them belongs to another store
     * @throws Trap                     if execution traps
     * @throws WasmException            if a WebAssembly exception is not caught
     * @throws IllegalStateException    if another thread is using the store
     */
    public Val[] call(Val... args) {
        int[] params = instance.funcType().params();
        int[] results = instance.funcType().results();
        int n = Math.max(Values.slots(params), Values.slots(results));
        long[] slots = new long[n];
        Object[] refs = new Object[n];
        store.enter();
        try {
            Values.write(store, params, args, slots, refs, "argument");
            Calls.invoke(store.context(), instance, slots, refs);
            return Values.read(store, results, slots, refs);
        } finally {
            store.exit();
        }
    }

    /**
     * Calls with arguments and results in the engines' slots, for typed views of number-only
     * signatures: {@code noRefs} (as long as {@code slots}) only ever holds nulls, so views share it.
     */
    void callSlots(long[] slots, Object[] noRefs) {
        store.enter();
        try {
            Calls.invoke(store.context(), instance, slots, noRefs);
        } finally {
            store.exit();
        }
    }

    /**
     * A typed view of this function that calls it without boxing: one of the functional interfaces
     * of {@link TypedFunc}'s table (e.g. {@link java.util.function.IntBinaryOperator} for
     * {@code (i32, i32) -> i32}).
     *
     * @throws IllegalArgumentException if the function's type is not the interface's
     */
    public <F> F typed(Class<F> iface) {
        return TypedFunc.of(this, iface);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Func f && f.instance == instance;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(instance);
    }

    @Override
    public String toString() {
        return "Func" + instance;
    }
}
