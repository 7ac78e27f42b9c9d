package mcs.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import mcs.grammar.SourceText;

/** The text of a script, from a file or standard input, read as UTF-8. */
final class ScriptSource {

    /** A script that cannot be read, with the reason in the user's words (exit code 74). */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String name, String reason) {
            super("cannot read " + name + ": " + reason);
        }
    }

    private ScriptSource() {
    }

    /** The script in {@code file}, named as the user wrote it. */
    static SourceText file(String file) throws Unreadable {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
            throw new Unreadable(file, "it is a directory");
        }
        try {
            return new SourceText(file, decode(Files.readAllBytes(path)));
        } catch (NoSuchFileException e) {
            throw new Unreadable(file, "no such file");
        } catch (AccessDeniedException e) {
            throw new Unreadable(file, "permission denied");
        } catch (CharacterCodingException e) {
            throw new Unreadable(file, "it is not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable(file, String.valueOf(e.getMessage()));
        }
    }

    /** The whole of standard input, named {@code <stdin>}. */
    static SourceText stdin(InputStream in) throws Unreadable {
        String name = "<stdin>";
        try {
            return new SourceText(name, decode(in.readAllBytes()));
        } catch (CharacterCodingException e) {
            throw new Unreadable(name, "it is not UTF-8 text");
        } catch (IOException e) {
            throw new Unreadable(name, String.valueOf(e.getMessage()));
        }
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        String text = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }
}
