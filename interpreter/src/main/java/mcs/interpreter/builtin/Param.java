package mcs.interpreter.builtin;

import java.util.List;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.Value;

/**
 * One parameter of a builtin: name, type, default (none when required), one-line doc, and
 * optionally the symbols it accepts, a numeric range, and a hint shown with type errors.
 * A variadic parameter ({@code layers...}) takes all remaining positional arguments; parameters
 * after it can only be given by name.
 *
 * @param defaultValue the default, {@link Nil} for an optional parameter without one, or null
 *                     when the parameter is required (or variadic)
 * @param defaultText  how the default shows in signatures when not its value, e.g. {@code size}
 */
public record Param(String name, Type type, Value defaultValue, String doc, List<String> symbols,
                    Range range, boolean variadic, boolean keywordOnly, String hint,
                    String defaultText) {

    public Param {
        symbols = List.copyOf(symbols);
        if (name == null || type == null || doc == null) {
            throw new IllegalArgumentException("name, type and doc are required");
        }
    }

    /** A parameter that must be given. */
    public static Param required(String name, Type type, String doc) {
        return new Param(name, type, null, doc, List.of(), null, false, false, null, null);
    }

    /** A parameter with a default. */
    public static Param optional(String name, Type type, Value defaultValue, String doc) {
        return new Param(name, type, defaultValue, doc, List.of(), null, false, false, null, null);
    }

    /** An optional parameter without a default value ({@link Nil} when not given). */
    public static Param optional(String name, Type type, String doc) {
        return optional(name, type, Nil.NIL, doc);
    }

    /** A symbol parameter: one of {@code allowed}, defaulting to {@code defaultSymbol}. */
    public static Param symbol(String name, String defaultSymbol, String doc, String... allowed) {
        return new Param(name, Type.SYMBOL, new Sym(defaultSymbol), doc, List.of(allowed), null,
                false, false, null, null);
    }

    /**
     * An optional parameter taking one of {@code allowed} or a list of them, always bound as a
     * list ({@link Nil} when not given).
     */
    public static Param symbolList(String name, String doc, String... allowed) {
        return new Param(name, Type.SYMBOL_LIST, Nil.NIL, doc, List.of(allowed), null, false,
                false, null, null);
    }

    /** A parameter taking all remaining positional arguments. */
    public static Param variadic(String name, Type type, String doc) {
        return new Param(name, type, null, doc, List.of(), null, true, false, null, null);
    }

    public boolean required() {
        return defaultValue == null && !variadic;
    }

    public boolean takesSymbols() {
        return !symbols.isEmpty();
    }

    /** Accepts only these symbols (or strings naming them). */
    public Param oneOf(String... allowed) {
        return new Param(name, Type.SYMBOL, defaultValue, doc, List.of(allowed), range, variadic,
                keywordOnly, hint, defaultText);
    }

    public Param range(Range r) {
        return new Param(name, type, defaultValue, doc, symbols, r, variadic, keywordOnly, hint,
                defaultText);
    }

    /** Only by name: {@code data=}. */
    public Param byNameOnly() {
        return new Param(name, type, defaultValue, doc, symbols, range, variadic, true, hint,
                defaultText);
    }

    /** Shown under a type error for this parameter. */
    public Param hint(String text) {
        return new Param(name, type, defaultValue, doc, symbols, range, variadic, keywordOnly,
                text, defaultText);
    }

    /** How the default shows in signatures, when it is computed (e.g. {@code stride=size}). */
    public Param shownDefault(String text) {
        return new Param(name, type, defaultValue, doc, symbols, range, variadic, keywordOnly,
                hint, text);
    }

    /** As in a signature: {@code sparsity}, {@code schedule=constant}, {@code layers...}. */
    public String signature() {
        if (variadic) {
            return name + "...";
        }
        if (required()) {
            return name;
        }
        if (defaultText != null) {
            return name + "=" + defaultText;
        }
        return name + "=" + (defaultValue instanceof Nil ? "" : defaultValue.showNested());
    }

    /** The type as help shows it: {@code number in [0, 1)}, {@code constant | poly}. */
    public String typeText() {
        if (takesSymbols()) {
            return String.join(" | ", symbols);
        }
        return type.label() + (range != null ? " " + range.describe() : "");
    }
}
