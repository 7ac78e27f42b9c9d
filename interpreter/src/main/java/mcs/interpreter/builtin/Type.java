package mcs.interpreter.builtin;

import mcs.interpreter.value.Bool;
import mcs.interpreter.value.BuiltinValue;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.FunctionValue;
import mcs.interpreter.value.LayerValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Nil;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.RecipeValue;
import mcs.interpreter.value.RecordValue;
import mcs.interpreter.value.SplitValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Sym;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.Value;

/** The type of a parameter or a result, as users read it in {@code help} and errors. */
public enum Type {
    ANY("any", "a value"),
    NUMBER("number", "a number"),
    INTEGER("integer", "a whole number"),
    STRING("string", "a string"),
    BOOLEAN("boolean", "true or false"),
    SYMBOL("symbol", "a symbol"),
    /** One symbol, or a list of them: {@code quantize=[int8, int4]}. */
    SYMBOL_LIST("symbols", "a symbol or a list of symbols"),
    LIST("list", "a list"),
    INTEGER_LIST("list of integers", "a list of whole numbers"),
    MODEL("model", "a model"),
    DATASET("dataset", "a dataset"),
    /** A split, or a dataset standing for its test split. */
    DATA("split or dataset", "a split or a dataset"),
    LAYER("layer", "a layer"),
    FUNCTION("function", "a function or a recipe"),
    TABLE("table", "a table"),
    /** A table, or a list of records standing for its rows. */
    ROWS("table or list of records", "a table or a list of records"),
    RECORD("record", "a record"),
    NOTHING("nothing", "nothing");

    private final String label;
    private final String article;

    Type(String label, String article) {
        this.label = label;
        this.article = article;
    }

    /** Short name for signatures and help: {@code number}, {@code model}. */
    public String label() {
        return label;
    }

    /** With an article, for "must be ..." messages: {@code a whole number}. */
    public String article() {
        return article;
    }

    /** Whether a value has this type (a symbol's allowed names are checked by the binder). */
    public boolean accepts(Value v) {
        return switch (this) {
            case ANY -> !(v instanceof Nil);
            case NUMBER -> v instanceof Num;
            case INTEGER -> v instanceof Num n && n.isWhole();
            case STRING -> v instanceof Str;
            case BOOLEAN -> v instanceof Bool;
            case SYMBOL -> v instanceof Sym || v instanceof Str;
            case SYMBOL_LIST -> v instanceof Sym || v instanceof Str || v instanceof ListValue l
                    && l.elements().stream().allMatch(e -> e instanceof Sym || e instanceof Str);
            case LIST -> v instanceof ListValue;
            case INTEGER_LIST -> v instanceof ListValue l && l.elements().stream()
                    .allMatch(e -> e instanceof Num n && n.isWhole());
            case MODEL -> v instanceof ModelValue;
            case DATASET -> v instanceof DatasetValue;
            case DATA -> v instanceof DatasetValue || v instanceof SplitValue;
            case LAYER -> v instanceof LayerValue;
            case FUNCTION -> v instanceof BuiltinValue || v instanceof RecipeValue
                    || v instanceof FunctionValue;
            case TABLE -> v instanceof TableValue;
            case ROWS -> v instanceof TableValue || v instanceof ListValue;
            case RECORD -> v instanceof RecordValue;
            case NOTHING -> v instanceof Nil;
        };
    }
}
