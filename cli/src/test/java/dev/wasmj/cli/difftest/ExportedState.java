package dev.wasmj.cli.difftest;

import dev.wasmj.Extern;
import dev.wasmj.Global;
import dev.wasmj.Instance;
import dev.wasmj.Memory;
import dev.wasmj.SharedMemory;
import dev.wasmj.Store;
import dev.wasmj.Table;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares what two instances of one module, each on its own engine, show through their exports:
 * the values of globals, the sizes and elements of tables, the sizes and every byte of memories.
 */
final class ExportedState {
    private ExportedState() {}

    /** The differences between {@code a} and {@code b}, each a line naming the export; empty when they agree. */
    static List<String> differences(Instance a, Instance b) {
        List<String> differences = new ArrayList<>();
        List<String> names = a.exportNames();
        if (!names.equals(b.exportNames())) {
            differences.add("exports " + names + " vs " + b.exportNames());
            return differences;
        }
        for (int i = 0; i < names.size(); i++) {
            String difference = difference(a.store(), a.export(i), b.store(), b.export(i));
            if (difference != null) {
                differences.add("export \"" + names.get(i) + "\": " + difference);
            }
        }
        return differences;
    }

    /** How extern {@code a} of store {@code sa} differs from {@code b} of {@code sb}, or null if they agree. */
    static String difference(Store<?> sa, Extern a, Store<?> sb, Extern b) {
        return switch (a) {
            case Global g when b instanceof Global h -> {
                String x = Observed.value(sa, g.get());
                String y = Observed.value(sb, h.get());
                yield x.equals(y) ? null : "global " + x + " vs " + y;
            }
            case Memory m when b instanceof Memory n -> memory(m.data(), n.data());
            case SharedMemory m when b instanceof SharedMemory n -> memory(m.data(), n.data());
            case Table t when b instanceof Table u -> table(sa, t, sb, u);
            default -> a.getClass() == b.getClass() ? null
                    : a.getClass().getSimpleName() + " vs " + b.getClass().getSimpleName();
        };
    }

    /** Sizes that differ, and the first byte that differs within both. */
    private static String memory(MemorySegment a, MemorySegment b) {
        List<String> differences = new ArrayList<>();
        long common = Math.min(a.byteSize(), b.byteSize());
        if (a.byteSize() != b.byteSize()) {
            differences.add("memory of " + a.byteSize() + " bytes vs " + b.byteSize() + " bytes");
        }
        long at = MemorySegment.mismatch(a, 0, common, b, 0, common);
        if (at >= 0) {
            differences.add(String.format("memory differs first at byte %d (0x%x): %s vs %s", at, at, bytes(a, at), bytes(b, at)));
        }
        return differences.isEmpty() ? null : String.join(", ", differences);
    }

    /** Up to 16 bytes from {@code at}, in hex. */
    private static String bytes(MemorySegment m, long at) {
        StringBuilder sb = new StringBuilder();
        for (long i = at; i < Math.min(m.byteSize(), at + 16); i++) {
            sb.append(String.format("%02x", m.get(java.lang.foreign.ValueLayout.JAVA_BYTE, i)));
        }
        return sb.toString();
    }

    private static String table(Store<?> sa, Table a, Store<?> sb, Table b) {
        if (a.size() != b.size()) {
            return "table of " + a.size() + " elements vs " + b.size();
        }
        for (long i = 0; i < a.size(); i++) {
            String x = Observed.value(sa, a.get(i));
            String y = Observed.value(sb, b.get(i));
            if (!x.equals(y)) {
                return "table element " + i + ": " + x + " vs " + y;
            }
        }
        return null;
    }
}
