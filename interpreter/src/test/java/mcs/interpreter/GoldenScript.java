package mcs.interpreter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A golden script's expectations, read from its comments: {@code # expect: <line>} for each
 * printed line, in order, at most one {@code # error: <regex>} for the error that ends it, and
 * {@code # exit: <code>} when that error's exit code is not 65 (74 for I/O).
 */
record GoldenScript(String text, List<String> expectedLines, Pattern expectedError,
                    int expectedExit) {

    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:(?: (.*))?$");
    private static final Pattern ERROR = Pattern.compile("#\\s*error:\\s*(.*)$");
    private static final Pattern EXIT = Pattern.compile("#\\s*exit:\\s*(\\d+)\\s*$");

    static GoldenScript parse(String text) {
        List<String> expected = new ArrayList<>();
        Pattern error = null;
        int exit = 65;
        for (String line : text.lines().toList()) {
            Matcher e = EXPECT.matcher(line);
            Matcher r = ERROR.matcher(line);
            Matcher x = EXIT.matcher(line);
            if (x.find()) {
                exit = Integer.parseInt(x.group(1));
            } else if (e.find()) {
                expected.add(e.group(1) == null ? "" : e.group(1));
            } else if (r.find()) {
                if (error != null) {
                    throw new IllegalArgumentException("a golden script expects one error at most");
                }
                error = Pattern.compile(r.group(1).strip());
            }
        }
        return new GoldenScript(text, expected, error, exit);
    }
}
