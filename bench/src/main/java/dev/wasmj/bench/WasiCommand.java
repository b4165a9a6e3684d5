package dev.wasmj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;

/**
 * A WASI command as the harness runs it in one process ({@link CommandTimer}, bench/node/command.mjs):
 * the module {@code wasm}, its arguments ({@code argv[0]} first), the guest path of the fresh,
 * empty directory each run gets (made in {@code scratchRoot}), and the standard output every run
 * must print. The command times its own kernel and prints {@code kernel: N ms} on standard error
 * (examples/sqlite's driver does, from opening the database to closing it).
 */
record WasiCommand(String name, Path wasm, List<String> args, String guestDir, Path scratchRoot, String expectedStdout) {
    private static final Pattern KERNEL = Pattern.compile("kernel: ([0-9.]+) ms");

    /**
     * Where the runs' directories go: /dev/shm (memory) when there is one, else the temporary
     * directory. SQLite syncs its files to the device (16 {@code fsync}s a run): on this machine's
     * disk, busy with other processes, they took the native driver from 11 ms to 60-110 ms, so a
     * disk would measure the disk's load, not the engine.
     */
    static Path defaultScratchRoot() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
    }

    /** The checksum of the result lines: the CRC-32 of the expected standard output (node: zlib.crc32). */
    int checksum() {
        CRC32 crc = new CRC32();
        crc.update(expectedStdout.getBytes(StandardCharsets.UTF_8));
        return (int) crc.getValue();
    }

    /**
     * The kernel time in ms one run reported, after checking its output.
     *
     * @throws IOException if the run printed other results than expected, or no kernel time
     */
    double kernelMs(String stdout, String stderr) throws IOException {
        if (!stdout.equals(expectedStdout)) {
            throw new IOException(name + " printed other results than expected: " + firstDifference(stdout));
        }
        Matcher kernel = KERNEL.matcher(stderr);
        if (!kernel.find()) {
            throw new IOException(name + " printed no 'kernel: N ms' on standard error"
                    + (stderr.isBlank() ? "" : ": " + String.join(" | ", stderr.lines().limit(4).toList())));
        }
        return Double.parseDouble(kernel.group(1));
    }

    /**
     * The arguments of a child that runs this command ({@code Main --child-command ENGINE},
     * bench/node/command.mjs), {@code expectedFile} holding the expected standard output:
     * {@code --program P --file F --expected-stdout FILE --guest-dir DIR --scratch-root ROOT
     * --iterations K --warmup-seconds S -- ARGV0 ARGS...}.
     */
    List<String> childArguments(Path expectedFile, Settings settings) {
        List<String> child = new ArrayList<>(List.of("--program", name, "--file", wasm.toString(),
                "--expected-stdout", expectedFile.toString(), "--guest-dir", guestDir,
                "--scratch-root", scratchRoot.toString(),
                "--iterations", Integer.toString(settings.iterations()),
                "--warmup-seconds", Double.toString(settings.warmupSeconds()), "--"));
        child.addAll(args);
        return child;
    }

    /** The first line of {@code stdout} that is not the expected one, with the expected line. */
    private String firstDifference(String stdout) {
        List<String> got = stdout.lines().toList();
        List<String> expected = expectedStdout.lines().toList();
        for (int i = 0; i < Math.max(got.size(), expected.size()); i++) {
            String a = i < got.size() ? got.get(i) : "(end of output)";
            String b = i < expected.size() ? expected.get(i) : "(end of output)";
            if (!a.equals(b)) {
                return "line " + (i + 1) + " is '" + a + "', expected '" + b + "'";
            }
        }
        return "the same lines, other line ends";
    }
}
