package org.brainalign.app.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Charts laid out in a grid with a heading, each with its summary table beneath, drawn once for
 * both outputs: one SVG document ({@code report.svg}) or one PNG ({@code report.png}). Notes (what
 * could not be plotted and why) are printed under the heading.
 */
public record Figure(String heading, List<String> notes, List<Chart> charts, int columns) {
    private static final double GAP = 24;
    private static final double MARGIN = 16;

    public Figure {
        notes = List.copyOf(notes);
        charts = List.copyOf(charts);
        if (charts.isEmpty()) {
            throw new IllegalArgumentException("a figure needs at least one chart");
        }
        columns = Math.max(1, Math.min(columns, charts.size()));
    }

    /** One chart alone, as an SVG element for a page (its numbers go in an HTML table beside it). */
    public static String svg(Chart chart) {
        SvgCanvas c = new SvgCanvas(Chart.WIDTH, chart.height(), chart.title());
        chart.draw(c);
        return c.svg();
    }

    private double headerHeight() {
        return 30 + noteLines().size() * 16 + 8;
    }

    /** The notes wrapped at word boundaries to the figure's width. */
    private List<String> noteLines() {
        List<String> lines = new java.util.ArrayList<>();
        double room = width() - 2 * MARGIN;
        for (String note : notes) {
            StringBuilder line = new StringBuilder();
            for (String word : note.split(" ")) {
                if (!line.isEmpty() && Canvas.textWidth(line + " " + word, 11) > room) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                line.append(line.isEmpty() ? "" : " ").append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private double cellHeight(int row) {
        double h = 0;
        for (int k = row * columns; k < Math.min(charts.size(), (row + 1) * columns); k++) {
            h = Math.max(h, charts.get(k).height() + charts.get(k).summary().drawnHeight());
        }
        return h;
    }

    private int rows() {
        return (charts.size() + columns - 1) / columns;
    }

    public double width() {
        return 2 * MARGIN + columns * Chart.WIDTH + (columns - 1) * GAP;
    }

    public double height() {
        double h = headerHeight() + MARGIN;
        for (int r = 0; r < rows(); r++) {
            h += cellHeight(r) + GAP;
        }
        return h;
    }

    private void draw(Canvas c) {
        c.text(MARGIN, 24, heading, new Canvas.Font(16, Canvas.Anchor.START, 0, true, Palette.TEXT), Mark.of("figure-title"));
        List<String> lines = noteLines();
        for (int i = 0; i < lines.size(); i++) {
            c.text(MARGIN, 44 + i * 16, lines.get(i), Canvas.Font.plain(11, Canvas.Anchor.START), Mark.of("note"));
        }
        double y = headerHeight();
        for (int r = 0; r < rows(); r++) {
            for (int k = r * columns; k < Math.min(charts.size(), (r + 1) * columns); k++) {
                Chart chart = charts.get(k);
                double x = MARGIN + (k - r * columns) * (Chart.WIDTH + GAP);
                c.push(x, y, Mark.of("chart"));
                chart.draw(c);
                chart.summary().draw(c, Frame.LEFT - 40, chart.height());
                c.pop();
            }
            y += cellHeight(r) + GAP;
        }
    }

    /** The figure as one SVG document. */
    public String svg() {
        SvgCanvas c = new SvgCanvas(width(), height(), heading);
        draw(c);
        return c.svg();
    }

    /** The figure as a PNG at twice the layout resolution. */
    public void png(Path file) throws IOException {
        RasterCanvas c = new RasterCanvas(width(), height(), 2);
        draw(c);
        c.writePng(file);
    }
}
