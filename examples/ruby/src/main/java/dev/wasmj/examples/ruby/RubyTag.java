package dev.wasmj.examples.ruby;

/**
 * How a protected call into Ruby ended: the tag state ({@code TAG_*} of CRuby's
 * {@code vm_core.h}) that {@code rb_protect} reports. Only the low four bits are the tag.
 */
enum RubyTag {
    NONE, RETURN, BREAK, NEXT, RETRY, REDO, RAISE, THROW, FATAL;

    private static final int MASK = 0xf;

    /** The tag of {@code state}, or null for a state that is none of them. */
    static RubyTag of(int state) {
        int tag = state & MASK;
        return tag < values().length ? values()[tag] : null;
    }

    /** Whether an exception object ({@code $!}) says what happened. */
    boolean hasException() {
        return this == RAISE || this == FATAL;
    }
}
