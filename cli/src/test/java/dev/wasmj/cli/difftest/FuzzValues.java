package dev.wasmj.cli.difftest;

import dev.wasmj.AnyRef;
import dev.wasmj.HeapType;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import java.util.List;

/**
 * The deterministic values the differential test passes to functions: {@value #SETS} sets, from
 * all zeros to edge cases (-1, the most negative i64, signalling NaNs with payloads, which an
 * engine must pass through unchanged). References are null where the type allows, else a host
 * object (extern) or an i31 (any, eq, i31); other non-nullable references cannot be made.
 */
final class FuzzValues {
    /** How many argument sets there are. */
    static final int SETS = 4;

    private static final int[] I32 = {0, 1, -1, 0x8000_0000};
    private static final long[] I64 = {0, 1, -1, Long.MIN_VALUE};
    private static final int[] F32 = {0, 0x3f80_0000, 0xbfc0_0000, 0x7fa0_0001};
    private static final long[] F64 = {0, 0x3ff0_0000_0000_0000L, 0xbff8_0000_0000_0000L, 0x7ff4_0000_0000_0001L};
    private static final long[][] V128 = {{0, 0}, {1, 1}, {-1, -1}, {0x0123_4567_89ab_cdefL, 0x7fa0_0001_fedc_ba98L}};

    private FuzzValues() {}

    /** The host's references: equal on both engines when their names are. */
    record Ref(String name) {
        @Override
        public String toString() {
            return "host(" + name + ")";
        }
    }

    /** The values of set {@code set} for {@code types}, or null if one of them cannot be made. */
    static Val[] of(List<ValType> types, int set) {
        Val[] values = new Val[types.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = of(types.get(i), set);
            if (values[i] == null) {
                return null;
            }
        }
        return values;
    }

    /** The value of set {@code set} for {@code type}, or null if no such value can be made. */
    static Val of(ValType type, int set) {
        return switch (type.kind()) {
            case I32 -> Val.i32(I32[set]);
            case I64 -> Val.i64(I64[set]);
            case F32 -> Val.f32Bits(F32[set]);
            case F64 -> Val.f64Bits(F64[set]);
            case V128 -> Val.v128(V128[set][0], V128[set][1]);
            case REF -> type.refType().nullable() ? Val.nullOf(type.refType().heapType()) : nonNull(type.refType().heapType(), set);
        };
    }

    private static Val nonNull(HeapType heapType, int set) {
        return switch (heapType.kind()) {
            case EXTERN -> Val.externref(new Ref("argument " + set));
            case ANY, EQ, I31 -> Val.anyref(AnyRef.i31(set));
            default -> null;
        };
    }
}
