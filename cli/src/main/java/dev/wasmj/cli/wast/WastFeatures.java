package dev.wasmj.cli.wast;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import java.nio.file.Path;

/** The features a .wast file of the spec testsuite is written for. */
public final class WastFeatures {
    private WastFeatures() {}

    /**
     * {@link Features#DEFAULT}, plus {@link Feature#CUSTOM_DESCRIPTORS} for files under a
     * {@code proposals/custom-descriptors} directory.
     */
    public static Features forFile(Path file) {
        Path path = file.toAbsolutePath().normalize();
        for (int i = 0; i + 1 < path.getNameCount(); i++) {
            if (path.getName(i).toString().equals("proposals")
                    && path.getName(i + 1).toString().equals("custom-descriptors")) {
                return Features.DEFAULT.with(Feature.CUSTOM_DESCRIPTORS);
            }
        }
        return Features.DEFAULT;
    }
}
