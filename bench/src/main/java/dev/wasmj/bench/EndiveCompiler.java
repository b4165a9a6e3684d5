package dev.wasmj.bench;

import run.endive.compiler.InterpreterFallback;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.ExportFunction;
import run.endive.runtime.Instance;
import run.endive.runtime.Machine;
import run.endive.runtime.Store;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import java.util.function.Function;

/**
 * Endive's compiler (run.endive:compiler; Endive is Chicory renamed): Wasm to JVM bytecode when the module is
 * instantiated. A function it cannot compile runs on its interpreter, with a warning on standard error.
 */
final class EndiveCompiler implements JvmEngine {
    @Override
    public String name() {
        return "endive-compiler";
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

    /** With Endive's WASI preview 1 (run.endive:wasi): parsed and compiled once, an instance and a WASI per run. */
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
