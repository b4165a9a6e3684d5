package dev.wasmj.examples.ruby;

import java.lang.ref.Cleaner;

/**
 * A Ruby object that a {@link RubyVm} lends to Java: the result of an evaluation or a method call.
 * While a {@code RubyValue} is open the guest keeps the object alive (it is counted in the
 * guest's table of lent objects, which Ruby's garbage collector marks). {@link #close()} gives it
 * back; a value that is never closed is given back after the JVM's garbage collector has found it
 * unreachable, at the VM's next call.
 *
 * <p>Like its VM, a value is used by one thread at a time.
 */
public final class RubyValue implements AutoCloseable {
    private static final Cleaner CLEANER = Cleaner.create();

    private final RubyVm vm;
    private final int raw;
    private final Cleaner.Cleanable cleanable;
    private boolean closed;

    RubyValue(RubyVm vm, int raw) {
        this.vm = vm;
        this.raw = raw;
        this.cleanable = CLEANER.register(this, vm.releaser(raw));
    }

    /** The VM this value belongs to. */
    public RubyVm vm() {
        return vm;
    }

    /**
     * Calls the method {@code method} of this object with {@code args} (objects of the same VM),
     * like {@code send}: private methods can be called too.
     *
     * @throws RubyException         if the method raises
     * @throws IllegalStateException if this value or one of {@code args} is closed, or the VM is
     *                               closed or unusable
     */
    public RubyValue call(String method, RubyValue... args) {
        int[] rawArgs = new int[args.length];
        for (int i = 0; i < args.length; i++) {
            if (args[i].vm != vm) {
                throw new IllegalArgumentException("argument " + i + " belongs to another Ruby VM");
            }
            rawArgs[i] = args[i].raw();
        }
        return vm.call(raw(), method, rawArgs);
    }

    /**
     * This object converted to a Java string the way Ruby's {@code String(obj)} converts it: a
     * String as it is, anything else with {@code to_str} or {@code to_s}. The bytes are decoded as
     * UTF-8.
     *
     * @throws RubyException         if the conversion raises (e.g. {@code to_s} does not return a
     *                               String)
     * @throws IllegalStateException if this value is closed, or its VM is closed or unusable
     */
    public String asString() {
        return vm.asString(raw());
    }

    /** Ruby's {@code inspect} of this object, e.g. {@code [1, "two"]}: {@code call("inspect").asString()}. */
    public String inspect() {
        try (RubyValue inspected = call("inspect")) {
            return inspected.asString();
        }
    }

    /** Gives the object back to the guest. Closing twice does nothing. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cleanable.clean();
            vm.releaseNow();
        }
    }

    private int raw() {
        if (closed) {
            throw new IllegalStateException("this RubyValue is closed");
        }
        return raw;
    }

    /** Describes the handle, not the object ({@link #inspect()} and {@link #asString()} ask Ruby). */
    @Override
    public String toString() {
        return "RubyValue[" + Integer.toUnsignedString(raw, 16) + (closed ? ", closed]" : "]");
    }
}
