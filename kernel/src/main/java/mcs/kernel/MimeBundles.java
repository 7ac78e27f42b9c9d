package mcs.kernel;

import com.google.gson.JsonObject;
import java.util.Base64;
import java.util.List;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.Value;

/**
 * How values look in a notebook: a mime bundle with {@code text/plain} always (what the REPL
 * prints) and {@code text/html} for tables; plots as {@code image/png}.
 */
final class MimeBundles {

    private MimeBundles() {
    }

    static JsonObject text(String text) {
        JsonObject data = new JsonObject();
        data.addProperty("text/plain", text);
        return data;
    }

    static JsonObject of(Value value) {
        JsonObject data = text(value.show());
        if (value instanceof TableValue t) {
            data.addProperty("text/html", html(t));
        }
        return data;
    }

    static JsonObject png(byte[] png, String description) {
        JsonObject data = new JsonObject();
        data.addProperty("image/png", Base64.getEncoder().encodeToString(png));
        data.addProperty("text/plain", "<plot: " + description + ">");
        return data;
    }

    /** A plain HTML table; numeric columns right-aligned, as in the text form. */
    static String html(TableValue t) {
        StringBuilder out = new StringBuilder("<table class=\"mcs-table\">\n<thead>\n<tr>");
        for (TableValue.Column c : t.columns()) {
            out.append("<th style=\"text-align:").append(c.numeric() ? "right" : "left")
                    .append("\">").append(escape(c.header())).append("</th>");
        }
        out.append("</tr>\n</thead>\n<tbody>\n");
        for (List<TableValue.Cell> row : t.rows()) {
            out.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean numeric = t.columns().get(i).numeric();
                out.append("<td style=\"text-align:").append(numeric ? "right" : "left")
                        .append(numeric ? "" : ";white-space:pre").append("\">")
                        .append(escape(row.get(i).text())).append("</td>");
            }
            out.append("</tr>\n");
        }
        return out.append("</tbody>\n</table>").toString();
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
