package dev.wasmj.internal.compiler;

import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodTypeDesc;

/**
 * The shape of a module's generated classes: a module's functions are spread over several classes
 * (chunks), each within the class file's limits; {@link #owner} names the class of a function. The
 * classes have no fields: their methods take the instance they run for as their last parameter.
 *
 * @param self     the generated class
 * @param base     the name of the module's classes without the chunk number
 * @param imported how many functions the module imports
 * @param chunkOf  per defined function, the chunk (class) it is in
 * @param memories how many memories the module has
 * @param direct   per memory, whether loads and stores access its hoisted segment directly (not for
 *                 shared memories, whose segment may be longer than the memory)
 * @param tailCallers which functions are tail-calling (called through their wrapper {@code t<index>})
 */
record ClassShape(ClassDesc self, String base, int imported, int[] chunkOf, int memories, boolean[] direct,
        TailCallers tailCallers) {

    /** The name of chunk {@code chunk}'s class. */
    static String className(String base, int chunk) {
        return base + "_" + chunk;
    }

    /** The class of defined function {@code funcIndex} (an index in the module's function space). */
    ClassDesc owner(int funcIndex) {
        return ClassDesc.of(className(base, chunkOf[funcIndex - imported]));
    }

    /**
     * Emits a call of defined function {@code funcIndex}, whose method has descriptor {@code desc}: an
     * {@code invokestatic} of its class, or, when that class does not exist yet (tiered compilation:
     * chunk -1), an {@code invokedynamic} linked to the function's {@link CallSites call site}, which
     * calls it wherever it runs and is retargeted when it gets compiled.
     */
    void invoke(CodeBuilder cb, int funcIndex, MethodTypeDesc desc) {
        int chunk = chunkOf[funcIndex - imported];
        if (chunk >= 0) {
            cb.invokestatic(ClassDesc.of(className(base, chunk)), tailCallers.entry(funcIndex), desc);
        } else {
            cb.invokedynamic(DynamicCallSiteDesc.of(CallSites.BOOTSTRAP, "f" + funcIndex, desc, funcIndex));
        }
    }

    /** This shape for chunk {@code chunk}'s class. */
    ClassShape forChunk(int chunk) {
        return new ClassShape(ClassDesc.of(className(base, chunk)), base, imported, chunkOf, memories, direct,
                tailCallers);
    }
}
