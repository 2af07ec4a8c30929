package org.brainalign.benchmarks.drivesuppress;

import org.brainalign.core.linalg.DMatrix;

/**
 * A fitted linear readout from a sentence's features to the responses: {@code ŷ = x·coef + intercept}
 * (the intercept already holds {@code ȳ − x̄·coef}, so raw features go in; {@code xMean} is kept to
 * record the feature centring the fit used).
 *
 * @param xMean the training features' column means ({@code features})
 * @param coef {@code features × targets}
 * @param intercept per target
 * @param alphas the ridge penalty chosen per target
 */
public record Readout(double[] xMean, DMatrix coef, double[] intercept, double[] alphas) {

    public Readout {
        if (coef.rows() != xMean.length || coef.cols() != intercept.length || alphas.length != intercept.length) {
            throw new IllegalArgumentException("readout: " + xMean.length + " feature means, coef " + coef.rows() + " x " + coef.cols()
                    + ", " + intercept.length + " intercepts, " + alphas.length + " alphas");
        }
    }

    public int features() {
        return xMean.length;
    }

    public int targets() {
        return intercept.length;
    }

    /** Target {@code k}'s prediction for one feature row ({@code values[offset … offset + features)}). */
    public double predict(float[] values, int offset, int k) {
        if (offset < 0 || offset + xMean.length > values.length) {
            throw new IllegalArgumentException("a feature row of " + xMean.length + " values does not fit at " + offset + " in "
                    + values.length);
        }
        double sum = intercept[k];
        double[] c = coef.data(); // column-major: target k's weights are contiguous
        int base = k * xMean.length;
        for (int j = 0; j < xMean.length; j++) {
            sum += values[offset + j] * c[base + j];
        }
        return sum;
    }

    /** Target {@code k}'s predictions for the rows of {@code x} ({@code n × features}). */
    public double[] predict(DMatrix x, int k) {
        if (x.cols() != xMean.length) {
            throw new IllegalArgumentException("features have " + x.cols() + " columns; this readout takes " + xMean.length);
        }
        double[] out = new double[x.rows()];
        for (int i = 0; i < out.length; i++) {
            double sum = intercept[k];
            for (int j = 0; j < xMean.length; j++) {
                sum += x.get(i, j) * coef.get(j, k);
            }
            out[i] = sum;
        }
        return out;
    }
}
