package org.brainalign.app.plot;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@link Canvas} that writes SVG: each element carries its {@link Mark}'s class, data attributes
 * and, as a {@code <title>} child, its tooltip. Coordinates are written with one decimal.
 */
public final class SvgCanvas implements Canvas {
    private final StringBuilder out = new StringBuilder();
    private final double width;
    private final double height;

    public SvgCanvas(double width, double height, String title) {
        this.width = width;
        this.height = height;
        out.append(String.format(Locale.ROOT, "<svg xmlns='http://www.w3.org/2000/svg' width='%.0f' height='%.0f' "
                + "viewBox='0 0 %.0f %.0f' role='img' font-family='DejaVu Sans, Arial, sans-serif'><title>%s</title>"
                + "<rect width='100%%' height='100%%' fill='white'/>", width, height, width, height, Xml.escape(title)));
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String color, double width, Mark mark) {
        open("line", mark).append(f(" x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' stroke-width='%.1f'", x1, y1, x2, y2, color,
                width));
        close("line", mark);
    }

    @Override
    public void polyline(double[] x, double[] y, String color, double width, Mark mark) {
        StringBuilder pts = new StringBuilder();
        for (int i = 0; i < x.length; i++) {
            pts.append(f("%.1f,%.1f ", x[i], y[i]));
        }
        open("polyline", mark).append(f(" fill='none' stroke='%s' stroke-width='%.1f' points='%s'", color, width, pts.toString().trim()));
        close("polyline", mark);
    }

    @Override
    public void circle(double cx, double cy, double r, String fill, Mark mark) {
        open("circle", mark).append(f(" cx='%.1f' cy='%.1f' r='%.1f' fill='%s' stroke='white' stroke-width='0.8'", cx, cy, r, fill));
        close("circle", mark);
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill, String stroke, Mark mark) {
        open("rect", mark).append(f(" x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s' stroke='%s'", x, y, w, h,
                fill == null ? "none" : fill, stroke == null ? "none" : stroke));
        close("rect", mark);
    }

    @Override
    public void text(double x, double y, String text, Font font, Mark mark) {
        open("text", mark).append(f(" x='%.1f' y='%.1f' font-size='%.1f' fill='%s' text-anchor='%s'", x, y, font.size(), font.color(),
                switch (font.anchor()) {
                    case START -> "start";
                    case MIDDLE -> "middle";
                    case END -> "end";
                }));
        if (font.bold()) {
            out.append(" font-weight='bold'");
        }
        if (font.rotate() != 0) {
            out.append(f(" transform='rotate(%.1f %.1f %.1f)'", font.rotate(), x, y));
        }
        out.append('>');
        if (mark.tooltip() != null) {
            out.append("<title>").append(Xml.escape(mark.tooltip())).append("</title>");
        }
        out.append(Xml.escape(text)).append("</text>");
    }

    @Override
    public void push(double dx, double dy, Mark mark) {
        open("g", mark).append(f(" transform='translate(%.1f %.1f)'>", dx, dy));
        if (mark.tooltip() != null) {
            out.append("<title>").append(Xml.escape(mark.tooltip())).append("</title>");
        }
    }

    @Override
    public void pop() {
        out.append("</g>");
    }

    /** The finished SVG document. */
    public String svg() {
        return out + "</svg>";
    }

    public double width() {
        return width;
    }

    public double height() {
        return height;
    }

    private StringBuilder open(String element, Mark mark) {
        out.append('<').append(element);
        if (mark.cssClass() != null) {
            out.append(" class='").append(Xml.escape(mark.cssClass())).append('\'');
        }
        for (Map.Entry<String, String> e : new TreeMap<>(mark.data()).entrySet()) {
            out.append(" data-").append(e.getKey()).append("='").append(Xml.escape(e.getValue())).append('\'');
        }
        return out;
    }

    private void close(String element, Mark mark) {
        if (mark.tooltip() != null) {
            out.append("><title>").append(Xml.escape(mark.tooltip())).append("</title></").append(element).append('>');
        } else {
            out.append("/>");
        }
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
