package dev.wasmj.format.fuzz;

import dev.wasmj.format.binary.TestsuiteBinaryTest;
import dev.wasmj.format.binary.WastBinaryModules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The seeds of the fuzz tests: the spec testsuite's modules, in a fixed order. */
final class FuzzCorpus {
    private static List<byte[]> binaryModules;

    private FuzzCorpus() {}

    /** The .wast files of the testsuite, sorted. */
    static List<Path> wastFiles() {
        try (Stream<Path> files = Files.walk(TestsuiteBinaryTest.testsuite())) {
            return files.filter(f -> f.toString().endsWith(".wast")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every module the testsuite writes in binary form, valid or not. */
    static synchronized List<byte[]> binaryModules() {
        if (binaryModules == null) {
            List<byte[]> modules = new ArrayList<>();
            try {
                for (Path file : wastFiles()) {
                    for (WastBinaryModules.Case c : WastBinaryModules.read(file)) {
                        modules.add(c.bytes());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            binaryModules = List.copyOf(modules);
        }
        return binaryModules;
    }
}
