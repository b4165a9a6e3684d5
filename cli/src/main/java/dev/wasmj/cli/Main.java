package dev.wasmj.cli;

import dev.wasmj.cli.run.GuestStdio;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * Entry point of the {@code wasmj} command: wires the picocli commands to the process' standard
 * streams and turns every error into one line on stderr and exit status 1. ({@code wasmj run}
 * exits with its guest's status instead.)
 */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args, GuestStdio.inherit(), System.out, System.err));
    }

    /**
     * Runs the command line {@code args}, writing to {@code stdout} and {@code stderr}, and
     * returns the exit status: 0 for success, 1 for any error, or the status of the guest that
     * {@code wasmj run} ran (which reads an empty stdin).
     */
    public static int run(String[] args, OutputStream stdout, OutputStream stderr) {
        return run(args, new ByteArrayInputStream(new byte[0]), stdout, stderr);
    }

    /**
     * Runs the command line {@code args} as {@link #run(String[], OutputStream, OutputStream)}
     * does, giving a guest that {@code wasmj run} runs {@code stdin} as its standard input.
     */
    public static int run(String[] args, InputStream stdin, OutputStream stdout, OutputStream stderr) {
        return run(args, GuestStdio.of(stdin, stdout, stderr), stdout, stderr);
    }

    private static int run(String[] args, GuestStdio guestStdio, OutputStream stdout, OutputStream stderr) {
        PrintWriter out = writer(stdout);
        PrintWriter err = writer(stderr);
        try {
            return commandLine(stdout, guestStdio, out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static PrintWriter writer(OutputStream stream) {
        if (stream instanceof PrintStream ps) {
            return new PrintWriter(ps, true, ps.charset());
        }
        return new PrintWriter(stream, true, StandardCharsets.UTF_8);
    }

    static CommandLine commandLine(OutputStream stdout, GuestStdio guestStdio, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new WasmjCommand(stdout, guestStdio));
        cl.setSeparator(" ");
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler(Main::usageError);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> executionError(ex, commandLine));
        FeatureOptions.describeIn(cl);
        RunCommand.configure(cl.getSubcommands().get("run"));
        return cl;
    }

    private static int usageError(ParameterException ex, String[] args) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        ex.getCommandLine().getErr().println(spec.qualifiedName() + ": " + Diagnostics.oneLine(ex.getMessage())
                + " (see '" + spec.qualifiedName() + " --help')");
        return 1;
    }

    private static int executionError(Exception ex, CommandLine commandLine) {
        PrintWriter err = commandLine.getErr();
        if (ex instanceof UserException) {
            err.println("wasmj: " + Diagnostics.oneLine(ex.getMessage()));
        } else {
            err.println("wasmj: internal error: " + Diagnostics.oneLine(String.valueOf(ex)));
            ex.printStackTrace(err);
        }
        return 1;
    }
}
