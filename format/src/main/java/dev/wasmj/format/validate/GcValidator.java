package dev.wasmj.format.validate;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.Feature;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.binary.CodeReader;

import java.util.List;

/**
 * Typing of the GC proposal's instructions (structs, arrays, i31, casts, extern conversion) and
 * of the custom-descriptors proposal's, for a {@link FunctionValidator}.
 */
final class GcValidator {
    private final FunctionValidator v;
    private final TypeStack s;
    private final TypeContext types;
    private final Subtyping sub;
    /** With custom descriptors, br_on_cast only needs the two types in one hierarchy. */
    private final boolean relaxedCasts;

    GcValidator(FunctionValidator v) {
        this.v = v;
        this.s = v.s;
        this.types = v.types;
        this.sub = v.sub;
        this.relaxedCasts = v.m.features.has(Feature.CUSTOM_DESCRIPTORS);
    }

    void instruction(Opcode op) {
        CodeReader r = v.r;
        switch (op) {
            case STRUCT_NEW, STRUCT_NEW_DEFAULT, STRUCT_NEW_DESC, STRUCT_NEW_DEFAULT_DESC -> structNew(op, r.a);
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> {
                FieldType f = field(r.a, r.b);
                boolean packed = ValType.isPacked(f.storageType());
                if (packed != (op != Opcode.STRUCT_GET)) {
                    throw s.invalid(packed ? "field is packed" : "field is unpacked");
                }
                s.pop(ValType.ref(true, types.id(r.a)));
                s.push(ValType.unpacked(f.storageType()));
            }
            case STRUCT_SET -> {
                FieldType f = field(r.a, r.b);
                if (!f.mutable()) {
                    throw s.invalid("immutable field");
                }
                s.pop(ValType.unpacked(f.storageType()));
                s.pop(ValType.ref(true, types.id(r.a)));
            }
            case ARRAY_NEW, ARRAY_NEW_DEFAULT -> {
                FieldType f = array(r.a);
                int t = ValType.unpacked(f.storageType());
                s.pop(ValType.I32);
                if (op == Opcode.ARRAY_NEW) {
                    s.pop(t);
                } else if (!ValType.isDefaultable(t)) {
                    throw s.invalid("array type is not defaultable");
                }
                s.push(exactRef(r.a));
            }
            case ARRAY_NEW_FIXED -> {
                FieldType f = array(r.a);
                s.popRepeated(ValType.unpacked(f.storageType()), Integer.toUnsignedLong(r.b));
                s.push(exactRef(r.a));
            }
            case ARRAY_NEW_DATA -> {
                FieldType f = array(r.a);
                data(r.b);
                requireNumeric(f);
                s.pop(ValType.I32);
                s.pop(ValType.I32);
                s.push(exactRef(r.a));
            }
            case ARRAY_NEW_ELEM -> {
                FieldType f = array(r.a);
                checkElem(r.b, f);
                s.pop(ValType.I32);
                s.pop(ValType.I32);
                s.push(exactRef(r.a));
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> {
                FieldType f = array(r.a);
                boolean packed = ValType.isPacked(f.storageType());
                if (packed != (op != Opcode.ARRAY_GET)) {
                    throw s.invalid(packed ? "array is packed" : "array is unpacked");
                }
                s.pop(ValType.I32);
                s.pop(ValType.ref(true, types.id(r.a)));
                s.push(ValType.unpacked(f.storageType()));
            }
            case ARRAY_SET -> {
                FieldType f = mutableArray(r.a);
                s.pop(ValType.unpacked(f.storageType()));
                s.pop(ValType.I32);
                s.pop(ValType.ref(true, types.id(r.a)));
            }
            case ARRAY_LEN -> {
                s.pop(ValType.ARRAYREF);
                s.push(ValType.I32);
            }
            case ARRAY_FILL -> {
                FieldType f = mutableArray(r.a);
                s.pop(ValType.I32);
                s.pop(ValType.unpacked(f.storageType()));
                s.pop(ValType.I32);
                s.pop(ValType.ref(true, types.id(r.a)));
            }
            case ARRAY_COPY -> {
                FieldType dst = mutableArray(r.a);
                FieldType src = array(r.b);
                if (!sub.isStorageSubtype(src.storageType(), dst.storageType())) {
                    throw s.invalid("array types do not match");
                }
                s.pop(ValType.I32);
                s.pop(ValType.I32);
                s.pop(ValType.ref(true, types.id(r.b)));
                s.pop(ValType.I32);
                s.pop(ValType.ref(true, types.id(r.a)));
            }
            case ARRAY_INIT_DATA, ARRAY_INIT_ELEM -> {
                FieldType f = mutableArray(r.a);
                if (op == Opcode.ARRAY_INIT_DATA) {
                    data(r.b);
                    requireNumeric(f);
                } else {
                    checkElem(r.b, f);
                }
                s.pop(ValType.I32);
                s.pop(ValType.I32);
                s.pop(ValType.I32);
                s.pop(ValType.ref(true, types.id(r.a)));
            }
            case REF_TEST, REF_TEST_NULL, REF_CAST, REF_CAST_NULL -> {
                v.checkHeapType(r.a);
                int h = types.toGlobalHeap(r.a);
                s.pop(ValType.ref(true, sub.top(h)));
                boolean nullable = op == Opcode.REF_TEST_NULL || op == Opcode.REF_CAST_NULL;
                s.push(op == Opcode.REF_TEST || op == Opcode.REF_TEST_NULL ? ValType.I32 : ValType.ref(nullable, h));
            }
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> {
                v.checkHeapType(r.a);
                int h = types.toGlobalHeap(r.a);
                int descriptor = descriptorOperand(r.a, h);
                s.pop(descriptor);
                s.pop(ValType.ref(true, sub.top(h)));
                s.push(ValType.ref(op == Opcode.REF_CAST_DESC_EQ_NULL, h));
            }
            case BR_ON_CAST, BR_ON_CAST_FAIL, BR_ON_CAST_DESC_EQ, BR_ON_CAST_DESC_EQ_FAIL -> brOnCast(op);
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> {
                boolean internalize = op == Opcode.ANY_CONVERT_EXTERN;
                int t = s.popRef();
                boolean nullable = ValType.isNullable(t);
                int from = ValType.ref(nullable, internalize ? HeapType.EXTERN : HeapType.ANY);
                if (!sub.isSubtype(t, from)) {
                    throw s.invalid("type mismatch: instruction requires [" + types.name(from) + "] but stack has ["
                            + types.name(t) + "]");
                }
                s.push(ValType.ref(nullable, internalize ? HeapType.ANY : HeapType.EXTERN));
            }
            case REF_I31 -> {
                s.pop(ValType.I32);
                s.push(ValType.ref(false, HeapType.I31));
            }
            case I31_GET_S, I31_GET_U -> {
                s.pop(ValType.I31REF);
                s.push(ValType.I32);
            }
            case REF_GET_DESC -> {
                DefType d = v.type(r.a);
                if (d.descriptor() < 0) {
                    throw s.invalid("type without descriptor " + r.a);
                }
                int t = s.popRef();
                int exactSelf = HeapType.EXACT | d.id();
                boolean exact = sub.isHeapSubtype(ValType.heapType(t), exactSelf);
                if (!sub.isSubtype(t, ValType.ref(true, exact ? exactSelf : d.id()))) {
                    throw s.invalid("type mismatch: instruction requires [" + types.name(ValType.ref(true, d.id()))
                            + "] but stack has [" + types.name(t) + "]");
                }
                s.push(ValType.ref(false, exact ? HeapType.EXACT | d.descriptor() : d.descriptor()));
            }
            default -> throw new IllegalStateException("no validation rule for " + op);
        }
    }

    private void structNew(Opcode op, int x) {
        DefType d = v.type(x);
        if (!d.isStruct()) {
            throw s.invalid("non-structure type " + x);
        }
        boolean withDescriptor = op == Opcode.STRUCT_NEW_DESC || op == Opcode.STRUCT_NEW_DEFAULT_DESC;
        if (withDescriptor && d.descriptor() < 0) {
            throw s.invalid("type without descriptor requires non-descriptor allocation");
        }
        if (!withDescriptor && d.descriptor() >= 0) {
            throw s.invalid("type with descriptor requires descriptor allocation");
        }
        int[] fields = d.fieldTypes();
        boolean defaults = op == Opcode.STRUCT_NEW_DEFAULT || op == Opcode.STRUCT_NEW_DEFAULT_DESC;
        if (defaults) {
            for (int t : fields) {
                if (!ValType.isDefaultable(t)) {
                    throw s.invalid("field type is not defaultable");
                }
            }
        }
        if (withDescriptor) {
            s.pop(ValType.ref(true, HeapType.EXACT | d.descriptor()));
        }
        if (!defaults) {
            s.popAll(fields);
        }
        s.push(exactRef(x));
    }

    private void brOnCast(Opcode op) {
        CodeReader r = v.r;
        if ((r.c & ~3) != 0) {
            throw new MalformedException("malformed br_on_cast flags", s.at);
        }
        v.checkHeapType(r.ht1);
        v.checkHeapType(r.ht2);
        int h1 = types.toGlobalHeap(r.ht1);
        int h2 = types.toGlobalHeap(r.ht2);
        int rt1 = ValType.ref((r.c & 1) != 0, h1);
        int rt2 = ValType.ref((r.c & 2) != 0, h2);
        if (relaxedCasts) {
            if (sub.top(h1) != sub.top(h2)) {
                throw s.invalid("type mismatch on cast: type " + types.name(rt1) + " has a different top type than "
                        + types.name(rt2));
            }
        } else if (!sub.isSubtype(rt2, rt1)) {
            throw s.invalid("type mismatch on cast: type " + types.name(rt2) + " does not match " + types.name(rt1));
        }
        boolean fail = op == Opcode.BR_ON_CAST_FAIL || op == Opcode.BR_ON_CAST_DESC_EQ_FAIL;
        int diff = ValType.isNullable(rt2) ? ValType.ref(false, h1) : rt1;
        int branch = fail ? diff : rt2;
        int[] lt = s.labelTypes(s.label(r.a));
        int n = lt.length;
        if (n == 0 || !sub.isSubtype(branch, lt[n - 1])) {
            throw s.invalid("type mismatch: instruction requires type " + types.name(branch) + " but label has "
                    + types.names(lt, 0, n));
        }
        if (op == Opcode.BR_ON_CAST_DESC_EQ || op == Opcode.BR_ON_CAST_DESC_EQ_FAIL) {
            s.pop(descriptorOperand(r.ht2, h2));
        }
        s.pop(rt1);
        s.popAll(lt, 0, n - 1);
        s.pushAll(lt, 0, n - 1);
        s.push(fail ? rt2 : diff);
    }

    /** The type of the descriptor operand of a cast to heap type {@code h} (module form {@code moduleHeap}). */
    private int descriptorOperand(int moduleHeap, int h) {
        int descriptor = HeapType.isConcrete(h) ? types.registry().get(HeapType.typeIndex(h)).descriptor() : -1;
        if (descriptor < 0) {
            throw s.invalid("type " + HeapType.name(moduleHeap) + " does not have a descriptor");
        }
        return ValType.ref(true, (h & HeapType.EXACT) | descriptor);
    }

    private int exactRef(int x) {
        return ValType.ref(false, v.m.exact | types.id(x));
    }

    private FieldType field(int x, int i) {
        DefType d = v.type(x);
        if (!d.isStruct()) {
            throw s.invalid("non-structure type " + x);
        }
        List<FieldType> fields = d.structType().fields();
        if (i < 0 || i >= fields.size()) {
            throw s.invalid("unknown field " + Integer.toUnsignedString(i));
        }
        return fields.get(i);
    }

    private FieldType array(int x) {
        DefType d = v.type(x);
        if (!(d.composite() instanceof ArrayType a)) {
            throw s.invalid("non-array type " + x);
        }
        return a.element();
    }

    private FieldType mutableArray(int x) {
        FieldType f = array(x);
        if (!f.mutable()) {
            throw s.invalid("immutable array");
        }
        return f;
    }

    private void data(int x) {
        if (v.m.module.dataCount() < 0) {
            throw new MalformedException("data count section required", s.at);
        }
        v.data(x);
    }

    private void requireNumeric(FieldType f) {
        int t = ValType.unpacked(f.storageType());
        if (!ValType.isNumber(t) && t != ValType.V128) {
            throw s.invalid("array type is not numeric or vector");
        }
    }

    private void checkElem(int e, FieldType f) {
        int et = v.m.elemType[v.elem(e)];
        if (!sub.isSubtype(et, ValType.unpacked(f.storageType()))) {
            throw s.invalid("type mismatch: element segment's type " + types.name(et)
                    + " does not match array's field type " + types.name(f.storageType()));
        }
    }
}
