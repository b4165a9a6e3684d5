package dev.wasmj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/embedding.md and {@link EmbeddingExamplesTest} in sync: every code block of the document
 * marked {@code <!-- snippet: NAME -->} is exactly the region {@code // snippet: NAME} ...
 * {@code // end snippet} of the examples (indentation removed), and every region is in the
 * document. The examples themselves run as tests, so the document's code runs.
 */
class EmbeddingDocTest {
    private static final String SOURCE = "src/test/java/dev/wasmj/examples/EmbeddingExamplesTest.java";

    @Test
    void theDocumentShowsExactlyTheExamplesThatRun() throws IOException {
        Map<String, String> regions = regions(Files.readAllLines(find("runtime/" + SOURCE, SOURCE)));
        Map<String, String> blocks = blocks(Files.readAllLines(find("docs/embedding.md", "../docs/embedding.md")));
        assertThat(regions).isNotEmpty();
        assertThat(blocks.keySet()).containsExactlyInAnyOrderElementsOf(regions.keySet());
        for (var e : regions.entrySet()) {
            assertThat(blocks.get(e.getKey())).as("snippet " + e.getKey()).isEqualTo(e.getValue());
        }
    }

    private static Path find(String... candidates) {
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new IllegalStateException("none of " + List.of(candidates) + " from " + Path.of("").toAbsolutePath());
    }

    /** The snippet regions of the examples, each with its common indentation removed. */
    static Map<String, String> regions(List<String> lines) {
        Map<String, String> regions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.startsWith("// snippet: ")) {
                String name = t.substring("// snippet: ".length());
                int end = i + 1;
                while (!lines.get(end).strip().equals("// end snippet")) {
                    end++;
                }
                regions.put(name, dedent(lines.subList(i + 1, end)));
                i = end;
            }
        }
        return regions;
    }

    /** The code blocks of the document that follow a {@code <!-- snippet: NAME -->} marker. */
    static Map<String, String> blocks(List<String> lines) {
        Map<String, String> blocks = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.startsWith("<!-- snippet: ") && t.endsWith("-->")) {
                String name = t.substring("<!-- snippet: ".length(), t.length() - 3).strip();
                int start = i + 1;
                while (!lines.get(start).startsWith("```")) {
                    start++;
                }
                int end = start + 1;
                while (!lines.get(end).startsWith("```")) {
                    end++;
                }
                blocks.put(name, String.join("\n", lines.subList(start + 1, end)));
                i = end;
            }
        }
        return blocks;
    }

    private static String dedent(List<String> lines) {
        int indent = Integer.MAX_VALUE;
        for (String l : lines) {
            if (!l.isBlank()) {
                indent = Math.min(indent, l.length() - l.stripLeading().length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            sb.append(l.isBlank() ? "" : l.substring(indent));
        }
        return sb.toString();
    }
}
