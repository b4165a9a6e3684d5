package dev.wasmj;

import dev.wasmj.format.validate.TypeRegistry;
import java.util.Objects;

/**
 * The type of a WebAssembly value: a number type ({@code i32}, {@code i64}, {@code f32},
 * {@code f64}), the vector type {@code v128}, or a {@link RefType reference type}.
 */
public final class ValType {
    /** The kinds of value types. */
    public enum Kind { I32, I64, F32, F64, V128, REF }

    public static final ValType I32 = new ValType(Kind.I32, null);
    public static final ValType I64 = new ValType(Kind.I64, null);
    public static final ValType F32 = new ValType(Kind.F32, null);
    public static final ValType F64 = new ValType(Kind.F64, null);
    public static final ValType V128 = new ValType(Kind.V128, null);
    public static final ValType FUNCREF = ref(RefType.FUNCREF);
    public static final ValType EXTERNREF = ref(RefType.EXTERNREF);
    public static final ValType ANYREF = ref(RefType.ANYREF);
    public static final ValType EQREF = ref(RefType.EQREF);
    public static final ValType I31REF = ref(RefType.I31REF);
    public static final ValType STRUCTREF = ref(RefType.STRUCTREF);
    public static final ValType ARRAYREF = ref(RefType.ARRAYREF);
    public static final ValType EXNREF = ref(RefType.EXNREF);
    public static final ValType NULLREF = ref(RefType.NULLREF);
    public static final ValType NULLFUNCREF = ref(RefType.NULLFUNCREF);
    public static final ValType NULLEXTERNREF = ref(RefType.NULLEXTERNREF);
    public static final ValType NULLEXNREF = ref(RefType.NULLEXNREF);

    private final Kind kind;
    private final RefType ref;

    private ValType(Kind kind, RefType ref) {
        this.kind = kind;
        this.ref = ref;
    }

    /** The reference type {@code ref}. */
    public static ValType ref(RefType ref) {
        return new ValType(Kind.REF, Objects.requireNonNull(ref, "ref"));
    }

    /** The reference type {@code (ref null? heapType)}. */
    public static ValType ref(boolean nullable, HeapType heapType) {
        return ref(new RefType(nullable, heapType));
    }

    /** The value type with the format's closed-form encoding {@code code} (type ids of {@code registry}). */
    static ValType of(int code, TypeRegistry registry) {
        return switch (code) {
            case dev.wasmj.format.ValType.I32 -> I32;
            case dev.wasmj.format.ValType.I64 -> I64;
            case dev.wasmj.format.ValType.F32 -> F32;
            case dev.wasmj.format.ValType.F64 -> F64;
            case dev.wasmj.format.ValType.V128 -> V128;
            default -> {
                if (!dev.wasmj.format.ValType.isRef(code)) {
                    throw new IllegalArgumentException("not a value type: " + Integer.toHexString(code));
                }
                yield ref(dev.wasmj.format.ValType.isNullable(code),
                        HeapType.of(dev.wasmj.format.ValType.heapType(code), registry));
            }
        };
    }

    /** The format's closed-form encoding. */
    int code() {
        return switch (kind) {
            case I32 -> dev.wasmj.format.ValType.I32;
            case I64 -> dev.wasmj.format.ValType.I64;
            case F32 -> dev.wasmj.format.ValType.F32;
            case F64 -> dev.wasmj.format.ValType.F64;
            case V128 -> dev.wasmj.format.ValType.V128;
            case REF -> ref.code();
        };
    }

    /** The registry of a concrete reference type's id, else null. */
    TypeRegistry registry() {
        return ref == null ? null : ref.heapType().registry();
    }

    public Kind kind() {
        return kind;
    }

    public boolean isRef() {
        return kind == Kind.REF;
    }

    /** Whether this is {@code i32}, {@code i64}, {@code f32} or {@code f64}. */
    public boolean isNumber() {
        return kind != Kind.REF && kind != Kind.V128;
    }

    /** The reference type of a {@link Kind#REF} value type. */
    public RefType refType() {
        if (ref == null) {
            throw new IllegalStateException(this + " is not a reference type");
        }
        return ref;
    }

    /** Whether a value of this type may be used where {@code other} is expected (subtyping). */
    public boolean matches(ValType other) {
        if (ref == null || other.ref == null) {
            return kind == other.kind;
        }
        return ref.matches(other.ref);
    }

    /** Whether a value of this type has a default value ({@code 0}, or {@code null}). */
    public boolean isDefaultable() {
        return ref == null || ref.nullable();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ValType v && v.kind == kind && Objects.equals(v.ref, ref);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(ref);
    }

    /** The text form: {@code i32}, {@code funcref}, {@code (ref null (func))} ... */
    @Override
    public String toString() {
        return ref == null ? kind.name().toLowerCase(java.util.Locale.ROOT) : ref.toString();
    }
}
