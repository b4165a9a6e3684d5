package dev.wasmj.internal.runtime;

/** An i31ref: an unboxed 31-bit integer as a reference (held here sign-extended from 31 bits). */
public record I31Ref(int value) {
    /** The i31 of the low 31 bits of {@code i}. */
    public static I31Ref of(int i) {
        return new I31Ref((i << 1) >> 1);
    }
}
