package dev.wasmj;

/**
 * Instantiation failed before the instance existed: an import is not defined ("unknown import:
 * ..."), has an incompatible type ("incompatible import type for ...", with both types), a name is
 * defined twice in a {@link Linker}, or a store's {@link ResourceLimiter} refused an allocation or
 * a count.
 */
public class LinkException extends RuntimeException {
    public LinkException(String message) {
        super(message);
    }
}
