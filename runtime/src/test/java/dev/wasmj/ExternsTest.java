package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.ValueLayout;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternsTest {
    private final Engine engine = new Engine();
    private final Store<Void> store = new Store<>(engine);

    private final Instance instance = Instance.of(store, Module.fromWat(engine, """
            (module
              (func $f (export "f") (result i32) (i32.const 11))
              (memory (export "memory") 1 3)
              (table (export "table") 2 5 funcref)
              (global (export "counter") (mut i64) (i64.const 5))
              (global (export "const") f32 (f32.const 1.5))
              (tag (export "tag") (param i32))
              (elem (i32.const 0) $f)
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "call") (param i32) (result i32) (call_indirect (result i32) (local.get 0))))
            """));

    @Test
    void exportsByNameAndByIndex() {
        assertThat(instance.exportNames()).containsExactly("f", "memory", "table", "counter", "const", "tag", "load", "call");
        assertThat(instance.export(0)).isEqualTo(instance.func("f"));
        assertThat(instance.export(1)).isInstanceOf(Memory.class);
        assertThat(instance.export(5)).isInstanceOf(Tag.class);
        assertThat(instance.export("nope")).isEmpty();
        assertThatThrownBy(() -> instance.export(8)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> instance.memory("f")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no memory export named \"f\"");
    }

    @Test
    void memoriesAreReadWrittenGrownAndViewed() {
        Memory m = instance.memory("memory");
        m.write(16, new byte[] {0x78, 0x56, 0x34, 0x12});
        assertThat(instance.func("load").call(Val.i32(16))).containsExactly(Val.i32(0x12345678));
        assertThat(m.data().get(ValueLayout.JAVA_INT_UNALIGNED, 16)).isEqualTo(0x12345678);
        assertThat(m.read(16, 2)).containsExactly(0x78, 0x56);
        assertThat(m.size()).isEqualTo(1);
        assertThat(m.dataSize()).isEqualTo(65536);
        assertThat(m.grow(2)).isEqualTo(1);
        assertThat(m.grow(1)).isEqualTo(-1);
        assertThat(m.type()).isEqualTo(MemoryType.of(3, 3));
        assertThat(m.read(16, 4)).containsExactly(0x78, 0x56, 0x34, 0x12);
        assertThatThrownBy(() -> m.read(3 * 65536 - 1, 2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void tablesHoldReferences() {
        Table t = instance.table("table");
        assertThat(t.size()).isEqualTo(2);
        assertThat(t.get(0)).isEqualTo(Val.funcref(instance.func("f")));
        assertThat(t.get(1)).isEqualTo(Val.funcref(null));
        Func host = Func.of(store, FuncType.of(List.of(), List.of(ValType.I32)), (c, a) -> new Val[] {Val.i32(22)});
        t.set(1, Val.funcref(host));
        assertThat(instance.func("call").call(Val.i32(1))).containsExactly(Val.i32(22));
        assertThat(t.grow(2, Val.funcref(host))).isEqualTo(2);
        assertThat(t.size()).isEqualTo(4);
        assertThat(t.grow(2, Val.funcref(null))).isEqualTo(-1);
        assertThatThrownBy(() -> t.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> t.set(0, Val.externref("x"))).isInstanceOf(IllegalArgumentException.class);
        Table ext = Table.of(store, TableType.of(RefType.EXTERNREF, 1), Val.externref("x"));
        assertThat(ext.get(0)).isEqualTo(Val.externref("x"));
    }

    @Test
    void globalsAreReadAndSet() {
        Global counter = instance.global("counter");
        assertThat(counter.get()).isEqualTo(Val.i64(5));
        counter.set(Val.i64(6));
        assertThat(counter.get()).isEqualTo(Val.i64(6));
        assertThatThrownBy(() -> counter.set(Val.i32(1))).isInstanceOf(IllegalArgumentException.class);
        Global c = instance.global("const");
        assertThat(c.get().f32()).isEqualTo(1.5f);
        assertThat(c.type()).isEqualTo(GlobalType.of(ValType.F32));
        assertThatThrownBy(() -> c.set(Val.f32(2))).isInstanceOf(IllegalStateException.class);
        Global v = Global.of(store, GlobalType.mutable(ValType.V128), Val.v128(1, 2));
        assertThat(v.get()).isEqualTo(Val.v128(1, 2));
    }

    @Test
    void tagsAreDistinct() {
        Tag exported = instance.tag("tag");
        assertThat(exported.type()).isEqualTo(TagType.of(List.of(ValType.I32)));
        Tag made = Tag.of(store, TagType.of(List.of(ValType.I32)));
        assertThat(made).isNotEqualTo(exported);
        assertThat(made.type()).isEqualTo(exported.type());
    }

    @Test
    void sharedMemoriesBelongToTheEngine() {
        SharedMemory shared = new SharedMemory(engine, MemoryType.shared(1, 2));
        Module m = Module.fromWat(engine, """
                (module (import "env" "m" (memory 1 2 shared))
                  (func (export "store") (param i32 i32) (i32.store (local.get 0) (local.get 1))))
                """);
        Instance a = Instance.of(store, m, shared);
        Instance b = Instance.of(new Store<>(engine), m, shared);
        a.func("store").call(Val.i32(0), Val.i32(7));
        b.func("store").call(Val.i32(4), Val.i32(8));
        assertThat(shared.data().get(ValueLayout.JAVA_INT_UNALIGNED, 0)).isEqualTo(7);
        assertThat(shared.data().get(ValueLayout.JAVA_INT_UNALIGNED, 4)).isEqualTo(8);
        assertThat(shared.grow(1)).isEqualTo(1);
        assertThat(a.export("nothing")).isEmpty();
        assertThatThrownBy(() -> new SharedMemory(engine, MemoryType.of(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
