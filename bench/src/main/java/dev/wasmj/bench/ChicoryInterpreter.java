package dev.wasmj.bench;

import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.Instance;
import com.dylibso.chicory.runtime.InterpreterMachine;
import com.dylibso.chicory.wasm.Parser;

/** Endive/Chicory's interpreter (com.dylibso.chicory:runtime), with its default memory. */
final class ChicoryInterpreter implements JvmEngine {
    @Override
    public String name() {
        return "chicory-interpreter";
    }

    @Override
    public Kernel load(byte[] wasm) {
        Instance instance = Instance.builder(Parser.parse(wasm))
                .withMachineFactory(InterpreterMachine::new)
                .build();
        ExportFunction run = instance.export("run");
        return n -> (int) run.apply(n)[0];
    }

    /** With Chicory's WASI preview 1, like {@link ChicoryCompiler}, its instances on the interpreter. */
    @Override
    public Command loadCommand(byte[] wasm) {
        return ChicoryCompiler.command(Parser.parse(wasm), InterpreterMachine::new);
    }
}
