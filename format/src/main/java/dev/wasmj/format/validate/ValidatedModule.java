package dev.wasmj.format.validate;

import dev.wasmj.format.WasmModule;

import java.util.List;

/**
 * A module that passed validation, with what validation computed for the runtime.
 *
 * @param module    the module
 * @param types     its canonical types (type index to {@link DefType})
 * @param functions per defined (not imported) function, in order: stack bounds and block side table
 */
public record ValidatedModule(WasmModule module, TypeContext types, List<FunctionInfo> functions) {
    public ValidatedModule {
        functions = List.copyOf(functions);
    }

    /** The info of defined function {@code definedIndex} (0 = the first function that is not imported). */
    public FunctionInfo function(int definedIndex) {
        return functions.get(definedIndex);
    }
}
