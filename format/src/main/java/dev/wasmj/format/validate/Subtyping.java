package dev.wasmj.format.validate;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.CompositeType;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.StructType;
import dev.wasmj.format.ValType;

import java.util.List;

/**
 * The subtype relation of WebAssembly 3.0 (with exact types of the custom-descriptors proposal)
 * on value types in closed form: concrete heap types are global ids of a {@link TypeRegistry}
 * (see {@link TypeContext#toGlobal(int)}), so types of different modules compare directly.
 *
 * <p>Two extra values stand for the unknown types of unreachable code: {@link #BOTTOM} (any
 * value type) and the heap type {@link #BOTTOM_HEAP}; both are subtypes of everything.
 */
public final class Subtyping {
    /** The unknown value type of a polymorphic stack: a subtype of every value type. */
    public static final int BOTTOM = 0;
    /** The unknown heap type: a subtype of every heap type. */
    public static final int BOTTOM_HEAP = HeapType.ABSTRACT;

    private final TypeRegistry registry;

    public Subtyping(TypeRegistry registry) {
        this.registry = registry;
    }

    public TypeRegistry registry() {
        return registry;
    }

    /** Whether value type {@code t1} matches (is a subtype of) {@code t2}. */
    public boolean isSubtype(int t1, int t2) {
        if (t1 == t2 || t1 == BOTTOM) {
            return true;
        }
        if (!ValType.isRef(t1) || !ValType.isRef(t2)) {
            return false;
        }
        if (ValType.isNullable(t1) && !ValType.isNullable(t2)) {
            return false;
        }
        return isHeapSubtype(ValType.heapType(t1), ValType.heapType(t2));
    }

    /** Whether every type of {@code ts1} matches the type at the same place in {@code ts2}. */
    public boolean isSubtype(int[] ts1, int[] ts2) {
        if (ts1.length != ts2.length) {
            return false;
        }
        for (int i = 0; i < ts1.length; i++) {
            if (!isSubtype(ts1[i], ts2[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether heap type {@code h1} matches {@code h2}. */
    public boolean isHeapSubtype(int h1, int h2) {
        if (h1 == h2 || h1 == BOTTOM_HEAP) {
            return true;
        }
        if (HeapType.isAbstract(h1)) {
            if (HeapType.isAbstract(h2)) {
                return isAbstractSubtype(h1, h2);
            }
            DefType d2 = registry.get(HeapType.typeIndex(h2));
            return h1 == HeapType.NONE ? !d2.isFunc() : h1 == HeapType.NOFUNC && d2.isFunc();
        }
        DefType d1 = registry.get(HeapType.typeIndex(h1));
        if (HeapType.isAbstract(h2)) {
            return switch (h2) {
                case HeapType.ANY, HeapType.EQ -> !d1.isFunc();
                case HeapType.STRUCT -> d1.isStruct();
                case HeapType.ARRAY -> d1.isArray();
                case HeapType.FUNC -> d1.isFunc();
                default -> false;
            };
        }
        // both concrete and not equal: an exact type has no other subtypes
        return !HeapType.isExact(h2) && isDefSubtype(d1, HeapType.typeIndex(h2));
    }

    /** Whether the type with id {@code id1} is {@code id2} or declares it as a (transitive) supertype. */
    public boolean isDefSubtype(int id1, int id2) {
        return id1 == id2 || isDefSubtype(registry.get(id1), id2);
    }

    private boolean isDefSubtype(DefType d1, int id2) {
        int targetDepth = registry.get(id2).depth();
        DefType d = d1;
        while (d.depth() > targetDepth) {
            d = registry.get(d.supertype());
        }
        return d.id() == id2;
    }

    private static boolean isAbstractSubtype(int h1, int h2) {
        return switch (h2) {
            case HeapType.ANY -> h1 == HeapType.EQ || h1 == HeapType.I31 || h1 == HeapType.STRUCT
                    || h1 == HeapType.ARRAY || h1 == HeapType.NONE;
            case HeapType.EQ -> h1 == HeapType.I31 || h1 == HeapType.STRUCT || h1 == HeapType.ARRAY
                    || h1 == HeapType.NONE;
            case HeapType.I31, HeapType.STRUCT, HeapType.ARRAY -> h1 == HeapType.NONE;
            case HeapType.FUNC -> h1 == HeapType.NOFUNC;
            case HeapType.EXTERN -> h1 == HeapType.NOEXTERN;
            case HeapType.EXN -> h1 == HeapType.NOEXN;
            default -> false;
        };
    }

    /** The top of the hierarchy of heap type {@code h}: any, func, extern or exn. */
    public int top(int h) {
        if (HeapType.isConcrete(h)) {
            return registry.get(HeapType.typeIndex(h)).isFunc() ? HeapType.FUNC : HeapType.ANY;
        }
        return switch (h) {
            case HeapType.FUNC, HeapType.NOFUNC -> HeapType.FUNC;
            case HeapType.EXTERN, HeapType.NOEXTERN -> HeapType.EXTERN;
            case HeapType.EXN, HeapType.NOEXN -> HeapType.EXN;
            case BOTTOM_HEAP -> BOTTOM_HEAP;
            default -> HeapType.ANY;
        };
    }

    /** The bottom of the hierarchy of heap type {@code h}: none, nofunc, noextern or noexn. */
    public int bottom(int h) {
        return switch (top(h)) {
            case HeapType.FUNC -> HeapType.NOFUNC;
            case HeapType.EXTERN -> HeapType.NOEXTERN;
            case HeapType.EXN -> HeapType.NOEXN;
            case BOTTOM_HEAP -> BOTTOM_HEAP;
            default -> HeapType.NONE;
        };
    }

    /** Whether storage type {@code s1} (a value type or packed type) matches {@code s2}. */
    public boolean isStorageSubtype(int s1, int s2) {
        if (ValType.isPacked(s1) || ValType.isPacked(s2)) {
            return s1 == s2;
        }
        return isSubtype(s1, s2);
    }

    /** Whether field type {@code f1} matches {@code f2}: same mutability, and invariant if mutable. */
    public boolean isFieldSubtype(FieldType f1, FieldType f2) {
        if (f1.mutable() != f2.mutable() || !isStorageSubtype(f1.storageType(), f2.storageType())) {
            return false;
        }
        return !f1.mutable() || isStorageSubtype(f2.storageType(), f1.storageType());
    }

    /** Whether composite type {@code c1} matches {@code c2} (both in closed form). */
    public boolean isCompositeSubtype(CompositeType c1, CompositeType c2) {
        return switch (c1) {
            case FuncType f1 when c2 instanceof FuncType f2 ->
                    isSubtype(f2.params(), f1.params()) && isSubtype(f1.results(), f2.results());
            case StructType s1 when c2 instanceof StructType s2 -> isStructSubtype(s1.fields(), s2.fields());
            case ArrayType a1 when c2 instanceof ArrayType a2 -> isFieldSubtype(a1.element(), a2.element());
            default -> false;
        };
    }

    private boolean isStructSubtype(List<FieldType> fs1, List<FieldType> fs2) {
        if (fs1.size() < fs2.size()) {
            return false;
        }
        for (int i = 0; i < fs2.size(); i++) {
            if (!isFieldSubtype(fs1.get(i), fs2.get(i))) {
                return false;
            }
        }
        return true;
    }
}
