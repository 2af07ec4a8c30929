package org.brainalign.models.onnx;

import com.google.gson.GsonBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.tokenizer.HfTokenizer;
import org.brainalign.models.config.Activation;
import org.brainalign.models.config.BertConfig;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.Family;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.safetensors.MemoryTensors;
import org.brainalign.models.safetensors.SafetensorsWriter;

/**
 * Imports a BERT-family ONNX export (HuggingFace's {@code BertModel} through {@code torch.onnx}, as
 * shipped by sentence-transformers and langchain4j) into a HuggingFace directory.
 *
 * <p>Biases, norms and embeddings keep their HuggingFace names as initializers; each dense weight is an
 * anonymous initializer ({@code onnx::MatMul_787}) stored transposed, [in, out], and consumed by one
 * {@code MatMul} node whose name gives the module ({@code /encoder/layer.0/attention/self/query/MatMul}
 * → {@code encoder.layer.0.attention.self.query.weight}, transposed back to [out, in]). Every floating
 * initializer must map to exactly one parameter and every parameter must be found, else the error lists
 * what did not map; integer initializers (position ids, shape constants) are not weights.
 *
 * <p>The config is inferred where the graph fixes it: sizes from the shapes, the head count from the
 * constants of the attention reshape ([batch, seq, heads, head size]), the LayerNorm epsilon from a
 * {@code LayerNormalization} node or the constant of a decomposed one, the activation from {@code Erf}
 * (exact GELU) or {@code Tanh} (its approximation). Whatever cannot be inferred needs {@code --config}.
 * Int8-quantized graphs are refused: their weights are not the model's.
 */
public final class OnnxImport {
    private static final Pattern LAYER = Pattern.compile("encoder\\.layer\\.(\\d+)\\..*");
    private static final Pattern MATMUL_NODE = Pattern.compile("/(.+)/MatMul");
    private static final Set<String> QUANTIZED_OPS = Set.of("DynamicQuantizeLinear", "QuantizeLinear", "DequantizeLinear",
            "MatMulInteger", "QLinearMatMul", "ConvInteger", "QLinearConv", "DynamicQuantizeMatMul", "MatMulNBits");

    /**
     * The result of an import.
     *
     * @param config the configuration (inferred or given)
     * @param tensors the parameters under HuggingFace's names, [out, in] for dense weights
     * @param inferred which config fields were read off the graph, for the report
     */
    public record Imported(BertConfig config, MemoryTensors tensors, List<String> inferred) {
    }

    private OnnxImport() {}

    /** Maps {@code graph} onto the BERT family; {@code config} overrides inference when present. */
    public static Imported map(OnnxGraph graph, Optional<ModelConfig> config) {
        String where = graph.file().toString();
        refuseQuantized(graph, where);
        Map<String, OnnxTensor> inits = graph.initializers();
        OnnxTensor words = inits.get("embeddings.word_embeddings.weight");
        if (words == null || words.dims().length != 2) {
            throw new ModelFormatException(where + ": no initializer 'embeddings.word_embeddings.weight' [vocab, hidden]; only "
                    + "BERT-family exports (HuggingFace BertModel names) are imported");
        }
        List<String> inferred = new ArrayList<>();
        BertConfig bert = config.map(c -> {
            if (!(c instanceof BertConfig b) || c.family() != Family.BERT) {
                throw new ModelFormatException("--config: model_type " + c.family().modelType() + "; the ONNX import reads bert");
            }
            return b;
        }).orElseGet(() -> infer(graph, words, inferred, where));

        // HuggingFace name -> spec, for every parameter the family expects.
        Map<String, ParamSpec> specs = new LinkedHashMap<>();
        for (ParamSpec s : TransformerModel.parameterSpecs(bert)) {
            specs.put(s.name(), s);
        }
        Map<String, float[]> values = new HashMap<>();
        Map<String, String> source = new HashMap<>();
        List<String> unmapped = new ArrayList<>();
        for (OnnxTensor t : inits.values()) {
            boolean floating = t.dataType() == OnnxTensor.FLOAT || t.dataType() == OnnxTensor.FLOAT16
                    || t.dataType() == OnnxTensor.BFLOAT16 || t.dataType() == OnnxTensor.DOUBLE;
            if (!floating) {
                continue; // position ids, shape constants
            }
            String hf;
            boolean transpose = false;
            if (specs.containsKey(t.name())) {
                hf = t.name();
            } else {
                hf = matmulTarget(graph, t).orElse(null);
                transpose = true;
            }
            if (hf == null || !specs.containsKey(hf)) {
                unmapped.add(t.name() + (hf == null ? "" : " (→ " + hf + ")"));
                continue;
            }
            if (source.putIfAbsent(hf, t.name()) != null) {
                throw new ModelFormatException(where + ": initializers '" + source.get(hf) + "' and '" + t.name()
                        + "' both map to " + hf);
            }
            float[] v = t.floats();
            long[] shape = specs.get(hf).shape();
            long[] dims = t.dims();
            long[] expectedDims = transpose ? new long[] {shape[1], shape[0]} : shape;
            if (!java.util.Arrays.equals(dims, expectedDims)) {
                throw new ModelFormatException(where + ": initializer '" + t.name() + "' (" + hf + ") has dims "
                        + java.util.Arrays.toString(dims) + "; the config implies " + java.util.Arrays.toString(expectedDims));
            }
            values.put(hf, transpose ? transpose(v, (int) dims[0], (int) dims[1]) : v);
        }
        List<String> missing = specs.keySet().stream().filter(k -> !values.containsKey(k)).toList();
        if (!unmapped.isEmpty() || !missing.isEmpty()) {
            throw new ModelFormatException(where + ": the graph's initializers do not map one to one onto BERT's parameters"
                    + (unmapped.isEmpty() ? "" : "; unmapped initializers: " + abbreviate(unmapped))
                    + (missing.isEmpty() ? "" : "; parameters not found: " + abbreviate(missing)));
        }
        MemoryTensors tensors = new MemoryTensors(where);
        specs.forEach((k, s) -> tensors.put(k, s.shape(), values.get(k)));
        return new Imported(bert, tensors, List.copyOf(inferred));
    }

    private static void refuseQuantized(OnnxGraph graph, String where) {
        Set<String> ops = new TreeSet<>();
        graph.nodes().forEach(n -> {
            if (QUANTIZED_OPS.contains(n.opType())) {
                ops.add(n.opType());
            }
        });
        List<String> int8 = graph.initializers().values().stream().filter(OnnxTensor::quantized).map(OnnxTensor::name).limit(3)
                .toList();
        if (!ops.isEmpty() || !int8.isEmpty()) {
            throw new ModelFormatException(where + ": an int8-quantized graph (" + (ops.isEmpty() ? "" : "operators " + ops)
                    + (int8.isEmpty() ? "" : (ops.isEmpty() ? "" : ", ") + "8-bit initializers such as " + int8)
                    + "); its weights are rounded copies of the model's — import the fp32 export instead");
        }
    }

    /** {@code encoder.layer.0.attention.self.query.weight} for the weight its single MatMul consumer names. */
    private static Optional<String> matmulTarget(OnnxGraph graph, OnnxTensor t) {
        List<OnnxGraph.Node> users = graph.consumers(t.name());
        if (users.size() != 1 || !users.getFirst().opType().equals("MatMul") || t.dims().length != 2) {
            return Optional.empty();
        }
        Matcher m = MATMUL_NODE.matcher(users.getFirst().name());
        return m.matches() ? Optional.of(m.group(1).replace('/', '.') + ".weight") : Optional.empty();
    }

    private static BertConfig infer(OnnxGraph graph, OnnxTensor words, List<String> inferred, String where) {
        Map<String, OnnxTensor> inits = graph.initializers();
        int vocab = (int) words.dims()[0];
        int hidden = (int) words.dims()[1];
        int positions = dim0(inits, "embeddings.position_embeddings.weight", where);
        int types = dim0(inits, "embeddings.token_type_embeddings.weight", where);
        int layers = 0;
        for (String name : inits.keySet()) {
            Matcher m = LAYER.matcher(name);
            if (m.matches()) {
                layers = Math.max(layers, Integer.parseInt(m.group(1)) + 1);
            }
        }
        int intermediate = dim0(inits, "encoder.layer.0.intermediate.dense.bias", where);
        inferred.add("vocab_size, hidden_size, max_position_embeddings, type_vocab_size, num_hidden_layers, intermediate_size "
                + "from the shapes");
        int heads = heads(graph, hidden).orElseThrow(() -> new ModelFormatException(where + ": cannot read the number of "
                + "attention heads off the graph (no constant [batch, seq, heads, head size] reshape in layer 0's attention); "
                + "pass --config <config.json>"));
        inferred.add("num_attention_heads = " + heads + " from the attention reshape");
        double eps = epsilon(graph).orElseThrow(() -> new ModelFormatException(where + ": cannot read the LayerNorm epsilon "
                + "off the graph; pass --config <config.json>"));
        inferred.add("layer_norm_eps = " + eps + " from the LayerNorm graph");
        Activation act = activation(graph).orElseThrow(() -> new ModelFormatException(where + ": cannot tell the "
                + "activation (no Erf or Tanh in layer 0's intermediate block); pass --config <config.json>"));
        inferred.add("hidden_act = " + act.hfName() + " from the intermediate block's " + (act == Activation.GELU_ERF ? "Erf"
                : "Tanh"));
        return new BertConfig(Family.BERT, layers, hidden, heads, intermediate, vocab, positions, types, 0, eps, act, 0.02);
    }

    private static int dim0(Map<String, OnnxTensor> inits, String name, String where) {
        OnnxTensor t = inits.get(name);
        if (t == null || t.dims().length == 0) {
            throw new ModelFormatException(where + ": no initializer '" + name + "' to read a size from");
        }
        return (int) t.dims()[0];
    }

    /** heads from a reshape of layer 0's query/key/value to [batch, seq, heads, head size]. */
    private static Optional<Integer> heads(OnnxGraph graph, int hidden) {
        for (OnnxGraph.Node n : graph.nodes()) {
            if (!n.opType().equals("Reshape") || !n.name().startsWith("/encoder/layer.0/attention/self/") || n.inputs().size() < 2) {
                continue;
            }
            List<Long> shape = new ArrayList<>();
            Optional<long[]> whole = graph.constantLongs(n.inputs().get(1));
            if (whole.isPresent()) {
                for (long v : whole.get()) {
                    shape.add(v);
                }
            } else {
                Optional<OnnxGraph.Node> concat = graph.producer(n.inputs().get(1)).filter(p -> p.opType().equals("Concat"));
                if (concat.isEmpty()) {
                    continue;
                }
                for (String in : concat.get().inputs()) {
                    Optional<long[]> c = graph.constantLongs(in);
                    if (c.isPresent() && c.get().length == 1) {
                        shape.add(c.get()[0]);
                    } else {
                        shape.add(null);
                    }
                }
            }
            if (shape.size() == 4 && shape.get(2) != null && shape.get(3) != null && shape.get(2) > 0
                    && shape.get(2) * shape.get(3) == hidden) {
                return Optional.of(shape.get(2).intValue());
            }
        }
        return Optional.empty();
    }

    /** The epsilon of the embeddings' LayerNorm: an attribute, or the scalar added before the square root. */
    private static Optional<Double> epsilon(OnnxGraph graph) {
        for (OnnxGraph.Node n : graph.nodes()) {
            if (n.opType().equals("LayerNormalization")) {
                OnnxGraph.Attribute a = n.attributes().get("epsilon");
                return Optional.of(a == null || a.f() == null ? 1e-5 : (double) a.f());
            }
        }
        for (OnnxGraph.Node n : graph.nodes()) {
            if (!n.opType().equals("Sqrt") || !n.name().contains("LayerNorm")) {
                continue;
            }
            Optional<OnnxGraph.Node> add = graph.producer(n.inputs().getFirst()).filter(p -> p.opType().equals("Add"));
            if (add.isEmpty()) {
                continue;
            }
            for (String in : add.get().inputs()) {
                Optional<Double> v = constantFloat(graph, in);
                if (v.isPresent()) {
                    return v;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Double> constantFloat(OnnxGraph graph, String value) {
        OnnxTensor t = graph.initializers().get(value);
        if (t == null) {
            t = graph.producer(value).filter(p -> p.opType().equals("Constant")).map(p -> p.attributes().get("value"))
                    .map(OnnxGraph.Attribute::t).orElse(null);
        }
        if (t == null || t.elementCount() != 1 || t.dataType() != OnnxTensor.FLOAT && t.dataType() != OnnxTensor.DOUBLE) {
            return Optional.empty();
        }
        float f = t.floats()[0];
        // fp32 of 1e-12 is 9.9999998e-13: report the decimal the exporter most likely wrote.
        return Optional.of(Double.parseDouble(Float.toString(f)));
    }

    private static Optional<Activation> activation(OnnxGraph graph) {
        for (OnnxGraph.Node n : graph.nodes()) {
            if (n.name().startsWith("/encoder/layer.0/intermediate/")) {
                if (n.opType().equals("Erf") || n.opType().equals("Gelu") && !isTanhGelu(n)) {
                    return Optional.of(Activation.GELU_ERF);
                }
                if (n.opType().equals("Tanh") || n.opType().equals("Gelu")) {
                    return Optional.of(Activation.GELU_TANH);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean isTanhGelu(OnnxGraph.Node n) {
        OnnxGraph.Attribute a = n.attributes().get("approximate");
        return a != null && "tanh".equals(a.s());
    }

    private static float[] transpose(float[] v, int rows, int cols) {
        float[] out = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[c * rows + r] = v[r * cols + c];
            }
        }
        return out;
    }

    private static String abbreviate(List<String> names) {
        return names.size() <= 6 ? String.join(", ", names) : String.join(", ", names.subList(0, 6)) + " and "
                + (names.size() - 6) + " more";
    }

    /**
     * {@code brainalign convert onnx}: reads {@code onnx}, maps it, and writes {@code out}/config.json,
     * model.safetensors and tokenizer.json (a copy of {@code tokenizer}). {@code out} must not exist or
     * be empty. Returns the import, for the report.
     */
    public static Imported convert(Path onnx, Path tokenizer, Optional<Path> configFile, Path out) throws IOException {
        if (!Files.isRegularFile(tokenizer)) {
            throw new ModelFormatException(tokenizer + ": no such tokenizer.json");
        }
        if (Files.exists(out) && (!Files.isDirectory(out) || Files.list(out).findAny().isPresent())) {
            throw new IllegalArgumentException("--out " + out + " exists and is not an empty directory");
        }
        Optional<ModelConfig> given = configFile.map(ConfigLoader::load);
        Imported imported = map(OnnxGraph.read(onnx), given);
        // The tokenizer must load and fit the model's embedding before anything is written (a broken one
        // surfaced only at the next 'activations' before).
        try (HfTokenizer t = HfTokenizer.load(tokenizer)) {
            if (t.vocabularySize() > imported.config().vocabSize()) {
                throw new ModelFormatException(tokenizer + ": its vocabulary has " + t.vocabularySize() + " ids, but the model in "
                        + onnx.getFileName() + " embeds " + imported.config().vocabSize() + "; not this model's tokenizer");
            }
        }
        Path tmp = Files.createTempDirectory(out.toAbsolutePath().getParent(), ".convert-");
        try {
            if (configFile.isPresent()) {
                Files.copy(configFile.get(), tmp.resolve("config.json"));
            } else {
                Files.writeString(tmp.resolve("config.json"), configJson(imported.config(), onnx), StandardCharsets.UTF_8);
            }
            SafetensorsWriter w = imported.tensors().addTo(new SafetensorsWriter()).metadata("format", "pt")
                    .metadata("converted_from", onnx.getFileName().toString());
            w.write(tmp.resolve("model.safetensors"));
            Files.copy(tokenizer, tmp.resolve("tokenizer.json"));
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            Files.deleteIfExists(out);
            Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (Files.exists(tmp)) {
                try (var files = Files.walk(tmp)) {
                    for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                        Files.deleteIfExists(p);
                    }
                }
            }
        }
        return imported;
    }

    /** HuggingFace's {@code config.json} for a BertModel. */
    static String configJson(BertConfig c, Path onnx) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("architectures", List.of("BertModel"));
        m.put("model_type", "bert");
        m.put("hidden_size", c.hiddenSize());
        m.put("num_hidden_layers", c.numLayers());
        m.put("num_attention_heads", c.numHeads());
        m.put("intermediate_size", c.intermediateSize());
        m.put("vocab_size", c.vocabSize());
        m.put("max_position_embeddings", c.maxPositions());
        m.put("type_vocab_size", c.typeVocabSize());
        m.put("layer_norm_eps", c.layerNormEps());
        m.put("hidden_act", c.activation().hfName());
        m.put("pad_token_id", c.padTokenId());
        m.put("position_embedding_type", "absolute");
        m.put("brainalign_converted_from", onnx.getFileName().toString());
        return new GsonBuilder().setPrettyPrinting().create().toJson(m);
    }
}
