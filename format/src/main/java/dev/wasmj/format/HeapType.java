package dev.wasmj.format;

/**
 * Heap types, encoded as {@code int}s so that the validator's stacks hold no objects.
 *
 * <p>A heap type is either a type index ({@code 0 <= h < ABSTRACT}) or an abstract heap type
 * ({@code ABSTRACT | code}, where {@code code} is its binary encoding, e.g. {@code 0x70} for
 * {@code func}). A concrete heap type may carry the {@link #EXACT} bit (custom-descriptors
 * proposal).
 */
public final class HeapType {
    private HeapType() {}

    /** Set on abstract heap types. */
    public static final int ABSTRACT = 1 << 27;
    /** Set on exact concrete heap types ({@code (exact $t)}). */
    public static final int EXACT = 1 << 26;
    /** Mask of a type index. */
    public static final int INDEX_MASK = EXACT - 1;

    public static final int FUNC = ABSTRACT | 0x70;
    public static final int EXTERN = ABSTRACT | 0x6F;
    public static final int ANY = ABSTRACT | 0x6E;
    public static final int EQ = ABSTRACT | 0x6D;
    public static final int I31 = ABSTRACT | 0x6C;
    public static final int STRUCT = ABSTRACT | 0x6B;
    public static final int ARRAY = ABSTRACT | 0x6A;
    public static final int EXN = ABSTRACT | 0x69;
    public static final int NOEXN = ABSTRACT | 0x74;
    public static final int NOFUNC = ABSTRACT | 0x73;
    public static final int NOEXTERN = ABSTRACT | 0x72;
    public static final int NONE = ABSTRACT | 0x71;

    /** A concrete heap type referring to type index {@code index}. */
    public static int index(int index) {
        return index;
    }

    /** An exact concrete heap type referring to type index {@code index}. */
    public static int exact(int index) {
        return index | EXACT;
    }

    public static boolean isAbstract(int heapType) {
        return (heapType & ABSTRACT) != 0;
    }

    public static boolean isConcrete(int heapType) {
        return (heapType & ABSTRACT) == 0;
    }

    public static boolean isExact(int heapType) {
        return (heapType & EXACT) != 0;
    }

    /** The type index of a concrete heap type. */
    public static int typeIndex(int heapType) {
        return heapType & INDEX_MASK;
    }

    /** The abstract heap type with binary code {@code code} (0x69..0x74), or -1 if there is none. */
    public static int fromCode(int code) {
        return switch (code) {
            case 0x69, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F, 0x70, 0x71, 0x72, 0x73, 0x74 -> ABSTRACT | code;
            default -> -1;
        };
    }

    /** The binary code of an abstract heap type. */
    public static int code(int heapType) {
        return heapType & 0xFF;
    }

    /** The text name of an abstract heap type ({@code func}, {@code any}, ...). */
    public static String name(int heapType) {
        if (isConcrete(heapType)) {
            String idx = Integer.toString(typeIndex(heapType));
            return isExact(heapType) ? "(exact " + idx + ")" : idx;
        }
        return switch (heapType) {
            case FUNC -> "func";
            case EXTERN -> "extern";
            case ANY -> "any";
            case EQ -> "eq";
            case I31 -> "i31";
            case STRUCT -> "struct";
            case ARRAY -> "array";
            case EXN -> "exn";
            case NOEXN -> "noexn";
            case NOFUNC -> "nofunc";
            case NOEXTERN -> "noextern";
            case NONE -> "none";
            default -> "heaptype#" + Integer.toHexString(heapType);
        };
    }
}
