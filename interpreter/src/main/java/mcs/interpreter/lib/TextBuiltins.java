package mcs.interpreter.lib;

import static mcs.interpreter.builtin.BuiltinSpec.define;

import java.util.List;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.builtin.Builtins;
import mcs.interpreter.builtin.CallContext;
import mcs.interpreter.builtin.Group;
import mcs.interpreter.builtin.Param;
import mcs.interpreter.builtin.Type;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.RecordValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;

/** {@code format}: values into a template, as Python's {@code str.format} does. */
final class TextBuiltins {

    private TextBuiltins() {
    }

    static void register(Builtins.Builder b) {
        b.add(define("format", Group.OTHER, "Puts values into a template, as Python's "
                        + "str.format: format(\"{:.2%}\", acc).")
                .param(Param.required("template", Type.STRING, "text with {} fields"))
                .param(Param.variadic("values", Type.ANY, "what the fields show, in order"))
                .note("{} takes the next value and {0} the first; {0.acc} is a record's field, "
                        + "{0[1]} a list's")
                .note("element; {{ and }} are literal braces. After a colon, a spec:")
                .note("  [[fill]align][sign][0][width][,][.precision][type]")
                .note("align: < left, > right, ^ centre, = pad after the sign; sign: + - or space;")
                .note("0: pad numbers with zeros; ,: thousands separator; type: f fixed,")
                .note("e scientific, g general, % percent, d whole number, s text (F E G in")
                .note("capitals), none: as print shows the value (.3: 3 significant digits).")
                .note("format(\"{:.2%}\", 0.9134) is 91.34%; format(\"{:,}\", 431080) is "
                        + "431,080;")
                .note("format(\"{:>8.3f}|\", 3.14159) is \"   3.142|\"; format(\"{:+d}\", 3) is "
                        + "+3.")
                .returns(Type.STRING), TextBuiltins::format);
    }

    private static Value format(Args a, CallContext c) {
        String template = a.str("template");
        List<Value> values = a.values("values");
        StringBuilder out = new StringBuilder();
        Numbering numbering = new Numbering();
        int i = 0;
        while (i < template.length()) {
            char ch = template.charAt(i);
            if ((ch == '{' || ch == '}') && i + 1 < template.length()
                    && template.charAt(i + 1) == ch) {
                out.append(ch);
                i += 2;
            } else if (ch == '{') {
                int close = fieldEnd(a, template, i);
                String field = template.substring(i, close + 1);
                out.append(field(a, field, values, numbering));
                i = close + 1;
            } else if (ch == '}') {
                throw a.error("template", "unmatched } at position " + (i + 1) + " of the "
                        + "template; write }} for a literal brace");
            } else {
                out.append(ch);
                i++;
            }
        }
        return new Str(out.toString());
    }

    /** The index of the {@code }} closing the field that opens at {@code open}. */
    private static int fieldEnd(Args a, String template, int open) {
        for (int j = open + 1; j < template.length(); j++) {
            char ch = template.charAt(j);
            if (ch == '}') {
                return j;
            }
            if (ch == '{') {
                throw a.error("template", "a { inside the field at position " + (open + 1)
                        + ": fields do not nest (write {{ for a literal brace)");
            }
        }
        throw a.error("template", "unmatched { at position " + (open + 1) + " of the "
                + "template; write {{ for a literal brace");
    }

    /** How the fields are numbered: {@code {}} counts on; it cannot be mixed with {@code {0}}. */
    private static final class Numbering {
        private int next;
        private boolean automatic;
        private boolean manual;
    }

    /** The text of one field such as {@code {}}, {@code {1:>8.3f}} or {@code {0.acc}}. */
    private static String field(Args a, String field, List<Value> values, Numbering numbering) {
        String inside = field.substring(1, field.length() - 1);
        int colon = inside.indexOf(':');
        String name = colon < 0 ? inside : inside.substring(0, colon);
        String spec = colon < 0 ? "" : inside.substring(colon + 1);
        if (name.indexOf('!') >= 0) {
            throw a.error("template", field + ": conversions such as !r are not supported");
        }
        int digits = 0;
        while (digits < name.length() && name.charAt(digits) >= '0'
                && name.charAt(digits) <= '9') {
            digits++;
        }
        if (digits == 0 && !name.isEmpty() && name.charAt(0) != '.' && name.charAt(0) != '[') {
            throw a.error("template", field + " names no value: fields are {}, or {0}, {1}, "
                    + "... by position; {0.acc} is a record's field");
        }
        int index;
        if (digits == 0) {
            numbering.automatic = true;
            index = numbering.next++;
        } else {
            numbering.manual = true;
            index = digits > 9 ? Integer.MAX_VALUE : Integer.parseInt(name.substring(0, digits));
        }
        if (numbering.automatic && numbering.manual) {
            throw a.error("template", field + ": the template mixes {} with numbered fields "
                    + "such as {0}; number all of them or none");
        }
        if (index >= values.size()) {
            String asked = digits == 0 ? Integer.toString(index) : name.substring(0, digits);
            throw a.error("template", "the template asks for {" + asked + "} but "
                    + given(values.size()));
        }
        Value v = access(a, field, values.get(index), name.substring(digits));
        try {
            return FormatSpec.parse(spec, field).apply(v, field);
        } catch (FormatSpec.Invalid e) {
            throw a.error("template", e.getMessage());
        }
    }

    private static String given(int n) {
        return switch (n) {
            case 0 -> "no values were given";
            case 1 -> "only 1 value was given";
            default -> "only " + n + " values were given";
        };
    }

    /** Follows {@code .name} (a record's field) and {@code [i]} (a list's element) steps. */
    private static Value access(Args a, String field, Value v, String path) {
        int i = 0;
        while (i < path.length()) {
            char ch = path.charAt(i);
            int end = i + 1;
            if (ch == '.') {
                while (end < path.length() && path.charAt(end) != '.'
                        && path.charAt(end) != '[') {
                    end++;
                }
                v = member(a, field, v, path.substring(i + 1, end));
            } else if (ch == '[') {
                end = path.indexOf(']', i);
                if (end < 0) {
                    throw a.error("template", field + ": a [ without ]");
                }
                v = element(a, field, v, path.substring(i + 1, end));
                end++;
            } else {
                throw a.error("template", field + ": expected .name or [index] after the "
                        + "position, got " + path.substring(i));
            }
            i = end;
        }
        return v;
    }

    private static Value member(Args a, String field, Value v, String name) {
        if (name.isEmpty()) {
            throw a.error("template", field + ": a '.' must be followed by a field name");
        }
        if (!(v instanceof RecordValue r)) {
            throw a.error("template", field + ": only records have fields, got "
                    + v.describe());
        }
        return r.get(name).orElseThrow(() -> a.error("template", field + ": the record has no "
                + "field " + name + "; its fields: " + String.join(", ", r.names())));
    }

    private static Value element(Args a, String field, Value v, String index) {
        if (!(v instanceof ListValue l)) {
            throw a.error("template", field + ": only lists have elements, got "
                    + v.describe());
        }
        if (index.isEmpty() || index.length() > 9
                || !index.chars().allMatch(ch -> ch >= '0' && ch <= '9')
                || Integer.parseInt(index) >= l.size()) {
            int size = l.size();
            throw a.error("template", field + ": index " + index + " is out of range: the list "
                    + "has " + size + " element" + (size == 1 ? "" : "s")
                    + (size == 0 ? "" : " (0 to " + (size - 1) + ")"));
        }
        return l.get(Integer.parseInt(index));
    }
}
