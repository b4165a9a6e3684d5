package dev.wasmj.cli;

/**
 * An error the user can fix (a missing file, a bad option value): reported as one line, with no
 * stack trace, and exit status 1.
 */
public final class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }
}
