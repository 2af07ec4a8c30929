package org.brainalign.models.nn;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The element-wise pieces of a transformer block on float32 rows of Java arrays, written as plain
 * counted loops that HotSpot's C2 compiler turns into SIMD code: exp (a branch-free Cody–Waite
 * reduction with a degree-6 polynomial, ≤ 3 ulp from {@link Math#exp} on [−87, 88]), GELU-tanh,
 * SiLU and ReLU, the softmax of one attention row, LayerNorm (statistics in double) and row-wise
 * bias adds. C2 (JDK 25) vectorises no int-to-float bit reinterpretation ({@code Float.intBitsToFloat}
 * ran at 0.2 ns per float against 0.04 for a multiply), so exp builds its 2^k factors as int bits,
 * moves them into floats with one bulk memory copy and multiplies in a second loop. Every method
 * works on elements {@code [0, n)} of its arrays, all indexed alike: callers copy a row into scratch,
 * transform it and copy it back, because the same kernels indexing a row at an offset of a larger
 * array ran at half the speed (GELU-tanh: 2.4 against 1.2 ns per float; presumably C2 could not rule
 * out overlap between float arrays indexed differently). Scratch ({@link Scratch}) comes from the
 * caller, so parallel callers share nothing.
 */
final class FloatKernels {
    private static final float LOG2E = 1.44269504f;
    /** ln 2 split so that {@code k · LN2_HI} is exact for |k| < 2^9. */
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5 · 2^23: adding and subtracting it rounds a float of magnitude < 2^22 to an integer. */
    private static final float ROUND = 12582912f;
    /** Below this exp is clamped to exp(−87) (≈ 1.6e-38) and above it to exp(88). */
    static final float EXP_MIN = -87f;
    static final float EXP_MAX = 88f;

    /** 2·√(2/π) and 2·√(2/π)·0.044715: GELU-tanh as x·σ(x·(K1 + K3·x²)), the identity {@link Ops} uses. */
    private static final float GELU_K1 = (float) (2 * Math.sqrt(2 / Math.PI));
    private static final float GELU_K3 = (float) (2 * Math.sqrt(2 / Math.PI) * 0.044715);

    private FloatKernels() {}

    /** One thread's scratch for these kernels: rows of up to {@code width} elements. */
    static final class Scratch {
        /** The exponent of GELU's and SiLU's logistic. */
        final float[] e;
        /** The bits of exp's 2^k factors. */
        final int[] bits;
        /** The same factors as floats. */
        final float[] scale;

        Scratch(int width) {
            e = new float[width];
            bits = new int[width];
            scale = new float[width];
        }
    }

    /** {@code v[i] = exp(v[i])} for i < n, n no wider than {@code s}. */
    static void exp(float[] v, int n, Scratch s) {
        exp(v, n, 0f, s);
    }

    /** {@code v[i] = exp(v[i] − shift)} for i < n, n no wider than {@code s}. */
    static void exp(float[] v, int n, float shift, Scratch s) {
        int[] bits = s.bits;
        float[] scale = s.scale;
        for (int i = 0; i < n; i++) {
            float x = Math.max(EXP_MIN, Math.min(EXP_MAX, v[i] - shift));
            float kf = (x * LOG2E + ROUND) - ROUND;
            float r = x - kf * LN2_HI - kf * LN2_LO;
            v[i] = 1f + r * (1f + r * (0.5f + r * (0.16666667f + r * (0.041666668f
                    + r * (0.008333334f + r * 0.0013888889f)))));
            bits[i] = ((int) kf + 127) << 23; // 2^k: k is in [−126, 127] after the clamp, a normal float
        }
        MemorySegment.copy(MemorySegment.ofArray(bits), ValueLayout.JAVA_FLOAT, 0, scale, 0, n);
        for (int i = 0; i < n; i++) {
            v[i] *= scale[i];
        }
    }

    /** GELU-tanh of {@code v[0…n)} in place, n no wider than {@code s}. */
    static void geluTanh(float[] v, int n, Scratch s) {
        float[] e = s.e;
        for (int i = 0; i < n; i++) {
            e[i] = -v[i] * (GELU_K1 + GELU_K3 * v[i] * v[i]);
        }
        exp(e, n, s);
        for (int i = 0; i < n; i++) {
            v[i] = v[i] / (1f + e[i]);
        }
    }

    /** SiLU, x·σ(x), of {@code v[0…n)} in place, n no wider than {@code s}. */
    static void silu(float[] v, int n, Scratch s) {
        float[] e = s.e;
        for (int i = 0; i < n; i++) {
            e[i] = -v[i];
        }
        exp(e, n, s);
        for (int i = 0; i < n; i++) {
            v[i] = v[i] / (1f + e[i]);
        }
    }

    /** ReLU of {@code v[0…n)} in place. */
    static void relu(float[] v, int n) {
        for (int i = 0; i < n; i++) {
            v[i] = Math.max(v[i], 0f);
        }
    }

    /** Softmax of {@code v[0…n)} in place (max subtracted first; the sum in double), 1 ≤ n no wider than {@code s}. */
    static void softmax(float[] v, int n, Scratch s) {
        exp(v, n, max(v, n), s);
        float inv = (float) (1 / sum(v, n));
        for (int j = 0; j < n; j++) {
            v[j] *= inv;
        }
    }

    /**
     * LayerNorm of {@code v[0…n)} in place: mean and variance in double, then {@code (v − m)·rstd·γ + β}.
     * Where PyTorch's float32 statistics overflow (a row whose sum or sum of squared deviations exceeds
     * the float range) the row becomes NaN, as PyTorch's does: weights that break HuggingFace's
     * activations break these the same way, and are refused downstream.
     */
    static void layerNorm(float[] v, int n, float[] gamma, float[] beta, double eps) {
        double total = sum(v, n);
        if (!(Math.abs(total) <= Float.MAX_VALUE)) {
            // PyTorch sums in float32: this row's mean is ±inf (or NaN) there, and so every output
            java.util.Arrays.fill(v, 0, n, Float.NaN);
            return;
        }
        double mean = total / n;
        // four running sums: independent additions the CPU can overlap
        double q0 = 0;
        double q1 = 0;
        double q2 = 0;
        double q3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = v[i] - mean;
            double d1 = v[i + 1] - mean;
            double d2 = v[i + 2] - mean;
            double d3 = v[i + 3] - mean;
            q0 += d0 * d0;
            q1 += d1 * d1;
            q2 += d2 * d2;
            q3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = v[i] - mean;
            q0 += d * d;
        }
        double sq = q0 + q1 + q2 + q3;
        if (!(sq <= Float.MAX_VALUE)) {
            java.util.Arrays.fill(v, 0, n, Float.NaN);
            return;
        }
        float m = (float) mean;
        float rstd = (float) (1 / Math.sqrt(sq / n + eps));
        for (int j = 0; j < n; j++) {
            v[j] = (v[j] - m) * rstd * gamma[j] + beta[j];
        }
    }

    /** The largest of {@code v[0…n)} (n ≥ 1; NaN if one is NaN), as four running maxima the CPU can overlap. */
    static float max(float[] v, int n) {
        float m0 = v[0];
        float m1 = m0;
        float m2 = m0;
        float m3 = m0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            m0 = Math.max(m0, v[i]);
            m1 = Math.max(m1, v[i + 1]);
            m2 = Math.max(m2, v[i + 2]);
            m3 = Math.max(m3, v[i + 3]);
        }
        for (; i < n; i++) {
            m0 = Math.max(m0, v[i]);
        }
        return Math.max(Math.max(m0, m1), Math.max(m2, m3));
    }

    /** The sum of {@code v[0…n)} in double, as four running sums the CPU can overlap (remainder into the first). */
    static double sum(float[] v, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += v[i];
            s1 += v[i + 1];
            s2 += v[i + 2];
            s3 += v[i + 3];
        }
        for (; i < n; i++) {
            s0 += v[i];
        }
        return s0 + s1 + s2 + s3;
    }

    /** {@code v[i] += b[i]} for i < n. */
    static void add(float[] v, float[] b, int n) {
        for (int i = 0; i < n; i++) {
            v[i] += b[i];
        }
    }
}
