package dev.wasmj.cli;

import dev.wasmj.Strategy;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/**
 * The {@code -C OPT=VALUE} options, spelled as the {@code wasmtime} command spells its codegen
 * options. Known: {@code strategy=auto|interpreter|compiler} (the compiler is in progress: functions it cannot compile yet run on the interpreter).
 */
public final class CodegenOptions {
    @Option(
            names = "-C",
            paramLabel = "OPT=VALUE[,...]",
            hideParamSyntax = true,
            split = ",",
            description = "Codegen option; repeatable, comma-separated. strategy=auto|interpreter|compiler"
                    + " selects the engine (default auto: tiered, the interpreter first and hot functions compiled in"
                    + " the background; compiler: every function compiled before it runs; the compiler is in progress and runs on the"
                    + " interpreter what it cannot compile yet).")
    List<String> settings = new ArrayList<>();

    /** The strategy asked for, {@link Strategy#AUTO} if none. */
    public Strategy strategy() {
        Strategy strategy = Strategy.AUTO;
        for (String s : settings) {
            int eq = s.indexOf('=');
            String name = eq < 0 ? s : s.substring(0, eq);
            if (!name.equals("strategy")) {
                throw new UserException("unknown codegen option '" + name + "'; known: strategy");
            }
            String value = eq < 0 ? "" : s.substring(eq + 1);
            try {
                strategy = Strategy.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new UserException("strategy must be auto, interpreter or compiler, not '" + value + "'");
            }
        }
        return strategy;
    }
}
