package mcs.kernel;

import com.google.gson.JsonObject;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.HelpText;
import mcs.interpreter.value.Value;

/**
 * What {@code inspect_request} shows (Shift-Tab in a notebook): for a builtin, its help from
 * the spec (signature, defaults, one line per parameter, notes); for a variable, its type and
 * value. The name is the word at the cursor, or else the function whose arguments the cursor
 * is in.
 */
final class Inspector {

    private final Builtins builtins;
    private final Supplier<Map<String, Value>> variables;

    Inspector(Builtins builtins, Supplier<Map<String, Value>> variables) {
        this.builtins = builtins;
        this.variables = variables;
    }

    /** The mime bundle describing what is at char index {@code cursor}, if anything. */
    Optional<JsonObject> inspect(String code, int cursor) {
        int pos = Math.max(0, Math.min(cursor, code.length()));
        int start = pos;
        while (start > 0 && CallSite.isWordChar(code.charAt(start - 1))) {
            start--;
        }
        int end = pos;
        while (end < code.length() && CallSite.isWordChar(code.charAt(end))) {
            end++;
        }
        Optional<String> text = describe(code.substring(start, end));
        if (text.isEmpty()) {
            CallSite site = CallSite.at(code, start);
            if (site.function() != null) {
                text = describe(site.function());
            }
        }
        return text.map(MimeBundles::text);
    }

    private Optional<String> describe(String name) {
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Value v = variables.get().get(name);
        if (v != null) {
            return Optional.of(name + ": " + v.typeName() + "\n" + v.show());
        }
        return builtins.spec(name).map(HelpText::of);
    }
}
