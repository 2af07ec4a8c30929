package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;
import org.brainalign.models.config.Activation;

/**
 * The tensor operations the transformer families share, each written once against DJL's
 * PyTorch-backed {@link NDArray}. Shapes follow the package legend.
 */
public final class Ops {

    /** 2·√(2/π) and 2·√(2/π)·0.044715: GELU-tanh's constants in its sigmoid form. */
    private static final float GELU_K1 = (float) (2 * Math.sqrt(2 / Math.PI));
    private static final float GELU_K3 = (float) (2 * Math.sqrt(2 / Math.PI) * 0.044715);

    private Ops() {
    }

    /**
     * {@code x × v} with the scalar held as a tensor of {@code x}'s manager. DJL's {@code mul(Number)}
     * frees its scalar right after the call, but autograd keeps the scalar for the backward pass;
     * owning it in {@code x}'s scope keeps training graphs valid until the scope closes.
     */
    public static NDArray scale(NDArray x, float v) {
        return x.mul(x.getManager().create(v));
    }

    /** {@code x · wᵀ + b} for a weight stored HF-style as {@code [out, in]}; {@code b} may be null. */
    public static NDArray linear(NDArray x, NDArray w, NDArray b) {
        return (b == null ? ai.djl.nn.core.Linear.linear(x, w) : ai.djl.nn.core.Linear.linear(x, w, b)).singletonOrThrow();
    }

    /** LayerNorm over the last axis. */
    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, double eps) {
        long c = x.getShape().getShape()[x.getShape().dimension() - 1];
        return LayerNorm.layerNorm(x, new Shape(c), gamma, beta, (float) eps).singletonOrThrow();
    }

    /** RMSNorm over the last axis, as Llama: {@code w · x / sqrt(mean(x²) + eps)}. */
    public static NDArray rmsNorm(NDArray x, NDArray weight, double eps) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        return x.div(meanSquare.add((float) eps).sqrt()).mul(weight);
    }

    /** Gemma's RMSNorm over the last axis: {@code (1 + w) · x / sqrt(mean(x²) + eps)} (weights stored as offsets from 1). */
    public static NDArray rmsNormOffset(NDArray x, NDArray weight, double eps) {
        NDArray meanSquare = x.square().mean(new int[] {-1}, true);
        return x.div(meanSquare.add((float) eps).sqrt()).mul(weight.add(1f));
    }

    /** {@code cap · tanh(x / cap)}: Gemma 2's soft-cap of attention scores and logits. */
    public static NDArray softcap(NDArray x, double cap) {
        return scale(scale(x, (float) (1 / cap)).tanh(), (float) cap);
    }

    /** Applies {@code activation} element-wise. */
    public static NDArray activate(NDArray x, Activation activation) {
        return switch (activation) {
            case GELU_ERF -> ai.djl.nn.Activation.gelu(x);
            case GELU_TANH -> {
                // 0.5·x·(1 + tanh(z)) with z = √(2/π)·(x + 0.044715·x³) equals x·σ(2z), and
                // 2z = x·(K1 + K3·x²): 5 element-wise passes instead of 8 (a third of the time).
                NDArray twoZ = x.mul(scale(x.square(), GELU_K3).add(GELU_K1));
                yield x.mul(ai.djl.nn.Activation.sigmoid(twoZ));
            }
            case SILU -> x.mul(ai.djl.nn.Activation.sigmoid(x));
            case RELU -> ai.djl.nn.Activation.relu(x);
        };
    }

    /** [B, T, H·HD] → [B, H, T, HD]. */
    public static NDArray splitHeads(NDArray x, int heads) {
        long[] s = x.getShape().getShape();
        return x.reshape(s[0], s[1], heads, s[2] / heads).transpose(0, 2, 1, 3);
    }

    /** [B, H, T, HD] → [B, T, H·HD]. */
    public static NDArray mergeHeads(NDArray x) {
        long[] s = x.getShape().getShape();
        return x.transpose(0, 2, 1, 3).reshape(s[0], s[2], s[1] * s[3]);
    }

    /**
     * Scaled dot-product attention: {@code softmax(q·kᵀ·scale + mask)·v}.
     *
     * @param q [B, NH, T, HD]
     * @param k [B, NH, T, HD]
     * @param v [B, NH, T, HD]
     * @param mask additive [T, T] mask (0 or −∞), or null for bidirectional attention
     * @return [B, NH, T, HD]
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask, double scale) {
        return attention(q, k, v, mask, scale, 0);
    }

    /**
     * {@link #attention(NDArray, NDArray, NDArray, NDArray, double)} with Gemma 2's soft-cap: the scaled
     * scores become {@code softcap · tanh(scores / softcap)} before the mask ({@code softcap} 0: none).
     */
    public static NDArray attention(NDArray q, NDArray k, NDArray v, NDArray mask, double scale, double softcap) {
        // scaling q ([B, NH, T, HD]) is cheaper than scaling the scores ([B, NH, T, T])
        NDArray scores = scale(q, (float) scale).matMul(k.transpose(0, 1, 3, 2)); // [B, NH, T, T]
        if (softcap > 0) {
            scores = softcap(scores, softcap);
        }
        if (mask != null) {
            scores = scores.add(mask);
        }
        return scores.softmax(-1).matMul(v);
    }

    /**
     * The additive key mask [B, 1, 1, T] of right-padded rows: −∞ at each row's padding
     * ({@code lengths[r]} real tokens), so no real token attends to it; null when no row is padded.
     */
    public static NDArray paddingKeyMask(NDManager manager, int t, int[] lengths) {
        if (lengths == null || java.util.Arrays.stream(lengths).allMatch(len -> len == t)) {
            return null;
        }
        float[] m = new float[lengths.length * t];
        for (int r = 0; r < lengths.length; r++) {
            java.util.Arrays.fill(m, r * t + lengths[r], (r + 1) * t, Float.NEGATIVE_INFINITY);
        }
        return manager.create(m, new Shape(lengths.length, 1, 1, t));
    }

    /** The additive causal mask [T, T]: 0 on and below the diagonal, −∞ above. */
    public static NDArray causalMask(NDManager manager, int t) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = i + 1; j < t; j++) {
                m[i * t + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return manager.create(m, new Shape(t, t));
    }

    /**
     * The additive sliding-window causal mask [T, T]: query q sees key k iff {@code q − window < k ≤ q}
     * (itself and the {@code window − 1} tokens before it), −∞ elsewhere.
     */
    public static NDArray slidingWindowMask(NDManager manager, int t, int window) {
        float[] m = new float[t * t];
        for (int i = 0; i < t; i++) {
            for (int j = 0; j < t; j++) {
                if (j > i || j <= i - window) {
                    m[i * t + j] = Float.NEGATIVE_INFINITY;
                }
            }
        }
        return manager.create(m, new Shape(t, t));
    }

    /** Repeats each of NKV key/value heads {@code groups} times: [B, NKV, T, HD] → [B, NKV·groups, T, HD]. */
    public static NDArray repeatKv(NDArray x, int groups) {
        if (groups == 1) {
            return x;
        }
        long[] s = x.getShape().getShape();
        return x.expandDims(2).broadcast(s[0], s[1], groups, s[2], s[3]).reshape(s[0], s[1] * groups, s[2], s[3]);
    }

    /**
     * Rotary position embedding on the first {@code rotaryDims} of each head, HF's
     * "rotate half" convention: {@code x·cos + rotate_half(x)·sin}.
     *
     * @param x [B, NH, T, HD]
     * @param cos [T, rotaryDims]
     * @param sin [T, rotaryDims]
     */
    public static NDArray rotary(NDArray x, NDArray cos, NDArray sin, int rotaryDims) {
        long hd = x.getShape().getShape()[3];
        NDArray rot = rotaryDims == hd ? x : x.get(new NDIndex(":, :, :, :{}", rotaryDims));
        int half = rotaryDims / 2;
        NDArray x1 = rot.get(new NDIndex(":, :, :, :{}", half));
        NDArray x2 = rot.get(new NDIndex(":, :, :, {}:", half));
        NDArray rotated = rot.mul(cos).add(x2.neg().concat(x1, -1).mul(sin));
        return rotaryDims == hd ? rotated : rotated.concat(x.get(new NDIndex(":, :, :, {}:", rotaryDims)), -1);
    }

    /**
     * Cos and sin tables [T, dim] for positions 0…T−1 (frequencies duplicated across the two halves),
     * computed in float32 as HF does.
     */
    public static NDArray[] rotaryTables(NDManager manager, double[] inverseFrequencies, int t) {
        int half = inverseFrequencies.length;
        int dim = 2 * half;
        float[] cos = new float[t * dim];
        float[] sin = new float[t * dim];
        for (int p = 0; p < t; p++) {
            for (int i = 0; i < half; i++) {
                float angle = (float) p * (float) inverseFrequencies[i];
                float c = (float) Math.cos(angle);
                float s = (float) Math.sin(angle);
                cos[p * dim + i] = c;
                cos[p * dim + half + i] = c;
                sin[p * dim + i] = s;
                sin[p * dim + half + i] = s;
            }
        }
        return new NDArray[] {manager.create(cos, new Shape(t, dim)), manager.create(sin, new Shape(t, dim))};
    }
}
