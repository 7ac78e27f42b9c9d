package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import mcs.grammar.SourceText;
import mcs.runtime.Cancellation;

/**
 * A golden script's expectations, read from its comments: {@code # expect: <line>} for each
 * printed line, in order ({@code # expect~: <regex>} for a line that varies, such as an
 * accuracy), at most one {@code # error: <regex>} for the error that ends it, and
 * {@code # exit: <code>} when that error's exit code is not 65 (74 for I/O).
 */
record GoldenScript(String text, List<Pattern> expectedLines, Pattern expectedError,
                    int expectedExit) {

    private static final Pattern EXPECT = Pattern.compile("#\\s*expect(~?):(?: (.*))?$");
    private static final Pattern ERROR = Pattern.compile("#\\s*error:\\s*(.*)$");
    private static final Pattern EXIT = Pattern.compile("#\\s*exit:\\s*(\\d+)\\s*$");

    static GoldenScript parse(String text) {
        List<Pattern> expected = new ArrayList<>();
        Pattern error = null;
        int exit = 65;
        for (String line : text.lines().toList()) {
            Matcher e = EXPECT.matcher(line);
            Matcher r = ERROR.matcher(line);
            Matcher x = EXIT.matcher(line);
            if (x.find()) {
                exit = Integer.parseInt(x.group(1));
            } else if (e.find()) {
                String body = e.group(2) == null ? "" : e.group(2);
                expected.add(e.group(1).isEmpty() ? Pattern.compile(Pattern.quote(body))
                        : Pattern.compile(body));
            } else if (r.find()) {
                if (error != null) {
                    throw new IllegalArgumentException("a golden script expects one error at most");
                }
                error = Pattern.compile(r.group(1).strip());
            }
        }
        return new GoldenScript(text, expected, error, exit);
    }

    /**
     * Runs {@code file} in a fresh session and checks its printed lines and its error, if
     * any (the script must then fail with its expected exit code).
     */
    static void check(Path root, Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        GoldenScript golden = parse(text);
        CapturingOutput out = new CapturingOutput();
        Result result = new Session(out).executeScript(
                new SourceText(root.relativize(file).toString(), text), Cancellation.NEVER);
        String context = "script " + file.getFileName() + "\n--- printed:\n"
                + String.join("\n", out.lines) + "\n--- error text:\n" + result.errorText();
        if (golden.expectedError() == null) {
            assertThat(result.status()).as(context).isEqualTo(Result.Status.OK);
        } else {
            assertThat(result.exitCode()).as(context).isEqualTo(golden.expectedExit());
            assertThat(result.errorText()).as(context).containsPattern(golden.expectedError());
        }
        assertThat(out.lines).as(context).hasSameSizeAs(golden.expectedLines());
        for (int i = 0; i < out.lines.size(); i++) {
            assertThat(out.lines.get(i)).as(context + "\n--- line " + (i + 1))
                    .matches(golden.expectedLines().get(i));
        }
    }
}
