package dev.wasmj.format;

/**
 * A global defined by the module.
 *
 * @param type the global type
 * @param init the constant expression computing the initial value (including the final {@code end})
 */
public record Global(GlobalType type, Bytes init) {
}
