package dev.wasmj;

import static dev.wasmj.format.ValType.F64;
import static dev.wasmj.format.ValType.I32;
import static dev.wasmj.format.ValType.I64;

import dev.wasmj.internal.runtime.HostCode;
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
 * Typed views of functions ({@link Func#typed(Class)}) and typed host functions
 * ({@link Func#wrap}, {@link Linker#funcWrap}): the JDK's primitive functional interfaces for the
 * common signatures, called without boxing.
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
            check(f, iface);
            view = (Runnable) () -> f.callSlots(new long[2], NO_REFS);
        } else if (iface == IntSupplier.class) {
            check(f, iface);
            view = (IntSupplier) () -> (int) call0(f);
        } else if (iface == LongSupplier.class) {
            check(f, iface);
            view = (LongSupplier) () -> call0(f);
        } else if (iface == DoubleSupplier.class) {
            check(f, iface);
            view = (DoubleSupplier) () -> Double.longBitsToDouble(call0(f));
        } else if (iface == IntConsumer.class) {
            check(f, iface);
            view = (IntConsumer) a -> call1(f, a);
        } else if (iface == LongConsumer.class) {
            check(f, iface);
            view = (LongConsumer) a -> call1(f, a);
        } else if (iface == IntUnaryOperator.class) {
            check(f, iface);
            view = (IntUnaryOperator) a -> (int) call1(f, a);
        } else if (iface == IntBinaryOperator.class) {
            check(f, iface);
            view = (IntBinaryOperator) (a, b) -> (int) call2(f, a, b);
        } else if (iface == LongUnaryOperator.class) {
            check(f, iface);
            view = (LongUnaryOperator) a -> call1(f, a);
        } else if (iface == LongBinaryOperator.class) {
            check(f, iface);
            view = (LongBinaryOperator) (a, b) -> call2(f, a, b);
        } else if (iface == IntToLongFunction.class) {
            check(f, iface);
            view = (IntToLongFunction) a -> call1(f, a);
        } else if (iface == LongToIntFunction.class) {
            check(f, iface);
            view = (LongToIntFunction) a -> (int) call1(f, a);
        } else if (iface == DoubleUnaryOperator.class) {
            check(f, iface);
            view = (DoubleUnaryOperator) a -> Double.longBitsToDouble(call1(f, Double.doubleToRawLongBits(a)));
        } else if (iface == DoubleBinaryOperator.class) {
            check(f, iface);
            view = (DoubleBinaryOperator) (a, b) -> Double.longBitsToDouble(
                    call2(f, Double.doubleToRawLongBits(a), Double.doubleToRawLongBits(b)));
        } else {
            throw new IllegalArgumentException("no typed view for " + iface.getName()
                    + "; use Func.call, or one of the interfaces listed in Func.typed");
        }
        return iface.cast(view);
    }

    /** The function type an interface of the table stands for. */
    static FuncType typeOf(Class<?> iface) {
        Signature sig = signature(iface);
        return FuncType.of(FuncType.types(sig.params, null), FuncType.types(sig.results, null));
    }

    private record Signature(int[] params, int[] results) {}

    private static Signature signature(Class<?> iface) {
        int[] none = {};
        if (iface == Runnable.class) return new Signature(none, none);
        if (iface == IntSupplier.class) return new Signature(none, new int[] {I32});
        if (iface == LongSupplier.class) return new Signature(none, new int[] {I64});
        if (iface == DoubleSupplier.class) return new Signature(none, new int[] {F64});
        if (iface == IntConsumer.class) return new Signature(new int[] {I32}, none);
        if (iface == LongConsumer.class) return new Signature(new int[] {I64}, none);
        if (iface == IntUnaryOperator.class) return new Signature(new int[] {I32}, new int[] {I32});
        if (iface == IntBinaryOperator.class) return new Signature(new int[] {I32, I32}, new int[] {I32});
        if (iface == LongUnaryOperator.class) return new Signature(new int[] {I64}, new int[] {I64});
        if (iface == LongBinaryOperator.class) return new Signature(new int[] {I64, I64}, new int[] {I64});
        if (iface == IntToLongFunction.class) return new Signature(new int[] {I32}, new int[] {I64});
        if (iface == LongToIntFunction.class) return new Signature(new int[] {I64}, new int[] {I32});
        if (iface == DoubleUnaryOperator.class) return new Signature(new int[] {F64}, new int[] {F64});
        if (iface == DoubleBinaryOperator.class) return new Signature(new int[] {F64, F64}, new int[] {F64});
        throw new IllegalArgumentException("no typed function for " + iface.getName()
                + "; use one of the interfaces listed in TypedFunc (e.g. IntBinaryOperator), or Func.of");
    }

    /** The engine code of a host function implemented by {@code impl}, an {@code iface} of the table. */
    static HostCode host(Class<?> iface, Object impl) {
        signature(iface); // fails for an interface outside the table
        java.util.Objects.requireNonNull(impl, "impl");
        return switch (impl) {
            case Runnable f when iface == Runnable.class -> (ctx, s, r) -> f.run();
            case IntSupplier f when iface == IntSupplier.class -> (ctx, s, r) -> s[0] = f.getAsInt();
            case LongSupplier f when iface == LongSupplier.class -> (ctx, s, r) -> s[0] = f.getAsLong();
            case DoubleSupplier f when iface == DoubleSupplier.class ->
                    (ctx, s, r) -> s[0] = Double.doubleToRawLongBits(f.getAsDouble());
            case IntConsumer f when iface == IntConsumer.class -> (ctx, s, r) -> f.accept((int) s[0]);
            case LongConsumer f when iface == LongConsumer.class -> (ctx, s, r) -> f.accept(s[0]);
            case IntUnaryOperator f when iface == IntUnaryOperator.class -> (ctx, s, r) -> s[0] = f.applyAsInt((int) s[0]);
            case IntBinaryOperator f when iface == IntBinaryOperator.class ->
                    (ctx, s, r) -> s[0] = f.applyAsInt((int) s[0], (int) s[1]);
            case LongUnaryOperator f when iface == LongUnaryOperator.class -> (ctx, s, r) -> s[0] = f.applyAsLong(s[0]);
            case LongBinaryOperator f when iface == LongBinaryOperator.class ->
                    (ctx, s, r) -> s[0] = f.applyAsLong(s[0], s[1]);
            case IntToLongFunction f when iface == IntToLongFunction.class -> (ctx, s, r) -> s[0] = f.applyAsLong((int) s[0]);
            case LongToIntFunction f when iface == LongToIntFunction.class -> (ctx, s, r) -> s[0] = f.applyAsInt(s[0]);
            case DoubleUnaryOperator f when iface == DoubleUnaryOperator.class -> (ctx, s, r) ->
                    s[0] = Double.doubleToRawLongBits(f.applyAsDouble(Double.longBitsToDouble(s[0])));
            case DoubleBinaryOperator f when iface == DoubleBinaryOperator.class -> (ctx, s, r) ->
                    s[0] = Double.doubleToRawLongBits(f.applyAsDouble(Double.longBitsToDouble(s[0]),
                            Double.longBitsToDouble(s[1])));
            default -> throw new IllegalArgumentException(impl + " is not a " + iface.getName());
        };
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

    private static void check(Func f, Class<?> iface) {
        Signature sig = signature(iface);
        var type = f.instance.funcType();
        if (!Arrays.equals(type.params(), sig.params) || !Arrays.equals(type.results(), sig.results)) {
            throw new IllegalArgumentException("a function of type " + f.type() + " cannot be viewed as "
                    + iface.getSimpleName());
        }
    }
}
