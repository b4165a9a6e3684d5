package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.Opcode;
import dev.wasmj.format.binary.CodeReader;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.util.Arrays;

/**
 * What a large function looks like to the compiler, instruction by instruction, from compiling it
 * once into a class that is thrown away: for each instruction its place in the code, how many control
 * frames are open, the operand stack height (and the height the innermost frame starts at), whether
 * it is reachable, which local it reads or writes and where it branches. {@link RegionPlanner} chooses
 * the regions to outline from this.
 */
final class Trial {
    /** How many instructions were recorded. */
    int n;
    /** Per instruction: its first byte and the byte after it, in the code's array. */
    int[] pos = new int[256];
    int[] next = new int[256];
    Opcode[] op = new Opcode[256];
    /** Per instruction, before it runs: the open frames, the stack height, the innermost frame's base. */
    int[] depth = new int[256];
    int[] sp = new int[256];
    int[] height = new int[256];
    boolean[] dead = new boolean[256];
    /** Per instruction: the local it reads or writes (local.get/set/tee), else -1. */
    int[] local = new int[256];
    /**
     * Per instruction: not to be outlined (tail calls, legacy exception instructions, try_table, and
     * everything inside a try or try_table, where a caught exception must see the locals' values).
     */
    boolean[] pinned = new boolean[256];
    /** Per branch instruction: the frames (from the outermost, 0) it may branch to; null for others. */
    int[][] targets = new int[256][];
    /** The most values a branch carries, or a function returns. */
    int maxTransfer;
    /** Whether a local or a branch value is a reference. */
    boolean refs;
    /**
     * Whether the function has a v128 value anywhere (a local, an operand, a SIMD instruction): the
     * frame array that split methods share holds a value per slot, and SIMD code needs its scratch
     * array, so such functions are not split (yet).
     */
    boolean v128;
    /** The JVM kinds of the function's locals (parameters first). */
    char[] localKinds;
    /** Whether the function tail-calls itself (which the compiler makes a jump to its start). */
    boolean selfTailCalls;

    private Trial() {
    }

    /** Compiles {@code f} once, recording it; throws {@link Unsupported} if it cannot be compiled. */
    static Trial of(ClassShape shape, WasmFunction f, MethodTypeDesc desc) {
        Trial t = new Trial();
        FuncType ft = f.funcType();
        int params = ft.params().length;
        t.localKinds = new char[params + (int) f.body().localCount()];
        for (int i = 0; i < params; i++) {
            t.localKinds[i] = FunctionCompiler.kind(ft.params()[i]);
        }
        for (int d = 0, i = params; d < f.body().localCounts().length; d++) {
            for (int c = 0; c < f.body().localCounts()[d]; c++, i++) {
                t.localKinds[i] = FunctionCompiler.kind(f.body().localTypes()[d]);
            }
        }
        for (char k : t.localKinds) {
            t.v128 |= k == 'V';
            t.refs |= k == 'A';
        }
        t.note(FunctionCompiler.kinds(ft.results()));
        try {
            ClassFile.of().build(ClassDesc.of("wasmj.gen.Trial"), clb -> clb.withMethodBody("t", desc,
                    ClassFile.ACC_STATIC, cb -> {
                        FunctionCompiler fc = new FunctionCompiler(shape, f, cb);
                        fc.hook = t.new Recorder(fc);
                        fc.emit();
                        throw new Done(); // the code is not needed: skip building it
                    }));
        } catch (Done expected) {
            return t;
        }
        throw new IllegalStateException("trial compilation did not finish");
    }

    private void note(char[] kinds) {
        maxTransfer = Math.max(maxTransfer, kinds.length);
        for (char k : kinds) {
            refs |= k == 'A';
        }
    }

    /** Records each instruction, then compiles it as the compiler would (without line numbers). */
    private final class Recorder implements InstructionHook {
        private final FunctionCompiler fc;
        /** The depths at which the open try and try_table frames were opened. */
        private int[] tries = new int[4];
        private int tryCount;

        Recorder(FunctionCompiler fc) {
            this.fc = fc;
        }

        @Override
        public boolean at(Opcode o, CodeReader r) {
            if (n == pos.length) {
                grow();
            }
            int d = fc.control.depth();
            while (tryCount > 0 && tries[tryCount - 1] >= d) {
                tryCount--;
            }
            for (int e = 0; e < fc.sp; e++) {
                v128 |= fc.stack[e] == 'V';
            }
            v128 |= o.prefix() == Opcode.PREFIX_SIMD;
            pos[n] = r.start;
            next[n] = r.pos();
            op[n] = o;
            depth[n] = d;
            sp[n] = fc.sp;
            height[n] = fc.control.frameHeight();
            dead[n] = fc.dead;
            local[n] = o == Opcode.LOCAL_GET || o == Opcode.LOCAL_SET || o == Opcode.LOCAL_TEE ? r.a : -1;
            targets[n] = switch (o) {
                case BR, BR_IF, BR_ON_NULL, BR_ON_NON_NULL, BR_ON_CAST, BR_ON_CAST_FAIL, BR_ON_CAST_DESC_EQ,
                        BR_ON_CAST_DESC_EQ_FAIL -> new int[] {d - 1 - r.a};
                case RETURN -> new int[] {0};
                case BR_TABLE -> {
                    int[] ts = new int[r.labelCount + 1];
                    for (int i = 0; i < r.labelCount; i++) {
                        ts[i] = d - 1 - r.labels[i];
                    }
                    ts[r.labelCount] = d - 1 - r.a;
                    yield ts;
                }
                default -> null;
            };
            selfTailCalls |= o == Opcode.RETURN_CALL && !fc.dead;
            boolean isTry = o == Opcode.TRY || o == Opcode.TRY_TABLE;
            pinned[n] = isTry || tryCount > 0 || switch (o) {
                case RETURN_CALL, RETURN_CALL_INDIRECT, RETURN_CALL_REF, CATCH, CATCH_ALL, DELEGATE, RETHROW -> true;
                default -> false;
            };
            if (isTry) {
                if (tryCount == tries.length) {
                    tries = Arrays.copyOf(tries, tryCount * 2);
                }
                tries[tryCount++] = d;
            }
            if (o.imm() == Opcode.Imm.BLOCK_TYPE || o == Opcode.TRY_TABLE) {
                int bt = r.blockType;
                if (bt >= 0 && bt != CodeReader.BLOCK_EMPTY) {
                    note(new char[] {FunctionCompiler.kind(bt)});
                } else if (bt < 0) {
                    FuncType t = fc.types.funcType(~bt);
                    note(FunctionCompiler.kinds(t.params()));
                    note(FunctionCompiler.kinds(t.results()));
                }
            }
            n++;
            if (fc.dead) {
                fc.control.skip(o, r);
            } else {
                fc.temps.reset();
                fc.instruction(o, r);
            }
            return true;
        }

        private void grow() {
            int c = n * 2;
            pos = Arrays.copyOf(pos, c);
            next = Arrays.copyOf(next, c);
            op = Arrays.copyOf(op, c);
            depth = Arrays.copyOf(depth, c);
            sp = Arrays.copyOf(sp, c);
            height = Arrays.copyOf(height, c);
            dead = Arrays.copyOf(dead, c);
            local = Arrays.copyOf(local, c);
            pinned = Arrays.copyOf(pinned, c);
            targets = Arrays.copyOf(targets, c);
        }
    }

    /** Ends the trial compilation once the code is emitted. */
    private static final class Done extends RuntimeException {
        Done() {
            super(null, null, false, false);
        }
    }
}
