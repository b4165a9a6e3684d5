package dev.wasmj.wasi;

import com.google.common.jimfs.Configuration;
import com.google.common.jimfs.Jimfs;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

/**
 * {@code @TempDir(factory = JimfsTempDir.class)}: a directory in a fresh in-memory Unix file system
 * (Jimfs) for each test, named after the field, closed with the directory after the test.
 */
final class JimfsTempDir implements TempDirFactory {
    private FileSystem fs;

    @Override
    public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext extension) throws IOException {
        fs = Jimfs.newFileSystem(Configuration.unix());
        String name = element.getAnnotatedElement() instanceof java.lang.reflect.Field field ? field.getName() : "root";
        return Files.createDirectories(fs.getPath("/" + name));
    }

    @Override
    public void close() throws IOException {
        if (fs != null) {
            fs.close();
        }
    }
}
