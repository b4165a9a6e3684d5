package dev.wasmj.wasi.internal.fs;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.wasi.internal.Errno;
import dev.wasmj.wasi.internal.ErrnoException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

/** Asserts the errno a sandbox call fails with. */
final class Errnos {
    private Errnos() {}

    static void assertErrno(Errno expected, ThrowingCallable call) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(ErrnoException.class, e -> org.assertj.core.api.Assertions
                        .assertThat(e.errno()).as("errno of %s", e.getMessage()).isEqualTo(expected));
    }
}
