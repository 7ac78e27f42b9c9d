package mcs.grammar.ast;

import java.util.List;
import mcs.grammar.SourceText;

/** A whole parsed script, REPL entry or notebook cell. */
public record Program(List<Stmt> statements, SourceText source) {
    public Program {
        statements = List.copyOf(statements);
    }
}
