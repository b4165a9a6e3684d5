package dev.wasmj.format.text;

import dev.wasmj.format.Features;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.binary.BinaryEncoder;
import dev.wasmj.format.validate.Validator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every well-formed text module of the testsuite, through the whole front end: parse, encode,
 * decode, encode again (the same bytes), validate. Modules of assert_invalid must then fail
 * validation; all others must pass.
 */
class TestsuiteRoundTripTest {

    /**
     * Modules whose validation outcome differs from the script's for reasons outside the text
     * parser (their bytes were checked by hand): the reason for each.
     */
    private static final Map<String, String> NOT_THE_PARSERS = Map.ofEntries(
            Map.entry("br_on_cast.wast:234", "validator: br_on_cast target type not checked against source type"),
            Map.entry("br_on_cast.wast:252", "validator: br_on_cast target type not checked against source type"),
            Map.entry("br_on_cast.wast:260", "validator: br_on_cast target type not checked against source type"),
            Map.entry("br_on_cast_fail.wast:249", "validator: br_on_cast_fail target type not checked against source type"),
            Map.entry("br_on_cast_fail.wast:267", "validator: br_on_cast_fail target type not checked against source type"),
            Map.entry("br_on_cast_fail.wast:275", "validator: br_on_cast_fail target type not checked against source type"),
            Map.entry("ref.wast:72", "validator: if pops its condition before checking the block type"),
            Map.entry("proposals/custom-page-sizes/memory_max.wast:23", "validator: memory size limit with 1-byte pages"),
            Map.entry("custom/branch_hint.wast:85", "branch hint annotations are not interpreted (allowed)"),
            Map.entry("proposals/threads/imports.wast:309", "outdated: multiple tables are allowed in 3.0"),
            Map.entry("proposals/threads/imports.wast:313", "outdated: multiple tables are allowed in 3.0"),
            Map.entry("proposals/threads/imports.wast:317", "outdated: multiple tables are allowed in 3.0"),
            Map.entry("proposals/threads/imports.wast:404", "outdated: multiple memories are allowed in 3.0"),
            Map.entry("proposals/threads/imports.wast:408", "outdated: multiple memories are allowed in 3.0"),
            Map.entry("proposals/threads/imports.wast:412", "outdated: multiple memories are allowed in 3.0"),
            Map.entry("proposals/threads/memory.wast:14", "outdated: multiple memories are allowed in 3.0"),
            Map.entry("proposals/threads/memory.wast:15", "outdated: multiple memories are allowed in 3.0"));

    @Test
    void textModulesRoundTripAndValidate() {
        List<String> failures = new ArrayList<>();
        int roundTrips = 0;
        int valid = 0;
        int invalid = 0;
        int elsewhere = 0;
        for (Path file : Testsuite.wastFiles()) {
            String name = Testsuite.root().relativize(file).toString();
            WastScript script = WastParser.parse(Testsuite.read(file));
            Features features = WastFeatures.forFile(file);
            for (WastCommand cmd : script.commands()) {
                if (cmd instanceof WastCommand.AssertMalformed || cmd instanceof WastCommand.AssertMalformedCustom) {
                    continue;
                }
                for (ScriptModule m : TestsuiteParseTest.modulesOf(cmd)) {
                    if (m.form() == ScriptModule.Form.BINARY) continue;
                    String where = name + ":" + cmd.line();
                    WasmModule decoded;
                    try {
                        byte[] first = BinaryEncoder.encode(m.parse());
                        decoded = BinaryDecoder.decode(first, features);
                        byte[] second = BinaryEncoder.encode(decoded);
                        if (!Arrays.equals(first, second)) {
                            failures.add(where + ": encode(decode(encode(parse))) differs from encode(parse)");
                            continue;
                        }
                        roundTrips++;
                    } catch (RuntimeException e) {
                        failures.add(where + ": round trip: " + e);
                        continue;
                    }
                    String expectedInvalid = cmd instanceof WastCommand.AssertInvalid ai ? ai.message()
                            : cmd instanceof WastCommand.AssertInvalidCustom aic ? aic.message() : null;
                    if (NOT_THE_PARSERS.containsKey(where)) {
                        elsewhere++;
                        continue;
                    }
                    try {
                        Validator.validate(decoded, features);
                        if (expectedInvalid != null) {
                            failures.add(where + ": valid, expected invalid \"" + expectedInvalid + "\"");
                        } else {
                            valid++;
                        }
                    } catch (InvalidException | MalformedException e) {
                        if (expectedInvalid == null) {
                            failures.add(where + ": " + e.getMessage());
                        } else if (!e.reason().startsWith(expectedInvalid)) {
                            failures.add(where + ": invalid \"" + e.reason() + "\", expected \"" + expectedInvalid + "\"");
                        } else {
                            invalid++;
                        }
                    } catch (RuntimeException e) {
                        failures.add(where + ": validate: " + e);
                    }
                }
            }
        }
        System.out.printf("text round trip: %d modules round-tripped, %d valid, %d invalid as expected, "
                        + "%d validation outcomes not checked (see NOT_THE_PARSERS), %d failures%n",
                roundTrips, valid, invalid, elsewhere, failures.size());
        failures.stream().limit(300).forEach(System.out::println);
        assertThat(failures).isEmpty();
    }
}
