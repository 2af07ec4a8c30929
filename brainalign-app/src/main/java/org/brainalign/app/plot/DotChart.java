package org.brainalign.app.plot;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One score per model (benchmarks such as Futrell2018 or a SyntaxGym suite, which score a model
 * once): a dot with its 95 % interval per model, on the shared score axis. One dot may be
 * highlighted (the model a page is about).
 */
public record DotChart(String title, String yTitle, List<Dot> dots, int highlight) implements Chart {
    /** One model's score; {@code detail} says where it came from (e.g. its layer), shown on hover and in the table. */
    public record Dot(String label, String detail, double value, double lo, double hi) {}

    private static final int MAX_LABEL = 24;

    public DotChart {
        dots = List.copyOf(dots);
        if (dots.isEmpty()) {
            throw new IllegalArgumentException(title + ": a dot chart needs at least one score");
        }
    }

    private double labelHeight() {
        int longest = dots.stream().mapToInt(d -> Math.min(MAX_LABEL, d.label().length())).max().orElse(1);
        return Canvas.textWidth("x".repeat(longest), Frame.LABEL_SIZE) * Math.sin(Math.toRadians(30)) + 18;
    }

    @Override
    public double height() {
        return 34 + Frame.PLOT_HEIGHT + labelHeight() + 22;
    }

    @Override
    public void draw(Canvas c) {
        double[] v = dots.stream().mapToDouble(Dot::value).toArray();
        double[] lo = dots.stream().mapToDouble(Dot::lo).toArray();
        double[] hi = dots.stream().mapToDouble(Dot::hi).toArray();
        YScale scale = YScale.covering(v, lo, hi);
        double top = 34;
        double bottom = top + Frame.PLOT_HEIGHT;
        Frame.title(c, title);
        Frame.yAxis(c, scale, top, bottom, yTitle);
        double width = WIDTH - Frame.RIGHT - Frame.LEFT;
        double spacing = width / dots.size();
        for (int i = 0; i < dots.size(); i++) {
            Dot d = dots.get(i);
            double x = Frame.LEFT + spacing * (i + 0.5);
            boolean mark = i == highlight;
            String color = highlight < 0 || mark ? Palette.series(0) : Palette.MUTED;
            c.line(x, bottom, x, bottom + 4, Palette.AXIS, 1, Mark.NONE);
            c.text(x + 3, bottom + 13, Frame.shorten(d.label(), MAX_LABEL), new Canvas.Font(Frame.LABEL_SIZE, Canvas.Anchor.END, -30, mark,
                    Palette.TEXT), new Mark("model-label", d.label(), Map.of("model", d.label())));
            if (Double.isFinite(d.value())) {
                Frame.pointWithInterval(c, x, d.value(), d.lo(), d.hi(), scale, top, bottom, color, mark ? 5 : 4,
                        Frame.data(d.label(), d.detail(), d.value(), d.lo(), d.hi()),
                        d.label() + (d.detail().isEmpty() ? "" : " (" + d.detail() + ")") + ": " + Fmt.withInterval(d.value(), d.lo(), d.hi()));
                c.text(x + 8, scale.pixel(d.value(), top, bottom) + 3.5, Fmt.value(d.value()),
                        new Canvas.Font(Frame.LABEL_SIZE - 1, Canvas.Anchor.START, 0, false, Palette.MUTED), Mark.of("value-label"));
            }
        }
        Frame.xTitle(c, "model", bottom + labelHeight() + 14);
    }

    @Override
    public ValueTable table() {
        List<List<String>> rows = new ArrayList<>();
        for (Dot d : dots) {
            rows.add(List.of(d.label(), d.detail(), Fmt.value(d.value()), Fmt.interval(d.lo(), d.hi())));
        }
        return new ValueTable(List.of("model", "layer", "score", "95 % interval"), rows);
    }

    @Override
    public ValueTable summary() {
        return table();
    }
}
