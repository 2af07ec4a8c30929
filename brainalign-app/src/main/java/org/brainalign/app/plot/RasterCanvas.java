package org.brainalign.app.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import javax.imageio.ImageIO;

/**
 * A {@link Canvas} that paints a bitmap with Java2D (headless), at {@code scale} device pixels per
 * layout pixel so that text stays sharp, and writes it as PNG.
 */
public final class RasterCanvas implements Canvas {
    private final BufferedImage image;
    private final Graphics2D g;
    private final Deque<AffineTransform> stack = new ArrayDeque<>();

    public RasterCanvas(double width, double height, double scale) {
        image = new BufferedImage((int) Math.ceil(width * scale), (int) Math.ceil(height * scale), BufferedImage.TYPE_INT_RGB);
        g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        g.scale(scale, scale);
    }

    @Override
    public void line(double x1, double y1, double x2, double y2, String color, double width, Mark mark) {
        g.setColor(Color.decode(color));
        g.setStroke(new BasicStroke((float) width));
        g.draw(new Line2D.Double(x1, y1, x2, y2));
    }

    @Override
    public void polyline(double[] x, double[] y, String color, double width, Mark mark) {
        if (x.length == 0) {
            return;
        }
        Path2D.Double p = new Path2D.Double();
        p.moveTo(x[0], y[0]);
        for (int i = 1; i < x.length; i++) {
            p.lineTo(x[i], y[i]);
        }
        g.setColor(Color.decode(color));
        g.setStroke(new BasicStroke((float) width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        g.draw(p);
    }

    @Override
    public void circle(double cx, double cy, double r, String fill, Mark mark) {
        Ellipse2D.Double e = new Ellipse2D.Double(cx - r, cy - r, 2 * r, 2 * r);
        g.setColor(Color.decode(fill));
        g.fill(e);
        g.setColor(Color.WHITE);
        g.setStroke(new BasicStroke(0.8f));
        g.draw(e);
    }

    @Override
    public void rect(double x, double y, double w, double h, String fill, String stroke, Mark mark) {
        Rectangle2D.Double r = new Rectangle2D.Double(x, y, w, h);
        if (fill != null) {
            g.setColor(Color.decode(fill));
            g.fill(r);
        }
        if (stroke != null) {
            g.setColor(Color.decode(stroke));
            g.setStroke(new BasicStroke(1f));
            g.draw(r);
        }
    }

    @Override
    public void text(double x, double y, String text, Font font, Mark mark) {
        java.awt.Font f = new java.awt.Font(java.awt.Font.SANS_SERIF, font.bold() ? java.awt.Font.BOLD : java.awt.Font.PLAIN, 1)
                .deriveFont((float) font.size());
        AffineTransform saved = g.getTransform();
        g.translate(x, y);
        if (font.rotate() != 0) {
            g.rotate(Math.toRadians(font.rotate()));
        }
        g.setFont(f);
        g.setColor(Color.decode(font.color()));
        double w = g.getFontMetrics().getStringBounds(text, g).getWidth();
        double dx = switch (font.anchor()) {
            case START -> 0;
            case MIDDLE -> -w / 2;
            case END -> -w;
        };
        g.drawString(text, (float) dx, 0f);
        g.setTransform(saved);
    }

    @Override
    public void push(double dx, double dy, Mark mark) {
        stack.push(g.getTransform());
        g.translate(dx, dy);
    }

    @Override
    public void pop() {
        g.setTransform(stack.pop());
    }

    /** Writes the image as PNG. */
    public void writePng(Path file) throws IOException {
        g.dispose();
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IOException(file + " is a directory; name a .png file to write");
        }
        // Through an OutputStream: ImageIO's File path says only "Can't create an ImageOutputStream!" for a bad path.
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer in this JVM for " + file);
            }
        }
    }
}
