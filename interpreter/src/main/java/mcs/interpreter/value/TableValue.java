package mcs.interpreter.value;

import java.util.ArrayList;
import java.util.List;

/**
 * A table of results, e.g. {@code report(..)} or {@code summary(..)}: named columns and rows of
 * cells. Each cell keeps its display text and the value behind it (the accuracy 0.8974 behind
 * "89.74%"), so a plain-text and an HTML renderer show the same thing and indexing a row gives
 * values.
 */
public record TableValue(List<Column> columns, List<List<Cell>> rows) implements Value {

    /** A column: its header and whether its cells are numbers (right-aligned). */
    public record Column(String header, boolean numeric) { }

    /** One cell: what it shows and the value it stands for. */
    public record Cell(String text, Value value) {
        public static Cell of(Value v) {
            return new Cell(v.show(), v);
        }

        public static Cell text(String s) {
            return new Cell(s, new Str(s));
        }
    }

    public TableValue {
        columns = List.copyOf(columns);
        List<List<Cell>> copy = new ArrayList<>();
        for (List<Cell> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("a row has " + row.size() + " cells for "
                        + columns.size() + " columns");
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /** Row {@code i} as a list of the cells' values. */
    public ListValue row(int i) {
        return new ListValue(rows.get(i).stream().map(Cell::value).toList());
    }

    /**
     * Aligned plain text: a header line, then one line per row; numeric columns right-aligned,
     * two spaces between columns, no trailing spaces.
     */
    @Override
    public String show() {
        int[] width = new int[columns.size()];
        for (int c = 0; c < width.length; c++) {
            width[c] = columns.get(c).header().length();
            for (List<Cell> row : rows) {
                width[c] = Math.max(width[c], row.get(c).text().length());
            }
        }
        StringBuilder out = new StringBuilder();
        List<String> header = columns.stream().map(Column::header).toList();
        line(out, header, width);
        for (List<Cell> row : rows) {
            out.append('\n');
            line(out, row.stream().map(Cell::text).toList(), width);
        }
        return out.toString();
    }

    private void line(StringBuilder out, List<String> texts, int[] width) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < texts.size(); c++) {
            String t = texts.get(c);
            String pad = " ".repeat(width[c] - t.length());
            line.append(c > 0 ? "  " : "");
            line.append(columns.get(c).numeric() ? pad + t : t + pad);
        }
        out.append(line.toString().stripTrailing());
    }

    @Override
    public String typeName() {
        return "table";
    }

    @Override
    public String describe() {
        return "table of " + rows.size() + " rows";
    }

    @Override
    public String showNested() {
        return "<" + describe() + ">";
    }
}
