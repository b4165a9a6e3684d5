package dev.wasmj.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.docsnippets.DocSnippets;
import java.io.IOException;
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
        Map<String, String> regions = DocSnippets.regions(DocSnippets.find("runtime/" + SOURCE, SOURCE));
        Map<String, String> blocks = DocSnippets.blocks(DocSnippets.find("docs/embedding.md", "../docs/embedding.md"));
        assertThat(regions).isNotEmpty();
        assertThat(blocks.keySet()).containsExactlyInAnyOrderElementsOf(regions.keySet());
        for (var e : regions.entrySet()) {
            assertThat(blocks.get(e.getKey())).as("snippet " + e.getKey()).isEqualTo(e.getValue());
        }
    }

    @Test
    void theReadmeShowsOnlyExamplesThatRun() throws IOException {
        Map<String, String> regions = DocSnippets.regions(DocSnippets.find("runtime/" + SOURCE, SOURCE));
        Map<String, String> blocks = DocSnippets.blocks(DocSnippets.find("README.md", "../README.md"));
        assertThat(blocks).isNotEmpty();
        for (var e : blocks.entrySet()) {
            assertThat(e.getValue()).as("README snippet " + e.getKey()).isEqualTo(regions.get(e.getKey()));
        }
    }
}
