package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StoreTest {
    private final Engine engine = new Engine();

    @Test
    void holdsTheEmbeddersData() {
        Store<String> store = new Store<>(engine, "first");
        assertThat(store.data()).isEqualTo("first");
        store.setData("second");
        assertThat(store.data()).isEqualTo("second");
        assertThat(store.engine()).isSameAs(engine);
        store.gc();
    }

    @Test
    void aSecondThreadEnteringAStoreInUseGetsAnException() throws Exception {
        Store<Void> store = new Store<>(engine);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Func block = Func.of(store, FuncType.of(List.of(), List.of()), (caller, args) -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Val.NONE;
        });
        Func other = Func.of(store, FuncType.of(List.of(), List.of(ValType.I32)), (c, a) -> new Val[] {Val.i32(1)});
        CompletableFuture<Void> first = CompletableFuture.runAsync(() -> block.call());
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(other::call).isInstanceOf(IllegalStateException.class).hasMessageContaining("in use by thread");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
        assertThat(other.call()).containsExactly(Val.i32(1)); // the store is fine afterwards
    }

    @Test
    void closingFreesMemoriesAndEndsTheStore() {
        Store<Void> store = new Store<>(engine);
        Memory memory = Memory.of(store, MemoryType.of(1));
        memory.write(0, new byte[] {1, 2, 3});
        store.close();
        store.close();
        assertThat(store.isClosed()).isTrue();
        assertThatThrownBy(memory::data).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> memory.read(0, 3)).isInstanceOf(IllegalStateException.class).hasMessage("store is closed");
        assertThatThrownBy(() -> Memory.of(store, MemoryType.of(1))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void storesThatAreNeverClosedAreCollected() throws Exception {
        java.lang.ref.WeakReference<Store<Void>> ref = abandonedStore();
        for (int i = 0; i < 50 && ref.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertThat(ref.get()).isNull();
    }

    private java.lang.ref.WeakReference<Store<Void>> abandonedStore() {
        Store<Void> store = new Store<Void>(engine).limiter(StoreLimits.builder().memorySize(1 << 24).build());
        Instance.of(store, Module.fromWat(engine, "(module (memory (export \"m\") 16) (func (export \"f\")))"));
        return new java.lang.ref.WeakReference<>(store);
    }

    @Test
    void theLimiterCapsMemoryGrowthAsMemoryGrowFailing() {
        Store<Void> store = new Store<>(engine);
        store.limiter(StoreLimits.builder().memorySize(3 * 65536).build());
        Instance i = Instance.of(store, Module.fromWat(engine, """
                (module (memory (export "m") 1) (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0))))
                """));
        assertThat(i.func("grow").call(Val.i32(2))).containsExactly(Val.i32(1));
        assertThat(i.func("grow").call(Val.i32(1))).containsExactly(Val.i32(-1));
        assertThat(i.memory("m").grow(1)).isEqualTo(-1);
        assertThat(i.memory("m").size()).isEqualTo(3);
    }

    @Test
    void theLimiterCapsTableElements() {
        Store<Void> store = new Store<>(engine);
        store.limiter(StoreLimits.builder().tableElements(5).build());
        Table t = Table.of(store, TableType.of(RefType.FUNCREF, 2), Val.funcref(null));
        assertThat(t.grow(3, Val.funcref(null))).isEqualTo(2);
        assertThat(t.grow(1, Val.funcref(null))).isEqualTo(-1);
        assertThatThrownBy(() -> Table.of(store, TableType.of(RefType.FUNCREF, 6), Val.funcref(null)))
                .isInstanceOf(LinkException.class);
    }

    @Test
    void theLimiterCountsInstancesTablesAndMemories() {
        Store<Void> store = new Store<>(engine);
        store.limiter(StoreLimits.builder().instances(2).memories(1).tables(1).build());
        Module empty = Module.fromWat(engine, "(module)");
        Instance.of(store, empty);
        Instance.of(store, empty);
        assertThatThrownBy(() -> Instance.of(store, empty)).isInstanceOf(LinkException.class)
                .hasMessageContaining("instance limit");
        Store<Void> other = new Store<Void>(engine).limiter(StoreLimits.builder().memories(1).tables(1).build());
        Memory.of(other, MemoryType.of(0));
        assertThatThrownBy(() -> Memory.of(other, MemoryType.of(0))).isInstanceOf(LinkException.class);
        Table.of(other, TableType.of(RefType.FUNCREF, 0), Val.funcref(null));
        assertThatThrownBy(() -> Instance.of(other, Module.fromWat(engine, "(module (table 1 funcref))")))
                .isInstanceOf(LinkException.class).hasMessageContaining("table limit");
    }

    @Test
    void defaultLimitsAreWasmtimes() {
        StoreLimits limits = StoreLimits.defaults();
        assertThat(limits.instances()).isEqualTo(10_000);
        assertThat(limits.tables()).isEqualTo(10_000);
        assertThat(limits.memories()).isEqualTo(10_000);
        assertThat(limits.memoryGrowing(0, Long.MAX_VALUE, -1)).isTrue();
        assertThat(limits.tableGrowing(0, Long.MAX_VALUE, -1)).isTrue();
    }

    @Test
    void anEmbedderLimiterIsAskedBeforeGrowth() {
        List<String> asked = new ArrayList<>();
        ResourceLimiter limiter = new ResourceLimiter() {
            @Override
            public boolean memoryGrowing(long current, long desired, long maximum) {
                asked.add("memory " + current + "->" + desired + " max " + maximum);
                return desired <= 2 * 65536;
            }

            @Override
            public boolean tableGrowing(long current, long desired, long maximum) {
                asked.add("table " + current + "->" + desired + " max " + maximum);
                return true;
            }
        };
        Store<Void> store = new Store<Void>(engine).limiter(limiter);
        Memory m = Memory.of(store, MemoryType.of(1, 4));
        assertThat(m.grow(1)).isEqualTo(1);
        assertThat(m.grow(1)).isEqualTo(-1);
        assertThat(asked).containsExactly("memory 0->65536 max 262144", "memory 65536->131072 max 262144",
                "memory 131072->196608 max 262144");
    }
}
