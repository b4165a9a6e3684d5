package dev.wasmj.cli.wast;

import dev.wasmj.cli.UserException;
import dev.wasmj.format.Features;
import java.nio.file.Path;

/** Runs .wast scripts. */
public final class WastRunner {
    private final WastExecutor executor;

    public WastRunner(WastExecutor executor) {
        this.executor = executor;
    }

    /** Runs the script {@code file} with {@code features} enabled. */
    public WastReport run(Path file, Features features) {
        throw new UserException("cannot run .wast scripts yet: the text parser has not landed");
    }
}
