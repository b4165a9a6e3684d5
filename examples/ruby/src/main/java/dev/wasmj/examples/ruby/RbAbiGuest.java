package dev.wasmj.examples.ruby;

import dev.wasmj.ExportType;
import dev.wasmj.Func;
import dev.wasmj.Instance;
import dev.wasmj.Memory;
import dev.wasmj.Module;
import dev.wasmj.Val;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The exports of {@code ruby.wasm}'s interface {@code rb-abi-guest} (wit-bindgen's pre-component
 * canonical ABI), called with Java values: this class lowers strings and lists into the guest's
 * linear memory and lifts results out of it.
 *
 * <ul>
 * <li>A {@code string} argument is a pointer and a byte length of UTF-8 text in linear memory; a
 *     {@code list<T>} argument a pointer and an element count. The guest's C code also reads some
 *     strings as C strings, so each is written with a terminating NUL after its length.
 * <li>Memory for arguments comes from the export {@code cabi_realloc(ptr, old_size, align,
 *     new_size)}, the guest's {@code realloc}. The guest copies what it keeps, so one argument area
 *     is reused (and grown) for every call; {@code ruby-init}'s arguments, which Ruby keeps as its
 *     {@code argv}, get memory of their own that is never freed.
 * <li>A result that does not fit one i32 (a tuple, a string) is stored by the guest in a static
 *     return area whose address the function returns; a string result is freed by the matching
 *     {@code cabi_post_*} export after it has been read.
 * <li>{@code handle<rb-abi-value>} is an index into the host's {@link ValueHandleTable}. A handle
 *     returned to the host carries a Ruby object the guest has lent it (counted in the guest's
 *     arena) until the host gives it back with {@code canonical_abi_drop_rb-abi-value}; handles
 *     passed to the guest are borrowed for the call only.
 * </ul>
 */
final class RbAbiGuest {
    static final String RUBY_INIT = "ruby-init: func(args: list<string>) -> ()";
    static final String EVAL_STRING_PROTECT =
            "rb-eval-string-protect: func(str: string) -> tuple<handle<rb-abi-value>, s32>";
    static final String FUNCALLV_PROTECT = "rb-funcallv-protect: func(recv: handle<rb-abi-value>, mid: u32, "
            + "args: list<handle<rb-abi-value>>) -> tuple<handle<rb-abi-value>, s32>";
    static final String INTERN = "rb-intern: func(name: string) -> u32";
    static final String ERRINFO = "rb-errinfo: func() -> handle<rb-abi-value>";
    static final String CLEAR_ERRINFO = "rb-clear-errinfo: func() -> ()";
    static final String RSTRING_PTR = "rstring-ptr: func(value: handle<rb-abi-value>) -> string";
    static final String POST_RSTRING_PTR = "cabi_post_rstring-ptr";
    static final String DROP_VALUE = "canonical_abi_drop_rb-abi-value";
    static final String REALLOC = "cabi_realloc";
    static final String MEMORY = "memory";
    static final String INITIALIZE = "_initialize";

    private static final List<String> REQUIRED_EXPORTS = List.of(MEMORY, INITIALIZE, REALLOC, RUBY_INIT,
            EVAL_STRING_PROTECT, FUNCALLV_PROTECT, INTERN, ERRINFO, CLEAR_ERRINFO, RSTRING_PTR, POST_RSTRING_PTR,
            DROP_VALUE);
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final int MIN_AREA = 256;

    /**
     * The result of a protected call: the raw value of the handle the guest returned (the Ruby
     * object, lent to the host only if {@code state} is 0) and Ruby's tag state ({@link RubyTag}).
     */
    record Protected(int value, int state) {}

    private final Memory memory;
    private final ValueHandleTable handles;
    private final Func realloc;
    private final Func rubyInit;
    private final Func evalStringProtect;
    private final Func funcallvProtect;
    private final Func intern;
    private final Func errinfo;
    private final Func clearErrinfo;
    private final Func rstringPtr;
    private final Func postRstringPtr;
    private final Func dropValue;
    private int area;
    private int areaSize;

    RbAbiGuest(Instance instance, ValueHandleTable handles) {
        this.memory = instance.memory(MEMORY);
        this.handles = handles;
        this.realloc = instance.func(REALLOC);
        this.rubyInit = instance.func(RUBY_INIT);
        this.evalStringProtect = instance.func(EVAL_STRING_PROTECT);
        this.funcallvProtect = instance.func(FUNCALLV_PROTECT);
        this.intern = instance.func(INTERN);
        this.errinfo = instance.func(ERRINFO);
        this.clearErrinfo = instance.func(CLEAR_ERRINFO);
        this.rstringPtr = instance.func(RSTRING_PTR);
        this.postRstringPtr = instance.func(POST_RSTRING_PTR);
        this.dropValue = instance.func(DROP_VALUE);
    }

    /**
     * Checks that {@code module} has the exports of this interface.
     *
     * @throws IllegalArgumentException naming the missing exports
     */
    static void checkExports(Module module) {
        List<String> names = module.exports().stream().map(ExportType::name).toList();
        List<String> missing = new ArrayList<>(REQUIRED_EXPORTS);
        missing.removeAll(names);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("not a ruby.wasm with the rb-abi-guest interface of "
                    + "@ruby/3.4-wasm-wasi 2.x: missing exports " + missing);
        }
    }

    /** {@code ruby-init(args)}: initializes the VM, processing {@code args} like a command line. */
    void rubyInit(List<String> args) {
        if (args.isEmpty()) {
            throw new IllegalArgumentException("ruby-init needs at least the program name");
        }
        int list = allocate(args.size() * 8, 4);
        for (int i = 0; i < args.size(); i++) {
            byte[] bytes = cString(args.get(i), "a ruby-init argument");
            int ptr = allocate(bytes.length, 1);
            memory.write(Integer.toUnsignedLong(ptr), bytes);
            writeI32(list + 8 * i, ptr);
            writeI32(list + 8 * i + 4, bytes.length - 1);
        }
        rubyInit.call(Val.i32(list), Val.i32(args.size()));
    }

    /** {@code rb-eval-string-protect(source)}: evaluates Ruby source at the top level. */
    Protected evalStringProtect(String source) {
        byte[] bytes = (source + '\0').getBytes(StandardCharsets.UTF_8);
        int ptr = argumentArea(bytes.length);
        memory.write(Integer.toUnsignedLong(ptr), bytes);
        int ret = evalStringProtect.call(Val.i32(ptr), Val.i32(bytes.length - 1))[0].i32();
        return protectedResult(ret);
    }

    /** {@code rb-funcallv-protect(recv, mid, args)}: calls method {@code mid} of {@code recv}. */
    Protected funcallvProtect(int recv, int mid, int... args) {
        int list = argumentArea(Math.max(4, args.length * 4));
        int[] borrowed = new int[args.length + 1];
        try {
            for (int i = 0; i < args.length; i++) {
                borrowed[i] = handles.insert(args[i]);
                writeI32(list + 4 * i, borrowed[i]);
            }
            borrowed[args.length] = handles.insert(recv);
            int ret = funcallvProtect.call(Val.i32(borrowed[args.length]), Val.i32(mid), Val.i32(list),
                    Val.i32(args.length))[0].i32();
            return protectedResult(ret);
        } finally {
            for (int handle : borrowed) {
                handles.remove(handle);
            }
        }
    }

    /** {@code rb-intern(name)}: the ID (symbol) of {@code name}. */
    int intern(String name) {
        byte[] bytes = cString(name, "a method name");
        int ptr = argumentArea(bytes.length);
        memory.write(Integer.toUnsignedLong(ptr), bytes);
        return intern.call(Val.i32(ptr), Val.i32(bytes.length - 1))[0].i32();
    }

    /** {@code rb-errinfo()}: the current exception ({@code $!}), lent to the host. */
    int errinfo() {
        return handles.remove(errinfo.call()[0].i32());
    }

    /** {@code rb-clear-errinfo()}: sets {@code $!} to nil. */
    void clearErrinfo() {
        clearErrinfo.call();
    }

    /**
     * {@code rstring-ptr(value)}: the bytes of a Ruby String, decoded as UTF-8 (invalid sequences
     * become U+FFFD). {@code value} must be a String.
     */
    String rstringPtr(int value) {
        int handle = handles.insert(value);
        int ret;
        try {
            ret = rstringPtr.call(Val.i32(handle))[0].i32();
        } finally {
            handles.remove(handle);
        }
        try {
            int ptr = readI32(ret);
            int len = readI32(ret + 4);
            return new String(read(ptr, len, "string"), StandardCharsets.UTF_8);
        } finally {
            postRstringPtr.call(Val.i32(ret));
        }
    }

    /** {@code canonical_abi_drop_rb-abi-value(value)}: gives a lent object back to the guest. */
    void dropValue(int value) {
        dropValue.call(Val.i32(value));
    }

    private Protected protectedResult(int ret) {
        int handle = readI32(ret);
        int state = readI32(ret + 4);
        return new Protected(handles.remove(handle), state);
    }

    /** The reused argument area, grown to at least {@code size} bytes. */
    private int argumentArea(int size) {
        if (size > areaSize) {
            int newSize = Math.max(size, Math.max(MIN_AREA, areaSize * 2));
            area = realloc.call(Val.i32(area), Val.i32(areaSize), Val.i32(8), Val.i32(newSize))[0].i32();
            areaSize = newSize;
        }
        return area;
    }

    private int allocate(int size, int align) {
        return realloc.call(Val.i32(0), Val.i32(0), Val.i32(align), Val.i32(size))[0].i32();
    }

    private static byte[] cString(String s, String what) {
        if (s.indexOf('\0') >= 0) {
            throw new IllegalArgumentException(what + " cannot contain NUL: " + s);
        }
        return (s + '\0').getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a guest-given range, checked before anything is allocated for it. */
    private byte[] read(int ptr, int len, String what) {
        long offset = Integer.toUnsignedLong(ptr);
        if (len < 0 || len > memory.dataSize() - offset) {
            throw new IllegalStateException("ruby.wasm returned a " + what + " outside its memory: "
                    + Integer.toUnsignedString(len) + " bytes at " + offset);
        }
        return memory.read(offset, len);
    }

    private int readI32(int address) {
        return segment(address).get(I32, 0);
    }

    private void writeI32(int address, int value) {
        segment(address).set(I32, 0, value);
    }

    private MemorySegment segment(int address) {
        MemorySegment data = memory.data();
        long offset = Integer.toUnsignedLong(address);
        if (offset > data.byteSize() - 4) {
            throw new IllegalStateException("ruby.wasm used an address outside its memory: " + offset);
        }
        return data.asSlice(offset, 4);
    }
}
