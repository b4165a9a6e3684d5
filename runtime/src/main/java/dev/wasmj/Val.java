package dev.wasmj;

/**
 * A WebAssembly value: an argument or result of a {@link Func}, the value of a {@link Global}, an
 * element of a {@link Table}.
 *
 * <p>Floats are kept as their bits, so NaN payloads pass through unchanged; {@link F32#value()}
 * and {@link F64#value()} give the Java number. A reference is null or a handle: a {@link Func}
 * ({@link FuncRef}), any Java object the host passes as an {@code externref} ({@link ExternRef}), a
 * GC value ({@link AnyRef}), or an exception ({@link ExnRef}).
 */
public sealed interface Val {
    /** No values: the result of a function without results. */
    Val[] NONE = new Val[0];

    /** The kind of this value's type. */
    ValType.Kind kind();

    /** An {@code i32}. */
    record I32(int value) implements Val {
        @Override
        public ValType.Kind kind() {
            return ValType.Kind.I32;
        }
    }

    /** An {@code i64}. */
    record I64(long value) implements Val {
        @Override
        public ValType.Kind kind() {
            return ValType.Kind.I64;
        }
    }

    /** An {@code f32}, as its bits. */
    record F32(int bits) implements Val {
        public float value() {
            return Float.intBitsToFloat(bits);
        }

        @Override
        public ValType.Kind kind() {
            return ValType.Kind.F32;
        }

        @Override
        public String toString() {
            return "F32[" + value() + " (0x" + Integer.toHexString(bits) + ")]";
        }
    }

    /** An {@code f64}, as its bits. */
    record F64(long bits) implements Val {
        public double value() {
            return Double.longBitsToDouble(bits);
        }

        @Override
        public ValType.Kind kind() {
            return ValType.Kind.F64;
        }

        @Override
        public String toString() {
            return "F64[" + value() + " (0x" + Long.toHexString(bits) + ")]";
        }
    }

    /** A {@code v128}: {@code low} holds bytes 0..7 (little-endian), {@code high} bytes 8..15. */
    record V128(long low, long high) implements Val {
        @Override
        public ValType.Kind kind() {
            return ValType.Kind.V128;
        }

        @Override
        public String toString() {
            return String.format("V128[0x%016x%016x]", high, low);
        }
    }

    /** A {@code funcref}: a function, or null. */
    record FuncRef(Func func) implements Val {
        @Override
        public ValType.Kind kind() {
            return ValType.Kind.REF;
        }
    }

    /**
     * An {@code externref}: any Java object of the host, or null. An {@code anyref} that WebAssembly
     * code externalized ({@code extern.convert_any}) appears as an {@link AnyRef} object.
     */
    record ExternRef(Object value) implements Val {
        @Override
        public ValType.Kind kind() {
            return ValType.Kind.REF;
        }
    }

    /** An {@code anyref} (or any of its subtypes: {@code eqref}, {@code i31ref}, structs, arrays), or null. */
    record AnyRef(dev.wasmj.AnyRef value) implements Val {
        @Override
        public ValType.Kind kind() {
            return ValType.Kind.REF;
        }
    }

    /** An {@code exnref}: a caught exception, or null. */
    record ExnRef(dev.wasmj.ExnRef value) implements Val {
        @Override
        public ValType.Kind kind() {
            return ValType.Kind.REF;
        }
    }

    static Val i32(int value) {
        return new I32(value);
    }

    static Val i64(long value) {
        return new I64(value);
    }

    static Val f32(float value) {
        return new F32(Float.floatToRawIntBits(value));
    }

    static Val f64(double value) {
        return new F64(Double.doubleToRawLongBits(value));
    }

    /** An {@code f32} with exactly the bits {@code bits} (NaN payloads included). */
    static Val f32Bits(int bits) {
        return new F32(bits);
    }

    /** An {@code f64} with exactly the bits {@code bits} (NaN payloads included). */
    static Val f64Bits(long bits) {
        return new F64(bits);
    }

    static Val v128(long low, long high) {
        return new V128(low, high);
    }

    /** A {@code funcref} to {@code func} (null for the null reference). */
    static Val funcref(Func func) {
        return new FuncRef(func);
    }

    /** An {@code externref} to the host object {@code value} (null for the null reference). */
    static Val externref(Object value) {
        return new ExternRef(value);
    }

    /** An {@code anyref} ({@code null} for the null reference). */
    static Val anyref(dev.wasmj.AnyRef value) {
        return new AnyRef(value);
    }

    /** An {@code exnref} ({@code null} for the null reference). */
    static Val exnref(dev.wasmj.ExnRef value) {
        return new ExnRef(value);
    }

    /** The default value of {@code type}: zero, or the null reference. */
    static Val defaultFor(ValType type) {
        return switch (type.kind()) {
            case I32 -> new I32(0);
            case I64 -> new I64(0);
            case F32 -> new F32(0);
            case F64 -> new F64(0);
            case V128 -> new V128(0, 0);
            case REF -> nullOf(type.refType().heapType());
        };
    }

    /** The null reference of the hierarchy of {@code heapType}. */
    static Val nullOf(HeapType heapType) {
        return switch (heapType.kind()) {
            case FUNC, NOFUNC, CONCRETE_FUNC -> new FuncRef(null);
            case EXTERN, NOEXTERN -> new ExternRef(null);
            case EXN, NOEXN -> new ExnRef(null);
            default -> new AnyRef(null);
        };
    }

    /** The {@code i32} of this value; fails if it is not one. */
    default int i32() {
        if (this instanceof I32(int v)) return v;
        throw new IllegalStateException("not an i32: " + this);
    }

    /** The {@code i64} of this value; fails if it is not one. */
    default long i64() {
        if (this instanceof I64(long v)) return v;
        throw new IllegalStateException("not an i64: " + this);
    }

    /** The {@code f32} of this value; fails if it is not one. */
    default float f32() {
        if (this instanceof F32 f) return f.value();
        throw new IllegalStateException("not an f32: " + this);
    }

    /** The {@code f64} of this value; fails if it is not one. */
    default double f64() {
        if (this instanceof F64 f) return f.value();
        throw new IllegalStateException("not an f64: " + this);
    }
}
