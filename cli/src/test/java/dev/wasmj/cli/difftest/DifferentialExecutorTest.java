package dev.wasmj.cli.difftest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.ResourceLimiter;
import dev.wasmj.Strategy;
import dev.wasmj.cli.wast.WastReport;
import dev.wasmj.cli.wast.WastRunner;
import dev.wasmj.format.Features;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The differential executor reports engines that disagree: here the second engine's stores refuse
 * to grow memories, which changes results, traps, memory contents and globals, each of which must
 * be reported with both outcomes.
 */
class DifferentialExecutorTest {
    private static final String MODULE = """
            (module
              (memory (export "mem") 1)
              (global (export "g") (mut i32) (i32.const 0))
              (table (export "t") 2 funcref)
              (func $same (export "same") (result i32) (i32.const 7))
              (func (export "grow") (result i32) (memory.grow (i32.const 1)))
              (func (export "record")
                (global.set 0 (memory.grow (i32.const 1)))
                (i32.store (i32.const 8) (global.get 0)))
              (func (export "grow-or-trap")
                (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable)))
              (func (export "store-then-trap")
                (i32.store (i32.const 16) (i32.add (i32.const 100) (memory.grow (i32.const 1))))
                (unreachable))
              (func (export "set-table")
                (if (i32.ne (memory.grow (i32.const 1)) (i32.const -1))
                  (then (table.set 0 (i32.const 1) (ref.func $same))))))
            """;

    /** Refuses every growth of a memory (its creation is allowed). */
    private static final ResourceLimiter NO_GROWTH = new ResourceLimiter() {
        @Override
        public boolean memoryGrowing(long currentBytes, long desiredBytes, long maximumBytes) {
            return currentBytes == 0;
        }

        @Override
        public boolean tableGrowing(long current, long desired, long maximum) {
            return true;
        }
    };

    private static final EngineSetup INTERPRETER = EngineSetup.of(Strategy.INTERPRETER);
    private static final EngineSetup NOT_GROWING = INTERPRETER.limitedBy("not-growing", NO_GROWTH);

    private static List<String> differences(EngineSetup a, EngineSetup b, String commands) {
        WastReport report = new WastRunner(DifferentialExecutor.factory(a, b))
                .run("test.wast", MODULE + commands, Features.DEFAULT);
        return report.failures().stream().map(WastReport.Finding::text).toList();
    }

    @Test
    void agreeingEnginesShowNoDifference() {
        assertThat(differences(INTERPRETER, INTERPRETER, """
                (assert_return (invoke "same") (i32.const 7))
                (invoke "grow") (invoke "record") (invoke "set-table")
                (assert_trap (invoke "store-then-trap") "unreachable")
                """)).isEmpty();
    }

    @Test
    void differentResultsAreReportedWithBothOutcomes() {
        assertThat(differences(INTERPRETER, NOT_GROWING, "(invoke \"same\")\n(invoke \"grow\")\n"))
                .singleElement().asString()
                .contains("interpreter and not-growing differ")
                .contains("invoke \"grow\" []: interpreter results [i32 1], not-growing results [i32 -1]")
                .contains("export \"mem\": memory of 131072 bytes vs 65536 bytes");
    }

    @Test
    void aTrapOnOneEngineOnlyIsReported() {
        assertThat(differences(INTERPRETER, NOT_GROWING, "(invoke \"grow-or-trap\")\n")).singleElement().asString()
                .contains("interpreter results [], not-growing trap UNREACHABLE");
    }

    @Test
    void differentGlobalsAndMemoryContentsAreReported() {
        assertThat(differences(INTERPRETER, NOT_GROWING, "(invoke \"record\")\n")).singleElement().asString()
                .doesNotContain("invoke")
                .contains("export \"g\": global i32 1 vs i32 -1")
                .contains("memory differs first at byte 8 (0x8): 01000000");
    }

    @Test
    void theStateAfterATrapIsCompared() {
        assertThat(differences(INTERPRETER, NOT_GROWING, "(assert_trap (invoke \"store-then-trap\") \"unreachable\")\n"))
                .singleElement().asString()
                .doesNotContain("invoke")
                .contains("memory differs first at byte 16 (0x10): 65000000");
    }

    @Test
    void differentTableElementsAreReported() {
        assertThat(differences(INTERPRETER, NOT_GROWING, "(invoke \"set-table\")\n")).singleElement().asString()
                .contains("export \"t\": table element 1: ref func[0] $same vs ref.null func");
    }

    @Test
    void aModuleInstantiatedOnOneEngineOnlyIsReported() {
        String growsAtStart = "(module (memory 1) (func $s (if (i32.eq (memory.grow (i32.const 1)) (i32.const -1)) (then unreachable))) (start $s))\n";
        assertThat(differences(INTERPRETER, NOT_GROWING, growsAtStart)).singleElement().asString()
                .contains("instantiating: interpreter instantiated, not-growing trap UNREACHABLE");
    }

    @Test
    void aCommandThatDoesNotEndFailsAndEndsItsScriptAndAfterSomeTheRun() {
        String waitsForever = """
                (module (memory 1 1 shared)
                  (func (export "wait") (result i32)
                    (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1))))
                (invoke "wait")
                (invoke "wait")
                """;
        WastRunner runner = new WastRunner(DifferentialExecutor.factory(INTERPRETER, INTERPRETER, 200, new DifferentialExecutor.Run()));
        for (int i = 0; i < DifferentialExecutor.MAX_STUCK_SCRIPTS; i++) {
            assertThat(runner.run("test.wast", waitsForever, Features.DEFAULT).failures())
                    .extracting(WastReport.Finding::text).containsExactly(
                            "interpreter and interpreter differ: ran out of time (200 ms) on interpreter and interpreter",
                            "not run: an earlier command ran out of time");
        }
        // then the runner's next scripts do not run at all
        assertThat(runner.run("test.wast", MODULE, Features.DEFAULT).failures()).extracting(WastReport.Finding::text)
                .containsExactly("not run: commands of 3 scripts ran out of time before");
    }
}
