package org.brainalign.models.baseline;

import java.util.List;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.SubjectOutput;

/**
 * The OASM temporal-autocorrelation confound baseline (BSL PR #355, after Hadidi et al. 2025):
 * features that know nothing about language, only where a stimulus sits in its sequence. Every
 * stimulus gets its own dimension (stimuli of later calls get later dimensions), and within one
 * {@code digestText} call — a passage or story — part i's vector is a Gaussian bump over the call's
 * dimensions, exp(−(i − j)²/(2σ²)), so neighbours in a passage share features and different
 * passages are orthogonal. On shuffled cross-validation this confound alone scores well; on
 * grouped (passage/story) cross-validation it should score ≈ 0. {@code capacity} is the number of
 * dimensions (the most stimuli one run may present).
 */
public final class OasmSubject implements NeuralOnlySubject {
    private final int capacity;
    private final double sigma;
    private int offset;

    public OasmSubject(int capacity, double sigma) {
        if (capacity < 1 || !(sigma > 0)) {
            throw new IllegalArgumentException("OASM needs capacity >= 1 and sigma > 0, got " + capacity + " and " + sigma);
        }
        this.capacity = capacity;
        this.sigma = sigma;
    }

    @Override
    public String kind() {
        return "the OASM baseline (stimulus-position vectors)";
    }

    @Override
    public String id() {
        return "oasm-sigma" + sigma;
    }


    @Override
    public SubjectOutput digestText(List<String> parts) {
        int n = parts.size();
        if (offset + n > capacity) {
            throw new IllegalStateException("OASM capacity of " + capacity + " stimuli exceeded (" + (offset + n)
                    + "); create it with a larger capacity");
        }
        float[] out = new float[n * capacity];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double d = i - j;
                out[i * capacity + offset + j] = (float) Math.exp(-d * d / (2 * sigma * sigma));
            }
        }
        offset += n;
        return new SubjectOutput(parts, List.of(new LayerActivations("position", n, capacity, out)), new double[0], List.of());
    }
}
