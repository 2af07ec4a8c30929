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
 * XLM-R, ELECTRA, ALBERT and DistilBERT, loaded from tiny random checkpoints with HuggingFace's
 * tensor names (under {@code roberta.}, {@code electra.}, {@code albert.}, {@code distilbert.}, with
 * the pre-training heads their files carry), against a float64 twin of transformers' forward written
 * here: word + position (XLM-R: from pad_token_id + 1) + token-type (not DistilBERT) embeddings,
 * LayerNorm, ELECTRA's and ALBERT's projection from embedding_size to hidden_size, then post-LN
 * blocks (ALBERT: one layer's weights applied at every depth) with exact GELU (ALBERT: gelu_new).
 * Every hidden state to max|diff| / max|ref| ≤ 1e-4.
 */
class EncoderFamiliesTest {
    @TempDir
    Path tmp;

    static final int H = 32;
    static final int HEADS = 4;
    static final int FFN = 48;
    static final int V = 80;
    static final int P = 40;
    static final int LAYERS = 2;
    static final double EPS = 1e-12;

    @ParameterizedTest
    @ValueSource(strings = {"xlm-roberta", "electra", "albert", "distilbert"})
    void hiddenStatesMatchTheFloat64Twin(String type) throws Exception {
        boolean electra = type.equals("electra");
        boolean albert = type.equals("albert");
        boolean distil = type.equals("distilbert");
        int e = electra || albert ? 16 : H;
        int pad = 1;
        String prefix = switch (type) {
            case "electra" -> "electra.";
            case "albert" -> "albert.";
            case "distilbert" -> "distilbert.";
            default -> "roberta.";
        };
        Path dir = Files.createDirectories(tmp.resolve(type));
        String configJson = distil
                ? "{\"model_type\": \"distilbert\", \"n_layers\": " + LAYERS + ", \"dim\": " + H + ", \"n_heads\": " + HEADS
                        + ", \"hidden_dim\": " + FFN + ", \"vocab_size\": " + V + ", \"max_position_embeddings\": " + P
                        + ", \"pad_token_id\": 0, \"activation\": \"gelu\", \"sinusoidal_pos_embds\": false}"
                : "{\"model_type\": \"" + type + "\", \"num_hidden_layers\": " + LAYERS
                + ", \"hidden_size\": " + H + ", \"num_attention_heads\": " + HEADS + ", \"intermediate_size\": " + FFN
                + ", \"vocab_size\": " + V + ", \"max_position_embeddings\": " + P + ", \"type_vocab_size\": "
                + (electra || albert ? 2 : 1) + ", \"pad_token_id\": " + (electra || albert ? 0 : pad) + ", \"layer_norm_eps\": " + EPS
                + ", \"hidden_act\": \"" + (albert ? "gelu_new" : "gelu") + "\"" + (electra || albert ? ", \"embedding_size\": " + e : "")
                + (albert ? ", \"num_hidden_groups\": 1, \"inner_group_num\": 1" : "") + "}";
        Files.writeString(dir.resolve("config.json"), configJson);
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("embeddings.word_embeddings.weight", new long[] {V, e});
        shapes.put("embeddings.position_embeddings.weight", new long[] {P, e});
        if (!distil) {
            shapes.put("embeddings.token_type_embeddings.weight", new long[] {electra || albert ? 2 : 1, e});
        }
        shapes.put("embeddings.LayerNorm.weight", new long[] {e});
        shapes.put("embeddings.LayerNorm.bias", new long[] {e});
        if (electra || albert) {
            shapes.put("embeddings_project.weight", new long[] {H, e});
            shapes.put("embeddings_project.bias", new long[] {H});
        }
        for (int i = 0; i < (albert ? 1 : LAYERS); i++) {
            String l = "encoder.layer." + i + ".";
            for (String proj : List.of("query", "key", "value")) {
                shapes.put(l + "attention.self." + proj + ".weight", new long[] {H, H});
                shapes.put(l + "attention.self." + proj + ".bias", new long[] {H});
            }
            shapes.put(l + "attention.output.dense.weight", new long[] {H, H});
            shapes.put(l + "attention.output.dense.bias", new long[] {H});
            shapes.put(l + "attention.output.LayerNorm.weight", new long[] {H});
            shapes.put(l + "attention.output.LayerNorm.bias", new long[] {H});
            shapes.put(l + "intermediate.dense.weight", new long[] {FFN, H});
            shapes.put(l + "intermediate.dense.bias", new long[] {FFN});
            shapes.put(l + "output.dense.weight", new long[] {H, FFN});
            shapes.put(l + "output.dense.bias", new long[] {H});
            shapes.put(l + "output.LayerNorm.weight", new long[] {H});
            shapes.put(l + "output.LayerNorm.bias", new long[] {H});
        }
        Map<String, long[]> extras = new LinkedHashMap<>();
        if (electra) { // the discriminator head an ElectraForPreTraining file carries
            extras.put("discriminator_predictions.dense.weight", new long[] {H, H});
            extras.put("discriminator_predictions.dense_prediction.weight", new long[] {1, H});
        }
        if (distil) {
            extras.put("vocab_projector.bias", new long[] {V});
        }
        if (albert) {
            extras.put("predictions.bias", new long[] {V});
        }
        Map<String, double[]> w = TinyCheckpoint.writeRandom(dir, shapes, name -> prefix + hfName(type, name),
                name -> name.endsWith("LayerNorm.weight"), 1, 0.3, type.hashCode(), extras);

        int[] ids = {7, 23, 4, 61, 33, 2, 79, 15};
        List<double[][]> reference = twin(w, ids, e, electra || albert || distil ? 0 : pad + 1, albert);
        assertThat(ConfigLoader.load(dir.resolve("config.json")).family().modelType()).isEqualTo(type);
        TinyCheckpoint.assertMatchesTwin(type, dir, ids, reference);
    }

    /** HuggingFace's name of a tensor the test names in BERT's layout. */
    private static String hfName(String type, String bert) {
        return switch (type) {
            case "albert" -> bert.replace("embeddings_project", "encoder.embedding_hidden_mapping_in")
                    .replace("encoder.layer.0.", "encoder.albert_layer_groups.0.albert_layers.0.")
                    .replace("attention.self.", "attention.").replace("attention.output.dense", "attention.dense")
                    .replace("attention.output.LayerNorm", "attention.LayerNorm").replace("intermediate.dense", "ffn")
                    .replace("output.dense", "ffn_output").replace("output.LayerNorm", "full_layer_layer_norm");
            case "distilbert" -> bert.replace("encoder.layer.", "transformer.layer.").replace("attention.self.query", "attention.q_lin")
                    .replace("attention.self.key", "attention.k_lin").replace("attention.self.value", "attention.v_lin")
                    .replace("attention.output.dense", "attention.out_lin").replace("attention.output.LayerNorm", "sa_layer_norm")
                    .replace("intermediate.dense", "ffn.lin1").replace("output.dense", "ffn.lin2")
                    .replace("output.LayerNorm", "output_layer_norm");
            default -> bert;
        };
    }

    private static List<double[][]> twin(Map<String, double[]> w, int[] ids, int e, int firstPosition, boolean albert) {
        int n = ids.length;
        double[][] x = new double[n][e];
        for (int t = 0; t < n; t++) {
            for (int j = 0; j < e; j++) {
                double[] types = w.get("embeddings.token_type_embeddings.weight");
                x[t][j] = w.get("embeddings.word_embeddings.weight")[ids[t] * e + j]
                        + w.get("embeddings.position_embeddings.weight")[(firstPosition + t) * e + j]
                        + (types == null ? 0 : types[j]);
            }
            x[t] = layerNorm(x[t], w.get("embeddings.LayerNorm.weight"), w.get("embeddings.LayerNorm.bias"));
        }
        if (w.containsKey("embeddings_project.weight")) {
            x = linear(x, w.get("embeddings_project.weight"), w.get("embeddings_project.bias"), H);
        }
        List<double[][]> out = new ArrayList<>();
        out.add(x);
        int hd = H / HEADS;
        for (int i = 0; i < LAYERS; i++) {
            String l = "encoder.layer." + (albert ? 0 : i) + ".";
            double[][] q = linear(x, w.get(l + "attention.self.query.weight"), w.get(l + "attention.self.query.bias"), H);
            double[][] k = linear(x, w.get(l + "attention.self.key.weight"), w.get(l + "attention.self.key.bias"), H);
            double[][] v = linear(x, w.get(l + "attention.self.value.weight"), w.get(l + "attention.self.value.bias"), H);
            double[][] ctx = new double[n][H];
            for (int h = 0; h < HEADS; h++) {
                for (int t = 0; t < n; t++) {
                    double[] s = new double[n];
                    double max = Double.NEGATIVE_INFINITY;
                    for (int u = 0; u < n; u++) {
                        for (int d = 0; d < hd; d++) {
                            s[u] += q[t][h * hd + d] * k[u][h * hd + d];
                        }
                        s[u] /= Math.sqrt(hd);
                        max = Math.max(max, s[u]);
                    }
                    double sum = 0;
                    for (int u = 0; u < n; u++) {
                        s[u] = Math.exp(s[u] - max);
                        sum += s[u];
                    }
                    for (int u = 0; u < n; u++) {
                        for (int d = 0; d < hd; d++) {
                            ctx[t][h * hd + d] += s[u] / sum * v[u][h * hd + d];
                        }
                    }
                }
            }
            double[][] a = linear(ctx, w.get(l + "attention.output.dense.weight"), w.get(l + "attention.output.dense.bias"), H);
            double[][] h1 = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] r = new double[H];
                for (int j = 0; j < H; j++) {
                    r[j] = x[t][j] + a[t][j];
                }
                h1[t] = layerNorm(r, w.get(l + "attention.output.LayerNorm.weight"), w.get(l + "attention.output.LayerNorm.bias"));
            }
            double[][] f = linear(h1, w.get(l + "intermediate.dense.weight"), w.get(l + "intermediate.dense.bias"), FFN);
            for (double[] row : f) {
                for (int j = 0; j < FFN; j++) {
                    row[j] = albert ? 0.5 * row[j] * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (row[j] + 0.044715 * Math.pow(row[j], 3))))
                            : 0.5 * row[j] * (1 + erf(row[j] / Math.sqrt(2)));
                }
            }
            double[][] o = linear(f, w.get(l + "output.dense.weight"), w.get(l + "output.dense.bias"), H);
            double[][] next = new double[n][];
            for (int t = 0; t < n; t++) {
                double[] r = new double[H];
                for (int j = 0; j < H; j++) {
                    r[j] = h1[t][j] + o[t][j];
                }
                next[t] = layerNorm(r, w.get(l + "output.LayerNorm.weight"), w.get(l + "output.LayerNorm.bias"));
            }
            x = next;
            out.add(x);
        }
        return out;
    }

    private static double[] layerNorm(double[] x, double[] g, double[] b) {
        double mean = java.util.Arrays.stream(x).average().orElseThrow();
        double var = java.util.Arrays.stream(x).map(v -> (v - mean) * (v - mean)).average().orElseThrow();
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = (x[j] - mean) / Math.sqrt(var + EPS) * g[j] + b[j];
        }
        return y;
    }

    private static double[][] linear(double[][] x, double[] w, double[] b, int out) {
        int in = x[0].length;
        double[][] y = new double[x.length][out];
        for (int t = 0; t < x.length; t++) {
            for (int o = 0; o < out; o++) {
                double s = b[o];
                for (int i = 0; i < in; i++) {
                    s += x[t][i] * w[o * in + i];
                }
                y[t][o] = s;
            }
        }
        return y;
    }

    /** erf by its Maclaurin series (|x| ≤ 3) or continued-fraction complement, to ~1e-12 over the range used here. */
    static double erf(double x) {
        double ax = Math.abs(x);
        if (ax > 5) {
            return Math.signum(x);
        }
        if (ax <= 3) {
            double sum = 0;
            double term = ax;
            for (int k = 0; k < 200; k++) {
                double add = term / (2 * k + 1);
                sum += add;
                if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                    break;
                }
                term *= -ax * ax / (k + 1);
            }
            return Math.signum(x) * 2 / Math.sqrt(Math.PI) * sum;
        }
        // erfc by Lentz's continued fraction for larger |x|
        double f = ax;
        double c = ax;
        double d = 0;
        for (int k = 1; k < 300; k++) {
            double a = k / 2.0;
            d = ax + a * d;
            d = 1 / d;
            c = ax + a / c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < 1e-16) {
                break;
            }
        }
        double erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
        return Math.signum(x) * (1 - erfc);
    }
}
