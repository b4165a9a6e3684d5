package dev.wasmj.format.fuzz;

import dev.wasmj.format.Feature;
import dev.wasmj.format.Features;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.validate.TypeRegistry;
import dev.wasmj.format.validate.Validator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutated binary modules of the testsuite (those written in binary and the text ones encoded) through the decoder and validator, with all features
 * and with the default ones: every input is a module or a {@link WasmFormatException} with a byte
 * offset inside the input, never anything else (see {@link FuzzHarness}). Also checks that a
 * decoded module re-encodes to bytes that decode, and that a module valid with the default
 * features is valid with all of them.
 */
class BinaryFuzzTest {
    static final Duration BUDGET = Duration.ofSeconds(Long.getLong("wasmj.fuzz.seconds", 20));
    static final long ITERATIONS = Long.getLong("wasmj.fuzz.iterations", 3_000_000);
    static final Duration PER_INPUT = Duration.ofSeconds(10);

    /**
     * Decode and validate with all features, with the default ones and with a subset chosen by the
     * input's hash (so that feature gating is exercised, deterministically); throws the rejection
     * with all features. A module valid with fewer features must be valid with all.
     */
    static void decodeAndValidate(byte[] bytes) {
        WasmFormatException all = outcome(bytes, Features.ALL);
        for (Features fewer : new Features[] {Features.DEFAULT, subset(Arrays.hashCode(bytes))}) {
            if (outcome(bytes, fewer) == null && all != null) {
                throw new AssertionError("valid with " + fewer + " but not with all features: " + all);
            }
        }
        if (all != null) {
            throw all;
        }
    }

    /** The features whose bits are set in {@code bits}. */
    static Features subset(int bits) {
        EnumSet<Feature> set = EnumSet.noneOf(Feature.class);
        for (Feature f : Feature.values()) {
            if ((bits >>> f.ordinal() & 1) != 0) {
                set.add(f);
            }
        }
        return Features.of(set);
    }

    private static WasmFormatException outcome(byte[] bytes, Features features) {
        WasmModule m;
        try {
            m = BinaryDecoder.decode(bytes, features);
        } catch (WasmFormatException e) {
            return e;
        }
        byte[] again = BinaryEncoder.encode(m);
        try {
            BinaryDecoder.decode(again, features);
        } catch (WasmFormatException e) {
            throw new AssertionError("re-encoded module does not decode: " + e, e);
        }
        try {
            Validator.validate(m, features, new TypeRegistry());
            return null;
        } catch (WasmFormatException e) {
            return e;
        }
    }

    /**
     * A binary error must point into the input (the end included). Module-level validation errors
     * have no offset (-1): the module model keeps no positions for declarations.
     */
    static String offsetCheck(byte[] input, WasmFormatException e) {
        if (e.offset() == -1 && e instanceof InvalidException) {
            return null;
        }
        return e.offset() >= 0 && e.offset() <= input.length ? null : "offset outside the input";
    }

    static FuzzHarness<byte[]> harness() {
        return new FuzzHarness<>("wasm", BinaryFuzzTest::decodeAndValidate, b -> b, BinaryFuzzTest::offsetCheck, PER_INPUT);
    }

    @Test
    void mutatedTestsuiteModules() {
        long start = System.nanoTime(); // reading and running the seeds count against the budget
        List<byte[]> corpus = FuzzCorpus.seeds().binaryModules();
        assertThat(corpus).hasSizeGreaterThan(1000);
        List<byte[]> valid = new ArrayList<>();
        try (FuzzHarness<byte[]> h = harness()) {
            for (byte[] seed : corpus) {
                long before = h.accepted;
                h.run(seed, "wasm corpus module");
                if (h.accepted > before) {
                    valid.add(seed);
                }
            }
            // valid seeds most of the time: their mutants get further than those of malformed ones
            FuzzHarness.Stats stats = h.campaign(BUDGET.minusNanos(System.nanoTime() - start), ITERATIONS, (m, i) -> {
                List<byte[]> from = m.nextInt(4) == 0 ? corpus : valid;
                byte[] input = from.get(m.nextInt(from.size()));
                byte[] other = corpus.get(m.nextInt(corpus.size()));
                int n = 1 + m.nextInt(3);
                for (int k = 0; k < n; k++) {
                    input = m.nextInt(4) == 0 ? m.mutateBinary(input, other) : m.mutateSections(input, other);
                }
                return input;
            });
            System.out.println("BinaryFuzzTest: " + corpus.size() + " seeds (" + valid.size() + " valid), " + stats);
            assertThat(stats.findings()).isEmpty();
            assertThat(stats.accepted()).as("some mutants are still valid modules").isPositive();
            assertThat(stats.invalid()).as("some mutants reach the validator and fail there").isPositive();
        }
    }
}
