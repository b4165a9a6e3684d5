package dev.wasmj.format.validate;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.DeclarationOffsets;
import dev.wasmj.format.DeclarationOffsets.Kind;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Export;
import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.Global;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.Import;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.SectionId;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.Table;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;

import java.util.HashSet;
import java.util.Set;

/**
 * The module-level rules: everything but function bodies, checked in the order of the reference
 * interpreter (types, imports, tags, functions, memories, tables, globals, data, elements; after
 * the bodies, the start function and the exports).
 */
final class ModuleValidator {
    private final WasmModule module;
    private final ModuleContext m;
    private final TypeContext types;
    /** Validates the constant expressions; also reused by nothing else, so single threaded. */
    private final FunctionValidator constants;
    private final DeclarationOffsets offsets;
    /** The offset of the declaration being checked, for errors (-1 when unknown). */
    private int at = -1;

    ModuleValidator(WasmModule module, Features features, TypeRegistry registry) {
        this.module = module;
        this.offsets = module.offsets();
        this.types = TypeSectionValidator.validate(module.recGroups(), offsets, registry);
        this.m = new ModuleContext(module, features, types);
        this.constants = new FunctionValidator(m);
    }

    ModuleContext context() {
        return m;
    }

    TypeContext types() {
        return types;
    }

    /** Checks everything that comes before the function bodies. */
    void validateDeclarations() {
        if (module.codes().size() != module.functions().length) {
            throw new dev.wasmj.format.MalformedException("function and code section have inconsistent lengths",
                    offsets.section(SectionId.CODE));
        }
        if (module.tableCount() > 1 && !m.features.has(Feature.REFERENCE_TYPES)) {
            throw new InvalidException("multiple tables", secondOffset(TableType.class, Kind.TABLE));
        }
        if (module.memoryCount() > 1 && !m.features.has(Feature.MULTI_MEMORY)) {
            throw new InvalidException("multiple memories", secondOffset(MemoryType.class, Kind.MEMORY));
        }
        collectDeclaredFunctions();
        int func = 0;
        int table = 0;
        int memory = 0;
        int global = 0;
        int tag = 0;
        int importIndex = 0;
        for (Import imp : module.imports()) {
            at = offsets.of(Kind.IMPORT, importIndex++);
            switch (imp.type()) {
                case FuncImport f -> {
                    DefType d = funcType(f.typeIndex());
                    m.funcType[func] = d.funcType();
                    m.funcHeap[func++] = f.exact() ? HeapType.EXACT | d.id() : d.id();
                }
                case TableType t -> checkTable(t, table++);
                case MemoryType t -> checkMemory(t, memory++);
                case GlobalType g -> checkGlobal(g, global++);
                case TagType t -> checkTag(t, tag++);
            }
        }
        int importedTags = tag;
        int importedFuncs = func;
        int importedMemories = memory;
        int importedTables = table;
        for (TagType t : module.tags()) {
            at = offsets.of(Kind.TAG, tag - importedTags);
            checkTag(t, tag++);
        }
        for (int typeIndex : module.functions()) {
            at = offsets.of(Kind.FUNCTION, func - importedFuncs);
            DefType d = funcType(typeIndex);
            m.funcType[func] = d.funcType();
            m.funcHeap[func++] = m.exact | d.id();
        }
        for (MemoryType t : module.memories()) {
            at = offsets.of(Kind.MEMORY, memory - importedMemories);
            checkMemory(t, memory++);
        }
        int importedGlobals = module.importedGlobalCount();
        for (Table t : module.tables()) {
            int index = table++;
            at = offsets.of(Kind.TABLE, index - importedTables);
            checkTable(t.type(), index);
            int elem = m.tableElem[index];
            if (t.init() != null) {
                constant(t.init(), elem, importedGlobals);
            } else if (!ValType.isDefaultable(elem)) {
                throw invalid("type mismatch: table of non-defaultable type " + types.name(elem) + " needs an initializer");
            }
        }
        for (Global g : module.globals()) {
            int index = global++;
            at = offsets.of(Kind.GLOBAL, index - importedGlobals);
            checkGlobal(g.type(), index);
            constant(g.init(), m.globalType[index], index);
        }
        int dataIndex = 0;
        for (DataSegment d : module.data()) {
            at = offsets.of(Kind.DATA, dataIndex++);
            if (d.mode() == SegmentMode.ACTIVE) {
                int mem = checkIndex(d.memory(), m.memory64.length, "memory");
                constant(d.offset(), m.memory64[mem] ? ValType.I64 : ValType.I32, m.globalType.length);
            }
        }
        int e = 0;
        for (ElementSegment s : module.elements()) {
            at = offsets.of(Kind.ELEMENT, e);
            checkElement(s, e++);
        }
    }

    /** Checks the start function and the exports (after the bodies, like the reference interpreter). */
    void validateStartAndExports() {
        if (module.start() >= 0 || module.start() < -1) {
            at = offsets.of(Kind.START, 0);
            int f = checkIndex(module.start(), m.funcHeap.length, "function");
            FuncType ft = m.funcType[f];
            if (ft.params().length != 0 || ft.results().length != 0) {
                throw invalid("start function must not have parameters or results");
            }
        }
        Set<String> names = new HashSet<>();
        int exportIndex = 0;
        for (Export x : module.exports()) {
            at = offsets.of(Kind.EXPORT, exportIndex++);
            switch (x.kind()) {
                case FUNC -> checkIndex(x.index(), m.funcHeap.length, "function");
                case TABLE -> checkIndex(x.index(), m.tableElem.length, "table");
                case MEMORY -> checkIndex(x.index(), m.memory64.length, "memory");
                case GLOBAL -> checkIndex(x.index(), m.globalType.length, "global");
                case TAG -> checkIndex(x.index(), m.tagType.length, "tag");
            }
        }
        exportIndex = 0;
        for (Export x : module.exports()) {
            at = offsets.of(Kind.EXPORT, exportIndex++);
            if (!names.add(x.name())) {
                throw invalid("duplicate export name \"" + x.name() + "\"");
            }
        }
    }

    /** Functions referenced outside function bodies, which {@code ref.func} may name in bodies. */
    private void collectDeclaredFunctions() {
        boolean[] declared = m.declared;
        for (Export x : module.exports()) {
            if (x.kind() == dev.wasmj.format.ExternKind.FUNC && x.index() >= 0 && x.index() < declared.length) {
                declared[x.index()] = true;
            }
        }
        for (Global g : module.globals()) {
            ConstantExpressions.collectFunctionRefs(g.init(), declared);
        }
        for (Table t : module.tables()) {
            if (t.init() != null) {
                ConstantExpressions.collectFunctionRefs(t.init(), declared);
            }
        }
        for (ElementSegment s : module.elements()) {
            if (s.funcIndices() != null) {
                for (int f : s.funcIndices()) {
                    if (f >= 0 && f < declared.length) {
                        declared[f] = true;
                    }
                }
            } else {
                for (Bytes expr : s.exprs()) {
                    ConstantExpressions.collectFunctionRefs(expr, declared);
                }
            }
        }
    }

    // ---- definitions ----

    private DefType funcType(int typeIndex) {
        if (typeIndex < 0 || typeIndex >= types.typeCount()) {
            throw invalid("unknown type " + Integer.toUnsignedString(typeIndex));
        }
        DefType d = types.type(typeIndex);
        if (!d.isFunc()) {
            throw invalid("non-function type " + typeIndex);
        }
        return d;
    }

    private void checkTag(TagType t, int index) {
        DefType d = funcType(t.typeIndex());
        if (d.funcType().results().length != 0) {
            throw invalid("non-empty tag result type");
        }
        m.tagType[index] = d.id();
    }

    private void checkTable(TableType t, int index) {
        checkValType(t.elementType());
        checkLimits(t.limits(), t.is64() ? -1L : 0xFFFF_FFFFL,
                "table size must be at most " + (t.is64() ? "2^64-1" : "2^32-1"));
        m.tableElem[index] = types.toGlobal(t.elementType());
        m.table64[index] = t.is64();
    }

    private void checkMemory(MemoryType t, int index) {
        int log2 = t.pageSizeLog2();
        if (log2 != 0 && log2 != MemoryType.DEFAULT_PAGE_SIZE_LOG2) {
            throw invalid("invalid custom page size");
        }
        // the size must fit the address space (2^32 or 2^64 bytes) and the page count its index type
        int addressBits = t.is64() ? 64 : 32;
        int pageBits = addressBits - log2;
        long maxPages = log2 == 0 ? (t.is64() ? -1L : 0xFFFF_FFFFL) : 1L << pageBits;
        String pages = log2 == 0 ? "2^" + addressBits + "-1" : pageBits == 16 ? "65536" : "2^" + pageBits;
        checkLimits(t.limits(), maxPages,
                "memory size must be at most " + pages + " pages (" + (t.is64() ? "16EiB" : "4GiB") + ")");
        if (t.shared() && !t.limits().hasMax()) {
            throw invalid("shared memory must have maximum");
        }
        m.memory64[index] = t.is64();
    }

    /** Checks {@code min <= max <= range} (unsigned; -1 means 2^64-1). */
    private void checkLimits(Limits l, long range, String tooLarge) {
        if (Long.compareUnsigned(l.min(), range) > 0) {
            throw invalid(tooLarge);
        }
        if (l.hasMax()) {
            if (Long.compareUnsigned(l.max(), range) > 0) {
                throw invalid(tooLarge);
            }
            if (Long.compareUnsigned(l.min(), l.max()) > 0) {
                throw invalid("size minimum must not be greater than maximum");
            }
        }
    }

    private void checkGlobal(GlobalType g, int index) {
        checkValType(g.valType());
        m.globalType[index] = types.toGlobal(g.valType());
        m.globalMutable[index] = g.mutable();
    }

    private void checkElement(ElementSegment s, int index) {
        checkValType(s.type());
        int t = types.toGlobal(s.type());
        if (s.funcIndices() != null) {
            for (int f : s.funcIndices()) {
                checkIndex(f, m.funcHeap.length, "function");
            }
        } else {
            for (Bytes expr : s.exprs()) {
                constant(expr, t, m.globalType.length);
            }
        }
        if (s.mode() == SegmentMode.ACTIVE) {
            int table = checkIndex(s.table(), m.tableElem.length, "table");
            if (!types.subtyping().isSubtype(t, m.tableElem[table])) {
                throw invalid("type mismatch: element segment's type " + types.name(t)
                        + " does not match table's element type " + types.name(m.tableElem[table]));
            }
            constant(s.offset(), m.table64[table] ? ValType.I64 : ValType.I32, m.globalType.length);
        }
        m.elemType[index] = t;
    }

    /** A value type of a definition: its type indices must exist. */
    private void checkValType(int t) {
        if (ValType.isRef(t) && HeapType.isConcrete(ValType.heapType(t))) {
            int x = HeapType.typeIndex(ValType.heapType(t));
            if (x >= types.typeCount()) {
                throw invalid("unknown type " + x);
            }
        }
    }

    private void constant(Bytes expr, int type, int globals) {
        ConstantExpressions.checkConstant(expr, m, globals);
        constants.validateConstant(expr, type, globals);
    }

    private int checkIndex(int index, int count, String space) {
        if (index < 0 || index >= count) {
            throw invalid("unknown " + space + " " + Integer.toUnsignedString(index));
        }
        return index;
    }

    private InvalidException invalid(String reason) {
        return new InvalidException(reason, at);
    }

    /**
     * The offset of the second entity of an index space (imports first): the import of type
     * {@code imported} or the definition of {@code kind}; for "multiple tables/memories".
     */
    private int secondOffset(Class<?> imported, Kind kind) {
        int seen = 0;
        for (int i = 0; i < module.imports().size(); i++) {
            if (imported.isInstance(module.imports().get(i).type()) && ++seen == 2) {
                return offsets.of(Kind.IMPORT, i);
            }
        }
        return offsets.of(kind, 1 - seen);
    }
}
