package dev.wasmj.internal.runtime;

/**
 * A Wasm exception (the value of an exnref): its tag and its payload in the calling convention
 * (numbers in {@code slots}, a v128 in two slots, references in {@code refs} at the same index).
 */
public record ExceptionObject(TagInstance tag, long[] slots, Object[] refs) {
}
