package dev.wasmj.format;

import java.util.Arrays;

/**
 * A defined type with its place in the subtype hierarchy.
 *
 * @param isFinal     whether the type may have no subtypes
 * @param supertypes  type indices of the declared supertypes (at most one is valid)
 * @param composite   the structure
 * @param describes   custom descriptors: the type index this type describes, or -1
 * @param descriptor  custom descriptors: the type index of this type's descriptor, or -1
 */
public record SubType(boolean isFinal, int[] supertypes, CompositeType composite, int describes, int descriptor) {

    /** A final type with no supertype, the meaning of a plain {@code (type (func ...))}. */
    public static SubType plain(CompositeType composite) {
        return new SubType(true, new int[0], composite, -1, -1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubType s && isFinal == s.isFinal && Arrays.equals(supertypes, s.supertypes)
                && composite.equals(s.composite) && describes == s.describes && descriptor == s.descriptor;
    }

    @Override
    public int hashCode() {
        return ((Boolean.hashCode(isFinal) * 31 + Arrays.hashCode(supertypes)) * 31 + composite.hashCode()) * 31
                + describes * 7 + descriptor;
    }
}
