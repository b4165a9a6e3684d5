package dev.wasmj.format.validate;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.ValType;

/**
 * The canonical types of one validated module: for each type index, its {@link DefType} in a
 * {@link TypeRegistry}, and conversion of the module's value types into closed form (where a
 * concrete heap type is a global id instead of a type index) for {@link Subtyping}.
 */
public final class TypeContext {
    private final TypeRegistry registry;
    private final Subtyping subtyping;
    private final int[] ids;
    private final DefType[] defs;

    TypeContext(TypeRegistry registry, int[] ids) {
        this.registry = registry;
        this.subtyping = new Subtyping(registry);
        this.ids = ids;
        this.defs = new DefType[ids.length];
        for (int i = 0; i < ids.length; i++) {
            defs[i] = registry.get(ids[i]);
        }
    }

    public TypeRegistry registry() {
        return registry;
    }

    public Subtyping subtyping() {
        return subtyping;
    }

    /** The number of types the module defines. */
    public int typeCount() {
        return ids.length;
    }

    /** The global id of type index {@code typeIndex}. */
    public int id(int typeIndex) {
        return ids[typeIndex];
    }

    /** The canonical type of type index {@code typeIndex}. */
    public DefType type(int typeIndex) {
        return defs[typeIndex];
    }

    /** The function type at {@code typeIndex}, in closed form; fails if it is not a function type. */
    public FuncType funcType(int typeIndex) {
        return defs[typeIndex].funcType();
    }

    /** Value type {@code valType} of the module (type indices valid) in closed form. */
    public int toGlobal(int valType) {
        if (ValType.isRef(valType) && HeapType.isConcrete(ValType.heapType(valType))) {
            return (valType & ~HeapType.INDEX_MASK) | ids[valType & HeapType.INDEX_MASK];
        }
        return valType;
    }

    /** Heap type {@code heapType} of the module (type index valid) in closed form. */
    public int toGlobalHeap(int heapType) {
        if (HeapType.isConcrete(heapType)) {
            return (heapType & ~HeapType.INDEX_MASK) | ids[heapType & HeapType.INDEX_MASK];
        }
        return heapType;
    }

    /** The module's first type index for global id {@code id}, or -1 if the module has none. */
    public int typeIndexOf(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    /** The text form of closed-form value type {@code t}, naming type indices of this module. */
    public String name(int t) {
        if (t == Subtyping.BOTTOM) {
            return "(unknown)";
        }
        if (!ValType.isRef(t)) {
            return ValType.name(t);
        }
        int heap = ValType.heapType(t);
        if (heap == Subtyping.BOTTOM_HEAP) {
            return ValType.isNullable(t) ? "(ref null bot)" : "(ref bot)";
        }
        if (HeapType.isAbstract(heap)) {
            return ValType.name(t);
        }
        int index = typeIndexOf(HeapType.typeIndex(heap));
        String h = index < 0 ? "$" + HeapType.typeIndex(heap) : Integer.toString(index);
        if (HeapType.isExact(heap)) {
            h = "(exact " + h + ")";
        }
        return "(ref " + (ValType.isNullable(t) ? "null " : "") + h + ")";
    }

    /** The text form of a list of closed-form value types, e.g. {@code [i32 i64]}. */
    public String names(int[] ts, int from, int to) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = from; i < to; i++) {
            if (i > from) sb.append(' ');
            sb.append(name(ts[i]));
        }
        return sb.append(']').toString();
    }
}
