package dev.wasmj.format.binary;

import dev.wasmj.format.MalformedException;
import dev.wasmj.format.NameSection;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes the {@code name} custom section: the module name (subsection 0), function names (1)
 * and local names (2); other subsections are skipped. Custom sections are not validated, so a
 * malformed name section never fails the module: what could be read before the fault is kept.
 */
final class NameSectionDecoder {
    private static final int MODULE = 0, FUNCTIONS = 1, LOCALS = 2;

    private final WasmReader in;
    private String moduleName;
    private final Map<Integer, String> functions = new HashMap<>();
    private final Map<Integer, Map<Integer, String>> locals = new HashMap<>();

    private NameSectionDecoder(byte[] bytes, int start, int end) {
        this.in = new WasmReader(bytes, start, end);
    }

    /** The names in {@code bytes[start, end)}, the content of a custom section called "name". */
    static NameSection decode(byte[] bytes, int start, int end) {
        NameSectionDecoder d = new NameSectionDecoder(bytes, start, end);
        try {
            d.subsections();
        } catch (MalformedException e) {
            // keep what was read
        }
        if (d.moduleName == null && d.functions.isEmpty() && d.locals.isEmpty()) {
            return NameSection.EMPTY;
        }
        return new NameSection(d.moduleName, Collections.unmodifiableMap(d.functions),
                Collections.unmodifiableMap(d.locals));
    }

    private void subsections() {
        while (!in.atEnd()) {
            int id = in.u8();
            int size = in.u32Index();
            if (size > in.remaining()) {
                // not len32: a subsection may not reach past the section, not even by its size's bytes
                throw in.error("length out of bounds");
            }
            int end = in.pos() + size;
            int sectionEnd = in.limit(end);
            switch (id) {
                case MODULE -> moduleName = in.name();
                case FUNCTIONS -> nameMap(functions);
                case LOCALS -> {
                    int n = in.len32();
                    for (int i = 0; i < n; i++) {
                        int func = in.u32();
                        Map<Integer, String> names = new HashMap<>();
                        locals.put(func, Collections.unmodifiableMap(names));
                        nameMap(names);
                    }
                }
                default -> { }
            }
            in.limit(sectionEnd);
            in.pos(end);
        }
    }

    private void nameMap(Map<Integer, String> into) {
        int n = in.len32();
        for (int i = 0; i < n; i++) {
            int index = in.u32();
            into.put(index, in.name());
        }
    }
}
