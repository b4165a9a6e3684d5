package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Val;
import java.nio.file.Path;
import java.util.List;

/** What the compiler's code-shape tests share: a module compiled with its classes dumped, and its results compared with the interpreter's. */
final class CompiledModules {
    private CompiledModules() {
    }

    /**
     * An instance of {@code wat} compiled by the compiler (no fallback), its generated classes written
     * to {@code dump} ({@link ModuleCompiler#DUMP}).
     */
    static Instance compileDumped(Path dump, String wat) {
        Engine engine = new Engine(new Config().strategy(Strategy.COMPILER));
        System.setProperty(ModuleCompiler.DUMP, dump.toString());
        try {
            Instance compiled = Instance.of(new Store<>(engine), Module.fromWat(engine, wat));
            assertThat(engine.compilerFallbacks()).isZero();
            return compiled;
        } finally {
            System.clearProperty(ModuleCompiler.DUMP);
        }
    }

    /** An instance of {@code wat} on the interpreter. */
    static Instance interpreted(String wat) {
        Engine interpreter = new Engine(new Config().strategy(Strategy.INTERPRETER));
        return Instance.of(new Store<>(interpreter), Module.fromWat(interpreter, wat));
    }

    /** Asserts that {@code name} called with {@code args} gives the same results in both instances. */
    static void same(Instance compiled, Instance interpreted, String name, Val... args) {
        assertThat(compiled.func(name).call(args)).as("%s%s", name, List.of(args))
                .containsExactly(interpreted.func(name).call(args));
    }
}
