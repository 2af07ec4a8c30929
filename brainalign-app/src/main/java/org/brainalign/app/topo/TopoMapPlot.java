package org.brainalign.app.topo;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.brainalign.core.topography.Clusters;

/**
 * Renders one output's t-map as a PNG heatmap: cells coloured blue (negative) – white – red
 * (positive) on a symmetric scale, cells not significant after FDR drawn pale, each cluster
 * outlined in black; the title names the output, Moran's I and the scale.
 */
public final class TopoMapPlot {

    private static final int CELL = 18;
    private static final int HEADER = 40;
    private static final int MARGIN = 8;
    private static final int MIN_WIDTH = 440;

    private TopoMapPlot() {
    }

    /** Writes {@code map} to {@code png} at {@code fdr} significance. */
    public static void write(TopoMaps.OutputMap map, String contrast, double fdr, Path png) throws IOException {
        int side = map.t().length;
        int size = side * CELL;
        BufferedImage img = new BufferedImage(Math.max(size + 2 * MARGIN, MIN_WIDTH), size + HEADER + MARGIN,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        double limit = 1e-12;
        for (double[] row : map.t()) {
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    limit = Math.max(limit, Math.abs(v));
                }
            }
        }
        int[] label = Clusters.labels(map.clusters(), side * side);
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double t = map.t()[r][c];
                boolean significant = map.q()[r][c] < fdr;
                g.setColor(Double.isNaN(t) ? Color.LIGHT_GRAY : color(t / limit, significant));
                g.fillRect(MARGIN + c * CELL, HEADER + r * CELL, CELL, CELL);
            }
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(2));
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                int k = label[r * side + c];
                if (k == 0) {
                    continue;
                }
                int x = MARGIN + c * CELL;
                int y = HEADER + r * CELL;
                if (r == 0 || label[(r - 1) * side + c] != k) {
                    g.drawLine(x, y, x + CELL, y);
                }
                if (r == side - 1 || label[(r + 1) * side + c] != k) {
                    g.drawLine(x, y + CELL, x + CELL, y + CELL);
                }
                if (c == 0 || label[r * side + c - 1] != k) {
                    g.drawLine(x, y, x, y + CELL);
                }
                if (c == side - 1 || label[r * side + c + 1] != k) {
                    g.drawLine(x + CELL, y, x + CELL, y + CELL);
                }
            }
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(contrast + " · " + map.name(), MARGIN, 16);
        g.drawString(String.format(Locale.ROOT, "Moran's I %.3f · |t| ≤ %.1f · %d cluster(s), pale = q ≥ %.2f", map.moransI(),
                limit, map.clusters().size(), fdr), MARGIN, 32);
        g.dispose();
        // Through an OutputStream: ImageIO's own File path prints a stack trace for an unwritable path.
        try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(png)) {
            ImageIO.write(img, "png", out);
        }
    }

    /** Blue–white–red for s in [−1, 1]; pale (blended towards white) when not significant. */
    private static Color color(double s, boolean significant) {
        double c = Math.max(-1, Math.min(1, s));
        double r = c >= 0 ? 1 : 1 + c;
        double gr = 1 - Math.abs(c);
        double b = c <= 0 ? 1 : 1 - c;
        if (!significant) {
            r = 0.75 + 0.25 * r;
            gr = 0.75 + 0.25 * gr;
            b = 0.75 + 0.25 * b;
        }
        return new Color((float) r, (float) gr, (float) b);
    }
}
