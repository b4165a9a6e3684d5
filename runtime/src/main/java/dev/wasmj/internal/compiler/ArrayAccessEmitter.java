package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.VarHandle;

/**
 * Emits a load or store on a memory kept in a {@code byte[]} (32-bit addresses) as bytecode of the
 * generated method itself, instead of a call to a {@link MemoryAccess} helper: the index computation,
 * {@code Objects.checkIndex} against the array's length (for one byte, an unsigned comparison: see
 * {@link #checkByte}) and a plain array access or a little-endian {@code byteArrayViewVarHandle} access
 * through one of {@link MemoryAccess}'s constant handles.
 *
 * <p>Why: C2 stops inlining ordinary methods into a method once its parse has made about 18,000 nodes
 * ({@code NodeCountInliningCutoff}), but not methods the JDK marks {@code @ForceInline}, which
 * {@code Objects.checkIndex} and a constant {@code VarHandle}'s access path are. An access emitted
 * this way is never a call, wherever it is in a big function (nbody's 95 accesses: see
 * docs/compiler.md "Memory"). The check is the helpers' ({@link MemoryAccess}'s {@code checked}): the
 * same index, the same {@code IndexOutOfBoundsException} out of bounds.
 */
final class ArrayAccessEmitter {
    private static final ClassDesc OBJECTS = ClassDesc.of("java.util.Objects");
    private static final ClassDesc VAR_HANDLE = ClassDesc.of(VarHandle.class.getName());
    private static final ClassDesc BYTES = ConstantDescs.CD_byte.arrayType();
    private static final MethodTypeDesc FLOAT_TO_BITS = MethodTypeDesc.of(ConstantDescs.CD_int, ConstantDescs.CD_float);
    private static final MethodTypeDesc DOUBLE_TO_BITS = MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_double);
    private static final MethodTypeDesc BITS_TO_FLOAT = MethodTypeDesc.of(ConstantDescs.CD_float, ConstantDescs.CD_int);
    private static final MethodTypeDesc BITS_TO_DOUBLE = MethodTypeDesc.of(ConstantDescs.CD_double, ConstantDescs.CD_long);
    private static final MethodTypeDesc CHECK_INDEX = MethodTypeDesc.of(ConstantDescs.CD_int,
            ConstantDescs.CD_int, ConstantDescs.CD_int);

    private static final MethodTypeDesc COMPARE = MethodTypeDesc.of(ConstantDescs.CD_int,
            ConstantDescs.CD_int, ConstantDescs.CD_int);
    private static final MethodTypeDesc OUT_OF_BOUNDS = MethodTypeDesc.of(
            ClassDesc.of(IndexOutOfBoundsException.class.getName()), ConstantDescs.CD_int, ConstantDescs.CD_int);

    private ArrayAccessEmitter() {}

    /**
     * Emits load or store {@code op} (0x28 to 0x3E) with static offset {@code offset} on the array in
     * local {@code memory}: on the stack the address (an int), then for a store the value (kind
     * {@code valueKind}, 'I' or 'J'), which a store first moves to {@code valueTemp} (a scratch local of
     * that kind); {@code indexTemp} is a scratch int local. Leaves a load's value (int or long).
     */
    static void emit(CodeBuilder cb, Opcode op, long offset, int memory, int indexTemp, int valueTemp) {
        int code = op.code();
        boolean store = code >= 0x36;
        if (store) {
            cb.storeLocal(storedKind(code), valueTemp);
        }
        index(cb, offset);
        int size = size(code);
        if (size == 1) {
            checkByte(cb, memory, indexTemp);
            cb.iload(indexTemp);
        } else {
            cb.aload(memory);
            cb.arraylength();
            cb.loadConstant(size - 1);
            cb.isub();
            cb.invokestatic(OBJECTS, "checkIndex", CHECK_INDEX);
        }
        if (store) {
            store(cb, code, size, memory, indexTemp, valueTemp);
        } else {
            load(cb, code, size, memory, indexTemp);
        }
    }

    /**
     * Checks the index on the stack of a one-byte access against the array's length and moves it to
     * {@code indexTemp}: an unsigned comparison, as {@code MemoryAccess}'s one-byte helpers, which C2
     * merges with the array access's own check (on {@code Objects.checkIndex}'s result it kept both).
     */
    private static void checkByte(CodeBuilder cb, int memory, int indexTemp) {
        Label inBounds = cb.newLabel();
        cb.istore(indexTemp);
        cb.iload(indexTemp);
        cb.aload(memory);
        cb.arraylength();
        cb.invokestatic(ConstantDescs.CD_Integer, "compareUnsigned", COMPARE);
        cb.iflt(inBounds);
        cb.iload(indexTemp);
        cb.aload(memory);
        cb.arraylength();
        cb.invokestatic(Descs.MEMORY_ACCESS, "outOfBounds", OUT_OF_BOUNDS);
        cb.athrow();
        cb.labelBinding(inBounds);
    }

    /** Replaces the address on the stack by the array index of address + {@code offset} ({@link MemoryAccess}). */
    private static void index(CodeBuilder cb, long offset) {
        if (offset == 0) {
            return;
        }
        if (offset >= 1L << 31) {
            cb.pop();
            cb.iconst_m1();
            return;
        }
        cb.dup();
        cb.bipush(31);
        cb.ishr();
        cb.swap();
        cb.loadConstant((int) offset);
        cb.iadd();
        cb.ior();
    }

    private static void load(CodeBuilder cb, int code, int size, int memory, int indexTemp) {
        if (size == 1) {
            cb.aload(memory);
            cb.swap();
            cb.baload();
        } else {
            cb.istore(indexTemp);
            cb.getstatic(Descs.MEMORY_ACCESS, view(code, size), VAR_HANDLE);
            cb.aload(memory);
            cb.iload(indexTemp);
            cb.invokevirtual(VAR_HANDLE, "get", MethodTypeDesc.of(viewType(code, size), BYTES, ConstantDescs.CD_int));
            if (code == 0x2A) {
                cb.invokestatic(ConstantDescs.CD_Float, "floatToRawIntBits", FLOAT_TO_BITS);
            } else if (code == 0x2B) {
                cb.invokestatic(ConstantDescs.CD_Double, "doubleToRawLongBits", DOUBLE_TO_BITS);
            }
        }
        switch (code) {
            case 0x28, 0x2A, 0x2C, 0x2E -> { } // i32/f32, 8S and 16S: the view's int, byte or short
            case 0x29, 0x2B -> { }             // i64/f64
            case 0x2D -> { cb.loadConstant(0xFF); cb.iand(); }
            case 0x2F -> { cb.loadConstant(0xFFFF); cb.iand(); }
            case 0x30, 0x32, 0x34 -> cb.i2l();
            case 0x31 -> { cb.loadConstant(0xFF); cb.iand(); cb.i2l(); }
            case 0x33 -> { cb.loadConstant(0xFFFF); cb.iand(); cb.i2l(); }
            case 0x35 -> { cb.i2l(); cb.loadConstant(0xFFFF_FFFFL); cb.land(); }
            default -> throw new IllegalArgumentException("not a load: " + code);
        }
    }

    private static void store(CodeBuilder cb, int code, int size, int memory, int indexTemp, int valueTemp) {
        TypeKind kind = storedKind(code);
        if (size == 1) {
            cb.istore(indexTemp);
            cb.aload(memory);
            cb.iload(indexTemp);
            cb.loadLocal(kind, valueTemp);
            if (kind == TypeKind.LONG) {
                cb.l2i();
            }
            cb.bastore();
            return;
        }
        cb.istore(indexTemp);
        cb.getstatic(Descs.MEMORY_ACCESS, view(code, size), VAR_HANDLE);
        cb.aload(memory);
        cb.iload(indexTemp);
        cb.loadLocal(kind, valueTemp);
        if (kind == TypeKind.LONG && size < 8) {
            cb.l2i();
        }
        if (size == 2) {
            cb.i2s();
        }
        if (code == 0x38) {
            cb.invokestatic(ConstantDescs.CD_Float, "intBitsToFloat", BITS_TO_FLOAT);
        } else if (code == 0x39) {
            cb.invokestatic(ConstantDescs.CD_Double, "longBitsToDouble", BITS_TO_DOUBLE);
        }
        cb.invokevirtual(VAR_HANDLE, "set", MethodTypeDesc.of(ConstantDescs.CD_void, BYTES, ConstantDescs.CD_int,
                viewType(code, size)));
    }

    /** The kind of a store's value: long for i64 stores, else int. */
    static TypeKind storedKind(int code) {
        return switch (code) {
            case 0x37, 0x39, 0x3C, 0x3D, 0x3E -> TypeKind.LONG;
            default -> TypeKind.INT;
        };
    }

    /** The number of bytes load or store {@code code} accesses. */
    static int size(int code) {
        return switch (code) {
            case 0x28, 0x2A, 0x34, 0x35, 0x36, 0x38, 0x3E -> 4;
            case 0x29, 0x2B, 0x37, 0x39 -> 8;
            case 0x2C, 0x2D, 0x30, 0x31, 0x3A, 0x3C -> 1;
            case 0x2E, 0x2F, 0x32, 0x33, 0x3B, 0x3D -> 2;
            default -> throw new IllegalArgumentException("not a load or store: " + code);
        };
    }

    /** The name of the {@link MemoryAccess} view for an access of {@code size} bytes (f32 and f64 their own). */
    private static String view(int code, int size) {
        return switch (code) {
            case 0x2A, 0x38 -> "FLOATS";
            case 0x2B, 0x39 -> "DOUBLES";
            default -> switch (size) {
                case 2 -> "SHORTS";
                case 4 -> "INTS";
                default -> "LONGS";
            };
        };
    }

    private static ClassDesc viewType(int code, int size) {
        return switch (code) {
            case 0x2A, 0x38 -> ConstantDescs.CD_float;
            case 0x2B, 0x39 -> ConstantDescs.CD_double;
            default -> switch (size) {
                case 2 -> ConstantDescs.CD_short;
                case 4 -> ConstantDescs.CD_int;
                default -> ConstantDescs.CD_long;
            };
        };
    }
}
