package mcs.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import mcs.grammar.SourceText;
import mcs.interpreter.Output;
import mcs.interpreter.Result;
import mcs.interpreter.Session;
import mcs.runtime.train.ProgressListener;

/** Runs an mcs script in a JVM of its own: the driver a test can kill. */
public final class ScriptMain {

    private ScriptMain() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        Session session = new Session(Output.of(System.out::println, System.err::println,
                ProgressListener.NONE));
        Result r = session.executeScript(new SourceText(file.toString(), Files.readString(file)),
                null);
        System.err.print(r.errorText());
        System.exit(r.exitCode());
    }
}
