package dev.wasmj.cli.wast;

import dev.wasmj.AnyRef;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.text.WastValue;
import java.util.List;

/** Values of .wast scripts: arguments made into {@link Val}s, and results compared with expectations. */
public final class ScriptValues {
    private ScriptValues() {}

    /** The argument {@code value} for a parameter of type {@code type}. */
    public static Val argument(WastValue value, ValType type) {
        return switch (value) {
            case WastValue.I32(int v) -> Val.i32(v);
            case WastValue.I64(long v) -> Val.i64(v);
            case WastValue.F32(int bits) -> Val.f32Bits(bits);
            case WastValue.F64(long bits) -> Val.f64Bits(bits);
            case WastValue.V128(long lo, long hi) -> Val.v128(lo, hi);
            case WastValue.RefNull r -> type.isRef() ? Val.nullOf(type.refType().heapType()) : Val.externref(null);
            case WastValue.RefExtern(long n) -> host(n, type);
            case WastValue.RefHost(long n) -> host(n, type);
            default -> throw new IllegalArgumentException("not an argument: " + value);
        };
    }

    /** A host reference as an externref, or internalized when the parameter is an anyref. */
    private static Val host(long n, ValType type) {
        if (type.isRef() && type.refType().heapType().kind() == dev.wasmj.HeapType.Kind.ANY) {
            return Val.anyref(AnyRef.fromExtern(new HostRef(n)));
        }
        return Val.externref(new HostRef(n));
    }

    /** Whether {@code actual} matches the expected result {@code expected}. */
    static boolean matches(Val actual, WastValue expected) {
        return switch (expected) {
            case WastValue.I32(int v) -> actual instanceof Val.I32(int a) && a == v;
            case WastValue.I64(long v) -> actual instanceof Val.I64(long a) && a == v;
            case WastValue.F32(int bits) -> actual instanceof Val.F32(int a) && a == bits;
            case WastValue.F64(long bits) -> actual instanceof Val.F64(long a) && a == bits;
            case WastValue.V128(long lo, long hi) -> actual instanceof Val.V128(long l, long h) && l == lo && h == hi;
            case WastValue.Nan(int type, boolean canonical) -> switch (actual) {
                case Val.F32(int bits) when type == dev.wasmj.format.ValType.F32 -> isNan32(bits, canonical);
                case Val.F64(long bits) when type == dev.wasmj.format.ValType.F64 -> isNan64(bits, canonical);
                default -> false;
            };
            case WastValue.V128Lanes lanes -> actual instanceof Val.V128(long lo, long hi) && lanesMatch(lo, hi, lanes);
            case WastValue.RefNull r -> isNull(actual);
            case WastValue.RefExtern(long n) -> isHost(actual, n);
            case WastValue.RefHost(long n) -> isHost(actual, n);
            case WastValue.RefKind(int heapType) -> isKind(actual, heapType);
            case WastValue.Either(List<WastValue> alternatives) -> alternatives.stream().anyMatch(a -> matches(actual, a));
        };
    }

    private static boolean isNan32(int bits, boolean canonical) {
        int mask = canonical ? 0x7FFF_FFFF : 0x7FC0_0000;
        return (bits & mask) == 0x7FC0_0000;
    }

    private static boolean isNan64(long bits, boolean canonical) {
        long mask = canonical ? 0x7FFF_FFFF_FFFF_FFFFL : 0x7FF8_0000_0000_0000L;
        return (bits & mask) == 0x7FF8_0000_0000_0000L;
    }

    private static boolean lanesMatch(long lo, long hi, WastValue.V128Lanes lanes) {
        List<WastValue> ls = lanes.lanes();
        boolean f32 = lanes.shape().equals("f32x4");
        for (int i = 0; i < ls.size(); i++) {
            boolean ok;
            if (f32) {
                long half = i < 2 ? lo : hi;
                int bits = (int) (half >>> (32 * (i & 1)));
                ok = switch (ls.get(i)) {
                    case WastValue.F32(int b) -> b == bits;
                    case WastValue.Nan(int t, boolean canonical) -> isNan32(bits, canonical);
                    default -> false;
                };
            } else {
                long bits = i == 0 ? lo : hi;
                ok = switch (ls.get(i)) {
                    case WastValue.F64(long b) -> b == bits;
                    case WastValue.Nan(int t, boolean canonical) -> isNan64(bits, canonical);
                    default -> false;
                };
            }
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean isNull(Val v) {
        return switch (v) {
            case Val.FuncRef(var f) -> f == null;
            case Val.ExternRef(var o) -> o == null;
            case Val.AnyRef(var a) -> a == null;
            case Val.ExnRef(var e) -> e == null;
            default -> false;
        };
    }

    private static boolean isHost(Val v, long n) {
        return switch (v) {
            case Val.ExternRef(var o) -> isHostRef(o, n) || o instanceof AnyRef a && a.isHostObject() && isHostRef(a.hostObject(), n);
            case Val.AnyRef(var a) -> a != null && a.isHostObject() && isHostRef(a.hostObject(), n);
            default -> false;
        };
    }

    private static boolean isHostRef(Object o, long n) {
        return o instanceof HostRef(long m) && m == n;
    }

    private static boolean isKind(Val v, int heapType) {
        return switch (heapType) {
            case HeapType.FUNC -> v instanceof Val.FuncRef(var f) && f != null;
            case HeapType.EXTERN -> v instanceof Val.ExternRef(var o) && o != null;
            case HeapType.EXN -> v instanceof Val.ExnRef(var e) && e != null;
            case HeapType.ANY -> v instanceof Val.AnyRef(var a) && a != null;
            case HeapType.EQ -> v instanceof Val.AnyRef(var a) && a != null && a.isEq();
            case HeapType.I31 -> v instanceof Val.AnyRef(var a) && a != null && a.isI31();
            case HeapType.STRUCT -> v instanceof Val.AnyRef(var a) && a != null && a.isStruct();
            case HeapType.ARRAY -> v instanceof Val.AnyRef(var a) && a != null && a.isArray();
            default -> false;
        };
    }

    /** The text form of an actual value, for failure messages. */
    static String describe(Val v) {
        return switch (v) {
            case Val.I32(int x) -> "(i32.const " + x + ")";
            case Val.I64(long x) -> "(i64.const " + x + ")";
            case Val.F32(int bits) -> "(f32.const " + Float.intBitsToFloat(bits) + " 0x" + Integer.toHexString(bits) + ")";
            case Val.F64(long bits) -> "(f64.const " + Double.longBitsToDouble(bits) + " 0x" + Long.toHexString(bits) + ")";
            case Val.V128(long lo, long hi) -> String.format("(v128 0x%016x%016x)", hi, lo);
            case Val.FuncRef(var f) -> f == null ? "(ref.null func)" : "(ref.func)";
            case Val.ExternRef(var o) -> o == null ? "(ref.null extern)" : o instanceof HostRef h ? h.toString() : "(ref.extern " + o + ")";
            case Val.AnyRef(var a) -> a == null ? "(ref.null any)" : a.toString();
            case Val.ExnRef(var e) -> e == null ? "(ref.null exn)" : "(ref.exn)";
        };
    }

    /** The text form of an expected value, for failure messages. */
    static String describe(WastValue v) {
        return switch (v) {
            case WastValue.I32(int x) -> "(i32.const " + x + ")";
            case WastValue.I64(long x) -> "(i64.const " + x + ")";
            case WastValue.F32(int bits) -> "(f32.const " + Float.intBitsToFloat(bits) + " 0x" + Integer.toHexString(bits) + ")";
            case WastValue.F64(long bits) -> "(f64.const " + Double.longBitsToDouble(bits) + " 0x" + Long.toHexString(bits) + ")";
            case WastValue.V128(long lo, long hi) -> String.format("(v128 0x%016x%016x)", hi, lo);
            case WastValue.Nan(int t, boolean canonical) -> (t == dev.wasmj.format.ValType.F32 ? "f32" : "f64")
                    + (canonical ? " nan:canonical" : " nan:arithmetic");
            case WastValue.V128Lanes l -> "(v128.const " + l.shape() + " "
                    + l.lanes().stream().map(ScriptValues::describe).toList() + ")";
            case WastValue.RefNull r -> "(ref.null)";
            case WastValue.RefExtern(long n) -> "(ref.extern " + n + ")";
            case WastValue.RefHost(long n) -> "(ref.host " + n + ")";
            case WastValue.RefKind(int h) -> "(ref." + HeapType.name(h) + ")";
            case WastValue.Either(List<WastValue> alts) -> "(either " + alts.stream().map(ScriptValues::describe).toList() + ")";
        };
    }
}
