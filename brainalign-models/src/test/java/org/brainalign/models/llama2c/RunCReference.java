package org.brainalign.models.llama2c;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A plain-Java twin of llama2.c's {@code run.c} forward pass (legacy checkpoint, one token at a time
 * with a key/value cache, RoPE on adjacent pairs), in float64, reading the checkpoint by itself. It
 * shares no code with the loader it checks: the loader reorders the query/key rows into
 * HuggingFace's layout and runs the Llama family through libtorch.
 */
final class RunCReference {
    final int dim, hidden, layers, heads, kvHeads, vocab, seqLen, headSize, kvDim;
    final float[] emb, rmsAtt, wq, wk, wv, wo, rmsFfn, w1, w2, w3, rmsFinal, wcls;

    RunCReference(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        dim = b.getInt();
        hidden = b.getInt();
        layers = b.getInt();
        heads = b.getInt();
        kvHeads = b.getInt();
        int v = b.getInt();
        seqLen = b.getInt();
        vocab = Math.abs(v);
        headSize = dim / heads;
        kvDim = dim * kvHeads / heads;
        emb = next(b, vocab * dim);
        rmsAtt = next(b, layers * dim);
        wq = next(b, layers * dim * dim);
        wk = next(b, layers * dim * kvDim);
        wv = next(b, layers * dim * kvDim);
        wo = next(b, layers * dim * dim);
        rmsFfn = next(b, layers * dim);
        w1 = next(b, layers * dim * hidden);
        w2 = next(b, layers * hidden * dim);
        w3 = next(b, layers * dim * hidden);
        rmsFinal = next(b, dim);
        next(b, seqLen * headSize / 2);
        next(b, seqLen * headSize / 2);
        wcls = v > 0 ? emb : next(b, vocab * dim);
    }

    private static float[] next(ByteBuffer b, int n) {
        float[] out = new float[n];
        b.asFloatBuffer().get(out);
        b.position(b.position() + 4 * n);
        return out;
    }

    /** The logits after each token of {@code tokens}, [T][vocab]. */
    double[][] logits(long[] tokens) {
        double[][][] keyCache = new double[layers][tokens.length][];
        double[][][] valueCache = new double[layers][tokens.length][];
        double[][] out = new double[tokens.length][];
        for (int pos = 0; pos < tokens.length; pos++) {
            double[] x = new double[dim];
            for (int i = 0; i < dim; i++) {
                x[i] = emb[(int) tokens[pos] * dim + i];
            }
            for (int l = 0; l < layers; l++) {
                double[] xb = rmsnorm(x, rmsAtt, l * dim);
                double[] q = matmul(wq, l * dim * dim, xb, dim, dim);
                double[] k = matmul(wk, l * dim * kvDim, xb, dim, kvDim);
                double[] val = matmul(wv, l * dim * kvDim, xb, dim, kvDim);
                for (int i = 0; i < dim; i += 2) {
                    int headDim = i % headSize;
                    double freq = 1.0 / Math.pow(10000.0, headDim / (double) headSize);
                    double angle = pos * freq;
                    double c = Math.cos(angle), s = Math.sin(angle);
                    for (int which = 0; which < (i < kvDim ? 2 : 1); which++) {
                        double[] vec = which == 0 ? q : k;
                        double v0 = vec[i], v1 = vec[i + 1];
                        vec[i] = v0 * c - v1 * s;
                        vec[i + 1] = v0 * s + v1 * c;
                    }
                }
                keyCache[l][pos] = k;
                valueCache[l][pos] = val;
                double[] attended = new double[dim];
                int kvMul = heads / kvHeads;
                for (int h = 0; h < heads; h++) {
                    int kvOff = (h / kvMul) * headSize;
                    double[] att = new double[pos + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int t = 0; t <= pos; t++) {
                        double score = 0;
                        for (int i = 0; i < headSize; i++) {
                            score += q[h * headSize + i] * keyCache[l][t][kvOff + i];
                        }
                        att[t] = score / Math.sqrt(headSize);
                        max = Math.max(max, att[t]);
                    }
                    double sum = 0;
                    for (int t = 0; t <= pos; t++) {
                        att[t] = Math.exp(att[t] - max);
                        sum += att[t];
                    }
                    for (int t = 0; t <= pos; t++) {
                        for (int i = 0; i < headSize; i++) {
                            attended[h * headSize + i] += att[t] / sum * valueCache[l][t][kvOff + i];
                        }
                    }
                }
                double[] o = matmul(wo, l * dim * dim, attended, dim, dim);
                for (int i = 0; i < dim; i++) {
                    x[i] += o[i];
                }
                xb = rmsnorm(x, rmsFfn, l * dim);
                double[] hb = matmul(w1, l * dim * hidden, xb, dim, hidden);
                double[] hb2 = matmul(w3, l * dim * hidden, xb, dim, hidden);
                for (int i = 0; i < hidden; i++) {
                    hb[i] = hb[i] / (1 + Math.exp(-hb[i])) * hb2[i];
                }
                double[] down = matmul(w2, l * dim * hidden, hb, hidden, dim);
                for (int i = 0; i < dim; i++) {
                    x[i] += down[i];
                }
            }
            out[pos] = matmul(wcls, 0, rmsnorm(x, rmsFinal, 0), dim, vocab);
        }
        return out;
    }

    private double[] rmsnorm(double[] x, float[] w, int off) {
        double ss = 0;
        for (double v : x) {
            ss += v * v;
        }
        double scale = 1 / Math.sqrt(ss / x.length + 1e-5);
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = w[off + i] * scale * x[i];
        }
        return out;
    }

    /** W (d × n, row-major, at {@code off}) @ x (n). */
    private static double[] matmul(float[] w, int off, double[] x, int n, int d) {
        double[] out = new double[d];
        for (int i = 0; i < d; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += w[off + i * n + j] * x[j];
            }
            out[i] = s;
        }
        return out;
    }
}
