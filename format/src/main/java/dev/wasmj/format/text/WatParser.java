package dev.wasmj.format.text;

import dev.wasmj.format.Bytes;
import dev.wasmj.format.CustomSection;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Export;
import dev.wasmj.format.ExternKind;
import dev.wasmj.format.ExternType;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Global;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.Import;
import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.NameSection;
import dev.wasmj.format.RecGroup;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.SubType;
import dev.wasmj.format.Table;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.WasmWriter;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses one module in the WebAssembly text format into a {@link WasmModule}.
 *
 * <p>Works in passes over the module's fields: the first declares every identifier of every index
 * space (so references may point forward) and checks that imports come first; the second reads
 * the type definitions; the third reads all other fields in order, writing instruction bytes with
 * {@link WasmWriter}. Function types used inline without a matching definition are appended to the
 * types in the order they occur.
 */
public final class WatParser {
    private final Tokens tokens;
    private final int first;
    private final int limit;
    private final ModuleContext m = new ModuleContext();
    private final Annotations annotations;
    private final BranchHintAnnotations branchHints;
    private final TokenCursor c;
    private final TypeParser types;
    private final CodeParser code;
    private final SourceMap positions;
    /** The opening parenthesis of the field being read. */
    private int fieldOpen;
    private final WasmWriter w = new WasmWriter(256);
    private final WasmWriter localsWriter = new WasmWriter(16);
    /** The opening parenthesis of each field, in order. */
    private final IntList fieldStarts = new IntList();

    private final List<Import> imports = new ArrayList<>();
    private final IntList functions = new IntList();
    private final List<Table> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<TagType> tags = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private final List<ElementSegment> elements = new ArrayList<>();
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private final Map<Integer, Map<Integer, String>> localNames = new HashMap<>();
    private int start = -1;
    private int funcIndex;
    private int tableIndex;
    private int memoryIndex;
    private int globalIndex;
    private int tagIndex;

    /** Only the text grammar's feature-dependent rules use it (limits are u32 without memory64). */
    private final Features features;

    private WatParser(Tokens tokens, int first, int limit, String moduleName, Features features) {
        this.features = features;
        this.tokens = tokens;
        this.first = first;
        this.limit = limit;
        this.c = new TokenCursor(tokens, first, limit);
        this.annotations = new Annotations(tokens, moduleName);
        this.types = new TypeParser(m, c);
        this.branchHints = annotations.branchHints();
        this.positions = new SourceMap(tokens);
        this.code = new CodeParser(m, c, types, branchHints, positions);
    }

    /**
     * Parses a module: a whole {@code (module $id? field*)} form, or just its fields.
     *
     * @throws MalformedException with line and column if the text is malformed
     */
    public static WasmModule parseModule(String text) {
        return parseModule(text, Features.ALL);
    }

    /**
     * Parses a module as {@link #parseModule(String)} does, with the text grammar of the given
     * features (without memory64, table and memory limits are u32).
     */
    public static WasmModule parseModule(String text, Features features) {
        return parse(text, features).module();
    }

    /**
     * Parses a module as {@link #parseModule(String, Features)} does, and also returns where its
     * instructions came from in the text, to report errors found in its binary encoding.
     */
    public static ParsedModule parse(String text, Features features) {
        Tokens tokens = Lexer.tokenize(text);
        int eof = tokens.count() - 1;
        TokenCursor c = new TokenCursor(tokens, 0, eof);
        if (c.peekParenKeyword("module")) {
            int open = c.pos();
            c.next();
            c.next();
            int fieldsStart = c.mark();
            String name = c.acceptId();
            if (name != null) {
                fieldsStart = c.mark();
            }
            int close = tokens.partner(open);
            if (close < 0) {
                c.reset(eof);
                throw c.unexpected();
            }
            ParsedModule module = parse(tokens, fieldsStart, close, name, features);
            c.reset(close + 1);
            if (c.peek() != Tokens.EOF) {
                throw c.unexpected();
            }
            return module;
        }
        return parse(tokens, 0, eof, null, features);
    }

    /** Parses the module fields in tokens {@code [first, limit)}; {@code name} is the module's $id. */
    static WasmModule parseFields(Tokens tokens, int first, int limit, String name, Features features) {
        return parse(tokens, first, limit, name, features).module();
    }

    /** {@link #parseFields} with the module's source map. */
    static ParsedModule parse(Tokens tokens, int first, int limit, String name, Features features) {
        WatParser parser = new WatParser(tokens, first, limit, name, features);
        return new ParsedModule(parser.parse(), parser.positions);
    }

    private WasmModule parse() {
        declare();
        c.setListener(annotations.checker());
        defineTypes();
        c.setListener(annotations.recorder());
        c.reset(first);
        annotations.nameSlot(first);
        for (int i = 0; i < fieldStarts.size(); i++) {
            annotations.fieldLevel(true);
            c.pos(); // reports the annotations before the field
            annotations.fieldLevel(false);
            field(fieldStarts.get(i));
        }
        annotations.fieldLevel(true);
        c.pos(); // and those after the last field
        return build();
    }

    // ---- pass 1: declare identifiers ----

    private void declare() {
        TokenCursor d = new TokenCursor(tokens, first, limit);
        String definedKind = null;
        while (d.peek() != Tokens.EOF) {
            int open = d.pos();
            if (d.kindAt(open) != Tokens.LPAR) {
                throw d.unexpected();
            }
            if (d.kindAt(d.after(open)) != Tokens.KEYWORD) {
                d.next();
                throw d.unexpected();
            }
            fieldStarts.add(open);
            int close = tokens.partner(open);
            if (close < 0 || close >= limit) {
                d.reset(limit);
                throw d.unexpected();
            }
            d.next();
            int kwToken = d.next();
            String kw = tokens.text(kwToken);
            switch (kw) {
                case "type" -> declareId(d, m.types);
                case "rec" -> {
                    while (d.peekParenKeyword("type")) {
                        int t = d.pos();
                        d.next();
                        d.next();
                        declareId(d, m.types);
                        d.reset(tokens.partner(t) + 1);
                    }
                }
                case "func", "table", "memory", "global", "tag" -> {
                    int idToken = d.pos();
                    String id = d.acceptId();
                    while (d.peekParenKeyword("export")) {
                        d.skipGroup();
                    }
                    boolean imported = d.peekParenKeyword("import");
                    if (imported && definedKind != null) {
                        throw d.errorAt(d.pos(), "import after " + definedKind);
                    }
                    if (!imported && definedKind == null) {
                        definedKind = kw.equals("func") ? "function" : kw;
                    }
                    space(kw).add(id, d, idToken);
                    if (!imported && (kw.equals("table") || kw.equals("memory"))) {
                        declareInlineSegment(d, close, kw.equals("table") ? "elem" : "data");
                    }
                }
                case "import" -> {
                    if (definedKind != null) {
                        throw d.errorAt(kwToken, "import after " + definedKind);
                    }
                    d.expect(Tokens.STRING);
                    d.expect(Tokens.STRING);
                    if (d.peek() != Tokens.LPAR) {
                        throw d.unexpected();
                    }
                    d.next();
                    int descToken = d.pos();
                    if (d.peek() != Tokens.KEYWORD) {
                        throw d.unexpected();
                    }
                    String desc = tokens.text(d.next());
                    IndexSpace space = space(desc);
                    if (space == null) {
                        throw d.errorAt(descToken, "unexpected token");
                    }
                    int idToken = d.pos();
                    space.add(d.acceptId(), d, idToken);
                }
                case "elem" -> declareId(d, m.elems);
                case "data" -> declareId(d, m.datas);
                case "export", "start" -> { }
                default -> throw d.errorAt(kwToken, "unexpected token");
            }
            d.reset(close + 1);
        }
    }

    private void declareId(TokenCursor d, IndexSpace space) {
        int t = d.pos();
        space.add(d.acceptId(), d, t);
    }

    /** A table's inline {@code (elem ...)} or a memory's inline {@code (data ...)} defines a segment. */
    private void declareInlineSegment(TokenCursor d, int close, String keyword) {
        while (d.pos() < close) {
            if (d.peekParenKeyword(keyword)) {
                (keyword.equals("elem") ? m.elems : m.datas).add(null, d, 0);
                return;
            }
            if (d.peek() == Tokens.LPAR) {
                d.skipGroup();
            } else {
                d.next();
            }
        }
    }

    private IndexSpace space(String kind) {
        return switch (kind) {
            case "func" -> m.funcs;
            case "table" -> m.tables;
            case "memory" -> m.memories;
            case "global" -> m.globals;
            case "tag" -> m.tags;
            default -> null;
        };
    }

    // ---- pass 2: type definitions ----

    private void defineTypes() {
        for (int i = 0; i < fieldStarts.size(); i++) {
            int open = fieldStarts.get(i);
            int kw = c.after(open);
            if (tokens.isKeyword(kw, "type")) {
                c.reset(open);
                List<SubType> group = new ArrayList<>(1);
                List<Map<String, Integer>> names = new ArrayList<>(1);
                typeDefinition(group, names);
                m.addRecGroup(new RecGroup(group), names);
            } else if (tokens.isKeyword(kw, "rec")) {
                c.reset(open);
                c.next();
                c.next();
                List<SubType> group = new ArrayList<>();
                List<Map<String, Integer>> names = new ArrayList<>();
                while (c.peekParenKeyword("type")) {
                    typeDefinition(group, names);
                }
                c.expectRpar();
                m.addRecGroup(new RecGroup(group), names);
            }
        }
    }

    private void typeDefinition(List<SubType> group, List<Map<String, Integer>> names) {
        c.expectLpar();
        c.expectKeyword("type");
        c.acceptId();
        group.add(types.subType(names));
        c.expectRpar();
    }

    // ---- pass 3: everything else ----

    private void field(int open) {
        fieldOpen = open;
        c.expectLpar();
        int kwToken = c.next();
        switch (tokens.text(kwToken)) {
            case "type", "rec" -> {
                c.reset(tokens.partner(open) + 1); // read in pass 2
                return;
            }
            case "func" -> func();
            case "table" -> table();
            case "memory" -> memory();
            case "global" -> global();
            case "tag" -> tag();
            case "import" -> importField();
            case "export" -> exportField();
            case "start" -> {
                if (start >= 0) {
                    throw c.errorAt(kwToken, "multiple start sections");
                }
                start = m.funcs.read(c);
            }
            case "elem" -> elem();
            case "data" -> data();
            default -> throw c.errorAt(kwToken, "unexpected token");
        }
        c.expectRpar();
    }

    /** Reads {@code $id?} of a definition; an @name annotation may follow the keyword or the id. */
    private void definitionId() {
        annotations.nameSlot(c.mark());
        if (c.acceptId() != null) {
            annotations.nameSlot(c.mark());
        }
    }

    /** Reads inline {@code (export "name")*} for entity {@code index} of {@code kind}. */
    private void inlineExports(ExternKind kind, int index) {
        while (c.acceptParenKeyword("export")) {
            exports.add(new Export(c.expectName(), kind, index));
            c.expectRpar();
        }
    }

    /** The names in an inline {@code (import "module" "name")}. */
    private record ImportName(String module, String name) {
        Import of(ExternType type) {
            return new Import(module, name, type);
        }
    }

    /** Reads an inline {@code (import "module" "name")} if there is one, else returns null. */
    private ImportName inlineImport() {
        if (!c.acceptParenKeyword("import")) {
            return null;
        }
        String module = c.expectName();
        String name = c.expectName();
        c.expectRpar();
        return new ImportName(module, name);
    }

    private void func() {
        int index = funcIndex++;
        annotations.target(Annotations.FUNC, index);
        branchHints.enterFunction(index);
        definitionId();
        inlineExports(ExternKind.FUNC, index);
        ImportName imp = inlineImport();
        if (imp != null) {
            branchHints.importedFunction();
            imports.add(imp.of(funcImportType()));
            return;
        }
        IndexSpace locals = new IndexSpace("local", "local");
        int type = types.typeUse(locals);
        IntList counts = new IntList();
        IntList localTypes = new IntList();
        while (c.peekParenKeyword("local")) {
            c.next();
            c.next();
            if (c.peek() == Tokens.ID) {
                int t = c.pos();
                String id = c.acceptId();
                addLocal(counts, localTypes, types.valType());
                locals.add(id, c, t);
            } else {
                while (c.peek() != Tokens.RPAR) {
                    addLocal(counts, localTypes, types.valType());
                    locals.add(null, c, 0);
                }
            }
            c.expectRpar();
        }
        w.reset();
        positions.begin(fieldOpen, SourceMap.FUNCTION, codes.size(), 0);
        code.expression(locals, w);
        functions.add(type);
        int[] localCounts = counts.toArray();
        int[] localValTypes = localTypes.toArray();
        localsWriter.reset();
        int localsSize = localsWriter.locals(localCounts, localValTypes).size();
        branchHints.endFunction(localsSize);
        codes.add(new FunctionBody(localCounts, localValTypes, localsSize, Bytes.of(w.toByteArray())));
        Map<Integer, String> names = locals.names();
        if (!names.isEmpty()) {
            localNames.put(index, names);
        }
    }

    private static void addLocal(IntList counts, IntList localTypes, int type) {
        int n = localTypes.size();
        if (n > 0 && localTypes.get(n - 1) == type) {
            counts.set(n - 1, counts.get(n - 1) + 1);
        } else {
            localTypes.add(type);
            counts.add(1);
        }
    }

    /** The type use of an imported function, possibly {@code (exact typeuse)}. */
    private FuncImport funcImportType() {
        IndexSpace ignored = new IndexSpace("param", "param");
        if (c.acceptParenKeyword("exact")) {
            int type = types.typeUse(ignored);
            c.expectRpar();
            return new FuncImport(type, true);
        }
        return new FuncImport(types.typeUse(ignored), false);
    }

    private void table() {
        int index = tableIndex++;
        annotations.target(Annotations.OTHER, index);
        definitionId();
        inlineExports(ExternKind.TABLE, index);
        ImportName imp = inlineImport();
        if (imp != null) {
            imports.add(imp.of(tableType()));
            return;
        }
        boolean is64 = c.acceptKeyword("i64");
        if (c.peek() != Tokens.NAT) {
            // (table i64? reftype (elem ...)): size from the elements
            int elemType = types.refType();
            c.expectLpar();
            c.expectKeyword("elem");
            ElementSegment seg = elementList(SegmentMode.ACTIVE, index, constExpr(is64 ? 0x42 : 0x41), elemType);
            c.expectRpar();
            elements.add(seg);
            tables.add(new Table(new TableType(elemType, Limits.of(seg.size(), seg.size()), is64), null));
            return;
        }
        TableType type = tableTypeAfterAddress(is64);
        Bytes init = null;
        if (c.peek() != Tokens.RPAR) {
            init = expression(SourceMap.TABLE, tables.size(), 0);
        }
        tables.add(new Table(type, init));
    }

    private TableType tableType() {
        return tableTypeAfterAddress(c.acceptKeyword("i64"));
    }

    private TableType tableTypeAfterAddress(boolean is64) {
        Limits limits = limits(is64);
        return new TableType(types.refType(), limits, is64);
    }

    /**
     * Limits: u64 in the text for either address type, the validator checks the range; without
     * memory64 the grammar has u32 limits.
     */
    private Limits limits(boolean is64) {
        String outOfRange = is64 ? "i64 constant out of range" : "i32 constant out of range";
        int bits = is64 || features.has(Feature.MEMORY64) ? 64 : 32;
        long min = Literals.unsigned(c, bits, outOfRange);
        if (c.peek() == Tokens.NAT) {
            return Limits.of(min, Literals.unsigned(c, bits, outOfRange));
        }
        return Limits.of(min);
    }

    /** An i32.const/i64.const 0 constant expression ({@code opcode} 0x41 or 0x42). */
    private static Bytes constExpr(int opcode) {
        return Bytes.of(new byte[] {(byte) opcode, 0, 0x0B});
    }

    private void memory() {
        int index = memoryIndex++;
        annotations.target(Annotations.OTHER, index);
        definitionId();
        inlineExports(ExternKind.MEMORY, index);
        ImportName imp = inlineImport();
        if (imp != null) {
            imports.add(imp.of(memoryType()));
            return;
        }
        boolean is64 = c.acceptKeyword("i64");
        if (c.peek() != Tokens.NAT) {
            // (memory i64? (pagesize n)? (data "..."*)): size from the data
            int pageSizeLog2 = pageSize();
            c.expectLpar();
            c.expectKeyword("data");
            byte[] bytes = strings();
            c.expectRpar();
            long pageSize = 1L << pageSizeLog2;
            long pages = (bytes.length + pageSize - 1) / pageSize;
            memories.add(new MemoryType(Limits.of(pages, pages), is64, false, pageSizeLog2));
            data.add(new DataSegment(SegmentMode.ACTIVE, index, constExpr(is64 ? 0x42 : 0x41), Bytes.of(bytes)));
            return;
        }
        memories.add(memoryTypeAfterAddress(is64));
    }

    private MemoryType memoryType() {
        return memoryTypeAfterAddress(c.acceptKeyword("i64"));
    }

    private MemoryType memoryTypeAfterAddress(boolean is64) {
        Limits limits = limits(is64);
        boolean shared = c.acceptKeyword("shared");
        int pageSizeLog2 = pageSize();
        return new MemoryType(limits, is64, shared, pageSizeLog2);
    }

    /** {@code (pagesize n)?}: log2 of the page size. */
    private int pageSize() {
        if (!c.acceptParenKeyword("pagesize")) {
            return MemoryType.DEFAULT_PAGE_SIZE_LOG2;
        }
        int t = c.pos();
        long size = Literals.unsigned(c, 64, "constant out of range");
        if (size == 0 || (size & (size - 1)) != 0) {
            throw c.errorAt(t, "invalid custom page size");
        }
        c.expectRpar();
        return Long.numberOfTrailingZeros(size);
    }

    private void global() {
        int index = globalIndex++;
        annotations.target(Annotations.OTHER, index);
        definitionId();
        inlineExports(ExternKind.GLOBAL, index);
        ImportName imp = inlineImport();
        if (imp != null) {
            imports.add(imp.of(globalType()));
            return;
        }
        GlobalType type = globalType();
        globals.add(new Global(type, expression(SourceMap.GLOBAL, globals.size(), 0)));
    }

    private GlobalType globalType() {
        if (c.acceptParenKeyword("mut")) {
            int t = types.valType();
            c.expectRpar();
            return new GlobalType(t, true);
        }
        return new GlobalType(types.valType(), false);
    }

    private void tag() {
        int index = tagIndex++;
        annotations.target(Annotations.OTHER, index);
        definitionId();
        inlineExports(ExternKind.TAG, index);
        ImportName imp = inlineImport();
        TagType type = new TagType(types.typeUse(new IndexSpace("param", "param")));
        if (imp != null) {
            imports.add(imp.of(type));
        } else {
            tags.add(type);
        }
    }

    private void importField() {
        String module = c.expectName();
        String name = c.expectName();
        c.expectLpar();
        int kwToken = c.expect(Tokens.KEYWORD);
        String kind = tokens.text(kwToken);
        ExternType type;
        switch (kind) {
            case "func" -> {
                int index = funcIndex++;
                annotations.target(Annotations.FUNC, index);
                definitionId();
                type = funcImportType();
            }
            case "table" -> {
                tableIndex++;
                definitionId();
                type = tableType();
            }
            case "memory" -> {
                memoryIndex++;
                definitionId();
                type = memoryType();
            }
            case "global" -> {
                globalIndex++;
                definitionId();
                type = globalType();
            }
            case "tag" -> {
                tagIndex++;
                definitionId();
                type = new TagType(types.typeUse(new IndexSpace("param", "param")));
            }
            default -> throw c.errorAt(kwToken, "unexpected token");
        }
        c.expectRpar();
        imports.add(new Import(module, name, type));
    }

    private void exportField() {
        String name = c.expectName();
        c.expectLpar();
        int kwToken = c.expect(Tokens.KEYWORD);
        String kind = tokens.text(kwToken);
        ExternKind k = switch (kind) {
            case "func" -> ExternKind.FUNC;
            case "table" -> ExternKind.TABLE;
            case "memory" -> ExternKind.MEMORY;
            case "global" -> ExternKind.GLOBAL;
            case "tag" -> ExternKind.TAG;
            default -> throw c.errorAt(kwToken, "unexpected token");
        };
        int index = space(kind).read(c);
        c.expectRpar();
        exports.add(new Export(name, k, index));
    }

    /** The type of {@code func x*} element lists: function references are never null. */
    private static final int REF_FUNC = ValType.ref(false, HeapType.FUNC);

    private void elem() {
        c.acceptId();
        if (c.acceptKeyword("declare")) {
            elements.add(elementList(SegmentMode.DECLARATIVE, 0, null, -1));
            return;
        }
        int table = 0;
        boolean hasTable = true;
        if (c.peek() == Tokens.NAT) {
            table = m.tables.read(c); // legacy: a table index before the offset
        } else if (c.acceptParenKeyword("table")) {
            table = m.tables.read(c);
            c.expectRpar();
        } else {
            hasTable = false;
        }
        Bytes offset = null;
        if (c.acceptParenKeyword("offset")) {
            offset = expression(SourceMap.ELEMENT_OFFSET, elements.size(), 0);
            c.expectRpar();
        } else if (hasTable || c.peek() == Tokens.LPAR && !c.peekParenKeyword("ref") && !c.peekParenKeyword("item")) {
            offset = foldedExpression(SourceMap.ELEMENT_OFFSET, elements.size(), 0);
        }
        if (offset == null) {
            elements.add(elementList(SegmentMode.PASSIVE, 0, null, -1));
            return;
        }
        elements.add(elementList(SegmentMode.ACTIVE, table, offset, -1));
    }

    /**
     * The element list of a segment: {@code func idx*}, {@code reftype item*}, or (for active
     * segments and inline table elements) just {@code idx*}. {@code elemType} is the type given by
     * an enclosing table, or -1.
     */
    private ElementSegment elementList(SegmentMode mode, int table, Bytes offset, int elemType) {
        boolean indices;
        int type;
        if (elemType >= 0) {
            // a table's inline elements have the table's type, also when given as function indices
            indices = IndexSpace.peekIndex(c) || c.peek() == Tokens.RPAR && elemType == ValType.FUNCREF;
            // function indices in a funcref table are the binary format's compact `func` kind
            type = indices && elemType == ValType.FUNCREF ? REF_FUNC : elemType;
        } else if (c.acceptKeyword("func")) {
            type = REF_FUNC;
            indices = true;
        } else if (types.peekValType()) {
            type = types.refType();
            indices = false;
        } else {
            type = REF_FUNC;
            indices = true;
        }
        if (indices) {
            IntList funcs = new IntList();
            while (IndexSpace.peekIndex(c)) {
                funcs.add(m.funcs.read(c));
            }
            return new ElementSegment(mode, table, offset, type, funcs.toArray(), null);
        }
        List<Bytes> exprs = new ArrayList<>();
        while (c.peek() == Tokens.LPAR) {
            if (c.acceptParenKeyword("item")) {
                exprs.add(expression(SourceMap.ELEMENT_ITEM, elements.size(), exprs.size()));
                c.expectRpar();
            } else {
                exprs.add(foldedExpression(SourceMap.ELEMENT_ITEM, elements.size(), exprs.size()));
            }
        }
        return new ElementSegment(mode, table, offset, type, null, exprs);
    }

    private void data() {
        c.acceptId();
        int memory = 0;
        boolean hasMemory = true;
        if (c.peek() == Tokens.NAT || c.peek() == Tokens.ID) {
            memory = m.memories.read(c); // legacy: a memory index before the offset
        } else if (c.acceptParenKeyword("memory")) {
            memory = m.memories.read(c);
            c.expectRpar();
        } else {
            hasMemory = false;
        }
        Bytes offset = null;
        if (c.acceptParenKeyword("offset")) {
            offset = expression(SourceMap.DATA_OFFSET, data.size(), 0);
            c.expectRpar();
        } else if (hasMemory || c.peek() == Tokens.LPAR) {
            offset = foldedExpression(SourceMap.DATA_OFFSET, data.size(), 0);
        }
        byte[] bytes = strings();
        data.add(offset == null ? new DataSegment(SegmentMode.PASSIVE, 0, null, Bytes.of(bytes))
                : new DataSegment(SegmentMode.ACTIVE, memory, offset, Bytes.of(bytes)));
    }

    private byte[] strings() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (c.peek() == Tokens.STRING) {
            out.writeBytes(c.expectString());
        }
        return out.toByteArray();
    }

    /**
     * Instructions up to the closing parenthesis of the enclosing form, as a constant expression:
     * the {@link SourceMap} expression {@code kind} of entity {@code index} (and its item {@code item}).
     */
    private Bytes expression(int kind, int index, int item) {
        w.reset();
        positions.begin(fieldOpen, kind, index, item);
        code.expression(new IndexSpace("local", "local"), w);
        return Bytes.of(w.toByteArray());
    }

    /** One folded instruction as a constant expression (the abbreviated offset and item forms), as {@link #expression}. */
    private Bytes foldedExpression(int kind, int index, int item) {
        w.reset();
        positions.begin(fieldOpen, kind, index, item);
        code.folded(new IndexSpace("local", "local"), w);
        return Bytes.of(w.toByteArray());
    }

    // ---- result ----

    private WasmModule build() {
        List<CustomSection> customs = annotations.customs();
        Map<Integer, String> funcNames = annotations.functionNames(m.funcs.names());
        NameSection names = annotations.moduleName() == null && funcNames.isEmpty() && localNames.isEmpty()
                ? NameSection.EMPTY
                : new NameSection(annotations.moduleName(), funcNames, localNames);
        int dataCount = code.usesDataCount() ? data.size() : -1;
        return new WasmModule(m.recGroups(), imports, functions.toArray(), tables, memories, globals, tags, exports,
                start, elements, dataCount, codes, data, customs, names, branchHints.hints());
    }
}
