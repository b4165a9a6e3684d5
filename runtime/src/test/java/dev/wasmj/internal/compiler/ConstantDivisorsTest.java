package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.Instance;
import dev.wasmj.Trap;
import dev.wasmj.Val;
import java.io.IOException;
import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code i32.div_u} and {@code i32.rem_u} by constants ({@link ConstantDivisors}: long division of the
 * zero-extended operand) give the interpreter's results for dividends and divisors on both sides of
 * 2^31; a constant 0 still traps; a divisor that is not a constant still calls the helper.
 */
class ConstantDivisorsTest {
    private static final int[] DIVISORS = {1, 2, 3, 7, 26, 1000, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, -1, -26};

    /** Per divisor d, {@code div<d>} and {@code rem<d>} by the constant d; {@code zero}, {@code any}. */
    private static String wat() {
        StringBuilder b = new StringBuilder("(module\n");
        for (int d : DIVISORS) {
            String name = Integer.toUnsignedString(d);
            b.append("(func (export \"div").append(name).append("\") (param i32) (result i32)")
                    .append(" (i32.div_u (local.get 0) (i32.const ").append(d).append(")))\n");
            b.append("(func (export \"rem").append(name).append("\") (param i32) (result i32)")
                    .append(" (i32.rem_u (local.get 0) (i32.const ").append(d).append(")))\n");
        }
        b.append("(func (export \"zero\") (param i32) (result i32) (i32.rem_u (local.get 0) (i32.const 0)))\n");
        b.append("(func (export \"any\") (param i32 i32) (result i32) (i32.div_u (local.get 0) (local.get 1))))");
        return b.toString();
    }

    @Test
    void constantDivisorsGiveTheInterpretersResults(@TempDir Path dump) throws IOException {
        String wat = wat();
        Instance compiled = CompiledModules.compileDumped(dump, wat);
        assertThat(opcodes(dump, "f0")).contains(Opcode.LDIV).doesNotContain(Opcode.INVOKESTATIC);
        assertThat(opcodes(dump, "f1")).contains(Opcode.LREM).doesNotContain(Opcode.INVOKESTATIC);
        int zero = 2 * DIVISORS.length;
        assertThat(opcodes(dump, "f" + zero)).as("by 0: the helper, which traps").contains(Opcode.INVOKESTATIC);
        assertThat(opcodes(dump, "f" + (zero + 1))).contains(Opcode.INVOKESTATIC);

        Instance interpreted = CompiledModules.interpreted(wat);
        int[] dividends = {0, 1, 25, 26, 27, 1000, 0x7FFF_FFFF, 0x8000_0000, 0x8000_0001, -1, -26, -27, 123_456_789};
        for (int i = 0; i < 2_000; i++) { // long enough for the JIT to compile them
            for (int d : DIVISORS) {
                for (int x : dividends) {
                    for (String op : List.of("div", "rem")) {
                        String name = op + Integer.toUnsignedString(d);
                        if (i == 0 || i == 1_999) {
                            assertThat(compiled.func(name).call(Val.i32(x))).as("%s(%d)", name, x)
                                    .containsExactly(interpreted.func(name).call(Val.i32(x)));
                        } else {
                            compiled.func(name).call(Val.i32(x));
                        }
                    }
                }
            }
        }
        assertThat(compiled.func("rem26").call(Val.i32(-1))).containsExactly(Val.i32((int) (0xFFFF_FFFFL % 26)));
        assertThatThrownBy(() -> compiled.func("zero").call(Val.i32(5))).isInstanceOf(Trap.class)
                .hasMessageContaining("divide by zero");
    }

    /** The opcodes of method {@code name} in the dumped classes. */
    private static List<Opcode> opcodes(Path dir, String name) throws IOException {
        return CompiledModules.code(dir, name).stream()
                .filter(e -> e instanceof Instruction)
                .map(e -> ((Instruction) e).opcode())
                .toList();
    }
}
