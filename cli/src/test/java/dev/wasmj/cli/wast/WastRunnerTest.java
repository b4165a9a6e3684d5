package dev.wasmj.cli.wast;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.cli.ModuleLoader.LoadedModule;
import dev.wasmj.format.Features;
import dev.wasmj.format.text.WastCommand;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class WastRunnerTest {
    private final WastRunner runner = new WastRunner(new SkippingExecutor());

    private WastReport run(String script) {
        return runner.run("t.wast", script, Features.DEFAULT);
    }

    @Test
    void validModulesPass() {
        WastReport report = run("""
                (module (func (export "f") (result i32) (i32.const 1)))
                (module binary "\\00asm" "\\01\\00\\00\\00")
                (module quote "(func)")
                (module definition $d (memory 1))
                """);
        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isEqualTo(4);
        assertThat(report.summary()).isEqualTo("wast: 4 passed, 0 failed, 0 skipped");
    }

    @Test
    void anInvalidModuleFailsItsLine() {
        WastReport report = run("""
                (module)

                (module (func (result i32) (i64.const 1)))
                """);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failures()).singleElement().asString()
                .startsWith("t.wast:3: expected a valid module, got invalid \"type mismatch")
                .endsWith("\" at 3:29"); // the instruction's line and column in the script
    }

    @Test
    void assertMalformedPassesOnMalformedModules() {
        WastReport report = run("""
                (assert_malformed (module binary "\\00asm") "unexpected end")
                (assert_malformed (module quote "(func (i32.const))") "unexpected token")
                """);
        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isEqualTo(2);
    }

    @Test
    void assertMalformedFailsOnValidAndInvalidModules() {
        WastReport report = run("""
                (assert_malformed (module quote "(func)") "unexpected token")
                (assert_malformed (module (func (result i32))) "unexpected token")
                """);
        assertThat(report.failures()).hasSize(2);
        assertThat(report.failures().get(0).toString())
                .isEqualTo("t.wast:1: expected malformed \"unexpected token\", but the module is valid");
        assertThat(report.failures().get(1).toString())
                .startsWith("t.wast:2: expected malformed \"unexpected token\", got invalid \"type mismatch")
                .endsWith("\" at 2:27"); // an empty body: the function's field
    }

    @Test
    void assertInvalidPassesOnInvalidModulesAndFailsOtherwise() {
        WastReport report = run("""
                (assert_invalid (module (func (result i32))) "type mismatch")
                (assert_invalid (module (func)) "type mismatch")
                (assert_invalid (module binary "\\00asm\\01") "type mismatch")
                """);
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failures()).hasSize(2);
        assertThat(report.failures().get(0).toString()).isEqualTo("t.wast:2: expected invalid \"type mismatch\", but the module is valid");
        assertThat(report.failures().get(1).toString()).startsWith("t.wast:3: expected invalid \"type mismatch\", got malformed \"");
    }

    @Test
    void anotherMessageOfTheRightKindPassesWithANote() {
        WastReport report = run("""
                (assert_invalid (module (func (result i32))) "unknown label")
                """);
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.failures()).isEmpty();
        assertThat(report.notes()).singleElement().asString()
                .startsWith("t.wast:1: expected invalid \"unknown label\", got invalid \"type mismatch");
    }

    @Test
    void executionCommandsAreSkipped() {
        WastReport report = run("""
                (module $m (func (export "f") (result i32) (i32.const 1)))
                (register "m" $m)
                (invoke "f")
                (assert_return (invoke "f") (i32.const 1))
                (assert_trap (invoke "f") "unreachable")
                (assert_exhaustion (invoke "f") "call stack exhausted")
                (assert_unlinkable (module (import "m" "g" (func))) "unknown import")
                """);
        assertThat(report.failures()).isEmpty();
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.skipped()).isEqualTo(6);
    }

    @Test
    void modulesOfExecutionCommandsMustBeValid() {
        WastReport report = run("""
                (assert_unlinkable (module (func (result i32))) "unknown import")
                """);
        assertThat(report.failures()).singleElement().asString()
                .startsWith("t.wast:1: expected a valid module, got invalid \"type mismatch");
    }

    @Test
    void customAssertionsNeedTheNamedKindOfError() {
        WastReport report = run("""
                (assert_malformed_custom (module quote "(func (@metadata.code.branch_hint \\"\\\\02\\") nop)")
                  "@metadata.code.branch_hint annotation: invalid hint value")
                (assert_invalid_custom (module (func (@metadata.code.branch_hint "\\01") nop))
                  "@metadata.code.branch_hint annotation: invalid target")
                (assert_malformed_custom (module (func (result i32))) "x")
                (assert_invalid_custom (module quote "(@custom \\"x\\" (after type)) (type (func))") "x")
                """);
        assertThat(report.passed()).isEqualTo(2);
        assertThat(report.notes()).isEmpty();
        assertThat(report.failures()).extracting(Object::toString).satisfiesExactly(
                f -> assertThat(f).startsWith("t.wast:5: expected malformed \"x\", got invalid \"type mismatch"),
                f -> assertThat(f).isEqualTo("t.wast:6: expected invalid \"x\", but the module is valid"));
    }

    @Test
    void aScriptThatDoesNotParseIsOneFailure() {
        WastReport report = run("""
                (module)
                (assert_return (invoke "f") (i32.const 1)
                """);
        assertThat(report.failed()).isEqualTo(1);
        assertThat(report.failures()).singleElement().asString().startsWith("t.wast:");
    }

    @Test
    void theExecutorSeesTheOtherCommandsInOrderWithTheirModules() {
        List<String> seen = new ArrayList<>();
        WastExecutor recorder = (WastCommand command, LoadedModule module) -> {
            seen.add(command.getClass().getSimpleName() + (module == null ? "" : "+module"));
            return Verdict.SKIPPED;
        };
        WastReport report = new WastRunner(recorder).run("t.wast", """
                (module (func (export "f")))
                (assert_invalid (module (func (result i32))) "type mismatch")
                (invoke "f")
                (assert_trap (module (func $s unreachable) (start $s)) "unreachable")
                """, Features.DEFAULT);
        assertThat(seen).containsExactly("Module+module", "Action", "AssertTrap+module");
        assertThat(report.passed()).isEqualTo(1);
        assertThat(report.skipped()).isEqualTo(3);
    }

    @Test
    void aCrashFailsItsCommandAndTheRunGoesOn() {
        WastExecutor crashing = (command, module) -> {
            throw new IllegalStateException("boom");
        };
        WastReport report = new WastRunner(crashing).run("t.wast", "(invoke \"f\")\n(module)", Features.DEFAULT);
        assertThat(report.failed()).isEqualTo(2);
        assertThat(report.failures().get(0).toString()).startsWith("t.wast:1: crashed: java.lang.IllegalStateException: boom at ");
    }

    @Test
    void reportsAddUp() {
        WastReport a = run("(module)");
        WastReport b = run("(assert_invalid (module) \"type mismatch\") (invoke \"f\")");
        a.add(b);
        assertThat(a.summary()).isEqualTo("wast: 1 passed, 1 failed, 1 skipped");
        assertThat(a.failures()).hasSize(1);
    }
}
