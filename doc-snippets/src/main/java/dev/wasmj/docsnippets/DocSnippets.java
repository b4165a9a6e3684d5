package dev.wasmj.docsnippets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The code a document shows and the code that runs, for tests that keep the two the same.
 *
 * <p>In a Markdown document, a code block preceded by a line {@code <!-- snippet: NAME -->} (words
 * after NAME are a remark for the reader) is the snippet NAME. In a Java source, the lines between
 * {@code // snippet: NAME} and {@code // end snippet} are the region NAME, read with their common
 * indentation removed. A test compares the two maps.
 */
public final class DocSnippets {
    private static final String BLOCK_MARKER = "<!-- snippet: ";
    private static final String REGION_START = "// snippet: ";
    private static final String REGION_END = "// end snippet";
    private static final String FENCE = "```";

    private DocSnippets() {}

    /** The snippet code blocks of the Markdown document at {@code path}, by name, in order. */
    public static Map<String, String> blocks(Path path) throws IOException {
        return blocks(Files.readAllLines(path));
    }

    /** The snippet code blocks of a Markdown document's lines, by name, in order. */
    public static Map<String, String> blocks(List<String> lines) {
        Map<String, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(BLOCK_MARKER) && line.endsWith("-->")) {
                String marker = line.substring(BLOCK_MARKER.length(), line.length() - "-->".length()).strip();
                String name = marker.split("\\s+", 2)[0];
                int open = nextFence(lines, i + 1, name);
                int close = nextFence(lines, open + 1, name);
                blocks.put(name, String.join("\n", lines.subList(open + 1, close)));
                i = close;
            }
        }
        return blocks;
    }

    private static int nextFence(List<String> lines, int from, String name) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(FENCE)) {
                return i;
            }
        }
        throw new IllegalArgumentException("snippet " + name + ": no code block after its marker");
    }

    /** The snippet regions of the Java source at {@code path}, by name, in order. */
    public static Map<String, String> regions(Path path) throws IOException {
        return regions(Files.readAllLines(path));
    }

    /** The snippet regions of a Java source's lines, by name, in order, each without its common indentation. */
    public static Map<String, String> regions(List<String> lines) {
        Map<String, String> regions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith(REGION_START)) {
                String name = line.substring(REGION_START.length()).strip();
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).strip().equals(REGION_END)) {
                    end++;
                }
                if (end == lines.size()) {
                    throw new IllegalArgumentException("snippet " + name + ": no '" + REGION_END + "'");
                }
                regions.put(name, dedent(lines.subList(i + 1, end)));
                i = end;
            }
        }
        return regions;
    }

    private static String dedent(List<String> lines) {
        int indent = lines.stream()
                .filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length())
                .min()
                .orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }

    /**
     * The first of {@code candidates} that is a regular file: a test runs from its module's
     * directory under Maven and from the checkout's root in an IDE, so it names both.
     */
    public static Path find(String... candidates) {
        for (String candidate : candidates) {
            Path path = Path.of(candidate);
            if (Files.isRegularFile(path)) {
                return path;
            }
        }
        throw new IllegalStateException("none of " + List.of(candidates) + " from " + Path.of("").toAbsolutePath());
    }
}
