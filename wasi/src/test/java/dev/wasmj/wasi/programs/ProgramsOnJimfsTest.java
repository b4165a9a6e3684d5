package dev.wasmj.wasi.programs;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.wasmj.wasi.WasiConfig;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The file-system programs with their preopens on Jimfs (an in-memory Unix-like file system)
 * instead of the host's: the same output and the same files left behind.
 */
class ProgramsOnJimfsTest {
    private FileSystem fs;

    @BeforeEach
    void setUp() {
        fs = Jimfs.newFileSystem(Configuration.unix().toBuilder()
                .setAttributeViews("basic", "owner", "posix", "unix")
                .build());
    }

    @AfterEach
    void tearDown() throws IOException {
        fs.close();
    }

    private Path dir(String name) throws IOException {
        return Files.createDirectories(fs.getPath("/work", name));
    }

    private static void assertExpected(String name, GuestRun run) {
        assertThat(run.trap()).isNull();
        assertThat(run.stdout()).as("stdout of " + name).isEqualTo(TestPrograms.expectedStdout(name));
        assertThat(run.stderr()).as("stderr of " + name).isEqualTo(TestPrograms.expectedStderr(name));
        assertThat(run.status()).isZero();
    }

    @Test
    void files() throws IOException {
        Path sandbox = dir("sandbox");
        assertExpected("files", GuestRun.of("files", new WasiConfig().preopenedDir(sandbox, "/sandbox")));
        ProgramsTest.assertFilesLeft(sandbox);
    }

    @Test
    void dirs() throws IOException {
        Path sandbox = dir("sandbox");
        assertExpected("dirs", GuestRun.of("dirs", new WasiConfig().preopenedDir(sandbox, "/sandbox")));
        ProgramsTest.assertDirsLeft(sandbox);
    }

    @Test
    void sandboxEscapesAreRefused() throws IOException {
        Path sandbox = dir("sandbox");
        Path outside = Files.writeString(fs.getPath("/work/outside.txt"), "secret\n");
        Files.createSymbolicLink(sandbox.resolve("host-link"), outside);
        Files.writeString(sandbox.resolve("inside.txt"), "inside\n");
        assertExpected("sandbox", GuestRun.of("sandbox", new WasiConfig().preopenedDir(sandbox, "/sandbox")));
        assertThat(ProgramsTest.names(fs.getPath("/work"))).containsExactly("outside.txt", "sandbox");
        assertThat(Files.readString(outside)).isEqualTo("secret\n");
    }
}
