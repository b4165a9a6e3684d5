package dev.wasmj.format.validate;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.CompositeType;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.StructType;
import dev.wasmj.format.ValType;

/**
 * A canonical defined type: one type of a canonical recursion group in a {@link TypeRegistry}.
 *
 * <p>Two type indices of any modules validated against the same registry denote equivalent types
 * (iso-recursive equivalence) exactly when they map to the same {@code DefType}, i.e. the same
 * {@link #id()}.
 *
 * <p>The {@link #composite()} is in <em>closed form</em>: every concrete heap type in it is the
 * {@link #id() global id} of a {@code DefType} of the same registry instead of a module's type
 * index (the {@link dev.wasmj.format.HeapType#EXACT} bit is kept). Value types in closed form are
 * compared with {@link Subtyping}.
 */
public final class DefType {
    private final int id;
    private final int groupFirst;
    private final int groupSize;
    private final boolean isFinal;
    private final int supertype;
    private final int depth;
    private final CompositeType composite;
    private final int describes;
    private final int descriptor;
    private final int[] fieldTypes;

    DefType(int id, int groupFirst, int groupSize, boolean isFinal, int supertype, int depth,
            CompositeType composite, int describes, int descriptor) {
        this.id = id;
        this.groupFirst = groupFirst;
        this.groupSize = groupSize;
        this.isFinal = isFinal;
        this.supertype = supertype;
        this.depth = depth;
        this.composite = composite;
        this.describes = describes;
        this.descriptor = descriptor;
        this.fieldTypes = composite instanceof StructType s ? unpacked(s) : null;
    }

    private static int[] unpacked(StructType s) {
        int[] ts = new int[s.fields().size()];
        for (int i = 0; i < ts.length; i++) {
            ts[i] = ValType.unpacked(s.fields().get(i).storageType());
        }
        return ts;
    }

    /** The global id of this type in its registry; equal ids mean equivalent types. */
    public int id() {
        return id;
    }

    /** The id of the first type of this type's recursion group. */
    public int groupFirst() {
        return groupFirst;
    }

    /** The number of types in this type's recursion group. */
    public int groupSize() {
        return groupSize;
    }

    /** Whether the type may have no subtypes. */
    public boolean isFinal() {
        return isFinal;
    }

    /** The id of the declared supertype, or -1. */
    public int supertype() {
        return supertype;
    }

    /** The length of the chain of declared supertypes above this type. */
    public int depth() {
        return depth;
    }

    /** The structure, in closed form (concrete heap types are global ids). */
    public CompositeType composite() {
        return composite;
    }

    /** Custom descriptors: the id of the type this type describes, or -1. */
    public int describes() {
        return describes;
    }

    /** Custom descriptors: the id of this type's descriptor type, or -1. */
    public int descriptor() {
        return descriptor;
    }

    public boolean isFunc() {
        return composite instanceof FuncType;
    }

    public boolean isStruct() {
        return composite instanceof StructType;
    }

    public boolean isArray() {
        return composite instanceof ArrayType;
    }

    /** The function type; fails if this is not a function type. */
    public FuncType funcType() {
        return (FuncType) composite;
    }

    /** The struct type; fails if this is not a struct type. */
    public StructType structType() {
        return (StructType) composite;
    }

    /** The array type; fails if this is not an array type. */
    public ArrayType arrayType() {
        return (ArrayType) composite;
    }

    /** For a struct type, its fields' value types (packed types unpacked to i32); shared, do not modify. */
    int[] fieldTypes() {
        return fieldTypes;
    }

    @Override
    public String toString() {
        return "DefType#" + id + (isFinal ? "" : " (sub)") + (supertype >= 0 ? " <: #" + supertype : "") + " "
                + composite;
    }
}
