package dev.wasmj;

import dev.wasmj.format.HeapType;
import dev.wasmj.format.validate.Subtyping;
import dev.wasmj.internal.runtime.ExceptionObject;
import dev.wasmj.internal.runtime.FunctionInstance;

/**
 * Conversions between {@link Val}s and the engines' calling convention: numbers in a
 * {@code long[]} of slots (i32 as int, floats as raw bits, a v128 in two consecutive slots),
 * references in an {@code Object[]} at the same index. Types are closed-form format value types.
 */
final class Values {
    private Values() {}

    /** The number of slots values of {@code types} take. */
    static int slots(int[] types) {
        int n = 0;
        for (int t : types) {
            n += t == dev.wasmj.format.ValType.V128 ? 2 : 1;
        }
        return n;
    }

    /** Reads values of {@code types} from index 0 of {@code slots}/{@code refs}. */
    static Val[] read(Store<?> store, int[] types, long[] slots, Object[] refs) {
        Val[] vals = new Val[types.length];
        int s = 0;
        for (int i = 0; i < types.length; i++) {
            int t = types[i];
            if (t == dev.wasmj.format.ValType.V128) {
                vals[i] = new Val.V128(slots[s], slots[s + 1]);
                s += 2;
            } else {
                vals[i] = toVal(store, t, slots[s], 0, refs[s]);
                s++;
            }
        }
        return vals;
    }

    /**
     * Writes {@code vals}, which must be of {@code types}, from index 0 of {@code slots}/{@code refs}.
     *
     * @param what what the values are, for messages ("argument", "result")
     * @throws IllegalArgumentException if their number or types do not match, or a reference
     *     belongs to another store
     */
    static void write(Store<?> store, int[] types, Val[] vals, long[] slots, Object[] refs, String what) {
        if (vals.length != types.length) {
            throw new IllegalArgumentException("expected " + types.length + " " + what + "s, got " + vals.length);
        }
        int s = 0;
        for (int i = 0; i < types.length; i++) {
            int t = types[i];
            Val v = vals[i];
            if (v == null) {
                throw new IllegalArgumentException(what + " " + i + " is null; use a Val of a null reference");
            }
            switch (v) {
                case Val.I32(int x) when t == dev.wasmj.format.ValType.I32 -> slots[s] = x;
                case Val.I64(long x) when t == dev.wasmj.format.ValType.I64 -> slots[s] = x;
                case Val.F32(int x) when t == dev.wasmj.format.ValType.F32 -> slots[s] = x;
                case Val.F64(long x) when t == dev.wasmj.format.ValType.F64 -> slots[s] = x;
                case Val.V128(long lo, long hi) when t == dev.wasmj.format.ValType.V128 -> {
                    slots[s] = lo;
                    slots[s + 1] = hi;
                    s++;
                }
                default -> {
                    if (!dev.wasmj.format.ValType.isRef(t)) {
                        throw mismatch(store, what, i, t, v);
                    }
                    refs[s] = toRef(store, t, v, what, i);
                    slots[s] = 0;
                }
            }
            s++;
        }
    }

    /** The value of type {@code t} held in a slot ({@code lo}, {@code hi} for v128) or a ref. */
    static Val toVal(Store<?> store, int t, long lo, long hi, Object ref) {
        return switch (t) {
            case dev.wasmj.format.ValType.I32 -> new Val.I32((int) lo);
            case dev.wasmj.format.ValType.I64 -> new Val.I64(lo);
            case dev.wasmj.format.ValType.F32 -> new Val.F32((int) lo);
            case dev.wasmj.format.ValType.F64 -> new Val.F64(lo);
            case dev.wasmj.format.ValType.V128 -> new Val.V128(lo, hi);
            default -> refVal(store, top(store, t), ref);
        };
    }

    /** The public value of engine reference {@code ref} of the hierarchy with top {@code top}. */
    static Val refVal(Store<?> store, int top, Object ref) {
        return switch (top) {
            case HeapType.FUNC -> new Val.FuncRef(ref == null ? null : new Func(store, (FunctionInstance) ref));
            case HeapType.EXN -> new Val.ExnRef(ref == null ? null : new ExnRef(store, (ExceptionObject) ref));
            case HeapType.EXTERN -> new Val.ExternRef(ref == null ? null : AnyRef.isGcObject(ref) ? new AnyRef(ref) : ref);
            default -> new Val.AnyRef(ref == null ? null : new AnyRef(ref));
        };
    }

    /** The engine's representation of reference {@code v}, checked against type {@code t}. */
    static Object toRef(Store<?> store, int t, Val v, String what, int index) {
        Subtyping subtyping = store.context().subtyping();
        int top = subtyping.top(dev.wasmj.format.ValType.heapType(t));
        Object ref;
        int dynamic; // the value's heap type, for a non-null value
        switch (v) {
            case Val.FuncRef(Func f) when top == HeapType.FUNC -> {
                if (f != null) {
                    store.check(f.store(), "function " + f);
                }
                ref = f == null ? null : f.instance;
                dynamic = f == null ? 0 : HeapType.exact(f.instance.type().id());
            }
            case Val.ExternRef(Object o) when top == HeapType.EXTERN -> {
                ref = o instanceof AnyRef a ? a.ref : o;
                dynamic = HeapType.EXTERN;
            }
            case Val.AnyRef(AnyRef a) when top == HeapType.ANY -> {
                ref = a == null ? null : a.ref;
                dynamic = a == null ? 0 : AnyRef.heapTypeOf(a.ref);
            }
            case Val.ExnRef(ExnRef e) when top == HeapType.EXN -> {
                if (e != null) {
                    store.check(e.store(), "exception " + e);
                }
                ref = e == null ? null : e.exception;
                dynamic = HeapType.EXN;
            }
            default -> throw mismatch(store, what, index, t, v);
        }
        if (ref == null ? !dev.wasmj.format.ValType.isNullable(t)
                : !subtyping.isHeapSubtype(dynamic, dev.wasmj.format.ValType.heapType(t))) {
            throw mismatch(store, what, index, t, v);
        }
        return ref;
    }

    private static int top(Store<?> store, int t) {
        return store.context().subtyping().top(dev.wasmj.format.ValType.heapType(t));
    }

    private static IllegalArgumentException mismatch(Store<?> store, String what, int index, int t, Val v) {
        return new IllegalArgumentException(what + " " + index + " has the wrong type: expected "
                + ValType.of(t, store.engine().registry()) + ", got " + v);
    }
}
