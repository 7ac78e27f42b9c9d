package mcs.interpreter;

import java.util.ArrayList;
import java.util.List;
import mcs.grammar.SourceSpan;
import mcs.interpreter.builtin.Suggestions;
import mcs.interpreter.builtin.UserError;
import mcs.interpreter.value.DatasetValue;
import mcs.interpreter.value.LayerValue;
import mcs.interpreter.value.ListValue;
import mcs.interpreter.value.ModelValue;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.RecipeValue;
import mcs.interpreter.value.RecordValue;
import mcs.interpreter.value.SplitValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.Value;
import mcs.runtime.model.Layer;
import mcs.runtime.model.Model;

/**
 * Member access ({@code data.test}, {@code model.layers}, a record's fields) and indexing ({@code model.layers[2]},
 * 0-based). {@link #names} lists what a value offers, for errors and completion.
 */
public final class Members {

    private Members() {
    }

    /** The members {@code value} has, e.g. {@code train, test, name, classes} for a dataset. */
    public static List<String> names(Value value) {
        if (value instanceof ModelValue) {
            return List.of("name", "layers", "params", "nonzeros", "sparsity", "input", "output",
                    "history");
        } else if (value instanceof DatasetValue) {
            return List.of("name", "train", "test", "classes");
        } else if (value instanceof SplitValue) {
            return List.of("name", "dataset", "size", "classes");
        } else if (value instanceof LayerValue l) {
            return l.placement() == null ? List.of("kind", "description")
                    : List.of("name", "kind", "description", "output", "params", "nonzeros");
        } else if (value instanceof TableValue) {
            return List.of("columns", "rows");
        } else if (value instanceof RecipeValue) {
            return List.of("name");
        } else if (value instanceof RecordValue r) {
            return r.names();
        }
        return List.of();
    }

    static Value get(Value target, String name, SourceSpan span) {
        if (!names(target).contains(name)) {
            List<String> known = names(target);
            throw new UserError(target.typeName() + " has no member " + name
                    + Suggestions.didYouMean(name, known), span,
                    known.isEmpty() ? null : "members: " + String.join(", ", known));
        }
        if (target instanceof RecordValue r) {
            return r.get(name).orElseThrow();
        } else if (target instanceof ModelValue m) {
            return model(m.model(), name);
        } else if (target instanceof DatasetValue d) {
            return switch (name) {
                case "name" -> new Str(d.dataset().name());
                case "train" -> d.train();
                case "test" -> d.test();
                default -> Num.of(d.dataset().train().classes());
            };
        } else if (target instanceof SplitValue s) {
            return switch (name) {
                case "name" -> new Str(s.split().name());
                case "dataset" -> new Str(s.datasetName());
                case "size" -> Num.of(s.split().size());
                default -> Num.of(s.split().classes());
            };
        } else if (target instanceof LayerValue l) {
            return layer(l, name);
        } else if (target instanceof TableValue t) {
            return name.equals("rows") ? Num.of(t.rows().size())
                    : new ListValue(t.columns().stream().map(c -> (Value) new Str(c.header()))
                            .toList());
        }
        return new Str(((RecipeValue) target).name());
    }

    private static Value model(Model m, String name) {
        return switch (name) {
            case "name" -> new Str(m.name());
            case "layers" -> layers(m);
            case "params" -> Num.of(m.paramCount());
            case "nonzeros" -> Num.of(m.nonzeros());
            case "sparsity" -> Num.of(m.sparsity());
            case "input" -> new Str(m.input().toString());
            case "output" -> new Str(m.output().toString());
            default -> new ListValue(m.history().stream().map(h -> (Value) new Str(h)).toList());
        };
    }

    private static ListValue layers(Model m) {
        List<Value> out = new ArrayList<>();
        for (Layer l : m.layers()) {
            out.add(LayerValue.placed(m, l));
        }
        return new ListValue(out);
    }

    private static Value layer(LayerValue l, String name) {
        LayerValue.Placement p = l.placement();
        return switch (name) {
            case "kind" -> new Str(l.spec().kind());
            case "description" -> new Str(l.spec().describe());
            case "name" -> new Str(p.name());
            case "output" -> new Str(p.output().toString());
            case "params" -> Num.of(p.params());
            default -> Num.of(p.nonzeros());
        };
    }

    static Value index(Value target, Value index, SourceSpan targetSpan, SourceSpan indexSpan) {
        int size;
        if (target instanceof ListValue l) {
            size = l.size();
        } else if (target instanceof TableValue t) {
            size = t.rows().size();
        } else {
            throw new UserError("only lists and tables can be indexed, not " + target.describe(),
                    targetSpan);
        }
        if (!(index instanceof Num n) || !n.isWhole()) {
            throw new UserError("an index must be a whole number, got " + index.describe(),
                    indexSpan);
        }
        double i = n.value();
        if (i < 0 || i >= size) {
            String what = target instanceof TableValue ? "the table has " + size + " row"
                    : "the list has " + size + " element";
            throw new UserError("index " + Num.format(i) + " is out of range: " + what
                    + (size == 1 ? "" : "s") + (size == 0 ? "" : " (0 to " + (size - 1) + ")"),
                    indexSpan);
        }
        return target instanceof ListValue l ? l.get((int) i) : ((TableValue) target).row((int) i);
    }
}
