package org.brainalign.core.regression;

import org.brainalign.core.linalg.LinAlg;

/**
 * A linear regression with intercept, fitted per cross-validation fold on a {@link FoldSpectrum}:
 * {@link Ols} (scikit-learn's {@code LinearRegression}, min-norm when p &gt; n, BSL's
 * {@code linear_pearsonr}) or {@link RidgeGcv} ({@code RidgeCV} with efficient leave-one-out over an
 * alpha grid, BSL's {@code ridge_pearsonr}). All arithmetic is float64.
 */
public sealed interface Regression permits Ols, RidgeGcv {

    /** Fits the fold's targets. */
    FoldFit fit(LinAlg la, FoldSpectrum spectrum, FoldTargets targets);

    /** A short identifier for reports. */
    String describe();
}
