package dev.wasmj.internal.runtime;

/**
 * Instantiation failed before any state changed: an import does not match ("incompatible import
 * type"), is missing ("unknown import"), or the store's count limits are reached.
 */
public final class UnlinkableException extends RuntimeException {
    public UnlinkableException(String message) {
        super(message);
    }
}
