package dev.wasmj.cli.wast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What running .wast scripts found: how many commands passed, failed and were skipped, the
 * failures, and notes (passing assertions whose error message differs from the expected one).
 */
public final class WastReport {
    private int passed;
    private int failed;
    private int skipped;
    private long fallbacks;
    private final List<Finding> failures = new ArrayList<>();
    private final List<Finding> notes = new ArrayList<>();

    /**
     * A failure or a note about the command at {@code line} of {@code file} (line 0: the file as a
     * whole). Prints as {@code file:line: text}.
     */
    public record Finding(String file, int line, String text) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + text;
        }
    }

    void pass() {
        passed++;
    }

    void skip() {
        skipped++;
    }

    void fail(String file, int line, String reason) {
        failed++;
        failures.add(new Finding(file, line, reason));
    }

    void note(String file, int line, String text) {
        notes.add(new Finding(file, line, text));
    }

    /** Adds the counts and findings of {@code other} to this report. */
    public void add(WastReport other) {
        passed += other.passed;
        failed += other.failed;
        skipped += other.skipped;
        fallbacks += other.fallbacks;
        failures.addAll(other.failures);
        notes.addAll(other.notes);
    }

    public int passed() {
        return passed;
    }

    public int failed() {
        return failed;
    }

    public int skipped() {
        return skipped;
    }

    void addFallbacks(long n) {
        fallbacks += n;
    }

    /** How many functions ran on the interpreter because the compiler could not compile them. */
    public long fallbacks() {
        return fallbacks;
    }

    /** One finding per failed command, in script order. */
    public List<Finding> failures() {
        return Collections.unmodifiableList(failures);
    }

    /** One finding per passed assertion whose message differed from the expected one. */
    public List<Finding> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** The summary line: {@code wast: N passed, M failed, K skipped}. */
    public String summary() {
        return "wast: " + passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }
}
