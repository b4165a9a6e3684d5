package dev.wasmj;

import java.util.Objects;

/**
 * An exception tag's type: a function type whose parameters are the exception's payload (its
 * results are empty).
 */
public record TagType(FuncType type) implements ExternType {
    public TagType {
        Objects.requireNonNull(type, "type");
    }

    /** The tag type with payload {@code params}. */
    public static TagType of(java.util.List<ValType> params) {
        return new TagType(FuncType.of(params, java.util.List.of()));
    }

    /** The payload's types. */
    public java.util.List<ValType> params() {
        return type.params();
    }

    @Override
    public String toString() {
        return "(tag " + type + ")";
    }
}
