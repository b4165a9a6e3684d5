package dev.wasmj.bench;

import java.io.IOException;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;
import org.graalvm.polyglot.io.IOAccess;

/**
 * GraalWasm (org.graalvm.polyglot:wasm) through the polyglot API. How fast it is depends on how the
 * child JVM is started (see {@link Engines#command}): with the Graal compiler on the module path
 * and JVMCI enabled, Truffle compiles the Wasm functions (partial evaluation); without, it runs on
 * Truffle's interpreter alone. The engine reports which it got on standard error.
 */
final class GraalWasm implements JvmEngine {
    @Override
    public String name() {
        return "graalwasm";
    }

    @Override
    public Kernel load(byte[] wasm) throws Exception {
        Context context = Context.newBuilder("wasm").build();   // lives as long as this process
        Source source = Source.newBuilder("wasm", ByteSequence.create(wasm), "kernel.wasm").build();
        Value module = context.eval(source);
        Value exports = module.canInstantiate()
                ? module.newInstance().getMember("exports")
                : context.getBindings("wasm").getMember("kernel");
        Value run = exports.getMember("run");
        boolean jit = ModuleLayer.boot().findModule("jdk.graal.compiler").isPresent();
        System.err.println("graalwasm: " + context.getEngine().getImplementationName() + " "
                + context.getEngine().getVersion() + (jit ? ", Graal JIT on JVMCI" : ", no Graal JIT: Truffle's interpreter"));
        return n -> run.execute(n).asInt();
    }

    /**
     * With GraalWasm's built-in WASI preview 1 (option wasm.Builtins), the directory mapped by
     * wasm.WasiMapDirs: the source once, in a polyglot {@link Engine} shared by the runs (Truffle's
     * way to share parsed and compiled code between contexts), a {@link Context} per run.
     */
    @Override
    public Command loadCommand(byte[] wasm) throws IOException {
        Engine engine = Engine.newBuilder("wasm").build();   // lives as long as this process
        Source source = Source.newBuilder("wasm", ByteSequence.create(wasm), "main").build();
        return run -> {
            Context context = Context.newBuilder("wasm").engine(engine)
                    .option("wasm.Builtins", "wasi_snapshot_preview1")
                    .option("wasm.WasiMapDirs", run.guestDir() + "::" + run.dir().toAbsolutePath())
                    .arguments("wasm", run.args().toArray(String[]::new))
                    .out(run.stdout()).err(run.stderr())
                    .allowIO(IOAccess.ALL)
                    .build();
            Value start;
            try {
                Value module = context.eval(source);
                Value exports = module.canInstantiate()
                        ? module.newInstance().getMember("exports")
                        : context.getBindings("wasm").getMember("main");
                start = exports.getMember("_start");
            } catch (RuntimeException e) {
                context.close();
                throw e;
            }
            return () -> {
                try (context) {
                    start.execute();
                    return 0;
                } catch (PolyglotException e) {
                    if (e.isExit()) {
                        return e.getExitStatus();
                    }
                    throw e;
                }
            };
        };
    }
}
