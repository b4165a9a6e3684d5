package dev.wasmj.internal.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Trap;
import dev.wasmj.format.Export;
import dev.wasmj.format.ExternKind;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.format.text.WastAction;
import dev.wasmj.format.text.WastCommand;
import dev.wasmj.format.text.WastParser;
import dev.wasmj.format.text.WastValue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Checks the ops against the spec testsuite: every {@code assert_return} and {@code assert_trap}
 * whose function's body is a single operator applied to its parameters in order
 * ({@code local.get 0 ... local.get n-1 op end}) is evaluated by calling the operator's method
 * directly (SIMD operators through {@link SimdDispatch}), and its result compared with the
 * expected values (NaN patterns included).
 */
class TestsuiteOpsTest {

    /** One exported function that is a single operator: the opcode and its immediates. */
    record Call(Opcode op, int lane, long lanesLo, long lanesHi, FuncType type) {}

    static Path root() {
        String prop = System.getProperty("wasmj.testsuite");
        if (prop != null && Files.isDirectory(Path.of(prop))) {
            return Path.of(prop);
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("shared/testsuite"))) {
                return p.resolve("shared/testsuite");
            }
        }
        throw new IllegalStateException("spec testsuite not found (set -Dwasmj.testsuite)");
    }

    /** Files whose checks must all run: they test the operators of this package. */
    static boolean isOperatorFile(String name) {
        return name.matches("(i32|i64|f32|f64|f32_cmp|f64_cmp|f32_bitwise|f64_bitwise|conversions"
                + "|simd_.*|.*relaxed.*|wide-arithmetic)\\.wast") && !name.matches("simd_(load|store|address|align|const|linking|splat|lane|select|boolean|bitwise|memory-multi).*\\.wast");
    }

    /** The operators some check ran on, over all files. */
    private static final Set<Opcode> SEEN = ConcurrentHashMap.newKeySet();

    /** Every operator met a check, but the relaxed truncations: the testsuite asserts nothing of them (SimdOpsTest does). */
    @AfterAll
    static void everyOperatorWasChecked() {
        List<String> unseen = new ArrayList<>();
        for (Opcode op : Opcode.values()) {
            if (OpsCoverageTest.isOperator(op) && !SEEN.contains(op)) {
                unseen.add(op.text());
            }
        }
        assertThat(unseen).containsExactlyInAnyOrder("i32x4.relaxed_trunc_f32x4_s", "i32x4.relaxed_trunc_f32x4_u",
                "i32x4.relaxed_trunc_f64x2_s_zero", "i32x4.relaxed_trunc_f64x2_u_zero");
    }

    @TestFactory
    Stream<DynamicTest> testsuite() throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(root())) {
            files = s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
        }
        return files.stream().map(p -> DynamicTest.dynamicTest(root().relativize(p).toString(), () -> run(p)));
    }

    private static void run(Path file) throws IOException {
        List<String> failures = new ArrayList<>();
        int checked = 0;
        int assertions = 0;
        Map<String, Map<String, Call>> named = new HashMap<>();
        Map<String, Call> current = Map.of();
        for (WastCommand c : WastParser.parse(Files.readString(file)).commands()) {
            switch (c) {
                case WastCommand.Module m when !m.module().isDefinition() -> {
                    current = calls(m.module());
                    if (m.module().name() != null) {
                        named.put(m.module().name(), current);
                    }
                }
                case WastCommand.AssertReturn r when r.action() instanceof WastAction.Invoke inv -> {
                    assertions++;
                    Call call = (inv.module() == null ? current : named.getOrDefault(inv.module(), Map.of()))
                            .get(inv.name());
                    if (call != null) {
                        checked++;
                        SEEN.add(call.op());
                        String failure = checkReturn(call, inv.args(), r.expected());
                        if (failure != null) {
                            failures.add("line " + r.line() + ": " + call.op().text() + " " + failure);
                        }
                    }
                }
                case WastCommand.AssertTrap t when t.action() instanceof WastAction.Invoke inv -> {
                    Call call = (inv.module() == null ? current : named.getOrDefault(inv.module(), Map.of()))
                            .get(inv.name());
                    if (call != null) {
                        checked++;
                        String failure = checkTrap(call, inv.args(), t.message());
                        if (failure != null) {
                            failures.add("line " + t.line() + ": " + call.op().text() + " " + failure);
                        }
                    }
                }
                default -> { }
            }
        }
        assertThat(failures).as(file.toString()).isEmpty();
        if (isOperatorFile(file.getFileName().toString()) && assertions > 0) {
            assertThat(checked).as("checks in " + file).isPositive();
        }
    }

    /** The exports of a module that are single operators with a method, by export name. */
    private static Map<String, Call> calls(dev.wasmj.format.text.ScriptModule sm) {
        WasmModule module;
        try {
            module = sm.module(Features.ALL);
        } catch (RuntimeException e) {
            return Map.of();
        }
        Map<String, Call> calls = new HashMap<>();
        for (Export e : module.exports()) {
            if (e.kind() != ExternKind.FUNC || e.index() < module.importedFuncCount()) {
                continue;
            }
            FuncType type = module.funcType(module.funcTypeIndex(e.index()));
            FunctionBody body = module.codes().get(e.index() - module.importedFuncCount());
            if (body.localCount() != 0) {
                continue;
            }
            Call call = singleOperator(CodeReader.of(body.code()), type);
            if (call != null) {
                calls.put(e.name(), call);
            }
        }
        return calls;
    }

    private static Call singleOperator(CodeReader r, FuncType type) {
        try {
            for (int i = 0; i < type.params().length; i++) {
                if (r.next() != Opcode.LOCAL_GET || r.a != i) {
                    return null;
                }
            }
            Opcode op = r.next();
            if (!OpsCoverageTest.isOperator(op) || OpsMethods.of(op) == null) {
                return null;
            }
            Call call = new Call(op, r.a, lanes(r.lanes, 0), lanes(r.lanes, 8), type);
            return r.next() == Opcode.END && r.atEnd() ? call : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static long lanes(byte[] b, int from) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | b[from + i] & 0xFF;
        }
        return v;
    }

    // ---------------------------------------------------------------- evaluation

    /** Runs the call; returns its results as slots (v128 in two), or throws what the method threw. */
    static long[] invoke(Call call, List<WastValue> args) throws Throwable {
        long[] s = new long[8];
        int n = 0;
        for (WastValue v : args) {
            switch (v) {
                case WastValue.I32 x -> s[n++] = x.value();
                case WastValue.I64 x -> s[n++] = x.value();
                case WastValue.F32 x -> s[n++] = x.bits();
                case WastValue.F64 x -> s[n++] = x.bits();
                case WastValue.V128 x -> {
                    s[n++] = x.low();
                    s[n++] = x.high();
                }
                default -> throw new IllegalArgumentException("argument " + v);
            }
        }
        Method m = OpsMethods.of(call.op());
        try {
            if (OpsMethods.stackForm(m)) {
                if (call.op().imm() == Opcode.Imm.SHUFFLE) {
                    m.invoke(null, s, 0, call.lanesLo(), call.lanesHi());
                } else {
                    SimdDispatch.exec(call.op().code(), s, 0, call.lane()); // the dispatcher, to test it too
                }
                return s;
            }
            Object[] typed = new Object[m.getParameterCount()];
            for (int i = 0; i < typed.length; i++) {
                typed[i] = m.getParameterTypes()[i] == int.class ? (Object) (int) s[i] : (Object) s[i];
            }
            long[] out = new long[2];
            out[0] = ((Number) m.invoke(null, typed)).longValue();
            Method hi = OpsMethods.hi(call.op());
            if (hi != null) {
                out[1] = ((Number) hi.invoke(null, typed)).longValue();
            }
            return out;
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private static String checkTrap(Call call, List<WastValue> args, String message) {
        try {
            long[] out = invoke(call, args);
            return "returned " + Long.toHexString(out[0]) + " instead of trapping with " + message;
        } catch (Trap t) {
            return t.getMessage().startsWith(message) ? null : "trapped with " + t.getMessage() + ", expected " + message;
        } catch (Throwable t) {
            return "threw " + t;
        }
    }

    private static String checkReturn(Call call, List<WastValue> args, List<WastValue> expected) {
        long[] out;
        try {
            out = invoke(call, args);
        } catch (Throwable t) {
            return "threw " + t;
        }
        int[] results = call.type().results();
        int slot = 0;
        for (int i = 0; i < results.length; i++) {
            long lo = out[slot];
            long hi = results[i] == ValType.V128 ? out[slot + 1] : 0;
            if (!matches(expected.get(i), results[i], lo, hi)) {
                return "args " + args + ": got " + Long.toHexString(lo)
                        + (results[i] == ValType.V128 ? " " + Long.toHexString(hi) : "") + ", expected " + expected.get(i);
            }
            slot += results[i] == ValType.V128 ? 2 : 1;
        }
        return null;
    }

    static boolean matches(WastValue want, int type, long lo, long hi) {
        return switch (want) {
            case WastValue.I32 x -> (int) lo == x.value();
            case WastValue.I64 x -> lo == x.value();
            case WastValue.F32 x -> (int) lo == x.bits();
            case WastValue.F64 x -> lo == x.bits();
            case WastValue.V128 x -> lo == x.low() && hi == x.high();
            case WastValue.Nan n -> n.valType() == ValType.F32 ? nan32((int) lo, n.canonical()) : nan64(lo, n.canonical());
            case WastValue.V128Lanes l -> lanesMatch(l, lo, hi);
            case WastValue.Either e -> e.alternatives().stream().anyMatch(a -> matches(a, type, lo, hi));
            default -> false;
        };
    }

    private static boolean lanesMatch(WastValue.V128Lanes l, long lo, long hi) {
        boolean f32 = l.shape().equals("f32x4");
        for (int i = 0; i < l.lanes().size(); i++) {
            long lane = f32 ? (int) ((i < 2 ? lo : hi) >>> (32 * (i & 1))) & 0xFFFF_FFFFL : i == 0 ? lo : hi;
            if (!matches(l.lanes().get(i), f32 ? ValType.F32 : ValType.F64, lane, 0)) {
                return false;
            }
        }
        return true;
    }

    static boolean nan32(int bits, boolean canonical) {
        int magnitude = bits & 0x7FFF_FFFF;
        return canonical ? magnitude == 0x7FC0_0000 : (magnitude & 0x7FC0_0000) == 0x7FC0_0000;
    }

    static boolean nan64(long bits, boolean canonical) {
        long magnitude = bits & Long.MAX_VALUE;
        return canonical ? magnitude == 0x7FF8_0000_0000_0000L
                : (magnitude & 0x7FF8_0000_0000_0000L) == 0x7FF8_0000_0000_0000L;
    }
}
