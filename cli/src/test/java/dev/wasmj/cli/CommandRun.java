package dev.wasmj.cli;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** The outcome of running the {@code wasmj} command in-process, for tests. */
record CommandRun(int status, byte[] stdout, String stderr) {

    static CommandRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, out, err);
        return new CommandRun(status, out.toByteArray(), err.toString(StandardCharsets.UTF_8));
    }

    String out() {
        return new String(stdout, StandardCharsets.UTF_8);
    }
}
