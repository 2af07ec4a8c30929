package org.brainalign.core.topography;

/**
 * TopoLM's smoothing of unit activations on the grid: every grid point receives
 * Σ_units value · (1 / 2πσ²) · exp(−d² / 2σ²) over all units, with σ = FWHM / √(8 ln 2) and d the
 * Euclidean distance in grid units. The kernel is neither truncated nor renormalised at the edges
 * (as TopoLM's {@code NeuronSmoothing}); being separable, it is applied along rows, then columns.
 */
public final class GaussianSmoothing {

    private final double[][] kernel; // kernel[i][j] = factor between rows (or columns) i and j

    /** A smoother for {@code side} × {@code side} maps at full width at half maximum {@code fwhm} (grid units). */
    public GaussianSmoothing(int side, double fwhm) {
        if (!(fwhm > 0)) {
            throw new IllegalArgumentException("smoothing FWHM must be positive, got " + fwhm);
        }
        double sigma = fwhm / Math.sqrt(8 * Math.log(2));
        double norm = Math.sqrt(1 / (2 * Math.PI * sigma * sigma)); // each direction carries the square root of 1/(2πσ²)
        kernel = new double[side][side];
        for (int i = 0; i < side; i++) {
            for (int j = 0; j < side; j++) {
                kernel[i][j] = norm * Math.exp(-(double) (i - j) * (i - j) / (2 * sigma * sigma));
            }
        }
    }

    /** The smoothed map. */
    public double[][] apply(double[][] map) {
        int side = kernel.length;
        if (map.length != side || map[0].length != side) {
            throw new IllegalArgumentException("map is " + map.length + " × " + map[0].length + "; the smoother expects " + side
                    + " × " + side);
        }
        double[][] rowsDone = new double[side][side];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double s = 0;
                for (int k = 0; k < side; k++) {
                    s += kernel[c][k] * map[r][k];
                }
                rowsDone[r][c] = s;
            }
        }
        double[][] out = new double[side][side];
        for (int r = 0; r < side; r++) {
            for (int c = 0; c < side; c++) {
                double s = 0;
                for (int k = 0; k < side; k++) {
                    s += kernel[r][k] * rowsDone[k][c];
                }
                out[r][c] = s;
            }
        }
        return out;
    }
}
