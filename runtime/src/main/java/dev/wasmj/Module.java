package dev.wasmj;

import dev.wasmj.format.Export;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.Import;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.text.WatParser;
import dev.wasmj.format.validate.TypeContext;
import dev.wasmj.format.validate.ValidatedModule;
import dev.wasmj.format.validate.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A compiled WebAssembly module: decoded and validated against its {@link Engine}'s features,
 * ready to be instantiated any number of times in any store of the engine. Immutable and thread
 * safe.
 *
 * <p>The name is Wasmtime's, and also that of {@code java.lang.Module}: import this class by name
 * ({@code import dev.wasmj.Module;}); a wildcard import of {@code dev.wasmj} leaves it ambiguous.
 *
 * <p>Loading fails with {@link dev.wasmj.format.MalformedException} (the bytes or text are not a
 * module) or {@link dev.wasmj.format.InvalidException} (the module breaks a validation rule, or
 * uses a feature the engine does not enable); both carry the position of the problem.
 */
public final class Module {
    private final Engine engine;
    private final ValidatedModule validated;
    private final List<ImportType> imports;
    private final List<ExportType> exports;

    private Module(Engine engine, ValidatedModule validated) {
        this.engine = engine;
        this.validated = validated;
        TypeContext types = validated.types();
        WasmModule m = validated.module();
        List<ImportType> is = new ArrayList<>(m.imports().size());
        for (Import i : m.imports()) {
            is.add(new ImportType(i.module(), i.name(), externType(i.type(), types)));
        }
        this.imports = List.copyOf(is);
        List<ExportType> es = new ArrayList<>(m.exports().size());
        for (Export e : m.exports()) {
            es.add(new ExportType(e.name(), exportType(e, m, types)));
        }
        this.exports = List.copyOf(es);
    }

    /** Decodes and validates the binary module {@code bytes}. */
    public static Module fromBinary(Engine engine, byte[] bytes) {
        return new Module(engine, load(engine, bytes));
    }

    /** Parses and validates the text module {@code wat} ({@code (module ...)} or its fields). */
    public static Module fromWat(Engine engine, String wat) {
        return fromBinary(engine, Wat.toBinary(wat, engine.features()));
    }

    /**
     * Loads the module in {@code file}: binary if it starts with the magic number {@code \0asm},
     * text otherwise.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public static Module fromFile(Engine engine, Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length >= 4 && bytes[0] == 0 && bytes[1] == 'a' && bytes[2] == 's' && bytes[3] == 'm') {
            return fromBinary(engine, bytes);
        }
        return fromWat(engine, new String(bytes, StandardCharsets.UTF_8));
    }

    /**
     * Checks that {@code bytes} is a valid binary module for {@code engine} without keeping it.
     *
     * @throws dev.wasmj.format.MalformedException if it is not a module
     * @throws dev.wasmj.format.InvalidException    if it is not valid
     */
    public static void validate(Engine engine, byte[] bytes) {
        load(engine, bytes);
    }

    private static ValidatedModule load(Engine engine, byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        WasmModule module = BinaryDecoder.decode(bytes, engine.features());
        return Validator.validate(module, engine.features(), engine.registry());
    }

    public Engine engine() {
        return engine;
    }

    /** The module's name from its {@code name} section, if it has one. */
    public Optional<String> name() {
        return Optional.ofNullable(validated.module().names().moduleName());
    }

    /** The module's imports, in order. */
    public List<ImportType> imports() {
        return imports;
    }

    /** The module's exports, in order. */
    public List<ExportType> exports() {
        return exports;
    }

    /** The export named {@code name}, if there is one. */
    public Optional<ExportType> export(String name) {
        for (ExportType e : exports) {
            if (e.name().equals(name)) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }

    ValidatedModule validated() {
        return validated;
    }

    private static ExternType externType(dev.wasmj.format.ExternType t, TypeContext types) {
        return switch (t) {
            case FuncImport f -> FuncType.of(types.type(f.typeIndex()), types.registry());
            case dev.wasmj.format.TableType tt -> TableType.of(closed(tt, types), types.registry());
            case dev.wasmj.format.MemoryType mt -> MemoryType.of(mt);
            case dev.wasmj.format.GlobalType gt ->
                    new GlobalType(ValType.of(types.toGlobal(gt.valType()), types.registry()), gt.mutable());
            case dev.wasmj.format.TagType tag ->
                    new TagType(FuncType.of(types.type(tag.typeIndex()), types.registry()));
        };
    }

    private static dev.wasmj.format.TableType closed(dev.wasmj.format.TableType t, TypeContext types) {
        return new dev.wasmj.format.TableType(types.toGlobal(t.elementType()), t.limits(), t.is64());
    }

    private static ExternType exportType(Export e, WasmModule m, TypeContext types) {
        int i = e.index();
        return switch (e.kind()) {
            case FUNC -> FuncType.of(types.type(m.funcTypeIndex(i)), types.registry());
            case TABLE -> externType(m.tableType(i), types);
            case MEMORY -> externType(m.memoryType(i), types);
            case GLOBAL -> externType(m.globalType(i), types);
            case TAG -> externType(m.tagType(i), types);
        };
    }

    @Override
    public String toString() {
        return "Module" + name().map(n -> " $" + n).orElse("");
    }

    /** Text to binary, the way every text module is loaded. */
    static final class Wat {
        private Wat() {}

        static byte[] toBinary(String wat, dev.wasmj.format.Features features) {
            return BinaryEncoder.encode(WatParser.parseModule(wat, features));
        }
    }
}
