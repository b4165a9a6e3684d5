package dev.wasmj.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

class FeatureOptionsTest {

    private static Features parse(String... args) {
        FeatureOptions options = new FeatureOptions();
        new CommandLine(options).parseArgs(args);
        return options.apply(Features.DEFAULT);
    }

    @Test
    void noOptionsKeepTheBase() {
        assertThat(parse()).isEqualTo(Features.DEFAULT);
    }

    @Test
    void namesTurnFeaturesOnAndOff() {
        assertThat(parse("-W", "threads=n")).isEqualTo(Features.DEFAULT.without(Feature.THREADS));
        assertThat(parse("-W", "custom-descriptors")).isEqualTo(Features.ALL);
        assertThat(parse("-W", "custom-descriptors=yes", "-W", "gc=false"))
                .isEqualTo(Features.ALL.without(Feature.GC));
    }

    @Test
    void commasSeparateSettings() {
        assertThat(parse("-W", "gc=n,tail-call=n,simd"))
                .isEqualTo(Features.DEFAULT.without(Feature.GC).without(Feature.TAIL_CALL));
    }

    @Test
    void allProposalsAppliesBeforeSingleFeatures() {
        assertThat(parse("-W", "simd=y", "-W", "all-proposals=n")).isEqualTo(Features.MVP.with(Feature.SIMD));
        assertThat(parse("-W", "threads=n,all-proposals=y")).isEqualTo(Features.ALL.without(Feature.THREADS));
    }

    @Test
    void everyFeatureHasAName() {
        for (Feature f : Feature.values()) {
            assertThat(parse("-W", f.text() + "=n").has(f)).isFalse();
        }
    }

    @Test
    void rejectsUnknownNamesAndValues() {
        FeatureOptions.SettingConverter converter = new FeatureOptions.SettingConverter();
        assertThatThrownBy(() -> converter.convert("nan-canonicalization=y"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("unknown feature 'nan-canonicalization'");
        assertThatThrownBy(() -> converter.convert("simd=1"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessageContaining("not y or n");
    }
}
