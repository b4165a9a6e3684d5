package dev.wasmj.internal.compiler;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.validate.DefType;
import dev.wasmj.internal.interpreter.GcOps;
import dev.wasmj.internal.runtime.I31Ref;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.Packed;
import dev.wasmj.internal.runtime.WasmArray;
import dev.wasmj.internal.runtime.WasmStruct;

import java.lang.invoke.MethodHandles;

/**
 * The run-time helpers of GC and custom-descriptor instructions in generated code ({@link GcCompiler}):
 * null and bounds checks, array allocation and bulk operations, reference tests and casts. Semantics,
 * trap codes and messages are the interpreter's ({@link GcOps}), whose traps leave as
 * {@link TrapSignal}s. 32-bit operands arrive as {@code int}s and are read unsigned. Element values
 * travel as {@code long}s (i32 and f32 bits sign-extended, packed values already wrapped by the caller),
 * as two {@code long}s (a v128: low half, high half) or as {@code Object}s (references). Public only
 * because generated classes live in another (unnamed) module.
 */
public final class GcSupport {
    private GcSupport() {}

    /**
     * The bootstrap of the dynamic constant {@code type}: the canonical type of type index
     * {@code typeIndex} of the module whose generated class asks.
     */
    public static DefType type(MethodHandles.Lookup lookup, String name, Class<?> type, int typeIndex) {
        CodeLoader loader = (CodeLoader) lookup.lookupClass().getClassLoader();
        return loader.types().type(typeIndex);
    }

    // ---- structs

    /** struct.new and friends: a struct of type {@code t} with the given storage and descriptor. */
    public static Object newStruct(DefType t, long[] nums, Object[] refs, Object desc) {
        return new WasmStruct(t, nums, refs, desc);
    }

    /** {@code o} as a struct; traps if it is null. */
    public static WasmStruct struct(Object o) {
        if (o == null) {
            throw new TrapSignal(GcOps.nullStruct());
        }
        return (WasmStruct) o;
    }

    /** The descriptor operand of struct.new_desc; traps if it is null. */
    public static Object descriptor(Object desc) {
        if (desc == null) {
            throw new TrapSignal(GcOps.nullDescriptor());
        }
        return desc;
    }

    /** ref.get_desc: the descriptor of struct {@code o}. */
    public static Object getDesc(Object o) {
        if (o == null) {
            throw new TrapSignal(new Trap(TrapCode.NULL_REFERENCE, "null reference"));
        }
        return ((WasmStruct) o).descriptor;
    }

    // ---- arrays

    /** {@code o} as an array; traps if it is null. */
    public static WasmArray array(Object o) {
        if (o == null) {
            throw new TrapSignal(GcOps.nullArray());
        }
        return (WasmArray) o;
    }

    /** array.len. */
    public static int length(Object o) {
        return array(o).length;
    }

    private static TrapSignal outOfBounds() {
        return new TrapSignal(GcOps.arrayOutOfBounds());
    }

    /** array.get of a number element (not a v128). */
    public static long get(Object o, int i) {
        WasmArray a = array(o);
        if (Integer.toUnsignedLong(i) >= a.length) {
            throw outOfBounds();
        }
        return a.nums[i];
    }

    /** array.get of a reference element. */
    public static Object getRef(Object o, int i) {
        WasmArray a = array(o);
        if (Integer.toUnsignedLong(i) >= a.length) {
            throw outOfBounds();
        }
        return a.refs[i];
    }

    /** array.set of a number element (not a v128); {@code v} already wrapped to its storage type. */
    public static void set(Object o, int i, long v) {
        WasmArray a = array(o);
        if (Integer.toUnsignedLong(i) >= a.length) {
            throw outOfBounds();
        }
        a.nums[i] = v;
    }

    /** array.set of a reference element. */
    public static void setRef(Object o, int i, Object v) {
        WasmArray a = array(o);
        if (Integer.toUnsignedLong(i) >= a.length) {
            throw outOfBounds();
        }
        a.refs[i] = v;
    }

    /**
     * The storage of v128 array {@code o} after the checks of array.get/set of element {@code i}:
     * element {@code i} is at {@code 2 * i} (low half) and {@code 2 * i + 1} (high half).
     */
    public static long[] vectors(Object o, int i) {
        WasmArray a = array(o);
        if (Integer.toUnsignedLong(i) >= a.length) {
            throw outOfBounds();
        }
        return a.nums;
    }

    /** array.new_default. */
    public static Object newDefault(int n, DefType t) {
        return allocate(n, t);
    }

    private static WasmArray allocate(int n, DefType t) {
        try {
            return GcOps.allocate(t, Integer.toUnsignedLong(n));
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** array.new of a number element type of storage type {@code st} (not v128). */
    public static Object newArray(long v, int n, DefType t, int st) {
        WasmArray a = allocate(n, t);
        Packed.fill(a, st, 0, a.length, v, 0, null);
        return a;
    }

    /** array.new of a reference element type. */
    public static Object newArrayRef(Object v, int n, DefType t) {
        WasmArray a = allocate(n, t);
        Packed.fill(a, 0, 0, a.length, 0, 0, v);
        return a;
    }

    /** array.new of a v128 element type: {@code n} copies of the v128 {@code lo, hi}. */
    public static Object newVectors(long lo, long hi, int n, DefType t) {
        WasmArray a = allocate(n, t);
        Packed.fill(a, ValType.V128, 0, a.length, lo, hi, null);
        return a;
    }

    /**
     * array.new_fixed: the array of type {@code t} of the {@code n} elements in {@code nums} or
     * {@code refs} (the other null), which the caller filled (see {@link Packed#newArray}).
     */
    public static Object newFixed(DefType t, long[] nums, Object[] refs, int n) {
        return new WasmArray(t, n, nums, refs);
    }

    /** array.new_data. */
    public static Object newData(int from, int n, ModuleInstance inst, DefType t, int seg) {
        try {
            return GcOps.newData(inst, t, seg, Integer.toUnsignedLong(from), Integer.toUnsignedLong(n));
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** array.new_elem. */
    public static Object newElem(int from, int n, ModuleInstance inst, DefType t, int seg) {
        try {
            return GcOps.newElem(inst, t, seg, Integer.toUnsignedLong(from), Integer.toUnsignedLong(n));
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** array.fill with a number (not a v128) of storage type {@code st}. */
    public static void fill(Object o, int d, long v, int n, int st) {
        try {
            GcOps.fill(o, st, Integer.toUnsignedLong(d), Integer.toUnsignedLong(n), v, 0, null);
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** array.fill with a v128 {@code lo, hi}. */
    public static void fillVector(Object o, int d, long lo, long hi, int n) {
        try {
            GcOps.fill(o, ValType.V128, Integer.toUnsignedLong(d), Integer.toUnsignedLong(n), lo, hi, null);
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** array.fill with a reference. */
    public static void fillRef(Object o, int d, Object v, int n, int st) {
        try {
            GcOps.fill(o, st, Integer.toUnsignedLong(d), Integer.toUnsignedLong(n), 0, 0, v);
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** array.copy; {@code st} is the storage type of the destination's elements. */
    public static void copy(Object dst, int d, Object src, int s, int n, int st) {
        try {
            GcOps.copy(dst, Integer.toUnsignedLong(d), src, Integer.toUnsignedLong(s), Integer.toUnsignedLong(n), st);
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** array.init_data. */
    public static void initData(Object o, int d, int s, int n, ModuleInstance inst, DefType t, int seg) {
        try {
            GcOps.initData(inst, t, seg, o, Integer.toUnsignedLong(d), Integer.toUnsignedLong(s),
                    Integer.toUnsignedLong(n));
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** array.init_elem. */
    public static void initElem(Object o, int d, int s, int n, ModuleInstance inst, int seg) {
        try {
            GcOps.initElem(inst, seg, o, Integer.toUnsignedLong(d), Integer.toUnsignedLong(s),
                    Integer.toUnsignedLong(n));
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    // ---- i31

    /** ref.i31. */
    public static Object i31(int v) {
        return I31Ref.of(v);
    }

    /** i31.get_s. */
    public static int i31GetS(Object o) {
        if (o == null) {
            throw nullI31();
        }
        return ((I31Ref) o).value();
    }

    /** i31.get_u. */
    public static int i31GetU(Object o) {
        if (o == null) {
            throw nullI31();
        }
        return ((I31Ref) o).value() & 0x7FFF_FFFF;
    }

    private static TrapSignal nullI31() {
        return new TrapSignal(new Trap(TrapCode.NULL_REFERENCE, "null i31 reference"));
    }

    // ---- tests and casts

    /** ref.test (and br_on_cast's test): 1 if {@code o} is of heap type {@code ht} (closed form), or null and {@code nullable}. */
    public static int test(Object o, ModuleInstance inst, int ht, boolean nullable) {
        return GcOps.test(inst.store().subtyping(), o, ht, nullable) ? 1 : 0;
    }

    /** ref.cast: {@code o} if it passes {@link #test}; else traps. */
    public static Object cast(Object o, ModuleInstance inst, int ht, boolean nullable) {
        if (!GcOps.test(inst.store().subtyping(), o, ht, nullable)) {
            throw new TrapSignal(new Trap(TrapCode.CAST_FAILURE, "cast failure"));
        }
        return o;
    }

    /** br_on_cast_desc_eq's test: 1 if {@code o}'s descriptor is {@code desc} (or o is null and {@code nullable}); traps if desc is null. */
    public static int descEq(Object o, Object desc, boolean nullable) {
        try {
            return GcOps.descEq(o, desc, nullable) ? 1 : 0;
        } catch (Trap e) {
            throw new TrapSignal(e);
        }
    }

    /** ref.cast_desc_eq: {@code o} if it passes {@link #descEq}; else traps. */
    public static Object castDesc(Object o, Object desc, boolean nullable) {
        if (descEq(o, desc, nullable) == 0) {
            throw new TrapSignal(new Trap(TrapCode.CAST_FAILURE, "descriptor cast failure"));
        }
        return o;
    }
}
