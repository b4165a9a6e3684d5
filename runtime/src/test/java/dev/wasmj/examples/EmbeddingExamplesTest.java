package dev.wasmj.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Func;
import dev.wasmj.FuncType;
import dev.wasmj.Global;
import dev.wasmj.GlobalType;
import dev.wasmj.Instance;
import dev.wasmj.InstancePre;
import dev.wasmj.Linker;
import dev.wasmj.Memory;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.StoreLimits;
import dev.wasmj.Strategy;
import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntBinaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The examples of docs/embedding.md. Each region between {@code // snippet: NAME} and
 * {@code // end snippet} appears verbatim in the document ({@code EmbeddingDocTest} checks it), and
 * runs here as a test.
 */
class EmbeddingExamplesTest {

    @Test
    void helloWorld() {
        // snippet: hello
        Engine engine = new Engine(new Config().strategy(Strategy.INTERPRETER));
        Module module = Module.fromWat(engine, """
                (module
                  (func (export "add") (param i32 i32) (result i32)
                    (i32.add (local.get 0) (local.get 1))))
                """);
        try (Store<Void> store = new Store<>(engine)) {
            Instance instance = new Linker<Void>(engine).instantiate(store, module);
            Val[] results = instance.func("add").call(Val.i32(1), Val.i32(2));
            IntBinaryOperator add = instance.typedFunc("add", IntBinaryOperator.class);
            int sum = add.applyAsInt(40, 2); // no boxing
            // end snippet
            assertThat(results).containsExactly(Val.i32(3));
            assertThat(sum).isEqualTo(42);
        }
    }

    @Test
    void hostFunctions() {
        // snippet: host
        record AppState(List<String> log) {}

        Engine engine = new Engine();
        Linker<AppState> linker = new Linker<>(engine);
        linker.func("env", "log", FuncType.of(List.of(ValType.I32, ValType.I32), List.of()), (caller, args) -> {
            Memory memory = caller.memory("memory");
            byte[] text = memory.read(args[0].i32(), args[1].i32());
            caller.data().log().add(new String(text, StandardCharsets.UTF_8));
            return Val.NONE;
        });
        Module module = Module.fromWat(engine, """
                (module
                  (import "env" "log" (func $log (param i32 i32)))
                  (memory (export "memory") 1)
                  (data (i32.const 16) "hello from wasm")
                  (func (export "run") (call $log (i32.const 16) (i32.const 15))))
                """);
        Store<AppState> store = new Store<>(engine, new AppState(new ArrayList<>()));
        linker.instantiate(store, module).func("run").call();
        // store.data().log() is now ["hello from wasm"]
        // end snippet
        assertThat(store.data().log()).containsExactly("hello from wasm");
    }

    @Test
    void instancePre() {
        Engine engine = new Engine();
        Module module = Module.fromWat(engine, """
                (module (import "env" "base" (global $b i32))
                  (func (export "get") (result i32) (global.get $b)))
                """);
        // snippet: pre
        Linker<Integer> linker = new Linker<>(engine);
        linker.func("env", "answer", FuncType.of(List.of(), List.of(ValType.I32)),
                (caller, args) -> new Val[] {Val.i32(caller.data())});
        Module guest = Module.fromWat(engine, """
                (module (import "env" "answer" (func $answer (result i32)))
                  (func (export "ask") (result i32) (call $answer)))
                """);
        InstancePre<Integer> pre = linker.instantiatePre(guest); // imports resolved once
        for (int request = 1; request <= 3; request++) {
            try (Store<Integer> store = new Store<>(engine, request * 10)) { // one store per request
                int answer = pre.instantiate(store).func("ask").call()[0].i32(); // 10, 20, 30
                // end snippet
                assertThat(answer).isEqualTo(request * 10);
            }
        }
        try (Store<Void> store = new Store<>(engine)) {
            Global base = Global.of(store, GlobalType.of(ValType.I32), Val.i32(7));
            assertThat(Instance.of(store, module, base).func("get").call()).containsExactly(Val.i32(7));
        }
    }

    @Test
    void trapsAndLimits() {
        Engine engine = new Engine();
        Module module = Module.fromWat(engine, """
                (module $app
                  (memory 1)
                  (func $grow (export "grow") (param i32) (result i32) (memory.grow (local.get 0)))
                  (func $crash (export "crash") (unreachable)))
                """);
        // snippet: traps
        Store<Void> store = new Store<>(engine);
        store.limiter(StoreLimits.builder().memorySize(4 << 16).instances(10).build());
        Instance instance = new Linker<Void>(engine).instantiate(store, module);
        int grown = instance.func("grow").call(Val.i32(8))[0].i32(); // -1: over the 4-page limit
        try {
            instance.func("crash").call();
        } catch (Trap trap) {
            TrapCode code = trap.code();                 // UNREACHABLE_CODE_REACHED
            String where = trap.backtrace().getFirst().toString(); // app!crash @ 0x...
            // end snippet
            assertThat(code).isEqualTo(TrapCode.UNREACHABLE_CODE_REACHED);
            assertThat(where).startsWith("app!crash @ 0x");
        }
        assertThat(grown).isEqualTo(-1);
        assertThat(instance.func("grow").call(Val.i32(1))).containsExactly(Val.i32(1));
        assertThatThrownBy(() -> instance.func("grow").call(Val.i64(1))).isInstanceOf(IllegalArgumentException.class);
    }
}
