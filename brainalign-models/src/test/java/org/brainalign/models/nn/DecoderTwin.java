package org.brainalign.models.nn;

import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A float64 twin of HuggingFace's forward pass for the rotary decoder families (llama, mistral,
 * qwen2, qwen3, gemma, gemma2, phi3, olmo2), written for the tests from transformers' modeling files
 * (as summarised in the shared {@code reference/hf-families.md}) and independently of
 * {@link DecoderModel}: plain loops over double arrays, a switch on {@code model_type} for every
 * difference, the tensor names and shapes HuggingFace writes, and the configuration read from the
 * {@code config.json} fields the test writes (every field the forward needs is written there, so no
 * default is assumed). It returns HuggingFace's {@code hidden_states} tuple and the logits.
 */
final class DecoderTwin {
    private final String type;
    private final int layers;
    private final int hidden;
    private final int heads;
    private final int kvHeads;
    private final int headDim;
    private final int ffn;
    private final int vocab;
    private final double eps;
    private final double theta;
    private final int rotary;
    private final boolean tied;
    private final int window;
    private final double scale;
    private final double attnCap;
    private final double finalCap;
    private final String act;

    DecoderTwin(JsonObject c) {
        type = c.get("model_type").getAsString();
        layers = c.get("num_hidden_layers").getAsInt();
        hidden = c.get("hidden_size").getAsInt();
        heads = c.get("num_attention_heads").getAsInt();
        kvHeads = c.get("num_key_value_heads").getAsInt();
        headDim = c.has("head_dim") ? c.get("head_dim").getAsInt() : hidden / heads;
        ffn = c.get("intermediate_size").getAsInt();
        vocab = c.get("vocab_size").getAsInt();
        eps = c.get("rms_norm_eps").getAsDouble();
        theta = c.get("rope_theta").getAsDouble();
        rotary = (int) (headDim * (c.has("partial_rotary_factor") ? c.get("partial_rotary_factor").getAsDouble() : 1.0));
        tied = c.get("tie_word_embeddings").getAsBoolean();
        window = c.has("sliding_window") && !c.get("sliding_window").isJsonNull() ? c.get("sliding_window").getAsInt() : 0;
        scale = type.equals("gemma2") ? 1 / Math.sqrt(c.get("query_pre_attn_scalar").getAsDouble()) : 1 / Math.sqrt(headDim);
        attnCap = type.equals("gemma2") ? c.get("attn_logit_softcapping").getAsDouble() : 0;
        finalCap = type.equals("gemma2") ? c.get("final_logit_softcapping").getAsDouble() : 0;
        act = c.get(type.equals("gemma2") ? "hidden_activation" : "hidden_act").getAsString();
    }

    private boolean offsetNorm() {
        return type.equals("gemma") || type.equals("gemma2");
    }

    private boolean biasQkv(JsonObject c) {
        return type.equals("qwen2") || c.has("attention_bias") && c.get("attention_bias").getAsBoolean();
    }

    /** Every tensor HuggingFace's checkpoint of this config holds, with its shape. */
    Map<String, long[]> tensors(JsonObject c) {
        Map<String, long[]> t = new LinkedHashMap<>();
        long q = (long) heads * headDim;
        long kv = (long) kvHeads * headDim;
        t.put("model.embed_tokens.weight", new long[] {vocab, hidden});
        boolean qkvBias = biasQkv(c);
        boolean oBias = !type.equals("qwen2") && qkvBias;
        for (int i = 0; i < layers; i++) {
            String l = "model.layers." + i + ".";
            if (!type.equals("olmo2")) {
                t.put(l + "input_layernorm.weight", new long[] {hidden});
            }
            t.put(l + "post_attention_layernorm.weight", new long[] {hidden});
            if (type.equals("gemma2")) {
                t.put(l + "pre_feedforward_layernorm.weight", new long[] {hidden});
            }
            if (type.equals("gemma2") || type.equals("olmo2")) {
                t.put(l + "post_feedforward_layernorm.weight", new long[] {hidden});
            }
            if (type.equals("phi3")) {
                t.put(l + "self_attn.qkv_proj.weight", new long[] {q + 2 * kv, hidden});
            } else {
                t.put(l + "self_attn.q_proj.weight", new long[] {q, hidden});
                t.put(l + "self_attn.k_proj.weight", new long[] {kv, hidden});
                t.put(l + "self_attn.v_proj.weight", new long[] {kv, hidden});
                if (qkvBias) {
                    t.put(l + "self_attn.q_proj.bias", new long[] {q});
                    t.put(l + "self_attn.k_proj.bias", new long[] {kv});
                    t.put(l + "self_attn.v_proj.bias", new long[] {kv});
                }
            }
            t.put(l + "self_attn.o_proj.weight", new long[] {hidden, q});
            if (oBias) {
                t.put(l + "self_attn.o_proj.bias", new long[] {hidden});
            }
            if (type.equals("qwen3")) {
                t.put(l + "self_attn.q_norm.weight", new long[] {headDim});
                t.put(l + "self_attn.k_norm.weight", new long[] {headDim});
            }
            if (type.equals("olmo2")) {
                t.put(l + "self_attn.q_norm.weight", new long[] {q});
                t.put(l + "self_attn.k_norm.weight", new long[] {kv});
            }
            if (type.equals("phi3")) {
                t.put(l + "mlp.gate_up_proj.weight", new long[] {2L * ffn, hidden});
            } else {
                t.put(l + "mlp.gate_proj.weight", new long[] {ffn, hidden});
                t.put(l + "mlp.up_proj.weight", new long[] {ffn, hidden});
            }
            t.put(l + "mlp.down_proj.weight", new long[] {hidden, ffn});
        }
        t.put("model.norm.weight", new long[] {hidden});
        if (!tied) {
            t.put("lm_head.weight", new long[] {vocab, hidden});
        }
        return t;
    }

    /** HuggingFace's hidden_states (layers + 1, each [T][hidden]) followed by the logits [T][vocab]. */
    List<double[][]> forward(Map<String, double[]> w, int[] ids) {
        int n = ids.length;
        double[][] h = new double[n][hidden];
        double[] emb = w.get("model.embed_tokens.weight");
        double embScale = offsetNorm() ? (float) Math.sqrt(hidden) : 1;
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < hidden; j++) {
                h[t][j] = emb[ids[t] * hidden + j] * embScale;
            }
        }
        List<double[][]> out = new ArrayList<>();
        out.add(copy(h));
        for (int i = 0; i < layers; i++) {
            h = layer(w, "model.layers." + i + ".", i, h);
            out.add(copy(h));
        }
        double[][] last = rmsRows(h, w.get("model.norm.weight"));
        out.set(layers, last);
        double[] head = tied ? emb : w.get("lm_head.weight");
        double[][] logits = matmul(last, head, null, vocab);
        if (finalCap > 0) {
            for (double[] row : logits) {
                for (int v = 0; v < vocab; v++) {
                    row[v] = finalCap * Math.tanh(row[v] / finalCap);
                }
            }
        }
        out.add(logits);
        return out;
    }

    private double[][] layer(Map<String, double[]> w, String l, int index, double[][] x) {
        int n = x.length;
        String a = l + "self_attn.";
        double[][] in = type.equals("olmo2") ? x : rmsRows(x, w.get(l + "input_layernorm.weight"));
        int qw = heads * headDim;
        int kvw = kvHeads * headDim;
        double[][] q;
        double[][] k;
        double[][] v;
        if (type.equals("phi3")) {
            double[][] qkv = matmul(in, w.get(a + "qkv_proj.weight"), null, qw + 2 * kvw);
            q = columns(qkv, 0, qw);
            k = columns(qkv, qw, kvw);
            v = columns(qkv, qw + kvw, kvw);
        } else {
            q = matmul(in, w.get(a + "q_proj.weight"), w.get(a + "q_proj.bias"), qw);
            k = matmul(in, w.get(a + "k_proj.weight"), w.get(a + "k_proj.bias"), kvw);
            v = matmul(in, w.get(a + "v_proj.weight"), w.get(a + "v_proj.bias"), kvw);
        }
        if (type.equals("olmo2")) {
            q = rmsRows(q, w.get(a + "q_norm.weight"));
            k = rmsRows(k, w.get(a + "k_norm.weight"));
        }
        if (type.equals("qwen3")) {
            q = perHeadRms(q, heads, w.get(a + "q_norm.weight"));
            k = perHeadRms(k, kvHeads, w.get(a + "k_norm.weight"));
        }
        rope(q, heads);
        rope(k, kvHeads);
        boolean sliding = window > 0 && switch (type) {
            case "gemma2" -> index % 2 == 0;
            case "mistral", "phi3" -> true;
            default -> false;
        };
        double[][] att = new double[n][qw];
        int group = heads / kvHeads;
        for (int hh = 0; hh < heads; hh++) {
            int kh = hh / group;
            for (int t = 0; t < n; t++) {
                double[] s = new double[n];
                double max = Double.NEGATIVE_INFINITY;
                for (int u = 0; u <= t; u++) {
                    if (sliding && u <= t - window) {
                        s[u] = Double.NEGATIVE_INFINITY;
                        continue;
                    }
                    double dot = 0;
                    for (int d = 0; d < headDim; d++) {
                        dot += q[t][hh * headDim + d] * k[u][kh * headDim + d];
                    }
                    dot *= scale;
                    if (attnCap > 0) {
                        dot = attnCap * Math.tanh(dot / attnCap);
                    }
                    s[u] = dot;
                    max = Math.max(max, dot);
                }
                double sum = 0;
                for (int u = 0; u <= t; u++) {
                    s[u] = s[u] == Double.NEGATIVE_INFINITY ? 0 : Math.exp(s[u] - max);
                    sum += s[u];
                }
                for (int u = 0; u <= t; u++) {
                    for (int d = 0; d < headDim; d++) {
                        att[t][hh * headDim + d] += s[u] / sum * v[u][kh * headDim + d];
                    }
                }
            }
        }
        double[][] o = matmul(att, w.get(a + "o_proj.weight"), w.get(a + "o_proj.bias"), hidden);
        if (type.equals("gemma2") || type.equals("olmo2")) {
            o = rmsRows(o, w.get(l + "post_attention_layernorm.weight"));
        }
        double[][] h = add(x, o);
        double[][] m = switch (type) {
            case "gemma2" -> rmsRows(h, w.get(l + "pre_feedforward_layernorm.weight"));
            case "olmo2" -> h;
            default -> rmsRows(h, w.get(l + "post_attention_layernorm.weight"));
        };
        double[][] gate;
        double[][] up;
        if (type.equals("phi3")) {
            double[][] gu = matmul(m, w.get(l + "mlp.gate_up_proj.weight"), null, 2 * ffn);
            gate = columns(gu, 0, ffn);
            up = columns(gu, ffn, ffn);
        } else {
            gate = matmul(m, w.get(l + "mlp.gate_proj.weight"), null, ffn);
            up = matmul(m, w.get(l + "mlp.up_proj.weight"), null, ffn);
        }
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < ffn; j++) {
                gate[t][j] = activation(gate[t][j]) * up[t][j];
            }
        }
        double[][] down = matmul(gate, w.get(l + "mlp.down_proj.weight"), null, hidden);
        if (type.equals("gemma2") || type.equals("olmo2")) {
            down = rmsRows(down, w.get(l + "post_feedforward_layernorm.weight"));
        }
        return add(h, down);
    }

    private double activation(double x) {
        return switch (act) {
            case "silu" -> x / (1 + Math.exp(-x));
            case "gelu_pytorch_tanh", "gelu_new" -> 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
            default -> throw new IllegalArgumentException("the twin has no activation " + act);
        };
    }

    /** Rotate-half rotary positions on the first {@code rotary} dims of each head; inv_freq computed in float32 as HF does. */
    private void rope(double[][] x, int nHeads) {
        int half = rotary / 2;
        for (int t = 0; t < x.length; t++) {
            for (int hh = 0; hh < nHeads; hh++) {
                int base = hh * headDim;
                double[] r = new double[rotary];
                for (int i = 0; i < half; i++) {
                    float inv = (float) (1.0 / Math.pow(theta, (float) (2 * i) / rotary));
                    float angle = (float) t * inv;
                    double cos = (float) Math.cos(angle);
                    double sin = (float) Math.sin(angle);
                    double x1 = x[t][base + i];
                    double x2 = x[t][base + i + half];
                    r[i] = x1 * cos - x2 * sin;
                    r[i + half] = x2 * cos + x1 * sin;
                }
                System.arraycopy(r, 0, x[t], base, rotary);
            }
        }
    }

    private double[][] perHeadRms(double[][] x, int nHeads, double[] weight) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            out[t] = new double[x[t].length];
            for (int hh = 0; hh < nHeads; hh++) {
                double[] part = java.util.Arrays.copyOfRange(x[t], hh * headDim, (hh + 1) * headDim);
                System.arraycopy(rms(part, weight), 0, out[t], hh * headDim, headDim);
            }
        }
        return out;
    }

    private double[][] rmsRows(double[][] x, double[] weight) {
        double[][] out = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            out[t] = rms(x[t], weight);
        }
        return out;
    }

    private double[] rms(double[] x, double[] weight) {
        double ms = 0;
        for (double v : x) {
            ms += v * v;
        }
        double r = 1 / Math.sqrt(ms / x.length + eps);
        double[] out = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            out[j] = x[j] * r * (offsetNorm() ? 1 + weight[j] : weight[j]);
        }
        return out;
    }

    /** x·Wᵀ + b for W stored [out, in]. */
    private static double[][] matmul(double[][] x, double[] w, double[] b, int outDim) {
        int in = x[0].length;
        double[][] y = new double[x.length][outDim];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < outDim; o++) {
                double s = b == null ? 0 : b[o];
                for (int i = 0; i < in; i++) {
                    s += x[t][i] * w[o * in + i];
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    private static double[][] columns(double[][] x, int from, int count) {
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            y[t] = java.util.Arrays.copyOfRange(x[t], from, from + count);
        }
        return y;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] y = new double[a.length][a[0].length];
        for (int t = 0; t < a.length; t++) {
            for (int j = 0; j < a[0].length; j++) {
                y[t][j] = a[t][j] + b[t][j];
            }
        }
        return y;
    }

    private static double[][] copy(double[][] x) {
        double[][] y = new double[x.length][];
        for (int t = 0; t < x.length; t++) {
            y[t] = x[t].clone();
        }
        return y;
    }
}
