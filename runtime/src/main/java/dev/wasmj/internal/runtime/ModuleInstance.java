package dev.wasmj.internal.runtime;

import dev.wasmj.format.Export;
import dev.wasmj.format.validate.ValidatedModule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * An instance of a module: its index spaces (imports first) resolved to store objects, and the
 * segments not yet dropped. Made by {@link Instantiator}. The engines read the arrays directly.
 */
public final class ModuleInstance {
    private final StoreContext store;
    private final ValidatedModule module;
    /** Functions by index. */
    public final FunctionInstance[] functions;
    /** Tables by index. */
    public final TableInstance[] tables;
    /** Memories by index. */
    public final MemoryInstance[] memories;
    /** Globals by index. */
    public final GlobalInstance[] globals;
    /** Tags by index. */
    public final TagInstance[] tags;
    /** Element segments' references by index; an empty array once dropped. */
    public final Object[][] elements;
    /** Data segments' bytes by index (copies); an empty array once dropped. */
    public final byte[][] data;
    /**
     * Memory 0, or null if there is none: set by the code generator once the index spaces are filled,
     * for generated code, which reads it with one load (no array access and bounds check).
     */
    public MemoryInstance memory0;
    /** What the code generator keeps for this instance (the state of tiered compilation), or null. */
    public volatile Object generated;

    ModuleInstance(StoreContext store, ValidatedModule module) {
        this.store = store;
        this.module = module;
        var m = module.module();
        this.functions = new FunctionInstance[m.funcCount()];
        this.tables = new TableInstance[m.tableCount()];
        this.memories = new MemoryInstance[m.memoryCount()];
        this.globals = new GlobalInstance[m.globalCount()];
        this.tags = new TagInstance[m.tagCount()];
        this.elements = new Object[m.elements().size()][];
        this.data = new byte[m.data().size()][];
    }

    public StoreContext store() {
        return store;
    }

    public ValidatedModule module() {
        return module;
    }

    /** The module's name from its name section, or null. */
    public String name() {
        return module.module().names().moduleName();
    }

    /** The export names, in the module's order. */
    public List<String> exportNames() {
        List<String> names = new ArrayList<>();
        for (Export e : module.module().exports()) {
            names.add(e.name());
        }
        return Collections.unmodifiableList(names);
    }

    /** The exported {@code *Instance} object named {@code name}, or null if there is no such export. */
    public Object export(String name) {
        List<Export> exports = module.module().exports();
        for (int i = 0; i < exports.size(); i++) {
            if (exports.get(i).name().equals(name)) {
                return export(i);
            }
        }
        return null;
    }

    /** The {@code *Instance} object of export number {@code index} (in the module's order). */
    public Object export(int index) {
        Export e = module.module().exports().get(index);
        return switch (e.kind()) {
            case FUNC -> functions[e.index()];
            case TABLE -> tables[e.index()];
            case MEMORY -> memories[e.index()];
            case GLOBAL -> globals[e.index()];
            case TAG -> tags[e.index()];
        };
    }
}
