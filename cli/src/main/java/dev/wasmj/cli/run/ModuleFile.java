package dev.wasmj.cli.run;

import dev.wasmj.Engine;
import dev.wasmj.Module;
import dev.wasmj.cli.Diagnostics;
import dev.wasmj.cli.ModuleFiles;
import dev.wasmj.cli.ModuleLoader;
import dev.wasmj.cli.SourceFiles;
import dev.wasmj.cli.UserException;
import dev.wasmj.format.WasmFormatException;
import java.nio.file.Path;

/** Loads the module files that {@code wasmj run} is given. */
public final class ModuleFile {
    private ModuleFile() {}

    /**
     * The binary (.wasm) or text (.wat) module in {@code file}, for {@code engine}.
     *
     * @throws UserException if the file cannot be read, or holds no valid module (the message
     *     names the file and the position of the problem: line:column in text, byte offset in a
     *     binary)
     */
    public static Module load(Engine engine, Path file) {
        byte[] bytes = SourceFiles.read(file);
        boolean text = ModuleFiles.isText(file, bytes);
        try {
            byte[] binary = text ? new ModuleLoader(engine.features()).text(SourceFiles.utf8(bytes)).binary() : bytes;
            return Module.fromBinary(engine, binary);
        } catch (WasmFormatException e) {
            throw new UserException(Diagnostics.describe(file.toString(), e, text));
        }
    }
}
