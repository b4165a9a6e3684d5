package dev.wasmj;

import dev.wasmj.internal.runtime.ExceptionObject;

/**
 * A WebAssembly exception as a value (an {@code exnref}): its {@link Tag} and payload. An exception
 * that WebAssembly code throws and does not catch reaches the host as a {@link WasmException};
 * {@link #of(Store, WasmException)} gives its tag and payload. A host function throws one into its
 * caller with {@code throw ExnRef.create(store, tag, payload...).toException()}.
 */
public final class ExnRef {
    private final Store<?> store;
    final ExceptionObject exception;

    ExnRef(Store<?> store, ExceptionObject exception) {
        this.store = store;
        this.exception = exception;
    }

    /**
     * A new exception of {@code tag} with {@code payload}.
     *
     * @throws IllegalArgumentException if the payload does not match the tag's parameters, or the
     *     tag or a reference in the payload belongs to another store
     */
    public static ExnRef create(Store<?> store, Tag tag, Val... payload) {
        store.check(tag.store(), tag);
        int[] params = tag.instance.type().funcType().params();
        int n = Values.slots(params);
        long[] slots = new long[n];
        Object[] refs = new Object[n];
        store.enter();
        try {
            Values.write(store, params, payload, slots, refs, "payload value");
        } finally {
            store.exit();
        }
        return new ExnRef(store, new ExceptionObject(tag.instance, slots, refs));
    }

    /** The exception that {@code uncaught} carries, as a value of {@code store} (where it was thrown). */
    public static ExnRef of(Store<?> store, WasmException uncaught) {
        return new ExnRef(store, uncaught.exception());
    }

    /** The Java exception that throws this WebAssembly exception (from a host function, into its caller). */
    public WasmException toException() {
        return new WasmException(exception);
    }

    /** The exception's tag. */
    public Tag tag() {
        return new Tag(store, exception.tag());
    }

    /** The exception's payload values, typed by the tag's parameters. */
    public Val[] payload() {
        return Values.read(store, exception.tag().type().funcType().params(), exception.slots(), exception.refs());
    }

    Store<?> store() {
        return store;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExnRef e && e.exception == exception;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(exception);
    }

    @Override
    public String toString() {
        return "ExnRef" + java.util.Arrays.toString(payload());
    }
}
