package dev.wasmj.cli.difftest;

/** Writes two different {@link Observed} outcomes for a report, long ones cut around where they first differ. */
final class Outcomes {
    /** Outcomes up to this long are written whole. */
    static final int WHOLE = 600;
    private static final int CONTEXT = 200;

    private Outcomes() {}

    /** {@code A x, B y}, or for long outcomes the part of each around their first difference. */
    static String difference(String a, String x, String b, String y) {
        if (x.length() <= WHOLE && y.length() <= WHOLE) {
            return a + " " + x + ", " + b + " " + y;
        }
        int at = 0;
        while (at < x.length() && at < y.length() && x.charAt(at) == y.charAt(at)) {
            at++;
        }
        int from = Math.max(0, at - CONTEXT);
        return "outcomes of " + x.length() + " and " + y.length() + " characters differ first at character " + at
                + ": " + a + " " + cut(x, from) + ", " + b + " " + cut(y, from);
    }

    private static String cut(String s, int from) {
        int to = Math.min(s.length(), from + 2 * CONTEXT);
        return (from > 0 ? "..." : "") + s.substring(from, to) + (to < s.length() ? "..." : "");
    }
}
