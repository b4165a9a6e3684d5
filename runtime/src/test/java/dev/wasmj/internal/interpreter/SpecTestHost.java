package dev.wasmj.internal.interpreter;

import dev.wasmj.format.GlobalType;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.TableType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.validate.DefType;
import dev.wasmj.internal.runtime.GlobalInstance;
import dev.wasmj.internal.runtime.HostFunctionInstance;
import dev.wasmj.internal.runtime.Limiter;
import dev.wasmj.internal.runtime.MemoryInstance;
import dev.wasmj.internal.runtime.TableInstance;

import java.util.HashMap;
import java.util.Map;

/** The testsuite's {@code spectest} module on the internal API (for {@link MiniWast}). */
final class SpecTestHost {
    private SpecTestHost() {}

    static Map<String, Object> exports() {
        Map<String, Object> m = new HashMap<>();
        m.put("print", fn(""));
        m.put("print_i32", fn("(param i32)"));
        m.put("print_i64", fn("(param i64)"));
        m.put("print_f32", fn("(param f32)"));
        m.put("print_f64", fn("(param f64)"));
        m.put("print_i32_f32", fn("(param i32 f32)"));
        m.put("print_f64_f64", fn("(param f64 f64)"));
        m.put("global_i32", global(ValType.I32, 666));
        m.put("global_i64", global(ValType.I64, 666));
        m.put("global_f32", global(ValType.F32, Float.floatToRawIntBits(666.6f)));
        m.put("global_f64", global(ValType.F64, Double.doubleToRawLongBits(666.6)));
        m.put("table", new TableInstance(new TableType(ValType.FUNCREF, Limits.of(10, 20), false), null, Limiter.DEFAULT));
        m.put("table64", new TableInstance(new TableType(ValType.FUNCREF, Limits.of(10, 20), true), null, Limiter.DEFAULT));
        m.put("memory", new MemoryInstance(new MemoryType(Limits.of(1, 2), false, false, 16), Limiter.DEFAULT));
        m.put("shared_memory", new MemoryInstance(new MemoryType(Limits.of(1, 2), false, true, 16), Limiter.DEFAULT));
        return m;
    }

    private static HostFunctionInstance fn(String sig) {
        DefType t = Wasm.load("(module (type (func " + sig + ")))").types().type(0);
        return new HostFunctionInstance(t, (ctx, slots, refs) -> { });
    }

    private static GlobalInstance global(int type, long value) {
        GlobalInstance g = new GlobalInstance(new GlobalType(type, false));
        g.value = value;
        return g;
    }
}
