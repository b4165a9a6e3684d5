package dev.wasmj.internal.compiler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Instance;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.Strategy;
import dev.wasmj.Val;
import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeElement;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the compiler's code-shape tests share: a module compiled with its classes dumped, the code of
 * the dumped methods, and results compared with the interpreter's.
 */
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

    /** The methods of the classes dumped to {@code dir}. */
    static List<MethodModel> methods(Path dir) throws IOException {
        List<MethodModel> methods = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                methods.addAll(ClassFile.of().parse(Files.readAllBytes(file)).methods());
            }
        }
        return methods;
    }

    /** The code, in order, of the dumped methods that {@code which} accepts. */
    static List<CodeElement> code(Path dir, Predicate<MethodModel> which) throws IOException {
        List<CodeElement> code = new ArrayList<>();
        for (MethodModel m : methods(dir)) {
            if (which.test(m)) {
                m.code().orElseThrow().forEach(code::add);
            }
        }
        return code;
    }

    /** The code, in order, of the dumped methods named {@code name}. */
    static List<CodeElement> code(Path dir, String name) throws IOException {
        return code(dir, m -> m.methodName().equalsString(name));
    }

    /** The conditional branches (not {@code goto}), in order, of the dumped methods named {@code name}. */
    static List<Opcode> branches(Path dir, String name) throws IOException {
        return code(dir, name).stream()
                .filter(e -> e instanceof BranchInstruction b && b.opcode() != Opcode.GOTO)
                .map(e -> ((BranchInstruction) e).opcode())
                .toList();
    }
}
