package mcs.interpreter.value;

/**
 * A value of an mcs program. Values are immutable, so a variable can be shared freely and
 * {@code base} stays what it was after {@code small = base | prune(0.8)}.
 */
public sealed interface Value
        permits Num, Str, Sym, ListValue, ModelValue, DatasetValue, SplitValue, LayerValue,
                RecipeValue, TableValue, BuiltinValue, FunctionValue, Bool, RecordValue, Nil {

    /** What an expression statement prints: one line (a table renders in several). */
    String show();

    /** The kind of value in the user's words: {@code number}, {@code model}, ... */
    String typeName();

    /** Kind and a short form of the value, for error messages: {@code string "3"}. */
    default String describe() {
        String shown = show();
        if (shown.length() > 40) {
            shown = shown.substring(0, 37) + "...";
        }
        return typeName() + " " + shown;
    }

    /** How this value shows inside a list: like {@link #show()}, but strings are quoted. */
    default String showNested() {
        return show();
    }
}
