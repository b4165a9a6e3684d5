package dev.wasmj.cli.run;

import java.util.Map;
import java.util.Optional;

/**
 * An {@code --env NAME[=VALUE]} option: sets {@code NAME} in the guest's environment to
 * {@code VALUE}, or, without {@code =VALUE}, to the value {@code NAME} has in the host's
 * environment (left unset when the host has none), like {@code wasmtime run --env}.
 *
 * @param value the value given, or null to inherit the host's
 */
public record EnvSetting(String name, String value) {
    /** Parses {@code NAME[=VALUE]}. */
    public static EnvSetting parse(String text) {
        int eq = text.indexOf('=');
        String name = eq < 0 ? text : text.substring(0, eq);
        if (name.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' is not NAME[=VALUE]");
        }
        return new EnvSetting(name, eq < 0 ? null : text.substring(eq + 1));
    }

    /** The value the guest gets, given the host's environment; empty to leave it unset. */
    public Optional<String> resolve(Map<String, String> hostEnv) {
        return Optional.ofNullable(value != null ? value : hostEnv.get(name));
    }

    /** The picocli converter of {@code --env}. */
    public static final class Converter extends ParsingConverter<EnvSetting> {
        public Converter() {
            super(EnvSetting::parse);
        }
    }
}
