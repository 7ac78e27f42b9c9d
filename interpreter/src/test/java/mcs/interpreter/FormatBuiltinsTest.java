package mcs.interpreter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mcs.grammar.SourceText;
import mcs.interpreter.value.Bool;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.RecordValue;
import mcs.interpreter.value.Str;
import mcs.interpreter.value.Value;
import mcs.runtime.Cancellation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code format} through the language. The expected texts of the tables (here and in
 * {@code format/python_reference.tsv}) are what Python 3.11's {@code template.format(*values)}
 * gives for the same template and values.
 */
class FormatBuiltinsTest {

    private final CapturingOutput out = new CapturingOutput();
    private final Session session = new Session(out);

    private Result run(String code) {
        return session.execute(new SourceText("<test>", code), Cancellation.NEVER);
    }

    /** What {@code print(format(args))} prints. */
    private String format(String args) {
        out.lines.clear();
        Result r = run("print(format(" + args + "))");
        assertThat(r.errorText()).as(args).isEmpty();
        return String.join("\n", out.lines);
    }

    /** The message of the error {@code format(args)} stops with. */
    private String error(String args) {
        Result r = run("format(" + args + ")");
        assertThat(r.status()).as(args).isEqualTo(Result.Status.ERROR);
        assertThat(r.diagnostics()).as(args).hasSize(1);
        return r.diagnostics().get(0).message();
    }

    @ParameterizedTest(name = "{0} of {1}")
    @CsvSource(delimiterString = " => ", textBlock = """
            # numbering
            '{} and {}' => 1, "a" => '1 and a'
            '{1} {0} {1}' => "a", "b" => 'b a b'
            '{{}} {{{}}} }}{{' => 3 => '{} {3} }{'
            'no fields' => 1, 2 => 'no fields'
            # percent
            '{:.2%}' => 0.9134 => '91.34%'
            '{:%}' => 0.5 => '50.000000%'
            '{:.0%}' => 0.125 => '12%'
            '{:>8.1%}|' => 0.05 => '    5.0%|'
            # grouping
            '{:,}' => 431080 => '431,080'
            '{:,d}' => 1234567 => '1,234,567'
            '{:,.2f}' => 1234567.891 => '1,234,567.89'
            '{:,}' => 999 => '999'
            '{:,.0f}' => -1234567 => '-1,234,567'
            # fixed
            '{:>8.3f}|' => 3.14159 => '   3.142|'
            '{:f}' => 2 => '2.000000'
            '{:.2f}' => 2.675 => '2.67'
            '{:.0f} {:.0f} {:.0f}' => 0.5, 1.5, 2.5 => '0 2 2'
            '{:.1f}' => -0.04 => '-0.0'
            '{:F}' => 1.5 => '1.500000'
            # scientific
            '{:e}' => 12345.678 => '1.234568e+04'
            '{:.2E}' => 0.000123 => '1.23E-04'
            '{:.3e}' => 9.9996 => '1.000e+01'
            '{:.0e}' => 12345 => '1e+04'
            '{:e}' => 0 => '0.000000e+00'
            # general
            '{:g}' => 1234567 => '1.23457e+06'
            '{:g}' => 123456 => '123456'
            '{:g}' => 0.0001 => '0.0001'
            '{:g}' => 0.00001 => '1e-05'
            '{:.3g}' => 3.14159 => '3.14'
            '{:G}' => 1e-10 => '1E-10'
            '{:g}' => 0 => '0'
            '{:.0g}' => 0.5 => '0.5'
            # whole
            '{:d}' => 42 => '42'
            '{:5d}|' => 42 => '   42|'
            '{:+d}' => 3 => '+3'
            '{: d}' => 5 => ' 5'
            '{:d}' => -7 => '-7'
            '{:x<6d}' => 42 => '42xxxx'
            # align
            '{:<8}|' => "abc" => 'abc     |'
            '{:>8}|' => "abc" => '     abc|'
            '{:^8}|' => "abc" => '  abc   |'
            '{:*^9}' => "abc" => '***abc***'
            '{:8}|' => 12 => '      12|'
            '{:8}|' => "ab" => 'ab      |'
            '{:=+8.2f}' => 3.14159 => '+   3.14'
            '{:2}' => "toolong" => 'toolong'
            # zeros
            '{:08.3f}' => -3.14159 => '-003.142'
            '{:010,}' => 1234 => '00,001,234'
            '{:04,}' => 234 => '0,234'
            '{:05}' => "ab" => 'ab000'
            '{:<05}' => 3 => '30000'
            '{:010.2%}' => -0.5 => '-00050.00%'
            '{:0>5}' => 7 => '00007'
            # strings
            '{}' => "text" => 'text'
            '{:s}' => "abc" => 'abc'
            '{:.2}' => "hello" => 'he'
            '{:.2s}|' => "hello" => 'he|'
            '{:>6.2s}|' => "hello" => '    he|'
            """)
    void formatsAsPythonDoes(String template, String values, String expected) {
        assertThat(format("\"" + template + "\", " + values)).isEqualTo(expected);
    }

    @Test
    void matchesPythonOnAReferenceTable() throws IOException {
        List<String> lines;
        try (InputStream in = getClass().getResourceAsStream("/format/python_reference.tsv")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
        }
        assertThat(lines).hasSize(300);
        for (String line : lines) {
            String[] cell = line.split("\t", -1);
            assertThat(format("\"{:" + cell[0] + "}\", " + cell[1])).as(line)
                    .isEqualTo(cell[2]);
        }
    }

    @Test
    void withoutATypeNumbersShowAsPrintShowsThem() {
        assertThat(format("\"{} {} {} {}\", 431080, 0.91344, 1e-5, 80%")).isEqualTo(
                "431080 0.9134 1e-5 0.8");
        assertThat(format("\"{:,} {:,} {:+}\", 1234.5, 1234567, 2")).isEqualTo(
                "1,234 1,234,567 +2");
        assertThat(format("\"{:.3} {:.3}\", 3.14159, 2")).isEqualTo("3.14 2");
    }

    @Test
    void otherValuesShowAsText() {
        assertThat(format("\"{}|{:>10}|\", [1, \"a\"], [2]")).isEqualTo("[1, \"a\"]|       [2]|");
        assertThat(format("\"{:s}\", 0.5")).isEqualTo("0.5");
        session.restore(Map.of("t", Bool.TRUE));
        assertThat(format("\"{:^6}|\", t")).isEqualTo(" true |");
    }

    @Test
    void infinityAndNanAsPythonWritesThem() {
        session.restore(Map.of("inf", Num.of(Double.POSITIVE_INFINITY),
                "nan", Num.of(Double.NaN)));
        assertThat(format("\"{:f} {:F} {:+.2e} {:.1%} {:G} {:6.2f}|\", inf, inf, -inf, inf, "
                + "nan, nan")).isEqualTo("inf INF -inf inf% NAN    nan|");
        assertThat(format("\"{} {}\", inf, nan")).isEqualTo("Inf NaN");
        assertThat(error("\"{:d}\", inf")).isEqualTo("format: {:d} needs a whole number, got Inf");
    }

    @Test
    void fieldsOfRecordsAndElementsOfLists() {
        Map<String, Value> fields = new LinkedHashMap<>();
        fields.put("name", new Str("small"));
        fields.put("acc", Num.of(0.9134));
        session.restore(Map.of("r", new RecordValue(fields)));
        assertThat(format("\"{0.name}: {0.acc:.1%}\", r")).isEqualTo("small: 91.3%");
        assertThat(format("\"{.name:>7}\", r")).isEqualTo("  small");
        assertThat(format("\"{0[1]} {1[0]:.2f}\", [10, 20], [0.5]")).isEqualTo("20 0.50");
        assertThat(error("\"{0.loss}\", r")).isEqualTo(
                "format: {0.loss}: the record has no field loss; its fields: name, acc");
        assertThat(error("\"{0.acc}\", 3")).isEqualTo(
                "format: {0.acc}: only records have fields, got number 3");
        assertThat(error("\"{0.}\", r")).isEqualTo(
                "format: {0.}: a '.' must be followed by a field name");
        assertThat(error("\"{0[1]}\", [5]")).isEqualTo(
                "format: {0[1]}: index 1 is out of range: the list has 1 element (0 to 0)");
        assertThat(error("\"{0[2]}\", [1, 2]")).isEqualTo(
                "format: {0[2]}: index 2 is out of range: the list has 2 elements (0 to 1)");
    }

    @Test
    void aFieldPastTheValuesGivenIsAnError() {
        assertThat(error("\"{0} {2}\", 1, 2")).isEqualTo(
                "format: the template asks for {2} but only 2 values were given");
        assertThat(error("\"{} {} {}\", 1, 2")).isEqualTo(
                "format: the template asks for {2} but only 2 values were given");
        assertThat(error("\"{}\", ")).isEqualTo(
                "format: the template asks for {0} but no values were given");
        assertThat(error("\"{1}\", 1")).isEqualTo(
                "format: the template asks for {1} but only 1 value was given");
    }

    @Test
    void anUnmatchedBraceIsAnError() {
        assertThat(error("\"acc {:.2f\", 1")).isEqualTo(
                "format: unmatched { at position 5 of the template; write {{ for a literal brace");
        assertThat(error("\"acc }\", 1")).isEqualTo(
                "format: unmatched } at position 5 of the template; write }} for a literal brace");
        assertThat(error("\"{:{}}\", 1, 2")).isEqualTo("format: a { inside the field at "
                + "position 1: fields do not nest (write {{ for a literal brace)");
    }

    @Test
    void aSpecThatDoesNotFitIsAnError() {
        assertThat(error("\"{:x}\", 255")).isEqualTo(
                "format: {:x} has an unknown type x; the types are d, f, F, e, E, g, G, %, s");
        assertThat(error("\"{:.2d}\", 3")).isEqualTo(
                "format: {:.2d}: d takes no precision; for decimals use f, e.g. {:.2f}");
        assertThat(error("\"{:d}\", 2.5")).isEqualTo(
                "format: {:d} needs a whole number, got 2.5");
        assertThat(error("\"{:.2f}\", \"abc\"")).isEqualTo(
                "format: {:.2f} needs a number, got string \"abc\"");
        assertThat(error("\"{:+}\", \"abc\"")).isEqualTo(
                "format: {:+}: a sign applies only to numbers, not to string \"abc\"");
        assertThat(error("\"{:,s}\", 1")).isEqualTo(
                "format: {:,s}: the ',' separator applies only to numbers, not to type s");
        assertThat(error("\"{:>8.3fz}\", 1")).isEqualTo("format: {:>8.3fz} has an invalid "
                + "format spec \">8.3fz\"; expected [[fill]align][sign][0][width][,]"
                + "[.precision][type], e.g. >8.3f");
        assertThat(error("\"{:.f}\", 1")).isEqualTo(
                "format: {:.f}: a '.' must be followed by the precision, e.g. .2f");
        assertThat(error("\"{:5000}\", 1")).isEqualTo(
                "format: {:5000}: the width 5000 is too large; at most 1000");
    }

    @Test
    void fieldsAreNumberedAllOrNone() {
        assertThat(error("\"{} {0}\", 1")).isEqualTo("format: {0}: the template mixes {} "
                + "with numbered fields such as {0}; number all of them or none");
        assertThat(error("\"{acc}\", 1")).isEqualTo("format: {acc} names no value: fields are "
                + "{}, or {0}, {1}, ... by position; {0.acc} is a record's field");
        assertThat(error("\"{0!r}\", 1")).isEqualTo(
                "format: {0!r}: conversions such as !r are not supported");
    }

    @Test
    void theErrorPointsAtTheTemplate() {
        Result r = run("x = format(\"{:d}\", 0.5)");
        assertThat(r.errorText()).startsWith("<test>:1:12: error: format: {:d} needs a whole");
    }
}
