package dev.wasmj.internal.interpreter;

import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.WasmFunction;

/**
 * A function lowered for the interpreter.
 *
 * @param function    the function
 * @param instance    its instance
 * @param code        the lowered instructions: an opcode ({@link Op}) followed by its immediates
 * @param offsets     for each index of {@code code} where an instruction starts, the module byte offset
 *                    of the Wasm instruction it came from (0 elsewhere)
 * @param params      the slots of the parameters (a v128 takes two slots, any other value one)
 * @param locals      the slots of the locals, parameters included
 * @param results     the slots of the results
 * @param maxHeight   the most slots the function needs above its frame base (locals + operands)
 * @param refLocals   the slots of the declared (non-parameter) locals holding references, to clear on entry
 * @param handlers    exception handlers, {@link Lowering#HANDLER_SIZE} ints each, innermost first: the
 *                    code range [start, end) they cover, kind, tag index, landing pad, stack height to
 *                    push the payload at, and the slot keeping a legacy catch's exception (or, for a
 *                    delegate, the pc to search on from, -1 for the caller)
 */
record Code(WasmFunction function, ModuleInstance instance, int[] code, int[] offsets, int params, int locals,
            int results, int maxHeight, int[] refLocals, int[] handlers) {
}
