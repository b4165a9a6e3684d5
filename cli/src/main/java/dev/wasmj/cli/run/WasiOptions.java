package dev.wasmj.cli.run;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code -S OPT[=VALUE]} options of {@code wasmj run}, spelled as {@code wasmtime run} spells
 * its WASI options: {@code -S inherit-env} (or {@code inherit-env=y|n}) and
 * {@code -S tcplisten=HOST:PORT} (the same as {@code --tcplisten HOST:PORT}).
 */
public final class WasiOptions {
    static final String INHERIT_ENV = "inherit-env";
    static final String TCPLISTEN = "tcplisten";

    @Option(
            names = "-S",
            paramLabel = "OPT[=VALUE][,...]",
            hideParamSyntax = true,
            split = ",",
            converter = SettingConverter.class,
            description = "WASI option; repeatable, comma-separated. inherit-env[=y|n]: give the guest"
                    + " the whole environment of wasmj (before the --env options);"
                    + " tcplisten=HOST:PORT: as --tcplisten.")
    List<Setting> settings = new ArrayList<>();

    /** One {@code -S} entry. */
    sealed interface Setting {
        record InheritEnv(boolean enabled) implements Setting {}

        record TcpListen(ListenAddress address) implements Setting {}
    }

    /** Whether the guest gets the host's whole environment (the last {@code inherit-env} wins). */
    public boolean inheritEnv() {
        boolean inherit = false;
        for (Setting s : settings) {
            if (s instanceof Setting.InheritEnv(boolean enabled)) {
                inherit = enabled;
            }
        }
        return inherit;
    }

    /** The addresses of the {@code tcplisten} entries, in order. */
    public List<ListenAddress> tcpListen() {
        List<ListenAddress> addresses = new ArrayList<>();
        for (Setting s : settings) {
            if (s instanceof Setting.TcpListen(ListenAddress address)) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    /** Parses {@code OPT[=VALUE]}. */
    static final class SettingConverter implements ITypeConverter<Setting> {
        @Override
        public Setting convert(String text) {
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(0, eq);
            String value = eq < 0 ? null : text.substring(eq + 1);
            return switch (name) {
                case INHERIT_ENV -> new Setting.InheritEnv(value == null || parseFlag(name, value));
                case TCPLISTEN -> {
                    if (value == null) {
                        throw new TypeConversionException("tcplisten needs an address: tcplisten=HOST:PORT");
                    }
                    yield new Setting.TcpListen(ParsingConverter.parse(value, ListenAddress::parse));
                }
                default -> throw new TypeConversionException(
                        "unknown WASI option '" + name + "'; known: " + INHERIT_ENV + ", " + TCPLISTEN);
            };
        }

        private static boolean parseFlag(String name, String value) {
            return switch (value) {
                case "y", "yes", "true" -> true;
                case "n", "no", "false" -> false;
                default -> throw new TypeConversionException("'" + value + "' for " + name + " is not y or n");
            };
        }
    }
}
