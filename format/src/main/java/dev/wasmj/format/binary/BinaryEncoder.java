package dev.wasmj.format.binary;

import dev.wasmj.format.ArrayType;
import dev.wasmj.format.BranchHints;
import dev.wasmj.format.BranchHints.FunctionHints;
import dev.wasmj.format.Bytes;
import dev.wasmj.format.CompositeType;
import dev.wasmj.format.CustomSection;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Export;
import dev.wasmj.format.FieldType;
import dev.wasmj.format.FuncImport;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.Global;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.Import;
import dev.wasmj.format.Limits;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.NameSection;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.RecGroup;
import dev.wasmj.format.SectionId;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.StructType;
import dev.wasmj.format.SubType;
import dev.wasmj.format.Table;
import dev.wasmj.format.TableType;
import dev.wasmj.format.TagType;
import dev.wasmj.format.ValType;
import dev.wasmj.format.WasmModule;

import java.util.Map;
import java.util.TreeMap;

/**
 * Encodes a {@link WasmModule} in the binary format, canonically and deterministically: sections
 * only when they have content, minimal LEB128s, the shortest form of every type, the most compact
 * element and data segment encodings, and custom sections at the place their {@code after} names.
 * When the module has names but no {@code name} custom section, one is written at the end.
 * Branch hints are written from {@link WasmModule#branchHints()} (when there are any): in place of
 * the module's first {@code metadata.code.branch_hint} custom section, else right before the code
 * section, where the reference interpreter puts them.
 *
 * <p>Decoding the result and encoding again gives the same bytes.
 */
public final class BinaryEncoder {
    private final WasmModule module;
    private final WasmWriter out = new WasmWriter(1024);
    private final WasmWriter section = new WasmWriter(1024);
    private final WasmWriter scratch = new WasmWriter(64);
    private final CustomSection hintsSection;

    private BinaryEncoder(WasmModule module) {
        this.module = module;
        this.hintsSection = hintsSection(module);
    }

    /** The binary encoding of {@code module}. */
    public static byte[] encode(WasmModule module) {
        return new BinaryEncoder(module).encode();
    }

    private byte[] encode() {
        out.i32le(0x6D736100).i32le(1);
        customs(SectionId.CUSTOM);
        for (SectionId id : SectionId.values()) {
            if (id == SectionId.CUSTOM) {
                continue;
            }
            if (id == SectionId.CODE && hintsSection == null && !module.branchHints().isEmpty()) {
                customSection(BranchHints.SECTION_NAME, branchHints());
            }
            section.reset();
            if (content(id)) {
                out.u8(id.id()).u32(section.size()).append(section);
            }
            customs(id);
        }
        if (!module.names().equals(NameSection.EMPTY) && !hasNameSection()) {
            section.reset();
            names(module.names());
            customSection("name", section.view());
        }
        return out.toByteArray();
    }

    private void customs(SectionId after) {
        for (CustomSection c : module.customs()) {
            if (c.after() == after) {
                customSection(c.name(), c == hintsSection ? branchHints() : c.content());
            }
        }
    }

    /** The module's first branch hint section, when it is written from the model, else null. */
    private static CustomSection hintsSection(WasmModule module) {
        if (module.branchHints().isEmpty()) {
            return null;
        }
        for (CustomSection c : module.customs()) {
            if (c.name().equals(BranchHints.SECTION_NAME)) {
                return c;
            }
        }
        return null;
    }

    /**
     * The content of the branch hint section, from the model, in {@link #section}. An offset
     * counts from the start of the body's local declarations, which this encoder may write in
     * fewer bytes than the body was read with: the offsets move with the instructions.
     */
    private Bytes branchHints() {
        section.reset();
        section.u32(module.branchHints().functions().size());
        for (FunctionHints f : module.branchHints().functions()) {
            int shift = localsShift(f.funcIndex());
            section.u32(f.funcIndex()).u32(f.size());
            for (int i = 0; i < f.size(); i++) {
                section.u32(f.offsets()[i] + shift).u8(1).u8(f.likely()[i] ? 1 : 0);
            }
        }
        return section.view();
    }

    /** How much longer this encoder writes the local declarations of function {@code funcIndex}. */
    private int localsShift(int funcIndex) {
        int i = funcIndex - module.importedFuncCount();
        if (i < 0 || i >= module.codes().size()) {
            return 0; // not a defined function: the validator rejects the hint
        }
        FunctionBody b = module.codes().get(i);
        scratch.reset();
        return scratch.locals(b.localCounts(), b.localTypes()).size() - b.localsSize();
    }

    private void customSection(String name, Bytes content) {
        scratch.reset();
        scratch.name(name);
        out.u8(SectionId.CUSTOM.id()).u32(scratch.size() + content.length()).append(scratch).bytes(content);
    }

    private boolean hasNameSection() {
        for (CustomSection c : module.customs()) {
            if (c.name().equals("name")) {
                return true;
            }
        }
        return false;
    }

    /** Writes the content of section {@code id} into {@link #section}; false when it has none. */
    private boolean content(SectionId id) {
        WasmWriter w = section;
        switch (id) {
            case TYPE -> {
                if (module.recGroups().isEmpty()) return false;
                w.u32(module.recGroups().size());
                for (RecGroup g : module.recGroups()) recGroup(g);
            }
            case IMPORT -> {
                if (module.imports().isEmpty()) return false;
                w.u32(module.imports().size());
                for (Import imp : module.imports()) importEntry(imp);
            }
            case FUNCTION -> {
                int[] functions = module.functions();
                if (functions.length == 0) return false;
                w.u32(functions.length);
                for (int f : functions) w.u32(f);
            }
            case TABLE -> {
                if (module.tables().isEmpty()) return false;
                w.u32(module.tables().size());
                for (Table t : module.tables()) table(t);
            }
            case MEMORY -> {
                if (module.memories().isEmpty()) return false;
                w.u32(module.memories().size());
                for (MemoryType m : module.memories()) memoryType(m);
            }
            case TAG -> {
                if (module.tags().isEmpty()) return false;
                w.u32(module.tags().size());
                for (TagType t : module.tags()) w.u8(0x00).u32(t.typeIndex());
            }
            case GLOBAL -> {
                if (module.globals().isEmpty()) return false;
                w.u32(module.globals().size());
                for (Global g : module.globals()) globalType(g.type()).bytes(g.init());
            }
            case EXPORT -> {
                if (module.exports().isEmpty()) return false;
                w.u32(module.exports().size());
                for (Export e : module.exports()) w.name(e.name()).u8(e.kind().code()).u32(e.index());
            }
            case START -> {
                if (module.start() < 0) return false;
                w.u32(module.start());
            }
            case ELEMENT -> {
                if (module.elements().isEmpty()) return false;
                w.u32(module.elements().size());
                for (ElementSegment e : module.elements()) element(e);
            }
            case DATA_COUNT -> {
                if (module.dataCount() < 0) return false;
                w.u32(module.dataCount());
            }
            case CODE -> {
                if (module.codes().isEmpty()) return false;
                w.u32(module.codes().size());
                for (FunctionBody b : module.codes()) body(b);
            }
            case DATA -> {
                if (module.data().isEmpty()) return false;
                w.u32(module.data().size());
                for (DataSegment d : module.data()) data(d);
            }
            case CUSTOM -> throw new IllegalArgumentException("custom sections are written apart");
        }
        return true;
    }

    /** A group of one type is written as the plain type, which means the same. */
    private void recGroup(RecGroup g) {
        if (g.types().size() != 1) {
            section.u8(TypeDecoder.REC).u32(g.types().size());
        }
        for (SubType t : g.types()) subType(t);
    }

    private void subType(SubType t) {
        WasmWriter w = section;
        if (!t.isFinal() || t.supertypes().length > 0) {
            w.u8(t.isFinal() ? TypeDecoder.SUB_FINAL : TypeDecoder.SUB).u32(t.supertypes().length);
            for (int s : t.supertypes()) w.u32(s);
        }
        if (t.describes() >= 0) w.u8(TypeDecoder.DESCRIBES).u32(t.describes());
        if (t.descriptor() >= 0) w.u8(TypeDecoder.DESCRIPTOR).u32(t.descriptor());
        compositeType(t.composite());
    }

    private void compositeType(CompositeType c) {
        WasmWriter w = section;
        switch (c) {
            case FuncType f -> {
                w.u8(TypeDecoder.FUNC).u32(f.params().length);
                for (int p : f.params()) w.valType(p);
                w.u32(f.results().length);
                for (int r : f.results()) w.valType(r);
            }
            case StructType s -> {
                w.u8(TypeDecoder.STRUCT).u32(s.fields().size());
                for (FieldType f : s.fields()) field(f);
            }
            case ArrayType a -> {
                w.u8(TypeDecoder.ARRAY);
                field(a.element());
            }
        }
    }

    private void field(FieldType f) {
        section.valType(f.storageType()).u8(f.mutable() ? 1 : 0);
    }

    private void importEntry(Import imp) {
        WasmWriter w = section;
        w.name(imp.module()).name(imp.name());
        switch (imp.type()) {
            case FuncImport f -> w.u8(f.exact() ? 0x20 : 0x00).u32(f.typeIndex());
            case TableType t -> {
                w.u8(0x01);
                tableType(t);
            }
            case MemoryType m -> {
                w.u8(0x02);
                memoryType(m);
            }
            case GlobalType g -> {
                w.u8(0x03);
                globalType(g);
            }
            case TagType t -> w.u8(0x04).u8(0x00).u32(t.typeIndex());
        }
    }

    private WasmWriter globalType(GlobalType g) {
        return section.valType(g.valType()).u8(g.mutable() ? 1 : 0);
    }

    private void table(Table t) {
        if (t.init() != null) {
            section.u8(0x40).u8(0x00);
            tableType(t.type());
            section.bytes(t.init());
        } else {
            tableType(t.type());
        }
    }

    private void tableType(TableType t) {
        section.valType(t.elementType());
        limits(t.limits(), (t.is64() ? TypeDecoder.IS_64 : 0));
    }

    private void memoryType(MemoryType m) {
        boolean customPageSize = m.pageSizeLog2() != MemoryType.DEFAULT_PAGE_SIZE_LOG2;
        limits(m.limits(), (m.shared() ? TypeDecoder.SHARED : 0) | (m.is64() ? TypeDecoder.IS_64 : 0)
                | (customPageSize ? TypeDecoder.PAGE_SIZE : 0));
        if (customPageSize) {
            section.u32(m.pageSizeLog2());
        }
    }

    private void limits(Limits l, int flags) {
        section.u8(flags | (l.hasMax() ? TypeDecoder.HAS_MAX : 0)).u64(l.min());
        if (l.hasMax()) {
            section.u64(l.max());
        }
    }

    /**
     * The most compact of the eight element segment encodings: function indices with an element
     * kind when the type is {@code (ref func)}, expressions otherwise; table 0 implicit when the
     * encoding allows it.
     */
    private void element(ElementSegment e) {
        WasmWriter w = section;
        boolean indices = e.funcIndices() != null && e.type() == SegmentDecoder.REF_FUNC;
        int flags = indices ? 0 : 4;
        boolean explicitType;
        switch (e.mode()) {
            case ACTIVE -> {
                explicitType = e.table() != 0 || (!indices && e.type() != ValType.FUNCREF);
                flags |= explicitType ? 2 : 0;
            }
            case PASSIVE -> {
                explicitType = true;
                flags |= 1;
            }
            case DECLARATIVE -> {
                explicitType = true;
                flags |= 3;
            }
            default -> throw new IllegalStateException();
        }
        w.u32(flags);
        if (e.mode() == SegmentMode.ACTIVE) {
            if ((flags & 2) != 0) w.u32(e.table());
            w.bytes(e.offset());
        }
        if (explicitType) {
            if (indices) w.u8(0x00);
            else w.valType(e.type());
        }
        w.u32(e.size());
        if (indices) {
            for (int f : e.funcIndices()) w.u32(f);
        } else if (e.exprs() != null) {
            for (Bytes expr : e.exprs()) w.bytes(expr);
        } else {
            for (int f : e.funcIndices()) {
                w.u8(Opcode.REF_FUNC.code()).u32(f).u8(Opcode.END.code());
            }
        }
    }

    private void body(FunctionBody b) {
        scratch.reset();
        scratch.locals(b.localCounts(), b.localTypes());
        section.u32(scratch.size() + b.code().length()).append(scratch).bytes(b.code());
    }

    private void data(DataSegment d) {
        WasmWriter w = section;
        if (d.mode() == SegmentMode.PASSIVE) {
            w.u32(1);
        } else if (d.memory() == 0) {
            w.u32(0).bytes(d.offset());
        } else {
            w.u32(2).u32(d.memory()).bytes(d.offset());
        }
        w.u32(d.init().length()).bytes(d.init());
    }

    /** The name section's subsections: module name, function names, local names, by index. */
    private void names(NameSection n) {
        WasmWriter sub = new WasmWriter(256);
        if (n.moduleName() != null) {
            sub.name(n.moduleName());
            subsection(0, sub);
        }
        if (!n.functions().isEmpty()) {
            nameMap(sub, n.functions());
            subsection(1, sub);
        }
        if (!n.locals().isEmpty()) {
            Map<Integer, Map<Integer, String>> sorted = new TreeMap<>(Integer::compareUnsigned);
            sorted.putAll(n.locals());
            sub.u32(sorted.size());
            for (Map.Entry<Integer, Map<Integer, String>> e : sorted.entrySet()) {
                sub.u32(e.getKey());
                nameMap(sub, e.getValue());
            }
            subsection(2, sub);
        }
    }

    private void subsection(int id, WasmWriter sub) {
        section.u8(id).u32(sub.size()).append(sub);
        sub.reset();
    }

    private static void nameMap(WasmWriter w, Map<Integer, String> names) {
        Map<Integer, String> sorted = new TreeMap<>(Integer::compareUnsigned);
        sorted.putAll(names);
        w.u32(sorted.size());
        for (Map.Entry<Integer, String> e : sorted.entrySet()) {
            w.u32(e.getKey()).name(e.getValue());
        }
    }
}
