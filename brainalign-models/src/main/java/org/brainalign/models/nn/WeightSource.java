package org.brainalign.models.nn;

import java.util.List;
import org.brainalign.models.ModelFormatException;

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

    /**
     * Receives a parameter's values as consecutive ranges of its row-major order. A source may call
     * it from several threads at once, always for disjoint ranges; {@code values} is only read during
     * the call (the source may reuse it afterwards).
     */
    @FunctionalInterface
    interface Chunks {
        void accept(long offset, float[] values, int count);
    }

    /**
     * Hands {@code spec}'s values to {@code sink}, covering {@code [0, spec.elementCount())}: by
     * default in one call with {@link #load}'s array. Sources that generate values override it to
     * pass them in pieces as they are made, so a large model's weights go straight to their tensors
     * without a whole-tensor array in between.
     */
    default void stream(ParamSpec spec, Chunks sink) {
        whole(this, spec, sink);
    }

    /** Hands {@code spec}'s values from {@code source.load} to {@code sink} in one call, after checking their count. */
    static void whole(WeightSource source, ParamSpec spec, Chunks sink) {
        float[] values = source.load(spec);
        if (values.length != spec.elementCount()) {
            throw new ModelFormatException(source.describe() + ": tensor '" + spec.name() + "' has "
                    + values.length + " values; expected " + spec.elementCount() + " for shape " + spec);
        }
        sink.accept(0, values, values.length);
    }

    /**
     * {@code spec}'s values as stored, when the source holds them as {@code kind} 16-bit values in
     * HuggingFace's row-major layout: a read-only view (e.g. of a memory-mapped safetensors file)
     * that stays valid while the source's store is open, so the model can use it without a copy.
     * Empty by default and whenever the stored format differs.
     */
    default java.util.Optional<java.lang.foreign.MemorySegment> stored16(ParamSpec spec, HalfTensor.Kind kind) {
        return java.util.Optional.empty();
    }

    /**
     * Whether the values are generated rather than read (an untrained initialiser), so that a
     * matrix can be drawn when first used, and one a run never uses (an LM head when only hidden
     * states are recorded) is never drawn. The values do not depend on when they are drawn.
     */
    default boolean drawsOnDemand() {
        return false;
    }

    /** A short description for logs and error messages (checkpoint path, or "untrained seed 0"). */
    String describe();
}
