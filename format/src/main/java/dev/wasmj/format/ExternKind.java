package dev.wasmj.format;

/** The kinds of entities a module imports and exports, with their binary codes. */
public enum ExternKind {
    FUNC(0), TABLE(1), MEMORY(2), GLOBAL(3), TAG(4);

    private final int code;

    ExternKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String text() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
