package dev.wasmj.cli.difftest;

import dev.wasmj.AnyRef;
import dev.wasmj.ExnRef;
import dev.wasmj.Func;
import dev.wasmj.LinkException;
import dev.wasmj.Store;
import dev.wasmj.Trap;
import dev.wasmj.Val;
import dev.wasmj.WasmException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * What one engine showed, written so that two engines' observations are equal exactly when they
 * agree: numbers by their bits (signalling NaNs' payloads included; quiet NaNs, which arithmetic
 * returns with a nondeterministic sign and payload, only as NaNs), references by what the host can tell of
 * them (null or not, i31 values, struct types, array lengths, host objects, the index of a Wasm
 * function, exception payloads), traps by code and message.
 */
final class Observed {
    private Observed() {}

    /** The results of a call. */
    static String results(Store<?> store, Val[] results) {
        return "results " + Arrays.stream(results).map(v -> value(store, v)).collect(Collectors.joining(", ", "[", "]"));
    }

    /** One value. */
    static String value(Store<?> store, Val value) {
        return switch (value) {
            case Val.I32(int v) -> "i32 " + v;
            case Val.I64(long v) -> "i64 " + v;
            case Val.F32(int bits) -> isQuietNan32(bits) ? "f32 nan:arithmetic" : String.format("f32 0x%08x", bits);
            case Val.F64(long bits) -> isQuietNan64(bits) ? "f64 nan:arithmetic" : String.format("f64 0x%016x", bits);
            case Val.V128(long lo, long hi) -> String.format("v128 0x%016x%016x", hi, lo);
            case Val.FuncRef(Func f) -> f == null ? "ref.null func" : "ref " + function(f);
            case Val.ExternRef(Object o) -> o == null ? "ref.null extern" : "ref.extern " + host(o);
            case Val.AnyRef(AnyRef a) -> a == null ? "ref.null any" : "ref " + host(a);
            case Val.ExnRef(ExnRef e) -> e == null ? "ref.null exn" : "ref.exn " + exception(store, e);
        };
    }

    /*
     * A quiet NaN is what arithmetic returns, and Wasm leaves its sign and payload nondeterministic
     * when an operand is a NaN (which operand's payload f32.mul keeps depends on how the JIT ordered
     * the operands, so it differs between runs of one engine). Signalling NaNs cannot come out of
     * arithmetic, only out of moves, loads and reinterpretations, which must keep every bit: they
     * are compared exactly.
     */
    private static boolean isQuietNan32(int bits) {
        return Float.isNaN(Float.intBitsToFloat(bits)) && (bits & 0x0040_0000) != 0;
    }

    private static boolean isQuietNan64(long bits) {
        return Double.isNaN(Double.longBitsToDouble(bits)) && (bits & 0x0008_0000_0000_0000L) != 0;
    }

    /**
     * A call that threw: a trap (code and message), an uncaught Wasm exception (tag type and
     * payload), a link error, or anything else (its class and message).
     */
    static String thrown(Store<?> store, Throwable e) {
        return switch (e) {
            case Trap t -> "trap " + t.code() + " \"" + t.getMessage() + "\"";
            case WasmException w -> "exception " + exception(store, ExnRef.of(store, w));
            case LinkException l -> "link error \"" + l.getMessage() + "\"";
            default -> e.getClass().getName() + " \"" + e.getMessage() + "\"";
        };
    }

    private static String exception(Store<?> store, ExnRef e) {
        return e.tag().type() + " " + Arrays.stream(e.payload()).map(v -> value(store, v))
                .collect(Collectors.joining(", ", "[", "]"));
    }

    /** A Wasm function by its index and name ({@code func[3] $f}), a host function by its type. */
    private static String function(Func f) {
        String s = f.toString();
        return s.startsWith("Funcfunc[") ? s.substring("Func".length()) : "host function " + f.type();
    }

    private static String host(Object o) {
        return switch (o) {
            case AnyRef a when a.isHostObject() -> "host " + host(a.hostObject());
            case AnyRef a -> a.toString();
            default -> o.getClass().getSimpleName() + " " + o; // the hosts' references are records
        };
    }
}
