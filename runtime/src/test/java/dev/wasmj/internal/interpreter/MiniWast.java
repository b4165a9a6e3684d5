package dev.wasmj.internal.interpreter;

import dev.wasmj.Trap;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.Features;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.text.WastAction;
import dev.wasmj.format.text.WastCommand;
import dev.wasmj.format.text.WastParser;
import dev.wasmj.format.text.WastValue;
import dev.wasmj.format.validate.Validator;
import dev.wasmj.internal.runtime.Calls;
import dev.wasmj.internal.runtime.FunctionInstance;
import dev.wasmj.internal.runtime.GlobalInstance;
import dev.wasmj.internal.runtime.Instantiator;
import dev.wasmj.internal.runtime.ModuleInstance;

import java.util.ArrayList;
import java.util.List;

/**
 * A small .wast runner on the internal API for the interpreter's own tests: modules without imports,
 * invoke/get, assert_return on numbers (NaN patterns included) and null references, assert_trap and
 * assert_exhaustion. Commands it cannot run are counted as skipped; the full runner is the cli's.
 */
final class MiniWast {
    int passed;
    int skipped;
    final List<String> failures = new ArrayList<>();
    private final Wasm.Store store = new Wasm.Store();
    private ModuleInstance current;
    private final java.util.Map<String, java.util.Map<String, Object>> registered = new java.util.HashMap<>();
    private final java.util.Map<String, ModuleInstance> named = new java.util.HashMap<>();
    private final java.util.Map<String, dev.wasmj.format.text.ScriptModule> definitions = new java.util.HashMap<>();

    MiniWast() {
        registered.put("spectest", SpecTestHost.exports());
    }

    private Features features = Features.DEFAULT;

    /** Runs script {@code file} (its path decides the features, as for the cli's runner). */
    void run(java.nio.file.Path file) throws java.io.IOException {
        features = dev.wasmj.format.text.WastFeatures.forFile(file);
        run(file.getFileName().toString(), java.nio.file.Files.readString(file));
    }

    void run(String file, String text) {
        for (WastCommand c : WastParser.parse(text).commands()) {
            try {
                command(c);
            } catch (RuntimeException | StackOverflowError e) {
                failures.add(file + ":" + line(c) + ": " + e);
            }
        }
    }

    private static int line(WastCommand c) {
        return switch (c) {
            case WastCommand.Module m -> m.line();
            case WastCommand.AssertReturn a -> a.line();
            case WastCommand.AssertTrap a -> a.line();
            case WastCommand.Action a -> a.line();
            default -> 0;
        };
    }

    private void command(WastCommand c) {
        switch (c) {
            case WastCommand.Module m -> {
                if (m.module().isDefinition()) {
                    if (m.module().name() != null) {
                        definitions.put(m.module().name(), m.module());
                    }
                    passed++;
                    return;
                }
                current = null;
                current = instantiate(m.module());
                if (m.module().name() != null) {
                    named.put(m.module().name(), current);
                }
                passed++;
            }
            case WastCommand.ModuleInstance mi -> {
                current = null;
                current = instantiate(definitions.get(mi.module()));
                if (mi.instance() != null) {
                    named.put(mi.instance(), current);
                }
                passed++;
            }
            case WastCommand.Register reg -> {
                ModuleInstance inst = reg.module() != null ? named.get(reg.module()) : current;
                java.util.Map<String, Object> exports = new java.util.HashMap<>();
                for (String name : inst.exportNames()) {
                    exports.put(name, inst.export(name));
                }
                registered.put(reg.as(), exports);
                passed++;
            }
            case WastCommand.AssertUnlinkable a -> {
                try {
                    instantiate(a.module());
                    failures.add("line " + a.line() + ": expected unlinkable " + a.message());
                } catch (dev.wasmj.internal.runtime.UnlinkableException e) {
                    if (e.getMessage().startsWith(a.message())) {
                        passed++;
                    } else {
                        failures.add("line " + a.line() + ": unlinkable with " + e.getMessage() + ", expected "
                                + a.message());
                    }
                }
            }
            case WastCommand.AssertUninstantiable a -> {
                try {
                    instantiate(a.module());
                    failures.add("line " + a.line() + ": expected trap " + a.message());
                } catch (Trap t) {
                    if (t.getMessage().startsWith(a.message())) {
                        passed++;
                    } else {
                        failures.add("line " + a.line() + ": trapped with " + t.getMessage() + ", expected "
                                + a.message());
                    }
                }
            }
            case WastCommand.AssertException a -> {
                try {
                    if (act(a.action()) != null) {
                        failures.add("line " + a.line() + ": expected an exception");
                    }
                } catch (dev.wasmj.WasmException e) {
                    passed++;
                }
            }
            case WastCommand.AssertTrap a when a.module() != null -> {
                try {
                    instantiate(a.module());
                    failures.add("line " + a.line() + ": expected trap " + a.message());
                } catch (Trap t) {
                    if (t.getMessage().startsWith(a.message())) {
                        passed++;
                    } else {
                        failures.add("line " + a.line() + ": trapped with " + t.getMessage() + ", expected "
                                + a.message());
                    }
                }
            }
            case WastCommand.Action a -> {
                if (act(a.action()) != null) {
                    passed++;
                }
            }
            case WastCommand.AssertReturn a -> {
                Result r = act(a.action());
                if (r == null) {
                    return;
                }
                for (int i = 0; i < a.expected().size(); i++) {
                    if (!matches(a.expected().get(i), r, i)) {
                        failures.add("line " + a.line() + ": result " + i + " is " + r.describe(i) + ", expected "
                                + a.expected().get(i));
                        return;
                    }
                }
                passed++;
            }
            case WastCommand.AssertTrap a when a.action() != null -> expectTrap(a.action(), a.message(), a.line());
            case WastCommand.AssertExhaustion a -> expectTrap(a.action(), a.message(), a.line());
            default -> {
                skipped++;
                skipReasons.merge(c.getClass().getSimpleName(), 1, Integer::sum);
            }
        }
    }

    /** Why commands were skipped (command kind or value kind), with counts. */
    final java.util.Map<String, Integer> skipReasons = new java.util.TreeMap<>();

    private ModuleInstance instantiate(dev.wasmj.format.text.ScriptModule sm) {
        WasmModule wm = sm.module(features);
        var vm = Validator.validate(wm, features, Wasm.REGISTRY);
        Object[] imports = new Object[wm.imports().size()];
        for (int i = 0; i < imports.length; i++) {
            var imp = wm.imports().get(i);
            var exports = registered.get(imp.module());
            imports[i] = exports == null ? null : exports.get(imp.name());
        }
        return Instantiator.instantiate(store.context, vm, imports);
    }

    private void expectTrap(WastAction action, String message, int line) {
        try {
            Result r = act(action);
            if (r != null) {
                failures.add("line " + line + ": expected trap " + message);
            }
        } catch (Trap t) {
            if (t.getMessage().startsWith(message)) {
                passed++;
            } else {
                failures.add("line " + line + ": trapped with " + t.getMessage() + ", expected " + message);
            }
        }
    }

    /** The host object of {@code ref.extern N}. */
    private record HostRef(long payload) {}

    private record Result(int[] types, long[] slots, Object[] refs) {
        String describe(int i) {
            int k = MiniWast.slots(types, i);
            return ValType.isRef(types[i]) ? String.valueOf(refs[k])
                    : Long.toHexString(slots[k]) + (types[i] == ValType.V128 ? " " + Long.toHexString(slots[k + 1]) : "");
        }
    }

    /** Runs the action; null (counted as skipped) when it cannot be run here. */
    private Result act(WastAction action) {
        String moduleName = action instanceof WastAction.Invoke i ? i.module()
                : ((WastAction.Get) action).module();
        ModuleInstance target = moduleName != null ? named.get(moduleName) : current;
        if (target == null) {
            skipped++;
            skipReasons.merge("no module", 1, Integer::sum);
            return null;
        }
        if (action instanceof WastAction.Get g) {
            GlobalInstance gi = (GlobalInstance) target.export(g.name());
            return new Result(new int[] {gi.type().valType()}, new long[] {gi.value, gi.high}, new Object[] {gi.ref, null});
        }
        WastAction.Invoke inv = (WastAction.Invoke) action;
        FunctionInstance f = (FunctionInstance) target.export(inv.name());
        FuncType t = f.funcType();
        int n = Math.max(slots(t.params(), t.params().length), slots(t.results(), t.results().length)) + 1;
        long[] slots = new long[n];
        Object[] refs = new Object[n];
        int k = 0;
        for (int i = 0; i < inv.args().size(); i++) {
            switch (inv.args().get(i)) {
                case WastValue.I32 v -> slots[k] = v.value();
                case WastValue.I64 v -> slots[k] = v.value();
                case WastValue.F32 v -> slots[k] = v.bits();
                case WastValue.F64 v -> slots[k] = v.bits();
                case WastValue.V128 v -> {
                    slots[k] = v.low();
                    slots[++k] = v.high();
                }
                case WastValue.RefNull v -> refs[k] = null;
                case WastValue.RefExtern v -> refs[k] = new HostRef(v.payload());
                case WastValue.RefHost v -> refs[k] = new HostRef(v.payload());
                default -> {
                    skipped++;
                    skipReasons.merge("arg " + inv.args().get(i).getClass().getSimpleName(), 1, Integer::sum);
                    return null;
                }
            }
            k++;
        }
        Calls.invoke(store.context, f, slots, refs);
        return new Result(t.results(), slots, refs);
    }

    /** The slots the first {@code n} of {@code types} take. */
    static int slots(int[] types, int n) {
        int k = 0;
        for (int i = 0; i < n; i++) {
            k += types[i] == ValType.V128 ? 2 : 1;
        }
        return k;
    }

    private static boolean matches(WastValue want, Result r, int index) {
        int i = slots(r.types, index);
        long v = r.slots[i];
        return switch (want) {
            case WastValue.RefNull x -> r.refs[i] == null;
            case WastValue.RefExtern x -> new HostRef(x.payload()).equals(r.refs[i]);
            case WastValue.RefHost x -> new HostRef(x.payload()).equals(r.refs[i]);
            case WastValue.RefKind x -> r.refs[i] != null;
            case WastValue.V128 x -> r.slots[i] == x.low() && r.slots[i + 1] == x.high();
            case WastValue.V128Lanes x -> lanes(x, r.slots[i], r.slots[i + 1]);
            case WastValue.Either e -> e.alternatives().stream().anyMatch(w -> matches(w, r, index));
            case WastValue.I32 x -> (int) v == x.value();
            case WastValue.I64 x -> v == x.value();
            case WastValue.F32 x -> (int) v == x.bits();
            case WastValue.F64 x -> v == x.bits();
            case WastValue.Nan n -> nan(n, v);
            default -> throw new UnsupportedOperationException("expected value " + want);
        };
    }

    private static boolean lanes(WastValue.V128Lanes x, long lo, long hi) {
        boolean f32 = x.shape().equals("f32x4");
        for (int j = 0; j < x.lanes().size(); j++) {
            long v = f32 ? ((j < 2 ? lo : hi) >>> (32 * (j % 2))) & 0xFFFF_FFFFL : (j == 0 ? lo : hi);
            boolean ok = switch (x.lanes().get(j)) {
                case WastValue.F32 f -> (int) v == f.bits();
                case WastValue.F64 d -> v == d.bits();
                case WastValue.Nan n -> nan(n, f32 ? (int) v : v);
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean nan(WastValue.Nan n, long v) {
        return n.valType() == ValType.F32
                    ? ((int) v & 0x7F80_0000) == 0x7F80_0000 && ((int) v & 0x7F_FFFF) != 0
                      && (n.canonical() ? ((int) v & 0x7F_FFFF) == 0x40_0000 : ((int) v & 0x40_0000) != 0)
                    : (v & 0x7FF0_0000_0000_0000L) == 0x7FF0_0000_0000_0000L && (v & 0xF_FFFF_FFFF_FFFFL) != 0
                      && (n.canonical() ? (v & 0xF_FFFF_FFFF_FFFFL) == 0x8_0000_0000_0000L
                                        : (v & 0x8_0000_0000_0000L) != 0);
    }
}
