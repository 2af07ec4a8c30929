package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.config.T5Config;
import org.brainalign.models.safetensors.Checkpoint;
import org.brainalign.models.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The T5 encoder: its relative-position buckets against the table transformers' bucket function
 * gives for the default 32 buckets and distance 128 (|k − q| 0–7 → 0–7, 8–11 → 8, 12–15 → 9,
 * 16–22 → 10, 23–31 → 11, 32–45 → 12, 46–63 → 13, 64–90 → 14, ≥ 91 → 15, plus 16 for keys to the
 * right; distance 45 gives 8 + trunc(ln(45/8) / ln 16 · 8) = 8 + trunc(4.98) = 12 in float32, as
 * numpy's float32 confirms, one bucket below the shared reference sheet's table, which starts 13 at 45), and its hidden states, from tiny random checkpoints (ReLU v1.0 and gated-GELU v1.1, with
 * the decoder a full T5 file carries), against a float64 twin written here from that table and
 * transformers' T5 forward. Every hidden state to max|diff| / max|ref| ≤ 1e-4.
 */
class T5EncoderTest {
    @TempDir
    Path tmp;

    static final int D = 32;
    static final int HEADS = 4;
    static final int DKV = 6;
    static final int F = 40;
    static final int V = 60;
    static final int LAYERS = 2;

    /** The published bucket of a distance for 32 buckets and max distance 128. */
    static int publishedBucket(int q, int k) {
        int r = Math.abs(k - q);
        int[] upper = {11, 15, 22, 31, 45, 63, 90};
        int b = r < 8 ? r : 15;
        if (r >= 8) {
            for (int i = 0; i < upper.length; i++) {
                if (r <= upper[i]) {
                    b = 8 + i;
                    break;
                }
            }
        }
        return b + (k > q ? 16 : 0);
    }

    @Test
    void bucketsAreTransformers() {
        T5Config c = (T5Config) ConfigLoader.parse("t5", "{\"model_type\": \"t5\", \"num_layers\": 1, \"d_model\": 8, \"num_heads\": 2, "
                + "\"d_kv\": 4, \"d_ff\": 8, \"vocab_size\": 10}");
        for (int q = 0; q < 300; q += 7) {
            for (int k = 0; k < 300; k++) {
                assertThat(c.bucket(q, k)).as("q %d k %d", q, k).isEqualTo(publishedBucket(q, k));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void hiddenStatesMatchTheFloat64Twin(boolean gated) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(gated ? "v1_1" : "v1_0"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"t5\", \"num_layers\": " + LAYERS + ", \"d_model\": " + D
                + ", \"num_heads\": " + HEADS + ", \"d_kv\": " + DKV + ", \"d_ff\": " + F + ", \"vocab_size\": " + V
                + ", \"relative_attention_num_buckets\": 32, \"relative_attention_max_distance\": 128, \"layer_norm_epsilon\": 1e-6, "
                + "\"feed_forward_proj\": \"" + (gated ? "gated-gelu" : "relu") + "\", \"is_encoder_decoder\": true}");
        int inner = HEADS * DKV;
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("shared.weight", new long[] {V, D});
        for (int i = 0; i < LAYERS; i++) {
            String b = "encoder.block." + i + ".layer.";
            for (String p : List.of("q", "k", "v")) {
                shapes.put(b + "0.SelfAttention." + p + ".weight", new long[] {inner, D});
            }
            shapes.put(b + "0.SelfAttention.o.weight", new long[] {D, inner});
            if (i == 0) {
                shapes.put(b + "0.SelfAttention.relative_attention_bias.weight", new long[] {32, HEADS});
            }
            shapes.put(b + "0.layer_norm.weight", new long[] {D});
            for (String wi : gated ? List.of("wi_0", "wi_1") : List.of("wi")) {
                shapes.put(b + "1.DenseReluDense." + wi + ".weight", new long[] {F, D});
            }
            shapes.put(b + "1.DenseReluDense.wo.weight", new long[] {D, F});
            shapes.put(b + "1.layer_norm.weight", new long[] {D});
        }
        shapes.put("encoder.final_layer_norm.weight", new long[] {D});
        // A full T5 file also holds the decoder and the head: left unused.
        Map<String, double[]> w = TinyCheckpoint.writeRandom(dir, shapes, name -> name, name -> name.endsWith("layer_norm.weight"), 1,
                0.3, gated ? 5 : 6, Map.of("decoder.final_layer_norm.weight", new long[] {D}, "lm_head.weight", new long[] {V, D}));

        int[] ids = new int[40]; // longer than 8, so log-spaced buckets are used
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i * 37 + 3) % V;
        }
        TinyCheckpoint.assertMatchesTwin("t5", dir, ids, twin(w, ids, gated));
    }

    private static List<double[][]> twin(Map<String, double[]> w, int[] ids, boolean gated) {
        int n = ids.length;
        int inner = HEADS * DKV;
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            x[t] = java.util.Arrays.copyOfRange(w.get("shared.weight"), ids[t] * D, (ids[t] + 1) * D);
        }
        List<double[][]> out = new ArrayList<>();
        out.add(x);
        double[] table = w.get("encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight");
        for (int i = 0; i < LAYERS; i++) {
            String b = "encoder.block." + i + ".layer.";
            double[][] next = new double[n][];
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] nrm = rms(x[t], w.get(b + "0.layer_norm.weight"));
                q[t] = matvec(w.get(b + "0.SelfAttention.q.weight"), nrm, inner);
                k[t] = matvec(w.get(b + "0.SelfAttention.k.weight"), nrm, inner);
                v[t] = matvec(w.get(b + "0.SelfAttention.v.weight"), nrm, inner);
            }
            for (int t = 0; t < n; t++) {
                double[] ctx = new double[inner];
                for (int h = 0; h < HEADS; h++) {
                    double[] s = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < n; u++) {
                        for (int d = 0; d < DKV; d++) {
                            s[u] += q[t][h * DKV + d] * k[u][h * DKV + d];
                        }
                        s[u] += table[publishedBucket(t, u) * HEADS + h];
                        max = Math.max(max, s[u]);
                    }
                    double sum = 0;
                    for (int u = 0; u < n; u++) {
                        s[u] = Math.exp(s[u] - max);
                        sum += s[u];
                    }
                    for (int u = 0; u < n; u++) {
                        for (int d = 0; d < DKV; d++) {
                            ctx[h * DKV + d] += s[u] / sum * v[u][h * DKV + d];
                        }
                    }
                }
                double[] o = matvec(w.get(b + "0.SelfAttention.o.weight"), ctx, D);
                double[] h1 = new double[D];
                for (int j = 0; j < D; j++) {
                    h1[j] = x[t][j] + o[j];
                }
                double[] m = rms(h1, w.get(b + "1.layer_norm.weight"));
                double[] hidden;
                if (gated) {
                    double[] g = matvec(w.get(b + "1.DenseReluDense.wi_0.weight"), m, F);
                    double[] up = matvec(w.get(b + "1.DenseReluDense.wi_1.weight"), m, F);
                    hidden = new double[F];
                    for (int j = 0; j < F; j++) {
                        hidden[j] = 0.5 * g[j] * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (g[j] + 0.044715 * g[j] * g[j] * g[j]))) * up[j];
                    }
                } else {
                    hidden = matvec(w.get(b + "1.DenseReluDense.wi.weight"), m, F);
                    for (int j = 0; j < F; j++) {
                        hidden[j] = Math.max(0, hidden[j]);
                    }
                }
                double[] f = matvec(w.get(b + "1.DenseReluDense.wo.weight"), hidden, D);
                next[t] = new double[D];
                for (int j = 0; j < D; j++) {
                    next[t][j] = h1[j] + f[j];
                }
            }
            x = next;
            out.add(x);
        }
        double[][] last = new double[n][];
        for (int t = 0; t < n; t++) {
            last[t] = rms(x[t], w.get("encoder.final_layer_norm.weight"));
        }
        out.set(LAYERS, last);
        return out;
    }

    private static double[] rms(double[] x, double[] g) {
        double ms = 0;
        for (double v : x) {
            ms += v * v;
        }
        double r = 1 / Math.sqrt(ms / x.length + 1e-6);
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = g[j] * x[j] * r;
        }
        return y;
    }

    private static double[] matvec(double[] weight, double[] x, int out) {
        double[] y = new double[out];
        for (int o = 0; o < out; o++) {
            double s = 0;
            for (int i = 0; i < x.length; i++) {
                s += weight[o * x.length + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }
}
