package dev.wasmj.bench;

import run.endive.compiler.InterpreterFallback;
import run.endive.compiler.MachineFactoryCompiler;
import run.endive.runtime.ExportFunction;
import run.endive.runtime.Instance;
import run.endive.runtime.InterpreterMachine;
import run.endive.runtime.Machine;
import run.endive.runtime.Store;
import run.endive.wasi.WasiExitException;
import run.endive.wasi.WasiOptions;
import run.endive.wasi.WasiPreview1;
import run.endive.wasm.Parser;
import run.endive.wasm.WasmModule;
import java.nio.file.Path;
import java.util.List;
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

    /** With Endive's WASI preview 1 (run.endive:wasi), the host's file system. */
    @Override
    public int runCommand(byte[] wasm, List<String> args, Path dir, String guestDir) {
        return runCommand(wasm, args, dir, guestDir, true);
    }

    /** Runs a WASI command on Endive: compiled, or on its interpreter. */
    static int runCommand(byte[] wasm, List<String> args, Path dir, String guestDir, boolean compile) {
        WasmModule module = Parser.parse(wasm);
        WasiOptions options = WasiOptions.builder().inheritSystem().withArguments(args)
                .withDirectory(guestDir, dir).build();
        Function<Instance, Machine> machine = compile
                ? MachineFactoryCompiler.builder(module).withInterpreterFallback(InterpreterFallback.WARN).compile()
                : InterpreterMachine::new;
        try (WasiPreview1 wasi = WasiPreview1.builder().withOptions(options).build()) {
            Store store = new Store().addFunction(wasi.toHostFunctions());
            Instance.builder(module).withImportValues(store.toImportValues()).withMachineFactory(machine)
                    .withStart(false).build().export("_start").apply();
            return 0;
        } catch (WasiExitException exit) {
            return exit.exitCode();
        }
    }
}
