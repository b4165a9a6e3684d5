package dev.wasmj.cli.difftest;

import dev.wasmj.ExnRef;
import dev.wasmj.Extern;
import dev.wasmj.Func;
import dev.wasmj.FuncType;
import dev.wasmj.Global;
import dev.wasmj.GlobalType;
import dev.wasmj.HeapType;
import dev.wasmj.ImportType;
import dev.wasmj.Instance;
import dev.wasmj.Memory;
import dev.wasmj.MemoryType;
import dev.wasmj.SharedMemory;
import dev.wasmj.Store;
import dev.wasmj.Table;
import dev.wasmj.TableType;
import dev.wasmj.Tag;
import dev.wasmj.TagType;
import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.Val;
import dev.wasmj.ValType;
import dev.wasmj.WasmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The imports of modules made by Binaryen's translate-to-fuzz, for one instance on one engine,
 * deterministic so that both engines see the same host. Like Binaryen's {@code fuzz_shell.js}:
 * {@code fuzzing-support} {@code log-*} functions (logged here, the log is compared),
 * {@code throw}, {@code table-get}/{@code table-set} (on the instance's exported table),
 * {@code call-export}/{@code call-ref} (calling back into the instance with the zero arguments)
 * and their {@code -catch} forms (1 if the call threw, else 0), {@code sleep} (returns its id at
 * once), the tags {@code jstag} and {@code wasmtag}; every other import a value of its type (a
 * host reference named after the import for a non-nullable externref).
 */
final class FuzzHost {
    /**
     * How many host calls one step (an instantiation or a call of an export) may make. The modules'
     * hang limit bounds loops and recursion, but a trap resets it, and a loop that calls
     * {@code call-export-catch} on a trapping export may run without end: past the budget every host
     * call traps ({@link TrapCode#INTERRUPT}, which the {@code -catch} imports do not catch).
     */
    static final int HOST_CALLS_PER_STEP = 10_000;
    static final String BUDGET_EXHAUSTED = "fuzz host: " + HOST_CALLS_PER_STEP + " host calls in one step";

    /**
     * How deep {@code call-export} and {@code call-ref} may nest. Deeper, they throw (as for a
     * missing export): the depth at which the JVM's stack runs out differs between engines, which
     * is no difference in behaviour the specification defines.
     */
    static final int MAX_NESTED_CALLS = 50;

    private final Store<Void> store;
    private int nested;
    private int budget = HOST_CALLS_PER_STEP;
    private final List<String> log = new ArrayList<>();
    private final Map<String, Tag> tags = new HashMap<>();
    private Instance instance;

    FuzzHost(Store<Void> store) {
        this.store = store;
    }

    /** The instance whose exports {@code call-export} and {@code table-get} use (set once instantiated). */
    void instance(Instance instance) {
        this.instance = instance;
    }

    /** Begins a step: the budget of host calls is full again. */
    void startStep() {
        budget = HOST_CALLS_PER_STEP;
    }

    /** Takes the lines logged since the last call: the log calls, and the host's own notes. */
    List<String> takeLog() {
        List<String> lines = List.copyOf(log);
        log.clear();
        return lines;
    }

    /** The externs for {@code imports}, in order; throws {@link IllegalArgumentException} for one the host cannot make. */
    Extern[] externs(List<ImportType> imports) {
        Extern[] externs = new Extern[imports.size()];
        for (int i = 0; i < externs.length; i++) {
            ImportType im = imports.get(i);
            externs[i] = switch (im.type()) {
                case FuncType type -> Func.of(store, type, (caller, args) -> call(im.name(), type, args));
                case GlobalType type -> Global.of(store, type, value(im, type.content()));
                case MemoryType type -> type.shared() ? new SharedMemory(store.engine(), type) : Memory.of(store, type);
                case TableType type -> Table.of(store, type, value(im, ValType.ref(type.element())));
                case TagType type -> tags.computeIfAbsent(im.name(), n -> Tag.of(store, type));
            };
        }
        return externs;
    }

    private static Val value(ImportType im, ValType type) {
        if (type.isRef() && !type.refType().nullable() && type.refType().heapType().kind() == HeapType.Kind.EXTERN) {
            return Val.externref(new FuzzValues.Ref(im.module() + "." + im.name()));
        }
        Val value = FuzzValues.of(type, 0);
        if (value == null) {
            throw new IllegalArgumentException("the fuzz host cannot make import " + im);
        }
        return value;
    }

    private Val[] call(String name, FuncType type, Val[] args) {
        if (--budget < 0) {
            throw new Trap(TrapCode.INTERRUPT, BUDGET_EXHAUSTED);
        }
        List<Val> results = new ArrayList<>();
        switch (name) {
            case "throw" -> throw exception(args.length > 0 && args[0] instanceof Val.I32(int v) ? v : 0);
            case "table-get" -> results.add(table().get(index(args)));
            case "table-set" -> table().set(index(args), args[1]);
            case "call-export" -> callExport(args);
            case "call-export-catch" -> results.add(Val.i32(catching(() -> callExport(args))));
            case "call-ref" -> callRef(args);
            case "call-ref-catch" -> results.add(Val.i32(catching(() -> callRef(args))));
            case "sleep" -> results.add(args[args.length - 1]);
            default -> log.add(name + " " + java.util.Arrays.stream(args).map(v -> Observed.value(store, v)).toList());
        }
        // anything the function's type needs beyond that: zeros
        for (int i = results.size(); i < type.results().size(); i++) {
            results.add(FuzzValues.of(type.results().get(i), 0));
        }
        return results.toArray(Val[]::new);
    }

    /** An exception as {@code fuzz_shell.js} throws: of {@code wasmtag} with {@code value}, or of {@code jstag} for 0. */
    private WasmException exception(int value) {
        if (value == 0) {
            Tag js = tags.computeIfAbsent("jstag", n -> Tag.of(store, TagType.of(List.of(ValType.EXTERNREF))));
            return ExnRef.create(store, js, Val.externref(new FuzzValues.Ref("js exception"))).toException();
        }
        Tag wasm = tags.computeIfAbsent("wasmtag", n -> Tag.of(store, TagType.of(List.of(ValType.I32))));
        return ExnRef.create(store, wasm, Val.i32(value)).toException();
    }

    private Table table() {
        if (instance != null) {
            for (String name : instance.exportNames()) {
                if (instance.export(name).orElseThrow() instanceof Table t) {
                    return t;
                }
            }
        }
        throw exception(0);
    }

    private long index(Val[] args) {
        long index = args[0] instanceof Val.I32(int v) ? Integer.toUnsignedLong(v) : ((Val.I64) args[0]).value();
        if (index >= table().size()) {
            log.add("table index " + index + " out of bounds");
            throw exception(0);
        }
        return index;
    }

    private void callExport(Val[] args) {
        int index = ((Val.I32) args[0]).value();
        List<Func> functions = new ArrayList<>();
        if (instance != null) {
            for (String name : instance.exportNames()) {
                if (instance.export(name).orElseThrow() instanceof Func f) {
                    functions.add(f);
                }
            }
        }
        if (index < 0 || index >= functions.size()) {
            log.add("call-export " + index + ": no such export");
            throw exception(0);
        }
        callWithZeros(functions.get(index));
    }

    private void callRef(Val[] args) {
        Func f = ((Val.FuncRef) args[0]).func();
        if (f == null) {
            log.add("call-ref null");
            throw exception(0);
        }
        callWithZeros(f);
    }

    private void callWithZeros(Func f) {
        Val[] args = FuzzValues.of(f.type().params(), 0);
        if (args == null) {
            log.add("cannot make arguments for " + f.type());
            throw exception(0);
        }
        if (nested == MAX_NESTED_CALLS) {
            log.add("calls nested too deep");
            throw exception(0);
        }
        nested++;
        try {
            f.call(args);
        } finally {
            nested--;
        }
    }

    /** Runs {@code call}: 0 if it returned, 1 if it trapped or threw (logged). */
    private int catching(Runnable call) {
        try {
            call.run();
            return 0;
        } catch (Trap | WasmException e) {
            if (e instanceof Trap t && t.code() == TrapCode.INTERRUPT) {
                throw t; // the budget is exhausted: the step ends
            }
            log.add("caught " + Observed.thrown(store, e));
            return 1;
        }
    }
}
