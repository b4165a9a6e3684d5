package dev.wasmj.format;

import java.util.ArrayList;
import java.util.List;

/**
 * A decoded (not yet validated) WebAssembly module: the same model whether it came from binary or
 * text. Function bodies and constant expressions stay as {@link Bytes} of instructions.
 *
 * <p>Besides the sections' contents it offers the index spaces, where imports come first:
 * {@link #funcTypeIndex(int)}, {@link #tableType(int)}, {@link #memoryType(int)},
 * {@link #globalType(int)}, {@link #tagType(int)}.
 */
public final class WasmModule {
    private final List<RecGroup> recGroups;
    private final List<SubType> types;
    private final List<Import> imports;
    private final int[] functions;
    private final List<Table> tables;
    private final List<MemoryType> memories;
    private final List<Global> globals;
    private final List<TagType> tags;
    private final List<Export> exports;
    private final int start;
    private final List<ElementSegment> elements;
    private final int dataCount;
    private final List<FunctionBody> codes;
    private final List<DataSegment> data;
    private final List<CustomSection> customs;
    private final NameSection names;
    private final BranchHints branchHints;
    private final DeclarationOffsets offsets;

    // index spaces (imports first)
    private final int[] funcTypes;
    private final List<TableType> tableTypes = new ArrayList<>();
    private final List<MemoryType> memoryTypes = new ArrayList<>();
    private final List<GlobalType> globalTypes = new ArrayList<>();
    private final List<TagType> tagTypes = new ArrayList<>();
    private final int importedFuncs;
    private final int importedGlobals;

    /**
     * @param functions   the type index of each defined function (the function section)
     * @param start       the start function's index, or -1
     * @param dataCount   the data count section's value, or -1 when the section is absent
     * @param names       the decoded {@code name} section, or null
     * @param branchHints the decoded {@code metadata.code.branch_hint} section, or null
     */
    public WasmModule(List<RecGroup> recGroups, List<Import> imports, int[] functions, List<Table> tables,
                      List<MemoryType> memories, List<Global> globals, List<TagType> tags, List<Export> exports,
                      int start, List<ElementSegment> elements, int dataCount, List<FunctionBody> codes,
                      List<DataSegment> data, List<CustomSection> customs, NameSection names,
                      BranchHints branchHints) {
        this(recGroups, imports, functions, tables, memories, globals, tags, exports, start, elements, dataCount,
                codes, data, customs, names, branchHints, DeclarationOffsets.EMPTY);
    }

    /**
     * A module whose declarations start at {@code offsets} of the bytes it was decoded from; the
     * other parameters are those of the constructor without offsets.
     */
    public WasmModule(List<RecGroup> recGroups, List<Import> imports, int[] functions, List<Table> tables,
                      List<MemoryType> memories, List<Global> globals, List<TagType> tags, List<Export> exports,
                      int start, List<ElementSegment> elements, int dataCount, List<FunctionBody> codes,
                      List<DataSegment> data, List<CustomSection> customs, NameSection names,
                      BranchHints branchHints, DeclarationOffsets offsets) {
        this.offsets = offsets;
        this.recGroups = List.copyOf(recGroups);
        List<SubType> flat = new ArrayList<>();
        for (RecGroup g : recGroups) {
            flat.addAll(g.types());
        }
        this.types = List.copyOf(flat);
        this.imports = List.copyOf(imports);
        this.functions = functions.clone();
        this.tables = List.copyOf(tables);
        this.memories = List.copyOf(memories);
        this.globals = List.copyOf(globals);
        this.tags = List.copyOf(tags);
        this.exports = List.copyOf(exports);
        this.start = start;
        this.elements = List.copyOf(elements);
        this.dataCount = dataCount;
        this.codes = List.copyOf(codes);
        this.data = List.copyOf(data);
        this.customs = List.copyOf(customs);
        this.names = names == null ? NameSection.EMPTY : names;
        this.branchHints = branchHints == null ? BranchHints.EMPTY : branchHints;

        int nf = 0;
        int ng = 0;
        List<Integer> ft = new ArrayList<>();
        for (Import imp : imports) {
            switch (imp.type()) {
                case FuncImport f -> { ft.add(f.typeIndex()); nf++; }
                case TableType t -> tableTypes.add(t);
                case MemoryType m -> memoryTypes.add(m);
                case GlobalType g -> { globalTypes.add(g); ng++; }
                case TagType t -> tagTypes.add(t);
            }
        }
        importedFuncs = nf;
        importedGlobals = ng;
        funcTypes = new int[nf + functions.length];
        for (int i = 0; i < nf; i++) {
            funcTypes[i] = ft.get(i);
        }
        System.arraycopy(functions, 0, funcTypes, nf, functions.length);
        for (Table t : tables) tableTypes.add(t.type());
        memoryTypes.addAll(memories);
        for (Global g : globals) globalTypes.add(g.type());
        tagTypes.addAll(tags);
    }

    /** The recursion groups of the type section. */
    public List<RecGroup> recGroups() { return recGroups; }

    /** All defined types, flattened over recursion groups: the type index space. */
    public List<SubType> types() { return types; }

    public List<Import> imports() { return imports; }

    /** The type index of each function defined (not imported) by the module. */
    public int[] functions() { return functions.clone(); }

    public List<Table> tables() { return tables; }

    public List<MemoryType> memories() { return memories; }

    public List<Global> globals() { return globals; }

    public List<TagType> tags() { return tags; }

    public List<Export> exports() { return exports; }

    /** The start function's index, or -1. */
    public int start() { return start; }

    public List<ElementSegment> elements() { return elements; }

    /** The data count section's value, or -1 when absent. */
    public int dataCount() { return dataCount; }

    /** The bodies of the defined functions, in order. */
    public List<FunctionBody> codes() { return codes; }

    public List<DataSegment> data() { return data; }

    public List<CustomSection> customs() { return customs; }

    /** The decoded {@code name} section ({@link NameSection#EMPTY} when absent or malformed). */
    public NameSection names() { return names; }

    /** The decoded {@code metadata.code.branch_hint} section ({@link BranchHints#EMPTY} when absent). */
    public BranchHints branchHints() { return branchHints; }

    /** Where the declarations start in the bytes the module was decoded from ({@link DeclarationOffsets#EMPTY} if not decoded). */
    public DeclarationOffsets offsets() { return offsets; }

    // ---- index spaces ----

    public int funcCount() { return funcTypes.length; }

    public int importedFuncCount() { return importedFuncs; }

    /** The type index of function {@code funcIndex} (imported functions first). */
    public int funcTypeIndex(int funcIndex) { return funcTypes[funcIndex]; }

    public int tableCount() { return tableTypes.size(); }

    public TableType tableType(int index) { return tableTypes.get(index); }

    public int memoryCount() { return memoryTypes.size(); }

    public MemoryType memoryType(int index) { return memoryTypes.get(index); }

    public int globalCount() { return globalTypes.size(); }

    public int importedGlobalCount() { return importedGlobals; }

    public GlobalType globalType(int index) { return globalTypes.get(index); }

    public int tagCount() { return tagTypes.size(); }

    public TagType tagType(int index) { return tagTypes.get(index); }

    /** The defined type at {@code typeIndex}. */
    public SubType type(int typeIndex) { return types.get(typeIndex); }

    /** The function type at {@code typeIndex}; fails if that type is not a function type. */
    public FuncType funcType(int typeIndex) { return (FuncType) types.get(typeIndex).composite(); }
}
