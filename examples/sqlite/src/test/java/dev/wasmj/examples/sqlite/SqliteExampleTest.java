package dev.wasmj.examples.sqlite;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import dev.wasmj.Engine;
import dev.wasmj.Module;
import dev.wasmj.wasi.DirPerms;
import dev.wasmj.wasi.FilePerms;
import dev.wasmj.wasi.WasiConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite built for wasm32-wasi (the driver of {@code examples/sqlite/driver.c}) on wasmj: it
 * creates a database file in a preopened directory, inserts 100,000 rows and queries them, and
 * must print what the same driver built natively prints. The Maven build runs {@code build.sh},
 * which leaves {@code driver.wasm} and the native driver's output in {@code sqlite.build}.
 */
class SqliteExampleTest {
    private static final Path BUILD = Path.of(System.getProperty("sqlite.build", "target/sqlite"));

    private static Module driver;

    /** The directory the full run (100,000 rows) was given, and what it printed. */
    @TempDir
    static Path directory;

    private static int exitStatus;
    private static String stdout;
    private static String stderr;

    @BeforeAll
    static void runTheDriver() {
        driver = Module.fromFile(new Engine(), BUILD.resolve("driver.wasm"));
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        WasiConfig wasi = new WasiConfig()
                .args(SqliteExample.driverArgs())
                .stdout(out)
                .stderr(err)
                .preopenedDir(directory, SqliteExample.GUEST_DIRECTORY);
        exitStatus = SqliteExample.run(driver, wasi);
        stdout = out.toString(UTF_8);
        stderr = err.toString(UTF_8);
        System.out.print("driver.wasm on wasmj, " + stderr);
    }

    @Test
    void printsWhatTheNativeBuildPrints() throws IOException {
        assertThat(exitStatus).as("exit status; stderr: %s", stderr).isZero();
        assertThat(stdout).isEqualTo(Files.readString(BUILD.resolve("native-output.txt")));
    }

    @Test
    void insertsAndQueriesAHundredThousandRows() {
        assertThat(stdout)
                .startsWith("SQLite 3.")
                .contains("rows: 100000\n")
                .contains("count:\n  100000\n")
                .contains("index items_by_name used: yes\n")
                .contains("integrity check:\n  ok\n");
        int updated = number("updated: (\\d+)");
        int deleted = number("deleted: (\\d+)");
        int remaining = number("after update and delete \\(rows, quantity\\):\n  (\\d+)\\|");
        assertThat(updated).isPositive();
        assertThat(deleted).isPositive();
        assertThat(remaining).isEqualTo(100_000 - deleted);
    }

    @Test
    void leavesAValidDatabaseFileInTheHostDirectory() throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            // no rollback journal, no lock directory left behind
            assertThat(files).containsExactly(directory.resolve("test.db"));
        }
        assertIsASqliteDatabase(Files.readAllBytes(directory.resolve("test.db")));
    }

    @Test
    void printsItsKernelTimeOnStderr() {
        assertThat(stderr).matches("kernel: \\d+\\.\\d{3} ms\n");
    }

    @Test
    void cannotCreateTheDatabaseInAReadOnlyDirectory(@TempDir Path readOnly) throws IOException {
        var err = new ByteArrayOutputStream();
        WasiConfig wasi = new WasiConfig()
                .args(SqliteExample.driverArgs("100"))
                .stderr(err)
                .preopenedDir(readOnly, SqliteExample.GUEST_DIRECTORY, EnumSet.of(DirPerms.READ), EnumSet.of(FilePerms.READ));

        assertThat(SqliteExample.run(driver, wasi)).isEqualTo(1);
        assertThat(err.toString(UTF_8)).isEqualTo("driver: /data/test.db: unable to open database file\n");
        try (Stream<Path> files = Files.list(readOnly)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void runsInADirectoryOfAnInMemoryFileSystem() throws IOException {
        try (FileSystem memory = Jimfs.newFileSystem(Configuration.unix())) {
            Path data = Files.createDirectory(memory.getPath("/data"));
            var out = new ByteArrayOutputStream();
            WasiConfig wasi = new WasiConfig()
                    .args(SqliteExample.driverArgs("2000"))
                    .stdout(out)
                    .preopenedDir(data, SqliteExample.GUEST_DIRECTORY);

            assertThat(SqliteExample.run(driver, wasi)).isZero();
            assertThat(out.toString(UTF_8)).contains("count:\n  2000\n").contains("integrity check:\n  ok\n");
            assertIsASqliteDatabase(Files.readAllBytes(data.resolve("test.db")));
        }
    }

    /** A whole SQLite database: its header, and as many pages as the header says. */
    private static void assertIsASqliteDatabase(byte[] database) {
        assertThat(database.length).isGreaterThanOrEqualTo(100);
        assertThat(new String(database, 0, 16, UTF_8)).isEqualTo("SQLite format 3\0");
        ByteBuffer header = ByteBuffer.wrap(database); // big-endian, as SQLite's header is
        int pageSize = Short.toUnsignedInt(header.getShort(16));
        int pageCount = header.getInt(28);
        assertThat(pageSize).isEqualTo(4096);
        assertThat((long) pageSize * pageCount).isEqualTo(database.length);
    }

    private static int number(String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(stdout);
        assertThat(matcher.find()).as("%s in:%n%s", regex, stdout).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
