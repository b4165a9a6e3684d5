package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.WasmException;
import dev.wasmj.format.validate.DefType;
import dev.wasmj.internal.runtime.Calls;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.HostFunctionInstance;
import dev.wasmj.internal.runtime.Instantiator;
import dev.wasmj.internal.runtime.Limiter;
import dev.wasmj.internal.runtime.MemoryInstance;
import dev.wasmj.internal.runtime.StoreContext;
import dev.wasmj.internal.runtime.TagInstance;
import dev.wasmj.internal.runtime.UnlinkableException;
import org.junit.jupiter.api.Test;

import java.lang.foreign.ValueLayout;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HostAndThreadsTest {
    private static DefType type(String sig) {
        return Wasm.load("(module (type (func " + sig + ")))").types().type(0);
    }

    @Test
    void hostFunctionSeesItsCallerAndMayCallBackIntoWasm() {
        AtomicReference<Wasm> self = new AtomicReference<>();
        HostFunctionInstance host = new HostFunctionInstance(type("(param i32) (result i32)"), (ctx, slots, refs) -> {
            MemoryInstance mem = (MemoryInstance) ctx.caller().export("mem");
            int stored = mem.segment.get(ValueLayout.JAVA_INT_UNALIGNED, (int) slots[0]);
            long[] args = {stored};
            Calls.invoke(ctx.store(), (FunctionInstance) ctx.caller().export("double"), args, new Object[1]);
            slots[0] = args[0] + 1;
        });
        Wasm w = new Wasm("""
                (module (import "host" "f" (func $f (param i32) (result i32))) (memory (export "mem") 1)
                  (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
                  (func (export "go") (result i32) (i32.store (i32.const 16) (i32.const 21)) (call $f (i32.const 16))))""",
                host);
        self.set(w);
        assertThat(w.call("go")).isEqualTo(43);
    }

    @Test
    void trapInAHostFunctionGetsTheWasmBacktrace() {
        HostFunctionInstance host = new HostFunctionInstance(type(""), (ctx, slots, refs) -> {
            throw new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "host says no");
        });
        Wasm w = new Wasm("""
                (module (import "host" "f" (func $f)) (func $inner (call $f)) (func (export "go") (call $inner)))""",
                host);
        assertThatThrownBy(() -> w.call("go")).isInstanceOf(Trap.class).hasMessage("host says no")
                .satisfies(t -> assertThat(((Trap) t).backtrace()).extracting(Trap.Frame::funcName)
                        .containsExactly("inner", null));
        assertThatThrownBy(() -> w.call("go")).hasMessage("host says no"); // the same again: nothing left behind
    }

    @Test
    void wasmExceptionsCrossTheHostBoundaryBothWays() {
        Wasm thrower = new Wasm("""
                (module (tag $e (export "e") (param i32)) (func (export "throw") (param i32) (throw $e (local.get 0))))""");
        TagInstance tag = (TagInstance) thrower.instance.export("e");
        assertThatThrownBy(() -> thrower.call("throw", 7)).isInstanceOf(WasmException.class)
                .satisfies(e -> {
                    WasmException we = (WasmException) e;
                    assertThat(we.exception().tag()).isSameAs(tag);
                    assertThat(we.exception().slots()[0]).isEqualTo(7);
                });
        HostFunctionInstance host = new HostFunctionInstance(type(""), (ctx, slots, refs) -> {
            long[] args = {5};
            Calls.invoke(ctx.store(), (FunctionInstance) thrower.instance.export("throw"), args, new Object[1]);
        });
        Wasm catcher = new Wasm("""
                (module (import "t" "e" (tag $e (param i32))) (import "host" "f" (func $f))
                  (func (export "go") (result i32)
                    (block $h (result i32) (try_table (catch $e $h) (call $f)) (i32.const -1))))""", tag, host);
        assertThat(catcher.call("go")).isEqualTo(5);
    }

    @Test
    void waitAndNotifyAcrossThreads() throws Exception {
        String wat = """
                (module (memory (export "mem") 1 1 shared)
                  (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const -1)))
                  (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1))))""";
        Wasm a = new Wasm(wat);
        MemoryInstance mem = (MemoryInstance) a.instance.export("mem");
        StoreContext other = new StoreContext(Wasm.REGISTRY, Limiter.DEFAULT);
        var b = Instantiator.instantiate(other, Wasm.load("""
                (module (import "a" "mem" (memory 1 1 shared))
                  (func (export "notify") (result i32) (memory.atomic.notify (i32.const 0) (i32.const 1))))"""),
                new Object[] {mem});
        AtomicInteger result = new AtomicInteger(-1);
        Thread waiter = new Thread(() -> result.set((int) a.call("wait")));
        waiter.start();
        long woken = 0;
        for (int i = 0; i < 500 && woken == 0; i++) {
            Thread.sleep(10);
            long[] s = new long[1];
            Calls.invoke(other, (FunctionInstance) b.export("notify"), s, new Object[1]);
            woken = s[0];
        }
        waiter.join(5000);
        assertThat(woken).isEqualTo(1);
        assertThat(result.get()).isZero();
    }

    @Test
    void waitOnUnsharedMemoryTrapsAndTimesOutOnShared() {
        Wasm w = new Wasm("""
                (module (memory 1)
                  (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 10))))""");
        assertThatThrownBy(() -> w.call("wait")).hasMessage("expected shared memory");
        Wasm s = new Wasm("""
                (module (memory 1 1 shared)
                  (func (export "wait") (result i32) (memory.atomic.wait32 (i32.const 0) (i32.const 0) (i64.const 1000000))))""");
        assertThat(s.call("wait")).isEqualTo(2);
    }

    @Test
    void limiterRefusesGrowthAndCounts() {
        Limiter small = new Limiter() {
            @Override
            public boolean memoryGrowing(long current, long desired, long maximum) {
                return desired <= 2 * 65536;
            }

            @Override
            public boolean tableGrowing(long current, long desired, long maximum) {
                return desired <= 5;
            }

            @Override
            public int instances() {
                return 1;
            }
        };
        StoreContext store = new StoreContext(Wasm.REGISTRY, small);
        var inst = Instantiator.instantiate(store, Wasm.load("""
                (module (memory 1) (table 1 funcref)
                  (func (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                  (func (export "tgrow") (param i32) (result i32) (table.grow (ref.null func) (local.get 0))))"""),
                new Object[0]);
        long[] s = {1};
        Calls.invoke(store, (FunctionInstance) inst.export("grow"), s, new Object[1]);
        assertThat(s[0]).isEqualTo(1);
        s[0] = 1;
        Calls.invoke(store, (FunctionInstance) inst.export("grow"), s, new Object[1]);
        assertThat((int) s[0]).isEqualTo(-1);
        s[0] = 10;
        Calls.invoke(store, (FunctionInstance) inst.export("tgrow"), s, new Object[1]);
        assertThat((int) s[0]).isEqualTo(-1);
        assertThatThrownBy(() -> Instantiator.instantiate(store, Wasm.load("(module)"), new Object[0]))
                .isInstanceOf(UnlinkableException.class);
        store.close();
    }

    @Test
    void importsAreCheckedWithSubtyping() {
        Wasm exporter = new Wasm("""
                (module (type $t (sub (func (result funcref)))) (type $u (sub $t (func (result (ref func)))))
                  (func (export "f") (type $u) (ref.func 0)) (global (export "g") i32 (i32.const 1)))""");
        Object f = exporter.instance.export("f");
        new Wasm("""
                (module (type $t (sub (func (result funcref)))) (import "m" "f" (func (type $t))))""", f);
        assertThatThrownBy(() -> new Wasm("(module (import \"m\" \"f\" (func (result i32))))", f))
                .isInstanceOf(UnlinkableException.class).hasMessageStartingWith("incompatible import type");
        assertThatThrownBy(() -> new Wasm("(module (import \"m\" \"g\" (global (mut i32))))",
                exporter.instance.export("g"))).hasMessageStartingWith("incompatible import type");
    }
}
