/**
 * The mcs language's syntax: {@link mcs.grammar.McsSyntax} turns a {@link mcs.grammar.SourceText}
 * into a {@link mcs.grammar.ParseResult} (a program, "needs more input" for a REPL, or
 * {@link mcs.grammar.Diagnostic}s with positions). ANTLR is used only inside this package: the
 * generated lexer and parser, the token filter for line continuation and the package-private
 * {@code AstBuilder} never appear in the public API, which uses only JDK types and
 * {@link mcs.grammar.ast}. Depends on the ANTLR runtime and nothing else.
 */
package mcs.grammar;
