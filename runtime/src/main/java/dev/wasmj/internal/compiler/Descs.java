package dev.wasmj.internal.compiler;

import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;

/** The class descriptors generated code refers to. */
final class Descs {
    private Descs() {}

    static final ClassDesc SUPPORT = ClassDesc.of(CompilerSupport.class.getName());
    static final ClassDesc TRAMPOLINE = ClassDesc.of(Trampoline.class.getName());
    static final ClassDesc BULK_OPS = ClassDesc.of(BulkOps.class.getName());
    static final ClassDesc TABLE_INSTANCE = ClassDesc.of("dev.wasmj.internal.runtime.TableInstance");
    static final ClassDesc MEMORY_ACCESS = ClassDesc.of(MemoryAccess.class.getName());
    static final ClassDesc RUNTIME_EXCEPTION = ClassDesc.of("java.lang.RuntimeException");
    static final ClassDesc CODE_LOADER = ClassDesc.of(CodeLoader.class.getName());
    static final ClassDesc MODULE_INSTANCE = ClassDesc.of("dev.wasmj.internal.runtime.ModuleInstance");
    static final ClassDesc FUNCTION_INSTANCE = ClassDesc.of("dev.wasmj.internal.runtime.FunctionInstance");
    static final ClassDesc WASM_FUNCTION = ClassDesc.of("dev.wasmj.internal.runtime.WasmFunction");
    static final ClassDesc MEMORY_INSTANCE = ClassDesc.of("dev.wasmj.internal.runtime.MemoryInstance");
    static final ClassDesc GLOBAL_INSTANCE = ClassDesc.of("dev.wasmj.internal.runtime.GlobalInstance");
    static final ClassDesc MEMORY_SEGMENT = ClassDesc.of("java.lang.foreign.MemorySegment");
    static final ClassDesc METHOD_HANDLE = ClassDesc.of("java.lang.invoke.MethodHandle");
    static final ClassDesc LONGS = ConstantDescs.CD_long.arrayType();
    static final ClassDesc OBJECTS = ConstantDescs.CD_Object.arrayType();
}
