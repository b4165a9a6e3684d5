package dev.wasmj.examples.ruby;

import java.util.List;

/**
 * A Ruby exception that escaped an evaluation: {@code raise "boom"} becomes a
 * {@code RubyException} with {@link #rubyClass()} {@code "RuntimeError"} and
 * {@link #rubyMessage()} {@code "boom"}. The message of the Java exception reads like Ruby's
 * report, {@code boom (RuntimeError)}. The VM stays usable.
 */
public final class RubyException extends RuntimeException {
    private final String rubyClass;
    private final String rubyMessage;
    private final List<String> rubyBacktrace;

    /**
     * @param rubyClass     the name of the exception's class
     * @param rubyMessage   the exception's message
     * @param rubyBacktrace Ruby's backtrace, innermost frame first (may be empty)
     */
    public RubyException(String rubyClass, String rubyMessage, List<String> rubyBacktrace) {
        super(rubyMessage + " (" + rubyClass + ")");
        this.rubyClass = rubyClass;
        this.rubyMessage = rubyMessage;
        this.rubyBacktrace = List.copyOf(rubyBacktrace);
    }

    /** The name of the Ruby exception's class, e.g. {@code RuntimeError} or {@code NameError}. */
    public String rubyClass() {
        return rubyClass;
    }

    /** The Ruby exception's message. */
    public String rubyMessage() {
        return rubyMessage;
    }

    /** Ruby's backtrace, innermost frame first, e.g. {@code eval:1:in '<main>'}. */
    public List<String> rubyBacktrace() {
        return rubyBacktrace;
    }
}
