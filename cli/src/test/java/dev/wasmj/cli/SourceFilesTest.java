package dev.wasmj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.format.MalformedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SourceFilesTest {

    @Test
    void decodesUtf8() {
        assertThat(SourceFiles.utf8("(module) ;; ünïcode ✓".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("(module) ;; ünïcode ✓");
    }

    @Test
    void rejectsMalformedUtf8AtItsLineAndColumn() {
        byte[] bytes = {'(', 'm', ')', '\n', ' ', (byte) 0xC3, 'x', (byte) 0xFF};
        assertThatThrownBy(() -> SourceFiles.utf8(bytes))
                .isInstanceOfSatisfying(MalformedException.class, e -> {
                    assertThat(e.reason()).isEqualTo("malformed UTF-8 encoding");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isEqualTo(2);
                });
    }

    @Test
    void rejectsTruncatedUtf8AtTheEnd() {
        byte[] bytes = {'a', (byte) 0xE2, (byte) 0x9C};
        assertThatThrownBy(() -> SourceFiles.utf8(bytes))
                .isInstanceOfSatisfying(MalformedException.class, e -> assertThat(e.column()).isEqualTo(2));
    }

    @Test
    void readingAMissingFileIsAUserError() {
        assertThatThrownBy(() -> SourceFiles.read(Path.of("no/such/file.wasm")))
                .isInstanceOf(UserException.class)
                .hasMessage("cannot read no/such/file.wasm: no such file");
    }

    @Test
    void decidesTextOrBinary() {
        byte[] magic = {0, 'a', 's', 'm', 1, 0, 0, 0};
        assertThat(ModuleFiles.isText(Path.of("m.wat"), magic)).isTrue();
        assertThat(ModuleFiles.isText(Path.of("m.wasm"), "(module)".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(ModuleFiles.isText(Path.of("m"), magic)).isFalse();
        assertThat(ModuleFiles.isText(Path.of("m"), "(module)".getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @Test
    void defaultOutputHasTheWasmExtension() {
        assertThat(ModuleFiles.withWasmExtension(Path.of("dir/hello.wat"))).isEqualTo(Path.of("dir/hello.wasm"));
        assertThat(ModuleFiles.withWasmExtension(Path.of("hello"))).isEqualTo(Path.of("hello.wasm"));
        assertThat(ModuleFiles.withWasmExtension(Path.of(".hidden"))).isEqualTo(Path.of(".hidden.wasm"));
    }
}
