package dev.wasmj.format.validate;

import dev.wasmj.format.Features;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.WasmFormatException;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.BinaryDecoder;
import dev.wasmj.format.text.ScriptModule;
import dev.wasmj.format.text.Testsuite;
import dev.wasmj.format.text.WastCommand;
import dev.wasmj.format.text.WastFeatures;
import dev.wasmj.format.text.WastParser;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The spec testsuite's modules, loaded as the runtime loads them (text is parsed and encoded, then
 * decoded with the file's features) and validated: modules that must instantiate or link must be
 * valid; {@code assert_invalid} modules must fail validation with the expected
 * message (compared by prefix, as the reference interpreter's runner does); {@code
 * assert_malformed} modules that the decoder accepts are malformed in a function body, which the
 * validator must find, with the expected message.
 */
class TestsuiteValidationTest {

    private final List<String> failures = new ArrayList<>();
    private int valid;
    private int invalid;
    private int malformed;

    @Test
    void modulesOfTheTestsuite() {
        for (Path file : Testsuite.wastFiles()) {
            String name = Testsuite.root().relativize(file).toString();
            Features features = WastFeatures.forFile(file);
            for (WastCommand cmd : WastParser.parse(Testsuite.read(file)).commands()) {
                check(name, cmd, features);
            }
        }
        System.out.printf("testsuite modules: %d valid, %d invalid, %d malformed in code as expected, %d failures%n",
                valid, invalid, malformed, failures.size());
        failures.forEach(System.out::println);
        assertThat(failures).isEmpty();
        assertThat(valid + invalid).isGreaterThan(5000);
    }

    private void check(String file, WastCommand cmd, Features features) {
        String where = file + ":" + cmd.line();
        switch (cmd) {
            case WastCommand.Module m -> expectValid(where, m.module(), features);
            case WastCommand.AssertUnlinkable m -> expectValid(where, m.module(), features);
            case WastCommand.AssertUninstantiable m -> expectValid(where, m.module(), features);
            case WastCommand.AssertTrap m when m.module() != null -> expectValid(where, m.module(), features);
            case WastCommand.AssertInvalid m -> expectInvalid(where, m.module(), m.message(), features);
            case WastCommand.AssertMalformed m -> expectMalformedCode(where, m.module(), m.message(), features);
            case WastCommand.Thread t -> t.commands().forEach(c -> check(file, c, features));
            default -> { }
        }
    }

    private void expectValid(String where, ScriptModule sm, Features features) {
        try {
            Validator.validate(sm.module(features), features);
            valid++;
        } catch (RuntimeException e) {
            failures.add(where + ": expected valid: " + e);
        }
    }

    private void expectInvalid(String where, ScriptModule sm, String message, Features features) {
        try {
            Validator.validate(sm.module(features), features);
            failures.add(where + ": valid, expected invalid \"" + message + "\"");
        } catch (InvalidException e) {
            if (e.reason().startsWith(message)) {
                invalid++;
            } else {
                failures.add(where + ": invalid \"" + e.reason() + "\", expected \"" + message + "\"");
            }
        } catch (RuntimeException e) {
            failures.add(where + ": expected invalid \"" + message + "\": " + e);
        }
    }

    private void expectMalformedCode(String where, ScriptModule sm, String message, Features features) {
        if (sm.form() != ScriptModule.Form.BINARY) return;
        WasmModule m;
        try {
            m = BinaryDecoder.decode(sm.bytes(), features);
        } catch (WasmFormatException e) {
            return; // the decoder's business (see TestsuiteBinaryTest)
        }
        try {
            Validator.validate(m, features);
            failures.add(where + ": valid, expected malformed \"" + message + "\"");
        } catch (MalformedException e) {
            if (e.reason().startsWith(message)) {
                malformed++;
            } else {
                failures.add(where + ": malformed \"" + e.reason() + "\", expected \"" + message + "\"");
            }
        } catch (RuntimeException e) {
            failures.add(where + ": expected malformed \"" + message + "\": " + e);
        }
    }
}
