package mcs.interpreter.lib;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import mcs.interpreter.builtin.Args;
import mcs.interpreter.value.Num;
import mcs.interpreter.value.TableValue;
import mcs.interpreter.value.TableValue.Cell;
import mcs.interpreter.value.TableValue.Column;
import org.knowm.xchart.AnnotationText;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Charts of a table's columns with XChart, rendered off-screen to PNG: a numeric x gives a line
 * or scatter chart (points labelled by the table's first text column, e.g. the model), a text x
 * a bar chart, and {@code kind=pareto} a scatter with its Pareto front marked. Percentages
 * ({@code 89.74%}) are plotted as percent.
 */
final class Plots {

    static final int WIDTH = 640;
    static final int HEIGHT = 420;
    private static final int MAX_LABELS = 30;
    /** How far above its point a label sits, as a fraction of the y range. */
    private static final double LABEL_OFFSET = 0.05;
    /** How many times its smallest value the largest x must be for a log scale (pareto). */
    private static final double LOG_SPAN = 50;
    private static final Color FRONT = new Color(0xC0, 0x39, 0x2B);

    private Plots() {
    }

    /** The index of the column {@code name} names (ignoring case and punctuation), or an error. */
    static int column(Args a, String param, TableValue table, String name) {
        int i = find(table, name);
        if (i < 0) {
            List<Column> columns = table.columns();
            throw a.error(param, columns.isEmpty() ? "the table has no columns, so no " + name
                    : "the table has no column " + name + "; its columns are "
                    + String.join(", ", columns.stream().map(Column::header).toList()));
        }
        return i;
    }

    /** The index of the column {@code name} names (ignoring case and punctuation), or -1. */
    static int find(TableValue table, String name) {
        List<Column> columns = table.columns();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).header().equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < columns.size(); i++) {
            if (plain(columns.get(i).header()).equals(plain(name))) {
                return i;
            }
        }
        return -1;
    }

    private static String plain(String s) {
        return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    /** The chart as PNG bytes; column {@code y} must be {@link #numeric}, the table not empty. */
    static byte[] png(TableValue table, int x, int y, String kind, String title) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        Axis ys = Axis.of(table, y);
        Axis xs = Axis.of(table, x);
        Chart<?, ?> chart = kind.equals("pareto") ? pareto(table, x, y, xs, ys, title)
                : xs.numeric() && !kind.equals("bar") ? xy(table, xs, ys, kind, title)
                : bars(xs, ys, title);
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode the chart: " + e.getMessage(), e);
        }
    }

    /** Whether column {@code i} holds numbers in every row. */
    static boolean numeric(TableValue table, int i) {
        return !table.rows().isEmpty()
                && table.rows().stream().allMatch(r -> r.get(i).value() instanceof Num);
    }

    private static XYChart xy(TableValue table, Axis xs, Axis ys, String kind, String title) {
        XYChart chart = xyChart(xs, ys, title);
        List<Integer> order = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            order.add(r);
        }
        order.sort(Comparator.comparingDouble(r -> xs.values().get(r)));
        XYSeries series = chart.addSeries(ys.title(), xs.at(order), ys.at(order));
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setXYSeriesRenderStyle(kind.equals("scatter")
                ? XYSeries.XYSeriesRenderStyle.Scatter : XYSeries.XYSeriesRenderStyle.Line);
        label(chart, table, labelColumn(table), order, xs, ys);
        return chart;
    }

    /**
     * Every row as a grey point, the Pareto front of smallest x and largest y as red diamonds
     * joined by a staircase and labelled by the rows' recipes; x on a log scale when it spans
     * more than {@link #LOG_SPAN}.
     */
    private static XYChart pareto(TableValue table, int x, int y, Axis xs, Axis ys,
                                  String title) {
        XYChart chart = xyChart(xs, ys, title);
        List<Integer> all = new ArrayList<>();
        for (int r = 0; r < table.rows().size(); r++) {
            all.add(r);
        }
        XYSeries points = chart.addSeries("results", xs.at(all), ys.at(all));
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        points.setMarkerColor(Color.GRAY);
        List<Integer> front = SweepTables.front(table, x, y);
        XYSeries line = chart.addSeries("Pareto front", xs.at(front), ys.at(front));
        line.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Step);
        line.setMarker(SeriesMarkers.DIAMOND);
        line.setMarkerColor(FRONT);
        line.setLineColor(FRONT);
        chart.getStyler().setLegendVisible(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        double min = xs.values().stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = xs.values().stream().mapToDouble(Double::doubleValue).max().orElse(0);
        chart.getStyler().setXAxisLogarithmic(min > 0 && max / min > LOG_SPAN);
        int recipe = find(table, "recipe");
        label(chart, table, recipe >= 0 ? recipe : labelColumn(table), front, xs, ys);
        return chart;
    }

    private static XYChart xyChart(Axis xs, Axis ys, String title) {
        XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xs.title()).yAxisTitle(ys.title()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisDecimalPattern(pattern(xs.values()));
        chart.getStyler().setYAxisDecimalPattern(pattern(ys.values()));
        return chart;
    }

    /** Labels the points of {@code rows} by column {@code labels} (if any and not too many). */
    private static void label(XYChart chart, TableValue table, int labels, List<Integer> rows,
                              Axis xs, Axis ys) {
        if (labels < 0 || rows.isEmpty() || rows.size() > MAX_LABELS) {
            return;
        }
        double[] yv = ys.values().stream().mapToDouble(Double::doubleValue).toArray();
        double span = Arrays.stream(yv).max().orElse(0) - Arrays.stream(yv).min().orElse(0);
        double above = span > 0 ? span * LABEL_OFFSET : Math.abs(yv[0]) * LABEL_OFFSET;
        for (int r : rows) {
            String text = table.rows().get(r).get(labels).text();
            chart.addAnnotation(new AnnotationText(text, xs.values().get(r),
                    ys.values().get(r) + above, false));
        }
        chart.getStyler().setAnnotationTextFontColor(Color.DARK_GRAY);
    }

    /** Thousands separated, with decimals only for small values. */
    private static String pattern(List<Double> values) {
        double max = values.stream().mapToDouble(Math::abs).max().orElse(0);
        return max >= 1000 ? "#,##0" : max >= 10 ? "#,##0.#" : "0.###";
    }

    private static CategoryChart bars(Axis xs, Axis ys, String title) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle(xs.title()).yAxisTitle(ys.title()).build();
        style(chart.getStyler());
        chart.getStyler().setLegendVisible(false);
        chart.addSeries(ys.title(), xs.texts(), ys.values());
        return chart;
    }

    private static void style(Styler styler) {
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setAntiAlias(true);
    }

    /** The first column of text, which names the rows (e.g. the models of a report). */
    private static int labelColumn(TableValue table) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (!table.columns().get(i).numeric() && !numeric(table, i)) {
                return i;
            }
        }
        return -1;
    }

    /** One column's values: numbers (scaled to percent when shown as such) and texts. */
    private record Axis(String title, boolean numeric, List<Double> values, List<String> texts) {

        static Axis of(TableValue table, int i) {
            String header = table.columns().get(i).header();
            List<String> texts = table.rows().stream().map(r -> r.get(i).text()).toList();
            if (!Plots.numeric(table, i)) {
                return new Axis(header, false, List.of(), texts);
            }
            boolean percent = texts.stream().allMatch(t -> t.endsWith("%"));
            List<Double> values = new ArrayList<>();
            for (List<Cell> row : table.rows()) {
                double v = ((Num) row.get(i).value()).value();
                values.add(percent ? v * 100 : v);
            }
            return new Axis(percent ? header + " (%)" : header, true, values, texts);
        }

        /** The values of these rows, in this order. */
        double[] at(List<Integer> rows) {
            return rows.stream().mapToDouble(values::get).toArray();
        }
    }
}
