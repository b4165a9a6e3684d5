package dev.wasmj.internal.compiler;

import static dev.wasmj.internal.compiler.CompiledModules.same;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Instance;
import dev.wasmj.Val;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code br_if} back to a loop ({@link ControlCompiler#brIf}): emitted as a forward test over a
 * {@code goto} to the loop's header, so that the JVM's back-edge is unconditional and its safepoint holds
 * no i32 condition (C2 otherwise kept the 0 or 1 of the comparison alive for it, in every iteration).
 * A signed comparison or {@code eqz} before the {@code br_if} is fused with it into one backward
 * conditional jump on its operands instead ({@link ControlCompiler#fusedComparison}).
 * Loops ending on unsigned and signed comparisons, on {@code eqz}, on a plain value, with a parameter
 * carried by the back-edge, and with a value below the loop's parameters give the interpreter's results.
 */
class LoopBackEdgeTest {
    private static final String WAT = """
            (module
              (memory 1)
              ;; sieve's inner loop: a stride that is a parameter, an unsigned exit, a byte store
              (func (export "stride") (param $start i32) (param $step i32) (param $limit i32) (result i32)
                  (local $n i32)
                (loop $l
                  (i32.store8 (i32.and (local.get $start) (i32.const 0xFFFF)) (i32.const 1))
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (br_if $l (i32.lt_u (local.tee $start (i32.add (local.get $start) (local.get $step)))
                      (local.get $limit))))
                (local.get $n))
              ;; signed exit, counting down
              (func (export "down") (param $i i32) (param $end i32) (result i32) (local $h i32)
                (loop $l
                  (local.set $h (i32.add (i32.mul (local.get $h) (i32.const 31)) (local.get $i)))
                  (br_if $l (i32.gt_s (local.tee $i (i32.sub (local.get $i) (i32.const 3))) (local.get $end))))
                (local.get $h))
              ;; eqz, and a condition computed before the loop's last instructions
              (func (export "eqz") (param $i i32) (result i32) (local $c i32) (local $n i32)
                (loop $l
                  (local.set $n (i32.add (local.get $n) (i32.const 1)))
                  (local.set $c (i32.and (local.get $i) (i32.const 7)))
                  (local.set $i (i32.shr_u (local.get $i) (i32.const 1)))
                  (br_if $l (i32.eqz (i32.eqz (local.get $c)))))
                (i32.add (i32.mul (local.get $n) (i32.const 1000)) (local.get $i)))
              ;; a loop with a parameter carried by the back-edge, on a plain value
              (func (export "param") (param $i i32) (result i32)
                i32.const 1
                loop $l (param i32) (result i32)
                  i32.const 3
                  i32.mul
                  local.get $i
                  i32.const 1
                  i32.sub
                  local.tee $i
                  br_if $l
                end)
              ;; a value below the loop's parameter (moved to locals around the loop)
              (func (export "below") (param $i i32) (result i32)
                i32.const 100
                i32.const 1
                loop $l (param i32) (result i32)
                  i32.const 2
                  i32.add
                  local.get $i
                  i32.const 1
                  i32.sub
                  local.tee $i
                  i32.const 1
                  i32.ge_u
                  br_if $l
                end
                i32.add)
              (func (export "bytes") (param $from i32) (param $to i32) (result i32) (local $s i32)
                (loop $l
                  (local.set $s (i32.add (local.get $s) (i32.load8_u (local.get $from))))
                  (br_if $l (i32.lt_u (local.tee $from (i32.add (local.get $from) (i32.const 1)))
                      (local.get $to))))
                (local.get $s)))
            """;

    @Test
    void backEdgesAreGotosAndLoopsGiveTheInterpretersResults(@TempDir Path dump) throws IOException {
        Instance compiled = CompiledModules.compileDumped(dump, WAT);
        List<Opcode> backward = backwardBranches(dump);
        assertThat(backward).as("the back-edges of the 6 loops: a goto, a signed comparison or eqz fused with"
                        + " the br_if (ControlCompiler.fusedComparison) or a counted form (CountedBackEdges); never an"
                        + " ifne on a computed condition")
                .hasSizeGreaterThanOrEqualTo(6).doesNotContain(Opcode.IFNE);

        Instance interpreted = CompiledModules.interpreted(WAT);
        int[][] strides = {{2, 2, 150_000}, {3, 3, 100}, {0, 1, 1}, {5, 7, 5}, {-10, 3, 4},
                {1, 0x4000_0000, 0xC000_0000},
                {0x7FFF_FFF0, 4, 0x8000_0010}, {0, 65_537, 200_000}};
        for (int rep = 0; rep < 300; rep++) { // hot enough for the JIT to compile the loops
            same(compiled, interpreted, "stride", Val.i32(2), Val.i32(2 + rep % 5), Val.i32(3_000));
        }
        for (int[] s : strides) {
            same(compiled, interpreted, "stride", Val.i32(s[0]), Val.i32(s[1]), Val.i32(s[2]));
        }
        int[][] downs = {{100, 0}, {0, 0}, {-5, -100}, {Integer.MIN_VALUE + 7, Integer.MIN_VALUE + 1}, {7, 8}};
        for (int[] d : downs) {
            same(compiled, interpreted, "down", Val.i32(d[0]), Val.i32(d[1]));
        }
        for (int i : new int[] {0, 1, 8, 0xFF, 0x1234_5678, -1, Integer.MIN_VALUE}) {
            same(compiled, interpreted, "eqz", Val.i32(i));
        }
        for (int i : new int[] {1, 2, 10, 1_000}) {
            same(compiled, interpreted, "param", Val.i32(i));
            same(compiled, interpreted, "below", Val.i32(i));
        }
        for (int[] b : new int[][] {{0, 4}, {2, 1_000}, {65_530, 65_536}, {65_535, 65_536}}) {
            same(compiled, interpreted, "bytes", Val.i32(b[0]), Val.i32(b[1]));
        }
    }

    /** The opcodes of the branches to a label bound before them (back-edges) in the functions' methods. */
    private static List<Opcode> backwardBranches(Path dir) throws IOException {
        List<Opcode> ops = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                ClassFile.of().parse(Files.readAllBytes(file)).methods().stream()
                        .filter(m -> m.methodName().stringValue().matches("f\\d+"))
                        .forEach(m -> {
                            Set<Label> bound = new HashSet<>();
                            m.code().orElseThrow().forEach(e -> {
                                if (e instanceof LabelTarget t) {
                                    bound.add(t.label());
                                } else if (e instanceof BranchInstruction b && bound.contains(b.target())) {
                                    ops.add(b.opcode());
                                }
                            });
                        });
            }
        }
        return ops;
    }
}
