package mcs.kernel;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.function.Supplier;
import mcs.interpreter.Output;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.Value;
import mcs.runtime.train.ProgressListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's {@link Output} in the kernel: sends everything to the cell running now. What the
 * interpreter prints is the value of an expression statement, so it becomes the cell's result;
 * builtins' own printing ({@code print}, {@code help}) is routed to {@link #stdout} by
 * {@link KernelBuiltins}. Tables become HTML as well as text: a printed text that is the
 * {@code show()} of the table a builtin just returned, or of a table variable, is that table.
 */
final class KernelOutput implements Output {

    private static final Logger LOG = LoggerFactory.getLogger(KernelOutput.class);

    private volatile Cell cell;
    private volatile Value lastReturned;
    private volatile Supplier<Map<String, Value>> variables = Map::of;

    /** Where the session's variables are, for recognising a printed table. */
    void variables(Supplier<Map<String, Value>> source) {
        this.variables = source;
    }

    void begin(Cell c) {
        lastReturned = null;
        cell = c;
    }

    void end() {
        cell = null;
        lastReturned = null;
    }

    /** A builtin returned {@code v} (remembered to render it richly if it is printed next). */
    void returned(Value v) {
        lastReturned = v;
    }

    /** A builtin's printed line. */
    void stdout(String text) {
        stream("stdout", text + "\n");
    }

    /** Raw text written to {@code System.out} while a cell runs. */
    void stream(String name, String text) {
        Cell c = cell;
        if (c != null) {
            c.stream(name, text);
        } else {
            LOG.info("{} outside a cell: {}", name, text.stripTrailing());
        }
    }

    @Override
    public void print(String text) {
        Cell c = cell;
        if (c == null) {
            LOG.info("output outside a cell: {}", text);
            return;
        }
        Value v = printed(text);
        c.result(v != null ? MimeBundles.of(v) : MimeBundles.text(text));
    }

    /** The table whose text {@code text} is, if any. */
    private Value printed(String text) {
        Value last = lastReturned;
        if (last instanceof TableValue && last.show().equals(text)) {
            return last;
        }
        for (Value v : variables.get().values()) {
            if (v instanceof TableValue && v.show().equals(text)) {
                return v;
            }
        }
        return null;
    }

    @Override
    public void result(Value value) {
        Cell c = cell;
        if (c != null) {
            c.result(MimeBundles.of(value));
        }
    }

    @Override
    public void display(Value value) {
        Cell c = cell;
        if (c != null) {
            c.display(MimeBundles.of(value));
        }
    }

    @Override
    public void image(byte[] png, String description) {
        Cell c = cell;
        if (c != null) {
            c.display(MimeBundles.png(png, description));
        }
    }

    @Override
    public void notice(String text) {
        stream("stderr", text + "\n");
    }

    @Override
    public ProgressListener progress() {
        return status -> {
            Cell c = cell;
            if (c != null) {
                c.progress().update(status);
            }
        };
    }

    @Override
    public String input(String prompt) {
        Cell c = cell;
        if (c == null) {
            throw new UnsupportedOperationException("no cell is running to ask from");
        }
        return c.input(prompt);
    }

    /** The last result of the cell running now (for user expressions), or null. */
    JsonObject lastResult() {
        Cell c = cell;
        return c == null ? null : c.lastResult();
    }
}
