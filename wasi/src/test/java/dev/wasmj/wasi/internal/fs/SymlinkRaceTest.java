package dev.wasmj.wasi.internal.fs;

import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.CREAT;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.openRoot;
import static dev.wasmj.wasi.internal.fs.SandboxTestSupport.readText;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wasmj.wasi.internal.ErrnoException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Time-of-check/time-of-use: while one thread keeps swapping the entry {@code sw} between a
 * real directory inside, a link to a directory inside and links to the outside directory, the
 * sandbox resolves {@code sw/secret} thousands of times. It must only ever see the inside file
 * or fail with an errno, and never create anything outside.
 */
class SymlinkRaceTest {
    private static final int ATTEMPTS = 4000;
    /** How long to keep trying for both outcomes (a read that got through, a refusal) to occur. */
    private static final int MAX_SECONDS = 30;

    @ParameterizedTest
    @EnumSource(value = FsKind.class, names = {"HOST", "JIMFS"})
    void aSwappedEntryNeverLeadsOutside(FsKind kind) throws Exception {
        try (var fx = kind.create(); var root = openRoot(fx)) {
            Path parkedDir = Files.createDirectory(fx.root.resolve("parked-dir"));
            Files.writeString(parkedDir.resolve("secret"), "inside");
            Files.createDirectory(fx.root.resolve("other-dir"));
            Files.writeString(fx.root.resolve("other-dir/secret"), "inside");
            Path parkedInLink = Files.createSymbolicLink(fx.root.resolve("parked-in"), fx.path("other-dir"));
            Path parkedOutLink = Files.createSymbolicLink(fx.root.resolve("parked-out"), fx.path("../outside"));
            Path parkedAbsLink = Files.createSymbolicLink(fx.root.resolve("parked-abs"), fx.outside.toAbsolutePath());
            Path sw = fx.root.resolve("sw");

            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> swapFailure = new AtomicReference<>();
            Thread swapper = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        // the real directory and the link out alternate most: their swap is the dangerous one
                        for (Path parked : new Path[] {parkedDir, parkedOutLink, parkedDir, parkedOutLink, parkedInLink,
                                parkedDir, parkedAbsLink}) {
                            Files.move(parked, sw, StandardCopyOption.ATOMIC_MOVE);
                            Files.move(sw, parked, StandardCopyOption.ATOMIC_MOVE);
                        }
                    }
                } catch (Throwable t) {
                    swapFailure.set(t);
                }
            }, "symlink-swapper");

            int insideReads = 0;
            int refusals = 0;
            swapper.start();
            try {
                long deadline = System.nanoTime() + MAX_SECONDS * 1_000_000_000L;
                for (int i = 0; swapper.isAlive() && (i < ATTEMPTS || insideReads < 10 || refusals < 10)
                        && System.nanoTime() < deadline; i++) {
                    try {
                        String content = readText(root, "sw/secret");
                        assertThat(content).as("attempt %d read through a swapped entry", i).isEqualTo("inside");
                        insideReads++;
                    } catch (ErrnoException refused) {
                        refusals++;
                    }
                    try {
                        root.open("sw/planted-" + (i % 8), true, CREAT, 0, false, true).close();
                    } catch (ErrnoException refused) {
                        refusals++;
                    }
                }
            } finally {
                stop.set(true);
                swapper.join();
            }
            assertThat(swapFailure.get()).as("the swapping thread failed").isNull();
            assertThat(insideReads).as("reads that got through (%d refused)", refusals).isPositive();
            assertThat(refusals).as("attempts refused").isPositive();
            assertThat(Files.readString(fx.outside.resolve("secret"))).isEqualTo("outside-secret");
            try (Stream<Path> outside = Files.list(fx.outside)) {
                assertThat(outside.map(p -> p.getFileName().toString())).containsExactly("secret");
            }
        }
    }
}
