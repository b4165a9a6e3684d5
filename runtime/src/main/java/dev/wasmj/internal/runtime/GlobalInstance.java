package dev.wasmj.internal.runtime;

import dev.wasmj.format.GlobalType;

/**
 * A global variable. Its value is in {@link #value} (i32 as int, f32/f64 raw bits, v128 low half),
 * {@link #high} (v128 high half) or {@link #ref} (references); the engines read and write the
 * fields directly.
 */
public final class GlobalInstance {
    private final GlobalType type;
    /** The number value (or low half of a v128). */
    public long value;
    /** The high half of a v128 value. */
    public long high;
    /** The reference value. */
    public Object ref;

    /** A global of {@code type} (value type in closed form) holding zero / null. */
    public GlobalInstance(GlobalType type) {
        this.type = type;
    }

    /** The type, its value type in closed form (concrete heap types are registry ids). */
    public GlobalType type() {
        return type;
    }
}
