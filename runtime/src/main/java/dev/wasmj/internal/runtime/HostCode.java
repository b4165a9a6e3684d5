package dev.wasmj.internal.runtime;

/**
 * The code of a host function, in the engines' calling convention: parameters in
 * {@code slots}/{@code refs} from index 0 (numbers in slots, i32 as int, f32/f64 as raw bits, a v128
 * in two consecutive slots lo, hi; references in refs at the same index), results written back
 * from index 0 the same way. Both arrays are at least as long as the larger of the two lists.
 */
@FunctionalInterface
public interface HostCode {
    /**
     * Runs the function. May throw {@link dev.wasmj.Trap} (to trap the caller) or
     * {@link dev.wasmj.WasmException} (to throw a Wasm exception into it).
     */
    void call(CallContext ctx, long[] slots, Object[] refs);

    /**
     * Whether this is compiled code that may end in a tail call it leaves to its caller (a chain of
     * tail calls may go on through it). The interpreter runs such a function itself when it tail-calls
     * it, so that a chain of tail calls between the engines does not grow the Java stack.
     */
    default boolean tailCalling() {
        return false;
    }
}
