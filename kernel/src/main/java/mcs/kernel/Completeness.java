package mcs.kernel;

import com.google.gson.JsonObject;
import mcs.grammar.McsSyntax;
import mcs.grammar.ParseResult;
import mcs.grammar.SourceText;

/**
 * {@code is_complete_request}: whether a console should run the text or ask for another line,
 * straight from the grammar: parsed is complete, "needs more input" (an open bracket or
 * string, a trailing {@code |}) is incomplete with the indent for the next line, a syntax
 * error is invalid.
 */
final class Completeness {

    static final String INDENT = "    ";

    private Completeness() {
    }

    static JsonObject check(String code) {
        JsonObject reply = new JsonObject();
        if (Magics.isJava(code)) {
            reply.addProperty("status", "complete");
            return reply;
        }
        ParseResult parsed = McsSyntax.parse(new SourceText("cell", code));
        if (parsed instanceof ParseResult.Incomplete) {
            reply.addProperty("status", "incomplete");
            reply.addProperty("indent", indent(code));
        } else if (parsed instanceof ParseResult.Failed) {
            reply.addProperty("status", "invalid");
        } else {
            reply.addProperty("status", "complete");
        }
        return reply;
    }

    /** The last line's indent, one level deeper after an opening bracket or a {@code |}. */
    static String indent(String code) {
        String last = "";
        for (String line : code.split("\n", -1)) {
            if (!line.isBlank()) {
                last = line;
            }
        }
        String lead = last.substring(0, last.length() - last.stripLeading().length());
        String body = last.strip();
        int hash = body.indexOf('#');
        if (hash >= 0 && !body.substring(0, hash).contains("\"")
                && !body.substring(0, hash).contains("'")) {
            body = body.substring(0, hash).strip();
        }
        boolean opens = !body.isEmpty() && "([{|,".indexOf(body.charAt(body.length() - 1)) >= 0;
        return opens ? lead + INDENT : lead;
    }
}
