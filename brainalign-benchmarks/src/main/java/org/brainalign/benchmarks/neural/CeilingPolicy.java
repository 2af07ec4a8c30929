package org.brainalign.benchmarks.neural;

import org.brainalign.core.ceiling.SubsetPolicy;

/**
 * Where a neural benchmark's ceiling comes from by default: a published value (BSL's precomputed
 * ceilings; {@code --recompute-ceiling} recomputes with {@code recompute}), a subject-pool
 * extrapolation computed from the data, or none (raw scores, as Tuckute2024).
 */
public sealed interface CeilingPolicy {

    /** A published value and how to recompute it. */
    record Published(double value, String citation, SubsetPolicy recompute) implements CeilingPolicy {}

    /** Always computed from the data with the extrapolation ceiling. */
    record Computed(SubsetPolicy policy) implements CeilingPolicy {}

    /** No ceiling. */
    record None() implements CeilingPolicy {}
}
