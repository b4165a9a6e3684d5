package dev.wasmj.format.validate;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.FuncType;
import dev.wasmj.format.HeapType;
import dev.wasmj.format.WasmModule;

/**
 * What instructions may refer to: the module's index spaces with their types in closed form (see
 * {@link TypeContext#toGlobal}). Filled in by {@link ModuleValidator} as it checks the sections
 * in the specification's order, then read (never written) by the body validators of all threads.
 */
final class ModuleContext {
    final WasmModule module;
    final Features features;
    final TypeContext types;
    final Subtyping sub;

    /** Per function: the closed-form heap type of a reference to it (the type id, exact or not). */
    final int[] funcHeap;
    /** Per function: its type (closed form). */
    final FuncType[] funcType;
    /** Per table: the element type (closed form) and whether it is indexed by i64. */
    final int[] tableElem;
    final boolean[] table64;
    /** Per memory: whether it is addressed by i64. */
    final boolean[] memory64;
    /** Per global: type (closed form) and mutability. */
    final int[] globalType;
    final boolean[] globalMutable;
    /** Per tag: the id of its function type. */
    final int[] tagType;
    /** Per element segment: its reference type (closed form). */
    final int[] elemType;
    /** The number of data segments. */
    final int dataCount;
    /** Functions that {@code ref.func} may name in a function body. */
    final boolean[] declared;
    /**
     * {@link HeapType#EXACT} when custom descriptors are enabled, else 0: the exactness of the
     * references {@code ref.func}, {@code struct.new} and {@code array.new} produce (without the
     * proposal exactness is unobservable, and leaving it out keeps messages in 3.0 terms).
     */
    final int exact;

    ModuleContext(WasmModule module, Features features, TypeContext types) {
        this.module = module;
        this.features = features;
        this.types = types;
        this.sub = types.subtyping();
        this.funcHeap = new int[module.funcCount()];
        this.funcType = new FuncType[module.funcCount()];
        this.tableElem = new int[module.tableCount()];
        this.table64 = new boolean[module.tableCount()];
        this.memory64 = new boolean[module.memoryCount()];
        this.globalType = new int[module.globalCount()];
        this.globalMutable = new boolean[module.globalCount()];
        this.tagType = new int[module.tagCount()];
        this.elemType = new int[module.elements().size()];
        this.dataCount = module.data().size();
        this.declared = new boolean[module.funcCount()];
        this.exact = features.has(Feature.CUSTOM_DESCRIPTORS) ? HeapType.EXACT : 0;
    }
}
