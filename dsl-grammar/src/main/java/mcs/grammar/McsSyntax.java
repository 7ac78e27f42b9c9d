package mcs.grammar;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import mcs.grammar.StatementSplitter.Chunk;
import mcs.grammar.ast.Program;
import mcs.grammar.ast.Stmt;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.Token;

/**
 * Parses mcs text into a {@link Program}. The only entry point of this module; ANTLR stays
 * behind it.
 *
 * <p>Newlines end statements except where a line continues: inside {@code ( )} and
 * {@code [ ]}, after a line ending in {@code |}, and before a line starting with {@code |}
 * (blank and comment lines may come between). Inside {@code { }} newlines separate statements.
 * Strings may span lines.
 *
 * <p>Each top-level statement is parsed on its own and reports at most its first syntax error,
 * so one mistake gives one diagnostic and later statements are still checked.
 */
public final class McsSyntax {

    /** Deeper bracket nesting is refused rather than risking the parser's stack. */
    static final int MAX_NESTING = 200;

    private McsSyntax() { }

    /**
     * Parses a REPL entry, a notebook cell or a script.
     *
     * <p>The result is {@link ParseResult.Incomplete} when more input could complete the text
     * and nothing before its end is wrong: the text ends inside an open {@code (}, {@code [} or
     * {@code {}, inside an unterminated string, or right after a {@code |} (comments and blank
     * lines after it do not count). A text that merely stops after {@code =}, {@code .},
     * {@code recipe} or {@code for x in xs} is {@link ParseResult.Failed}: only brackets, strings
     * and pipes continue a line, so a REPL does not wait for more there. Never throws for bad
     * input.
     */
    public static ParseResult parse(SourceText source) {
        return analyse(source).result(true);
    }

    /**
     * Parses text to which nothing will be added, such as a script file: like
     * {@link #parse}, but what {@code parse} calls incomplete is a syntax error with a position
     * (an unclosed bracket, an unterminated string, a trailing {@code |}).
     */
    public static ParseResult parseWhole(SourceText source) {
        return analyse(source).result(false);
    }

    private static Analysis analyse(SourceText source) {
        try {
            return analyseNested(source);
        } catch (StackOverflowError e) {
            // MAX_NESTING bounds brackets, but each bracket costs the parser and the AST
            // builder a dozen frames, so a small thread stack can run out below it
            return new Analysis(source, List.of(), List.of(Diagnostic.error(
                    "the text is nested too deeply to parse", SourceSpan.at(1, 1),
                    "use fewer nested brackets")), 1, Optional.empty());
        }
    }

    private static Analysis analyseNested(SourceText source) {
        List<Token> tokens = LineContinuation.join(lex(source));
        Optional<Diagnostic> tooDeep = nesting(tokens);
        if (tooDeep.isPresent()) {
            return new Analysis(source, List.of(), List.of(tooDeep.get()), 1, Optional.empty());
        }
        List<Stmt> statements = new ArrayList<>();
        List<Diagnostic> diagnostics = new ArrayList<>();
        int definite = 0;
        AstBuilder builder = new AstBuilder();
        for (Chunk chunk : StatementSplitter.split(tokens)) {
            StatementParser.Outcome outcome = StatementParser.parse(chunk.tokens());
            if (outcome.error().isPresent()) {
                Token offending = outcome.error().get();
                diagnostics.add(SyntaxMessages.describe(offending, chunk.tokens()));
                definite += chunk.endsText() && offending.getType() == Token.EOF ? 0 : 1;
            } else {
                Stmt statement = builder.statement(outcome.tree().orElseThrow());
                Optional<Diagnostic> deep = ExprDepth.tooDeep(statement);
                if (deep.isPresent()) {
                    diagnostics.add(deep.get());
                    definite++;
                } else {
                    statements.add(statement);
                }
            }
        }
        diagnostics.addAll(builder.diagnostics());
        definite += builder.diagnostics().size();
        return new Analysis(source, statements, diagnostics, definite, openEnd(tokens));
    }

    static List<Token> lex(SourceText source) {
        String text = source.text().replace("\r\n", "\n").replace('\r', '\n');
        McsLexer lexer = new McsLexer(CharStreams.fromString(text, source.name()));
        lexer.removeErrorListeners();
        List<Token> tokens = new ArrayList<>();
        Token token;
        do {
            token = lexer.nextToken();
            tokens.add(token);
        } while (token.getType() != Token.EOF);
        return tokens;
    }

    private static Optional<Diagnostic> nesting(List<Token> tokens) {
        Brackets brackets = new Brackets();
        for (Token token : tokens) {
            brackets.accept(token);
            if (brackets.depth() > MAX_NESTING) {
                return Optional.of(Diagnostic.error("brackets are nested more than "
                        + MAX_NESTING + " deep", TokenSpans.of(token)));
            }
        }
        return Optional.empty();
    }

    /** Why more input could complete the text, with where the open construct starts. */
    private static Optional<OpenEnd> openEnd(List<Token> tokens) {
        Token last = null;
        Brackets brackets = new Brackets();
        for (Token token : tokens) {
            brackets.accept(token);
            if (token.getType() != Token.EOF && token.getType() != McsLexer.NEWLINE) {
                last = token;
            }
        }
        if (last != null && last.getType() == McsLexer.UNTERMINATED_STRING) {
            SourceSpan quote = SourceSpan.at(last.getLine(), last.getCharPositionInLine() + 1);
            return Optional.of(new OpenEnd("the string opened at " + quote + " is not closed",
                    Optional.of(Diagnostic.error("unterminated string", quote,
                            "end it with " + last.getText().charAt(0)))));
        }
        if (!brackets.isEmpty()) {
            Token opener = brackets.innermost().orElseThrow();
            return Optional.of(new OpenEnd("'" + opener.getText() + "' opened at "
                    + TokenSpans.of(opener) + " is not closed", Optional.empty()));
        }
        if (last != null && last.getType() == McsLexer.PIPE) {
            return Optional.of(new OpenEnd("the pipeline continues after '|' at "
                    + TokenSpans.of(last), Optional.empty()));
        }
        return Optional.empty();
    }

    /** The text ends open: why, and the error to give when no more input will come. */
    private record OpenEnd(String reason, Optional<Diagnostic> error) { }

    /** Everything found in one text; {@code definite} counts errors more input cannot fix. */
    private record Analysis(SourceText source, List<Stmt> statements,
                            List<Diagnostic> diagnostics, int definite, Optional<OpenEnd> open) {

        ParseResult result(boolean allowIncomplete) {
            if (allowIncomplete && open.isPresent() && definite == 0) {
                return new ParseResult.Incomplete(open.get().reason());
            }
            List<Diagnostic> all = new ArrayList<>(diagnostics);
            open.flatMap(OpenEnd::error).ifPresent(all::add);
            if (all.isEmpty()) {
                return new ParseResult.Parsed(new Program(statements, source));
            }
            all.sort(Comparator.comparingInt((Diagnostic d) -> d.span().line())
                    .thenComparingInt(d -> d.span().column()));
            return new ParseResult.Failed(all);
        }
    }
}
