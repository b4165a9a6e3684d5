package dev.wasmj.bench;

import dev.wasmj.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Every engine the benchmark knows, in table order, and how to start it. Each engine runs each
 * program in a process of its own (a fresh JVM for the engines in {@link #IN_JVM}, as JMH forks),
 * so no engine's JIT profile or heap affects another's.
 *
 * <p>To add a JVM engine: a {@link JvmEngine} class and a line in {@link #IN_JVM}. To add an engine
 * outside the JVM: a script that takes the arguments of {@link InProcess#childArguments} and prints a
 * {@link Result} line, and a case in {@link #command}.
 */
final class Engines {
    private Engines() {
    }

    /** The engines that run in a JVM child of the driver ({@code Main --child NAME}). */
    static final Map<String, Supplier<JvmEngine>> IN_JVM = new LinkedHashMap<>();

    static {
        IN_JVM.put("wasmj-compiler", () -> new WasmjEngine("wasmj-compiler", Strategy.COMPILER));
        IN_JVM.put("wasmj-interpreter", () -> new WasmjEngine("wasmj-interpreter", Strategy.INTERPRETER));
        IN_JVM.put("wasmj-auto", () -> new WasmjEngine("wasmj-auto", Strategy.AUTO)); // the default: tiered
        IN_JVM.put("chicory-compiler", ChicoryCompiler::new);
        IN_JVM.put("endive-compiler", EndiveCompiler::new);
        IN_JVM.put("graalwasm", () -> new GraalWasm());   // a lambda: GraalWasm loads only in its child, where polyglot is
        IN_JVM.put("chicory-interpreter", ChicoryInterpreter::new);
    }

    /** Node's V8 (node:wasi-capable node on the PATH): bench/node/kernel.mjs. The ratios' base. */
    static final String NODE = "node";

    /** GraalWasm's engine name: its child JVM runs Truffle from the module path, see {@link #graalOptions}. */
    static final String GRAALWASM = "graalwasm";

    /** Every engine in table order: wasmj's three, node (the base of the ratios), then the others. */
    static List<String> all() {
        List<String> names = new ArrayList<>(List.of("wasmj-compiler", "wasmj-interpreter", "wasmj-auto", NODE));
        for (String name : IN_JVM.keySet()) {
            if (!names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }

    /**
     * How long {@code engine} warms up: the setting, except GraalWasm, which takes at least 5 times
     * as long and 4 s: Truffle compiles a function after many calls and loop iterations, with the
     * Graal compiler running as Java code itself (jargraal) that has to warm up first; with 2 s it
     * was still measuring Truffle's interpreter (fib: 240 ms against 2.5 ms after 15 s).
     */
    static Settings settings(String engine, Settings settings) {
        if (!engine.equals(GRAALWASM)) {
            return settings;
        }
        return new Settings(settings.iterations(), Math.max(settings.warmupSeconds() * 5, 4.0), settings.forks(), settings.wholeRuns());
    }

    /**
     * The JVM options that run GraalWasm with Truffle's optimizing runtime on a stock JDK: the
     * polyglot, Truffle and GraalWasm modules (bench/target/graal, copied there by the build) on the
     * module path, the Graal compiler (bench/target/graal-jit) on the upgrade module path, and JVMCI
     * enabled so that Truffle can use it. Without the compiler jar, Truffle falls back to its
     * interpreter ({@code BENCH_GRAAL_JIT=0} measures that).
     */
    static List<String> graalOptions(Path jar) {
        Path target = jar.toAbsolutePath().getParent();
        List<String> options = new ArrayList<>(List.of(
                "--module-path", target.resolve("graal").toString(),
                "--add-modules", "org.graalvm.polyglot",
                "--enable-native-access=ALL-UNNAMED,org.graalvm.truffle",
                "--sun-misc-unsafe-memory-access=allow"));
        if (!"0".equals(System.getenv("BENCH_GRAAL_JIT"))) {
            options.addAll(List.of("-XX:+UnlockExperimentalVMOptions", "-XX:+EnableJVMCI",
                    "--upgrade-module-path", target.resolve("graal-jit").toString()));
        } else {
            options.add("-Dpolyglot.engine.WarnInterpreterOnly=false");
        }
        return options;
    }

    static JvmEngine inJvm(String name) {
        Supplier<JvmEngine> engine = IN_JVM.get(name);
        if (engine == null) {
            throw new IllegalArgumentException("not an in-JVM engine: " + name + " (known: " + IN_JVM.keySet() + ")");
        }
        return engine.get();
    }

    /**
     * The command that runs one program of {@code kind} on {@code engine}, before the program's
     * arguments ({@link InProcess#childArguments}): {@code Main --child ENGINE} or
     * {@code --child-command ENGINE}, node's bench/node/kernel.mjs or command.mjs.
     */
    static List<String> command(String engine, InProcess.Kind kind, Path benchDir, List<String> jvmOptions) {
        boolean kernel = kind == InProcess.Kind.KERNEL;
        if (IN_JVM.containsKey(engine)) {
            List<String> command = jvm(engine, jvmOptions);
            command.add(kernel ? "--child" : "--child-command");
            command.add(engine);
            return command;
        }
        if (engine.equals(NODE)) {
            // command.mjs collects each run's instance and WASI (--expose-gc: see there)
            return kernel ? List.of("node", "--no-warnings", benchDir.resolve("node/kernel.mjs").toString())
                    : List.of("node", "--no-warnings", "--expose-gc", benchDir.resolve("node/command.mjs").toString());
        }
        throw new IllegalArgumentException("unknown engine " + engine + " (known: " + all() + ")");
    }

    /** {@code java OPTIONS -cp THIS_JAR dev.wasmj.bench.Main} for a child of the JVM engine {@code engine}. */
    static List<String> jvm(String engine, List<String> jvmOptions) {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        if (engine.equals(GRAALWASM)) {
            command.addAll(graalOptions(Path.of(System.getProperty("java.class.path"))));
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        return command;
    }

    /** Why {@code engine} cannot run here, or null when it can. */
    static String unavailable(String engine, Path benchDir) {
        if (engine.equals(GRAALWASM)) {
            Path jar = Path.of(System.getProperty("java.class.path")).toAbsolutePath();
            return Files.isDirectory(jar.getParent().resolve("graal")) ? null
                    : "no GraalVM modules beside " + jar + " (bench/run.sh builds them)";
        }
        if (IN_JVM.containsKey(engine)) {
            return null;
        }
        if (engine.equals(NODE)) {
            for (String script : List.of("node/kernel.mjs", "node/command.mjs")) {
                if (!Files.exists(benchDir.resolve(script))) {
                    return "no bench/" + script;
                }
            }
            try {
                Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? null : "node --version failed";
            } catch (Exception e) {
                return "no node on the PATH";
            }
        }
        return "unknown engine";
    }
}
