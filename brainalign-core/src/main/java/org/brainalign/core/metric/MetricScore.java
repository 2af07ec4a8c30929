package org.brainalign.core.metric;

/**
 * What a metric returns: the aggregate value and the un-aggregated split × neuroid matrix it came
 * from (BSL's {@code score.raw}), plus, for metrics with one value per split (CKA, RDM, Pearson),
 * a 1-column matrix. {@code note} explains a NaN value (an undefined metric), else is empty.
 */
public record MetricScore(double value, double[][] splitByNeuroid, String note) {
    public MetricScore {
        splitByNeuroid = deepCopy(splitByNeuroid);
        note = note == null ? "" : note;
    }

    /** An undefined score with the reason. */
    public static MetricScore undefined(String reason) {
        return new MetricScore(Double.NaN, new double[0][0], reason);
    }

    @Override
    public double[][] splitByNeuroid() {
        return deepCopy(splitByNeuroid);
    }

    /** Per-neuroid values averaged over splits (NaN-skipping); the unit of bootstrap CIs. */
    public double[] perNeuroid() {
        if (splitByNeuroid.length == 0) {
            return new double[0];
        }
        int n = splitByNeuroid[0].length;
        double[] out = new double[n];
        double[] col = new double[splitByNeuroid.length];
        for (int j = 0; j < n; j++) {
            for (int s = 0; s < splitByNeuroid.length; s++) {
                col[s] = splitByNeuroid[s][j];
            }
            out[j] = Stats.nanMean(col);
        }
        return out;
    }

    private static double[][] deepCopy(double[][] m) {
        double[][] out = new double[m.length][];
        for (int i = 0; i < m.length; i++) {
            out[i] = m[i].clone();
        }
        return out;
    }
}
