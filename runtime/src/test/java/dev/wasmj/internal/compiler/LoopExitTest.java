package dev.wasmj.internal.compiler;

import static dev.wasmj.internal.compiler.CompiledModules.same;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Instance;
import dev.wasmj.Val;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Loops whose back-edge is {@code br_if $loop (i32.ne ...)} or {@code (i64.ne ...)}, which the compiler
 * emits as two branches ({@code <} then {@code >}, {@link ControlCompiler#notEqualBackEdge}) unless the step
 * is a constant 1 or -1: steps up and
 * down, across 2^31 and 2^32, equal bounds, a loop with a parameter, give the interpreter's results,
 * also after the JIT compiled the loops for one direction and another direction runs.
 */
class LoopExitTest {
    /**
     * {@code up32}/{@code up64}: from {@code start}, adds {@code step} until {@code end} (skipped if they are
     * equal), {@code reps} times; returns the iterations and a hash of the values seen. {@code once}: a
     * do-while (the body runs before the first test). {@code param}: a loop with a parameter carried
     * by the back-edge.
     */
    private static final String WAT = """
            (module
              (func (export "up32") (param $start i32) (param $end i32) (param $step i32) (param $reps i32)
                  (result i64) (local $i i32) (local $n i64) (local $h i32)
                (loop $rep
                  (block $skip
                    (br_if $skip (i32.eq (local.get $start) (local.get $end)))
                    (local.set $i (local.get $start))
                    (loop $l
                      (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $i)))
                      (local.set $n (i64.add (local.get $n) (i64.const 1)))
                      (br_if $l (i32.ne (local.get $end)
                          (local.tee $i (i32.add (local.get $i) (local.get $step)))))))
                  (br_if $rep (i32.ne (local.tee $reps (i32.sub (local.get $reps) (i32.const 1))) (i32.const 0))))
                (i64.or (i64.shl (local.get $n) (i64.const 32)) (i64.extend_i32_u (local.get $h))))
              (func (export "up64") (param $start i64) (param $end i64) (param $step i64) (param $reps i32)
                  (result i64) (local $i i64) (local $n i64) (local $h i64)
                (loop $rep
                  (block $skip
                    (br_if $skip (i64.eq (local.get $start) (local.get $end)))
                    (local.set $i (local.get $start))
                    (loop $l
                      (local.set $h (i64.add (i64.mul (local.get $h) (i64.const 31)) (local.get $i)))
                      (local.set $n (i64.add (local.get $n) (i64.const 1)))
                      (local.set $i (i64.add (local.get $i) (local.get $step)))
                      (br_if $l (i64.ne (local.get $i) (local.get $end)))))
                  (br_if $rep (i32.ne (local.tee $reps (i32.sub (local.get $reps) (i32.const 1))) (i32.const 0))))
                (i64.add (i64.shl (local.get $n) (i64.const 32)) (local.get $h)))
              (func (export "once") (param $start i32) (param $end i32) (param $step i32) (result i32)
                  (local $n i32)
                (loop $l
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (local.set $start (i32.add (local.get $start) (local.get $step)))
                  (br_if $l (i32.ne (local.get $start) (local.get $end))))
                (local.get $n))
              (func (export "param") (param $start i32) (param $end i32) (param $step i32) (result i32)
                (i32.const 7)
                (loop $l (param i32) (result i32)
                  (i32.add (i32.const 3))
                  (local.set $start (i32.add (local.get $start) (local.get $step)))
                  (br_if $l (i32.ne (local.get $start) (local.get $end))))))
            """;

    /**
     * {start, end, step, 1 if the loop also ends in i64 (the three sign-extended)}: each ends in i32 (end -
     * start is a multiple of step modulo 2^32).
     */
    private static final int[][] LOOPS = {
            {0, 120, 2, 1}, {0, 10, 1, 1}, {30, 0, -3, 1}, {5, -5, -1, 1}, {10, 4, -2, 1}, {-16, 16, 2, 1},
            {0x7FFF_FFF0, 0x8000_0010, 1, 0}, {0x8000_0002, 0x7FFF_FFFE, -1, 0},
            {0xC000_0004, 0x4000_0004, 0x4000_0000, 1}, {-1, 0x3FFF_FFFF, 0x4000_0000, 1}, {7, 7, 1, 1}};

    @Test
    void notEqualBackEdgesGiveTheInterpretersResults(@TempDir Path dump) throws IOException {
        Instance compiled = CompiledModules.compileDumped(dump, WAT);
        assertThat(branches(dump)).as("each of the 4 back-edges on != with a step other than 1 or -1 (not"
                + " the two repetition loops) as a < and a > branch")
                .filteredOn(o -> o == Opcode.IF_ICMPLT || o == Opcode.IFLT).hasSize(4);
        assertThat(branches(dump)).filteredOn(o -> o == Opcode.IF_ICMPGT || o == Opcode.IFGT).hasSize(4);
        Instance interpreted = CompiledModules.interpreted(WAT);
        // first many repetitions of an increasing loop (the JIT compiles it for that), then all the others
        same(compiled, interpreted, "up32", Val.i32(0), Val.i32(120), Val.i32(2), Val.i32(20_000));
        same(compiled, interpreted, "up64", Val.i64(0), Val.i64(120), Val.i64(2), Val.i32(20_000));
        for (int[] l : LOOPS) {
            same(compiled, interpreted, "up32", Val.i32(l[0]), Val.i32(l[1]), Val.i32(l[2]), Val.i32(3));
            if (l[3] == 1) {
                same(compiled, interpreted, "up64", Val.i64(l[0]), Val.i64(l[1]), Val.i64(l[2]), Val.i32(3));
            }
            if (l[0] != l[1]) { // a do-while from its end: 2^32 iterations
                same(compiled, interpreted, "param", Val.i32(l[0]), Val.i32(l[1]), Val.i32(l[2]));
                same(compiled, interpreted, "once", Val.i32(l[0]), Val.i32(l[1]), Val.i32(l[2]));
            }
        }
        // i64 across 2^63 and from above the end, wrapping around 2^64
        same(compiled, interpreted, "up64", Val.i64(Long.MAX_VALUE - 6), Val.i64(Long.MIN_VALUE + 6), Val.i64(1),
                Val.i32(2));
        same(compiled, interpreted, "up64", Val.i64(-8), Val.i64(8), Val.i64(1), Val.i32(2));
        same(compiled, interpreted, "up64", Val.i64(1L << 62), Val.i64(0), Val.i64(1L << 62), Val.i32(2));
        // a do-while whose start is its end: the step brings it back after 2^32 / 2^30 iterations
        same(compiled, interpreted, "once", Val.i32(5), Val.i32(5), Val.i32(0x4000_0000));
        same(compiled, interpreted, "once", Val.i32(5), Val.i32(5), Val.i32(0));
        assertThat(compiled.func("once").call(Val.i32(5), Val.i32(5), Val.i32(0x4000_0000)))
                .containsExactly(Val.i32(4));
        assertThat(compiled.func("up32").call(Val.i32(0x7FFF_FFF0), Val.i32(0x8000_0010), Val.i32(1), Val.i32(1))[0]
                .i64() >>> 32).as("32 iterations across 2^31").isEqualTo(32L);
    }

    /** The opcodes of the conditional branches in the functions' methods. */
    private static List<Opcode> branches(Path dir) throws IOException {
        List<Opcode> ops = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                ClassFile.of().parse(Files.readAllBytes(file)).methods().stream()
                        .filter(m -> m.methodName().stringValue().matches("f\\d+"))
                        .forEach(m -> m.code().orElseThrow().forEach(e -> {
                            if (e instanceof BranchInstruction b && b.opcode() != Opcode.GOTO) {
                                ops.add(b.opcode());
                            }
                        }));
            }
        }
        return ops;
    }
}
