package dev.wasmj.cli;

import dev.wasmj.Strategy;
import dev.wasmj.cli.wast.ApiExecutor;
import dev.wasmj.cli.wast.WastReport;
import dev.wasmj.cli.wast.WastRunner;
import dev.wasmj.format.text.WastFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code wasmj wast FILE...}: runs spec test scripts. */
@Command(
        name = "wast",
        mixinStandardHelpOptions = true,
        description = {
            "Run .wast scripts of the WebAssembly spec testsuite.",
            "Modules are decoded and validated; assert_malformed and assert_invalid must reject their"
                    + " module with the right kind of error. Every other command runs on wasmj's runtime"
                    + " (engine chosen with -C strategy=...), with the spectest host module.",
            "Prints one 'file:line: reason' line per failure, then 'wast: N passed, M failed, K skipped';"
                    + " exits 1 if any failed.",
            "Each file gets the features of its place in the testsuite: WebAssembly 3.0, plus NAME under"
                    + " proposals/NAME/; -W options apply on top."
        })
final class WastCommand implements Callable<Integer> {
    @Parameters(
            paramLabel = "FILE",
            arity = "1..*",
            description = ".wast files, or directories to search for them.")
    List<Path> inputs;

    @Option(
            names = {"-v", "--verbose"},
            description = "Also list the assertions that passed with another error message than the expected one.")
    boolean verbose;

    @Mixin
    FeatureOptions featureOptions;

    @Mixin
    CodegenOptions codegenOptions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        WastRunner runner;
        try {
            runner = new WastRunner(ApiExecutor.factory(codegenOptions.strategy()));
        } catch (UnsupportedOperationException e) {
            throw new UserException(e.getMessage());
        }
        WastReport total = new WastReport();
        for (Path file : scripts(inputs)) {
            WastReport report = runner.run(file, featureOptions.apply(WastFeatures.forFile(file)));
            report.failures().forEach(out::println);
            if (verbose) {
                report.notes().forEach(out::println);
            }
            total.add(report);
        }
        if (codegenOptions.strategy() == Strategy.COMPILER) {
            out.println("fallbacks: " + total.fallbacks());
        }
        out.println(total.summary());
        return total.failed() == 0 ? 0 : 1;
    }

    /** The files named, and the .wast files under the directories named, in a stable order. */
    static List<Path> scripts(List<Path> inputs) {
        List<Path> files = new ArrayList<>();
        for (Path input : inputs) {
            if (Files.isDirectory(input)) {
                try (Stream<Path> found = Files.walk(input)) {
                    found.filter(p -> p.getFileName().toString().endsWith(".wast") && Files.isRegularFile(p))
                            .sorted()
                            .forEach(files::add);
                } catch (IOException e) {
                    throw new UserException("cannot list " + input + ": " + e.getMessage());
                }
            } else {
                files.add(input);
            }
        }
        if (files.isEmpty()) {
            throw new UserException("no .wast files under " + inputs.getFirst());
        }
        return files;
    }
}
