package dev.wasmj.format.text;

import java.util.List;

/**
 * A value in a .wast script: an argument of an action, or an expected result of
 * {@code assert_return}. Numbers are kept as bit patterns, so NaN payloads and signed zeros are
 * exact.
 */
public sealed interface WastValue {

    /** {@code (i32.const n)}. */
    record I32(int value) implements WastValue {}

    /** {@code (i64.const n)}. */
    record I64(long value) implements WastValue {}

    /** {@code (f32.const x)}, as the float's bits. */
    record F32(int bits) implements WastValue {}

    /** {@code (f64.const x)}, as the double's bits. */
    record F64(long bits) implements WastValue {}

    /** {@code (v128.const shape lanes...)} with exact lanes, as 128 little-endian bits. */
    record V128(long low, long high) implements WastValue {
        /** The byte at lane position {@code i} (0..15). */
        public int byteAt(int i) {
            return (int) ((i < 8 ? low >>> (8 * i) : high >>> (8 * (i - 8))) & 0xFF);
        }
    }

    /**
     * An expected NaN: {@code nan:canonical} or {@code nan:arithmetic}, of type f32 or f64
     * ({@link dev.wasmj.format.ValType#F32} / {@code F64}).
     */
    record Nan(int valType, boolean canonical) implements WastValue {}

    /**
     * An expected v128 given lane by lane because some lanes are NaN patterns. {@code shape} is
     * {@code f32x4} or {@code f64x2}; lanes are {@link F32}/{@link F64} or {@link Nan} values.
     */
    record V128Lanes(String shape, List<WastValue> lanes) implements WastValue {
        public V128Lanes {
            lanes = List.copyOf(lanes);
        }
    }

    /**
     * {@code (ref.null ht)}: a null reference; {@code heapType} is a {@link dev.wasmj.format.HeapType}
     * or -1 for an expected {@code (ref.null)} that matches any null.
     */
    record RefNull(int heapType) implements WastValue {}

    /** {@code (ref.extern n)}: a host reference made by the embedder, with its number. */
    record RefExtern(long payload) implements WastValue {}

    /** {@code (ref.host n)}: a host reference (legacy spelling), with its number. */
    record RefHost(long payload) implements WastValue {}

    /**
     * An expected non-null reference of an abstract heap type, written {@code (ref.func)},
     * {@code (ref.extern)}, {@code (ref.struct)}, {@code (ref.array)}, {@code (ref.i31)},
     * {@code (ref.eq)}, {@code (ref.any)} or {@code (ref.exn)}; {@code heapType} is a
     * {@link dev.wasmj.format.HeapType} constant.
     */
    record RefKind(int heapType) implements WastValue {}

    /** {@code (either r1 r2 ...)}: the result must match one of the alternatives. */
    record Either(List<WastValue> alternatives) implements WastValue {
        public Either {
            alternatives = List.copyOf(alternatives);
        }
    }
}
