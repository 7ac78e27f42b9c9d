package mcs.interpreter.value;

import mcs.grammar.SourceText;
import mcs.grammar.ast.Stmt;
import mcs.interpreter.Scope;
import mcs.interpreter.builtin.BuiltinSpec;

/**
 * A function defined with {@code def}: its definition, the parameters as a spec (so calls bind
 * arguments, and help and completion describe them, as for builtins) and the scope it was
 * defined in, which it closes over, and the text it was defined in (another cell, perhaps).
 */
public record FunctionValue(Stmt.FunctionDef definition, BuiltinSpec spec, Scope closure,
                            SourceText source) implements Value {

    public String name() {
        return definition.name();
    }

    /** e.g. {@code my_compress(m, sparsity=0.9)}. */
    public String signature() {
        String s = spec.signature();
        return s.substring(0, s.lastIndexOf(" -> "));
    }

    @Override
    public String show() {
        return "def " + signature();
    }

    @Override
    public String typeName() {
        return "function";
    }

    @Override
    public String describe() {
        return "function " + name();
    }
}
