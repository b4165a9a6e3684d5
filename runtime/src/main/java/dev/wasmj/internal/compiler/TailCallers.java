package dev.wasmj.internal.compiler;

import dev.wasmj.format.Opcode;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.CodeReader;

/**
 * Which defined functions of a module are <em>tail-calling</em>: contain a {@code return_call} of
 * another function, a {@code return_call_indirect} or a {@code return_call_ref}, so that their compiled
 * code may return with a call pending ({@link Trampoline}). A {@code return_call} of the function itself
 * is a jump and does not count. Each body is scanned on first question; one per instance's compilation,
 * shared by its classes ({@link ClassShape#tailCallers}). Answers are the same from any thread.
 */
final class TailCallers {
    private static final byte UNKNOWN = 0, NO = 1, YES = 2;

    private final WasmModule module;
    private final int imported;
    private final byte[] known;

    TailCallers(WasmModule module) {
        this.module = module;
        this.imported = module.importedFuncCount();
        this.known = new byte[module.codes().size()];
    }

    /** Whether function {@code funcIndex} (in the function index space) is defined here and tail-calling. */
    boolean tailCalling(int funcIndex) {
        int d = funcIndex - imported;
        if (d < 0) {
            return false;
        }
        byte k = known[d];
        if (k == UNKNOWN) {
            k = scan(funcIndex, new CodeReader(module.codes().get(d).code())) ? YES : NO;
            known[d] = k;
        }
        return k == YES;
    }

    /** The name of the method to call function {@code funcIndex} by: its wrapper if it is tail-calling. */
    String entry(int funcIndex) {
        return (tailCalling(funcIndex) ? TailCallCompiler.WRAPPER_PREFIX : "f") + funcIndex;
    }

    private static boolean scan(int self, CodeReader r) {
        while (!r.atEnd()) {
            Opcode op = r.next();
            if (op == Opcode.RETURN_CALL_INDIRECT || op == Opcode.RETURN_CALL_REF
                    || (op == Opcode.RETURN_CALL && r.a != self)) {
                return true;
            }
        }
        return false;
    }
}
