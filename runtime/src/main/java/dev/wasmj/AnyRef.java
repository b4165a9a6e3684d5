package dev.wasmj;

import dev.wasmj.internal.runtime.I31Ref;
import dev.wasmj.internal.runtime.WasmArray;
import dev.wasmj.internal.runtime.WasmStruct;
import java.util.Objects;

/**
 * A non-null value of the {@code any} hierarchy: an {@code i31}, a struct, an array (GC objects
 * made by WebAssembly code), or a host object that WebAssembly code internalized with
 * {@code any.convert_extern}. Equal when they are the same object ({@code ref.eq}), or i31s of
 * the same value.
 */
public final class AnyRef {
    /** The engines' representation: I31Ref, WasmStruct, WasmArray or a host object. */
    final Object ref;

    AnyRef(Object ref) {
        this.ref = Objects.requireNonNull(ref);
    }

    /** The {@code i31ref} of the low 31 bits of {@code value}. */
    public static AnyRef i31(int value) {
        return new AnyRef(I31Ref.of(value));
    }

    /** The host object {@code host} as an {@code anyref}, like {@code any.convert_extern} makes it. */
    public static AnyRef fromExtern(Object host) {
        if (host instanceof AnyRef a) {
            return a;
        }
        return new AnyRef(Objects.requireNonNull(host, "host"));
    }

    public boolean isI31() {
        return ref instanceof I31Ref;
    }

    public boolean isStruct() {
        return ref instanceof WasmStruct;
    }

    public boolean isArray() {
        return ref instanceof WasmArray;
    }

    /** Whether {@code ref.eq} can compare it: an i31, a struct or an array. */
    public boolean isEq() {
        return isI31() || isStruct() || isArray();
    }

    /** Whether this is a host object internalized by {@code any.convert_extern}. */
    public boolean isHostObject() {
        return !isEq();
    }

    /** The host object of an internalized {@code externref}. */
    public Object hostObject() {
        if (!isHostObject()) {
            throw new IllegalStateException(this + " is not a host object");
        }
        return ref;
    }

    /** The value of an {@code i31}, sign-extended from 31 bits ({@code i31.get_s}). */
    public int i31Signed() {
        if (ref instanceof I31Ref(int v)) return v;
        throw new IllegalStateException(this + " is not an i31");
    }

    /** The value of an {@code i31}, zero-extended from 31 bits ({@code i31.get_u}). */
    public int i31Unsigned() {
        return i31Signed() & 0x7FFF_FFFF;
    }

    /** The dynamic heap type code (closed form) of an engine-side any-hierarchy value. */
    static int heapTypeOf(Object ref) {
        return switch (ref) {
            case I31Ref i -> dev.wasmj.format.HeapType.I31;
            case WasmStruct s -> dev.wasmj.format.HeapType.exact(s.type.id());
            case WasmArray a -> dev.wasmj.format.HeapType.exact(a.type.id());
            default -> dev.wasmj.format.HeapType.ANY;
        };
    }

    /** Whether an engine-side value is a GC object (not a host object). */
    static boolean isGcObject(Object ref) {
        return ref instanceof I31Ref || ref instanceof WasmStruct || ref instanceof WasmArray;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnyRef a && (a.ref == ref || a.ref instanceof I31Ref && a.ref.equals(ref));
    }

    @Override
    public int hashCode() {
        return ref instanceof I31Ref ? ref.hashCode() : System.identityHashCode(ref);
    }

    @Override
    public String toString() {
        return switch (ref) {
            case I31Ref(int v) -> "AnyRef[i31 " + v + "]";
            case WasmStruct s -> "AnyRef[struct " + s.type.composite() + "]";
            case WasmArray a -> "AnyRef[array of " + a.length + "]";
            default -> "AnyRef[host " + ref + "]";
        };
    }
}
