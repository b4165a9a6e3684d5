package dev.wasmj.cli;

import dev.wasmj.format.Features;
import dev.wasmj.format.WasmFormatException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wasmj wat2wasm IN.wat [-o OUT.wasm]}: translates a text module to a binary one. */
@Command(
        name = "wat2wasm",
        mixinStandardHelpOptions = true,
        description = "Translate a text module to the binary format, checking that it is valid.")
final class Wat2WasmCommand implements Callable<Integer> {
    @Parameters(paramLabel = "IN.wat", description = "The text module.")
    Path input;

    @Option(
            names = {"-o", "--output"},
            paramLabel = "OUT.wasm",
            description = "Where to write the binary module; '-' for standard output."
                    + " Default: IN with the extension .wasm.")
    String output;

    @Mixin
    FeatureOptions featureOptions;

    @ParentCommand
    WasmjCommand parent;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path target = output == null ? ModuleFiles.withWasmExtension(input) : null;
        if (target != null && target.normalize().equals(input.normalize())) {
            throw new UserException("wat2wasm: the output would replace the input " + input + "; name it with -o");
        }
        byte[] binary;
        try {
            String text = SourceFiles.utf8(SourceFiles.read(input));
            binary = new ModuleLoader(featureOptions.apply(Features.DEFAULT)).text(text).binary();
        } catch (WasmFormatException e) {
            spec.commandLine().getErr().println(Diagnostics.describe(input.toString(), e, true));
            return 1;
        }
        if (target == null && output.equals("-")) {
            writeToStdout(binary);
        } else {
            SourceFiles.write(target != null ? target : Path.of(output), binary);
        }
        return 0;
    }

    private void writeToStdout(byte[] binary) {
        spec.commandLine().getOut().flush();
        OutputStream stdout = parent.stdout();
        try {
            stdout.write(binary);
            stdout.flush();
        } catch (IOException e) {
            throw new UserException("cannot write to standard output: " + e.getMessage());
        }
    }
}
