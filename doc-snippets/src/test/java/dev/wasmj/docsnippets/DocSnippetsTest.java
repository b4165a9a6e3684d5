package dev.wasmj.docsnippets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DocSnippetsTest {
    @Test
    void blocksAreTheCodeBlocksAfterAMarkerNamedByItsFirstWord() {
        List<String> document = List.of(
                "# Title",
                "```java",
                "unmarked();",
                "```",
                "<!-- snippet: first -->",
                "Some words in between.",
                "```java",
                "int a = 1;",
                "",
                "  indented();",
                "```",
                "  <!-- snippet: second (runs as SomeTest) -->",
                "```",
                "b();",
                "```");
        assertThat(DocSnippets.blocks(document)).containsExactly(
                Map.entry("first", "int a = 1;\n\n  indented();"),
                Map.entry("second", "b();"));
    }

    @Test
    void aMarkerWithoutACodeBlockIsAnError() {
        assertThatThrownBy(() -> DocSnippets.blocks(List.of("<!-- snippet: lost -->", "```java", "x();")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("lost");
    }

    @Test
    void regionsLoseTheirCommonIndentationAndKeepBlankLinesEmpty() {
        List<String> source = List.of(
                "class Example {",
                "    void run() {",
                "        // snippet: loop",
                "        for (int i = 0; i < 3; i++) {",
                "            work(i);",
                "   ",
                "        }",
                "        // end snippet",
                "        // snippet: other",
                "        done();",
                "        // end snippet",
                "    }",
                "}");
        assertThat(DocSnippets.regions(source)).containsExactly(
                Map.entry("loop", "for (int i = 0; i < 3; i++) {\n    work(i);\n\n}"),
                Map.entry("other", "done();"));
    }

    @Test
    void aRegionWithoutItsEndIsAnError() {
        assertThatThrownBy(() -> DocSnippets.regions(List.of("// snippet: open", "x();")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("open");
    }

    @Test
    void findTakesTheFirstCandidateThatIsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("doc.md"), "");
        assertThat(DocSnippets.find(dir.resolve("missing.md").toString(), dir.toString(), file.toString()))
                .isEqualTo(file);
        assertThatThrownBy(() -> DocSnippets.find(dir.resolve("missing.md").toString()))
                .isInstanceOf(IllegalStateException.class);
    }
}
