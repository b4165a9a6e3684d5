package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.format.Features;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.text.WatParser;
import dev.wasmj.format.validate.TypeRegistry;
import dev.wasmj.format.validate.ValidatedModule;
import dev.wasmj.format.validate.Validator;
import dev.wasmj.internal.runtime.Calls;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.Instantiator;
import dev.wasmj.internal.runtime.Limiter;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.StoreContext;
import dev.wasmj.internal.runtime.WasmFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Compiled code belongs to the module: the instances of a module share its generated classes (nothing
 * is generated or counted again when it is instantiated again), each with its own state, imports and
 * tiered progress; instantiation is safe on several threads at once.
 */
class SharedCodeTest {
    private static final TypeRegistry REGISTRY = new TypeRegistry();

    /** State of every kind: a memory, a global, a table; exports that read and change it. */
    private static final String STATEFUL = """
            (module
              (memory 1)
              (global $g (mut i32) (i32.const 0))
              (table 2 funcref)
              (func $seven (result i32) (i32.const 7))
              (func $eight (result i32) (i32.const 8))
              (func (export "bump") (param i32) (result i32)
                (global.set $g (i32.add (global.get $g) (local.get 0)))
                (i32.store (i32.const 16) (i32.add (i32.load (i32.const 16)) (i32.mul (local.get 0) (i32.const 10))))
                (global.get $g))
              (func (export "mem") (result i32) (i32.load (i32.const 16)))
              (func (export "pick") (param i32) (table.set (i32.const 0)
                (select (result funcref) (ref.func $seven) (ref.func $eight) (local.get 0))))
              (func (export "slot") (result i32) (call_indirect (result i32) (i32.const 0)))
              (elem declare func $seven $eight))
            """;

    private static ValidatedModule load(String wat) {
        byte[] bytes = BinaryEncoder.encode(WatParser.parseModule(wat));
        return Validator.validate(BinaryDecoder.decode(bytes, Features.DEFAULT), Features.DEFAULT, REGISTRY);
    }

    private static ModuleInstance instantiate(Compiler compiler, ValidatedModule module, Object... imports) {
        StoreContext store = new StoreContext(REGISTRY, Limiter.DEFAULT);
        store.codeGenerator(compiler);
        return Instantiator.instantiate(store, module, imports);
    }

    /** Calls export {@code name} of {@code instance} with i32 arguments; returns its first result as an i32. */
    private static int call(ModuleInstance instance, String name, int... args) {
        long[] slots = new long[Math.max(args.length, 1)];
        for (int k = 0; k < args.length; k++) {
            slots[k] = args[k];
        }
        Calls.invoke(instance.store(), (FunctionInstance) instance.export(name), slots, new Object[slots.length]);
        return (int) slots[0];
    }

    private static WasmFunction function(ModuleInstance instance, String name) {
        return (WasmFunction) instance.export(name);
    }

    /** The shared method behind the compiled code of export {@code name}. */
    private static Object method(ModuleInstance instance, String name) {
        return ((CompiledCode) function(instance, name).compiled).direct();
    }

    /** A compiler made with {@code properties} set. */
    private static Compiler compiler(boolean tiered, Map<String, String> properties) {
        try {
            properties.forEach(System::setProperty);
            return new Compiler(tiered);
        } finally {
            properties.keySet().forEach(System::clearProperty);
        }
    }

    private static void sharesCodeNotState(Compiler compiler) {
        ValidatedModule module = load(STATEFUL);
        ModuleInstance a = instantiate(compiler, module);
        assertThat(call(a, "bump", 1)).isEqualTo(1); // lazily: generates the classes
        long compiled = compiler.compiled();
        assertThat(compiled).isEqualTo(6);
        ModuleInstance b = instantiate(compiler, module);

        assertThat(call(a, "bump", 2)).isEqualTo(3);
        assertThat(call(b, "bump", 5)).isEqualTo(5);
        assertThat(call(a, "mem")).isEqualTo(30);
        assertThat(call(b, "mem")).isEqualTo(50);
        call(a, "pick", 1);
        call(b, "pick", 0);
        assertThat(call(a, "slot")).isEqualTo(7);
        assertThat(call(b, "slot")).isEqualTo(8);

        assertThat(method(b, "bump")).isSameAs(method(a, "bump"));
        assertThat(function(b, "bump").compiled).isNotSameAs(function(a, "bump").compiled);
        assertThat(compiler.compiled()).isEqualTo(compiled);
        assertThat(compiler.fallbacks()).isZero();
        assertThat(compiler.modules()).isEqualTo(1);
    }

    @Test
    void instancesShareTheirModulesCodeButNotTheirState() {
        sharesCodeNotState(new Compiler(false));
    }

    @Test
    void lazilyCompiledClassesAreSharedToo() {
        sharesCodeNotState(compiler(false, Map.of(Compiler.LAZY_ABOVE_PROPERTY, "0")));
    }

    @Test
    void splitFunctionsAreSharedToo() {
        System.setProperty(FunctionSplitter.BUDGET_PROPERTY, "1"); // read as functions are generated
        try {
            sharesCodeNotState(new Compiler(false));
        } finally {
            System.clearProperty(FunctionSplitter.BUDGET_PROPERTY);
        }
    }

    @Test
    void eachInstanceUsesItsOwnImports() {
        Compiler compiler = new Compiler(false);
        String provider = """
                (module
                  (memory (export "memory") 1)
                  (global (export "base") (mut i32) (i32.const %d))
                  (func (export "scale") (param i32) (result i32) (i32.mul (local.get 0) (i32.const %d)))
                  (data (i32.const 0) "%s"))
                """;
        ModuleInstance p = instantiate(compiler, load(provider.formatted(100, 2, "\\01")));
        ModuleInstance q = instantiate(compiler, load(provider.formatted(200, 3, "\\02")));
        ValidatedModule user = load("""
                (module
                  (import "p" "memory" (memory 1))
                  (import "p" "base" (global $base (mut i32)))
                  (import "p" "scale" (func $scale (param i32) (result i32)))
                  (func (export "run") (param i32) (result i32)
                    (global.set $base (i32.add (global.get $base) (i32.const 1)))
                    (i32.add (global.get $base)
                      (i32.add (i32.load8_u (i32.const 0)) (call $scale (local.get 0))))))
                """);
        ModuleInstance onP = instantiate(compiler, user, p.export("memory"), p.export("base"), p.export("scale"));
        long compiled = compiler.compiled();
        ModuleInstance onQ = instantiate(compiler, user, q.export("memory"), q.export("base"), q.export("scale"));

        assertThat(call(onP, "run", 10)).isEqualTo(101 + 1 + 20);
        assertThat(call(onQ, "run", 10)).isEqualTo(201 + 2 + 30);
        assertThat(call(onP, "run", 10)).isEqualTo(102 + 1 + 20);
        assertThat(compiler.compiled()).isEqualTo(compiled);
        assertThat(method(onQ, "run")).isSameAs(method(onP, "run"));
        assertThat(Compiler.variant(onP)).isEqualTo("a"); // an imported memory in an array
    }

    /**
     * An imported shared memory reserved at its maximum (its segment never moves) and one that is not
     * (it moves when it grows) need different code: two variants of the module, each right.
     */
    @Test
    void importsThatNeedOtherCodeGetAVariantOfTheirOwn() {
        Compiler compiler = new Compiler(false);
        ModuleInstance reserved = instantiate(compiler, load("(module (memory (export \"m\") 1 16 shared))"));
        ModuleInstance growing = instantiate(compiler, load("(module (memory (export \"m\") 1 8192 shared))"));
        ValidatedModule user = load("""
                (module
                  (import "p" "m" (memory 1 8192 shared))
                  (func (export "add") (param i32) (result i32)
                    (drop (memory.grow (i32.const 1)))
                    (drop (i32.atomic.rmw.add (i32.const 65536) (local.get 0)))
                    (i32.add (i32.atomic.load (i32.const 65536)) (i32.load (i32.const 65536)))))
                """);
        ModuleInstance a = instantiate(compiler, user, reserved.export("m"));
        ModuleInstance b = instantiate(compiler, user, growing.export("m"));
        assertThat(Compiler.variant(a)).isEqualTo("f");
        assertThat(Compiler.variant(b)).isEqualTo("s");
        assertThat(compiler.modules()).isEqualTo(2);
        assertThat(call(a, "add", 5)).isEqualTo(10);
        assertThat(call(b, "add", 7)).isEqualTo(14);
        assertThat(call(a, "add", 5)).isEqualTo(20);
        assertThat(method(b, "add")).isNotSameAs(method(a, "add"));
        assertThat(compiler.fallbacks()).isZero();
    }

    /**
     * A table holding the same function of two instances of one module: the call site's inline cache
     * sees one compiled method, and must call it with each callee's own instance.
     */
    @Test
    void indirectCallsPassTheCalleesInstance() {
        Compiler compiler = new Compiler(false);
        ModuleInstance host = instantiate(compiler, load("""
                (module
                  (table (export "table") 2 funcref)
                  (global (export "zero") i32 (i32.const 0))
                  (global (export "one") i32 (i32.const 1)))
                """));
        ValidatedModule module = load("""
                (module
                  (import "host" "table" (table 2 funcref))
                  (import "host" "slot" (global $slot i32))
                  (global $value (mut i32) (i32.const 0))
                  (func $get (result i32) (global.get $value))
                  (func (export "set") (param i32) (global.set $value (local.get 0)))
                  (func (export "sum") (param i32) (result i32) (local i32)
                    (loop $l
                      (local.set 1 (i32.add (local.get 1)
                        (call_indirect (result i32) (i32.rem_u (local.get 0) (i32.const 2)))))
                      (br_if $l (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                    (local.get 1))
                  (elem (table 0) (global.get $slot) func $get))
                """);
        ModuleInstance a = instantiate(compiler, module, host.export("table"), host.export("zero"));
        ModuleInstance b = instantiate(compiler, module, host.export("table"), host.export("one"));
        call(a, "set", 10);
        call(b, "set", 1000);
        // slots 1, 0, 1, 0, ...: 50 calls of b's $get and 50 of a's
        for (int round = 0; round < 200; round++) {
            assertThat(call(a, "sum", 100)).isEqualTo(50 * 1000 + 50 * 10);
            assertThat(call(b, "sum", 99)).isEqualTo(50 * 1000 + 49 * 10);
        }
    }

    @Test
    void instancesOfOneModuleCanBeMadeOnSeveralThreadsAtOnce() throws Exception {
        for (boolean lazy : new boolean[] {false, true}) {
            Compiler compiler = lazy ? compiler(false, Map.of(Compiler.LAZY_ABOVE_PROPERTY, "0")) : new Compiler(false);
            ValidatedModule module = load(STATEFUL);
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Callable<Integer>> tasks = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int n = t;
                    tasks.add(() -> {
                        ModuleInstance i = instantiate(compiler, module);
                        int sum = 0;
                        for (int k = 0; k <= n; k++) {
                            sum = call(i, "bump", k);
                        }
                        return sum + call(i, "mem");
                    });
                }
                List<Future<Integer>> results = threads.invokeAll(tasks);
                for (int t = 0; t < 16; t++) {
                    int sum = t * (t + 1) / 2;
                    assertThat(results.get(t).get()).isEqualTo(sum + 10 * sum);
                }
            } finally {
                threads.shutdown();
            }
            assertThat(compiler.compiled()).isEqualTo(6);
            assertThat(compiler.modules()).isEqualTo(1);
        }
    }

    /** The code holds neither its module nor an instance: it goes when they are unreachable. */
    @Test
    void codeGoesWithItsModule() throws InterruptedException {
        Compiler compiler = compiler(false, Map.of(Compiler.LAZY_ABOVE_PROPERTY, "0"));
        ModuleInstance instance = instantiate(compiler, load(STATEFUL));
        assertThat(call(instance, "bump", 3)).isEqualTo(3);
        assertThat(compiler.modules()).isEqualTo(1);
        instance = null;
        for (int k = 0; k < 100 && compiler.modules() > 0; k++) {
            System.gc();
            Thread.sleep(10);
        }
        assertThat(compiler.modules()).isZero();
    }

    /** Tiered: a function compiled because it got hot in one instance runs compiled in all of them. */
    @Test
    void aFunctionHotInOneInstanceIsCompiledInAll() {
        Compiler compiler = compiler(true, Map.of(Compiler.HOT_AFTER_PROPERTY, String.valueOf(3 * WasmFunction.CALL_HEAT),
                Compiler.BACKGROUND_PROPERTY, "false"));
        ValidatedModule module = load(STATEFUL);
        ModuleInstance a = instantiate(compiler, module);
        ModuleInstance b = instantiate(compiler, module);
        assertThat(function(a, "bump").compiled).isNull();
        for (int k = 0; k < 6; k++) {
            call(a, "bump", 1);
        }
        assertThat(function(a, "bump").compiled).isInstanceOf(CompiledCode.class);
        assertThat(function(b, "bump").compiled).isInstanceOf(CompiledCode.class);
        assertThat(function(b, "mem").compiled).isNull();
        ModuleInstance c = instantiate(compiler, module);
        assertThat(method(c, "bump")).isSameAs(method(a, "bump"));
        assertThat(compiler.compiled()).isEqualTo(1);

        assertThat(call(a, "bump", 1)).isEqualTo(7);
        assertThat(call(b, "bump", 2)).isEqualTo(2);
        assertThat(call(c, "bump", 3)).isEqualTo(3);
        assertThat(call(b, "mem")).isEqualTo(20);
    }

    /**
     * Tiered: compiled code calls a function of its instance that has no class yet through the
     * module's call site, which must reach the calling instance's function.
     */
    @Test
    void tieredCallSitesCallTheCallersInstance() {
        Compiler compiler = compiler(true, Map.of(Compiler.HOT_AFTER_PROPERTY, String.valueOf(3 * WasmFunction.CALL_HEAT),
                Compiler.BACKGROUND_PROPERTY, "false"));
        ValidatedModule module = load("""
                (module
                  (global $g (mut i32) (i32.const 0))
                  (func $read (result i32) (global.get $g))
                  (func (export "set") (param i32) (global.set $g (local.get 0)))
                  (func (export "outer") (param i32) (result i32)
                    (if (result i32) (local.get 0)
                      (then (i32.add (call $read) (i32.const 1)))
                      (else (i32.const -1)))))
                """);
        ModuleInstance a = instantiate(compiler, module);
        ModuleInstance b = instantiate(compiler, module);
        call(a, "set", 10);
        call(b, "set", 20);
        for (int k = 0; k < 5; k++) { // hot without calling $read: $read has no class yet
            assertThat(call(a, "outer", 0)).isEqualTo(-1);
        }
        assertThat(function(b, "outer").compiled).isInstanceOf(CompiledCode.class);
        for (int k = 0; k < 8; k++) { // $read on the interpreter through the call site, then compiled
            assertThat(call(b, "outer", 1)).isEqualTo(21);
            assertThat(call(a, "outer", 1)).isEqualTo(11);
        }
    }
}
