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
import org.brainalign.models.safetensors.Checkpoint;
import org.brainalign.models.safetensors.SafetensorsWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * OPT from tiny random checkpoints with HuggingFace's tensor names (under {@code model.decoder.}),
 * in its pre-LN form (125m and larger) and its post-LN form with project_in/out (opt-350m), against
 * a float64 twin of transformers' {@code OPTForCausalLM} written here: positions looked up at p + 2,
 * q scaled by head_dim^−½, ReLU MLP, the final LayerNorm only before LN, project_out giving a last
 * hidden state of word_embed_proj_dim width, the tied head. Every hidden state and the logits to
 * max|diff| / max|ref| ≤ 1e-4.
 */
class OptFamilyTest {
    @TempDir
    Path tmp;

    static final int H = 32;
    static final int HEADS = 4;
    static final int F = 48;
    static final int V = 70;
    static final int P = 30;
    static final int LAYERS = 2;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void hiddenStatesAndLogitsMatchTheFloat64Twin(boolean preLn) throws Exception {
        int wp = preLn ? H : 16;
        Path dir = Files.createDirectories(tmp.resolve(preLn ? "pre" : "post"));
        Files.writeString(dir.resolve("config.json"), "{\"model_type\": \"opt\", \"hidden_size\": " + H + ", \"num_hidden_layers\": "
                + LAYERS + ", \"num_attention_heads\": " + HEADS + ", \"ffn_dim\": " + F + ", \"vocab_size\": " + V
                + ", \"max_position_embeddings\": " + P + ", \"do_layer_norm_before\": " + preLn + ", \"word_embed_proj_dim\": " + wp
                + ", \"activation_function\": \"relu\", \"enable_bias\": true, \"pad_token_id\": 1}");
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embed_tokens.weight", new long[] {V, wp});
        shapes.put("embed_positions.weight", new long[] {P + 2, H});
        if (!preLn) {
            shapes.put("project_in.weight", new long[] {H, wp});
            shapes.put("project_out.weight", new long[] {wp, H});
        }
        for (int i = 0; i < LAYERS; i++) {
            String l = "layers." + i + ".";
            for (String proj : List.of("q_proj", "k_proj", "v_proj", "out_proj")) {
                shapes.put(l + "self_attn." + proj + ".weight", new long[] {H, H});
                shapes.put(l + "self_attn." + proj + ".bias", new long[] {H});
            }
            for (String norm : List.of("self_attn_layer_norm", "final_layer_norm")) {
                shapes.put(l + norm + ".weight", new long[] {H});
                shapes.put(l + norm + ".bias", new long[] {H});
            }
            shapes.put(l + "fc1.weight", new long[] {F, H});
            shapes.put(l + "fc1.bias", new long[] {F});
            shapes.put(l + "fc2.weight", new long[] {H, F});
            shapes.put(l + "fc2.bias", new long[] {H});
        }
        if (preLn) {
            shapes.put("final_layer_norm.weight", new long[] {H});
            shapes.put("final_layer_norm.bias", new long[] {H});
        }
        // The tied head HF writes too, which the model leaves unused.
        Map<String, double[]> w = TinyCheckpoint.writeRandom(dir, shapes, name -> "model.decoder." + name,
                name -> name.endsWith("norm.weight"), 1, 0.3, preLn ? 11 : 12, Map.of("lm_head.weight", new long[] {V, wp}));

        int[] ids = {2, 45, 13, 60, 8, 33, 19};
        TinyCheckpoint.assertMatchesTwin("opt", dir, ids, twin(w, ids, preLn, wp));
    }

    /** transformers' OPT forward in float64: hidden_states (L + 1) and then the logits. */
    private static List<double[][]> twin(Map<String, double[]> w, int[] ids, boolean preLn, int wp) {
        int n = ids.length;
        double[][] x = new double[n][];
        for (int t = 0; t < n; t++) {
            double[] tok = java.util.Arrays.copyOfRange(w.get("embed_tokens.weight"), ids[t] * wp, (ids[t] + 1) * wp);
            x[t] = preLn ? tok : matvec(w.get("project_in.weight"), null, tok, H);
            for (int j = 0; j < H; j++) {
                x[t][j] += w.get("embed_positions.weight")[(t + 2) * H + j];
            }
        }
        List<double[][]> out = new ArrayList<>();
        out.add(x);
        int hd = H / HEADS;
        for (int i = 0; i < LAYERS; i++) {
            String l = "layers." + i + ".";
            double[][] in = preLn ? norm(x, w, l + "self_attn_layer_norm") : x;
            double[][] q = new double[n][];
            double[][] k = new double[n][];
            double[][] v = new double[n][];
            for (int t = 0; t < n; t++) {
                q[t] = matvec(w.get(l + "self_attn.q_proj.weight"), w.get(l + "self_attn.q_proj.bias"), in[t], H);
                for (int j = 0; j < H; j++) {
                    q[t][j] /= Math.sqrt(hd);
                }
                k[t] = matvec(w.get(l + "self_attn.k_proj.weight"), w.get(l + "self_attn.k_proj.bias"), in[t], H);
                v[t] = matvec(w.get(l + "self_attn.v_proj.weight"), w.get(l + "self_attn.v_proj.bias"), in[t], H);
            }
            double[][] h = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] ctx = new double[H];
                for (int head = 0; head < HEADS; head++) {
                    double[] s = new double[t + 1];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u <= t; u++) {
                        for (int d = 0; d < hd; d++) {
                            s[u] += q[t][head * hd + d] * k[u][head * hd + d];
                        }
                        max = Math.max(max, s[u]);
                    }
                    double sum = 0;
                    for (int u = 0; u <= t; u++) {
                        s[u] = Math.exp(s[u] - max);
                        sum += s[u];
                    }
                    for (int u = 0; u <= t; u++) {
                        for (int d = 0; d < hd; d++) {
                            ctx[head * hd + d] += s[u] / sum * v[u][head * hd + d];
                        }
                    }
                }
                double[] o = matvec(w.get(l + "self_attn.out_proj.weight"), w.get(l + "self_attn.out_proj.bias"), ctx, H);
                h[t] = new double[H];
                for (int j = 0; j < H; j++) {
                    h[t][j] = x[t][j] + o[j];
                }
            }
            if (!preLn) {
                h = norm(h, w, l + "self_attn_layer_norm");
            }
            double[][] m = preLn ? norm(h, w, l + "final_layer_norm") : h;
            double[][] next = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] f = matvec(w.get(l + "fc1.weight"), w.get(l + "fc1.bias"), m[t], F);
                for (int j = 0; j < F; j++) {
                    f[j] = Math.max(0, f[j]);
                }
                double[] f2 = matvec(w.get(l + "fc2.weight"), w.get(l + "fc2.bias"), f, H);
                next[t] = new double[H];
                for (int j = 0; j < H; j++) {
                    next[t][j] = h[t][j] + f2[j];
                }
            }
            x = preLn ? next : norm(next, w, l + "final_layer_norm");
            out.add(x);
        }
        double[][] last = preLn ? norm(x, w, "final_layer_norm") : x;
        if (!preLn) {
            double[][] projected = new double[n][];
            for (int t = 0; t < n; t++) {
                projected[t] = matvec(w.get("project_out.weight"), null, last[t], wp);
            }
            last = projected;
        }
        out.set(LAYERS, last);
        double[][] logits = new double[n][];
        for (int t = 0; t < n; t++) {
            logits[t] = matvec(w.get("embed_tokens.weight"), null, last[t], V);
        }
        out.add(logits);
        return out;
    }

    private static double[][] norm(double[][] x, Map<String, double[]> w, String module) {
        double[] g = w.get(module + ".weight");
        double[] b = w.get(module + ".bias");
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            double mean = java.util.Arrays.stream(x[t]).average().orElseThrow();
            int row = t;
            double var = java.util.Arrays.stream(x[t]).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
            y[t] = new double[x[t].length];
            for (int j = 0; j < x[t].length; j++) {
                y[t][j] = (x[row][j] - mean) / Math.sqrt(var + 1e-5) * g[j] + b[j];
            }
        }
        return y;
    }

    private static double[] matvec(double[] weight, double[] bias, double[] x, int out) {
        double[] y = new double[out];
        int in = x.length;
        for (int o = 0; o < out; o++) {
            double s = bias == null ? 0 : bias[o];
            for (int i = 0; i < in; i++) {
                s += weight[o * in + i] * x[i];
            }
            y[o] = s;
        }
        return y;
    }
}
