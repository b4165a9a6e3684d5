package dev.wasmj.format;

/** The sections of a binary module, in the order they must appear (custom sections aside). */
public enum SectionId {
    CUSTOM(0), TYPE(1), IMPORT(2), FUNCTION(3), TABLE(4), MEMORY(5), TAG(13), GLOBAL(6), EXPORT(7),
    START(8), ELEMENT(9), DATA_COUNT(12), CODE(10), DATA(11);

    private final int id;

    SectionId(int id) {
        this.id = id;
    }

    /** The section id byte. */
    public int id() {
        return id;
    }

    /** The section with id byte {@code id}, or null if there is none. */
    public static SectionId of(int id) {
        for (SectionId s : values()) {
            if (s.id == id) return s;
        }
        return null;
    }
}
