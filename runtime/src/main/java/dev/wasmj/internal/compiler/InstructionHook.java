package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;

/**
 * Sees each instruction of {@link FunctionCompiler}'s loop before the compiler does, and may take it
 * over: how a large function is measured ({@link Trial}) and split ({@link RegionCompiler}).
 */
interface InstructionHook {
    /**
     * Called with each instruction, its immediates in {@code r}, before anything is emitted for it.
     *
     * @return true if the hook handled it (and everything it read further from {@code r}), false to
     *         let the compiler handle it as usual
     */
    boolean at(Opcode op, CodeReader r);
}
