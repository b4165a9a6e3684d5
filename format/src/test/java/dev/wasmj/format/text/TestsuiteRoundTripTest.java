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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every well-formed text module of the testsuite, through the whole front end: parse, encode,
 * decode, encode again (the same bytes), validate. Modules of assert_invalid must then fail
 * validation; all others must pass.
 */
class TestsuiteRoundTripTest {

    @Test
    void textModulesRoundTripAndValidate() {
        List<String> failures = new ArrayList<>();
        int roundTrips = 0;
        int valid = 0;
        int invalid = 0;
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
        System.out.printf("text round trip: %d modules round-tripped, %d valid, %d invalid as expected, %d failures%n",
                roundTrips, valid, invalid, failures.size());
        failures.stream().limit(300).forEach(System.out::println);
        assertThat(failures).isEmpty();
    }
}
