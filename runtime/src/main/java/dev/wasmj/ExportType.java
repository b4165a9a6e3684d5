package dev.wasmj;

/** An export of a module: its name and type. */
public record ExportType(String name, ExternType type) {
    @Override
    public String toString() {
        return name + ": " + type;
    }
}
