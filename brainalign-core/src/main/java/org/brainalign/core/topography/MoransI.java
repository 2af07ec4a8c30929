package org.brainalign.core.topography;

/**
 * Moran's I of a map on a lattice with queen contiguity (the 8 surrounding cells) and
 * row-standardised weights, as {@code esda.Moran(y, libpysal.weights.lat2W(n, n, rook=False))}
 * with its default {@code transformation='r'}: I = Σ_i z_i · mean_{j∈N(i)} z_j / Σ_i z_i², with z
 * the deviations from the map mean. 1 is a perfectly smooth map, values near −1/(n−1) a spatially
 * random one. Cells holding NaN are left out, together with their links.
 */
public final class MoransI {

    private MoransI() {
    }

    /** Moran's I of {@code map} (rows × columns); NaN if fewer than two cells have values or the map is constant. */
    public static double queen(double[][] map) {
        int rows = map.length;
        int cols = map[0].length;
        double mean = 0;
        int n = 0;
        for (double[] row : map) {
            if (row.length != cols) {
                throw new IllegalArgumentException("map rows differ in length: " + row.length + " vs " + cols);
            }
            for (double v : row) {
                if (!Double.isNaN(v)) {
                    mean += v;
                    n++;
                }
            }
        }
        if (n < 2) {
            return Double.NaN;
        }
        mean /= n;
        double numerator = 0;
        double denominator = 0;
        int linked = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double v = map[r][c];
                if (Double.isNaN(v)) {
                    continue;
                }
                double z = v - mean;
                denominator += z * z;
                double sum = 0;
                int neighbours = 0;
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int rr = r + dr;
                        int cc = c + dc;
                        if ((dr != 0 || dc != 0) && rr >= 0 && rr < rows && cc >= 0 && cc < cols && !Double.isNaN(map[rr][cc])) {
                            sum += map[rr][cc] - mean;
                            neighbours++;
                        }
                    }
                }
                if (neighbours > 0) {
                    numerator += z * sum / neighbours;
                    linked++;
                }
            }
        }
        if (denominator == 0 || linked == 0) {
            return Double.NaN;
        }
        // row-standardised weights: S0 = number of cells with neighbours, I = (n / S0) · Σ z_i (W z)_i / Σ z_i²
        return (double) n / linked * numerator / denominator;
    }
}
