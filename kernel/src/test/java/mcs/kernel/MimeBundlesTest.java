package mcs.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import java.util.List;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import org.junit.jupiter.api.Test;

class MimeBundlesTest {

    private final TableValue table = new TableValue(
            List.of(new Column("model", false), new Column("accuracy", true)),
            List.of(List.of(Cell.text("<base>"), new Cell("89.74%", Num.of(0.8974))),
                    List.of(Cell.text("small & fast"), new Cell("88.10%", Num.of(0.881)))));

    @Test
    void aTableIsTextAndHtml() {
        JsonObject data = MimeBundles.of(table);
        assertThat(Message.string(data, "text/plain")).isEqualTo(table.show());
        String html = Message.string(data, "text/html");
        assertThat(html).startsWith("<table").endsWith("</table>")
                .contains("<th style=\"text-align:left\">model</th>",
                        "<th style=\"text-align:right\">accuracy</th>",
                        "&lt;base&gt;", "small &amp; fast",
                        "<td style=\"text-align:right\">89.74%</td>");
        assertThat(html.split("<tr>", -1)).hasSize(4);
    }

    @Test
    void otherValuesAreText() {
        assertThat(MimeBundles.of(Num.of(42)).keySet()).containsExactly("text/plain");
    }

    @Test
    void aPlotIsAPngWithATextFallback() {
        JsonObject data = MimeBundles.png(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, "acc vs size");
        assertThat(Message.string(data, "image/png")).isEqualTo("iVBORw==");
        assertThat(Message.string(data, "text/plain")).isEqualTo("<plot: acc vs size>");
    }
}
