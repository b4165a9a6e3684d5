package dev.wasmj.wasi;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A guest calling the functions with arbitrary arguments (small numbers, descriptor numbers,
 * pointers near the memory's end, huge values) gets an errno every time and never a host
 * exception. Functions that may wait without end are left out: poll_oneoff (its subscriptions
 * come from memory the calls fill with random bytes), proc_exit (always exits).
 */
class RandomArgumentsTest {
    static final long[] INTERESTING = {0, 1, 2, 3, 4, 5, 8, 16, 24, 48, 64, 255, 256, 4096, 65535, 65536,
        131_000, 131_064, 131_071, 131_072, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFF0L, 0xFFFF_FFFFL, -1L, Long.MIN_VALUE};

    @Test
    void everyCallEndsWithAnErrno() throws Exception {
        Random random = new Random(20261121);
        List<String> functions = WasiGuest.SIGNATURES.keySet().stream()
                .filter(f -> !f.equals("poll_oneoff") && !f.equals("proc_exit")).toList();
        try (FileSystem fs = Jimfs.newFileSystem(Configuration.unix())) {
            Path root = Files.createDirectories(fs.getPath("/root"));
            Files.writeString(root.resolve("f"), "content");
            Files.createDirectory(root.resolve("d"));
            WasiConfig config = new WasiConfig().args("a", "b").env("K", "V").stdin("input".getBytes())
                    .preopenedDir(root, "/").maxOpenFiles(16);
            try (WasiGuest guest = new WasiGuest(config)) {
                guest.writeString(600, "f");
                guest.writeString(700, "d/x");
                int calls = 0;
                for (int i = 0; i < 30_000; i++) {
                    String function = functions.get(random.nextInt(functions.size()));
                    String params = WasiGuest.SIGNATURES.get(function);
                    long[] args = new long[params.length()];
                    for (int a = 0; a < args.length; a++) {
                        args[a] = switch (random.nextInt(4)) {
                            case 0 -> INTERESTING[random.nextInt(INTERESTING.length)];
                            case 1 -> random.nextInt(8);
                            case 2 -> random.nextInt(1 << 17);
                            default -> params.charAt(a) == 'I' ? random.nextLong() : random.nextInt();
                        };
                    }
                    int errno;
                    try {
                        errno = guest.call(function, args);
                    } catch (WasiExit exit) {
                        assertThat(function).isEqualTo("proc_raise");
                        continue;
                    }
                    assertThat(errno).as("%s%s", function, java.util.Arrays.toString(args)).isBetween(0, 76);
                    calls++;
                }
                assertThat(calls).isGreaterThan(25_000);
            }
        }
    }
}
