package dev.wasmj;

import dev.wasmj.format.Limits;
import dev.wasmj.format.validate.Subtyping;
import dev.wasmj.format.validate.TypeRegistry;
import java.util.OptionalLong;

/** Conversions between the API's types and the format's encodings. */
final class Types {
    private static final Subtyping ABSTRACT_ONLY = new Subtyping(new TypeRegistry());

    private Types() {}

    /**
     * The subtype relation for types of registries {@code a} and {@code b} (null for types without
     * concrete parts).
     *
     * @throws IllegalArgumentException if the types come from different engines
     */
    static Subtyping subtyping(TypeRegistry a, TypeRegistry b) {
        if (a != null && b != null && a != b) {
            throw new IllegalArgumentException("types of different engines cannot be compared");
        }
        TypeRegistry r = a != null ? a : b;
        return r == null ? ABSTRACT_ONLY : new Subtyping(r);
    }

    static OptionalLong max(Limits limits) {
        return limits.hasMax() ? OptionalLong.of(limits.max()) : OptionalLong.empty();
    }

    static Limits limits(long min, OptionalLong max) {
        return max.isPresent() ? Limits.of(min, max.getAsLong()) : Limits.of(min);
    }
}
