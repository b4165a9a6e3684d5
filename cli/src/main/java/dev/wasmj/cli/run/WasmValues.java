package dev.wasmj.cli.run;

import dev.wasmj.Val;
import dev.wasmj.ValType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * WebAssembly numbers as {@code wasmtime run --invoke} writes them on its command line and prints
 * them: integers in decimal (arguments also in {@code 0x} hexadecimal), floats as plain decimals
 * ({@code 1.5}, {@code 100}, {@code 0.001}, {@code inf}, {@code NaN}).
 */
public final class WasmValues {
    private static final Pattern DECIMAL_FLOAT = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");

    private WasmValues() {}

    /**
     * The value of type {@code type} that {@code text} writes.
     *
     * @throws IllegalArgumentException if {@code text} is not a number of that type, or the type
     *     is not a number type ({@code v128} and references cannot be written)
     */
    public static Val parse(ValType type, String text) {
        return switch (type.kind()) {
            case I32 -> Val.i32((int) parseInteger(text, 32));
            case I64 -> Val.i64(parseInteger(text, 64));
            case F32 -> Val.f32(parseFloat(text, "f32").floatValue());
            case F64 -> Val.f64(parseFloat(text, "f64").doubleValue());
            case V128, REF -> throw new IllegalArgumentException("a " + type + " cannot be given on the command line");
        };
    }

    /**
     * A signed decimal or a {@code 0x} hexadecimal bit pattern of {@code bits} bits (so
     * {@code 0xffffffff} is the i32 -1).
     */
    private static long parseInteger(String text, int bits) {
        BigInteger value;
        try {
            boolean hex = text.startsWith("0x") || text.startsWith("0X");
            value = hex ? new BigInteger(text.substring(2), 16) : new BigInteger(text, 10);
            if (hex && value.signum() >= 0 && value.bitLength() <= bits) {
                return value.longValue();
            }
        } catch (NumberFormatException e) {
            throw notA("i" + bits, text);
        }
        if (value.bitLength() >= bits) {
            throw new IllegalArgumentException("'" + text + "' is out of the range of an i" + bits);
        }
        return value.longValue();
    }

    /** A decimal, {@code inf}, {@code infinity} or {@code nan} (any case, optionally signed). */
    private static Number parseFloat(String text, String type) {
        String lower = text.toLowerCase(Locale.ROOT);
        String unsigned = lower.startsWith("-") || lower.startsWith("+") ? lower.substring(1) : lower;
        double sign = lower.startsWith("-") ? -1 : 1;
        if (unsigned.equals("inf") || unsigned.equals("infinity")) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        if (!DECIMAL_FLOAT.matcher(text).matches()) {
            throw notA(type, text);
        }
        return type.equals("f32") ? (Number) Float.parseFloat(text) : (Number) Double.parseDouble(text);
    }

    private static IllegalArgumentException notA(String type, String text) {
        return new IllegalArgumentException("'" + text + "' is not an " + type);
    }

    /**
     * {@code value} as {@code wasmtime run --invoke} prints a result: numbers in decimal (floats
     * in the shortest form that reads back to the same value, without exponent), a v128 as an
     * unsigned 128-bit number, references as {@code <funcref>}, {@code <null externref>}, ...
     */
    public static String format(Val value) {
        return switch (value) {
            case Val.I32 v -> Integer.toString(v.value());
            case Val.I64 v -> Long.toString(v.value());
            case Val.F32 v -> plainDecimal(v.value(), Float.toString(v.value()));
            case Val.F64 v -> plainDecimal(v.value(), Double.toString(v.value()));
            case Val.V128 v -> new BigInteger(1, bigEndian(v.high(), v.low())).toString();
            case Val.FuncRef v -> reference("funcref", v.func() == null);
            case Val.ExternRef v -> reference("externref", v.value() == null);
            case Val.AnyRef v -> reference("anyref", v.value() == null);
            case Val.ExnRef v -> reference("exnref", v.value() == null);
        };
    }

    /** {@code shortest} (Java's shortest decimal that reads back as {@code value}) without exponent. */
    private static String plainDecimal(double value, String shortest) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        return new BigDecimal(shortest).stripTrailingZeros().toPlainString();
    }

    private static byte[] bigEndian(long high, long low) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (high >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (low >>> (56 - 8 * i));
        }
        return bytes;
    }

    private static String reference(String type, boolean isNull) {
        return isNull ? "<null " + type + ">" : "<" + type + ">";
    }
}
