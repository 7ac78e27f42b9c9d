package mcs.interpreter.value;

import java.util.List;

/**
 * A headless pipeline such as {@code recipe deep = prune(0.8) | finetune(data)}: stages applied
 * in order to whatever is piped into it, each receiving the previous result as its first
 * argument. Arguments were evaluated (and checked) when the recipe was defined.
 */
public record RecipeValue(String name, String text, List<Stage> stages) implements Value {

    /** One argument of a stage: positional when {@code name} is null. */
    public record StageArg(String name, Value value, String label) { }

    /**
     * One stage: a function ({@link BuiltinValue}, {@link FunctionValue} or
     * {@link RecipeValue}) and its arguments.
     */
    public record Stage(Value function, List<StageArg> args, String text) {
        public Stage {
            if (!(function instanceof BuiltinValue || function instanceof RecipeValue
                    || function instanceof FunctionValue)) {
                throw new IllegalArgumentException("a stage calls a function or a recipe");
            }
            args = List.copyOf(args);
        }
    }

    public RecipeValue {
        stages = List.copyOf(stages);
    }

    /** e.g. {@code recipe deep = prune(0.8) | finetune(fmnist, epochs=2)}. */
    @Override
    public String show() {
        return "recipe " + name + " = " + text;
    }

    @Override
    public String typeName() {
        return "recipe";
    }

    @Override
    public String describe() {
        return "recipe " + name;
    }
}
