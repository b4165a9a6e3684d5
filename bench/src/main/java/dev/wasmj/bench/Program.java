package dev.wasmj.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A benchmark program: bench/programs/NAME.wasm, whose kernel {@code run(n)} must return
 * {@code checksum}.
 */
record Program(String name, int n, int checksum, Path wasm) implements InProcess {

    /** Reads the program list, bench/programs/programs.txt: lines of "name n checksum", # comments. */
    static List<Program> readAll(Path dir) throws IOException {
        List<Program> programs = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("programs.txt"))) {
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            String[] fields = text.split("\\s+");
            if (fields.length != 3) {
                throw new IOException("programs.txt: expected 'name n checksum': " + line);
            }
            programs.add(new Program(fields[0], Integer.parseInt(fields[1]),
                    Integer.parseUnsignedInt(fields[2].replaceFirst("^0x", ""), 16),
                    dir.resolve(fields[0] + ".wasm")));
        }
        return programs;
    }

    /** The argument as the tables show it. */
    @Override
    public String argument() {
        return Integer.toString(n);
    }

    @Override
    public Kind kind() {
        return Kind.KERNEL;
    }

    /** {@code --program P --file F --n N --checksum C --iterations K --warmup-seconds S} */
    @Override
    public List<String> childArguments(Settings settings) {
        return List.of("--program", name, "--file", wasm.toString(),
                "--n", Integer.toString(n), "--checksum", hex(checksum),
                "--iterations", Integer.toString(settings.iterations()),
                "--warmup-seconds", Double.toString(settings.warmupSeconds()));
    }

    static String hex(int checksum) {
        return String.format("0x%08x", checksum);
    }
}
