package org.brainalign.models.nn;

import java.util.List;

/**
 * Where a model's parameters come from: a checkpoint on disk or a seeded untrained initialiser.
 * Implementations return each parameter as fp32 in HuggingFace's layout and check that the full
 * set of parameters matches (no missing or unexpected tensor).
 */
public interface WeightSource {

    /** Called once with every parameter the family needs, before any {@link #load}. */
    void expect(List<ParamSpec> specs);

    /** The values of {@code spec}, row-major, of length {@code spec.elementCount()}. */
    float[] load(ParamSpec spec);

    /** A short description for logs and error messages (checkpoint path, or "untrained seed 0"). */
    String describe();
}
