package dev.wasmj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQLite (examples/sqlite): driver.wasm, a WASI command that fills a database in a preopened
 * directory with {@link #ROWS} rows and queries it, and prints {@code kernel: N ms} on standard
 * error (from opening the database to closing it). Each run's standard output must be what the
 * native build of the same driver prints. The JVM engines run it in {@code Main --command} (each
 * with its own WASI), node with examples/sqlite/run-node.mjs ({@code node:wasi}).
 */
record SqliteProgram(Prepared prepared) implements WholeProgram {
    /** Rows the driver inserts: its default 100,000 takes wasmj's interpreter about 30 s, Chicory's compiler longer. */
    static final int ROWS = 5_000;

    private static final Pattern KERNEL = Pattern.compile("kernel: ([0-9.]+) ms");

    /** What {@link #prepare} found: the module and the native driver's output. */
    static final class Prepared {
        Path wasm;
        String expected;
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
    public String notRun(String engine) {
        return null;   // every engine has a WASI
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
            prepared.wasm = Path.of(built.get(0));
            prepared.expected = expected;
        } finally {
            Driver.deleteTree(scratch);
        }
    }

    @Override
    public List<String> command(String engine, Path scratch, Launch launch) {
        String dir = scratch + "::/data";
        List<String> args = List.of("/data/test.db", Integer.toString(ROWS));
        List<String> command = new ArrayList<>();
        if (engine.equals(Engines.NODE)) {
            command.addAll(List.of("node", "--no-warnings", launch.root().resolve("examples/sqlite/run-node.mjs").toString(),
                    "--dir", dir, prepared.wasm.toString()));
        } else {
            command.addAll(launch.jvm(engine, null));
            command.addAll(List.of("--command", engine, "--dir", dir, "--file", prepared.wasm.toString(), "driver"));
        }
        command.addAll(args);
        return command;
    }

    @Override
    public double kernelMs(String stdout, String stderr) throws IOException {
        if (!stdout.equals(prepared.expected)) {
            throw new IOException("sqlite printed other results than the native driver: " + stdout.lines().limit(3).toList());
        }
        Matcher kernel = KERNEL.matcher(stderr);
        if (!kernel.find()) {
            throw new IOException("sqlite printed no 'kernel: N ms'");
        }
        return Double.parseDouble(kernel.group(1));
    }
}
