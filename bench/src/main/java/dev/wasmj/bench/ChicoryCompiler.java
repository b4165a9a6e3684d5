package dev.wasmj.bench;

import com.dylibso.chicory.compiler.InterpreterFallback;
import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.runtime.Machine;
import com.dylibso.chicory.runtime.Store;
import com.dylibso.chicory.wasi.WasiExitException;
import com.dylibso.chicory.wasi.WasiOptions;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import java.nio.file.Path;
import java.util.List;
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

    /** With Chicory's WASI preview 1 (com.dylibso.chicory:wasi), the host's file system. */
    @Override
    public int runCommand(byte[] wasm, List<String> args, Path dir, String guestDir) {
        return runCommand(wasm, args, dir, guestDir, true);
    }

    /** Runs a WASI command on Chicory: compiled, or on its interpreter. */
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
