package dev.wasmj.cli.wast;

import dev.wasmj.cli.Diagnostics;
import dev.wasmj.cli.ModuleLoader;
import dev.wasmj.cli.ModuleLoader.LoadedModule;
import dev.wasmj.cli.SourceFiles;
import dev.wasmj.cli.UserException;
import dev.wasmj.format.Features;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.text.ScriptModule;
import dev.wasmj.format.text.WastCommand;
import dev.wasmj.format.text.WastParser;
import dev.wasmj.format.text.WastScript;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * Runs .wast scripts: decodes and validates every module, decides {@code assert_malformed} and
 * {@code assert_invalid}, and hands the commands that need execution to a {@link WastExecutor}.
 *
 * <p>An assertion that a module is malformed (invalid) passes when loading it throws a
 * {@link MalformedException} ({@link InvalidException}), whatever its message; a message that does
 * not start with the expected text is recorded as a {@link WastReport#notes() note}. The
 * {@code _custom} forms, about custom sections and annotations, are decided the same way: wasmj
 * interprets all those the testsuite asserts about ({@code @custom}, {@code @name}, branch hints).
 */
public final class WastRunner {
    private final Function<Features, WastExecutor> executors;

    /** A runner that hands commands to a new executor per script, made for the script's features. */
    public WastRunner(Function<Features, WastExecutor> executors) {
        this.executors = executors;
    }

    /** A runner that hands the commands of every script to {@code executor}. */
    public WastRunner(WastExecutor executor) {
        this(features -> executor);
    }

    /** Runs the script {@code file} with {@code features} enabled; failures name the file as given. */
    public WastReport run(Path file, Features features) {
        return run(file, file.toString(), features);
    }

    /** Runs the script {@code file}, called {@code name} in failures, with {@code features} enabled. */
    public WastReport run(Path file, String name, Features features) {
        String text;
        try {
            text = SourceFiles.utf8(SourceFiles.read(file));
        } catch (UserException e) {
            WastReport report = new WastReport();
            report.fail(name, 0, e.getMessage());
            return report;
        } catch (MalformedException e) {
            WastReport report = new WastReport();
            report.fail(name, e.line(), e.reason());
            return report;
        }
        return run(name, text, features);
    }

    /** Runs the script {@code text}, called {@code name} in failures, with {@code features} enabled. */
    public WastReport run(String name, String text, Features features) {
        WastReport report = new WastReport();
        WastScript script;
        try {
            script = WastParser.parse(text);
        } catch (MalformedException e) {
            report.fail(name, e.line(), "the script does not parse at column " + e.column() + ": " + e.reason());
            return report;
        }
        WastExecutor executor = executors.apply(features);
        new ScriptRun(name, new ModuleLoader(features), executor, report).commands(script);
        report.addFallbacks(executor.compilerFallbacks());
        return report;
    }

    /** The state of one script's run. */
    private final class ScriptRun {
        private final String name;
        private final ModuleLoader loader;
        private final WastExecutor executor;
        private final WastReport report;

        ScriptRun(String name, ModuleLoader loader, WastExecutor executor, WastReport report) {
            this.name = name;
            this.loader = loader;
            this.executor = executor;
            this.report = report;
        }

        void commands(WastScript script) {
            for (WastCommand command : script.commands()) {
                command(command);
            }
        }

        private void command(WastCommand command) {
            Verdict verdict;
            try {
                verdict = verdict(command);
            } catch (RuntimeException | StackOverflowError e) {
                verdict = Verdict.failed(crash(e));
            }
            switch (verdict.status()) {
                case PASSED -> report.pass();
                case SKIPPED -> report.skip();
                case FAILED -> report.fail(name, command.line(), verdict.reason());
            }
        }

        private Verdict verdict(WastCommand command) {
            return switch (command) {
                case WastCommand.AssertMalformed a -> expectError(a.module(), "malformed", a.message(), a.line());
                case WastCommand.AssertInvalid a -> expectError(a.module(), "invalid", a.message(), a.line());
                case WastCommand.AssertMalformedCustom a -> expectError(a.module(), "malformed", a.message(), a.line());
                case WastCommand.AssertInvalidCustom a -> expectError(a.module(), "invalid", a.message(), a.line());
                case WastCommand.Module m -> withModule(command, m.module());
                case WastCommand.AssertUnlinkable a -> withModule(command, a.module());
                case WastCommand.AssertUninstantiable a -> withModule(command, a.module());
                case WastCommand.AssertTrap a when a.module() != null -> withModule(command, a.module());
                case WastCommand.Thread t -> {
                    for (WastCommand inner : t.commands()) {
                        command(inner);
                    }
                    yield executor.execute(command, null);
                }
                default -> executor.execute(command, null);
            };
        }

        /** Loads the command's module, which must be valid, and passes it to the executor. */
        private Verdict withModule(WastCommand command, ScriptModule module) {
            LoadedModule loaded;
            try {
                loaded = load(module);
            } catch (WasmFormatException e) {
                return Verdict.failed("expected a valid module, got " + describe(e));
            }
            return executor.execute(command, loaded);
        }

        /** Loads a module that should be rejected with a {@code kind} ("malformed" or "invalid") error. */
        private Verdict expectError(ScriptModule module, String kind, String message, int line) {
            String expected = "expected " + kind + " \"" + message + "\"";
            try {
                load(module);
            } catch (WasmFormatException e) {
                if (!kindOf(e).equals(kind)) {
                    return Verdict.failed(expected + ", got " + describe(e));
                }
                if (!e.reason().startsWith(message)) {
                    report.note(name, line, expected + ", got " + describe(e));
                }
                return Verdict.PASSED;
            }
            return Verdict.failed(expected + ", but the module is valid");
        }

        private LoadedModule load(ScriptModule module) {
            return switch (module.form()) {
                case BINARY -> loader.binary(module.bytes());
                case TEXT, QUOTE -> loader.parsed(module.parseWithSourceMap(loader.features()));
            };
        }
    }

    /** A bug: anything but a {@link WasmFormatException} escaped. Names it and where it was thrown. */
    private static String crash(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return "crashed: " + Diagnostics.oneLine(e.toString()) + (trace.length > 0 ? " at " + trace[0] : "");
    }

    private static String kindOf(WasmFormatException e) {
        return e instanceof MalformedException ? "malformed" : "invalid";
    }

    /** E.g. {@code malformed "unexpected end" at byte offset 12 (0xc)}. */
    private static String describe(WasmFormatException e) {
        String position = Diagnostics.position(e);
        return kindOf(e) + " \"" + Diagnostics.oneLine(e.reason()) + "\"" + (position == null ? "" : " at " + position);
    }
}
