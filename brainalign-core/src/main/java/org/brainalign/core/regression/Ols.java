package org.brainalign.core.regression;

import org.brainalign.core.linalg.LinAlg;

/**
 * Ordinary least squares with intercept and no scaling: coef = X<sub>c</sub>⁺·Y<sub>c</sub>, the
 * minimum-norm solution when the centred features are rank deficient (features &gt; samples), as
 * scikit-learn's {@code LinearRegression} returns through LAPACK {@code gelsd}.
 */
public record Ols() implements Regression {
    @Override
    public FoldFit fit(LinAlg la, FoldSpectrum spectrum, FoldTargets targets) {
        double[] lambda = spectrum.lambda();
        double[] f = new double[lambda.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = 1.0 / lambda[i];
        }
        return FoldFit.uniform(spectrum, targets, f, Double.NaN);
    }

    @Override
    public String describe() {
        return "OLS (min-norm, intercept)";
    }
}
