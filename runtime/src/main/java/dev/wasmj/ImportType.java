package dev.wasmj;

/** An import of a module: the module and field names it is looked up by, and its type. */
public record ImportType(String module, String name, ExternType type) {
    @Override
    public String toString() {
        return module + "::" + name + ": " + type;
    }
}
