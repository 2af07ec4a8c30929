package org.brainalign.benchmarks.localizer;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Draws a language mask as a PNG: one band per layer (top to bottom in recording order), each unit
 * a column coloured by its t-value on a diverging scale (blue negative, white 0, red positive,
 * saturating at the largest |t|), with the selected units marked black in a thin strip under the
 * band. Layers wider than 2,048 units are drawn at one column per group of units (the group's
 * largest |t|).
 */
public final class TValuePlot {
    private static final int BAND = 14;
    private static final int MARK = 4;
    private static final int GAP = 3;

    private TValuePlot() {}

    public static void write(LanguageMask mask, Path png) throws IOException {
        int maxUnits = mask.layers().stream().mapToInt(l -> l.t().length).max().orElse(1);
        int group = (maxUnits + 2047) / 2048;
        int width = (maxUnits + group - 1) / group;
        int rowHeight = BAND + MARK + GAP;
        BufferedImage img = new BufferedImage(width, Math.max(1, mask.layers().size() * rowHeight), BufferedImage.TYPE_INT_RGB);
        double maxAbs = 1e-12;
        for (LanguageMask.Layer l : mask.layers()) {
            for (double t : l.t()) {
                if (!Double.isNaN(t)) {
                    maxAbs = Math.max(maxAbs, Math.abs(t));
                }
            }
        }
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < width; x++) {
                img.setRGB(x, y, Color.LIGHT_GRAY.getRGB());
            }
        }
        for (int li = 0; li < mask.layers().size(); li++) {
            LanguageMask.Layer l = mask.layers().get(li);
            double[] t = l.t();
            boolean[] sel = l.selected();
            int top = li * rowHeight;
            for (int x = 0; x * group < t.length; x++) {
                double v = 0;
                boolean any = false;
                for (int u = x * group; u < Math.min(t.length, (x + 1) * group); u++) {
                    if (!Double.isNaN(t[u]) && Math.abs(t[u]) >= Math.abs(v)) {
                        v = t[u];
                    }
                    any |= sel[u];
                }
                int rgb = color(v / maxAbs);
                for (int y = 0; y < BAND; y++) {
                    img.setRGB(x, top + y, rgb);
                }
                int mark = any ? Color.BLACK.getRGB() : Color.WHITE.getRGB();
                for (int y = BAND; y < BAND + MARK; y++) {
                    img.setRGB(x, top + y, mark);
                }
            }
        }
        // Through an OutputStream: ImageIO's own File path prints a stack trace for an unwritable path.
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(png)) {
            ImageIO.write(img, "png", out);
        }
    }

    private static int color(double s) {
        double c = Math.max(-1, Math.min(1, s));
        int r;
        int g;
        int b;
        if (c >= 0) {
            r = 255;
            g = (int) Math.round(255 * (1 - c));
            b = g;
        } else {
            b = 255;
            r = (int) Math.round(255 * (1 + c));
            g = r;
        }
        return (r << 16) | (g << 8) | b;
    }
}
