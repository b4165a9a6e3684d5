package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LinkerTest {
    private final Engine engine = new Engine();
    private final FuncType i32ToI32 = FuncType.of(List.of(ValType.I32), List.of(ValType.I32));

    private final Module user = Module.fromWat(engine, """
            (module
              (import "host" "double" (func $double (param i32) (result i32)))
              (func (export "quadruple") (param i32) (result i32) (call $double (call $double (local.get 0)))))
            """);

    @Test
    void hostFunctionsAreStoreIndependentAndInstancePreWorksInEveryStore() {
        AtomicInteger calls = new AtomicInteger();
        Linker<Void> linker = new Linker<Void>(engine).func("host", "double", i32ToI32, (caller, args) -> {
            calls.incrementAndGet();
            return new Val[] {Val.i32(args[0].i32() * 2)};
        });
        InstancePre<Void> pre = linker.instantiatePre(user);
        for (int i = 0; i < 3; i++) {
            Store<Void> store = new Store<>(engine);
            assertThat(pre.instantiate(store).func("quadruple").call(Val.i32(i))).containsExactly(Val.i32(4 * i));
        }
        assertThat(calls).hasValue(6);
    }

    @Test
    void anUnknownImportIsNamed() {
        Linker<Void> linker = new Linker<>(engine);
        assertThatThrownBy(() -> linker.instantiate(new Store<>(engine), user))
                .isInstanceOf(LinkException.class)
                .hasMessage("unknown import: host::double has not been defined");
    }

    @Test
    void anIncompatibleImportNamesBothTypes() {
        Linker<Void> linker = new Linker<Void>(engine)
                .func("host", "double", FuncType.of(List.of(ValType.I64), List.of()), (c, a) -> Val.NONE);
        assertThatThrownBy(() -> linker.instantiate(new Store<>(engine), user))
                .isInstanceOf(LinkException.class)
                .hasMessageStartingWith("incompatible import type")
                .hasMessageContaining("host::double")
                .hasMessageContaining("expected (func (param i32) (result i32)), found (func (param i64))");
    }

    @Test
    void definingANameTwiceNeedsShadowing() {
        Linker<Void> linker = new Linker<Void>(engine).func("host", "double", i32ToI32, (c, a) -> a);
        assertThatThrownBy(() -> linker.func("host", "double", i32ToI32, (c, a) -> a))
                .isInstanceOf(LinkException.class).hasMessageContaining("defined twice");
        linker.allowShadowing(true).func("host", "double", i32ToI32, (c, a) -> new Val[] {Val.i32(0)});
        assertThat(linker.instantiate(new Store<>(engine), user).func("quadruple").call(Val.i32(5)))
                .containsExactly(Val.i32(0));
    }

    @Test
    void instancesAreDefinedUnderAName() {
        Store<Void> store = new Store<>(engine);
        Linker<Void> linker = new Linker<>(engine);
        Instance doubler = linker.instantiate(store, Module.fromWat(engine, """
                (module (func (export "double") (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2))))
                """));
        linker.instance("host", doubler);
        assertThat(linker.get(store, "host", "double")).containsInstanceOf(Func.class);
        assertThat(linker.instantiate(store, user).func("quadruple").call(Val.i32(3))).containsExactly(Val.i32(12));
    }

    @Test
    void aHandleOfAnotherStoreIsRefused() {
        Store<Void> a = new Store<>(engine);
        Store<Void> b = new Store<>(engine);
        Func fromA = Func.of(a, i32ToI32, (c, args) -> args);
        Linker<Void> linker = new Linker<Void>(engine).define("host", "double", fromA);
        assertThat(linker.instantiate(a, user).func("quadruple").call(Val.i32(7))).containsExactly(Val.i32(7));
        assertThatThrownBy(() -> linker.instantiate(b, user))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to another store");
        Instance inB = Instance.of(b, Module.fromWat(engine, "(module (func (export \"f\") (param funcref)))"));
        assertThatThrownBy(() -> inB.func("f").call(Val.funcref(fromA)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("belongs to another store");
        assertThatThrownBy(() -> Instance.of(b, user, fromA)).isInstanceOf(IllegalArgumentException.class);
        Store<Void> otherEngine = new Store<>(new Engine());
        assertThatThrownBy(() -> Instance.of(otherEngine, user, fromA)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("another engine");
    }

    @Test
    void reactorsAreInstantiatedOnceAndInitialized() {
        Store<Void> store = new Store<>(engine);
        Linker<Void> linker = new Linker<>(engine);
        Module reactor = Module.fromWat(engine, """
                (module
                  (global $g (mut i32) (i32.const 0))
                  (func (export "_initialize") (global.set $g (i32.const 100)))
                  (func (export "next") (result i32)
                    (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))
                """);
        linker.module(store, "counter", reactor);
        Func next = (Func) linker.get(store, "counter", "next").orElseThrow();
        assertThat(next.call()).containsExactly(Val.i32(101));
        assertThat(next.call()).containsExactly(Val.i32(102));
    }

    @Test
    void commandsAreInstantiatedAfreshForEachCall() {
        Store<Void> store = new Store<>(engine);
        Linker<Void> linker = new Linker<>(engine);
        Module command = Module.fromWat(engine, """
                (module
                  (global $g (mut i32) (i32.const 0))
                  (func (export "_start"))
                  (func (export "next") (result i32)
                    (global.set $g (i32.add (global.get $g) (i32.const 1))) (global.get $g)))
                """);
        linker.module(store, "cmd", command);
        Func next = (Func) linker.get(store, "cmd", "next").orElseThrow();
        assertThat(next.call()).containsExactly(Val.i32(1));
        assertThat(next.call()).containsExactly(Val.i32(1));
        assertThat(linker.getDefault(store, "cmd").type()).isEqualTo(FuncType.of(List.of(), List.of()));
    }

    @Test
    void getDefaultFallsBackToANoOp() {
        Store<Void> store = new Store<>(engine);
        Func f = new Linker<Void>(engine).getDefault(store, "nothing");
        assertThat(f.call()).isEmpty();
    }

    @Test
    void unknownImportsAsTrapsInstantiateAndTrapWhenCalled() {
        Linker<Void> linker = new Linker<Void>(engine).defineUnknownImportsAsTraps(user);
        Instance i = linker.instantiate(new Store<>(engine), user);
        assertThatThrownBy(() -> i.func("quadruple").call(Val.i32(1)))
                .isInstanceOf(Trap.class).hasMessageContaining("host::double");
    }

    @Test
    void unknownImportsAsDefaultValues() {
        Store<Void> store = new Store<>(engine);
        Module m = Module.fromWat(engine, """
                (module
                  (import "env" "f" (func $f (param i32) (result i32 i64)))
                  (import "env" "g" (global $g i32))
                  (import "env" "m" (memory 1))
                  (import "env" "t" (table 2 externref))
                  (func (export "run") (result i32 i64 i32 i32)
                    (call $f (i32.const 1)) (global.get $g) (memory.size)))
                """);
        Linker<Void> linker = new Linker<Void>(engine).defineUnknownImportsAsDefaultValues(store, m);
        assertThat(linker.instantiate(store, m).func("run").call())
                .containsExactly(Val.i32(0), Val.i64(0), Val.i32(0), Val.i32(1));
    }

    @Test
    void aliasesBindANameTwice() {
        Linker<Void> linker = new Linker<Void>(engine).func("h", "d", i32ToI32, (c, a) -> a).alias("h", "d", "host", "double");
        assertThat(linker.instantiate(new Store<>(engine), user).func("quadruple").call(Val.i32(3)))
                .containsExactly(Val.i32(3));
    }
}
