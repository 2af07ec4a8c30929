package org.brainalign.app.plot;

/**
 * The drawing primitives a chart needs, in pixels from the top-left corner. One chart layout draws
 * onto any canvas, so the web pages, {@code report.svg} and {@code report.png} show the same picture:
 * {@link SvgCanvas} writes SVG elements (with each {@link Mark}'s class, tooltip and data), and
 * {@link RasterCanvas} paints a bitmap through Java2D.
 */
public interface Canvas {
    /** Horizontal placement of text relative to its anchor point. */
    enum Anchor { START, MIDDLE, END }

    /** A text style: size in pixels, placement, rotation in degrees (clockwise, about the anchor), weight, colour. */
    record Font(double size, Anchor anchor, double rotate, boolean bold, String color) {
        public static Font plain(double size, Anchor anchor) {
            return new Font(size, anchor, 0, false, Palette.TEXT);
        }
    }

    void line(double x1, double y1, double x2, double y2, String color, double width, Mark mark);

    void polyline(double[] x, double[] y, String color, double width, Mark mark);

    void circle(double cx, double cy, double r, String fill, Mark mark);

    void rect(double x, double y, double w, double h, String fill, String stroke, Mark mark);

    void text(double x, double y, String text, Font font, Mark mark);

    /** Shifts everything drawn until {@link #pop()} by (dx, dy); groups nest. */
    void push(double dx, double dy, Mark mark);

    void pop();

    /**
     * An estimate of a text's width in pixels, the same on every canvas, so that layouts agree between
     * SVG and PNG (a sans-serif character is about 0.56 of its size wide on average).
     */
    static double textWidth(String text, double size) {
        return text.length() * size * 0.56;
    }
}
