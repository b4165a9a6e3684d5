package dev.wasmj.cli;

import java.nio.file.Path;

/** Tells binary module files from text ones. */
public final class ModuleFiles {
    private ModuleFiles() {}

    /**
     * Whether {@code file} holds a text module: by its extension ({@code .wat} or {@code .wast}:
     * text, {@code .wasm}: binary), else by its content (binary modules start with {@code \0asm}).
     */
    public static boolean isText(Path file, byte[] content) {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (name.endsWith(".wat") || name.endsWith(".wast")) {
            return true;
        }
        if (name.endsWith(".wasm")) {
            return false;
        }
        return !(content.length >= 4 && content[0] == 0 && content[1] == 'a' && content[2] == 's' && content[3] == 'm');
    }

    /** {@code file} with its extension, if any, replaced by {@code .wasm}. */
    static Path withWasmExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        return file.resolveSibling(base + ".wasm");
    }
}
