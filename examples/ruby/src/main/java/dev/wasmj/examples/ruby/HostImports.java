package dev.wasmj.examples.ruby;

import dev.wasmj.FuncType;
import dev.wasmj.ImportType;
import dev.wasmj.Linker;
import dev.wasmj.Memory;
import dev.wasmj.Module;
import dev.wasmj.Trap;
import dev.wasmj.TrapCode;
import dev.wasmj.Val;
import java.nio.charset.StandardCharsets;

/**
 * The imports of {@code ruby.wasm} besides WASI: the canonical-ABI resource functions of
 * {@code rb-abi-value} handles, which the host implements with the {@link ValueHandleTable} of the
 * store, and the JavaScript interop of the {@code js} gem ({@code rb-js-abi-host::*} and the
 * {@code js-abi-value} resource functions), which a Java host does not have: each of those traps
 * with a message naming the function. Plain Ruby never calls them; {@code require "js"} does.
 */
final class HostImports {
    static final String CANONICAL_ABI = "canonical_abi";
    static final String JS_HOST = "rb-js-abi-host";
    private static final String NEW_VALUE = "resource_new_rb-abi-value";
    private static final String GET_VALUE = "resource_get_rb-abi-value";
    private static final String PROHIBIT_REWIND = "rb_wasm_throw_prohibit_rewind_exception";

    private HostImports() {}

    /** Defines in {@code linker} every import of {@code ruby} from the two modules above. */
    static void define(Linker<GuestState> linker, Module ruby) {
        for (ImportType it : ruby.imports()) {
            if (!(it.type() instanceof FuncType type)) {
                continue;
            }
            String module = it.module();
            String name = it.name();
            if (module.equals(CANONICAL_ABI) && name.equals(NEW_VALUE)) {
                linker.func(module, name, type, (caller, args) ->
                        new Val[] {Val.i32(caller.data().values().insert(args[0].i32()))});
            } else if (module.equals(CANONICAL_ABI) && name.equals(GET_VALUE)) {
                linker.func(module, name, type, (caller, args) ->
                        new Val[] {Val.i32(caller.data().values().get(args[0].i32()))});
            } else if (module.equals(JS_HOST) && name.equals(PROHIBIT_REWIND)) {
                linker.func(module, name, type, (caller, args) -> {
                    throw new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "ruby.wasm refused to rewind its stack: "
                            + readString(caller.memory("memory"), args[0].i32(), args[1].i32()));
                });
            } else if (module.equals(JS_HOST) || module.equals(CANONICAL_ABI)) {
                String what = module + "::" + shortName(name);
                linker.func(module, name, type, (caller, args) -> {
                    throw new Trap(TrapCode.UNREACHABLE_CODE_REACHED, "ruby.wasm called " + what
                            + ", JavaScript interop, which a Java host does not provide");
                });
            }
        }
    }

    /** The name of a wit-bindgen function without the signature that follows it: {@code eval-js}. */
    static String shortName(String name) {
        int colon = name.indexOf(':');
        return colon < 0 ? name : name.substring(0, colon);
    }

    private static String readString(Memory memory, int ptr, int len) {
        long offset = Integer.toUnsignedLong(ptr);
        if (len < 0 || len > memory.dataSize() - offset) {
            return "(its message is outside memory)";
        }
        return new String(memory.read(offset, len), StandardCharsets.UTF_8);
    }
}
