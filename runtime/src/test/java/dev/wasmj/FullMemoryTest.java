package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A 32-bit memory grows to the whole 4 GiB address space, and its last bytes work. */
class FullMemoryTest {

    @Test
    void a32BitMemoryGrowsToFourGibibytes() {
        Engine engine = new Engine(new Config().strategy(Strategy.INTERPRETER));
        Module module = Module.fromWat(engine, """
                (module
                  (memory (export "memory") 0)
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                  (func (export "size") (result i32) (memory.size))
                  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1)))
                  (func (export "load") (param i32) (result i32) (i32.load (local.get 0))))
                """);
        try (Store<Void> store = new Store<>(engine)) {
            Instance instance = new Linker<Void>(engine).instantiate(store, module);
            assertThat(instance.func("grow").call(Val.i32(65536))).containsExactly(Val.i32(0));
            assertThat(instance.func("size").call()).containsExactly(Val.i32(65536));
            assertThat(instance.memory("memory").size()).isEqualTo(65536);

            instance.func("store").call(Val.i32(0xFFFF_FFFC), Val.i32(0x1234_5678));
            assertThat(instance.func("load").call(Val.i32(0xFFFF_FFFC))).containsExactly(Val.i32(0x1234_5678));
            assertThatThrownBy(() -> instance.func("load").call(Val.i32(0xFFFF_FFFD)))
                    .isInstanceOfSatisfying(Trap.class, t -> assertThat(t.code()).isEqualTo(TrapCode.MEMORY_OUT_OF_BOUNDS));
            // nothing is left to grow into
            assertThat(instance.func("grow").call(Val.i32(1))).containsExactly(Val.i32(-1));
        }
    }
}
