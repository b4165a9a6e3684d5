package dev.wasmj.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * CRuby embedded in Java (examples/ruby's {@code RubyVm}, ruby.wasm of the npm package
 * {@code @ruby/3.4-wasm-wasi}): a process that reads ruby.wasm, compiles and instantiates it,
 * starts the VM and evaluates {@link #SOURCE}; the time is from reading ruby.wasm to the first line
 * of output ({@link RubyStartup}, {@code Main --ruby}), with the JVM flags of examples/ruby/run.sh
 * (the serial collector, C1 only). The target: under 2 s as a whole process.
 */
record RubyProgram(Path[] wasm) implements WholeProgram {
    static final String SOURCE = "puts 1";

    /** The JVM flags of examples/ruby/run.sh and of ./wasmj: a short script starts sooner on C1 alone. */
    static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private static final Pattern FIRST_LINE = Pattern.compile("first line of output after ([0-9.]+) ms");

    RubyProgram() {
        this(new Path[1]);
    }

    @Override
    public String name() {
        return "ruby";
    }

    @Override
    public String argument() {
        return "'" + SOURCE + "'";
    }

    @Override
    public String notRun(String engine) {
        return engine.startsWith("wasmj-") ? null
                : "CRuby's ruby.wasm needs its JS-ABI embedding (imports rb-js-abi-host): the harness has it on wasmj only";
    }

    /** examples/ruby/ruby-wasm.sh: fetches ruby.wasm (cached in ~/.cache/wasmj/npm) and prints its path. */
    @Override
    public void prepare(Path root) throws IOException, InterruptedException {
        Process fetch = new ProcessBuilder(root.resolve("examples/ruby/ruby-wasm.sh").toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String path = new String(fetch.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (fetch.waitFor() != 0 || path.isEmpty()) {
            throw new IOException("examples/ruby/ruby-wasm.sh failed");
        }
        wasm[0] = Path.of(path);
    }

    @Override
    public List<String> command(String engine, Path scratch, Launch launch) {
        List<String> command = new ArrayList<>(launch.jvm(engine, JVM_OPTIONS));
        command.addAll(List.of("--ruby", engine, "--file", wasm[0].toString(), SOURCE));
        return command;
    }

    @Override
    public double kernelMs(String stdout, String stderr) throws IOException {
        if (!stdout.equals("1\n")) {
            throw new IOException("ruby printed " + stdout.lines().limit(3).toList() + ", expected [1]");
        }
        Matcher first = FIRST_LINE.matcher(stderr);
        if (!first.find()) {
            throw new IOException("ruby: no 'first line of output after N ms'");
        }
        return Double.parseDouble(first.group(1));
    }
}
