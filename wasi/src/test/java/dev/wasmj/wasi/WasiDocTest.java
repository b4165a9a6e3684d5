package dev.wasmj.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/wasi.md honest: its code blocks marked {@code <!-- snippet: NAME -->} are exactly
 * the regions of {@link WasiDocExamplesTest} (which run), and its table lists each of the 46
 * functions once.
 */
class WasiDocTest {
    private static final String SOURCE = "src/test/java/dev/wasmj/wasi/WasiDocExamplesTest.java";

    @Test
    void theDocumentShowsExactlyTheExamplesThatRun() throws IOException {
        Map<String, String> regions = regions(Files.readAllLines(find("wasi/" + SOURCE, SOURCE)));
        Map<String, String> blocks = blocks(Files.readAllLines(document()));
        assertThat(regions).isNotEmpty();
        assertThat(blocks).isEqualTo(regions);
    }

    @Test
    void theTableListsEveryFunctionOnce() throws IOException {
        Pattern row = Pattern.compile("^\\| `([a-z_0-9]+)` \\|");
        List<String> listed = Files.readAllLines(document()).stream()
                .map(row::matcher).filter(Matcher::find).map(m -> m.group(1)).toList();
        assertThat(listed).containsExactlyInAnyOrderElementsOf(WasiGuest.SIGNATURES.keySet());
    }

    private static Path document() {
        return find("docs/wasi.md", "../docs/wasi.md");
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

    private static Map<String, String> regions(List<String> lines) {
        Map<String, String> regions = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String t = lines.get(i).strip();
            if (t.startsWith("// snippet: ")) {
                int end = i + 1;
                while (!lines.get(end).strip().equals("// end snippet")) {
                    end++;
                }
                regions.put(t.substring("// snippet: ".length()), dedent(lines.subList(i + 1, end)));
                i = end;
            }
        }
        return regions;
    }

    private static Map<String, String> blocks(List<String> lines) {
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
        int indent = lines.stream().filter(l -> !l.isBlank())
                .mapToInt(l -> l.length() - l.stripLeading().length()).min().orElse(0);
        return String.join("\n", lines.stream().map(l -> l.isBlank() ? "" : l.substring(indent)).toList());
    }
}
