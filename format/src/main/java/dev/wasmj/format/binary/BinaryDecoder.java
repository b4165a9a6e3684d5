package dev.wasmj.format.binary;

import dev.wasmj.format.BranchHints;
import dev.wasmj.format.Bytes;
import dev.wasmj.format.CustomSection;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.DeclarationOffsets;
import dev.wasmj.format.DeclarationOffsets.Kind;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Export;
import dev.wasmj.format.ExternKind;
import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Global;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.Import;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.NameSection;
import dev.wasmj.format.RecGroup;
import dev.wasmj.format.SectionId;
import dev.wasmj.format.Table;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.WasmModule;

import java.util.ArrayList;
import java.util.List;

/**
 * Decodes a binary module into a {@link WasmModule}, checking everything the binary grammar says
 * and rejecting constructs of disabled {@link Features}. Function bodies and constant expressions
 * are not decoded into instructions: they stay {@link Bytes} slices for the validator.
 *
 * <p>Like the reference interpreter, the decoder reads a section's contents up to the end of the
 * module rather than the section's end, and then checks that the section ended where its size
 * said ("section size mismatch"); lengths and counts may not exceed the bytes left ("length out
 * of bounds"). This makes the failure messages the spec testsuite expects come out.
 */
public final class BinaryDecoder {
    private static final int MAGIC = 0x6D736100; // "\0asm" little-endian
    private static final int VERSION = 1;
    private static final int[] NO_INTS = new int[0];
    private static final SectionId[] SECTIONS_BY_ID = new SectionId[14];

    static {
        for (SectionId s : SectionId.values()) {
            SECTIONS_BY_ID[s.id()] = s;
        }
    }

    private final byte[] bytes;
    private final WasmReader in;
    private final FeatureGate gate;
    private final TypeDecoder types;
    private final SegmentDecoder segments;

    private final List<RecGroup> recGroups = new ArrayList<>();
    private final List<Import> imports = new ArrayList<>();
    private int[] functions = NO_INTS;
    private final List<Table> tables = new ArrayList<>();
    private final List<MemoryType> memories = new ArrayList<>();
    private final List<Global> globals = new ArrayList<>();
    private final List<TagType> tags = new ArrayList<>();
    private final List<Export> exports = new ArrayList<>();
    private int start = -1;
    private final List<ElementSegment> elements = new ArrayList<>();
    private int dataCount = -1;
    private final List<FunctionBody> codes = new ArrayList<>();
    private final List<DataSegment> data = new ArrayList<>();
    private final List<CustomSection> customs = new ArrayList<>();
    private NameSection names;
    private BranchHints branchHints;
    private final List<GlobalType> importedGlobals = new ArrayList<>();
    private final DeclarationOffsets.Builder offsets = new DeclarationOffsets.Builder();

    private BinaryDecoder(byte[] bytes, Features features) {
        this.bytes = bytes;
        this.in = new WasmReader(bytes).inSections();
        this.gate = new FeatureGate(features);
        this.types = new TypeDecoder(in, gate);
        this.segments = new SegmentDecoder(bytes, in, types, gate);
    }

    /**
     * Decodes {@code bytes} as a binary module.
     *
     * @throws MalformedException with the byte offset when the bytes are not a well-formed module
     *                            or use a disabled feature
     */
    public static WasmModule decode(byte[] bytes, Features features) {
        return new BinaryDecoder(bytes, features).module();
    }

    private WasmModule module() {
        header();
        sections();
        if (functions.length != codes.size()) {
            throw new MalformedException("function and code section have inconsistent lengths", bytes.length);
        }
        if (dataCount >= 0 && dataCount != data.size()) {
            throw new MalformedException("data count and data section have inconsistent lengths", bytes.length);
        }
        return new WasmModule(recGroups, imports, functions, tables, memories, globals, tags, exports, start,
                elements, dataCount, codes, data, customs, names, branchHints, offsets.build());
    }

    private void header() {
        if (bytes.length < 4) {
            throw new MalformedException("unexpected end", bytes.length);
        }
        if (in.i32le() != MAGIC) {
            throw new MalformedException("magic header not detected", 0);
        }
        if (bytes.length < 8) {
            throw new MalformedException("unexpected end", bytes.length);
        }
        if (in.i32le() != VERSION) {
            throw new MalformedException("unknown binary version", 4);
        }
    }

    /** The sections in their required order, each at most once, custom sections anywhere. */
    private void sections() {
        SectionId last = SectionId.CUSTOM;
        while (!in.atEnd()) {
            int idAt = in.pos();
            int id = in.u8();
            SectionId section = id < SECTIONS_BY_ID.length ? SECTIONS_BY_ID[id] : null;
            if (section == null) {
                throw new MalformedException("malformed section id", idAt);
            }
            if (section != SectionId.CUSTOM) {
                if (section.ordinal() <= last.ordinal()) {
                    throw new MalformedException("unexpected content after last section", idAt);
                }
                last = section;
            }
            int size = in.len32();
            int begin = in.pos();
            int end = begin + size;
            if (section != SectionId.CUSTOM) {
                offsets.section(section, idAt);
            }
            section(section, idAt, end, last);
            if (in.pos() != end) {
                throw new MalformedException("section size mismatch", begin);
            }
        }
    }

    private void section(SectionId section, int idAt, int end, SectionId after) {
        switch (section) {
            case CUSTOM -> customSection(idAt, end, after);
            case TYPE -> typeSection();
            case IMPORT -> importSection();
            case FUNCTION -> functionSection();
            case TABLE -> tableSection(end);
            case MEMORY -> memorySection();
            case TAG -> tagSection();
            case GLOBAL -> globalSection(end);
            case EXPORT -> exportSection();
            case START -> {
                offsets.add(Kind.START, in.pos());
                start = in.u32Index();
            }
            case ELEMENT -> elementSection(end);
            case DATA_COUNT -> {
                gate.require(Feature.BULK_MEMORY, "data count section", in.pos());
                dataCount = in.u32Index();
            }
            case CODE -> codeSection();
            case DATA -> dataSection(end);
        }
    }

    private void customSection(int idAt, int end, SectionId after) {
        String name = in.name();
        int contentStart = in.pos();
        if (contentStart > end || end > bytes.length) {
            throw new MalformedException("unexpected end of section or function", Math.min(end, bytes.length));
        }
        customs.add(new CustomSection(name, new Bytes(bytes, contentStart, end), after));
        if (names == null && name.equals("name")) {
            names = NameSectionDecoder.decode(bytes, contentStart, end);
        } else if (branchHints == null && name.equals(BranchHints.SECTION_NAME)) {
            branchHints = BranchHintsDecoder.decode(bytes, contentStart, end);
            offsets.branchHints(idAt);
        }
        in.pos(end);
    }

    private void typeSection() {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            recGroups.add(types.recGroup(offsets));
        }
    }

    private void importSection() {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            offsets.add(Kind.IMPORT, in.pos());
            String module = in.name();
            String name = in.name();
            int at = in.pos();
            int kind = in.u8();
            imports.add(new Import(module, name, switch (kind) {
                case 0x00 -> new FuncImport(in.u32Index(), false);
                case 0x20 -> {
                    gate.require(Feature.CUSTOM_DESCRIPTORS, "exact function import", at);
                    yield new FuncImport(in.u32Index(), true);
                }
                case 0x01 -> types.tableType();
                case 0x02 -> types.memoryType();
                case 0x03 -> {
                    GlobalType type = types.globalType();
                    if (type.mutable()) {
                        gate.require(Feature.MUTABLE_GLOBALS, "import of a mutable global", at);
                    }
                    importedGlobals.add(type);
                    yield type;
                }
                case 0x04 -> {
                    gate.require(Feature.EXCEPTIONS, "tag import", at);
                    yield types.tagType();
                }
                default -> throw new MalformedException("malformed import kind", at);
            }));
        }
    }


    private void functionSection() {
        int n = in.len32();
        functions = new int[n];
        for (int i = 0; i < n; i++) {
            offsets.add(Kind.FUNCTION, in.pos());
            functions[i] = in.u32Index();
        }
    }

    /** Tables: a table type, or 0x40 0x00, a table type and an initialising expression. */
    private void tableSection(int end) {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            int at = in.pos();
            offsets.add(Kind.TABLE, at);
            if (in.peek() == 0x40) {
                tables.add(tableWithInit(at, end));
            } else {
                tables.add(new Table(types.tableType(), null));
            }
        }
    }

    private Table tableWithInit(int at, int end) {
        gate.require(Feature.FUNCTION_REFERENCES, "table initializer", at);
        in.u8();
        if (in.u8() != 0x00) {
            // the reference interpreter then reads the 0x40 as a reference type
            throw new MalformedException("malformed reference type", at);
        }
        TableType type = types.tableType();
        return new Table(type, segments.constExpr(end));
    }

    private void memorySection() {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            offsets.add(Kind.MEMORY, in.pos());
            memories.add(types.memoryType());
        }
    }

    private void tagSection() {
        gate.require(Feature.EXCEPTIONS, "tag section", in.pos());
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            offsets.add(Kind.TAG, in.pos());
            tags.add(types.tagType());
        }
    }

    private void globalSection(int end) {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            offsets.add(Kind.GLOBAL, in.pos());
            GlobalType type = types.globalType();
            globals.add(new Global(type, segments.constExpr(end)));
        }
    }

    private void exportSection() {
        int n = in.len32();
        ExternKind[] kinds = ExternKind.values();
        for (int i = 0; i < n; i++) {
            offsets.add(Kind.EXPORT, in.pos());
            String name = in.name();
            int at = in.pos();
            int kind = in.u8();
            if (kind >= kinds.length) {
                throw new MalformedException("malformed export kind", at);
            }
            int index = in.u32Index();
            if (kinds[kind] == ExternKind.TAG) {
                gate.require(Feature.EXCEPTIONS, "tag export", at);
            }
            if (kinds[kind] == ExternKind.GLOBAL && exportsMutableGlobal(index)) {
                gate.require(Feature.MUTABLE_GLOBALS, "export of a mutable global", at);
            }
            exports.add(new Export(name, kinds[kind], index));
        }
    }

    private boolean exportsMutableGlobal(int index) {
        if (index < importedGlobals.size()) {
            return importedGlobals.get(index).mutable();
        }
        index -= importedGlobals.size();
        return index < globals.size() && globals.get(index).type().mutable();
    }

    private void elementSection(int end) {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            offsets.add(Kind.ELEMENT, in.pos());
            elements.add(segments.element(end));
        }
    }

    private void codeSection() {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            codes.add(functionBody());
        }
    }

    /** A function body: its size, local declarations (count, type), then instructions kept as bytes. */
    private FunctionBody functionBody() {
        int size = in.len32();
        int bodyStart = in.pos();
        int bodyEnd = bodyStart + size;
        if (bodyEnd > bytes.length) {
            // a length may count its own bytes (see WasmReader.len32)
            throw new MalformedException("unexpected end of section or function", bytes.length);
        }
        int localsAt = in.pos();
        int groups = in.len32();
        int[] counts = groups == 0 ? NO_INTS : new int[groups];
        int[] localTypes = groups == 0 ? NO_INTS : new int[groups];
        long total = 0;
        for (int i = 0; i < groups; i++) {
            counts[i] = in.u32();
            localTypes[i] = types.valType();
            total += Integer.toUnsignedLong(counts[i]);
        }
        if (total >= 1L << 32) {
            throw new MalformedException("too many locals", localsAt);
        }
        if (in.pos() > bodyEnd) {
            throw new MalformedException("section size mismatch", bodyStart);
        }
        Bytes code = new Bytes(bytes, in.pos(), bodyEnd);
        int localsSize = in.pos() - localsAt;
        in.pos(bodyEnd);
        return new FunctionBody(counts, localTypes, localsSize, code);
    }

    private void dataSection(int end) {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            offsets.add(Kind.DATA, in.pos());
            data.add(segments.data(end));
        }
    }
}
