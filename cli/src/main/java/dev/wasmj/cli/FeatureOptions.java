package dev.wasmj.cli;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code -W FEATURE[=y|n]} options, spelled as the {@code wasmtime} command spells wasm
 * features: {@code -W threads=n}, {@code -W gc=y,tail-call=n}, {@code -W all-proposals=y}.
 * A name alone means {@code =y}. {@code all-proposals} applies first, then the single features in
 * the order given.
 */
public final class FeatureOptions {
    static final String ALL_PROPOSALS = "all-proposals";

    @Option(
            names = "-W",
            paramLabel = "FEATURE[=y|n][,...]",
            hideParamSyntax = true,
            split = ",",
            converter = SettingConverter.class,
            description = "Enable (y) or disable (n) a WebAssembly feature; repeatable, comma-separated."
                    + " The names are listed below.")
    List<Setting> settings = new ArrayList<>();

    /** One {@code -W} entry: a feature, or null for {@code all-proposals}, turned on or off. */
    record Setting(Feature feature, boolean enabled) {}

    /** {@code base} changed by the {@code -W} options. */
    public Features apply(Features base) {
        Features result = base;
        for (Setting s : settings) {
            if (s.feature() == null) {
                result = s.enabled() ? Features.ALL : Features.MVP;
            }
        }
        for (Setting s : settings) {
            if (s.feature() != null) {
                result = s.enabled() ? result.with(s.feature()) : result.without(s.feature());
            }
        }
        return result;
    }

    /** Parses {@code name[=y|n]}. */
    static final class SettingConverter implements ITypeConverter<Setting> {
        @Override
        public Setting convert(String text) {
            int eq = text.indexOf('=');
            String name = eq < 0 ? text : text.substring(0, eq);
            boolean enabled = eq < 0 || parseFlag(text.substring(eq + 1), name);
            if (name.equals(ALL_PROPOSALS)) {
                return new Setting(null, enabled);
            }
            Feature feature = Feature.byName(name);
            if (feature == null) {
                throw new TypeConversionException("unknown feature '" + name + "'; known: " + names());
            }
            return new Setting(feature, enabled);
        }

        private static boolean parseFlag(String value, String name) {
            return switch (value) {
                case "y", "yes", "true" -> true;
                case "n", "no", "false" -> false;
                default -> throw new TypeConversionException(
                        "'" + value + "' for feature '" + name + "' is not y or n");
            };
        }
    }

    /** The names {@code -W} accepts, comma-separated. */
    static String names() {
        return Stream.concat(Stream.of(ALL_PROPOSALS), Stream.of(Feature.values()).map(Feature::text))
                .collect(Collectors.joining(", "));
    }

    /** Adds the list of feature names to the help of every command that has {@code -W}. */
    static void describeIn(CommandLine commandLine) {
        for (CommandLine sub : commandLine.getSubcommands().values()) {
            if (sub.getCommandSpec().findOption("-W") != null) {
                String disabled = Stream.of(Feature.values())
                        .filter(f -> !Features.DEFAULT.has(f))
                        .map(Feature::text)
                        .collect(Collectors.joining(", "));
                sub.getCommandSpec().usageMessage().footer(
                        "%nFeatures for -W: " + names() + ".",
                        "All are enabled by default except: " + disabled + ".");
            }
        }
    }
}
