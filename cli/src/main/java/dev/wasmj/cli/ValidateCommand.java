package dev.wasmj.cli;

import dev.wasmj.format.Features;
import dev.wasmj.format.WasmFormatException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wasmj validate FILE}: checks a binary or text module; silent when it is valid. */
@Command(
        name = "validate",
        mixinStandardHelpOptions = true,
        description = {
            "Check that a module is well formed and valid.",
            "Prints nothing and exits 0 when it is; otherwise prints why, with the byte offset"
                    + " (binary) or line:column (text), and exits 1."
        })
final class ValidateCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", description = "A binary (.wasm) or text (.wat) module.")
    Path file;

    @Mixin
    FeatureOptions featureOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        byte[] bytes = SourceFiles.read(file);
        boolean text = ModuleFiles.isText(file, bytes);
        ModuleLoader loader = new ModuleLoader(featureOptions.apply(Features.DEFAULT));
        try {
            if (text) {
                loader.text(SourceFiles.utf8(bytes));
            } else {
                loader.binary(bytes);
            }
            return 0;
        } catch (WasmFormatException e) {
            spec.commandLine().getErr().println(Diagnostics.describe(file.toString(), e, text));
            return 1;
        }
    }
}
