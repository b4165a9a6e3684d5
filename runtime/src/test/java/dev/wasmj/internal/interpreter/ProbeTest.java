package dev.wasmj.internal.interpreter;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

class ProbeTest {
    @Test
    void probe() throws Exception {
        Path root = SpecSubsetTest.testsuite().resolve(System.getProperty("probe.dir", "."));
        int tp = 0, tf = 0, ts = 0;
        try (Stream<Path> files = Files.list(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wast")).sorted().toList()) {
                MiniWast w = new MiniWast();
                try {
                    w.run(f.getFileName().toString(), Files.readString(f));
                } catch (Throwable e) {
                    w.failures.add("parse: " + e);
                }
                tp += w.passed; tf += w.failures.size(); ts += w.skipped;
                System.out.println("PROBE " + f.getFileName() + " passed=" + w.passed + " failed=" + w.failures.size()
                        + " skipped=" + w.skipped + (w.failures.isEmpty() ? "" : " first: " + w.failures.get(0)));
            }
        }
        System.out.println("PROBE TOTAL passed=" + tp + " failed=" + tf + " skipped=" + ts);
    }
}
