package dev.wasmj.wasi.internal.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The lexical part of path resolution: components and what a path's form says. */
class PathResolverTest {

    @Test
    void splitsIntoComponentsWithoutEmptyOnesAndDots() {
        assertThat(PathResolver.components("a/b/c")).containsExactly("a", "b", "c");
        assertThat(PathResolver.components("a//./b/")).containsExactly("a", "b");
        assertThat(PathResolver.components("./../a/..")).containsExactly("..", "a", "..");
        assertThat(PathResolver.components(".")).isEmpty();
        assertThat(PathResolver.components("...")).containsExactly("...");
        assertThat(PathResolver.components("..%2f..")).containsExactly("..%2f..");
    }

    @Test
    void aTrailingSlashDotOrDotDotNamesADirectory() {
        assertThat(PathResolver.namesADirectory("a/")).isTrue();
        assertThat(PathResolver.namesADirectory("a/.")).isTrue();
        assertThat(PathResolver.namesADirectory("a/..")).isTrue();
        assertThat(PathResolver.namesADirectory(".")).isTrue();
        assertThat(PathResolver.namesADirectory("..")).isTrue();
        assertThat(PathResolver.namesADirectory("a")).isFalse();
        assertThat(PathResolver.namesADirectory("a.")).isFalse();
        assertThat(PathResolver.namesADirectory("a..")).isFalse();
        assertThat(PathResolver.namesADirectory(".a")).isFalse();
    }
}
