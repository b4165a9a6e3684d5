package dev.wasmj.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.docsnippets.DocSnippets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Map<String, String> regions = DocSnippets.regions(DocSnippets.find("wasi/" + SOURCE, SOURCE));
        Map<String, String> blocks = DocSnippets.blocks(document());
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
        return DocSnippets.find("docs/wasi.md", "../docs/wasi.md");
    }
}
