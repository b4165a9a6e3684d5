package dev.wasmj.internal.compiler;

import dev.wasmj.format.FuncType;
import dev.wasmj.format.WasmModule;
import dev.wasmj.internal.runtime.ModuleInstance;
import dev.wasmj.internal.runtime.WasmFunction;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Compiles the defined functions of one module, once for all its instances (of one variant, see
 * {@link Compiler#variant}), into generated classes (chunks of at most {@link #MAX_CHUNK_FUNCTIONS}
 * functions and {@link #MAX_CHUNK_BYTES} of code) of one class loader, per function {@code f<index>}
 * (the code, unboxed parameters and result) and {@code s<index>} (its entry in the slots convention,
 * behind {@link CompiledCode}); every generated method takes the instance it runs for as its last
 * parameter. It installs the code in each instance ({@link #install}). A function the compiler cannot handle gets a stub
 * {@code f<index>} that calls the interpreter, so callers never need to know. A function whose method
 * would be over {@link #MAX_METHOD_BYTES} (HotSpot does not JIT larger methods) or whose body is over
 * {@link #MAX_BODY_BYTES} is split into several methods ({@link FunctionSplitter}).
 */
final class ModuleCompiler {
    /** The largest method HotSpot compiles (its default {@code HugeMethodLimit}). */
    static final int MAX_METHOD_BYTES = 8000;
    /** Bodies larger than this (in Wasm bytes) are split at once ({@link FunctionSplitter}): one method would be too large. */
    static final int MAX_BODY_BYTES = 16_000;

    /** The system property naming a directory to write the generated classes to (for debugging). */
    static final String DUMP = "dev.wasmj.compiler.dump";

    private static final AtomicLong CLASSES = new AtomicLong();
    private static final MethodType ENTRY = MethodType.methodType(void.class, long[].class, Object[].class,
            ModuleInstance.class);
    private static final MethodTypeDesc ENTRY_DESC =
            MethodTypeDesc.of(ConstantDescs.CD_void, Descs.LONGS, Descs.OBJECTS, Descs.MODULE_INSTANCE);
    private static final int STATIC = ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC;

    /** The most functions in one generated class. */
    static final int MAX_CHUNK_FUNCTIONS = 1000;
    /** The most functions in one class compiled lazily: a first call compiles the functions of its class. */
    static final int MAX_LAZY_CHUNK_FUNCTIONS = 32;
    /** The most Wasm code bytes in one generated class (its constant pool must stay under 64K entries). */
    static final int MAX_CHUNK_BYTES = 128 * 1024;

    /** Where the outcome of each generated chunk goes: counted and logged by the {@link Compiler}. */
    interface Sink {
        /**
         * The defined functions [from, to) were generated; {@code reasons[d]} says why function d runs on
         * the interpreter, null if it is compiled.
         */
        void chunk(ModuleInstance instance, String[] reasons, int from, int to);
    }

    /** How a module's functions get compiled. */
    enum Mode {
        /** Every class at the first instantiation. */
        EAGER,
        /** Each class (chunk) on the first call of one of its functions. */
        LAZY,
        /** Each function in a class of its own once it gets hot ({@link #compileOne}). */
        TIERED
    }

    /** A defined function's compiled code, shared by the instances: its methods in the loaded class. */
    private record FunctionCode(MethodHandle entry, MethodHandle direct, boolean tailCalling) {
    }

    private final Mode mode;
    private final Sink sink;
    private final WasmModule module;
    private final int imported;
    private final String[] reasons;
    private final ClassShape shape;
    /** Chunk c holds the defined functions [chunkStarts[c], chunkStarts[c + 1]). */
    private final int[] chunkStarts;
    /** The splitters of the defined functions compiled as several methods (while their class is generated). */
    private final java.util.Map<Integer, FunctionSplitter> splitters = new java.util.concurrent.ConcurrentHashMap<>();
    private final int[] codeStarts;
    /** The loader of the module's classes, shared by its instances. */
    private final CodeLoader loader;
    /**
     * Per defined function: its code once its class is loaded, null before and if it falls back.
     * Guarded by {@code this} (eager, tiered) or by the loader (lazy: class loading holds it).
     */
    private final FunctionCode[] codes;
    /** Tiered: per defined function, whether it was compiled (or failed to). Guarded by {@code this}. */
    private final boolean[] attempted;
    /** Eager: whether the classes were generated. Guarded by {@code this}. */
    private boolean generated;
    /**
     * The instances that use this code, weakly (the code lives as long as the module, instances come
     * and go): generation reads the module-level facts it needs from any of them, and tiered
     * compilation installs a newly compiled function in all of them. Guarded by itself.
     */
    private final java.util.List<java.lang.ref.WeakReference<ModuleInstance>> instances = new java.util.ArrayList<>();
    private int pruneAt = 16;

    private ModuleCompiler(ModuleInstance first, Mode mode, Sink sink) {
        this.mode = mode;
        this.sink = sink;
        this.module = first.module().module();
        this.imported = module.importedFuncCount();
        int n = module.codes().size();
        this.reasons = new String[n];
        this.codes = new FunctionCode[n];
        this.attempted = new boolean[n];
        int[] chunkOf = new int[n];
        java.util.List<Integer> starts = new java.util.ArrayList<>();
        int count = 0;
        long bytes = 0;
        for (int d = 0; d < n; d++) {
            int size = module.codes().get(d).code().length();
            int maxFunctions = mode != Mode.EAGER ? MAX_LAZY_CHUNK_FUNCTIONS : MAX_CHUNK_FUNCTIONS;
            if (d == 0 || count == maxFunctions || bytes + size > MAX_CHUNK_BYTES) {
                starts.add(d);
                count = 0;
                bytes = 0;
            }
            count++;
            bytes += size;
            chunkOf[d] = starts.size() - 1;
        }
        starts.add(n);
        this.chunkStarts = starts.stream().mapToInt(Integer::intValue).toArray();
        boolean[] direct = new boolean[first.memories.length];
        for (int i = 0; i < direct.length; i++) {
            direct[i] = !first.memories[i].shared();
        }
        String base = "wasmj.gen.Module" + CLASSES.incrementAndGet();
        this.shape = new ClassShape(null, base, imported, chunkOf, direct.length, direct,
                new TailCallers(module));
        this.codeStarts = codeStarts();
        if (mode == Mode.TIERED) {
            java.util.Arrays.fill(chunkOf, -1);
        }
        this.loader = switch (mode) {
            case EAGER -> newLoader(first, null, null);
            case LAZY -> newLoader(first, this::generateLazily, null);
            case TIERED -> newLoader(first, null, new CallSites(module));
        };
    }

    /**
     * The compiler of the module of {@code first} (and of every instance of it with the same
     * {@link Compiler#variant}): generates nothing yet. Its instances come in through {@link #install}.
     */
    static ModuleCompiler of(ModuleInstance first, Mode mode, Sink sink) {
        return new ModuleCompiler(first, mode, sink);
    }

    /**
     * Installs the module's code in {@code instance}'s functions ({@link WasmFunction#compiled}),
     * generating it if this is the first instance. Eagerly: every class at the first instance, each
     * function's outcome reported to the sink before this returns; never throws. Lazily: a
     * {@link LazyCode} per function, whose class is generated when the JVM first needs it (by any
     * instance), reported then. Tiered: the functions compiled so far (the others are compiled when
     * hot, {@link #compileOne}).
     */
    void install(ModuleInstance instance) {
        if (reasons.length == 0) {
            return;
        }
        register(instance);
        switch (mode) {
            case EAGER -> {
                generateAll();
                installCompiled(instance);
            }
            case LAZY -> installLazily(instance);
            case TIERED -> installCompiled(instance);
        }
    }

    private void register(ModuleInstance instance) {
        synchronized (instances) {
            if (instances.size() >= pruneAt) {
                instances.removeIf(r -> r.get() == null);
                pruneAt = Math.max(16, 2 * instances.size());
            }
            instances.add(new java.lang.ref.WeakReference<>(instance));
        }
    }

    /** The live instances of the module that use this code. */
    private java.util.List<ModuleInstance> live() {
        synchronized (instances) {
            java.util.List<ModuleInstance> all = new java.util.ArrayList<>();
            for (var r : instances) {
                ModuleInstance i = r.get();
                if (i != null) {
                    all.add(i);
                }
            }
            return all;
        }
    }

    /**
     * An instance to read the module-level facts generation needs from (function types, memory kinds:
     * the same in all instances that share the code). Generation happens while an instance is being
     * made or runs, so one is alive.
     */
    private ModuleInstance template() {
        synchronized (instances) {
            for (int k = instances.size() - 1; k >= 0; k--) {
                ModuleInstance i = instances.get(k).get();
                if (i != null) {
                    return i;
                }
            }
        }
        throw new IllegalStateException("no live instance to generate code from");
    }

    /** Eager: generates and loads every class, once (the first instance; the others wait for it). */
    private synchronized void generateAll() {
        if (generated) {
            return;
        }
        generated = true;
        try {
            run();
        } catch (RuntimeException | LinkageError e) {
            java.util.Arrays.fill(reasons, "class generation failed: " + e);
            java.util.Arrays.fill(codes, null);
        }
        sink.chunk(template(), reasons, 0, reasons.length);
    }

    /** Sets the compiled code of {@code instance}'s functions that have some. */
    private synchronized void installCompiled(ModuleInstance instance) {
        for (int d = 0; d < codes.length; d++) {
            if (codes[d] != null) {
                ((WasmFunction) instance.functions[imported + d]).compiled = code(codes[d], instance);
            }
        }
    }

    private CodeLoader newLoader(ModuleInstance first, CodeLoader.ClassSource source, CallSites callSites) {
        CodeLoader loader = new CodeLoader(first.module().types(), source, callSites);
        Module mine = ModuleCompiler.class.getModule();
        if (mine.isNamed()) {
            Module generated = loader.getUnnamedModule();
            mine.addExports(CodeLoader.class.getPackageName(), generated);
            mine.addExports(ModuleInstance.class.getPackageName(), generated);
            mine.addExports(dev.wasmj.internal.ops.NumericOps.class.getPackageName(), generated);
            mine.addReads(generated);
        }
        return loader;
    }

    /** The bytes of chunk {@code c}: its functions compiled where they can be, stubs for the rest. */
    private byte[] generateChunk(int c) {
        int from = chunkStarts[c];
        int to = chunkStarts[c + 1];
        ClassShape cs = shape.forChunk(c);
        try {
            return buildChunk(cs, from, to);
        } catch (RuntimeException e) {
            if (dropSplits(from, to, e)) {
                try {
                    return buildChunk(cs, from, to);
                } catch (RuntimeException again) {
                    e = again;
                }
            }
            // the chunk's functions run on the interpreter; its class still has their stubs
            for (int d = from; d < to; d++) {
                if (reasons[d] == null) {
                    reasons[d] = "class generation failed: " + e;
                }
            }
            return buildChunk(cs, from, to);
        } finally {
            for (int d = from; d < to; d++) {
                splitters.remove(d); // they hold an instance: the code must not keep one alive
            }
        }
    }

    /** After building a chunk failed: its split functions fall back; false if it has none. */
    private boolean dropSplits(int from, int to, RuntimeException e) {
        boolean any = false;
        for (int d = from; d < to; d++) {
            if (reasons[d] == null && splitters.containsKey(d)) {
                reasons[d] = "class generation failed (split function): " + e;
                any = true;
            }
        }
        return any;
    }

    private int[] codeStarts() {
        int[] codeStarts = new int[reasons.length];
        for (int d = 0; d < reasons.length; d++) {
            codeStarts[d] = module.codes().get(d).code().start();
        }
        return codeStarts;
    }

    /** The shared code of defined function {@code d}, whose class {@code owner} is loaded. */
    private FunctionCode functionCode(Class<?> owner, int d) throws ReflectiveOperationException {
        int index = imported + d;
        MethodHandle entry = MethodHandles.publicLookup().findStatic(owner, "s" + index, ENTRY);
        MethodTypeDesc desc = FunctionCompiler.descriptor(module.funcType(module.funcTypeIndex(index)));
        MethodHandle direct = MethodHandles.publicLookup().findStatic(owner, shape.tailCallers().entry(index),
                MethodType.fromMethodDescriptorString(desc.descriptorString(), owner.getClassLoader()));
        return new FunctionCode(entry, direct, shape.tailCallers().tailCalling(index));
    }

    /** The compiled code of a defined function for {@code instance}. */
    private CompiledCode code(FunctionCode code, ModuleInstance instance) {
        return new CompiledCode(code.entry(), code.direct(), instance, shape.base() + "_", codeStarts, imported,
                code.tailCalling());
    }

    private void run() {
        int chunks = chunkStarts.length - 1;
        byte[][] classes = new byte[chunks][];
        for (int c = 0; c < chunks; c++) {
            classes[c] = generateChunk(c);
        }
        dump(classes);
        Class<?>[] defined = new Class<?>[chunks];
        for (int c = 0; c < chunks; c++) {
            defined[c] = loader.define(ClassShape.className(shape.base(), c), classes[c]);
        }
        FunctionCode[] all = new FunctionCode[reasons.length];
        try {
            for (int c = 0; c < chunks; c++) {
                Class.forName(defined[c].getName(), true, loader);
            }
            for (int d = 0; d < reasons.length; d++) {
                if (reasons[d] == null) {
                    all[d] = functionCode(defined[shape.chunkOf()[d]], d);
                }
            }
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        System.arraycopy(all, 0, codes, 0, all.length);
    }

    /** Lazy: the class of chunk {@code name} for the loader, generated now, or null if it is not one of ours. */
    private byte[] generateLazily(String name) {
        String prefix = shape.base() + "_";
        if (!name.startsWith(prefix)) {
            return null;
        }
        int c = Integer.parseInt(name.substring(prefix.length()));
        byte[] bytes = generateChunk(c);
        dump(new byte[][] {bytes});
        sink.chunk(template(), reasons, chunkStarts[c], chunkStarts[c + 1]);
        return bytes;
    }

    /**
     * Lazy compilation: each function of {@code instance} that may be compiled gets a {@link LazyCode}
     * that loads its chunk's class (generated once for all instances) on its first call.
     */
    private void installLazily(ModuleInstance instance) {
        for (int d = 0; d < reasons.length; d++) {
            WasmFunction f = (WasmFunction) instance.functions[imported + d];
            if (FunctionCompiler.descriptor(f.funcType()) != null) {
                int defined = d;
                f.compiled = new LazyCode(f, shape.tailCallers().tailCalling(imported + d), () -> {
                    FunctionCode code = loadLazily(defined);
                    return code == null ? null : code(code, instance);
                });
            }
        }
    }

    /** Lazy: the code of defined function {@code d}, its chunk's class loaded; null if it falls back. */
    private FunctionCode loadLazily(int d) {
        synchronized (loader) {
            if (codes[d] != null) {
                return codes[d];
            }
            try {
                String name = ClassShape.className(shape.base(), shape.chunkOf()[d]);
                Class<?> owner = Class.forName(name, true, loader);
                if (reasons[d] != null) {
                    return null;
                }
                codes[d] = functionCode(owner, d);
                return codes[d];
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    // ---- tiered compilation: one class per function, each when it gets hot

    /**
     * Tiered compilation: generates and loads the class of defined function {@code d} (named like chunk
     * {@code d}), once for the module, reports it to the sink and installs its code in
     * {@link WasmFunction#compiled} of every live instance (later instances get it from
     * {@link #install}) and in its call site. Returns false if the function stays on the interpreter.
     * Never throws. Thread safe.
     */
    synchronized boolean compileOne(int d) {
        if (attempted[d]) {
            return codes[d] != null;
        }
        attempted[d] = true;
        int index = imported + d;
        MethodTypeDesc desc = FunctionCompiler.descriptor(module.funcType(module.funcTypeIndex(index)));
        ClassShape cs = shape.forChunk(d);
        String name = ClassShape.className(shape.base(), d);
        Class<?> owner;
        try {
            byte[] bytes;
            try {
                bytes = buildChunk(cs, d, d + 1);
            } catch (RuntimeException e) {
                reasons[d] = "class generation failed: " + e;
                bytes = buildChunk(cs, d, d + 1);
            } finally {
                splitters.remove(d);
            }
            dump(new byte[][] {bytes});
            owner = loader.define(name, bytes);
            Class.forName(name, true, loader);
        } catch (RuntimeException | LinkageError | ReflectiveOperationException e) {
            reasons[d] = "class generation failed: " + e;
            sink.chunk(template(), reasons, d, d + 1);
            return false;
        }
        sink.chunk(template(), reasons, d, d + 1);
        if (desc == null) {
            return false;
        }
        try {
            codes[d] = reasons[d] == null ? functionCode(owner, d) : null;
            MethodHandle method = MethodHandles.publicLookup().findStatic(owner, shape.tailCallers().entry(index),
                    MethodType.fromMethodDescriptorString(desc.descriptorString(), owner.getClassLoader()));
            shape.chunkOf()[d] = d;
            if (codes[d] != null) {
                for (ModuleInstance instance : live()) {
                    ((WasmFunction) instance.functions[index]).compiled = code(codes[d], instance);
                }
            }
            loader.callSites().install(index, method);
            return codes[d] != null;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the classes to the directory the system property {@value #DUMP} names, if it is set. */
    private void dump(byte[][] classes) {
        String dir = System.getProperty(DUMP);
        if (dir == null) {
            return;
        }
        try {
            for (int c = 0; c < classes.length; c++) {
                String name = java.lang.classfile.ClassFile.of().parse(classes[c]).thisClass().asInternalName();
                java.nio.file.Path file = java.nio.file.Path.of(dir, name.replace('/', '.') + ".class");
                java.nio.file.Files.createDirectories(file.getParent());
                java.nio.file.Files.write(file, classes[c]);
            }
        } catch (java.io.IOException e) {
            System.getLogger("dev.wasmj.compiler").log(System.Logger.Level.WARNING, "cannot dump classes: " + e);
        }
    }

    /**
     * The class of the defined functions [from, to): built, then rebuilt with a stub for each function
     * whose method came out over {@link #MAX_METHOD_BYTES}.
     */
    private byte[] buildChunk(ClassShape cs, int from, int to) {
        for (;;) {
            byte[] bytes = ClassFile.of().build(cs.self(), clb -> buildClass(clb, cs, from, to));
            boolean retry = false;
            java.util.Set<Integer> shrunk = new java.util.HashSet<>();
            for (MethodModel mm : ClassFile.of().parse(bytes).methods()) {
                String name = mm.methodName().stringValue();
                if (!name.startsWith("f")) {
                    continue;
                }
                int part = name.indexOf('$'); // f<index>$<offset>: a region of a split function
                int d = Integer.parseInt(name.substring(1, part < 0 ? name.length() : part)) - imported;
                int length = mm.findAttribute(java.lang.classfile.Attributes.code())
                        .map(CodeAttribute::codeLength).orElse(0);
                if (reasons[d] == null && length > MAX_METHOD_BYTES && shrunk.add(d)) {
                    FunctionSplitter s = splitters.get(d);
                    if (s == null) {
                        splitters.put(d, FunctionSplitter.of((WasmFunction) template().functions[imported + d]));
                    } else if (!s.shrink()) {
                        reasons[d] = "method too large (" + length + " bytes of bytecode)";
                    }
                    retry = true;
                }
            }
            if (!retry) {
                return bytes;
            }
        }
    }

    private void buildClass(ClassBuilder clb, ClassShape cs, int from, int to) {
        clb.withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_FINAL | ClassFile.ACC_SUPER);
        ModuleInstance instance = template();
        for (int d = from; d < to; d++) {
            int index = imported + d;
            WasmFunction f = (WasmFunction) instance.functions[index];
            FuncType type = f.funcType();
            MethodTypeDesc desc = FunctionCompiler.descriptor(type);
            if (desc == null) {
                reasons[d] = "type not compiled (several results with a v128 and a reference, or too many parameters)";
                continue;
            }
            if (reasons[d] == null && !splitters.containsKey(d)) {
                FunctionSplitter forced = FunctionSplitter.forced(f);
                if (forced != null) {
                    splitters.put(d, forced);
                } else if (f.body().code().length() > MAX_BODY_BYTES) {
                    splitters.put(d, FunctionSplitter.of(f));
                }
            }
            if (reasons[d] == null) {
                try {
                    FunctionSplitter splitter = splitters.get(d);
                    if (splitter != null) {
                        splitter.emit(clb, cs, desc);
                    } else {
                        clb.withMethodBody("f" + index, desc, STATIC, cb -> new FunctionCompiler(cs, f, cb).emit());
                    }
                } catch (Unsupported e) {
                    reasons[d] = e.getMessage();
                } catch (RuntimeException e) {
                    reasons[d] = "generation failed: " + e;
                }
            }
            if (reasons[d] == null) {
                clb.withMethodBody("s" + index, ENTRY_DESC, STATIC, cb -> entry(cb, cs, index, type, desc));
            } else {
                clb.withMethodBody("f" + index, desc, STATIC, cb -> stub(cb, cs, index, type, desc));
            }
            if (cs.tailCallers().tailCalling(index)) {
                clb.withMethodBody(TailCallCompiler.WRAPPER_PREFIX + index, desc, STATIC,
                        cb -> TailCallCompiler.wrapper(cb, cs, index, type, desc));
            }
        }
    }

    /**
     * {@code s<index>(long[] slots, Object[] refs, ModuleInstance instance)}: calls {@code f<index>} of
     * {@code instance} in the slots convention.
     */
    private void entry(CodeBuilder cb, ClassShape shape, int index, FuncType type, MethodTypeDesc desc) {
        char[] ps = FunctionCompiler.kinds(type.params());
        int[] pos = FunctionCompiler.slotPositions(ps);
        for (int k = 0; k < ps.length; k++) {
            cb.aload(ps[k] == 'A' ? 1 : 0);
            cb.loadConstant(pos[k]);
            switch (ps[k]) {
                case 'I' -> {
                    cb.laload();
                    cb.l2i();
                }
                case 'J' -> cb.laload();
                case 'V' -> {
                    cb.laload();
                    cb.aload(0);
                    cb.loadConstant(pos[k] + 1);
                    cb.laload();
                }
                default -> cb.aaload();
            }
        }
        cb.aload(2);
        cb.invokestatic(shape.self(), "f" + index, desc);
        char[] rs = FunctionCompiler.kinds(type.results());
        if (RefResults.applies(rs)) {
            int array = cb.allocateLocal(java.lang.classfile.TypeKind.REFERENCE);
            cb.astore(array);
            RefResults.toSlots(cb, rs, array, 0, 1);
        } else if (FunctionCompiler.resultsInArray(rs)) {
            cb.iconst_0();
            cb.aload(0);
            cb.iconst_0();
            cb.loadConstant(FunctionCompiler.slotCount(rs));
            cb.invokestatic(ClassDesc.of("java.lang.System"), "arraycopy", MethodTypeDesc.of(ConstantDescs.CD_void,
                    ConstantDescs.CD_Object, ConstantDescs.CD_int, ConstantDescs.CD_Object, ConstantDescs.CD_int,
                    ConstantDescs.CD_int));
        } else if (type.results().length == 1) {
            char k = FunctionCompiler.kind(type.results()[0]);
            int tmp = cb.allocateLocal(FunctionCompiler.typeKind(k));
            cb.storeLocal(FunctionCompiler.typeKind(k), tmp);
            cb.aload(k == 'A' ? 1 : 0);
            cb.iconst_0();
            cb.loadLocal(FunctionCompiler.typeKind(k), tmp);
            RegionCompiler.store(cb, k);
        }
        cb.return_();
    }

    /** {@code f<index>} of a function that runs on the interpreter: its call through the slots convention. */
    private void stub(CodeBuilder cb, ClassShape shape, int index, FuncType type, MethodTypeDesc desc) {
        char[] ps = FunctionCompiler.kinds(type.params());
        char[] rs = FunctionCompiler.kinds(type.results());
        int n = Math.max(Math.max(FunctionCompiler.slotCount(ps), FunctionCompiler.slotCount(rs)), 1);
        int[] pos = FunctionCompiler.slotPositions(ps);
        int slots = cb.allocateLocal(java.lang.classfile.TypeKind.REFERENCE);
        int refs = cb.allocateLocal(java.lang.classfile.TypeKind.REFERENCE);
        cb.loadConstant(n);
        cb.newarray(java.lang.classfile.TypeKind.LONG);
        cb.astore(slots);
        cb.loadConstant(n);
        cb.anewarray(ConstantDescs.CD_Object);
        cb.astore(refs);
        for (int k = 0, jvm = 0; k < ps.length; k++, jvm++) {
            cb.aload(ps[k] == 'A' ? refs : slots);
            cb.loadConstant(pos[k]);
            cb.loadLocal(FunctionCompiler.typeKind(ps[k]), cb.parameterSlot(jvm));
            switch (ps[k]) {
                case 'I' -> {
                    cb.i2l();
                    cb.lastore();
                }
                case 'J' -> cb.lastore();
                case 'V' -> { // two parameters, two slots
                    cb.lastore();
                    jvm++;
                    cb.aload(slots);
                    cb.loadConstant(pos[k] + 1);
                    cb.loadLocal(java.lang.classfile.TypeKind.LONG, cb.parameterSlot(jvm));
                    cb.lastore();
                }
                default -> cb.aastore();
            }
        }
        cb.aload(cb.parameterSlot(desc.parameterCount() - 1)); // the instance
        cb.loadConstant(index);
        cb.aload(slots);
        cb.aload(refs);
        cb.invokestatic(Descs.SUPPORT, "call", MethodTypeDesc.of(ConstantDescs.CD_void, Descs.MODULE_INSTANCE,
                ConstantDescs.CD_int, Descs.LONGS, Descs.OBJECTS));
        if (type.results().length == 0) {
            cb.return_();
            return;
        }
        if (RefResults.applies(rs)) {
            RefResults.fromSlots(cb, rs, slots, refs);
            cb.areturn();
            return;
        }
        if (FunctionCompiler.resultsInArray(rs)) {
            cb.aload(slots);
            cb.loadConstant(FunctionCompiler.slotCount(rs));
            cb.invokestatic(ClassDesc.of("java.util.Arrays"), "copyOf",
                    MethodTypeDesc.of(Descs.LONGS, Descs.LONGS, ConstantDescs.CD_int));
            cb.areturn();
            return;
        }
        char k = FunctionCompiler.kind(type.results()[0]);
        cb.aload(k == 'A' ? refs : slots);
        cb.iconst_0();
        switch (k) {
            case 'I' -> {
                cb.laload();
                cb.l2i();
                cb.ireturn();
            }
            case 'J' -> {
                cb.laload();
                cb.lreturn();
            }
            default -> {
                cb.aaload();
                cb.areturn();
            }
        }
    }
}
