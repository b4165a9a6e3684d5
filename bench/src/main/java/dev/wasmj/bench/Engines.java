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
 * outside the JVM: a script that takes the arguments of {@link Driver#childArguments} and prints a
 * {@link Result} line, and a case in {@link #command}.
 */
final class Engines {
    private Engines() {
    }

    /** The engines that run in a JVM child of the driver ({@code Main --child NAME}). */
    static final Map<String, Supplier<JvmEngine>> IN_JVM = new LinkedHashMap<>();

    static {
        IN_JVM.put("wasmj-interpreter", () -> new WasmjEngine("wasmj-interpreter", Strategy.INTERPRETER));
        IN_JVM.put("chicory-interpreter", ChicoryInterpreter::new);
    }

    /** Node's V8 (node:wasi-capable node on the PATH): bench/node/kernel.mjs. */
    static final String NODE = "node";

    static List<String> all() {
        List<String> names = new ArrayList<>(IN_JVM.keySet());
        names.add(NODE);
        return names;
    }

    static JvmEngine inJvm(String name) {
        Supplier<JvmEngine> engine = IN_JVM.get(name);
        if (engine == null) {
            throw new IllegalArgumentException("not an in-JVM engine: " + name + " (known: " + IN_JVM.keySet() + ")");
        }
        return engine.get();
    }

    /** The command that runs one program on {@code engine}, before the per-program arguments. */
    static List<String> command(String engine, Path benchDir, List<String> jvmOptions) {
        if (IN_JVM.containsKey(engine)) {
            List<String> command = new ArrayList<>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(Main.class.getName());
            command.add("--child");
            command.add(engine);
            return command;
        }
        if (engine.equals(NODE)) {
            return List.of("node", benchDir.resolve("node/kernel.mjs").toString());
        }
        throw new IllegalArgumentException("unknown engine " + engine + " (known: " + all() + ")");
    }

    /** Why {@code engine} cannot run here, or null when it can. */
    static String unavailable(String engine, Path benchDir) {
        if (IN_JVM.containsKey(engine)) {
            return null;
        }
        if (engine.equals(NODE)) {
            if (!Files.exists(benchDir.resolve("node/kernel.mjs"))) {
                return "no bench/node/kernel.mjs";
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
