package dev.wasmj.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.format.Opcode;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every numeric, conversion, SIMD and wide-arithmetic instruction has its method, in its form. */
class OpsCoverageTest {

    /** The instructions this package implements: pure operators on values. */
    static boolean isOperator(Opcode op) {
        return switch (op.prefix()) {
            case 0 -> op.code() >= 0x45 && op.code() <= 0xC4;
            case Opcode.PREFIX_MISC -> op.code() <= 7 || op.code() >= 19 && op.code() <= 22;
            case Opcode.PREFIX_SIMD -> op.imm() != Opcode.Imm.MEMARG && op.imm() != Opcode.Imm.MEMARG_LANE
                    && op.imm() != Opcode.Imm.V128;
            default -> false;
        };
    }

    @Test
    void everyOperatorHasItsMethod() {
        List<String> missing = new ArrayList<>();
        int count = 0;
        for (Opcode op : Opcode.values()) {
            if (!isOperator(op)) {
                continue;
            }
            count++;
            Method m = OpsMethods.of(op);
            if (m == null) {
                missing.add(op.text() + " (" + OpsMethods.methodName(op.text()) + ")");
            } else if (op.prefix() == Opcode.PREFIX_SIMD) {
                int extra = switch (op.imm()) {
                    case LANE -> 1;
                    case SHUFFLE -> 2;
                    default -> 0;
                };
                assertThat(OpsMethods.stackForm(m)).as(op.text()).isTrue();
                assertThat(m.getParameterCount()).as(op.text()).isEqualTo(2 + extra);
                assertThat(m.getReturnType()).as(op.text()).isEqualTo(void.class);
                if (op.imm() != Opcode.Imm.SHUFFLE) {
                    SimdDispatch.exec(op.code(), new long[8], 0, 0); // throws if the dispatcher misses it
                }
            } else {
                String sig = op.signature();
                String params = sig.substring(0, sig.indexOf(':'));
                assertThat(m.getParameterCount()).as(op.text()).isEqualTo(params.length());
                for (int i = 0; i < params.length(); i++) {
                    Class<?> want = "if".indexOf(params.charAt(i)) >= 0 ? int.class : long.class;
                    assertThat(m.getParameterTypes()[i]).as(op.text() + " param " + i).isEqualTo(want);
                }
                String results = sig.substring(sig.indexOf(':') + 1);
                Class<?> want = "if".indexOf(results.charAt(0)) >= 0 ? int.class : long.class;
                assertThat(m.getReturnType()).as(op.text()).isEqualTo(want);
                if (results.length() == 2) {
                    assertThat(OpsMethods.hi(op)).as(op.text() + " Hi").isNotNull();
                }
            }
        }
        assertThat(missing).isEmpty();
        assertThat(count).isEqualTo(128 + 12 + 233); // core numeric, FC conversions and wide arithmetic, SIMD operators
    }

    @Test
    void slotCountsFollowTheSignature() {
        assertThat(SimdDispatch.operandSlots(Opcode.I8X16_SHUFFLE)).isEqualTo(4);
        assertThat(SimdDispatch.resultSlots(Opcode.I8X16_SHUFFLE)).isEqualTo(2);
        assertThat(SimdDispatch.operandSlots(Opcode.byText("i8x16.replace_lane"))).isEqualTo(3);
        assertThat(SimdDispatch.resultSlots(Opcode.byText("i8x16.bitmask"))).isEqualTo(1);
        assertThat(SimdDispatch.operandSlots(Opcode.byText("v128.bitselect"))).isEqualTo(6);
        assertThat(SimdDispatch.operandSlots(Opcode.byText("i64x2.splat"))).isEqualTo(1);
    }
}
