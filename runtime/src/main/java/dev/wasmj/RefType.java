package dev.wasmj;

import java.util.Objects;

/** A reference type: a {@link HeapType} and whether {@code null} is a value of the type. */
public record RefType(boolean nullable, HeapType heapType) {
    public static final RefType FUNCREF = new RefType(true, HeapType.FUNC);
    public static final RefType EXTERNREF = new RefType(true, HeapType.EXTERN);
    public static final RefType ANYREF = new RefType(true, HeapType.ANY);
    public static final RefType EQREF = new RefType(true, HeapType.EQ);
    public static final RefType I31REF = new RefType(true, HeapType.I31);
    public static final RefType STRUCTREF = new RefType(true, HeapType.STRUCT);
    public static final RefType ARRAYREF = new RefType(true, HeapType.ARRAY);
    public static final RefType EXNREF = new RefType(true, HeapType.EXN);
    public static final RefType NULLREF = new RefType(true, HeapType.NONE);
    public static final RefType NULLFUNCREF = new RefType(true, HeapType.NOFUNC);
    public static final RefType NULLEXTERNREF = new RefType(true, HeapType.NOEXTERN);
    public static final RefType NULLEXNREF = new RefType(true, HeapType.NOEXN);

    public RefType {
        Objects.requireNonNull(heapType, "heapType");
    }

    /** The format's closed-form encoding of this type. */
    int code() {
        return dev.wasmj.format.ValType.ref(nullable, heapType.code());
    }

    /** Whether this type is a subtype of {@code other}. */
    public boolean matches(RefType other) {
        return (other.nullable || !nullable) && heapType.matches(other.heapType);
    }

    /** The text form, e.g. {@code funcref} or {@code (ref null (func))}. */
    @Override
    public String toString() {
        if (!heapType.isConcrete()) {
            return dev.wasmj.format.ValType.name(code());
        }
        return "(ref " + (nullable ? "null " : "") + heapType + ")";
    }
}
