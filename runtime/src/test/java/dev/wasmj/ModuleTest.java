package dev.wasmj;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleTest {
    private final Engine engine = new Engine();

    private static final String WAT = """
            (module $demo
              (import "env" "log" (func $log (param i32 i32)))
              (import "env" "mem" (memory 1 2))
              (import "env" "g" (global (mut i64)))
              (import "env" "t" (table 3 funcref))
              (import "env" "e" (tag (param f32)))
              (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
              (table (export "tab") 2 10 externref)
              (memory (export "memory") 1)
              (global (export "answer") i32 (i32.const 42))
              (tag (export "oops") (param i64)))
            """;

    @Test
    void importsAndExportsHaveApiTypes() {
        Module m = Module.fromWat(engine, WAT);
        assertThat(m.name()).contains("demo");
        assertThat(m.imports()).containsExactly(
                new ImportType("env", "log", FuncType.of(List.of(ValType.I32, ValType.I32), List.of())),
                new ImportType("env", "mem", MemoryType.of(1, 2)),
                new ImportType("env", "g", GlobalType.mutable(ValType.I64)),
                new ImportType("env", "t", TableType.of(RefType.FUNCREF, 3)),
                new ImportType("env", "e", TagType.of(List.of(ValType.F32))));
        assertThat(m.exports()).containsExactly(
                new ExportType("add", FuncType.of(List.of(ValType.I32, ValType.I32), List.of(ValType.I32))),
                new ExportType("tab", TableType.of(RefType.EXTERNREF, 2, 10)),
                new ExportType("memory", MemoryType.of(1)),
                new ExportType("answer", GlobalType.of(ValType.I32)),
                new ExportType("oops", TagType.of(List.of(ValType.I64))));
        assertThat(m.export("add")).isPresent();
        assertThat(m.export("nope")).isEmpty();
        assertThat(m.exports().getFirst().type().toString()).isEqualTo("(func (param i32 i32) (result i32))");
    }

    @Test
    void binaryAndFileFormsLoadTheSameModule(@TempDir Path dir) throws Exception {
        byte[] binary = Module.Wat.toBinary(WAT, engine.features());
        Module fromBinary = Module.fromBinary(engine, binary);
        Path wasm = Files.write(dir.resolve("m.wasm"), binary);
        Path wat = Files.writeString(dir.resolve("m.wat"), WAT);
        assertThat(Module.fromFile(engine, wasm).exports()).isEqualTo(fromBinary.exports());
        assertThat(Module.fromFile(engine, wat).imports()).isEqualTo(fromBinary.imports());
        Module.validate(engine, binary);
    }

    @Test
    void malformedAndInvalidModulesAreTheirOwnExceptions() {
        assertThatThrownBy(() -> Module.fromBinary(engine, new byte[] {0, 'a', 's'}))
                .isInstanceOf(MalformedException.class).hasMessageContaining("unexpected end");
        assertThatThrownBy(() -> Module.fromWat(engine, "(module (func (result i32) (i64.const 1)))"))
                .isInstanceOf(InvalidException.class).hasMessageContaining("type mismatch");
        assertThatThrownBy(() -> Module.validate(engine, new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(MalformedException.class);
    }

    @Test
    void aDisabledFeatureRejectsTheModule() {
        Engine noThreads = new Engine(new Config().wasmThreads(false));
        assertThatThrownBy(() -> Module.fromWat(noThreads, "(module (memory 1 1 shared))"))
                .isInstanceOf(dev.wasmj.format.WasmFormatException.class);
        Module.fromWat(engine, "(module (memory 1 1 shared))");
    }
}
