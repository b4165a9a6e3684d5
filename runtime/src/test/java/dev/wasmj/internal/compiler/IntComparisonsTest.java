package dev.wasmj.internal.compiler;

import static dev.wasmj.internal.compiler.CompiledModules.same;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Instance;
import dev.wasmj.Val;
import java.io.IOException;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The integer comparisons emitted as JVM branches ({@link IntComparisons}): each of the 22 gives the
 * interpreter's result on values around zero and the signed and unsigned limits, as a value and as
 * the condition of a {@code br_if}, an {@code if}, a {@code select} and a loop's back-edge; no
 * comparison calls {@code NumericOps} but the unsigned and i64 ones of back-edges; a {@code br_if} or
 * {@code if} on a signed i32 comparison is one JVM branch on its operands.
 */
class IntComparisonsTest {
    private static final String[] OPS = {"eq", "ne", "lt_s", "lt_u", "gt_s", "gt_u", "le_s", "le_u", "ge_s", "ge_u"};

    /** Per comparison {@code T.op}: {@code T.op} (its value), {@code T.op_br} and {@code T.op_if} (as a condition). */
    private static String wat() {
        StringBuilder sb = new StringBuilder("(module\n");
        for (String t : new String[] {"i32", "i64"}) {
            for (String op : OPS) {
                String name = t + "." + op;
                sb.append("(func (export \"").append(name).append("\") (param ").append(t).append(' ').append(t)
                        .append(") (result i32) (").append(name).append(" (local.get 0) (local.get 1)))\n");
                sb.append("(func (export \"").append(name).append("_br\") (param ").append(t).append(' ').append(t)
                        .append(") (result i32) (block $b (br_if $b (").append(name)
                        .append(" (local.get 0) (local.get 1))) (return (i32.const 7))) (i32.const 9))\n");
                sb.append("(func (export \"").append(name).append("_if\") (param ").append(t).append(' ').append(t)
                        .append(") (result i32) (select (i32.const 3) (if (result i32) (").append(name)
                        .append(" (local.get 0) (local.get 1)) (then (i32.const 5)) (else (i32.const 6)))")
                        .append(" (").append(name).append(" (local.get 1) (local.get 0))))\n");
            }
            for (String op : LOOP_OPS) {
                String name = t + "." + op;
                sb.append("(func (export \"").append(name).append("_loop\") (param ").append(t).append(' ')
                        .append(t).append(") (result i32) (local i32) (loop $l (local.set 2 (i32.add (local.get 2)")
                        .append(" (i32.const 1))) (local.set 0 (").append(t).append(".add (local.get 0) (")
                        .append(t).append(".const 1))) (br_if $l (").append(name)
                        .append(" (local.get 0) (local.get 1)))) (local.get 2))\n");
            }
            sb.append("(func (export \"").append(t).append(".eqz\") (param ").append(t)
                    .append(") (result i32) (").append(t).append(".eqz (local.get 0)))\n");
            sb.append("(func (export \"").append(t).append(".eqz_br\") (param ").append(t)
                    .append(") (result i32) (block $b (br_if $b (").append(t)
                    .append(".eqz (local.get 0))) (return (i32.const 7))) (i32.const 9))\n");
        }
        return sb.append(")").toString();
    }

    /** Comparisons that hold while a counter from below the end goes up to it: loops' back-edges. */
    private static final String[] LOOP_OPS = {"ne", "lt_s", "lt_u", "le_s", "le_u"};

    /**
     * {start, end} of the loops: each ends within 10 steps in both i32 and i64, signed and unsigned
     * (end + 1 wraps around in neither).
     */
    private static final long[][] LOOPS = {{0, 5}, {-3, 2}, {Integer.MAX_VALUE - 3, Integer.MAX_VALUE - 1},
            {-7, -2}, {4, 5}};

    private static final long[] VALUES = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE,
            Integer.MAX_VALUE + 1L, Integer.MIN_VALUE - 1L, 0xFFFF_FFFFL, Long.MAX_VALUE, Long.MIN_VALUE,
            Long.MIN_VALUE + 1, 0x8000_0000_0000_0001L, 12_345_678_901L};

    @Test
    void comparisonsGiveTheInterpretersResults(@TempDir Path dump) throws IOException {
        String wat = wat();
        Instance compiled = CompiledModules.compileDumped(dump, wat);
        assertThat(calledOwners(dump, "i32.lt_u")).doesNotContain(NUMERIC_OPS);
        for (String t : new String[] {"i32", "i64"}) {
            for (String op : OPS) {
                assertThat(calledOwners(dump, t + "." + op)).as(t + "." + op).doesNotContain(NUMERIC_OPS);
                assertThat(calledOwners(dump, t + "." + op + "_br")).doesNotContain(NUMERIC_OPS);
                assertThat(calledOwners(dump, t + "." + op + "_if")).doesNotContain(NUMERIC_OPS);
            }
        }
        assertThat(calledOwners(dump, "i32.lt_s_loop")).doesNotContain(NUMERIC_OPS);
        assertThat(calledOwners(dump, "i32.lt_u_loop")).as("an unsigned comparison of a back-edge: the helper")
                .contains(NUMERIC_OPS);
        assertThat(calledOwners(dump, "i64.lt_s_loop")).as("an i64 comparison of a back-edge: the helper")
                .contains(NUMERIC_OPS);
        Instance interpreted = CompiledModules.interpreted(wat);
        int checked = 0;
        for (String t : new String[] {"i32", "i64"}) {
            for (long a : VALUES) {
                Val x = t.equals("i32") ? Val.i32((int) a) : Val.i64(a);
                for (String f : new String[] {".eqz", ".eqz_br"}) {
                    same(compiled, interpreted, t + f, x);
                    checked++;
                }
                for (long b : VALUES) {
                    Val y = t.equals("i32") ? Val.i32((int) b) : Val.i64(b);
                    for (String op : OPS) {
                        for (String form : new String[] {"", "_br", "_if"}) {
                            same(compiled, interpreted, t + "." + op + form, x, y);
                            checked++;
                        }
                    }
                }
            }
        }
        for (String t : new String[] {"i32", "i64"}) {
            for (String op : LOOP_OPS) {
                for (long[] l : LOOPS) {
                    Val a = t.equals("i32") ? Val.i32((int) l[0]) : Val.i64(l[0]);
                    Val b = t.equals("i32") ? Val.i32((int) l[1]) : Val.i64(l[1]);
                    same(compiled, interpreted, t + "." + op + "_loop", a, b);
                }
            }
        }
        assertThat(compiled.func("i32.le_u_loop").call(Val.i32(-7), Val.i32(-2))).containsExactly(Val.i32(6));
        assertThat(branches(dump, "i32.lt_s_br")).as("br_if on i32.lt_s: one branch on the operands")
                .containsExactly(Opcode.IF_ICMPLT);
        assertThat(branches(dump, "i32.lt_s_if")).as("if on i32.lt_s: one branch on the operands to the else")
                .startsWith(Opcode.IF_ICMPGE);
        assertThat(branches(dump, "i32.eqz_br")).containsExactly(Opcode.IFEQ);
        assertThat(checked).isEqualTo(2 * (VALUES.length * 2 + VALUES.length * VALUES.length * OPS.length * 3));
        assertThat(compiled.func("i32.lt_u").call(Val.i32(1), Val.i32(-1))).containsExactly(Val.i32(1));
        assertThat(compiled.func("i64.gt_s").call(Val.i64(1), Val.i64(Long.MIN_VALUE))).containsExactly(Val.i32(1));
        assertThat(compiled.func("i64.eqz_br").call(Val.i64(1L << 32))).containsExactly(Val.i32(7));
    }

    /** The conditional branches, in order, of the method of the function exported as {@code name}. */
    private static List<Opcode> branches(Path dir, String name) throws IOException {
        return CompiledModules.branches(dir, "f" + exportIndex(name));
    }

    /** The index of the function exported as {@code name} in {@link #wat()} (they are exported in order). */
    private static int exportIndex(String name) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\(export \"([^\"]+)\"\\)").matcher(wat());
        for (int i = 0; m.find(); i++) {
            if (m.group(1).equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static final String NUMERIC_OPS = "dev/wasmj/internal/ops/NumericOps";

    /** The classes whose methods the method of the function exported as {@code name} calls. */
    private static List<String> calledOwners(Path dir, String name) throws IOException {
        return CompiledModules.code(dir, "f" + exportIndex(name)).stream()
                .filter(e -> e instanceof InvokeInstruction)
                .map(e -> ((InvokeInstruction) e).owner().asInternalName())
                .toList();
    }
}
