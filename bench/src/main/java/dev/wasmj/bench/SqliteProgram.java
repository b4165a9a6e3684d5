package dev.wasmj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * SQLite (examples/sqlite): driver.wasm, a WASI command that fills a database in a preopened
 * directory with {@link #ROWS} rows and queries it, and prints {@code kernel: N ms} on standard
 * error (from opening the database to closing it). Measured like the kernels, in one process per
 * engine: the module loaded once, then runs of a fresh instance each, in a fresh directory mapped to
 * {@code /data} (in memory: {@link WasiCommand#defaultScratchRoot}) ({@link CommandTimer}; node:
 * bench/node/command.mjs). Each run's standard output
 * must be what the native build of the same driver prints.
 */
record SqliteProgram(Prepared prepared) implements InProcess {
    /** Rows the driver inserts: its default 100,000 takes wasmj's interpreter about 30 s, Chicory's compiler longer. */
    static final int ROWS = 5_000;

    /** The guest path of each run's directory. */
    static final String GUEST_DIR = "/data";

    /** What {@link #prepare} found: the module, the native driver's output, and a file holding it for the children. */
    static final class Prepared {
        Path wasm;
        String expected;
        Path expectedFile;
    }

    SqliteProgram() {
        this(new Prepared());
    }

    @Override
    public String name() {
        return "sqlite";
    }

    @Override
    public String argument() {
        return ROWS + " rows";
    }

    @Override
    public Kind kind() {
        return Kind.COMMAND;
    }

    /** examples/sqlite/build.sh (cached in ~/.cache/wasmj/sqlite), then the native driver once for the reference output. */
    @Override
    public void prepare(Path root) throws IOException, InterruptedException {
        Process build = new ProcessBuilder(root.resolve("examples/sqlite/build.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> built = new String(build.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        if (build.waitFor() != 0 || built.size() < 2) {
            throw new IOException("examples/sqlite/build.sh failed");
        }
        Path scratch = Files.createTempDirectory("wasmj-bench-sqlite");
        try {
            Process nativeRun = new ProcessBuilder(built.get(1), scratch.resolve("test.db").toString(), Integer.toString(ROWS))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String expected = new String(nativeRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (nativeRun.waitFor() != 0) {
                throw new IOException("the native SQLite driver failed");
            }
            Path expectedFile = Files.createTempFile("wasmj-bench-sqlite", ".stdout");
            expectedFile.toFile().deleteOnExit();
            Files.writeString(expectedFile, expected);
            prepared.wasm = Path.of(built.get(0));
            prepared.expected = expected;
            prepared.expectedFile = expectedFile;
        } finally {
            Driver.deleteTree(scratch);
        }
    }

    /** The command every run runs: {@code driver /data/test.db ROWS}. */
    WasiCommand command() {
        return new WasiCommand(name(), prepared.wasm, List.of("driver", GUEST_DIR + "/test.db", Integer.toString(ROWS)),
                GUEST_DIR, WasiCommand.defaultScratchRoot(), prepared.expected);
    }

    @Override
    public int checksum() {
        return command().checksum();
    }

    @Override
    public List<String> childArguments(Settings settings) {
        return command().childArguments(prepared.expectedFile, settings);
    }
}
