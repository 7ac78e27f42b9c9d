/**
 * The immutable syntax tree of mcs: records for statements ({@link mcs.grammar.ast.Stmt}) and
 * expressions ({@link mcs.grammar.ast.Expr}), each with the {@link mcs.grammar.SourceSpan} it
 * came from, and {@link mcs.grammar.ast.Program}, a parsed text. Pure data with no behaviour
 * and no ANTLR types; the interpreter gives it meaning.
 */
package mcs.grammar.ast;
