package dev.wasmj.examples.ruby;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.Engine;
import dev.wasmj.Module;
import dev.wasmj.Trap;
import dev.wasmj.wasi.WasiConfig;
import dev.wasmj.wasi.WasiExit;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Starting, breaking and closing VMs: each test has VMs of its own. */
class RubyVmLifecycleTest {
    @Test
    void callingJavaScriptTrapsAndLeavesTheVmUnusable() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (RubyVm vm = RubyVm.start(RubyWasm.module(), new WasiConfig().stdout(stdout))) {
            assertThat(vm.evalToString("require 'js'")).isEqualTo("true");

            assertThatThrownBy(() -> vm.eval("puts 'before'; JS.global"))
                    .isInstanceOf(Trap.class)
                    .hasMessageContaining("rb-js-abi-host::global-this")
                    .hasMessageContaining("JavaScript");
            assertThatThrownBy(() -> vm.eval("1"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("unusable");
        }
    }

    @Test
    void exitBangEndsTheGuestWithItsStatus() {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        try (RubyVm vm = RubyVm.start(RubyWasm.module(), new WasiConfig().stdout(stdout))) {
            assertThatThrownBy(() -> vm.run("print 'unflushed'; exit! 7"))
                    .isInstanceOfSatisfying(WasiExit.class, exit -> assertThat(exit.status()).isEqualTo(7));
            assertThatThrownBy(() -> vm.run("1")).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void twoVmsAreIndependent() {
        try (RubyVm first = RubyVm.start(RubyWasm.module(), new WasiConfig());
                RubyVm second = RubyVm.start(RubyWasm.module(), new WasiConfig())) {
            first.run("$name = 'first'");
            second.run("$name = 'second'");

            assertThat(first.evalToString("$name")).isEqualTo("first");
            assertThat(second.evalToString("$name")).isEqualTo("second");
            try (RubyValue one = first.eval("1")) {
                assertThatThrownBy(() -> second.eval("2").call("+", one))
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void aClosedVmRefusesWorkAndStartupTimesAreRecorded() {
        RubyVm vm = RubyVm.start(RubyWasm.module(), new WasiConfig());
        vm.close();
        vm.close();

        assertThatThrownBy(() -> vm.eval("1")).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThat(vm.startupTimes().rubyInit()).isPositive();
        assertThat(vm.startupTimes().total()).isGreaterThan(vm.startupTimes().rubyInit());
    }

    @Test
    void aModuleWithoutTheInterfaceOrArgumentsWithoutAProgramNameAreRefused() {
        Module other = Module.fromWat(new Engine(), "(module (memory (export \"memory\") 1))");
        assertThatThrownBy(() -> RubyVm.start(other, new WasiConfig()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ruby-init");
        assertThatThrownBy(() -> RubyVm.start(RubyWasm.module(), new WasiConfig(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("program name");
    }

    @Test
    void rubyArgumentsAreTheCommandLine() {
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        try (RubyVm vm = RubyVm.start(RubyWasm.module(), new WasiConfig().stderr(stderr),
                List.of("ruby", "--disable-gems", "-W0", "-EUTF-8", "-e_=0", "first", "sécond"))) {
            assertThat(vm.evalToString("$VERBOSE.inspect")).isEqualTo("nil");
            assertThat(vm.evalToString("ARGV.inspect")).isEqualTo("[\"first\", \"sécond\"]");
            assertThat(vm.evalToString("__ENCODING__")).isEqualTo("UTF-8");
        }
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
