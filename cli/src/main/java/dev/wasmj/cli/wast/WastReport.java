package dev.wasmj.cli.wast;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What running .wast scripts found: how many commands passed, failed and were skipped, one line
 * per failure ({@code file:line: reason}) and one per note (a passing assertion whose error message
 * differs from the expected one).
 */
public final class WastReport {
    private int passed;
    private int failed;
    private int skipped;
    private final List<String> failures = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    void pass() {
        passed++;
    }

    void skip() {
        skipped++;
    }

    void fail(String where, String reason) {
        failed++;
        failures.add(where + ": " + reason);
    }

    void note(String where, String text) {
        notes.add(where + ": " + text);
    }

    /** Adds the counts and lines of {@code other} to this report. */
    public void add(WastReport other) {
        passed += other.passed;
        failed += other.failed;
        skipped += other.skipped;
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

    /** One {@code file:line: reason} line per failed command. */
    public List<String> failures() {
        return Collections.unmodifiableList(failures);
    }

    /** One {@code file:line: text} line per passed assertion whose message differed from the expected one. */
    public List<String> notes() {
        return Collections.unmodifiableList(notes);
    }

    /** The summary line: {@code wast: N passed, M failed, K skipped}. */
    public String summary() {
        return "wast: " + passed + " passed, " + failed + " failed, " + skipped + " skipped";
    }
}
