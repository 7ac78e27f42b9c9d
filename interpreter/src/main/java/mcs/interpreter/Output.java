package mcs.interpreter;

import java.io.PrintStream;
import mcs.runtime.train.ProgressListener;

/** Where a session's output goes. Everything a program prints passes through here. */
public interface Output {

    /** A value's {@code show()} or {@code print(..)} output; implementations add a newline. */
    void print(String text);

    /** An announcement such as "installing dataset-fashion-mnist", for standard error. */
    void notice(String text);

    /** Receives progress of long work (training). */
    ProgressListener progress();

    /** Prints to {@code out}, notices to {@code err}, and shows no progress. */
    static Output of(PrintStream out, PrintStream err) {
        return new Output() {
            @Override
            public void print(String text) {
                out.println(text);
            }

            @Override
            public void notice(String text) {
                err.println(text);
            }

            @Override
            public ProgressListener progress() {
                return ProgressListener.NONE;
            }
        };
    }
}
