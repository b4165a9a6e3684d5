package dev.wasmj.format;

/**
 * Value types (and the packed storage types of GC fields), encoded as {@code int}s.
 *
 * <p>Number and vector types are their binary codes ({@link #I32} = 0x7F ...). A reference type is
 * {@link #REF} | ({@link #NULLABLE} if nullable) | heap type (see {@link HeapType}). The encoding
 * is canonical: two value types of one module are equal iff their ints are equal (type indices
 * are compared after canonicalisation by the validator).
 */
public final class ValType {
    private ValType() {}

    public static final int I32 = 0x7F;
    public static final int I64 = 0x7E;
    public static final int F32 = 0x7D;
    public static final int F64 = 0x7C;
    public static final int V128 = 0x7B;
    /** Packed storage type, only in struct and array fields. */
    public static final int I8 = 0x78;
    /** Packed storage type, only in struct and array fields. */
    public static final int I16 = 0x77;

    /** Set on every reference type. */
    public static final int REF = 1 << 30;
    /** Set on nullable reference types. */
    public static final int NULLABLE = 1 << 29;
    /** Mask of the heap type of a reference type. */
    public static final int HEAP_MASK = NULLABLE - 1;

    public static final int FUNCREF = ref(true, HeapType.FUNC);
    public static final int EXTERNREF = ref(true, HeapType.EXTERN);
    public static final int ANYREF = ref(true, HeapType.ANY);
    public static final int EQREF = ref(true, HeapType.EQ);
    public static final int I31REF = ref(true, HeapType.I31);
    public static final int STRUCTREF = ref(true, HeapType.STRUCT);
    public static final int ARRAYREF = ref(true, HeapType.ARRAY);
    public static final int EXNREF = ref(true, HeapType.EXN);
    public static final int NULLREF = ref(true, HeapType.NONE);
    public static final int NULLFUNCREF = ref(true, HeapType.NOFUNC);
    public static final int NULLEXTERNREF = ref(true, HeapType.NOEXTERN);
    public static final int NULLEXNREF = ref(true, HeapType.NOEXN);

    /** The reference type {@code (ref null? heapType)}. */
    public static int ref(boolean nullable, int heapType) {
        return REF | (nullable ? NULLABLE : 0) | heapType;
    }

    public static boolean isRef(int type) {
        return (type & REF) != 0;
    }

    public static boolean isNullable(int type) {
        return (type & NULLABLE) != 0;
    }

    /** The heap type of a reference type. */
    public static int heapType(int type) {
        return type & HEAP_MASK;
    }

    public static boolean isNumber(int type) {
        return type == I32 || type == I64 || type == F32 || type == F64;
    }

    public static boolean isPacked(int type) {
        return type == I8 || type == I16;
    }

    /** The type a packed storage type unpacks to ({@code i32}); other types unchanged. */
    public static int unpacked(int type) {
        return isPacked(type) ? I32 : type;
    }

    /** Whether a local of this type needs no initialisation (numbers, vectors, nullable refs). */
    public static boolean isDefaultable(int type) {
        return !isRef(type) || isNullable(type);
    }

    /** The text form, e.g. {@code i32}, {@code funcref}, {@code (ref null 3)}. */
    public static String name(int type) {
        switch (type) {
            case I32: return "i32";
            case I64: return "i64";
            case F32: return "f32";
            case F64: return "f64";
            case V128: return "v128";
            case I8: return "i8";
            case I16: return "i16";
            default:
        }
        if (!isRef(type)) {
            return "valtype#" + Integer.toHexString(type);
        }
        int heap = heapType(type);
        if (isNullable(type) && HeapType.isAbstract(heap)) {
            return switch (heap) {
                case HeapType.NONE -> "nullref";
                case HeapType.NOFUNC -> "nullfuncref";
                case HeapType.NOEXTERN -> "nullexternref";
                case HeapType.NOEXN -> "nullexnref";
                default -> HeapType.name(heap) + "ref";
            };
        }
        return "(ref " + (isNullable(type) ? "null " : "") + HeapType.name(heap) + ")";
    }
}
