package dev.wasmj.cli.run;

import java.nio.file.Path;

/**
 * A {@code --preload NAME=PATH} option: the module in {@code path}, whose exports the main module
 * can import from module name {@code name}.
 */
public record Preload(String name, Path path) {
    /** Parses {@code NAME=PATH}. */
    public static Preload parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw new IllegalArgumentException("'" + text + "' is not NAME=PATH");
        }
        return new Preload(text.substring(0, eq), Path.of(text.substring(eq + 1)));
    }

    /** The picocli converter of {@code --preload}. */
    public static final class Converter extends ParsingConverter<Preload> {
        public Converter() {
            super(Preload::parse);
        }
    }
}
