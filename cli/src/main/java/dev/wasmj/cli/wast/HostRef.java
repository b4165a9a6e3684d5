package dev.wasmj.cli.wast;

/** The host reference a script writes {@code (ref.extern n)} (or {@code (ref.host n)}): equal when their numbers are. */
record HostRef(long number) {
    @Override
    public String toString() {
        return "(ref.extern " + number + ")";
    }
}
