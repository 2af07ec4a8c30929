package org.brainalign.models.nn;

import java.util.Arrays;

/**
 * One parameter tensor a family needs: its HuggingFace key, its shape as HuggingFace stores it, and
 * its untrained initialisation. A family's list of specs is the single source of truth for both
 * checkpoint loading (key-by-key, shape-checked) and untrained initialisation.
 *
 * @param name HuggingFace state-dict key, e.g. {@code transformer.h.0.attn.c_attn.weight}
 * @param shape dimensions as stored in the checkpoint
 * @param init initialisation of an untrained model
 */
public record ParamSpec(String name, long[] shape, Init init) {

    public ParamSpec {
        shape = shape.clone();
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements. */
    public long elementCount() {
        return Arrays.stream(shape).reduce(1, Math::multiplyExact);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ParamSpec p && name.equals(p.name) && Arrays.equals(shape, p.shape) && init.equals(p.init);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
