package mcs.interpreter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;
import mcs.interpreter.value.Value;
import mcs.runtime.train.ProgressListener;

/** Where a session's output goes. Everything a program prints passes through here. */
public interface Output {

    /** A value's {@code show()} or {@code print(..)} output; implementations add a newline. */
    void print(String text);

    /** An announcement such as "installing dataset-fashion-mnist", for standard error. */
    void notice(String text);

    /** Receives progress of long work (training). */
    ProgressListener progress();

    /**
     * The value of a top-level expression statement. Here its text; a notebook kernel shows it
     * as the cell's result, tables as HTML.
     */
    default void result(Value value) {
        print(value.show());
    }

    /** Shows a value on its own ({@code display(x)}). Here its text; a notebook renders it. */
    default void display(Value value) {
        print(value.show());
    }

    /**
     * Shows a PNG image such as a plot. Here: writes it to a new file in the temporary
     * directory and prints the file's path; a notebook shows the image itself.
     *
     * @param description what the image shows, in a few words (a notebook's text fallback)
     * @throws UncheckedIOException when the file cannot be written
     */
    default void image(byte[] png, String description) {
        try {
            Path file = Files.createTempFile("mcs-plot-", ".png");
            Files.write(file, png);
            print(file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the image: " + e.getMessage(), e);
        }
    }

    /**
     * Asks the user for one line of text (a builtin's question). Here: shows the prompt on
     * standard error and reads a line from standard input; a notebook asks its frontend.
     *
     * @return the line without its terminator, or null at the end of the input
     * @throws UncheckedIOException when standard input cannot be read
     */
    default String input(String prompt) {
        System.err.print(prompt);
        System.err.flush();
        return readLine(System.in);
    }

    /** One line from {@code in}, read byte by byte so nothing after it is consumed. */
    private static String readLine(InputStream in) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        try {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            while (b >= 0 && b != '\n') {
                line.write(b);
                b = in.read();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
        }
        String text = line.toString(Charset.defaultCharset());
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    /** Prints to {@code out}, notices to {@code err}, and shows no progress. */
    static Output of(PrintStream out, PrintStream err) {
        return of(out::println, err::println, ProgressListener.NONE);
    }

    /** An output made of its three parts; the other methods keep their defaults. */
    static Output of(Consumer<String> print, Consumer<String> notice, ProgressListener progress) {
        return new Output() {
            @Override
            public void print(String text) {
                print.accept(text);
            }

            @Override
            public void notice(String text) {
                notice.accept(text);
            }

            @Override
            public ProgressListener progress() {
                return progress;
            }
        };
    }
}
