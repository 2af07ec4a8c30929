package org.brainalign.app.plot;

import java.util.List;

/**
 * The numbers behind a chart, as rows of text cells: printed under every chart (HTML) or drawn
 * beneath it (PNG/SVG figures), so that no value exists only as a pixel position.
 */
public record ValueTable(List<String> header, List<List<String>> rows) {
    public ValueTable {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
    }

    /** An HTML table with class {@code values}. */
    public String html() {
        StringBuilder b = new StringBuilder("<table class='values'><thead><tr>");
        for (String h : header) {
            b.append("<th>").append(Xml.escape(h)).append("</th>");
        }
        b.append("</tr></thead><tbody>");
        for (List<String> row : rows) {
            b.append("<tr>");
            for (String cell : row) {
                b.append("<td>").append(Xml.escape(cell)).append("</td>");
            }
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** Height in pixels when drawn with {@link #draw}. */
    public double drawnHeight() {
        return (rows.size() + 1) * ROW + 6;
    }

    private static final double ROW = 15;
    private static final double SIZE = 10.5;

    private static final int MAX_CELL = 26;

    /**
     * A cell's width with room to spare: {@link Canvas#textWidth} is an average-character estimate,
     * and bold headers or wide glyphs in a raster font run past it (two headers drawn into one,
     * "average_languagenote"), so plain text gets 15 % more and bold 30 %.
     */
    static double cellWidth(String text, boolean bold) {
        return Canvas.textWidth(text, SIZE) * (bold ? 1.30 : 1.15);
    }

    /** Draws the table at (x, y) (top-left), columns sized to their widest cell (cells cut to 26 characters). */
    public void draw(Canvas c, double x, double y) {
        List<String> header = this.header.stream().map(h -> Frame.shorten(h, MAX_CELL)).toList();
        List<List<String>> rows = this.rows.stream().map(r -> r.stream().map(v -> Frame.shorten(v, MAX_CELL)).toList()).toList();
        double[] widths = new double[header.size()];
        for (int j = 0; j < widths.length; j++) {
            widths[j] = cellWidth(header.get(j), true);
            for (List<String> row : rows) {
                widths[j] = Math.max(widths[j], cellWidth(row.get(j), false));
            }
        }
        double px = x;
        double total = 0;
        for (double w : widths) {
            total += w + 14;
        }
        for (int j = 0; j < widths.length; j++) {
            c.text(px, y + ROW - 4, header.get(j), new Canvas.Font(SIZE, Canvas.Anchor.START, 0, true, Palette.TEXT), Mark.NONE);
            for (int i = 0; i < rows.size(); i++) {
                c.text(px, y + (i + 2) * ROW - 4, rows.get(i).get(j), Canvas.Font.plain(SIZE, Canvas.Anchor.START), Mark.NONE);
            }
            px += widths[j] + 14;
        }
        c.line(x, y + ROW, x + total - 14, y + ROW, Palette.AXIS, 0.6, Mark.NONE);
    }
}
