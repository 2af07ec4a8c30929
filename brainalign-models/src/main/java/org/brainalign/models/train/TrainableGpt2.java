package org.brainalign.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.ModelLoader;
import org.brainalign.models.config.ConfigLoader;
import org.brainalign.models.config.Gpt2Config;
import org.brainalign.models.config.ModelConfig;
import org.brainalign.models.nn.Gpt2Model;
import org.brainalign.models.nn.Ops;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.TransformerModel;
import org.brainalign.models.nn.WeightSource;
import org.brainalign.models.safetensors.Checkpoint;

/**
 * GPT-2 as a differentiable graph for training: the inference {@code Gpt2Model}'s own embedding,
 * block, final norm and tied head, run on parameters that are leaf tensors collecting gradients, with
 * each block's attention and MLP outputs (before the residual add, TopoLM's "preresid" outputs)
 * returned as the model's spatial outputs.
 *
 * <p>Parameters are keyed by their HuggingFace names. Conv1D weights ({@code c_attn}, {@code c_proj},
 * {@code c_fc}) are held as [out, in] so each projection is one {@code linear}, and transposed back
 * to HuggingFace's [in, out] by {@link #hfTensors()}.
 */
public final class TrainableGpt2 implements AutoCloseable {

    /** Output of one forward pass: logits [B, T, V] and the 2·L spatial outputs, each [B, T, C]. */
    public record Forward(NDArray logits, List<NDArray> spatial) {
    }

    private final Gpt2Config config;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final Map<String, ParamSpec> specs = new LinkedHashMap<>();

    private TrainableGpt2(Gpt2Config config, NDManager manager, Map<String, NDArray> params) {
        this.config = config;
        this.manager = manager;
        this.params = params;
        Gpt2Model.ARCHITECTURE.parameters(config).forEach(s -> specs.put(s.name(), s));
    }

    /**
     * Builds the model with weights from {@code source} (HuggingFace layout) in {@code dtype}
     * (float32 for training, float64 for gradient checks), resident in a child manager of
     * {@code parent}; every parameter requires gradients.
     */
    public static TrainableGpt2 create(Gpt2Config config, WeightSource source, NDManager parent, DataType dtype) {
        if (!config.tieWordEmbeddings()) {
            throw new IllegalArgumentException("training supports GPT-2 with a tied LM head (tie_word_embeddings = true)");
        }
        NDManager manager = parent.newSubManager();
        try {
            Map<String, NDArray> params = Gpt2Model.ARCHITECTURE.load(config, source, manager, dtype);
            params.values().forEach(p -> p.setRequiresGradient(true));
            return new TrainableGpt2(config, manager, params);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Opens a HuggingFace GPT-2 directory (config.json + model.safetensors) as a trainable graph, for
     * reading its spatial outputs; other families are refused with a message naming the directory.
     */
    public static TrainableGpt2 open(Path dir, NDManager parent, DataType dtype) {
        Path configFile = dir.resolve("config.json");
        if (!Files.isRegularFile(configFile)) {
            throw new ModelFormatException(dir + ": no config.json; expected a HuggingFace GPT-2 directory");
        }
        ModelConfig config = ConfigLoader.load(configFile);
        if (!(config instanceof Gpt2Config gpt2)) {
            throw new IllegalArgumentException(dir + ": model_type is " + config.family().modelType()
                    + "; unit grids and spatial outputs are defined for GPT-2 models (e.g. trained with `brainalign train`)");
        }
        try (Checkpoint checkpoint = Checkpoint.open(dir)) {
            return create(gpt2, ModelLoader.weightsFor(gpt2, checkpoint), parent, dtype);
        }
    }

    public Gpt2Config config() {
        return config;
    }

    /** The parameters by HuggingFace key, in training layout (live tensors; do not close). */
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(params);
    }

    /** Names of the spatial outputs, in the order of {@link Forward#spatial()}: {@code transformer.h.i.attn|mlp}. */
    public List<String> spatialNames() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < config.numLayers(); i++) {
            names.add("transformer.h." + i + ".attn");
            names.add("transformer.h." + i + ".mlp");
        }
        return names;
    }

    /**
     * Runs the model on {@code ids} (B rows of equal length T ≤ n_positions); all results and
     * temporaries are owned by {@code scope}.
     */
    public Forward forward(NDManager scope, long[][] ids) {
        int b = ids.length;
        long[] flat = TransformerModel.checkedIds(ids, config);
        int t = ids[0].length;
        // results of operations on parameters belong to the step's scope, not the model's manager
        scope.tempAttachAll(params.values().stream().filter(a -> a.getManager() != scope).toArray(NDArray[]::new));
        NDArray x = Gpt2Model.embed(this::p, scope.create(flat, new Shape(b, t)), t);             // [B, T, C]
        NDArray mask = Ops.causalMask(scope, t).toType(x.getDataType(), false);                     // [T, T]
        List<NDArray> spatial = new ArrayList<>(2 * config.numLayers());
        for (int i = 0; i < config.numLayers(); i++) {
            x = Gpt2Model.block(config, this::p, i, x, mask, spatial);
        }
        x = Gpt2Model.finalNorm(config, this::p, x);
        return new Forward(Gpt2Model.lmHead(config, this::p, x), spatial);                       // [B, T, V]
    }

    /**
     * Mean next-token cross-entropy of {@code logits} [B, T, V] against {@code targets} (B rows of
     * T ids): {@code −mean log softmax(logits)[target]}, a scalar owned by {@code scope}.
     */
    public static NDArray crossEntropy(NDManager scope, NDArray logits, long[][] targets) {
        long[] s = logits.getShape().getShape();
        long[] flat = new long[(int) (s[0] * s[1])];
        for (int r = 0; r < targets.length; r++) {
            System.arraycopy(targets[r], 0, flat, (int) (r * s[1]), (int) s[1]);
        }
        NDArray index = scope.create(flat, new Shape(s[0], s[1], 1));
        return logits.logSoftmax(-1).gather(index, -1).mean().neg();
    }

    /** The parameters in HuggingFace layout (Conv1D as [in, out]) as float32, for a checkpoint. */
    public Map<String, float[]> hfTensors() {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (var e : params.entrySet()) {
            float[] values = e.getValue().toType(DataType.FLOAT32, false).toFloatArray();
            out.put(e.getKey(), Gpt2Model.ARCHITECTURE.memory().toHuggingFace(specs.get(e.getKey()), values));
        }
        return out;
    }

    /** HuggingFace shape of parameter {@code key}. */
    public long[] hfShape(String key) {
        return specs.get(key).shape();
    }

    private NDArray p(String name) {
        NDArray a = params.get(name);
        if (a == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return a;
    }

    /** Number of parameters. */
    public long parameterCount() {
        return params.values().stream().mapToLong(NDArray::size).sum();
    }

    @Override
    public void close() {
        manager.close();
    }
}
