package dev.wasmj;

import dev.wasmj.internal.runtime.GlobalInstance;

/** A global variable of a {@link Store}: exported by an instance or made by the host. */
public final class Global implements Extern {
    private final Store<?> store;
    final GlobalInstance instance;

    Global(Store<?> store, GlobalInstance instance) {
        this.store = store;
        this.instance = instance;
    }

    /**
     * A new global of {@code type} in {@code store} holding {@code value}.
     *
     * @throws IllegalArgumentException if {@code value} is not of the global's type
     */
    public static Global of(Store<?> store, GlobalType type, Val value) {
        int content = store.engine().code(type.content());
        Global g = new Global(store, new GlobalInstance(new dev.wasmj.format.GlobalType(content, type.mutable())));
        g.store(value);
        return g;
    }

    public Store<?> store() {
        return store;
    }

    @Override
    public GlobalType type() {
        var t = instance.type();
        return new GlobalType(ValType.of(t.valType(), store.engine().registry()), t.mutable());
    }

    /** The value. */
    public Val get() {
        store.enter();
        try {
            return Values.toVal(store, instance.type().valType(), instance.value, instance.high, instance.ref);
        } finally {
            store.exit();
        }
    }

    /**
     * Sets the value.
     *
     * @throws IllegalStateException    if the global is immutable
     * @throws IllegalArgumentException if {@code value} is not of the global's type
     */
    public void set(Val value) {
        if (!instance.type().mutable()) {
            throw new IllegalStateException("immutable global cannot be set");
        }
        store(value);
    }

    private void store(Val value) {
        long[] slots = new long[2];
        Object[] refs = new Object[2];
        store.enter();
        try {
            Values.write(store, new int[] {instance.type().valType()}, new Val[] {value}, slots, refs, "value");
            instance.value = slots[0];
            instance.high = slots[1];
            instance.ref = refs[0];
        } finally {
            store.exit();
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Global g && g.instance == instance;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(instance);
    }

    @Override
    public String toString() {
        return "Global" + type();
    }
}
