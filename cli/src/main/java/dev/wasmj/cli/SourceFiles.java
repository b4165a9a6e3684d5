package dev.wasmj.cli;

import dev.wasmj.format.MalformedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads and writes the files named on the command line, turning I/O errors into {@link UserException}s. */
public final class SourceFiles {
    private SourceFiles() {}

    /** The bytes of {@code file}. */
    public static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserException("cannot read " + file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new UserException("cannot read " + file + ": permission denied");
        } catch (IOException e) {
            throw new UserException("cannot read " + file + ": " + reason(e));
        }
    }

    /** Writes {@code bytes} to {@code file}, replacing it. */
    public static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (NoSuchFileException e) {
            throw new UserException("cannot write " + file + ": no such directory");
        } catch (AccessDeniedException e) {
            throw new UserException("cannot write " + file + ": permission denied");
        } catch (IOException e) {
            throw new UserException("cannot write " + file + ": " + reason(e));
        }
    }

    private static String reason(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message;
    }

    /**
     * {@code bytes} decoded as UTF-8, which is what the text format requires.
     *
     * @throws MalformedException "malformed UTF-8 encoding" at the line and column of the first bad byte
     */
    public static String utf8(byte[] bytes) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int bad = in.position();
            int line = 1;
            int lineStart = 0;
            for (int i = 0; i < bad; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            int column = new String(bytes, lineStart, bad - lineStart, StandardCharsets.UTF_8).length() + 1;
            throw new MalformedException("malformed UTF-8 encoding", line, column);
        }
        return out.flip().toString();
    }
}
