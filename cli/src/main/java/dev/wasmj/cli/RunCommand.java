package dev.wasmj.cli;

import dev.wasmj.Config;
import dev.wasmj.Engine;
import dev.wasmj.Module;
import dev.wasmj.cli.run.DirMapping;
import dev.wasmj.cli.run.EnvSetting;
import dev.wasmj.cli.run.ListenAddress;
import dev.wasmj.cli.run.ModuleFile;
import dev.wasmj.cli.run.Preload;
import dev.wasmj.cli.run.ProgramRun;
import dev.wasmj.cli.run.WasiOptions;
import dev.wasmj.format.Features;
import dev.wasmj.wasi.WasiConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code wasmj run [OPTIONS] FILE [ARGS...]}: runs a WebAssembly program with WASI preview 1, as
 * {@code wasmtime run} does. The options end at FILE: everything after it is the guest's.
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Run a WebAssembly program with WASI (preview 1).",
            "Runs the command's _start (after a reactor's _initialize), or with --invoke any exported function,"
                    + " whose results are then printed one a line. The guest gets ARGS as its arguments"
                    + " (after argv[0]), the standard streams of wasmj, and nothing else unless given:"
                    + " no directories, no environment, no sockets.",
            "Options end at FILE: everything after it goes to the guest.",
            "Exit status: the guest's (its proc_exit status, 0 when it returns); 134 after a trap, which is"
                    + " reported with its wasm backtrace on stderr; 1 when FILE cannot be read, is not a valid"
                    + " module, fails to link, or an option or argument is wrong."
        })
final class RunCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "FILE", description = "The program: a binary (.wasm) or text (.wat) module.")
    String file;

    @Parameters(
            index = "1..*",
            paramLabel = "ARGS",
            description = "The guest's arguments; with --invoke, the function's arguments"
                    + " (i32/i64 in decimal or 0x hexadecimal; f32/f64 as decimals, inf or nan).")
    List<String> args = new ArrayList<>();

    @Option(
            names = "--dir",
            paramLabel = "HOST[::GUEST]",
            converter = DirMapping.Converter.class,
            description = "Give the guest the host directory HOST, named GUEST (default: HOST as written),"
                    + " to read and write; repeatable.")
    List<DirMapping> dirs = new ArrayList<>();

    @Option(
            names = "--env",
            paramLabel = "NAME[=VALUE]",
            converter = EnvSetting.Converter.class,
            description = "Set the guest's environment variable NAME to VALUE; without =VALUE, to its value"
                    + " in wasmj's environment (if it has one); repeatable.")
    List<EnvSetting> env = new ArrayList<>();

    @Option(names = "--argv0", paramLabel = "NAME", description = "The guest's argv[0]. Default: FILE's file name.")
    String argv0;

    @Option(
            names = "--invoke",
            paramLabel = "NAME",
            description = "Call the exported function NAME instead of the default one, with ARGS as its arguments,"
                    + " and print its results.")
    String invoke;

    @Option(
            names = "--preload",
            paramLabel = "NAME=PATH",
            converter = Preload.Converter.class,
            description = "Instantiate the module in PATH first and let the program import its exports from"
                    + " module NAME; repeatable.")
    List<Preload> preloads = new ArrayList<>();

    @Option(
            names = "--tcplisten",
            paramLabel = "HOST:PORT",
            converter = ListenAddress.Converter.class,
            description = "Listen on HOST:PORT and hand the socket to the guest (for sock_accept), as the"
                    + " descriptor after the directories; repeatable.")
    List<ListenAddress> listen = new ArrayList<>();

    @Mixin
    WasiOptions wasiOptions;

    @Mixin
    CodegenOptions codegenOptions;

    @Mixin
    FeatureOptions featureOptions;

    @ParentCommand
    WasmjCommand parent;

    @Spec
    CommandSpec spec;

    /** The sockets bound for --tcplisten: the guest's WASI context closes them, or, if none is made, this command. */
    private final List<ServerSocketChannel> listeners = new ArrayList<>();

    /** Lets the options end at FILE, so that the guest's arguments may look like options. */
    static void configure(CommandLine run) {
        run.setStopAtPositional(true);
    }

    @Override
    public Integer call() {
        try {
            Engine engine = engine();
            Module main = ModuleFile.load(engine, path(file));
            List<ProgramRun.PreloadedModule> preloaded = new ArrayList<>();
            for (Preload preload : preloads) {
                preloaded.add(new ProgramRun.PreloadedModule(
                        preload.name(), preload.path().toString(), ModuleFile.load(engine, preload.path())));
            }
            PrintWriter out = spec.commandLine().getOut();
            ProgramRun program = new ProgramRun(file, main, preloaded, invoke, args, out, spec.commandLine().getErr());
            return program.run(wasiConfig());
        } catch (UserException e) {
            spec.commandLine().getErr().println("error: " + Diagnostics.oneLine(e.getMessage()));
            return 1;
        } finally {
            closeListeners();
        }
    }

    private Engine engine() {
        Config config = new Config()
                .strategy(codegenOptions.strategy())
                .features(featureOptions.apply(Features.DEFAULT));
        try {
            return new Engine(config);
        } catch (UnsupportedOperationException e) {
            throw new UserException(e.getMessage());
        }
    }

    /** What the guest is given: arguments, environment, stdio, directories, sockets (bound last). */
    private WasiConfig wasiConfig() {
        WasiConfig config = new WasiConfig();
        config.arg(argv0 != null ? argv0 : defaultArgv0());
        args.forEach(config::arg);
        Map<String, String> hostEnv = System.getenv();
        if (wasiOptions.inheritEnv()) {
            config.env(hostEnv);
        }
        for (EnvSetting setting : env) {
            setting.resolve(hostEnv).ifPresent(value -> config.env(setting.name(), value));
        }
        parent.guestStdio().applyTo(config);
        for (DirMapping dir : dirs) {
            Path host = path(dir.host());
            if (!Files.isDirectory(host)) {
                throw new UserException("--dir " + dir.host() + ": " + (Files.exists(host) ? "not a directory" : "no such directory"));
            }
            config.preopenedDir(host, dir.guest());
        }
        List<ListenAddress> addresses = new ArrayList<>(listen);
        addresses.addAll(wasiOptions.tcpListen());
        for (ListenAddress address : addresses) {
            try {
                listeners.add(address.bind());
            } catch (IOException e) {
                throw new UserException("--tcplisten " + address + ": cannot listen: " + e.getMessage());
            }
        }
        listeners.forEach(config::tcpListener);
        return config;
    }

    private static Path path(String name) {
        try {
            return Path.of(name);
        } catch (InvalidPathException e) {
            throw new UserException("'" + name + "' is not a valid path: " + e.getReason());
        }
    }

    /** The last name of FILE: like {@code wasmtime run}, the guest does not learn where it is. */
    private String defaultArgv0() {
        Path name = path(file).getFileName();
        return name != null ? name.toString() : file;
    }

    /** Closes the --tcplisten sockets (again, if the guest's context closed them: no harm). */
    private void closeListeners() {
        for (ServerSocketChannel channel : listeners) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the run is over: a socket that fails to close has nothing left to lose
            }
        }
    }
}
