package dev.wasmj.internal.ops;

/**
 * The semantics of WebAssembly's scalar numeric instructions: integer and float arithmetic,
 * comparisons, conversions and wide arithmetic, as small static methods shared by the interpreter
 * and the compiler.
 *
 * <p>Conventions: a method is named after its instruction in camelCase ({@code i32.div_s} is
 * {@link #i32DivS}, {@code f64.convert_i64_u} is {@link #f64ConvertI64U}); i32 values are
 * {@code int}, i64 values {@code long}; f32 and f64 values are their RAW BITS ({@code int} and
 * {@code long}) so NaN payloads and signed zeros survive; comparisons and tests return the i32
 * result 0 or 1. Operands come in stack order (the first operand is the one pushed first).
 *
 * <p>NaN results follow the specification: an operation whose inputs include a NaN returns a
 * quiet NaN derived from its first NaN input (canonical when that input is canonical); an
 * operation producing a NaN from numbers returns the canonical NaN (possibly negative). Sign
 * operations ({@code abs}, {@code neg}, {@code copysign}) only touch the sign bit.
 *
 * <p>Traps are thrown as {@link dev.wasmj.Trap} made by {@link Traps}.
 *
 * <p>Wide arithmetic produces two i64 results (low, high): each such instruction is two methods,
 * {@code ...Lo} and {@code ...Hi}, taking the same operands ({@link #i64Add128Lo},
 * {@link #i64Add128Hi}); the low half is pushed first.
 */
public final class NumericOps {
    private NumericOps() {}

    static final int F32_SIGN = 0x8000_0000;
    static final int F32_QUIET = 0x0040_0000;
    static final long F64_SIGN = 0x8000_0000_0000_0000L;
    static final long F64_QUIET = 0x0008_0000_0000_0000L;

    // ---------------------------------------------------------------- i32

    public static int i32Eqz(int a) { return a == 0 ? 1 : 0; }
    public static int i32Eq(int a, int b) { return a == b ? 1 : 0; }
    public static int i32Ne(int a, int b) { return a != b ? 1 : 0; }
    public static int i32LtS(int a, int b) { return a < b ? 1 : 0; }
    public static int i32LtU(int a, int b) { return Integer.compareUnsigned(a, b) < 0 ? 1 : 0; }
    public static int i32GtS(int a, int b) { return a > b ? 1 : 0; }
    public static int i32GtU(int a, int b) { return Integer.compareUnsigned(a, b) > 0 ? 1 : 0; }
    public static int i32LeS(int a, int b) { return a <= b ? 1 : 0; }
    public static int i32LeU(int a, int b) { return Integer.compareUnsigned(a, b) <= 0 ? 1 : 0; }
    public static int i32GeS(int a, int b) { return a >= b ? 1 : 0; }
    public static int i32GeU(int a, int b) { return Integer.compareUnsigned(a, b) >= 0 ? 1 : 0; }

    public static int i32Clz(int a) { return Integer.numberOfLeadingZeros(a); }
    public static int i32Ctz(int a) { return Integer.numberOfTrailingZeros(a); }
    public static int i32Popcnt(int a) { return Integer.bitCount(a); }
    public static int i32Add(int a, int b) { return a + b; }
    public static int i32Sub(int a, int b) { return a - b; }
    public static int i32Mul(int a, int b) { return a * b; }

    /** {@code i32.div_s}: traps on division by zero and on {@code MIN / -1}. */
    public static int i32DivS(int a, int b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        if (a == Integer.MIN_VALUE && b == -1) {
            throw Traps.integerOverflow();
        }
        return a / b;
    }

    public static int i32DivU(int a, int b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return Integer.divideUnsigned(a, b);
    }

    /** {@code i32.rem_s}: traps on division by zero; {@code MIN rem -1} is 0. */
    public static int i32RemS(int a, int b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return a % b;
    }

    public static int i32RemU(int a, int b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return Integer.remainderUnsigned(a, b);
    }

    public static int i32And(int a, int b) { return a & b; }
    public static int i32Or(int a, int b) { return a | b; }
    public static int i32Xor(int a, int b) { return a ^ b; }
    public static int i32Shl(int a, int b) { return a << b; }
    public static int i32ShrS(int a, int b) { return a >> b; }
    public static int i32ShrU(int a, int b) { return a >>> b; }
    public static int i32Rotl(int a, int b) { return Integer.rotateLeft(a, b); }
    public static int i32Rotr(int a, int b) { return Integer.rotateRight(a, b); }
    public static int i32Extend8S(int a) { return (byte) a; }
    public static int i32Extend16S(int a) { return (short) a; }
    public static int i32WrapI64(long a) { return (int) a; }

    // ---------------------------------------------------------------- i64

    public static int i64Eqz(long a) { return a == 0 ? 1 : 0; }
    public static int i64Eq(long a, long b) { return a == b ? 1 : 0; }
    public static int i64Ne(long a, long b) { return a != b ? 1 : 0; }
    public static int i64LtS(long a, long b) { return a < b ? 1 : 0; }
    public static int i64LtU(long a, long b) { return Long.compareUnsigned(a, b) < 0 ? 1 : 0; }
    public static int i64GtS(long a, long b) { return a > b ? 1 : 0; }
    public static int i64GtU(long a, long b) { return Long.compareUnsigned(a, b) > 0 ? 1 : 0; }
    public static int i64LeS(long a, long b) { return a <= b ? 1 : 0; }
    public static int i64LeU(long a, long b) { return Long.compareUnsigned(a, b) <= 0 ? 1 : 0; }
    public static int i64GeS(long a, long b) { return a >= b ? 1 : 0; }
    public static int i64GeU(long a, long b) { return Long.compareUnsigned(a, b) >= 0 ? 1 : 0; }

    public static long i64Clz(long a) { return Long.numberOfLeadingZeros(a); }
    public static long i64Ctz(long a) { return Long.numberOfTrailingZeros(a); }
    public static long i64Popcnt(long a) { return Long.bitCount(a); }
    public static long i64Add(long a, long b) { return a + b; }
    public static long i64Sub(long a, long b) { return a - b; }
    public static long i64Mul(long a, long b) { return a * b; }

    /** {@code i64.div_s}: traps on division by zero and on {@code MIN / -1}. */
    public static long i64DivS(long a, long b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw Traps.integerOverflow();
        }
        return a / b;
    }

    public static long i64DivU(long a, long b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return Long.divideUnsigned(a, b);
    }

    /** {@code i64.rem_s}: traps on division by zero; {@code MIN rem -1} is 0. */
    public static long i64RemS(long a, long b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return a % b;
    }

    public static long i64RemU(long a, long b) {
        if (b == 0) {
            throw Traps.integerDivideByZero();
        }
        return Long.remainderUnsigned(a, b);
    }

    public static long i64And(long a, long b) { return a & b; }
    public static long i64Or(long a, long b) { return a | b; }
    public static long i64Xor(long a, long b) { return a ^ b; }
    public static long i64Shl(long a, long b) { return a << b; }
    public static long i64ShrS(long a, long b) { return a >> b; }
    public static long i64ShrU(long a, long b) { return a >>> b; }
    public static long i64Rotl(long a, long b) { return Long.rotateLeft(a, (int) b); }
    public static long i64Rotr(long a, long b) { return Long.rotateRight(a, (int) b); }
    public static long i64Extend8S(long a) { return (byte) a; }
    public static long i64Extend16S(long a) { return (short) a; }
    public static long i64Extend32S(long a) { return (int) a; }
    public static long i64ExtendI32S(int a) { return a; }
    public static long i64ExtendI32U(int a) { return a & 0xFFFF_FFFFL; }

    // ---------------------------------------------------------------- wide arithmetic

    /** {@code i64.add128}, low half of {@code (aHi:aLo) + (bHi:bLo)}. */
    public static long i64Add128Lo(long aLo, long aHi, long bLo, long bHi) { return aLo + bLo; }

    /** {@code i64.add128}, high half of {@code (aHi:aLo) + (bHi:bLo)}. */
    public static long i64Add128Hi(long aLo, long aHi, long bLo, long bHi) {
        long carry = Long.compareUnsigned(aLo + bLo, aLo) < 0 ? 1 : 0;
        return aHi + bHi + carry;
    }

    /** {@code i64.sub128}, low half of {@code (aHi:aLo) - (bHi:bLo)}. */
    public static long i64Sub128Lo(long aLo, long aHi, long bLo, long bHi) { return aLo - bLo; }

    /** {@code i64.sub128}, high half of {@code (aHi:aLo) - (bHi:bLo)}. */
    public static long i64Sub128Hi(long aLo, long aHi, long bLo, long bHi) {
        long borrow = Long.compareUnsigned(aLo, bLo) < 0 ? 1 : 0;
        return aHi - bHi - borrow;
    }

    /** {@code i64.mul_wide_s}, low half of the signed 128-bit product. */
    public static long i64MulWideSLo(long a, long b) { return a * b; }

    /** {@code i64.mul_wide_s}, high half of the signed 128-bit product. */
    public static long i64MulWideSHi(long a, long b) { return Math.multiplyHigh(a, b); }

    /** {@code i64.mul_wide_u}, low half of the unsigned 128-bit product. */
    public static long i64MulWideULo(long a, long b) { return a * b; }

    /** {@code i64.mul_wide_u}, high half of the unsigned 128-bit product. */
    public static long i64MulWideUHi(long a, long b) { return Math.unsignedMultiplyHigh(a, b); }

    // ---------------------------------------------------------------- f32 (raw bits)

    private static float f(int bits) { return Float.intBitsToFloat(bits); }
    private static int bits(float f) { return Float.floatToRawIntBits(f); }

    static boolean isNaN32(int bits) { return (bits & ~F32_SIGN) > 0x7F80_0000; }

    public static int f32Eq(int a, int b) { return f(a) == f(b) ? 1 : 0; }
    public static int f32Ne(int a, int b) { return f(a) != f(b) ? 1 : 0; }
    public static int f32Lt(int a, int b) { return f(a) < f(b) ? 1 : 0; }
    public static int f32Gt(int a, int b) { return f(a) > f(b) ? 1 : 0; }
    public static int f32Le(int a, int b) { return f(a) <= f(b) ? 1 : 0; }
    public static int f32Ge(int a, int b) { return f(a) >= f(b) ? 1 : 0; }

    public static int f32Abs(int a) { return a & ~F32_SIGN; }
    public static int f32Neg(int a) { return a ^ F32_SIGN; }
    public static int f32Copysign(int a, int b) { return (a & ~F32_SIGN) | (b & F32_SIGN); }

    public static int f32Ceil(int a) {
        return isNaN32(a) ? a | F32_QUIET : bits((float) Math.ceil(f(a)));
    }

    public static int f32Floor(int a) {
        return isNaN32(a) ? a | F32_QUIET : bits((float) Math.floor(f(a)));
    }

    public static int f32Trunc(int a) {
        if (isNaN32(a)) {
            return a | F32_QUIET;
        }
        double d = f(a);
        return bits((float) (d < 0 ? Math.ceil(d) : Math.floor(d)));
    }

    /** {@code f32.nearest}: round to the nearest integer, ties to even. */
    public static int f32Nearest(int a) {
        return isNaN32(a) ? a | F32_QUIET : bits((float) Math.rint(f(a)));
    }

    public static int f32Sqrt(int a) { return bits((float) Math.sqrt(f(a))); }
    public static int f32Add(int a, int b) { return bits(f(a) + f(b)); }
    public static int f32Sub(int a, int b) { return bits(f(a) - f(b)); }
    public static int f32Mul(int a, int b) { return bits(f(a) * f(b)); }
    public static int f32Div(int a, int b) { return bits(f(a) / f(b)); }

    /** {@code f32.min}: NaN if either operand is NaN; -0 is less than +0. */
    public static int f32Min(int a, int b) {
        float x = f(a);
        float y = f(b);
        if (x < y) {
            return a;
        }
        if (y < x) {
            return b;
        }
        if (x == y) {
            return a | b; // equal: same value, or zeros of which -0 wins
        }
        return isNaN32(a) ? a | F32_QUIET : b | F32_QUIET;
    }

    /** {@code f32.max}: NaN if either operand is NaN; +0 is greater than -0. */
    public static int f32Max(int a, int b) {
        float x = f(a);
        float y = f(b);
        if (x > y) {
            return a;
        }
        if (y > x) {
            return b;
        }
        if (x == y) {
            return a & b; // equal: same value, or zeros of which +0 wins
        }
        return isNaN32(a) ? a | F32_QUIET : b | F32_QUIET;
    }

    // ---------------------------------------------------------------- f64 (raw bits)

    private static double d(long bits) { return Double.longBitsToDouble(bits); }
    private static long bits(double d) { return Double.doubleToRawLongBits(d); }

    static boolean isNaN64(long bits) { return (bits & ~F64_SIGN) > 0x7FF0_0000_0000_0000L; }

    public static int f64Eq(long a, long b) { return d(a) == d(b) ? 1 : 0; }
    public static int f64Ne(long a, long b) { return d(a) != d(b) ? 1 : 0; }
    public static int f64Lt(long a, long b) { return d(a) < d(b) ? 1 : 0; }
    public static int f64Gt(long a, long b) { return d(a) > d(b) ? 1 : 0; }
    public static int f64Le(long a, long b) { return d(a) <= d(b) ? 1 : 0; }
    public static int f64Ge(long a, long b) { return d(a) >= d(b) ? 1 : 0; }

    public static long f64Abs(long a) { return a & ~F64_SIGN; }
    public static long f64Neg(long a) { return a ^ F64_SIGN; }
    public static long f64Copysign(long a, long b) { return (a & ~F64_SIGN) | (b & F64_SIGN); }

    public static long f64Ceil(long a) { return isNaN64(a) ? a | F64_QUIET : bits(Math.ceil(d(a))); }
    public static long f64Floor(long a) { return isNaN64(a) ? a | F64_QUIET : bits(Math.floor(d(a))); }

    public static long f64Trunc(long a) {
        if (isNaN64(a)) {
            return a | F64_QUIET;
        }
        double x = d(a);
        return bits(x < 0 ? Math.ceil(x) : Math.floor(x));
    }

    /** {@code f64.nearest}: round to the nearest integer, ties to even. */
    public static long f64Nearest(long a) { return isNaN64(a) ? a | F64_QUIET : bits(Math.rint(d(a))); }

    public static long f64Sqrt(long a) { return bits(Math.sqrt(d(a))); }
    public static long f64Add(long a, long b) { return bits(d(a) + d(b)); }
    public static long f64Sub(long a, long b) { return bits(d(a) - d(b)); }
    public static long f64Mul(long a, long b) { return bits(d(a) * d(b)); }
    public static long f64Div(long a, long b) { return bits(d(a) / d(b)); }

    /** {@code f64.min}: NaN if either operand is NaN; -0 is less than +0. */
    public static long f64Min(long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x < y) {
            return a;
        }
        if (y < x) {
            return b;
        }
        if (x == y) {
            return a | b;
        }
        return isNaN64(a) ? a | F64_QUIET : b | F64_QUIET;
    }

    /** {@code f64.max}: NaN if either operand is NaN; +0 is greater than -0. */
    public static long f64Max(long a, long b) {
        double x = d(a);
        double y = d(b);
        if (x > y) {
            return a;
        }
        if (y > x) {
            return b;
        }
        if (x == y) {
            return a & b;
        }
        return isNaN64(a) ? a | F64_QUIET : b | F64_QUIET;
    }

    // ---------------------------------------------------------------- conversions

    private static final double TWO_63 = 0x1p63;
    private static final double TWO_64 = 0x1p64;

    /** The unsigned 64-bit value of an integral double in [0, 2^64). */
    private static long toU64(double d) {
        return d < TWO_63 ? (long) d : (long) (d - TWO_63) ^ Long.MIN_VALUE;
    }

    private static RuntimeException truncTrap(double d) {
        return d != d ? Traps.invalidConversionToInteger() : Traps.integerOverflow();
    }

    /** {@code i32.trunc_f32_s}: traps on NaN ("invalid conversion to integer") and out of range. */
    public static int i32TruncF32S(int a) {
        float x = f(a);
        if (x >= -0x1p31f && x < 0x1p31f) {
            return (int) x;
        }
        throw truncTrap(x);
    }

    public static int i32TruncF32U(int a) {
        float x = f(a);
        if (x > -1f && x < 0x1p32f) {
            return (int) (long) x;
        }
        throw truncTrap(x);
    }

    /** {@code i32.trunc_f64_s}: traps on NaN ("invalid conversion to integer") and out of range. */
    public static int i32TruncF64S(long a) {
        double x = d(a);
        if (x > -2147483649.0 && x < 2147483648.0) {
            return (int) x;
        }
        throw truncTrap(x);
    }

    public static int i32TruncF64U(long a) {
        double x = d(a);
        if (x > -1.0 && x < 4294967296.0) {
            return (int) (long) x;
        }
        throw truncTrap(x);
    }

    public static long i64TruncF32S(int a) {
        float x = f(a);
        if (x >= -0x1p63f && x < 0x1p63f) {
            return (long) x;
        }
        throw truncTrap(x);
    }

    public static long i64TruncF32U(int a) {
        float x = f(a);
        if (x > -1f && x < 0x1p64f) {
            return toU64(x);
        }
        throw truncTrap(x);
    }

    public static long i64TruncF64S(long a) {
        double x = d(a);
        if (x >= -TWO_63 && x < TWO_63) {
            return (long) x;
        }
        throw truncTrap(x);
    }

    public static long i64TruncF64U(long a) {
        double x = d(a);
        if (x > -1.0 && x < TWO_64) {
            return toU64(x);
        }
        throw truncTrap(x);
    }

    /** {@code i32.trunc_sat_f32_s}: NaN is 0, out of range saturates. */
    public static int i32TruncSatF32S(int a) { return (int) f(a); }
    public static int i32TruncSatF32U(int a) { return truncSatU32(f(a)); }
    public static int i32TruncSatF64S(long a) { return (int) d(a); }
    public static int i32TruncSatF64U(long a) { return truncSatU32(d(a)); }
    public static long i64TruncSatF32S(int a) { return (long) f(a); }
    public static long i64TruncSatF32U(int a) { return truncSatU64(f(a)); }
    public static long i64TruncSatF64S(long a) { return (long) d(a); }
    public static long i64TruncSatF64U(long a) { return truncSatU64(d(a)); }

    static int truncSatU32(double x) {
        return x >= 4294967296.0 ? -1 : (int) (long) Math.max(x, 0.0); // NaN: (long) NaN is 0
    }

    static long truncSatU64(double x) {
        if (!(x > 0)) {
            return 0; // NaN, negative, zero
        }
        return x >= TWO_64 ? -1L : toU64(x);
    }

    public static int f32ConvertI32S(int a) { return bits((float) a); }
    public static int f32ConvertI32U(int a) { return bits((float) (a & 0xFFFF_FFFFL)); }
    public static int f32ConvertI64S(long a) { return bits((float) a); }

    /** {@code f32.convert_i64_u}, correctly rounded (halve with a sticky bit, convert, double). */
    public static int f32ConvertI64U(long a) {
        if (a >= 0) {
            return bits((float) a);
        }
        return bits((float) ((a >>> 1) | (a & 1)) * 2f);
    }

    public static long f64ConvertI32S(int a) { return bits((double) a); }
    public static long f64ConvertI32U(int a) { return bits((double) (a & 0xFFFF_FFFFL)); }
    public static long f64ConvertI64S(long a) { return bits((double) a); }

    /** {@code f64.convert_i64_u}, correctly rounded (halve with a sticky bit, convert, double). */
    public static long f64ConvertI64U(long a) {
        if (a >= 0) {
            return bits((double) a);
        }
        return bits((double) ((a >>> 1) | (a & 1)) * 2.0);
    }

    /** {@code f32.demote_f64}: rounds to nearest; a NaN keeps its sign and top payload bits, quieted. */
    public static int f32DemoteF64(long a) {
        if (isNaN64(a)) {
            return (int) (a >>> 32) & F32_SIGN | 0x7FC0_0000 | (int) (a >>> 29) & 0x7F_FFFF;
        }
        return bits((float) d(a));
    }

    /** {@code f64.promote_f32}: exact; a NaN keeps its sign and payload, quieted. */
    public static long f64PromoteF32(int a) {
        if (isNaN32(a)) {
            return (long) (a & F32_SIGN) << 32 | 0x7FF8_0000_0000_0000L | (long) (a & 0x7F_FFFF) << 29;
        }
        return bits((double) f(a));
    }

    public static int i32ReinterpretF32(int a) { return a; }
    public static long i64ReinterpretF64(long a) { return a; }
    public static int f32ReinterpretI32(int a) { return a; }
    public static long f64ReinterpretI64(long a) { return a; }
}
