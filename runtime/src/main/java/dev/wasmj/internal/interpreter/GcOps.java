package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.format.ArrayType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.StructType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.validate.DefType;
import dev.wasmj.format.validate.Subtyping;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.I31Ref;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.Packed;
import dev.wasmj.internal.runtime.StructLayout;
import dev.wasmj.internal.runtime.WasmArray;
import dev.wasmj.internal.runtime.WasmStruct;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * GC instructions: structs, arrays, i31, reference tests and casts. The compiler's generated code
 * shares the semantics through the public methods (traps as {@link Trap}s, which its callers turn
 * into signals).
 */
public final class GcOps {
    private GcOps() {}

    /** How a field or element is read or written. */
    static final int NUMBER = 0, V128 = 1, REFERENCE = 2, I8_S = 3, I8_U = 4, I16_S = 5, I16_U = 6;

    public static Trap nullStruct() {
        return new Trap(TrapCode.NULL_REFERENCE, "null structure reference");
    }

    public static Trap nullArray() {
        return new Trap(TrapCode.NULL_REFERENCE, "null array reference");
    }

    public static Trap arrayOutOfBounds() {
        return new Trap(TrapCode.ARRAY_OUT_OF_BOUNDS, "out of bounds array access");
    }

    public static Trap nullDescriptor() {
        return new Trap(TrapCode.NULL_REFERENCE, "null descriptor reference");
    }

    /**
     * Whether {@code o} passes a descriptor cast against descriptor {@code desc} (trapping if that is
     * null): null passes if {@code nullable}, else its descriptor must be {@code desc} itself.
     */
    public static boolean descEq(Object o, Object desc, boolean nullable) {
        if (desc == null) {
            throw nullDescriptor();
        }
        if (o == null) {
            return nullable;
        }
        return o instanceof WasmStruct st && st.descriptor == desc;
    }

    /** Whether reference {@code o} is of heap type {@code ht} (closed form), or null and {@code nullable}. */
    public static boolean test(Subtyping sub, Object o, int ht, boolean nullable) {
        if (o == null) {
            return nullable;
        }
        if (HeapType.isConcrete(ht)) {
            DefType t = o instanceof WasmStruct st ? st.type : o instanceof WasmArray a ? a.type
                    : o instanceof FunctionInstance f ? f.type() : null;
            if (t == null) {
                return false;
            }
            int target = HeapType.typeIndex(ht);
            return HeapType.isExact(ht) ? t.id() == target : sub.isDefSubtype(t.id(), target);
        }
        return switch (ht) {
            case HeapType.ANY, HeapType.FUNC, HeapType.EXTERN, HeapType.EXN -> true;
            case HeapType.EQ -> o instanceof WasmStruct || o instanceof WasmArray || o instanceof I31Ref;
            case HeapType.I31 -> o instanceof I31Ref;
            case HeapType.STRUCT -> o instanceof WasmStruct;
            case HeapType.ARRAY -> o instanceof WasmArray;
            default -> false;
        };
    }

    /** Runs GC instruction {@code op} with immediates at m.pc; updates m.pc and m.sp. */
    static void exec(Machine m, ModuleInstance inst, int op) {
        int[] code = m.code.code();
        int pc = m.pc;
        int sp = m.sp;
        long[] s = m.s;
        Object[] r = m.r;
        switch (op) {
            case Op.REF_TEST, Op.REF_TEST_NULL -> {
                s[sp - 1] = test(inst.store().subtyping(), r[sp - 1], code[pc++], op == Op.REF_TEST_NULL) ? 1 : 0;
            }
            case Op.REF_CAST, Op.REF_CAST_NULL -> {
                if (!test(inst.store().subtyping(), r[sp - 1], code[pc++], op == Op.REF_CAST_NULL)) {
                    throw new Trap(TrapCode.CAST_FAILURE, "cast failure");
                }
            }
            case Op.REF_I31 -> r[sp - 1] = I31Ref.of((int) s[sp - 1]);
            case Op.I31_GET_S, Op.I31_GET_U -> {
                Object o = r[sp - 1];
                if (o == null) {
                    throw new Trap(TrapCode.NULL_REFERENCE, "null i31 reference");
                }
                int v = ((I31Ref) o).value();
                s[sp - 1] = op == Op.I31_GET_S ? v : v & 0x7FFF_FFFF;
            }
            case Op.REF_GET_DESC -> {
                Object o = r[sp - 1];
                if (o == null) {
                    throw new Trap(TrapCode.NULL_REFERENCE, "null reference");
                }
                r[sp - 1] = ((WasmStruct) o).descriptor;
            }
            case Op.REF_CAST_DESC_EQ, Op.REF_CAST_DESC_EQ_NULL -> {
                sp--;
                if (!descEq(r[sp - 1], r[sp], op == Op.REF_CAST_DESC_EQ_NULL)) {
                    throw new Trap(TrapCode.CAST_FAILURE, "descriptor cast failure");
                }
            }
            case Op.STRUCT_NEW, Op.STRUCT_NEW_DEFAULT, Op.STRUCT_NEW_DESC, Op.STRUCT_NEW_DEFAULT_DESC -> {
                DefType t = inst.module().types().type(code[pc++]);
                Object desc = null;
                if (op == Op.STRUCT_NEW_DESC || op == Op.STRUCT_NEW_DEFAULT_DESC) {
                    desc = r[--sp];
                    if (desc == null) {
                        throw nullDescriptor();
                    }
                }
                StructLayout l = StructLayout.of(t);
                long[] nums = new long[l.numCount()];
                Object[] refs = new Object[l.refCount()];
                if (op == Op.STRUCT_NEW || op == Op.STRUCT_NEW_DESC) {
                    StructType st = t.structType();
                    int n = l.index().length;
                    int size = 0;
                    for (int i = 0; i < n; i++) {
                        size += st.fields().get(i).storageType() == ValType.V128 ? 2 : 1;
                    }
                    sp -= size;
                    int at = sp;
                    for (int i = 0; i < n; i++) {
                        int ft = st.fields().get(i).storageType();
                        int idx = l.index()[i];
                        if (l.isRef()[i]) {
                            refs[idx] = r[at++];
                        } else if (ft == ValType.V128) {
                            nums[idx] = s[at++];
                            nums[idx + 1] = s[at++];
                        } else {
                            nums[idx] = Packed.wrap(ft, s[at++]);
                        }
                    }
                }
                r[sp++] = new WasmStruct(t, nums, refs, desc);
            }
            case Op.STRUCT_GET -> {
                int idx = code[pc++];
                int kind = code[pc++];
                Object o = r[sp - 1];
                if (o == null) {
                    throw nullStruct();
                }
                WasmStruct st = (WasmStruct) o;
                switch (kind) {
                    case REFERENCE -> r[sp - 1] = st.refs[idx];
                    case V128 -> {
                        s[sp - 1] = st.nums[idx];
                        s[sp++] = st.nums[idx + 1];
                    }
                    default -> s[sp - 1] = read(kind, st.nums[idx]);
                }
            }
            case Op.STRUCT_SET -> {
                int idx = code[pc++];
                int kind = code[pc++];
                int size = kind == V128 ? 2 : 1;
                sp -= 1 + size;
                Object o = r[sp];
                if (o == null) {
                    throw nullStruct();
                }
                WasmStruct st = (WasmStruct) o;
                write(kind, st.nums, st.refs, idx, s, r, sp + 1);
            }
            case Op.ARRAY_NEW, Op.ARRAY_NEW_DEFAULT, Op.ARRAY_NEW_FIXED -> {
                DefType t = inst.module().types().type(code[pc++]);
                int st = ((ArrayType) t.composite()).element().storageType();
                int size = st == ValType.V128 ? 2 : 1;
                if (op == Op.ARRAY_NEW_FIXED) {
                    int n = code[pc++];
                    WasmArray a = Packed.newArray(t, n);
                    sp -= n * size;
                    int kind = kindOf(st);
                    for (int i = 0; i < n; i++) {
                        write(kind, a.nums, a.refs, a.refs != null ? i : i * size, s, r, sp + i * size);
                    }
                    r[sp++] = a;
                } else {
                    long n = s[--sp] & 0xFFFF_FFFFL;
                    WasmArray a = allocate(t, n);
                    if (op == Op.ARRAY_NEW) {
                        sp -= size;
                        Packed.fill(a, st, 0, (int) n, s[sp], size == 2 ? s[sp + 1] : 0, r[sp]);
                    }
                    r[sp++] = a;
                }
            }
            case Op.ARRAY_NEW_DATA, Op.ARRAY_NEW_ELEM -> {
                DefType t = inst.module().types().type(code[pc++]);
                int seg = code[pc++];
                sp--;
                long n = s[sp] & 0xFFFF_FFFFL;
                long from = s[sp - 1] & 0xFFFF_FFFFL;
                r[sp - 1] = op == Op.ARRAY_NEW_ELEM ? newElem(inst, t, seg, from, n) : newData(inst, t, seg, from, n);
            }
            case Op.ARRAY_GET -> {
                int kind = code[pc++];
                sp--;
                WasmArray a = array(r[sp - 1]);
                long i = s[sp] & 0xFFFF_FFFFL;
                if (i >= a.length) {
                    throw arrayOutOfBounds();
                }
                switch (kind) {
                    case REFERENCE -> r[sp - 1] = a.refs[(int) i];
                    case V128 -> {
                        s[sp - 1] = a.nums[2 * (int) i];
                        s[sp++] = a.nums[2 * (int) i + 1];
                    }
                    default -> s[sp - 1] = read(kind, a.nums[(int) i]);
                }
            }
            case Op.ARRAY_SET -> {
                int kind = code[pc++];
                int size = kind == V128 ? 2 : 1;
                sp -= 2 + size;
                WasmArray a = array(r[sp]);
                long i = s[sp + 1] & 0xFFFF_FFFFL;
                if (i >= a.length) {
                    throw arrayOutOfBounds();
                }
                write(kind, a.nums, a.refs, a.refs != null ? (int) i : (int) i * size, s, r, sp + 2);
            }
            case Op.ARRAY_LEN -> s[sp - 1] = array(r[sp - 1]).length;
            case Op.ARRAY_FILL -> {
                DefType t = inst.module().types().type(code[pc++]);
                int st = ((ArrayType) t.composite()).element().storageType();
                int size = st == ValType.V128 ? 2 : 1;
                sp -= 3 + size;
                fill(r[sp], st, s[sp + 1] & 0xFFFF_FFFFL, s[sp + 2 + size] & 0xFFFF_FFFFL, s[sp + 2],
                        size == 2 ? s[sp + 3] : 0, r[sp + 2]);
            }
            case Op.ARRAY_COPY -> {
                DefType t = inst.module().types().type(code[pc++]);
                pc++;
                int st = ((ArrayType) t.composite()).element().storageType();
                sp -= 5;
                copy(r[sp], s[sp + 1] & 0xFFFF_FFFFL, r[sp + 2], s[sp + 3] & 0xFFFF_FFFFL, s[sp + 4] & 0xFFFF_FFFFL, st);
            }
            case Op.ARRAY_INIT_DATA, Op.ARRAY_INIT_ELEM -> {
                DefType t = inst.module().types().type(code[pc++]);
                int seg = code[pc++];
                sp -= 4;
                long d = s[sp + 1] & 0xFFFF_FFFFL;
                long from = s[sp + 2] & 0xFFFF_FFFFL;
                long n = s[sp + 3] & 0xFFFF_FFFFL;
                if (op == Op.ARRAY_INIT_ELEM) {
                    initElem(inst, seg, r[sp], d, from, n);
                } else {
                    initData(inst, t, seg, r[sp], d, from, n);
                }
            }
            default -> throw new IllegalStateException("not a GC instruction: " + op);
        }
        m.pc = pc;
        m.sp = sp;
    }

    /** {@code o} as an array; traps if it is null. */
    public static WasmArray array(Object o) {
        if (o == null) {
            throw nullArray();
        }
        return (WasmArray) o;
    }

    /** array.new_elem: an array of type {@code t} with elements {@code from..from+n} of segment {@code seg}. */
    public static WasmArray newElem(ModuleInstance inst, DefType t, int seg, long from, long n) {
        Object[] elems = inst.elements[seg];
        if (from + n > elems.length) {
            throw MemoryOps.tableOutOfBounds();
        }
        WasmArray a = Packed.newArray(t, (int) n);
        System.arraycopy(elems, (int) from, a.refs, 0, (int) n);
        return a;
    }

    /** array.new_data: an array of type {@code t} with {@code n} elements from byte {@code from} of data segment {@code seg}. */
    public static WasmArray newData(ModuleInstance inst, DefType t, int seg, long from, long n) {
        byte[] data = inst.data[seg];
        int st = ((ArrayType) t.composite()).element().storageType();
        long bytes = n * byteSize(st);
        if (from + bytes > data.length) {
            throw MemoryOps.memoryOutOfBounds();
        }
        WasmArray a = Packed.newArray(t, (int) n);
        initFromData(a, st, 0, data, (int) from, (int) n);
        return a;
    }

    /** array.fill of array {@code o} (element storage type {@code st}): {@code n} elements from {@code d}. */
    public static void fill(Object o, int st, long d, long n, long lo, long hi, Object ref) {
        WasmArray a = array(o);
        if (d + n > a.length) {
            throw arrayOutOfBounds();
        }
        Packed.fill(a, st, (int) d, (int) n, lo, hi, ref);
    }

    /** array.copy of {@code n} elements (storage type {@code st}) from {@code src} at {@code from} to {@code dst} at {@code d}. */
    public static void copy(Object dstRef, long d, Object srcRef, long from, long n, int st) {
        WasmArray dst = array(dstRef);
        WasmArray src = array(srcRef);
        if (d + n > dst.length || from + n > src.length) {
            throw arrayOutOfBounds();
        }
        int size = st == ValType.V128 ? 2 : 1;
        if (dst.refs != null) {
            System.arraycopy(src.refs, (int) from, dst.refs, (int) d, (int) n);
        } else {
            System.arraycopy(src.nums, (int) from * size, dst.nums, (int) d * size, (int) n * size);
        }
    }

    /** array.init_elem: elements {@code from..from+n} of segment {@code seg} into array {@code o} at {@code d}. */
    public static void initElem(ModuleInstance inst, int seg, Object o, long d, long from, long n) {
        WasmArray a = array(o);
        if (d + n > a.length) {
            throw arrayOutOfBounds();
        }
        Object[] elems = inst.elements[seg];
        if (from + n > elems.length) {
            throw MemoryOps.tableOutOfBounds();
        }
        System.arraycopy(elems, (int) from, a.refs, (int) d, (int) n);
    }

    /** array.init_data: {@code n} elements of array {@code o} (type {@code t}) at {@code d} from byte {@code from} of data segment {@code seg}. */
    public static void initData(ModuleInstance inst, DefType t, int seg, Object o, long d, long from, long n) {
        WasmArray a = array(o);
        if (d + n > a.length) {
            throw arrayOutOfBounds();
        }
        byte[] data = inst.data[seg];
        int st = ((ArrayType) t.composite()).element().storageType();
        if (from + n * byteSize(st) > data.length) {
            throw MemoryOps.memoryOutOfBounds();
        }
        initFromData(a, st, (int) d, data, (int) from, (int) n);
    }

    /** The most elements an array may have here. */
    static final long MAX_ARRAY = 1L << 28;

    /** A new array of type {@code t} with {@code n} default elements; traps if {@code n} is too large. */
    public static WasmArray allocate(DefType t, long n) {
        if (n > MAX_ARRAY) {
            throw new Trap(TrapCode.ALLOCATION_TOO_LARGE, "allocation too large");
        }
        try {
            return Packed.newArray(t, (int) n);
        } catch (OutOfMemoryError e) {
            throw new Trap(TrapCode.ALLOCATION_TOO_LARGE, "allocation too large");
        }
    }

    private static int kindOf(int st) {
        return switch (st) {
            case ValType.I8 -> I8_U;
            case ValType.I16 -> I16_U;
            case ValType.V128 -> V128;
            default -> ValType.isRef(st) ? REFERENCE : NUMBER;
        };
    }

    private static long read(int kind, long v) {
        return switch (kind) {
            case I8_S -> (byte) v;
            case I8_U -> v & 0xFF;
            case I16_S -> (short) v;
            case I16_U -> v & 0xFFFF;
            default -> v;
        };
    }

    /** Writes the value at stack slot {@code at} into field/element storage at {@code idx}. */
    private static void write(int kind, long[] nums, Object[] refs, int idx, long[] s, Object[] r, int at) {
        switch (kind) {
            case REFERENCE -> refs[idx] = r[at];
            case V128 -> {
                nums[idx] = s[at];
                nums[idx + 1] = s[at + 1];
            }
            case I8_S, I8_U -> nums[idx] = s[at] & 0xFF;
            case I16_S, I16_U -> nums[idx] = s[at] & 0xFFFF;
            default -> nums[idx] = s[at];
        }
    }

    private static int byteSize(int st) {
        return switch (st) {
            case ValType.I8 -> 1;
            case ValType.I16 -> 2;
            case ValType.I32, ValType.F32 -> 4;
            case ValType.V128 -> 16;
            default -> 8;
        };
    }

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private static void initFromData(WasmArray a, int st, int d, byte[] data, int from, int n) {
        MemorySegment seg = MemorySegment.ofArray(data);
        int size = byteSize(st);
        for (int i = 0; i < n; i++) {
            long at = from + (long) i * size;
            switch (st) {
                case ValType.I8 -> a.nums[d + i] = data[(int) at] & 0xFF;
                case ValType.I16 -> a.nums[d + i] = seg.get(SHORT, at) & 0xFFFF;
                case ValType.I32, ValType.F32 -> a.nums[d + i] = seg.get(Interpreter.INT, at);
                case ValType.V128 -> {
                    a.nums[2 * (d + i)] = seg.get(Interpreter.LONG, at);
                    a.nums[2 * (d + i) + 1] = seg.get(Interpreter.LONG, at + 8);
                }
                default -> a.nums[d + i] = seg.get(Interpreter.LONG, at);
            }
        }
    }

}
