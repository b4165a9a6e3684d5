package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import org.junit.jupiter.api.Test;

class EngineTest {

    @Test
    void autoIsTieredCompilationWhenItsSwitchIsOn() {
        Engine compiler = new Engine(new Config().strategy(Strategy.COMPILER));
        assertThat(compiler.strategy()).isEqualTo(Strategy.COMPILER);
        assertThat(compiler.compilerFallbacks()).isZero();
        assertThat(new Engine(new Config().strategy(Strategy.AUTO)).strategy())
                .isEqualTo(Engine.AUTO_IS_TIERED ? Strategy.COMPILER : Strategy.INTERPRETER);
        assertThat(new Engine(new Config().strategy(Strategy.INTERPRETER)).strategy()).isEqualTo(Strategy.INTERPRETER);
    }

    @Test
    void itsSystemPropertyOverridesTheSwitch() {
        for (String auto : new String[] {"tiered", "interpreter"}) {
            System.setProperty(Engine.AUTO_PROPERTY, auto);
            try {
                assertThat(new Engine(new Config().strategy(Strategy.AUTO)).strategy())
                        .isEqualTo(auto.equals("tiered") ? Strategy.COMPILER : Strategy.INTERPRETER);
            } finally {
                System.clearProperty(Engine.AUTO_PROPERTY);
            }
        }
    }

    @Test
    void featureSettersEnableAndDisable() {
        Config config = new Config();
        assertThat(config.features()).isEqualTo(Features.DEFAULT);
        config.wasmGc(false).wasmCustomDescriptors(true).feature(Feature.SIMD, false);
        assertThat(config.has(Feature.GC)).isFalse();
        assertThat(config.has(Feature.CUSTOM_DESCRIPTORS)).isTrue();
        assertThat(config.has(Feature.SIMD)).isFalse();
        Engine engine = new Engine(config);
        config.wasmGc(true); // the engine took a copy
        assertThat(engine.features().has(Feature.GC)).isFalse();
        assertThat(engine.config().has(Feature.GC)).isFalse();
    }

    @Test
    void instrumentationNotAvailableYetIsRefusedNotIgnored() {
        assertThatThrownBy(() -> new Engine(new Config().consumeFuel(true)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("fuel");
        assertThatThrownBy(() -> new Engine(new Config().epochInterruption(true)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("epoch");
        assertThatThrownBy(() -> new Engine(new Config().asyncSupport(true)))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("async");
        Engine engine = new Engine(new Config().consumeFuel(false).maxWasmStack(1 << 20));
        assertThat(engine.config().consumeFuel()).isFalse();
        assertThat(engine.config().maxWasmStack()).isEqualTo(1 << 20);
        assertThatThrownBy(() -> new Config().maxWasmStack(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void typesOfOneEngineAreEqualAcrossModulesAndHostDefinitions() {
        Engine engine = new Engine();
        Module a = Module.fromWat(engine, "(module (type $t (func (param i32))) (func (export \"f\") (type $t)))");
        FuncType exported = (FuncType) a.exports().getFirst().type();
        assertThat(exported).isEqualTo(FuncType.of(java.util.List.of(ValType.I32), java.util.List.of()));
        HeapType h = HeapType.concrete(engine, exported);
        assertThat(h.kind()).isEqualTo(HeapType.Kind.CONCRETE_FUNC);
        assertThat(h.funcType()).isEqualTo(exported);
        assertThat(h.matches(HeapType.FUNC)).isTrue();
        assertThat(HeapType.FUNC.matches(h)).isFalse();
        assertThat(ValType.ref(false, h).matches(ValType.FUNCREF)).isTrue();
        assertThat(ValType.NULLFUNCREF.matches(ValType.ref(true, h))).isTrue();
        assertThat(ValType.I31REF.matches(ValType.EQREF)).isTrue();
        assertThat(ValType.EXTERNREF.matches(ValType.ANYREF)).isFalse();
        assertThat(ValType.I32.matches(ValType.I64)).isFalse();
        assertThatThrownBy(() -> h.matches(HeapType.concrete(new Engine(), exported)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
