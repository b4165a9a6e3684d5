package dev.wasmj.cli.run;


/**
 * A {@code --dir HOST[::GUEST]} option: the host directory {@code host} given to the guest as
 * {@code guest} (by default the host path as written, like {@code wasmtime run --dir}).
 */
public record DirMapping(String host, String guest) {
    static final String SEPARATOR = "::";

    /** Parses {@code HOST[::GUEST]}. */
    public static DirMapping parse(String text) {
        int sep = text.indexOf(SEPARATOR);
        String host = sep < 0 ? text : text.substring(0, sep);
        String guest = sep < 0 ? text : text.substring(sep + SEPARATOR.length());
        if (host.isEmpty() || guest.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not HOST[::GUEST]");
        }
        return new DirMapping(host, guest);
    }

    /** The picocli converter of {@code --dir}. */
    public static final class Converter extends ParsingConverter<DirMapping> {
        public Converter() {
            super(DirMapping::parse);
        }
    }
}
