package dev.wasmj.examples.ruby;

import dev.wasmj.Engine;
import dev.wasmj.Instance;
import dev.wasmj.Linker;
import dev.wasmj.Module;
import dev.wasmj.Store;
import dev.wasmj.examples.ruby.RbAbiGuest.Protected;
import dev.wasmj.wasi.WasiConfig;
import dev.wasmj.wasi.WasiCtx;
import dev.wasmj.wasi.WasiPreview1;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * CRuby running in wasmj: {@code ruby.wasm} of the npm package {@code @ruby/3.4-wasm-wasi}, a
 * WASI reactor with the interface {@code rb-abi-guest}, instantiated in a store of its own.
 *
 * <pre>{@code
 * Engine engine = new Engine();
 * Module ruby = Module.fromFile(engine, Path.of("ruby.wasm"));   // compile once, start many VMs
 * try (RubyVm vm = RubyVm.start(ruby, new WasiConfig().inheritStdout().inheritStderr())) {
 *     vm.run("puts (1..10).sum { |i| i * i }");                   // prints 385
 *     String version = vm.evalToString("RUBY_VERSION");           // "3.4.x"
 * }
 * }</pre>
 *
 * <p>Ruby's standard output and error go where the {@link WasiConfig} sends them; Ruby's buffers
 * ({@code STDOUT}, {@code STDERR}) and WASI's are flushed at the end of each evaluation and method
 * call. Ruby sees only what the {@code WasiConfig} gives it (preopened directories, environment);
 * its arguments are the ones given to {@code ruby-init}.
 *
 * <p>A Ruby exception raised by an evaluation is a {@link RubyException}, after which the VM is
 * still usable. A trap (e.g. Ruby calling a JavaScript function, which a Java host does not have:
 * {@code JS.global} after {@code require "js"}) or a {@link dev.wasmj.wasi.WasiExit} (Ruby's
 * {@code exit!}) propagates
 * as it is and leaves the VM unusable: it stopped in the middle of its work.
 *
 * <p>A VM is used by one thread at a time.
 */
public final class RubyVm implements AutoCloseable {
    /**
     * The arguments {@link #start(Module, WasiConfig)} initializes Ruby with: those of the
     * JavaScript host ({@code -EUTF-8}: UTF-8 external encoding; {@code -e_=0}: a script to
     * compile, so that Ruby does not read one from stdin) and {@code --disable-gems}, because
     * {@code ruby.wasm} has no standard library to load RubyGems from.
     */
    public static final List<String> DEFAULT_ARGS = List.of("ruby", "--disable-gems", "-EUTF-8", "-e_=0");

    /** How long each step of {@link #start} took. */
    public record StartupTimes(Duration instantiate, Duration initialize, Duration rubyInit) {
        /** The sum of the steps. */
        public Duration total() {
            return instantiate.plus(initialize).plus(rubyInit);
        }
    }

    /**
     * Turns an exception into its class, message and backtrace, separated by NUL: a lambda held by
     * the host, so nothing is defined in the guest's namespace.
     */
    private static final String DESCRIBE_EXCEPTION = """
            ->(error) do
              message = begin
                error.message.to_s
              rescue Exception
                "(#{error.class}#message raised an exception)"
              end
              [error.class.to_s, message, *error.backtrace].join("\\0")
            end
            """;

    private final Store<GuestState> store;
    private final RbAbiGuest guest;
    private final StartupTimes startupTimes;
    private final Queue<Integer> released = new ConcurrentLinkedQueue<>();
    private final Map<String, Integer> ids = new HashMap<>();
    private final Map<String, Integer> helpers = new HashMap<>();
    private RuntimeException failure;
    private boolean closed;

    private RubyVm(Store<GuestState> store, RbAbiGuest guest, StartupTimes startupTimes) {
        this.store = store;
        this.guest = guest;
        this.startupTimes = startupTimes;
    }

    /** Starts a VM with {@link #DEFAULT_ARGS}. */
    public static RubyVm start(Module rubyWasm, WasiConfig wasi) {
        return start(rubyWasm, wasi, DEFAULT_ARGS);
    }

    /**
     * Starts a VM: instantiates {@code rubyWasm} in a new store with WASI as {@code wasi}
     * configures it, calls {@code _initialize}, then {@code ruby-init} with {@code args} (a
     * command line, program name first; {@code -e} must give a script, which is compiled but not
     * run; arguments after the options become {@code ARGV}). {@code ruby-init} also sets up
     * {@code $LOAD_PATH}, so {@code ruby-init-loadpath} is not called (it would add every
     * directory a second time). Ruby reports an invalid option or a syntax error in the {@code -e}
     * script on stderr and starts all the same.
     *
     * @throws IllegalArgumentException   if {@code rubyWasm} lacks an export of the interface, or
     *                                    {@code args} is empty
     * @throws dev.wasmj.LinkException    if it has imports this host does not define
     * @throws dev.wasmj.Trap             if initialization traps
     * @throws dev.wasmj.wasi.WasiExit    if Ruby exits during initialization
     */
    public static RubyVm start(Module rubyWasm, WasiConfig wasi, List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("the arguments of ruby-init start with the program name");
        }
        RbAbiGuest.checkExports(rubyWasm);
        Engine engine = rubyWasm.engine();
        Linker<GuestState> linker = new Linker<>(engine);
        WasiPreview1.addToLinker(linker, GuestState::wasi);
        HostImports.define(linker, rubyWasm);
        WasiCtx ctx = wasi.build();
        Store<GuestState> store = new Store<>(engine, new GuestState(ctx, new ValueHandleTable()));
        try {
            long t0 = System.nanoTime();
            Instance instance = linker.instantiate(store, rubyWasm);
            long t1 = System.nanoTime();
            instance.func(RbAbiGuest.INITIALIZE).call();
            long t2 = System.nanoTime();
            RbAbiGuest guest = new RbAbiGuest(instance, store.data().values());
            guest.rubyInit(List.copyOf(args));
            long t3 = System.nanoTime();
            ctx.flush();
            return new RubyVm(store, guest, new StartupTimes(Duration.ofNanos(t1 - t0), Duration.ofNanos(t2 - t1),
                    Duration.ofNanos(t3 - t2)));
        } catch (RuntimeException | Error e) {
            try {
                closeBoth(ctx, store);
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throw e;
        }
    }

    /** How long each step of {@link #start} took. */
    public StartupTimes startupTimes() {
        return startupTimes;
    }

    /**
     * Evaluates Ruby source at the top level (with {@code TOPLEVEL_BINDING}, so local variables,
     * methods and constants stay defined for later evaluations) and returns its value.
     *
     * @throws RubyException         if the evaluation raises (a {@code SyntaxError} included)
     * @throws IllegalStateException if the VM is closed or unusable
     */
    public RubyValue eval(String source) {
        return guestCall(() -> {
            Protected result = guest.evalStringProtect(source);
            return new RubyValue(this, checked(result));
        });
    }

    /**
     * Evaluates Ruby source for its effects, giving its value back at once.
     *
     * @throws RubyException         if the evaluation raises
     * @throws IllegalStateException if the VM is closed or unusable
     */
    public void run(String source) {
        eval(source).close();
    }

    /** Evaluates Ruby source and converts its value to a string: {@code eval(source).asString()}. */
    public String evalToString(String source) {
        try (RubyValue value = eval(source)) {
            return value.asString();
        }
    }

    /** Closes the VM: flushes WASI's output and frees the guest's memory. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            closeBoth(store.data().wasi(), store);
        }
    }

    RubyValue call(int receiver, String method, int[] args) {
        return guestCall(() -> {
            Protected result = guest.funcallvProtect(receiver, id(method), args);
            return new RubyValue(this, checked(result));
        });
    }

    String asString(int value) {
        return guestCall(() -> {
            int string = checked(guest.funcallvProtect(helper("Kernel"), id("String"), value));
            try {
                return guest.rstringPtr(string);
            } finally {
                guest.dropValue(string);
            }
        });
    }

    /** The action that gives {@code raw} back once its {@link RubyValue} is closed or unreachable. */
    Runnable releaser(int raw) {
        Queue<Integer> queue = released;
        return () -> queue.add(raw);
    }

    /** Gives back the values released so far, if the VM can still run. */
    void releaseNow() {
        if (!closed && failure == null) {
            guarded(() -> {
                releasePending();
                return null;
            });
        }
    }

    /**
     * Runs {@code body}, which calls into the guest, after giving back the released values; then
     * flushes Ruby's and WASI's output.
     */
    private <R> R guestCall(Supplier<R> body) {
        return guarded(() -> {
            releasePending();
            R result;
            try {
                result = body.get();
            } catch (RubyException e) {
                flushOutput();
                throw e;
            }
            flushOutput();
            return result;
        });
    }

    /**
     * Runs {@code body} if the VM is usable. Anything it throws but a {@link RubyException} leaves
     * the VM unusable: the guest stopped in the middle of its work. WASI's buffered output is
     * flushed still.
     */
    private <R> R guarded(Supplier<R> body) {
        if (closed) {
            throw new IllegalStateException("the Ruby VM is closed");
        }
        if (failure != null) {
            throw new IllegalStateException("the Ruby VM is unusable after: " + failure, failure);
        }
        try {
            return body.get();
        } catch (RubyException e) {
            throw e;
        } catch (RuntimeException | Error e) {
            failure = e instanceof RuntimeException r ? r : new IllegalStateException(e);
            try {
                store.data().wasi().flush();
            } catch (RuntimeException flushFailure) {
                e.addSuppressed(flushFailure);
            }
            throw e;
        }
    }

    private void releasePending() {
        for (Integer raw; (raw = released.poll()) != null; ) {
            guest.dropValue(raw);
        }
    }

    /**
     * The value of a protected call, lent to the host.
     *
     * @throws RubyException for any state but {@link RubyTag#NONE}
     */
    private int checked(Protected result) {
        RubyTag tag = RubyTag.of(result.state());
        if (tag == RubyTag.NONE) {
            return result.value();
        }
        if (tag == null) {
            throw new RubyException("fatal", "unknown tag state " + result.state(), List.of());
        }
        if (!tag.hasException()) {
            throw new RubyException("LocalJumpError", "unexpected " + tag.name().toLowerCase(Locale.ROOT),
                    List.of());
        }
        int error = guest.errinfo();
        try {
            guest.clearErrinfo();
            throw describe(error);
        } finally {
            guest.dropValue(error);
        }
    }

    private RubyException describe(int error) {
        Protected result = guest.funcallvProtect(helper(DESCRIBE_EXCEPTION), id("call"), error);
        if (RubyTag.of(result.state()) != RubyTag.NONE) {
            guest.clearErrinfo();
            return new RubyException("Exception", "(the exception could not be described)", List.of());
        }
        String description;
        try {
            description = guest.rstringPtr(result.value());
        } finally {
            guest.dropValue(result.value());
        }
        String[] parts = description.split("\0", -1);
        List<String> backtrace = parts.length > 2 ? Arrays.asList(parts).subList(2, parts.length) : List.of();
        return new RubyException(parts[0], parts.length > 1 ? parts[1] : "", backtrace);
    }

    /** Flushes {@code STDOUT} and {@code STDERR} (ignoring their errors, e.g. when closed), then WASI. */
    private void flushOutput() {
        for (String stream : List.of("STDOUT", "STDERR")) {
            Protected result = guest.funcallvProtect(helper(stream), id("flush"));
            if (RubyTag.of(result.state()) == RubyTag.NONE) {
                guest.dropValue(result.value());
            } else {
                guest.clearErrinfo();
            }
        }
        store.data().wasi().flush();
    }

    /** The ID of a method name, interned once. */
    private int id(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            id = guest.intern(name);
            ids.put(name, id);
        }
        return id;
    }

    /** The value of a helper expression, evaluated once and kept for the VM's lifetime. */
    private int helper(String source) {
        Integer value = helpers.get(source);
        if (value == null) {
            Protected result = guest.evalStringProtect(source);
            if (RubyTag.of(result.state()) != RubyTag.NONE) {
                guest.clearErrinfo();
                throw new IllegalStateException("the Ruby VM cannot evaluate " + source.strip());
            }
            value = result.value();
            helpers.put(source, value);
        }
        return value;
    }

    /** Closes the WASI context (flushing its output), then the store, even if the first fails. */
    private static void closeBoth(WasiCtx ctx, Store<?> store) {
        try {
            ctx.close();
        } finally {
            store.close();
        }
    }
}
