package dev.wasmj.internal.compiler;

import dev.wasmj.format.FieldType;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.format.validate.DefType;
import dev.wasmj.internal.runtime.StructLayout;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.List;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_boolean;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_long;
import static java.lang.constant.ConstantDescs.CD_void;

/**
 * GC and custom-descriptor instructions for {@link FunctionCompiler}: structs, arrays, i31, reference
 * tests and casts, br_on_cast* (a test and a br_if of {@link ControlCompiler}), descriptors. Objects
 * are the interpreter's ({@code WasmStruct}, {@code WasmArray}, {@code I31Ref}): struct fields are read
 * and written directly in their {@code nums}/{@code refs} arrays after a null check, everything else
 * calls {@link GcSupport}, which has the interpreter's semantics and traps. Canonical types are dynamic
 * constants ({@link GcSupport#type}). Values of the Wasm stack are typed {@code Object} in the JVM
 * code, so that the stack maps never need the class hierarchy of the runtime's classes. A v128 field
 * or element takes two consecutive entries of {@code nums} (low half, then high half), as in the
 * interpreter; on the JVM stack it is two {@code long}s (kind {@code 'V'}).
 */
final class GcCompiler {
    private static final ClassDesc GC = ClassDesc.of(GcSupport.class.getName());
    private static final ClassDesc DEF_TYPE = ClassDesc.of(DefType.class.getName());
    private static final ClassDesc STRUCT = ClassDesc.of("dev.wasmj.internal.runtime.WasmStruct");
    private static final DirectMethodHandleDesc TYPE_BOOTSTRAP = ConstantDescs.ofConstantBootstrap(GC, "type",
            DEF_TYPE, CD_int);

    private final FunctionCompiler fc;
    private final ControlCompiler control;
    private final CodeBuilder cb;

    GcCompiler(FunctionCompiler fc, ControlCompiler control) {
        this.fc = fc;
        this.control = control;
        this.cb = fc.cb;
    }

    /** Emits GC or custom-descriptor instruction {@code op} (immediates in {@code r}). */
    void emit(Opcode op, CodeReader r) {
        switch (op) {
            case STRUCT_NEW -> structNew(r.a, false, false);
            case STRUCT_NEW_DEFAULT -> structNew(r.a, true, false);
            case STRUCT_NEW_DESC -> structNew(r.a, false, true);
            case STRUCT_NEW_DEFAULT_DESC -> structNew(r.a, true, true);
            case STRUCT_GET, STRUCT_GET_S, STRUCT_GET_U -> structGet(op, r.a, r.b);
            case STRUCT_SET -> structSet(r.a, r.b);
            case ARRAY_NEW -> arrayNew(r.a);
            case ARRAY_NEW_DEFAULT -> {
                type(r.a);
                call("newDefault", CD_Object, CD_int, DEF_TYPE);
                fc.pop();
                fc.push('A');
            }
            case ARRAY_NEW_FIXED -> arrayNewFixed(r.a, r.b);
            case ARRAY_NEW_DATA, ARRAY_NEW_ELEM -> {
                fc.instanceRef();
                type(r.a);
                cb.loadConstant(r.b);
                call(op == Opcode.ARRAY_NEW_DATA ? "newData" : "newElem", CD_Object, CD_int, CD_int,
                        Descs.MODULE_INSTANCE, DEF_TYPE, CD_int);
                fc.pop();
                fc.pop();
                fc.push('A');
            }
            case ARRAY_GET, ARRAY_GET_S, ARRAY_GET_U -> arrayGet(op, r.a);
            case ARRAY_SET -> arraySet(r.a);
            case ARRAY_LEN -> {
                call("length", CD_int, CD_Object);
                fc.pop();
                fc.push('I');
            }
            case ARRAY_FILL -> arrayFill(r.a);
            case ARRAY_COPY -> {
                cb.loadConstant(elementType(r.a));
                call("copy", CD_void, CD_Object, CD_int, CD_Object, CD_int, CD_int, CD_int);
                pop(5);
            }
            case ARRAY_INIT_DATA -> {
                fc.instanceRef();
                type(r.a);
                cb.loadConstant(r.b);
                call("initData", CD_void, CD_Object, CD_int, CD_int, CD_int, Descs.MODULE_INSTANCE, DEF_TYPE, CD_int);
                pop(4);
            }
            case ARRAY_INIT_ELEM -> {
                fc.instanceRef();
                cb.loadConstant(r.b);
                call("initElem", CD_void, CD_Object, CD_int, CD_int, CD_int, Descs.MODULE_INSTANCE, CD_int);
                pop(4);
            }
            case REF_I31 -> {
                call("i31", CD_Object, CD_int);
                fc.pop();
                fc.push('A');
            }
            case I31_GET_S, I31_GET_U -> {
                call(op == Opcode.I31_GET_S ? "i31GetS" : "i31GetU", CD_int, CD_Object);
                fc.pop();
                fc.push('I');
            }
            case REF_TEST, REF_TEST_NULL -> test(r.a, op == Opcode.REF_TEST_NULL);
            case REF_CAST, REF_CAST_NULL -> {
                fc.instanceRef();
                cb.loadConstant(fc.types.toGlobalHeap(r.a));
                cb.loadConstant(op == Opcode.REF_CAST_NULL ? 1 : 0);
                call("cast", CD_Object, CD_Object, Descs.MODULE_INSTANCE, CD_int, CD_boolean);
            }
            case BR_ON_CAST, BR_ON_CAST_FAIL -> {
                cb.dup();
                fc.push('A');
                test(r.ht2, (r.c & 2) != 0);
                brIf(r.a, op == Opcode.BR_ON_CAST);
            }
            case ANY_CONVERT_EXTERN, EXTERN_CONVERT_ANY -> { } // one representation for both hierarchies
            case REF_GET_DESC -> call("getDesc", CD_Object, CD_Object);
            case REF_CAST_DESC_EQ, REF_CAST_DESC_EQ_NULL -> {
                cb.loadConstant(op == Opcode.REF_CAST_DESC_EQ_NULL ? 1 : 0);
                call("castDesc", CD_Object, CD_Object, CD_Object, CD_boolean);
                fc.pop();
            }
            case BR_ON_CAST_DESC_EQ, BR_ON_CAST_DESC_EQ_FAIL -> {
                int desc = fc.temps.next('A');
                cb.astore(desc);
                fc.pop();
                cb.dup();
                cb.aload(desc);
                cb.loadConstant((r.c & 2) != 0 ? 1 : 0);
                call("descEq", CD_int, CD_Object, CD_Object, CD_boolean);
                fc.push('I');
                brIf(r.a, op == Opcode.BR_ON_CAST_DESC_EQ);
            }
            default -> throw new Unsupported(op.text());
        }
    }

    // ---- structs

    private void structNew(int typeIndex, boolean isDefault, boolean withDesc) {
        DefType t = fc.types.type(typeIndex);
        StructLayout layout = StructLayout.of(t);
        int desc = -1;
        if (withDesc) {
            call("descriptor", CD_Object, CD_Object);
            desc = fc.temps.next('A');
            cb.astore(desc);
            fc.pop();
        }
        List<FieldType> fields = t.structType().fields();
        int[] saved = new int[fields.size()];
        if (!isDefault) {
            for (int i = fields.size() - 1; i >= 0; i--) {
                char k = kindOf(fields.get(i).storageType());
                saved[i] = fc.temps.next(k);
                fc.store(k, saved[i]);
                fc.pop();
            }
        }
        int nums = fc.temps.next('A');
        int refs = fc.temps.next('A');
        cb.loadConstant(layout.numCount());
        cb.newarray(TypeKind.LONG);
        cb.astore(nums);
        cb.loadConstant(layout.refCount());
        cb.anewarray(CD_Object);
        cb.astore(refs);
        if (!isDefault) {
            for (int i = 0; i < fields.size(); i++) {
                int st = fields.get(i).storageType();
                char k = kindOf(st);
                cb.aload(layout.isRef()[i] ? refs : nums);
                if (k == 'V') {
                    storeVector(layout.index()[i], -1, saved[i]);
                    continue;
                }
                cb.loadConstant(layout.index()[i]);
                fc.load(k, saved[i]);
                store(st, k);
            }
        }
        type(typeIndex);
        cb.aload(nums);
        cb.aload(refs);
        if (withDesc) {
            cb.aload(desc);
        } else {
            cb.aconst_null();
        }
        call("newStruct", CD_Object, DEF_TYPE, Descs.LONGS, Descs.OBJECTS, CD_Object);
        fc.push('A');
    }

    private void structGet(Opcode op, int typeIndex, int field) {
        DefType t = fc.types.type(typeIndex);
        int st = t.structType().fields().get(field).storageType();
        char k = kindOf(st);
        call("struct", STRUCT, CD_Object);
        fc.pop();
        structArray(k);
        if (k == 'V') {
            loadVector(StructLayout.of(t).index()[field], -1);
        } else {
            cb.loadConstant(StructLayout.of(t).index()[field]);
            load(st, k, op == Opcode.STRUCT_GET_S);
        }
        fc.push(k);
    }

    private void structSet(int typeIndex, int field) {
        DefType t = fc.types.type(typeIndex);
        int st = t.structType().fields().get(field).storageType();
        char k = kindOf(st);
        int value = fc.temps.next(k);
        fc.store(k, value);
        fc.pop();
        call("struct", STRUCT, CD_Object);
        fc.pop();
        structArray(k);
        if (k == 'V') {
            storeVector(StructLayout.of(t).index()[field], -1, value);
            return;
        }
        cb.loadConstant(StructLayout.of(t).index()[field]);
        fc.load(k, value);
        store(st, k);
    }

    /** With a WasmStruct on top, pushes its array for values of kind {@code k}. */
    private void structArray(char k) {
        if (k == 'A') {
            cb.getfield(STRUCT, "refs", Descs.OBJECTS);
        } else {
            cb.getfield(STRUCT, "nums", Descs.LONGS);
        }
    }

    // ---- arrays

    private void arrayNew(int typeIndex) {
        int st = elementType(typeIndex);
        char k = kindOf(st);
        fc.pop();
        fc.pop();
        if (k == 'A') {
            type(typeIndex);
            call("newArrayRef", CD_Object, CD_Object, CD_int, DEF_TYPE);
        } else if (k == 'V') {
            type(typeIndex);
            call("newVectors", CD_Object, CD_long, CD_long, CD_int, DEF_TYPE);
        } else {
            if (k == 'I') {
                int n = fc.temps.next('I');
                cb.istore(n);
                cb.i2l();
                cb.iload(n);
            }
            type(typeIndex);
            cb.loadConstant(st);
            call("newArray", CD_Object, CD_long, CD_int, DEF_TYPE, CD_int);
        }
        fc.push('A');
    }

    /** array.new_fixed: the elements move from the stack into a fresh storage array, last first. */
    private void arrayNewFixed(int typeIndex, int n) {
        int st = elementType(typeIndex);
        char k = kindOf(st);
        int storage = fc.temps.next('A');
        int vector = k == 'V' ? fc.temps.next('V') : -1;
        cb.loadConstant(k == 'V' ? 2 * n : n);
        if (k == 'A') {
            cb.anewarray(CD_Object);
        } else {
            cb.newarray(TypeKind.LONG);
        }
        cb.astore(storage);
        for (int i = n - 1; i >= 0; i--) {
            fc.pop();
            if (k == 'V') {
                fc.store('V', vector);
                cb.aload(storage);
                storeVector(2 * i, -1, vector);
                continue;
            }
            if (k == 'A') {
                cb.aload(storage); // value, array
                cb.swap();
                cb.loadConstant(i);
                cb.swap();
                cb.aastore();
                continue;
            }
            if (k == 'I') {
                wrap(st);
                cb.i2l();
            }
            cb.aload(storage); // value (2 slots), array
            cb.dup_x2();
            cb.pop();
            cb.loadConstant(i); // array, value, index
            cb.dup_x2();
            cb.pop();
            cb.lastore();
        }
        type(typeIndex);
        if (k == 'A') {
            cb.aconst_null();
            cb.aload(storage);
        } else {
            cb.aload(storage);
            cb.aconst_null();
        }
        cb.loadConstant(n);
        call("newFixed", CD_Object, DEF_TYPE, Descs.LONGS, Descs.OBJECTS, CD_int);
        fc.push('A');
    }

    private void arrayGet(Opcode op, int typeIndex) {
        int st = elementType(typeIndex);
        char k = kindOf(st);
        pop(2);
        if (k == 'A') {
            call("getRef", CD_Object, CD_Object, CD_int);
        } else if (k == 'V') {
            int i = fc.temps.next('I');
            cb.istore(i);
            cb.iload(i);
            call("vectors", Descs.LONGS, CD_Object, CD_int);
            loadVector(0, i);
        } else {
            call("get", CD_long, CD_Object, CD_int);
            convert(st, k, op == Opcode.ARRAY_GET_S);
        }
        fc.push(k);
    }

    private void arraySet(int typeIndex) {
        int st = elementType(typeIndex);
        char k = kindOf(st);
        pop(3);
        if (k == 'A') {
            call("setRef", CD_void, CD_Object, CD_int, CD_Object);
        } else if (k == 'V') {
            int value = fc.temps.next('V');
            fc.store('V', value);
            int i = fc.temps.next('I');
            cb.istore(i);
            cb.iload(i);
            call("vectors", Descs.LONGS, CD_Object, CD_int);
            storeVector(0, i, value);
        } else {
            if (k == 'I') {
                wrap(st);
                cb.i2l();
            }
            call("set", CD_void, CD_Object, CD_int, CD_long);
        }
    }

    private void arrayFill(int typeIndex) {
        int st = elementType(typeIndex);
        char k = kindOf(st);
        pop(4);
        if (k == 'V') {
            call("fillVector", CD_void, CD_Object, CD_int, CD_long, CD_long, CD_int);
            return;
        }
        if (k == 'I') {
            int n = fc.temps.next('I');
            cb.istore(n);
            cb.i2l();
            cb.iload(n);
        }
        cb.loadConstant(st);
        if (k == 'A') {
            call("fillRef", CD_void, CD_Object, CD_int, CD_Object, CD_int, CD_int);
        } else {
            call("fill", CD_void, CD_Object, CD_int, CD_long, CD_int, CD_int);
        }
    }

    // ---- tests

    /** Replaces the reference on top with 1 if it is of heap type {@code heapType} (module form), else 0. */
    private void test(int heapType, boolean nullable) {
        fc.instanceRef();
        cb.loadConstant(fc.types.toGlobalHeap(heapType));
        cb.loadConstant(nullable ? 1 : 0);
        call("test", CD_int, CD_Object, Descs.MODULE_INSTANCE, CD_int, CD_boolean);
        fc.pop();
        fc.push('I');
    }

    /** With an i32 condition on top: branches to {@code depth} if it is {@code onTrue} (non-zero), else goes on. */
    private void brIf(int depth, boolean onTrue) {
        if (!onTrue) {
            cb.iconst_1();
            cb.ixor();
        }
        control.brIf(depth);
    }

    // ---- values

    /** The JVM kind of a field or element of storage type {@code st} (packed ones are i32). */
    private static char kindOf(int st) {
        return FunctionCompiler.kind(ValType.unpacked(st));
    }

    private int elementType(int typeIndex) {
        return fc.types.type(typeIndex).arrayType().element().storageType();
    }

    /** With an array, an index and a value of kind {@code k} on top: stores the value (storage type {@code st}). */
    private void store(int st, char k) {
        switch (k) {
            case 'A' -> cb.aastore();
            case 'I' -> {
                wrap(st);
                cb.i2l();
                cb.lastore();
            }
            default -> cb.lastore();
        }
    }

    /** With a storage array and an index on top: loads the value of storage type {@code st}, kind {@code k}. */
    private void load(int st, char k, boolean signed) {
        if (k == 'A') {
            cb.aaload();
        } else {
            cb.laload();
            convert(st, k, signed);
        }
    }

    /**
     * With a {@code long[]} on top: stores the v128 of locals {@code value} ({@code 'V'}) at its
     * entries (see {@link #pushHalf}), and pops the array.
     */
    private void storeVector(int index, int element, int value) {
        cb.dup();
        pushHalf(index, element, 0);
        cb.lload(value);
        cb.lastore();
        pushHalf(index, element, 1);
        cb.lload(value + 2);
        cb.lastore();
    }

    /**
     * With a {@code long[]} on top: replaces it with the v128 at its entries (see {@link #pushHalf}),
     * the low half under the high half.
     */
    private void loadVector(int index, int element) {
        cb.dup();
        pushHalf(index, element, 0);
        cb.laload(); // array, low
        cb.dup2_x1();
        cb.pop2(); // low, array
        pushHalf(index, element, 1);
        cb.laload();
    }

    /**
     * Pushes the index in {@code nums} of half {@code half} (0 low, 1 high) of a v128: {@code index + half}
     * (a struct field) if {@code element} is -1, else {@code 2 * e + half} (an array element) with
     * {@code e} the i32 in local {@code element}.
     */
    private void pushHalf(int index, int element, int half) {
        if (element < 0) {
            cb.loadConstant(index + half);
            return;
        }
        cb.iload(element);
        cb.iconst_1();
        cb.ishl();
        if (half == 1) {
            cb.iconst_1();
            cb.ior();
        }
    }

    /** Converts a stored number (a long) to the value of storage type {@code st}, kind {@code k}. */
    private void convert(int st, char k, boolean signed) {
        if (k != 'I') {
            return;
        }
        cb.l2i();
        switch (st) {
            case ValType.I8 -> {
                if (signed) {
                    cb.i2b();
                } else {
                    cb.loadConstant(0xFF);
                    cb.iand();
                }
            }
            case ValType.I16 -> {
                if (signed) {
                    cb.i2s();
                } else {
                    cb.loadConstant(0xFFFF);
                    cb.iand();
                }
            }
            default -> { }
        }
    }

    /** Wraps the i32 on top to packed storage type {@code st} (i8, i16; others unchanged). */
    private void wrap(int st) {
        if (st == ValType.I8) {
            cb.loadConstant(0xFF);
            cb.iand();
        } else if (st == ValType.I16) {
            cb.loadConstant(0xFFFF);
            cb.iand();
        }
    }

    // ---- helpers

    /** Pushes the canonical type of type index {@code typeIndex} (a dynamic constant). */
    private void type(int typeIndex) {
        cb.loadConstant(DynamicConstantDesc.ofNamed(TYPE_BOOTSTRAP, "type", DEF_TYPE, typeIndex));
    }

    private void call(String name, ClassDesc result, ClassDesc... params) {
        cb.invokestatic(GC, name, MethodTypeDesc.of(result, params));
    }

    private void pop(int n) {
        for (int i = 0; i < n; i++) {
            fc.pop();
        }
    }
}
