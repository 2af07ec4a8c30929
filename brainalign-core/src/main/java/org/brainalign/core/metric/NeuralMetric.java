package org.brainalign.core.metric;

import org.brainalign.core.assembly.Assembly;
import org.brainalign.core.linalg.DMatrix;

/**
 * A metric that compares source features (presentation × unit, rows aligned with the target's
 * presentations) with a target assembly. {@link #prepare} does the target-only work once — splits,
 * per-fold target statistics — so scoring many layers (or many ceiling pools) against one target
 * repeats none of it.
 */
public interface NeuralMetric {

    /** Identifier as BSL names it ({@code linear_pearsonr}, {@code ridge_pearsonr}, {@code cka}, {@code rdm}). */
    String id();

    /**
     * What decides this metric's numbers besides the data, in one line: regression, cross-validation
     * and their parameters (recorded with every score as its split policy).
     */
    String describe();

    /** The seeds of the metric's random streams by role ({@code splits}), recorded with every score. */
    java.util.Map<String, Long> seeds();

    /** Target-side preparation; reusable across any number of {@link #score} calls. */
    Prepared prepare(Assembly target);

    /** Scores features against a prepared target. */
    MetricScore score(Prepared target, DMatrix features);

    /** A prepared target: opaque to callers, owned by the metric that made it. */
    interface Prepared {
        /** The target this was prepared from. */
        Assembly target();
    }
}
