package dev.wasmj.internal.interpreter;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;

import static org.assertj.core.api.Assertions.assertThat;

/** HotSpot does not JIT-compile methods over 8,000 bytes of bytecode: the dispatch loop must stay under. */
class DispatchSizeTest {
    @Test
    void theDispatchLoopIsSmallEnoughToBeCompiled() throws IOException {
        byte[] bytes;
        try (InputStream in = Interpreter.class.getResourceAsStream("Interpreter.class")) {
            bytes = in.readAllBytes();
        }
        ClassModel model = ClassFile.of().parse(bytes);
        MethodModel run = model.methods().stream().filter(m -> m.methodName().equalsString("run")).findFirst()
                .orElseThrow();
        CodeModel code = run.code().orElseThrow();
        assertThat(((CodeAttribute) code).codeLength()).isLessThan(8000);
    }
}
