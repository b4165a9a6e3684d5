package dev.wasmj;

import static dev.wasmj.format.ValType.F64;
import static dev.wasmj.format.ValType.I32;
import static dev.wasmj.format.ValType.I64;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleSupplier;
import java.util.function.DoubleUnaryOperator;
import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;
import java.util.function.IntSupplier;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.LongToIntFunction;
import java.util.function.LongUnaryOperator;

/**
 * Typed views of functions ({@link Func#typed(Class)}): the JDK's primitive functional interfaces
 * for the common signatures, calling without boxing.
 *
 * <table>
 * <caption>Interfaces and the function types they view</caption>
 * <tr><th>interface</th><th>function type</th></tr>
 * <tr><td>{@link Runnable}</td><td>{@code [] -> []}</td></tr>
 * <tr><td>{@link IntSupplier}</td><td>{@code [] -> [i32]}</td></tr>
 * <tr><td>{@link LongSupplier}</td><td>{@code [] -> [i64]}</td></tr>
 * <tr><td>{@link DoubleSupplier}</td><td>{@code [] -> [f64]}</td></tr>
 * <tr><td>{@link IntConsumer}</td><td>{@code [i32] -> []}</td></tr>
 * <tr><td>{@link LongConsumer}</td><td>{@code [i64] -> []}</td></tr>
 * <tr><td>{@link IntUnaryOperator}</td><td>{@code [i32] -> [i32]}</td></tr>
 * <tr><td>{@link IntBinaryOperator}</td><td>{@code [i32 i32] -> [i32]}</td></tr>
 * <tr><td>{@link LongUnaryOperator}</td><td>{@code [i64] -> [i64]}</td></tr>
 * <tr><td>{@link LongBinaryOperator}</td><td>{@code [i64 i64] -> [i64]}</td></tr>
 * <tr><td>{@link IntToLongFunction}</td><td>{@code [i32] -> [i64]}</td></tr>
 * <tr><td>{@link LongToIntFunction}</td><td>{@code [i64] -> [i32]}</td></tr>
 * <tr><td>{@link DoubleUnaryOperator}</td><td>{@code [f64] -> [f64]}</td></tr>
 * <tr><td>{@link DoubleBinaryOperator}</td><td>{@code [f64 f64] -> [f64]}</td></tr>
 * </table>
 */
final class TypedFunc {
    private TypedFunc() {}

    /** The refs array of number-only calls: it only ever holds nulls, so all views share it. */
    private static final Object[] NO_REFS = new Object[2];

    static <F> F of(Func f, Class<F> iface) {
        Object view;
        if (iface == Runnable.class) {
            check(f, iface, new int[0], new int[0]);
            view = (Runnable) () -> f.callSlots(new long[2], NO_REFS);
        } else if (iface == IntSupplier.class) {
            check(f, iface, new int[0], new int[] {I32});
            view = (IntSupplier) () -> (int) call0(f);
        } else if (iface == LongSupplier.class) {
            check(f, iface, new int[0], new int[] {I64});
            view = (LongSupplier) () -> call0(f);
        } else if (iface == DoubleSupplier.class) {
            check(f, iface, new int[0], new int[] {F64});
            view = (DoubleSupplier) () -> Double.longBitsToDouble(call0(f));
        } else if (iface == IntConsumer.class) {
            check(f, iface, new int[] {I32}, new int[0]);
            view = (IntConsumer) a -> call1(f, a);
        } else if (iface == LongConsumer.class) {
            check(f, iface, new int[] {I64}, new int[0]);
            view = (LongConsumer) a -> call1(f, a);
        } else if (iface == IntUnaryOperator.class) {
            check(f, iface, new int[] {I32}, new int[] {I32});
            view = (IntUnaryOperator) a -> (int) call1(f, a);
        } else if (iface == IntBinaryOperator.class) {
            check(f, iface, new int[] {I32, I32}, new int[] {I32});
            view = (IntBinaryOperator) (a, b) -> (int) call2(f, a, b);
        } else if (iface == LongUnaryOperator.class) {
            check(f, iface, new int[] {I64}, new int[] {I64});
            view = (LongUnaryOperator) a -> call1(f, a);
        } else if (iface == LongBinaryOperator.class) {
            check(f, iface, new int[] {I64, I64}, new int[] {I64});
            view = (LongBinaryOperator) (a, b) -> call2(f, a, b);
        } else if (iface == IntToLongFunction.class) {
            check(f, iface, new int[] {I32}, new int[] {I64});
            view = (IntToLongFunction) a -> call1(f, a);
        } else if (iface == LongToIntFunction.class) {
            check(f, iface, new int[] {I64}, new int[] {I32});
            view = (LongToIntFunction) a -> (int) call1(f, a);
        } else if (iface == DoubleUnaryOperator.class) {
            check(f, iface, new int[] {F64}, new int[] {F64});
            view = (DoubleUnaryOperator) a -> Double.longBitsToDouble(call1(f, Double.doubleToRawLongBits(a)));
        } else if (iface == DoubleBinaryOperator.class) {
            check(f, iface, new int[] {F64, F64}, new int[] {F64});
            view = (DoubleBinaryOperator) (a, b) -> Double.longBitsToDouble(
                    call2(f, Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)));
        } else {
            throw new IllegalArgumentException("no typed view for " + iface.getName()
                    + "; use Func.call, or one of the interfaces listed in Func.typed");
        }
        return iface.cast(view);
    }

    private static long call0(Func f) {
        long[] slots = new long[2];
        f.callSlots(slots, NO_REFS);
        return slots[0];
    }

    private static long call1(Func f, long a) {
        long[] slots = {a, 0};
        f.callSlots(slots, NO_REFS);
        return slots[0];
    }

    private static long call2(Func f, long a, long b) {
        long[] slots = {a, b};
        f.callSlots(slots, NO_REFS);
        return slots[0];
    }

    private static void check(Func f, Class<?> iface, int[] params, int[] results) {
        var type = f.instance.funcType();
        if (!Arrays.equals(type.params(), params) || !Arrays.equals(type.results(), results)) {
            throw new IllegalArgumentException("a function of type " + f.type() + " cannot be viewed as "
                    + iface.getSimpleName());
        }
    }
}
