package dev.wasmj.format.validate;

import dev.wasmj.format.BranchHints;
import dev.wasmj.format.Bytes;
import dev.wasmj.format.CompositeType;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Export;
import dev.wasmj.format.ExternKind;
import dev.wasmj.format.ExternType;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Global;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.Import;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.RecGroup;
import dev.wasmj.format.SubType;
import dev.wasmj.format.Table;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.WasmWriter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Builds {@link WasmModule}s for validator tests. */
final class ModuleBuilder {
    final List<RecGroup> groups = new ArrayList<>();
    final List<Import> imports = new ArrayList<>();
    final List<Integer> functions = new ArrayList<>();
    final List<FunctionBody> codes = new ArrayList<>();
    final List<Table> tables = new ArrayList<>();
    final List<MemoryType> memories = new ArrayList<>();
    final List<Global> globals = new ArrayList<>();
    final List<TagType> tags = new ArrayList<>();
    final List<Export> exports = new ArrayList<>();
    final List<ElementSegment> elements = new ArrayList<>();
    final List<DataSegment> data = new ArrayList<>();
    int start = -1;
    int dataCount = -1;
    BranchHints branchHints;
    private int typeCount;

    /** Adds a plain function type; returns its index. */
    int type(int[] params, int[] results) {
        return type(new FuncType(params, results));
    }

    int type(CompositeType c) {
        return rec(SubType.plain(c));
    }

    /** Adds a recursion group; returns the index of its first type. */
    int rec(SubType... types) {
        groups.add(new RecGroup(List.of(types)));
        int first = typeCount;
        typeCount += types.length;
        return first;
    }

    ModuleBuilder imp(ExternType t) {
        imports.add(new Import("m", "x" + imports.size(), t));
        return this;
    }

    /** Adds a function with the given locals (one declaration per type) and body. */
    ModuleBuilder func(int typeIndex, int[] locals, Consumer<Code> body) {
        Code c = new Code();
        body.accept(c);
        c.end();
        int[] counts = new int[locals.length];
        java.util.Arrays.fill(counts, 1);
        functions.add(typeIndex);
        int localsSize = new WasmWriter().locals(counts, locals).size();
        codes.add(new FunctionBody(counts, locals, localsSize, c.bytes()));
        return this;
    }

    ModuleBuilder func(int typeIndex, Consumer<Code> body) {
        return func(typeIndex, new int[0], body);
    }

    ModuleBuilder memory(long min) {
        memories.add(new MemoryType(Limits.of(min), false, false, 16));
        return this;
    }

    ModuleBuilder table(int elemType, long min) {
        tables.add(new Table(new TableType(elemType, Limits.of(min), false), null));
        return this;
    }

    ModuleBuilder global(int valType, boolean mutable, Consumer<Code> init) {
        globals.add(new Global(new GlobalType(valType, mutable), expr(init)));
        return this;
    }

    ModuleBuilder export(String name, ExternKind kind, int index) {
        exports.add(new Export(name, kind, index));
        return this;
    }

    static Bytes expr(Consumer<Code> init) {
        Code c = new Code();
        init.accept(c);
        c.end();
        return c.bytes();
    }

    ModuleBuilder branchHints(BranchHints hints) {
        branchHints = hints;
        return this;
    }

    WasmModule build() {
        int[] funcs = functions.stream().mapToInt(Integer::intValue).toArray();
        return new WasmModule(groups, imports, funcs, tables, memories, globals, tags, exports, start, elements,
                dataCount, codes, data, List.of(), null, branchHints);
    }
}
