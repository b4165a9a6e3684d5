package dev.wasmj;

import dev.wasmj.internal.runtime.ExceptionObject;

/** A WebAssembly exception as a value (an {@code exnref}): its {@link Tag} and payload. */
public final class ExnRef {
    private final Store<?> store;
    final ExceptionObject exception;

    ExnRef(Store<?> store, ExceptionObject exception) {
        this.store = store;
        this.exception = exception;
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
