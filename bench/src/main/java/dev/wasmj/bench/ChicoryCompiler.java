package dev.wasmj.bench;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.util.function.Function;

/**
 * Chicory's compiler (com.dylibso.chicory:compiler): Wasm to JVM bytecode when the module is
 * instantiated. A function it cannot compile runs on its interpreter, with a warning on standard error.
 */
final class ChicoryCompiler implements JvmEngine {
    @Override
    public String name() {
        return "chicory-compiler";
    }

    @Override
    public Kernel load(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        Instance instance = Instance.builder(module)
                .withMachineFactory(MachineFactoryCompiler.builder(module)
                        .withInterpreterFallback(InterpreterFallback.WARN).compile())
                .build();
        ExportFunction run = instance.export("run");
        return n -> (int) run.apply(n)[0];
    }

    /** With Chicory's WASI preview 1 (com.dylibso.chicory:wasi): parsed and compiled once, an instance and a WASI per run. */
    @Override
    public Command loadCommand(byte[] wasm) {
        WasmModule module = Parser.parse(wasm);
        return command(module, MachineFactoryCompiler.builder(module)
                .withInterpreterFallback(InterpreterFallback.WARN).compile());
    }

    /** {@code module} as a command whose instances run on {@code machine}: compiled, or the interpreter. */
    static Command command(WasmModule module, Function<Instance, Machine> machine) {
        return run -> {
            WasiOptions options = WasiOptions.builder().withArguments(run.args())
                    .withStdout(run.stdout()).withStderr(run.stderr())
                    .withDirectory(run.guestDir(), run.dir()).build();
            WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build();
            ExportFunction start;
            try {
                Store store = new Store().addFunction(wasi.toHostFunctions());
                start = Instance.builder(module).withImportValues(store.toImportValues()).withMachineFactory(machine)
                        .withStart(false).build().export("_start");
            } catch (RuntimeException | Error e) {
                wasi.close();
                throw e;
            }
            return () -> {
                try (wasi) {
                    start.apply();
                    return 0;
                } catch (WasiExitException exit) {
                    return exit.exitCode();
                }
            };
        };
    }
}
