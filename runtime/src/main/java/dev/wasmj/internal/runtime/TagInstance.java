package dev.wasmj.internal.runtime;

import dev.wasmj.format.validate.DefType;

/** An exception tag: its identity tells exceptions apart, its function type gives the payload. */
public final class TagInstance {
    private final DefType type;

    /** A new tag (distinct from every other) of function type {@code type}. */
    public TagInstance(DefType type) {
        if (!type.isFunc()) {
            throw new IllegalArgumentException("not a function type: " + type);
        }
        this.type = type;
    }

    public DefType type() {
        return type;
    }
}
