package org.brainalign.benchmarks.brennan2016;

/**
 * SPM's canonical haemodynamic response: a double gamma with its peak at 6 s and its undershoot at
 * 16 s (shape 6 and 16, scale 1 s), the undershoot weighted 1/6, 32 s long, scaled to unit area. A
 * regressor is a set of weighted impulses (e.g. word onsets) convolved with it, evaluated exactly at
 * the volume times (continuous-time convolution, no sampling grid).
 */
public final class Hrf {
    /** Seconds after which the response is taken as zero (SPM's kernel length). */
    public static final double LENGTH = 32.0;
    private static final double GAMMA6 = 120.0;             // Γ(6) = 5!
    private static final double GAMMA16 = 1307674368000.0;  // Γ(16) = 15!
    private static final double AREA = 1.0 - 1.0 / 6.0;     // each gamma density integrates to 1

    private Hrf() {}

    /** The response {@code t} seconds after an impulse. */
    public static double at(double t) {
        if (t <= 0 || t >= LENGTH) {
            return 0;
        }
        double peak = Math.pow(t, 5) * Math.exp(-t) / GAMMA6;
        double undershoot = Math.pow(t, 15) * Math.exp(-t) / GAMMA16;
        return (peak - undershoot / 6.0) / AREA;
    }

    /**
     * Σ<sub>i</sub> weight<sub>i</sub>·h(time<sub>k</sub> − onset<sub>i</sub>) for every time; {@code weights}
     * null means unit impulses. Onsets must be sorted.
     */
    public static double[] convolve(double[] onsets, double[] weights, double[] times) {
        double[] out = new double[times.length];
        int first = 0;
        for (int k = 0; k < times.length; k++) {
            double t = times[k];
            while (first < onsets.length && onsets[first] <= t - LENGTH) {
                first++;
            }
            double s = 0;
            for (int i = first; i < onsets.length && onsets[i] < t; i++) {
                s += (weights == null ? 1.0 : weights[i]) * at(t - onsets[i]);
            }
            out[k] = s;
        }
        return out;
    }
}
