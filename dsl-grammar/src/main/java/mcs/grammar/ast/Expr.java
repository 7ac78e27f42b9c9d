package mcs.grammar.ast;

import java.util.List;
import mcs.grammar.SourceSpan;

/** An expression of the mcs language. Every node knows where it came from. */
public sealed interface Expr {

    SourceSpan span();

    /** {@code 0.8}, {@code 3}, {@code 1e-5}, or {@code 80%} (value 0.8, {@code percent} true). */
    record NumberLit(double value, boolean percent, String text, SourceSpan span) implements Expr { }

    /** A string literal, escapes already resolved. */
    record StringLit(String value, SourceSpan span) implements Expr { }

    /** A bare name: a variable, a builtin, or (in argument position) a symbol such as {@code int8}. */
    record Ident(String name, SourceSpan span) implements Expr { }

    /** {@code [a, b, c]}. */
    record ListLit(List<Expr> elements, SourceSpan span) implements Expr {
        public ListLit {
            elements = List.copyOf(elements);
        }
    }

    /** {@code callee(args)}; positional arguments have a null name. */
    record Call(Expr callee, List<Arg> args, SourceSpan span) implements Expr {
        public Call {
            args = List.copyOf(args);
        }
    }

    /** One argument of a call: {@code value} or {@code name=value}. */
    record Arg(String name, Expr value, SourceSpan span) {
        public boolean named() {
            return name != null;
        }
    }

    /** {@code target.name}. */
    record Member(Expr target, String name, SourceSpan span) implements Expr { }

    /** {@code target[index]}. */
    record Index(Expr target, Expr index, SourceSpan span) implements Expr { }

    /** {@code -operand}. */
    record Negate(Expr operand, SourceSpan span) implements Expr { }

    /** {@code true} or {@code false}. */
    record BoolLit(boolean value, SourceSpan span) implements Expr { }

    /** {@code {name: "small", acc: 0.91}}: fields in the order written. */
    record RecordLit(List<Field> fields, SourceSpan span) implements Expr {
        public RecordLit {
            fields = List.copyOf(fields);
        }
    }

    /** One field of a record literal. */
    record Field(String name, SourceSpan nameSpan, Expr value) { }

    /** The operators of {@link Binary}, as written. */
    enum Operator {
        ADD("+"), SUBTRACT("-"), MULTIPLY("*"), DIVIDE("/"), POWER("**"),
        EQUAL("=="), NOT_EQUAL("!="), LESS("<"), LESS_EQUAL("<="), GREATER(">"),
        GREATER_EQUAL(">="), AND("and"), OR("or");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }
    }

    /**
     * {@code left op right}. Arithmetic and comparisons evaluate both sides; {@code and} and
     * {@code or} evaluate the right only when the left does not decide.
     */
    record Binary(Operator operator, Expr left, Expr right, SourceSpan operatorSpan,
                  SourceSpan span) implements Expr { }

    /** {@code not operand}. */
    record Not(Expr operand, SourceSpan span) implements Expr { }

    /** {@code then if condition else otherwise}: evaluates only the branch chosen. */
    record Conditional(Expr condition, Expr then, Expr otherwise, SourceSpan span)
            implements Expr { }

    /**
     * {@code left | right}: calls {@code right} with {@code left} as its first argument. Chains
     * are left-associative: {@code a | f | g} is {@code Pipe(Pipe(a, f), g)}.
     */
    record Pipe(Expr left, Expr right, SourceSpan span) implements Expr { }
}
