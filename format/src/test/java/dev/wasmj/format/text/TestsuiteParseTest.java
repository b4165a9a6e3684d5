package dev.wasmj.format.text;

import dev.wasmj.format.Features;
import dev.wasmj.format.MalformedException;
import dev.wasmj.format.WasmFormatException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Parses every .wast file of the spec testsuite, then every text module in it: modules outside
 * assert_malformed and assert_malformed_custom must parse; quoted modules inside them must be
 * rejected with the expected message (compared as a prefix, as the reference interpreter does).
 */
class TestsuiteParseTest {

    @Test
    void parsesEveryScriptAndModule() {
        List<String> failures = new ArrayList<>();
        int files = 0;
        int commands = 0;
        int parsed = 0;
        int rejected = 0;
        int wrongMessage = 0;
        for (Path file : Testsuite.wastFiles()) {
            String name = Testsuite.root().relativize(file).toString();
            WastScript script;
            try {
                script = WastParser.parse(Testsuite.read(file));
            } catch (RuntimeException e) {
                failures.add(name + ": script: " + e);
                continue;
            }
            files++;
            Features features = WastFeatures.forFile(file);
            for (WastCommand cmd : script.commands()) {
                commands++;
                for (ScriptModule m : modulesOf(cmd)) {
                    if (m.form() == ScriptModule.Form.BINARY) continue;
                    String where = name + ":" + cmd.line();
                    String malformed = cmd instanceof WastCommand.AssertMalformed am ? am.message()
                            : cmd instanceof WastCommand.AssertMalformedCustom amc ? amc.message() : null;
                    if (malformed != null) {
                        try {
                            m.parse(features);
                            failures.add(where + ": accepted, expected \"" + malformed + "\"");
                        } catch (MalformedException e) {
                            rejected++;
                            if (!e.reason().startsWith(malformed)) {
                                wrongMessage++;
                                failures.add(where + ": message \"" + e.reason() + "\", expected \"" + malformed + "\"");
                            }
                        } catch (RuntimeException e) {
                            failures.add(where + ": " + e);
                        }
                    } else {
                        try {
                            m.parse(features);
                            parsed++;
                        } catch (WasmFormatException e) {
                            failures.add(where + ": " + e.getMessage());
                        } catch (RuntimeException e) {
                            StackTraceElement[] st = e.getStackTrace();
                            failures.add(where + ": " + e + (st.length > 0 ? " at " + st[0] : ""));
                        }
                    }
                }
            }
        }
        System.out.printf("text: %d files, %d commands, %d modules parsed, %d malformed rejected (%d wrong message), "
                        + "%d failures%n",
                files, commands, parsed, rejected, wrongMessage, failures.size());
        failures.stream().limit(400).forEach(System.out::println);
        assertThat(failures).isEmpty();
    }

    static List<ScriptModule> modulesOf(WastCommand cmd) {
        return switch (cmd) {
            case WastCommand.Module m -> List.of(m.module());
            case WastCommand.AssertTrap t -> t.module() == null ? List.of() : List.of(t.module());
            case WastCommand.AssertMalformed m -> List.of(m.module());
            case WastCommand.AssertInvalid m -> List.of(m.module());
            case WastCommand.AssertUnlinkable m -> List.of(m.module());
            case WastCommand.AssertUninstantiable m -> List.of(m.module());
            case WastCommand.AssertMalformedCustom m -> List.of(m.module());
            case WastCommand.AssertInvalidCustom m -> List.of(m.module());
            case WastCommand.Thread t -> t.commands().stream().flatMap(c -> modulesOf(c).stream()).toList();
            default -> List.of();
        };
    }
}
