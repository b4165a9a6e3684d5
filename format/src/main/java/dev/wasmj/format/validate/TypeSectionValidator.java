package dev.wasmj.format.validate;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.CompositeType;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.RecGroup;
import dev.wasmj.format.StructType;
import dev.wasmj.format.SubType;
import dev.wasmj.format.ValType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Validates the type section one recursion group at a time and canonicalizes each group in a
 * {@link TypeRegistry}: references inside the group must name known types, custom descriptor
 * clauses must pair up inside the group, and each declared supertype must be earlier, not final,
 * and matched by its subtype.
 */
final class TypeSectionValidator {
    /** Marks a reference to a type of the group being keyed (bit 28 is free in value types). */
    private static final int IN_GROUP = 1 << 28;

    /**
     * Implementation limits, those of the JS API and other validators: checking a branch costs
     * time in the label's arity and checking a subtype in the depth of its hierarchy, so without
     * them a module of a few hundred kilobytes takes minutes to validate.
     */
    static final int MAX_PARAMS = 1000, MAX_RESULTS = 1000, MAX_SUBTYPING_DEPTH = 63;

    private final TypeRegistry registry;
    private final Subtyping subtyping;
    private final int[] ids;

    private TypeSectionValidator(TypeRegistry registry, int typeCount) {
        this.registry = registry;
        this.subtyping = new Subtyping(registry);
        this.ids = new int[typeCount];
    }

    /** Validates {@code groups} and returns the module's canonical types. */
    static TypeContext validate(List<RecGroup> groups, TypeRegistry registry) {
        int total = 0;
        for (RecGroup g : groups) {
            total += g.types().size();
        }
        TypeSectionValidator v = new TypeSectionValidator(registry, total);
        int start = 0;
        for (RecGroup g : groups) {
            v.validateGroup(g.types(), start);
            start += g.types().size();
        }
        return new TypeContext(registry, v.ids);
    }

    private void validateGroup(List<SubType> types, int start) {
        int n = types.size();
        int end = start + n;
        checkDescriptorClauses(types, start, end);
        for (SubType t : types) {
            checkReferences(t, end);
        }
        for (int i = 0; i < n; i++) {
            int[] supers = types.get(i).supertypes();
            if (supers.length > 1) {
                throw invalid("multiple supertypes");
            }
            if (supers.length == 1 && supers[0] >= start + i) {
                throw invalid("forward use of type " + supers[0] + " in sub type definition");
            }
        }
        TypeRegistry.Group group = registry.intern(key(types, start), n, first -> make(types, start, first));
        for (int i = 0; i < n; i++) {
            ids[start + i] = group.first + i;
            if (registry.get(group.first + i).depth() > MAX_SUBTYPING_DEPTH) {
                throw invalid("sub type hierarchy too deep");
            }
        }
        if (!group.valid) {
            for (int i = 0; i < n; i++) {
                checkSupertype(types.get(i), start + i);
            }
            group.valid = true;
        }
    }

    /** The custom-descriptors rules on {@code describes} and {@code descriptor} clauses. */
    private static void checkDescriptorClauses(List<SubType> types, int start, int end) {
        for (int i = 0; i < types.size(); i++) {
            int x = start + i;
            SubType t = types.get(i);
            int described = t.describes();
            if (described >= 0) {
                if (described < start || described >= end) {
                    throw invalid("described type is outside rec group");
                }
                if (types.get(described - start).descriptor() != x) {
                    throw invalid("described type is not described by descriptor");
                }
                if (described >= x) {
                    throw invalid("forward use of described type");
                }
            }
            int descriptor = t.descriptor();
            if (descriptor >= 0) {
                if (descriptor < start || descriptor >= end) {
                    throw invalid("descriptor type is outside rec group");
                }
                if (types.get(descriptor - start).describes() != x) {
                    throw invalid("type is not described by its descriptor");
                }
            }
        }
    }

    /** Every type index used by {@code t} must be below {@code end}; descriptor clauses need structs. */
    private static void checkReferences(SubType t, int end) {
        for (int s : t.supertypes()) {
            checkIndex(s, end);
        }
        if ((t.describes() >= 0 || t.descriptor() >= 0) && !(t.composite() instanceof StructType)) {
            throw invalid(t.descriptor() >= 0 ? "descriptor type must be a struct" : "described type must be a struct");
        }
        switch (t.composite()) {
            case FuncType f -> {
                if (f.params().length > MAX_PARAMS || f.results().length > MAX_RESULTS) {
                    throw invalid(f.params().length > MAX_PARAMS ? "too many parameters" : "too many results");
                }
                for (int p : f.params()) checkValType(p, end);
                for (int r : f.results()) checkValType(r, end);
            }
            case StructType s -> {
                for (FieldType f : s.fields()) checkValType(f.storageType(), end);
            }
            case ArrayType a -> checkValType(a.element().storageType(), end);
        }
    }

    private static void checkValType(int t, int end) {
        if (ValType.isRef(t) && HeapType.isConcrete(ValType.heapType(t))) {
            checkIndex(HeapType.typeIndex(ValType.heapType(t)), end);
        }
    }

    private static void checkIndex(int index, int end) {
        if (index < 0 || index >= end) {
            throw invalid("unknown type " + Integer.toUnsignedString(index));
        }
    }

    /** Declared supertype rules: not final, matching descriptor clauses, matching structure. */
    private void checkSupertype(SubType t, int x) {
        if (t.supertypes().length == 0) {
            return;
        }
        int xi = t.supertypes()[0];
        DefType sub = registry.get(ids[x]);
        DefType sup = registry.get(ids[xi]);
        if (sup.isFinal()) {
            throw invalid("sub type " + x + " has final super type " + xi);
        }
        if ((sub.describes() >= 0) != (sup.describes() >= 0)) {
            throw mismatch(x, xi);
        }
        if (sub.describes() >= 0 && !subtyping.isDefSubtype(sub.describes(), sup.describes())) {
            throw invalid("described type " + t.describes() + " does not match " + indexOf(sup.describes()));
        }
        if (sub.descriptor() < 0 && sup.descriptor() >= 0) {
            throw mismatch(x, xi);
        }
        if (sub.descriptor() >= 0 && sup.descriptor() >= 0
                && !subtyping.isDefSubtype(sub.descriptor(), sup.descriptor())) {
            throw invalid("descriptor type " + t.descriptor() + " does not match " + indexOf(sup.descriptor()));
        }
        if (!subtyping.isCompositeSubtype(sub.composite(), sup.composite())) {
            throw mismatch(x, xi);
        }
    }

    /** The first type index of this module (so far) with global id {@code id}. */
    private int indexOf(int id) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == id) return i;
        }
        return -1;
    }

    private static InvalidException mismatch(int x, int xi) {
        return invalid("sub type " + x + " does not match super type " + xi);
    }

    private static InvalidException invalid(String reason) {
        return new InvalidException(reason, -1);
    }

    // ---- canonicalization ----

    /** The structural key of the group starting at type index {@code start}. */
    private int[] key(List<SubType> types, int start) {
        int end = start + types.size();
        IntList k = new IntList(16 * types.size() + 1);
        k.add(types.size());
        for (SubType t : types) {
            CompositeType c = t.composite();
            int kind = c instanceof FuncType ? 0 : c instanceof StructType ? 1 : 2;
            k.add((t.isFinal() ? 1 : 0) | kind << 1);
            k.add(t.supertypes().length);
            for (int s : t.supertypes()) k.add(keyRef(s, start, end));
            k.add(t.describes() < 0 ? -1 : keyRef(t.describes(), start, end));
            k.add(t.descriptor() < 0 ? -1 : keyRef(t.descriptor(), start, end));
            switch (c) {
                case FuncType f -> {
                    k.add(f.params().length);
                    for (int p : f.params()) k.add(keyValType(p, start, end));
                    k.add(f.results().length);
                    for (int r : f.results()) k.add(keyValType(r, start, end));
                }
                case StructType s -> {
                    k.add(s.fields().size());
                    for (FieldType f : s.fields()) {
                        k.add(keyValType(f.storageType(), start, end));
                        k.add(f.mutable() ? 1 : 0);
                    }
                }
                case ArrayType a -> {
                    k.add(keyValType(a.element().storageType(), start, end));
                    k.add(a.element().mutable() ? 1 : 0);
                }
            }
        }
        return k.toArray();
    }

    private int keyRef(int index, int start, int end) {
        return index >= start && index < end ? IN_GROUP | (index - start) : ids[index];
    }

    private int keyValType(int t, int start, int end) {
        if (ValType.isRef(t) && HeapType.isConcrete(ValType.heapType(t))) {
            return (t & ~HeapType.INDEX_MASK) | keyRef(t & HeapType.INDEX_MASK, start, end);
        }
        return t;
    }

    /** The canonical types of a new group whose first global id is {@code first}. */
    private DefType[] make(List<SubType> types, int start, int first) {
        int n = types.size();
        DefType[] made = new DefType[n];
        for (int i = 0; i < n; i++) {
            SubType t = types.get(i);
            int sup = t.supertypes().length == 0 ? -1 : closedRef(t.supertypes()[0], start, first);
            int depth = sup < 0 ? 0 : registry.depthOf(sup, first, made) + 1;
            made[i] = new DefType(first + i, first, n, t.isFinal(), sup, depth, closed(t.composite(), start, first),
                    t.describes() < 0 ? -1 : closedRef(t.describes(), start, first),
                    t.descriptor() < 0 ? -1 : closedRef(t.descriptor(), start, first));
        }
        return made;
    }

    private int closedRef(int index, int start, int first) {
        return index >= start ? first + index - start : ids[index];
    }

    private int closedValType(int t, int start, int first) {
        if (ValType.isRef(t) && HeapType.isConcrete(ValType.heapType(t))) {
            return (t & ~HeapType.INDEX_MASK) | closedRef(t & HeapType.INDEX_MASK, start, first);
        }
        return t;
    }

    private CompositeType closed(CompositeType c, int start, int first) {
        return switch (c) {
            case FuncType f -> new FuncType(closed(f.params(), start, first), closed(f.results(), start, first));
            case StructType s -> {
                List<FieldType> fields = new ArrayList<>(s.fields().size());
                for (FieldType f : s.fields()) fields.add(closed(f, start, first));
                yield new StructType(fields);
            }
            case ArrayType a -> new ArrayType(closed(a.element(), start, first));
        };
    }

    private FieldType closed(FieldType f, int start, int first) {
        return new FieldType(closedValType(f.storageType(), start, first), f.mutable());
    }

    private int[] closed(int[] ts, int start, int first) {
        int[] r = new int[ts.length];
        for (int i = 0; i < ts.length; i++) r[i] = closedValType(ts[i], start, first);
        return r;
    }

    /** A growable list of ints. */
    private static final class IntList {
        private int[] a;
        private int n;

        IntList(int capacity) {
            a = new int[Math.max(capacity, 4)];
        }

        void add(int v) {
            if (n == a.length) a = Arrays.copyOf(a, n * 2);
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
