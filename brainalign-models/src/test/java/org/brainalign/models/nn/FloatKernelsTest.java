package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link FloatKernels} against closed forms computed in double with {@link Math}: the maximum at
 * every position of rows of every remainder length (NaN propagating), exp within 3 ulp
 * of the float-rounded {@code Math.exp} over its whole range, and GELU-tanh (HF's
 * {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}), SiLU, softmax and LayerNorm within a few
 * float ulps of their double-precision definitions on random rows of odd lengths (so the loops'
 * remainders run).
 */
class FloatKernelsTest {

    @Test
    void expIsWithinThreeUlpsOverItsRange() {
        int n = 1 << 20;
        float[] v = new float[n];
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = FloatKernels.EXP_MIN + (FloatKernels.EXP_MAX - FloatKernels.EXP_MIN) * i / (n - 1);
            v[i] = x[i];
        }
        FloatKernels.exp(v, n, new FloatKernels.Scratch(n));
        double worst = 0;
        for (int i = 0; i < n; i++) {
            float expected = (float) Math.exp(x[i]);
            worst = Math.max(worst, Math.abs(v[i] - expected) / Math.ulp(expected));
        }
        assertThat(worst).isLessThanOrEqualTo(3.0);
    }

    @Test
    void expClampsOutsideItsRange() {
        float[] v = {-1000f, -88f, 89f, Float.NEGATIVE_INFINITY};
        FloatKernels.exp(v, v.length, new FloatKernels.Scratch(v.length));
        float low = (float) Math.exp(FloatKernels.EXP_MIN);
        assertThat(v[0]).isCloseTo(low, org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(v[1]).isCloseTo(low, org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(v[2]).isCloseTo((float) Math.exp(FloatKernels.EXP_MAX), org.assertj.core.data.Percentage.withPercentage(1e-4));
        assertThat(v[3]).isCloseTo(low, org.assertj.core.data.Percentage.withPercentage(1e-4));
    }

    @Test
    void activationsMatchTheirDefinitions() {
        SplittableRandom random = new SplittableRandom(5);
        int n = 3071;
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) (random.nextGaussian() * 4);
        }
        float[] gelu = x.clone();
        FloatKernels.geluTanh(gelu, n, new FloatKernels.Scratch(n));
        float[] silu = x.clone();
        FloatKernels.silu(silu, n, new FloatKernels.Scratch(n));
        float[] relu = x.clone();
        FloatKernels.relu(relu, n);
        for (int i = 0; i < n; i++) {
            double v = x[i];
            double g = 0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v)));
            double s = v / (1 + Math.exp(-v));
            assertThat((double) gelu[i]).as("gelu(%s)", v).isCloseTo(g, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(v))));
            assertThat((double) silu[i]).as("silu(%s)", v).isCloseTo(s, org.assertj.core.data.Offset.offset(1e-6 * Math.max(1, Math.abs(v))));
            assertThat(relu[i]).isEqualTo(Math.max(x[i], 0f));
        }
    }

    @Test
    void maxFindsTheLargestAtEveryPositionAndPropagatesNaN() {
        for (int n : new int[] {1, 2, 3, 4, 5, 7, 8, 129}) {
            for (int at = 0; at < n; at++) {
                float[] v = new float[n];
                for (int i = 0; i < n; i++) {
                    v[i] = -1000f + i; // all below the planted maximum
                }
                v[at] = 7.5f;
                assertThat(FloatKernels.max(v, n)).as("n=%d, largest at %d", n, at).isEqualTo(7.5f);
                v[at] = Float.NaN;
                assertThat(FloatKernels.max(v, n)).as("n=%d, NaN at %d", n, at).isNaN();
            }
        }
    }

    @Test
    void layerNormOverflowsWherePyTorchsFloatStatisticsDo() {
        // PyTorch: F.layer_norm(torch.full((32,), 1e38), (32,)) is all NaN (the float32 mean is inf)
        float[] big = new float[32];
        java.util.Arrays.fill(big, 1e38f);
        float[] ones = new float[32];
        java.util.Arrays.fill(ones, 1f);
        FloatKernels.layerNorm(big, 32, ones, new float[32], 1e-5);
        for (float v : big) {
            assertThat(v).isNaN();
        }
        // ±3e37 alternating: the sum is 0 but the float32 sum of squares overflows; PyTorch gives NaN too
        float[] wide = new float[32];
        for (int i = 0; i < 32; i++) {
            wide[i] = i % 2 == 0 ? 3e37f : -3e37f;
        }
        FloatKernels.layerNorm(wide, 32, ones, new float[32], 1e-5);
        for (float v : wide) {
            assertThat(v).isNaN();
        }
    }

    @Test
    void softmaxAndLayerNormMatchTheirDefinitions() {
        SplittableRandom random = new SplittableRandom(6);
        for (int n : new int[] {1, 2, 3, 7, 129, 768}) {
            float[] x = new float[n];
            for (int i = 0; i < n; i++) {
                x[i] = (float) (random.nextGaussian() * 5 + 3);
            }
            float[] soft = x.clone();
            FloatKernels.softmax(soft, n, new FloatKernels.Scratch(n));
            double max = Double.NEGATIVE_INFINITY;
            for (float v : x) {
                max = Math.max(max, v);
            }
            double sum = 0;
            for (float v : x) {
                sum += Math.exp(v - max);
            }
            float[] gamma = new float[n];
            float[] beta = new float[n];
            for (int i = 0; i < n; i++) {
                gamma[i] = (float) random.nextGaussian();
                beta[i] = (float) random.nextGaussian();
            }
            float[] norm = x.clone();
            FloatKernels.layerNorm(norm, n, gamma, beta, 1e-5);
            double mean = 0;
            for (float v : x) {
                mean += v;
            }
            mean /= n;
            double var = 0;
            for (float v : x) {
                var += (v - mean) * (v - mean);
            }
            var /= n;
            for (int i = 0; i < n; i++) {
                double p = Math.exp(x[i] - max) / sum;
                assertThat((double) soft[i]).as("softmax n=%d i=%d", n, i).isCloseTo(p, org.assertj.core.data.Offset.offset(1e-6 * p + 1e-12));
                double ln = (x[i] - mean) / Math.sqrt(var + 1e-5) * gamma[i] + beta[i];
                assertThat((double) norm[i]).as("layerNorm n=%d i=%d", n, i).isCloseTo(ln, org.assertj.core.data.Offset.offset(1e-5));
            }
        }
    }
}
