package dev.wasmj.internal.runtime;

import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.format.DataSegment;
import dev.wasmj.format.ElementSegment;
import dev.wasmj.format.Global;
import dev.wasmj.format.GlobalType;
import dev.wasmj.format.Import;
import dev.wasmj.format.MemoryType;
import dev.wasmj.format.SegmentMode;
import dev.wasmj.format.Table;
import dev.wasmj.format.TableType;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.validate.TypeContext;
import dev.wasmj.format.validate.ValidatedModule;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * Makes module instances, in the order of the specification: imports checked, functions, globals
 * (initialisers in order), tables, memories and tags allocated, element segments evaluated, then
 * active element segments and data segments written (trapping at the first one out of bounds, with
 * the writes before it kept), declarative segments dropped, and the start function called.
 */
public final class Instantiator {
    private Instantiator() {}

    /**
     * Instantiates {@code module} (validated against the store's registry) in {@code store}.
     *
     * @param imports the {@code *Instance} objects ({@link FunctionInstance}, {@link TableInstance},
     *                {@link MemoryInstance}, {@link GlobalInstance}, {@link TagInstance}) in import order
     * @throws UnlinkableException if an import is missing or of an incompatible type ("unknown import",
     *                             "incompatible import type"), or a store count limit is reached
     * @throws dev.wasmj.Trap      if segment initialisation or the start function traps (the instance's
     *                             effects on imported objects stay, as the spec says)
     */
    public static ModuleInstance instantiate(StoreContext store, ValidatedModule module, Object[] imports) {
        WasmModule m = module.module();
        TypeContext types = module.types();
        if (types.registry() != store.registry()) {
            throw new IllegalArgumentException("module validated against another type registry");
        }
        List<Import> declared = m.imports();
        if (imports.length != declared.size()) {
            throw new UnlinkableException("unknown import: expected " + declared.size() + " imports, got "
                    + imports.length);
        }
        ImportMatcher matcher = new ImportMatcher(types, store.subtyping());
        for (int i = 0; i < imports.length; i++) {
            Import imp = declared.get(i);
            if (imports[i] == null) {
                throw new UnlinkableException("unknown import: " + imp.module() + "::" + imp.name());
            }
            if (!matcher.matches(imp.type(), imports[i])) {
                throw new UnlinkableException("incompatible import type for " + imp.module() + "::" + imp.name());
            }
        }
        if (!store.addInstance()) {
            throw new UnlinkableException("instance limit of " + store.limiter().instances() + " reached");
        }
        ModuleInstance inst = new ModuleInstance(store, module);
        int[] counts = new int[5];
        for (int i = 0; i < imports.length; i++) {
            switch (declared.get(i).type().kind()) {
                case FUNC -> inst.functions[counts[0]++] = (FunctionInstance) imports[i];
                case TABLE -> inst.tables[counts[1]++] = (TableInstance) imports[i];
                case MEMORY -> inst.memories[counts[2]++] = (MemoryInstance) imports[i];
                case GLOBAL -> inst.globals[counts[3]++] = (GlobalInstance) imports[i];
                case TAG -> inst.tags[counts[4]++] = (TagInstance) imports[i];
            }
        }
        for (int f = counts[0]; f < m.funcCount(); f++) {
            inst.functions[f] = new WasmFunction(types.type(m.funcTypeIndex(f)), inst, f, f - counts[0]);
        }
        ConstEvaluator eval = new ConstEvaluator(inst);
        List<Global> globals = m.globals();
        for (int i = 0; i < globals.size(); i++) {
            GlobalType gt = globals.get(i).type();
            GlobalInstance g = new GlobalInstance(new GlobalType(types.toGlobal(gt.valType()), gt.mutable()));
            eval.eval(globals.get(i).init());
            g.value = eval.lo;
            g.high = eval.hi;
            g.ref = eval.ref;
            inst.globals[counts[3] + i] = g;
        }
        List<Table> tables = m.tables();
        for (int i = 0; i < tables.size(); i++) {
            Table t = tables.get(i);
            Object init = null;
            if (t.init() != null) {
                eval.eval(t.init());
                init = eval.ref;
            }
            if (!store.addTable()) {
                throw new UnlinkableException("table limit of " + store.limiter().tables() + " reached");
            }
            TableType tt = t.type();
            try {
                inst.tables[counts[1] + i] = new TableInstance(
                        new TableType(types.toGlobal(tt.elementType()), tt.limits(), tt.is64()), init, store.limiter());
            } catch (IllegalArgumentException e) {
                throw new UnlinkableException(e.getMessage());
            }
        }
        List<MemoryType> memories = m.memories();
        for (int i = 0; i < memories.size(); i++) {
            MemoryInstance mem;
            try {
                mem = new MemoryInstance(memories.get(i), store.limiter());
            } catch (IllegalArgumentException | OutOfMemoryError e) {
                throw new UnlinkableException(e instanceof OutOfMemoryError ? "memory allocation failed" : e.getMessage());
            }
            if (!store.addMemory(mem)) {
                mem.free();
                throw new UnlinkableException("memory limit of " + store.limiter().memories() + " reached");
            }
            inst.memories[counts[2] + i] = mem;
        }
        for (int i = 0; i < m.tags().size(); i++) {
            inst.tags[counts[4] + i] = new TagInstance(types.type(m.tags().get(i).typeIndex()));
        }
        List<ElementSegment> elems = m.elements();
        for (int i = 0; i < elems.size(); i++) {
            inst.elements[i] = evalElements(elems.get(i), inst, eval);
        }
        List<DataSegment> data = m.data();
        for (int i = 0; i < data.size(); i++) {
            inst.data[i] = data.get(i).init().toArray();
        }
        for (int i = 0; i < elems.size(); i++) {
            ElementSegment e = elems.get(i);
            if (e.mode() == SegmentMode.ACTIVE) {
                eval.eval(e.offset());
                TableInstance t = inst.tables[e.table()];
                long offset = t.declaredType().is64() ? eval.lo : eval.lo & 0xFFFF_FFFFL;
                Object[] refs = inst.elements[i];
                if (Long.compareUnsigned(offset, t.size) > 0 || refs.length > t.size - offset) {
                    throw new Trap(TrapCode.TABLE_OUT_OF_BOUNDS, "out of bounds table access");
                }
                System.arraycopy(refs, 0, t.elements, (int) offset, refs.length);
            }
            if (e.mode() != SegmentMode.PASSIVE) {
                inst.elements[i] = EMPTY;
            }
        }
        for (int i = 0; i < data.size(); i++) {
            DataSegment d = data.get(i);
            if (d.mode() == SegmentMode.ACTIVE) {
                eval.eval(d.offset());
                MemoryInstance mem = inst.memories[d.memory()];
                long offset = mem.is64() ? eval.lo : eval.lo & 0xFFFF_FFFFL;
                byte[] bytes = inst.data[i];
                if (Long.compareUnsigned(offset, mem.byteSize()) > 0 || bytes.length > mem.byteSize() - offset) {
                    throw new Trap(TrapCode.MEMORY_OUT_OF_BOUNDS, "out of bounds memory access");
                }
                MemorySegment.copy(MemorySegment.ofArray(bytes), 0, mem.segment, offset, bytes.length);
                inst.data[i] = NO_BYTES;
            }
        }
        CodeGenerator generator = store.codeGenerator();
        if (generator != null) {
            generator.generate(inst);
        }
        if (m.start() >= 0) {
            Calls.invoke(store, inst.functions[m.start()], new long[0], new Object[0]);
        }
        return inst;
    }

    private static final Object[] EMPTY = new Object[0];
    private static final byte[] NO_BYTES = new byte[0];

    private static Object[] evalElements(ElementSegment e, ModuleInstance inst, ConstEvaluator eval) {
        Object[] refs = new Object[e.size()];
        if (e.funcIndices() != null) {
            for (int j = 0; j < refs.length; j++) {
                refs[j] = inst.functions[e.funcIndices()[j]];
            }
        } else {
            for (int j = 0; j < refs.length; j++) {
                eval.eval(e.exprs().get(j));
                refs[j] = eval.ref;
            }
        }
        return refs;
    }
}
