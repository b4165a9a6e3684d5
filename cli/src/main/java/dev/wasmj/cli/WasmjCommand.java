package dev.wasmj.cli;

import dev.wasmj.cli.run.GuestStdio;
import java.io.OutputStream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code wasmj} command; the work is done by its subcommands. */
@Command(
        name = "wasmj",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "A WebAssembly runtime in pure Java.",
        subcommands = {
            RunCommand.class,
            Wat2WasmCommand.class,
            ValidateCommand.class,
            WastCommand.class,
            CommandLine.HelpCommand.class
        })
final class WasmjCommand implements Callable<Integer> {
    private final OutputStream stdout;
    private final GuestStdio guestStdio;

    @Spec
    CommandSpec spec;

    WasmjCommand(OutputStream stdout, GuestStdio guestStdio) {
        this.stdout = stdout;
        this.guestStdio = guestStdio;
    }

    /** The standard streams of guests that {@code wasmj run} runs. */
    GuestStdio guestStdio() {
        return guestStdio;
    }

    /** The raw standard output, for commands that write binary data there. */
    OutputStream stdout() {
        return stdout;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 1;
    }
}
