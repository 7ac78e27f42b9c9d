package mcs.interpreter.jshell;

import java.util.Map;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;
import mcs.runtime.model.Model;

/**
 * What a {@code %java} snippet sees of the mcs session, as {@code mcs}: {@code mcs.model("small")},
 * {@code mcs.value("x")}, and {@code mcs.set("name", value)} to hand a Java value back (a Model,
 * a number or a string). The registry of the session running a snippet; JShell needs it static.
 */
public final class Mcs {

    /** The handle snippets see as {@code mcs}. */
    public static final Mcs SESSION = new Mcs();

    private static volatile Map<String, Value> current = Map.of();

    private Mcs() {
    }

    static void attach(Map<String, Value> variables) {
        current = variables;
    }

    /** The model bound to {@code name} in the session. */
    public Model model(String name) {
        Value v = current.get(name);
        if (v instanceof ModelValue m) {
            return m.model();
        }
        throw new IllegalArgumentException(v == null ? "no variable " + name
                : name + " is not a model");
    }

    /** The session's value of {@code name} (an mcs value), or null. */
    public Value value(String name) {
        return current.get(name);
    }

    /** Binds {@code name} in the session to a Model, a number or a string. */
    public void set(String name, Object value) {
        Value v;
        if (value instanceof Model m) {
            v = new ModelValue(m);
        } else if (value instanceof Number n) {
            v = Num.of(n.doubleValue());
        } else if (value instanceof String s) {
            v = new Str(s);
        } else if (value instanceof Value mv) {
            v = mv;
        } else {
            throw new IllegalArgumentException("cannot hand a " + (value == null ? "null"
                    : value.getClass().getSimpleName()) + " to mcs: use a Model, number or string");
        }
        current.put(name, v);
    }
}
