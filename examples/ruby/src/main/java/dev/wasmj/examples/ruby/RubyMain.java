package dev.wasmj.examples.ruby;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Module;
import dev.wasmj.Strategy;
import dev.wasmj.Trap;
import dev.wasmj.wasi.WasiConfig;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Evaluates Ruby from the command line in one {@link RubyVm}:
 * {@code RubyMain [--timings] [--strategy=auto|interpreter|compiler] RUBY_WASM SOURCE...}, each
 * {@code SOURCE} in turn, printing what Ruby prints, on an engine with the given {@link Strategy}
 * (default AUTO). With {@code --timings}, how long each step took goes to stderr. Exit status 0, or 1
 * after a Ruby exception (reported on stderr the way {@code ruby} reports it) or a usage error, 134
 * after a trap (e.g. Ruby calling JavaScript, which this host does not have).
 */
public final class RubyMain {
    private RubyMain() {}

    public static void main(String[] args) {
        System.exit(run(args, new FileOutputStream(FileDescriptor.out), System.err));
    }

    /** Runs the command with Ruby's stdout going to {@code out} and everything else to {@code err}. */
    static int run(String[] args, OutputStream out, PrintStream err) {
        List<String> rest = new ArrayList<>(List.of(args));
        boolean timings = rest.remove("--timings");
        Config config = new Config();
        for (String arg : List.copyOf(rest)) {
            if (arg.startsWith("--strategy=")) {
                rest.remove(arg);
                config.strategy(Strategy.valueOf(arg.substring("--strategy=".length()).toUpperCase(Locale.ROOT)));
            }
        }
        if (rest.size() < 2 || rest.getFirst().startsWith("-")) {
            err.println("usage: RubyMain [--timings] [--strategy=auto|interpreter|compiler] RUBY_WASM SOURCE...");
            return 1;
        }
        Path wasm = Path.of(rest.removeFirst());
        if (!Files.isRegularFile(wasm)) {
            err.println("RubyMain: no such file: " + wasm);
            return 1;
        }
        long start = System.nanoTime();
        Engine engine = new Engine(config);
        Module ruby = Module.fromFile(engine, wasm);
        long compiled = System.nanoTime();
        FirstLineClock stdout = new FirstLineClock(out);
        WasiConfig wasi = new WasiConfig().stdout(stdout).stderr(err);
        try (RubyVm vm = RubyVm.start(ruby, wasi)) {
            long started = System.nanoTime();
            for (String source : rest) {
                vm.run(source);
            }
            long evaluated = System.nanoTime();
            if (timings) {
                RubyVm.StartupTimes times = vm.startupTimes();
                err.printf("read and compile ruby.wasm %6d ms%n", millis(compiled - start));
                err.printf("instantiate                %6d ms%n", times.instantiate().toMillis());
                err.printf("_initialize                %6d ms%n", times.initialize().toMillis());
                err.printf("ruby-init                  %6d ms%n", times.rubyInit().toMillis());
                err.printf("evaluate                   %6d ms%n", millis(evaluated - started));
                if (engine.strategy() == Strategy.COMPILER) {
                    err.printf("compiler fallbacks         %6d (functions compiled so far that run on the interpreter)%n",
                            engine.compilerFallbacks());
                }
                if (stdout.firstLineNanos() >= 0) {
                    err.printf("first line of output after %6d ms (from reading ruby.wasm)%n",
                            millis(stdout.firstLineNanos() - start));
                }
            }
            return 0;
        } catch (RubyException e) {
            String where = e.rubyBacktrace().isEmpty() ? "ruby" : e.rubyBacktrace().getFirst();
            err.println(where + ": " + e.getMessage());
            return 1;
        } catch (Trap e) {
            err.println("ruby.wasm trapped: " + e.getMessage());
            e.backtrace().stream().limit(10).forEach(frame -> err.println("    at " + frame));
            return 134;
        }
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
