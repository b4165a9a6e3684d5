package dev.wasmj.cli.wast;

/** The outcome of one command of a .wast script. */
public record Verdict(Status status, String reason) {
    /** Whether a command passed, failed, or was not run. */
    public enum Status { PASSED, FAILED, SKIPPED }

    public static final Verdict PASSED = new Verdict(Status.PASSED, null);
    public static final Verdict SKIPPED = new Verdict(Status.SKIPPED, null);

    /** A failure, with a one-line reason. */
    public static Verdict failed(String reason) {
        return new Verdict(Status.FAILED, reason);
    }
}
