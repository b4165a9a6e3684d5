package dev.wasmj.format.text;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;

import java.nio.file.Path;

/**
 * The features a {@code .wast} file of the spec testsuite is written for, from where it lies:
 * the root and {@code custom/} are WebAssembly 3.0; {@code legacy/} adds the legacy exception
 * instructions; {@code proposals/NAME/} adds proposal NAME to 3.0. The threads proposal's tests
 * predate memory64, multiple memories and reference types (they expect "multiple memories" and
 * "multiple tables" to be invalid and limits to be u32), so those are off there.
 */
public final class WastFeatures {
    private WastFeatures() {}

    public static Features forFile(Path file) {
        Path path = file.toAbsolutePath().normalize();
        int n = path.getNameCount();
        for (int i = 0; i + 1 < n; i++) {
            String dir = path.getName(i).toString();
            String next = path.getName(i + 1).toString();
            if (dir.equals("legacy") && i + 2 == n) {
                return Features.WASM_3_0.with(Feature.LEGACY_EXCEPTIONS);
            }
            if (dir.equals("proposals") && i + 2 < n) {
                return switch (next) {
                    case "threads" -> Features.WASM_3_0.with(Feature.THREADS).without(Feature.MEMORY64)
                            .without(Feature.MULTI_MEMORY).without(Feature.REFERENCE_TYPES);
                    case "wide-arithmetic" -> Features.WASM_3_0.with(Feature.WIDE_ARITHMETIC);
                    case "custom-page-sizes" -> Features.WASM_3_0.with(Feature.CUSTOM_PAGE_SIZES);
                    case "custom-descriptors" -> Features.WASM_3_0.with(Feature.CUSTOM_DESCRIPTORS);
                    default -> Features.DEFAULT;
                };
            }
        }
        return path.toString().contains("testsuite") ? Features.WASM_3_0 : Features.DEFAULT;
    }
}
