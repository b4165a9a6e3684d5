package dev.wasmj.internal.compiler;

import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.internal.ops.RelaxedSimdOps;
import dev.wasmj.internal.ops.SimdFloatOps;
import dev.wasmj.internal.ops.SimdOps;
import dev.wasmj.internal.ops.Swar;

import java.lang.classfile.CodeBuilder;
import java.lang.classfile.TypeKind;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.Map;

/**
 * The SIMD instructions (prefix {@code 0xFD}) for {@link FunctionCompiler}. A v128 is the value kind
 * {@code 'V'}: two {@code long}s, the low half (bytes 0..7, little-endian) under the high half (bytes
 * 8..15) on the JVM stack, and two consecutive {@code long} locals (low at the slot, high at slot + 2).
 *
 * <p>Each operator runs the interpreter's own code, so results never differ: the lane-wise integer
 * operators that {@link SimdOps} computes as one {@link Swar} function of each half, the bitwise ones
 * and the float arithmetic that {@link SimdFloatOps} computes lane by lane with {@code NumericOps} are
 * that function applied to each half inline; every other operator stores its operands in a
 * scratch {@code long[]} (allocated once per call of a function that has SIMD instructions) and calls
 * its method of {@link SimdOps}, {@link SimdFloatOps} or {@link RelaxedSimdOps} in their stack form.
 * Loads and stores use {@link MemoryAccess} (and {@link SimdSupport} for the widening loads).
 */
final class SimdCompiler {
    private static final ClassDesc SWAR = ClassDesc.of(Swar.class.getName());
    private static final ClassDesc SIMD_SUPPORT = ClassDesc.of(SimdSupport.class.getName());
    private static final ClassDesc NUMERIC_OPS = ClassDesc.of("dev.wasmj.internal.ops.NumericOps");
    /** Slots of the scratch array: three v128 operands at most. */
    private static final int SCRATCH = 6;

    /** The stack-form method of each SIMD operator, by name ({@code i8x16AddSatS}). */
    private static final Map<String, Method> METHODS = new HashMap<>();

    static {
        for (Class<?> c : new Class<?>[] {SimdOps.class, SimdFloatOps.class, RelaxedSimdOps.class}) {
            for (Method m : c.getMethods()) {
                if (Modifier.isStatic(m.getModifiers()) && m.getParameterCount() >= 2
                        && m.getParameterTypes()[0] == long[].class && m.getReturnType() == void.class) {
                    METHODS.put(m.getName(), m);
                }
            }
        }
    }

    private final FunctionCompiler fc;
    private final CodeBuilder cb;
    /** The JVM local of the scratch array, -1 if the function has no SIMD instruction. */
    private int scratch = -1;

    SimdCompiler(FunctionCompiler fc) {
        this.fc = fc;
        this.cb = fc.cb;
    }

    /** At the function's entry: allocates the scratch array if an instruction of the body needs it. */
    void enterFunction(FunctionBody body) {
        if (!needsScratch(body)) {
            return;
        }
        scratch = cb.allocateLocal(TypeKind.REFERENCE);
        cb.loadConstant(SCRATCH);
        cb.newarray(TypeKind.LONG);
        cb.astore(scratch);
    }

    private static boolean needsScratch(FunctionBody body) {
        CodeReader r = new CodeReader(body.code());
        for (int depth = 0; depth >= 0; ) {
            Opcode op = r.next();
            switch (op) {
                case BLOCK, IF, TRY, TRY_TABLE, LOOP -> depth++;
                case END, DELEGATE -> depth--;
                default -> {
                    if (op.prefix() == Opcode.PREFIX_SIMD && inStackForm(op)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** Whether {@link #emit} runs {@code op} through the scratch array. */
    private static boolean inStackForm(Opcode op) {
        return switch (op) {
            case V128_CONST, V128_NOT, V128_AND, V128_OR, V128_XOR, V128_ANDNOT, I64X2_ADD, I64X2_SUB, I8X16_SPLAT,
                    I16X8_SPLAT, I32X4_SPLAT, F32X4_SPLAT, I64X2_SPLAT, F64X2_SPLAT, I8X16_EXTRACT_LANE_S,
                    I8X16_EXTRACT_LANE_U, I16X8_EXTRACT_LANE_S, I16X8_EXTRACT_LANE_U, I32X4_EXTRACT_LANE,
                    F32X4_EXTRACT_LANE, I64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE, I8X16_SHL, I8X16_SHR_S, I8X16_SHR_U,
                    I16X8_SHL, I16X8_SHR_S, I16X8_SHR_U, I32X4_SHL, I32X4_SHR_S, I32X4_SHR_U, I64X2_SHL, I64X2_SHR_S,
                    I64X2_SHR_U -> false;
            default -> op.imm() != Opcode.Imm.MEMARG && op.imm() != Opcode.Imm.MEMARG_LANE && swar(op) == null
                    && floatArithmetic(op) == null;
        };
    }

    // ---- globals

    void globalGet(int index) {
        for (String field : new String[] {"value", "high"}) {
            fc.global(index);
            cb.getfield(Descs.GLOBAL_INSTANCE, field, ConstantDescs.CD_long);
        }
        fc.push('V');
    }

    void globalSet(int index) {
        fc.pop();
        int v = fc.temps.next('V');
        fc.store('V', v);
        for (int half = 0; half < 2; half++) {
            fc.global(index);
            cb.lload(v + 2 * half);
            cb.putfield(Descs.GLOBAL_INSTANCE, half == 0 ? "value" : "high", ConstantDescs.CD_long);
        }
    }

    // ---- instructions

    /** Emits SIMD instruction {@code op}. */
    void emit(Opcode op, CodeReader r) {
        if (op.imm() == Opcode.Imm.MEMARG || op.imm() == Opcode.Imm.MEMARG_LANE) {
            memory(op, r);
            return;
        }
        switch (op) {
            case V128_CONST -> {
                cb.loadConstant(r.v128Low);
                cb.loadConstant(r.v128High);
                fc.push('V');
            }
            case V128_NOT -> {
                fc.pop();
                int a = fc.temps.next('V');
                fc.store('V', a);
                for (int half = 0; half < 2; half++) {
                    cb.lload(a + 2 * half);
                    cb.loadConstant(-1L);
                    cb.lxor();
                }
                fc.push('V');
            }
            case V128_AND, V128_OR, V128_XOR, V128_ANDNOT -> bitwise(op);
            case I8X16_SPLAT, I16X8_SPLAT, I32X4_SPLAT, F32X4_SPLAT -> {
                // as SimdOps: the lane's bits times a one in every lane
                int bits = op == Opcode.I8X16_SPLAT ? 8 : op == Opcode.I16X8_SPLAT ? 16 : 32;
                fc.pop();
                cb.i2l();
                cb.loadConstant(-1L >>> (64 - bits));
                cb.land();
                cb.loadConstant(Swar.low(bits));
                cb.lmul();
                cb.dup2();
                fc.push('V');
            }
            case I64X2_SPLAT, F64X2_SPLAT -> {
                fc.pop();
                cb.dup2();
                fc.push('V');
            }
            case I8X16_EXTRACT_LANE_S, I8X16_EXTRACT_LANE_U, I16X8_EXTRACT_LANE_S, I16X8_EXTRACT_LANE_U,
                    I32X4_EXTRACT_LANE, F32X4_EXTRACT_LANE, I64X2_EXTRACT_LANE, F64X2_EXTRACT_LANE -> extractLane(op, r.a);
            case I8X16_SHL, I8X16_SHR_S, I8X16_SHR_U, I16X8_SHL, I16X8_SHR_S, I16X8_SHR_U, I32X4_SHL, I32X4_SHR_S,
                    I32X4_SHR_U, I64X2_SHL, I64X2_SHR_S, I64X2_SHR_U -> shift(op);
            case I64X2_ADD, I64X2_SUB -> perHalf(() -> {
                if (op == Opcode.I64X2_ADD) {
                    cb.ladd();
                } else {
                    cb.lsub();
                }
            });
            default -> {
                String swar = swar(op);
                String arithmetic = floatArithmetic(op);
                if (swar != null) {
                    int bits = Integer.parseInt(op.text().substring(1, op.text().indexOf('x')));
                    perHalf(() -> {
                        cb.loadConstant(bits);
                        cb.invokestatic(SWAR, swar, MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long,
                                ConstantDescs.CD_long, ConstantDescs.CD_int));
                    });
                } else if (arithmetic != null) {
                    ClassDesc owner = op.text().startsWith("f64x2") ? NUMERIC_OPS : SIMD_SUPPORT;
                    perHalf(() -> cb.invokestatic(owner, arithmetic, MethodTypeDesc.of(ConstantDescs.CD_long,
                            ConstantDescs.CD_long, ConstantDescs.CD_long)));
                } else {
                    stackForm(op, r);
                }
            }
        }
    }

    /**
     * The {@link Swar} function that {@link SimdOps} applies to each half for {@code op}, or null. Only
     * operators whose stack-form method is exactly that function of the two halves in order.
     */
    private static String swar(Opcode op) {
        String text = op.text();
        int dot = text.indexOf('.');
        if (dot < 0 || op.imm() != Opcode.Imm.NONE) {
            return null;
        }
        String shape = text.substring(0, dot);
        String name = text.substring(dot + 1);
        boolean narrow = shape.equals("i8x16") || shape.equals("i16x8");
        if (!narrow && !shape.equals("i32x4")) {
            return null;
        }
        return switch (name) {
            case "add", "sub", "eq", "ne", "lt_s", "lt_u", "min_s", "min_u", "max_s", "max_u" -> Numerics.camel(name);
            case "add_sat_s", "add_sat_u", "sub_sat_s", "sub_sat_u", "avgr_u" -> narrow ? Numerics.camel(name) : null;
            default -> null;
        };
    }

    /**
     * For f32x4 and f64x2 add, sub, mul, div, min and max (which {@link SimdFloatOps} computes lane by
     * lane with the scalar instruction of {@code NumericOps}), the method computing one half: {@code
     * NumericOps.f64Add} and its kin (one f64 lane), {@link SimdSupport#f32x2Add} and its kin (two f32
     * lanes); else null.
     */
    private static String floatArithmetic(Opcode op) {
        String text = op.text();
        boolean f64 = text.startsWith("f64x2.");
        if (!f64 && !text.startsWith("f32x4.")) {
            return null;
        }
        String name = text.substring(6);
        return switch (name) {
            case "add", "sub", "mul", "div", "min", "max" -> (f64 ? "f64" : "f32x2") + Numerics.camel("_" + name);
            default -> null;
        };
    }

    /**
     * extract_lane: the lane's bits from its half, as {@link SimdOps}' {@code V128.lane}: sign-extended
     * (the {@code _s} forms and i32/f32, whose int is the lane), zero-extended ({@code _u}) or the half.
     */
    private void extractLane(Opcode op, int lane) {
        int bits = 128 / op.align();
        int bit = lane * bits;
        fc.pop();
        int v = fc.temps.next('V');
        fc.store('V', v);
        cb.lload(v + 2 * (bit >>> 6));
        if (bits == 64) {
            fc.push('J');
            return;
        }
        if ((bit & 63) != 0) {
            cb.loadConstant(bit & 63);
            cb.lushr();
        }
        cb.l2i();
        if (bits == 8) {
            if (op == Opcode.I8X16_EXTRACT_LANE_U) {
                cb.loadConstant(0xFF);
                cb.iand();
            } else {
                cb.i2b();
            }
        } else if (bits == 16) {
            if (op == Opcode.I16X8_EXTRACT_LANE_U) {
                cb.loadConstant(0xFFFF);
                cb.iand();
            } else {
                cb.i2s();
            }
        }
        fc.push('I');
    }

    /**
     * The shifts, as {@link SimdOps}: each half by the count modulo the lane width, with {@link Swar}'s
     * shl/shrS/shrU for 8-, 16- and 32-bit lanes and the JVM's shift for 64-bit lanes (which takes the
     * count modulo 64 itself).
     */
    private void shift(Opcode op) {
        String text = op.text();
        int bits = Integer.parseInt(text.substring(1, text.indexOf('x')));
        String kind = Numerics.camel(text.substring(text.indexOf('.') + 1)); // shl, shrS, shrU
        fc.pop();
        fc.pop();
        int count = fc.temps.next('I');
        int v = fc.temps.next('V');
        cb.istore(count);
        fc.store('V', v);
        for (int half = 0; half < 2; half++) {
            cb.lload(v + 2 * half);
            cb.iload(count);
            if (bits == 64) {
                switch (kind) {
                    case "shl" -> cb.lshl();
                    case "shrS" -> cb.lshr();
                    default -> cb.lushr();
                }
            } else {
                cb.loadConstant(bits - 1);
                cb.iand();
                cb.loadConstant(bits);
                cb.invokestatic(SWAR, kind, MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long,
                        ConstantDescs.CD_int, ConstantDescs.CD_int));
            }
        }
        fc.push('V');
    }

    /** and, or, xor, andnot: the JVM instruction on each half. */
    private void bitwise(Opcode op) {
        perHalf(() -> {
            switch (op) {
                case V128_AND -> cb.land();
                case V128_OR -> cb.lor();
                case V128_XOR -> cb.lxor();
                default -> {
                    cb.loadConstant(-1L);
                    cb.lxor();
                    cb.land();
                }
            }
        });
    }

    /**
     * A lane-wise binary operator: {@code halfOp} takes the halves of a and b (two longs) and leaves one;
     * it runs on the low halves, then on the high halves.
     */
    private void perHalf(Runnable halfOp) {
        fc.pop();
        fc.pop();
        int b = fc.temps.next('V');
        int aHi = fc.temps.next('J');
        fc.store('V', b);
        cb.lstore(aHi);
        cb.lload(b);
        halfOp.run();
        cb.lload(aHi);
        cb.lload(b + 2);
        halfOp.run();
        fc.push('V');
    }

    /** Any other operator: its operands to the scratch array, its stack-form method, its result back. */
    private void stackForm(Opcode op, CodeReader r) {
        String sig = op.signature();
        Method m = METHODS.get(Numerics.camel(op.text()));
        if (sig == null || m == null || scratch < 0) {
            throw new Unsupported(op.text());
        }
        int colon = sig.indexOf(':');
        char[] kinds = new char[colon];
        int[] temps = new int[colon];
        for (int i = colon - 1; i >= 0; i--) {
            kinds[i] = kind(sig.charAt(i));
            temps[i] = fc.temps.next(kinds[i]);
            fc.store(kinds[i], temps[i]);
            fc.pop();
        }
        int pos = 0;
        for (int i = 0; i < colon; i++) {
            for (int half = 0; half < (kinds[i] == 'V' ? 2 : 1); half++) {
                cb.aload(scratch);
                cb.loadConstant(pos++);
                if (kinds[i] == 'I') {
                    cb.iload(temps[i]);
                    cb.i2l();
                } else {
                    cb.lload(temps[i] + 2 * half);
                }
                cb.lastore();
            }
        }
        cb.aload(scratch);
        cb.iconst_0();
        MethodTypeDesc type;
        if (op == Opcode.I8X16_SHUFFLE) {
            cb.loadConstant(lanes(r.lanes, 0));
            cb.loadConstant(lanes(r.lanes, 8));
            type = MethodTypeDesc.of(ConstantDescs.CD_void, Descs.LONGS, ConstantDescs.CD_int, ConstantDescs.CD_long,
                    ConstantDescs.CD_long);
        } else if (op.imm() == Opcode.Imm.LANE) {
            cb.loadConstant(r.a);
            type = MethodTypeDesc.of(ConstantDescs.CD_void, Descs.LONGS, ConstantDescs.CD_int, ConstantDescs.CD_int);
        } else {
            type = MethodTypeDesc.of(ConstantDescs.CD_void, Descs.LONGS, ConstantDescs.CD_int);
        }
        if (m.getParameterCount() != type.parameterCount()) {
            throw new Unsupported(op.text());
        }
        cb.invokestatic(ClassDesc.of(m.getDeclaringClass().getName()), m.getName(), type);
        for (int i = colon + 1; i < sig.length(); i++) {
            char k = kind(sig.charAt(i));
            int at = i - colon - 1;
            if (at != 0 || i + 1 != sig.length()) {
                throw new Unsupported(op.text() + ": several results");
            }
            cb.aload(scratch);
            cb.iconst_0();
            cb.laload();
            if (k == 'V') {
                cb.aload(scratch);
                cb.iconst_1();
                cb.laload();
            } else if (k == 'I') {
                cb.l2i();
            }
            fc.push(k);
        }
    }

    /** Bytes [from, from + 8) of a shuffle's lane immediate as a little-endian long. */
    private static long lanes(byte[] lanes, int from) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v |= (lanes[from + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    /** The value kind of a letter of an {@link Opcode#signature()}. */
    private static char kind(char letter) {
        return letter == 'v' ? 'V' : Numerics.kindOf(letter);
    }

    // ---- loads and stores

    private void memory(Opcode op, CodeReader r) {
        boolean m64 = fc.memory64(r.memory);
        char addressKind = m64 ? 'J' : 'I';
        int vector = -1;
        if (op.signature().startsWith("v")) { // a store, or a lane load: the v128 operand is on top
            fc.pop();
            vector = fc.temps.next('V');
            fc.store('V', vector);
        }
        fc.pop();
        int address = fc.temps.next(addressKind);
        fc.store(addressKind, address);
        long offset = r.offset;
        switch (op) {
            case V128_LOAD -> {
                access("i64Load", address, r, offset, -1, -1);
                access("i64Load", address, r, offset + 8, -1, -1);
            }
            case V128_LOAD8X8_S, V128_LOAD8X8_U, V128_LOAD16X4_S, V128_LOAD16X4_U, V128_LOAD32X2_S,
                    V128_LOAD32X2_U -> {
                int bits = op.text().startsWith("v128.load8") ? 8 : op.text().startsWith("v128.load16") ? 16 : 32;
                boolean signed = op.text().endsWith("_s");
                access("i64Load", address, r, offset, -1, -1);
                int v = fc.temps.next('J');
                cb.lstore(v);
                for (int half = 0; half < 2; half++) {
                    cb.lload(v);
                    cb.loadConstant(half);
                    cb.loadConstant(bits);
                    cb.loadConstant(signed ? 1 : 0);
                    cb.invokestatic(SIMD_SUPPORT, "widen", MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long,
                            ConstantDescs.CD_int, ConstantDescs.CD_int, ConstantDescs.CD_boolean));
                }
            }
            case V128_LOAD8_SPLAT, V128_LOAD16_SPLAT, V128_LOAD32_SPLAT, V128_LOAD64_SPLAT -> {
                int bytes = 1 << op.align();
                access(loadOf(bytes), address, r, offset, -1, -1);
                if (bytes < 8) {
                    cb.loadConstant(Swar.low(8 * bytes)); // the lane value in every lane
                    cb.lmul();
                }
                cb.dup2();
            }
            case V128_LOAD32_ZERO, V128_LOAD64_ZERO -> {
                access(loadOf(op == Opcode.V128_LOAD32_ZERO ? 4 : 8), address, r, offset, -1, -1);
                cb.lconst_0();
            }
            case V128_STORE -> {
                // the high half first: if it is in bounds, so is the low half, and nothing is half written;
                // an offset of 2^63 or more is out of bounds at once with the low half
                boolean hiFirst = offset >= 0;
                for (int i = 0; i < 2; i++) {
                    int half = hiFirst ? 1 - i : i;
                    access("i64Store", address, r, offset + 8L * half, vector + 2 * half, -1);
                }
            }
            case V128_LOAD8_LANE, V128_LOAD16_LANE, V128_LOAD32_LANE, V128_LOAD64_LANE -> {
                int bits = 8 << op.align();
                int bit = r.a * bits;
                int shift = bit & 63;
                int half = bit >>> 6;
                long keep = bits == 64 ? 0 : ~((-1L >>> (64 - bits)) << shift);
                if (half == 1) {
                    cb.lload(vector);
                }
                access(loadOf(bits / 8), address, r, offset, -1, -1);
                if (shift != 0) {
                    cb.loadConstant(shift);
                    cb.lshl();
                }
                cb.lload(vector + 2 * half);
                cb.loadConstant(keep);
                cb.land();
                cb.lor();
                if (half == 0) {
                    cb.lload(vector + 2);
                }
            }
            case V128_STORE8_LANE, V128_STORE16_LANE, V128_STORE32_LANE, V128_STORE64_LANE -> {
                int bits = 8 << op.align();
                int bit = r.a * bits;
                String store = switch (bits) {
                    case 8 -> "i64Store8";
                    case 16 -> "i64Store16";
                    case 32 -> "i64Store32";
                    default -> "i64Store";
                };
                access(store, address, r, offset, vector + 2 * (bit >>> 6), bit & 63);
            }
            default -> throw new Unsupported(op.text());
        }
        if (!op.signature().endsWith(":")) {
            fc.push('V');
        }
    }

    /** The {@link MemoryAccess} load of {@code bytes} bytes zero-extended to a long. */
    private static String loadOf(int bytes) {
        return switch (bytes) {
            case 1 -> "i64Load8U";
            case 2 -> "i64Load16U";
            case 4 -> "i64Load32U";
            default -> "i64Load";
        };
    }

    /**
     * Calls {@link MemoryAccess} method {@code name} at the address in local {@code address}: a load
     * (pushes a long) when {@code value} is -1, else a store of the long in local {@code value} shifted
     * right by {@code shift} bits (when not -1).
     */
    private void access(String name, int address, CodeReader r, long offset, int value, int shift) {
        if (!fc.shape.direct()[r.memory]) {
            sharedAccess(name, address, r, offset, value, shift);
            return;
        }
        boolean m64 = fc.memory64(r.memory);
        ClassDesc addressDesc = m64 ? ConstantDescs.CD_long : ConstantDescs.CD_int;
        fc.load(m64 ? 'J' : 'I', address);
        if (value >= 0) {
            cb.lload(value);
            if (shift > 0) {
                cb.loadConstant(shift);
                cb.lushr();
            }
        }
        fc.segment(r.memory);
        cb.loadConstant(offset);
        ClassDesc memory = fc.hoisted(r.memory); // a byte[] or a MemorySegment
        MethodTypeDesc type = value >= 0
                ? MethodTypeDesc.of(ConstantDescs.CD_void, addressDesc, ConstantDescs.CD_long, memory,
                        ConstantDescs.CD_long)
                : MethodTypeDesc.of(ConstantDescs.CD_long, addressDesc, memory, ConstantDescs.CD_long);
        cb.invokestatic(Descs.MEMORY_ACCESS, name, type);
    }

    /** {@link #access} on a shared memory: {@code MemoryAccess.shared*}, checked against the memory's size. */
    private void sharedAccess(String name, int address, CodeReader r, long offset, int value, int shift) {
        fc.load(fc.memory64(r.memory) ? 'J' : 'I', address);
        if (!fc.memory64(r.memory)) {
            cb.i2l();
            cb.loadConstant(0xFFFF_FFFFL);
            cb.land();
        }
        if (value >= 0) {
            cb.lload(value);
            if (shift > 0) {
                cb.loadConstant(shift);
                cb.lushr();
            }
        }
        fc.atomics.sharedOperands(r.memory);
        cb.loadConstant(offset);
        String shared = "shared" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        MethodTypeDesc type = value >= 0
                ? MethodTypeDesc.of(ConstantDescs.CD_void, ConstantDescs.CD_long, ConstantDescs.CD_long,
                        Descs.MEMORY_SEGMENT, ConstantDescs.CD_long, Descs.MEMORY_INSTANCE, ConstantDescs.CD_long)
                : MethodTypeDesc.of(ConstantDescs.CD_long, ConstantDescs.CD_long, Descs.MEMORY_SEGMENT,
                        ConstantDescs.CD_long, Descs.MEMORY_INSTANCE, ConstantDescs.CD_long);
        cb.invokestatic(Descs.MEMORY_ACCESS, shared, type);
    }
}
