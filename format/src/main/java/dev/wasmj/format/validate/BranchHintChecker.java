package dev.wasmj.format.validate;

import dev.wasmj.format.BranchHints;
import dev.wasmj.format.BranchHints.FunctionHints;
import dev.wasmj.format.FunctionBody;
import dev.wasmj.format.InvalidException;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.WasmModule;
import dev.wasmj.format.binary.CodeReader;

/**
 * Checks a valid module's {@linkplain WasmModule#branchHints() branch hints} against its code, as
 * the branch hinting proposal requires: the functions are defined (not imported) ones, in
 * ascending order, each at most once; a function's offsets ascend, each at most once; and each is
 * where an {@code if} or {@code br_if} instruction starts. The messages are the reference
 * interpreter's, e.g. {@code "@metadata.code.branch_hint annotation: invalid target"}.
 *
 * <p>Only the hinted functions' code is read again, one instruction at a time.
 */
final class BranchHintChecker {
    private static final String PREFIX = "@" + BranchHints.SECTION_NAME + " annotation: ";

    private BranchHintChecker() {}

    /** @throws InvalidException at the first hint that breaks a rule */
    static void check(WasmModule module) {
        long previous = -1;
        long section = module.offsets().branchHints(); // where errors without a better place are
        for (FunctionHints f : module.branchHints().functions()) {
            long index = Integer.toUnsignedLong(f.funcIndex());
            if (index >= module.funcCount()) {
                throw invalid("unknown function " + index, section);
            }
            if (index < module.importedFuncCount()) {
                throw invalid("imported function " + index, section);
            }
            if (index <= previous) {
                throw invalid("invalid order", section);
            }
            previous = index;
            check(f, module.codes().get((int) index - module.importedFuncCount()), section);
        }
    }

    private static void check(FunctionHints f, FunctionBody body, long section) {
        CodeReader code = new CodeReader(body.code());
        long start = body.code().start() - (long) body.localsSize(); // where offsets count from
        long previous = -1;
        for (int i = 0; i < f.size(); i++) {
            long offset = Integer.toUnsignedLong(f.offsets()[i]);
            if (offset <= previous) {
                throw invalid("invalid order", section);
            }
            previous = offset;
            long target = start + offset;
            while (code.pos() < target && !code.atEnd()) {
                code.next();
            }
            boolean inCode = code.pos() == target && !code.atEnd();
            Opcode op = inCode ? code.next() : null;
            if (op != Opcode.IF && op != Opcode.BR_IF) {
                throw invalid("invalid target", inCode ? target : section);
            }
        }
    }

    private static InvalidException invalid(String reason, long offset) {
        return new InvalidException(PREFIX + reason, offset);
    }
}
