package dev.wasmj;

import java.util.Objects;

/**
 * A global type.
 *
 * @param content the type of the global's value
 * @param mutable whether {@code global.set} (and {@link Global#set}) may change it
 */
public record GlobalType(ValType content, boolean mutable) implements ExternType {
    public GlobalType {
        Objects.requireNonNull(content, "content");
    }

    /** An immutable global of type {@code content}. */
    public static GlobalType of(ValType content) {
        return new GlobalType(content, false);
    }

    /** A mutable global of type {@code content}. */
    public static GlobalType mutable(ValType content) {
        return new GlobalType(content, true);
    }

    @Override
    public String toString() {
        return mutable ? "(global (mut " + content + "))" : "(global " + content + ")";
    }
}
