package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.brainalign.models.config.ModelConfig;

/**
 * A transformer with its weights resident in a DJL/PyTorch {@link NDManager}, able to run a forward
 * pass that returns any subset of its named layers and, for causal LMs, logits.
 *
 * <p>Layers are named after the HuggingFace module whose output they are: index 0 is the embedding
 * output, indices 1…L the blocks' outputs, and for families with a final norm, index L+1 its
 * output. HuggingFace's {@code output_hidden_states} tuple is {@link #hiddenStateLayers()} of these
 * (for GPT-2, NeoX and Llama the last block's raw output is replaced by the final norm's output).
 *
 * <p>Each family implements {@link #embed}, {@link #block} and, where it has them, the final norm and
 * LM head; {@link #forward} runs them in order, freeing each block's temporaries as it goes.
 */
public abstract class TransformerModel implements AutoCloseable {

    /**
     * Per-forward tensors shared by all blocks (mask, rotary tables, the sliding-window mask of local
     * layers); fields may be null.
     */
    protected record Context(NDArray mask, NDArray cos, NDArray sin, NDArray localMask) {
        /** A context without a sliding-window mask. */
        public Context(NDArray mask, NDArray cos, NDArray sin) {
            this(mask, cos, sin, null);
        }
    }

    private final ModelConfig config;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final List<String> layerNames;

    protected TransformerModel(ModelConfig config, NDManager manager, Map<String, NDArray> params) {
        this.config = config;
        this.manager = manager;
        this.params = params;
        List<String> names = new ArrayList<>();
        names.add(embeddingLayerName());
        for (int i = 0; i < config.numLayers(); i++) {
            names.add(blockLayerName(i));
        }
        if (finalNormLayerName() != null) {
            names.add(finalNormLayerName());
        }
        this.layerNames = List.copyOf(names);
    }

    /**
     * Builds the model described by {@code config} with weights from {@code source}, resident in a
     * new child manager of {@code parent} (its family's {@link Architecture}).
     */
    public static TransformerModel create(ModelConfig config, WeightSource source, NDManager parent) {
        return Architecture.forConfig(config).create(config, source, parent);
    }

    /** Every parameter the family of {@code config} needs, with HF keys, shapes and init. */
    public static List<ParamSpec> parameterSpecs(ModelConfig config) {
        return Architecture.forConfig(config).parameters(config);
    }

    public ModelConfig config() {
        return config;
    }

    /** All recordable layers, in depth order. */
    public List<String> layerNames() {
        return layerNames;
    }

    /** Indices into {@link #layerNames()} of HuggingFace's {@code hidden_states} tuple. */
    public int[] hiddenStateLayers() {
        int blocks = config.numLayers();
        int[] idx = new int[blocks + 1];
        for (int i = 0; i <= blocks; i++) {
            idx[i] = i;
        }
        if (finalNormLayerName() != null) {
            idx[blocks] = blocks + 1;
        }
        return idx;
    }

    /** Whether the model is a left-to-right LM with an LM head (can give surprisal and next words). */
    public boolean isCausalLm() {
        return config.family().causal();
    }

    /** The longest input one forward pass accepts. */
    public int maxTokens() {
        return config.maxPositions();
    }

    /** Number of parameters. */
    public long parameterCount() {
        return params.values().stream().mapToLong(NDArray::size).sum() + compact.values().stream().mapToLong(HalfTensor::elementCount).sum();
    }

    /**
     * Bytes of memory this model has allocated for its parameters so far: its float32 tensors and
     * the 16-bit matrices it copied or drew; matrices that are views of a memory-mapped checkpoint
     * (the file's pages) and generated ones not yet used count nothing.
     */
    public long allocatedParameterBytes() {
        return params.values().stream().mapToLong(a -> a.size() * Float.BYTES).sum()
                + compact.values().stream().mapToLong(HalfTensor::allocatedBytes).sum();
    }

    /**
     * Parameter {@code name} as a float32 tensor: resident, or for a matrix held as 16-bit values,
     * expanded into the scope of the step that asks (one block, the embedding, the head), which frees
     * it when the step ends.
     */
    protected NDArray p(String name) {
        NDArray a = pOrNull(name);
        if (a == null) {
            throw new IllegalStateException("no parameter " + name);
        }
        return a;
    }

    protected NDArray pOrNull(String name) {
        NDArray a = params.get(name);
        if (a != null) {
            return a;
        }
        HalfTensor h = compact.get(name);
        if (h == null) {
            return null;
        }
        NDManager scope = STEP.get();
        if (scope == null) {
            throw new IllegalStateException(name + " is held as 16-bit values and can only be read inside a forward step");
        }
        return h.materialize(scope);
    }

    /**
     * Rows {@code ids} [B, T] (int64) of the embedding matrix {@code name} as [B, T, C]: a lookup in a
     * float32 matrix, or for a 16-bit one, only the rows asked for expanded (an 8 B model's
     * 128 k × 4096 embedding would take 2 GB as float32).
     */
    protected NDArray embedding(String name, NDArray ids) {
        HalfTensor h = compact.get(name);
        if (h == null) {
            return ai.djl.nn.core.Embedding.embedding(ids, p(name), ai.djl.ndarray.types.SparseFormat.DENSE).singletonOrThrow();
        }
        long[] rowsAsked = ids.toLongArray();
        int c = (int) h.shape()[1];
        float[] rows = new float[rowsAsked.length * c];
        for (int k = 0; k < rowsAsked.length; k++) {
            long base = rowsAsked[k] * c;
            for (int j = 0; j < c; j++) {
                rows[k * c + j] = h.get(base + j);
            }
        }
        long[] shape = java.util.Arrays.copyOf(ids.getShape().getShape(), ids.getShape().dimension() + 1);
        shape[shape.length - 1] = c;
        return ids.getManager().create(rows, new Shape(shape));
    }

    /** The scope of the forward step running on this thread, where 16-bit matrices are expanded. */
    private static final ThreadLocal<NDManager> STEP = new ThreadLocal<>();

    /** Matrices held as 16-bit values (empty when every parameter is float32) and the native memory holding them. */
    private Map<String, HalfTensor> compact = Map.of();
    private java.lang.foreign.Arena compactMemory;

    /** Hands this model the matrices {@link Architecture} built as 16-bit values; closing the model frees {@code memory}. */
    void holdCompact(Map<String, HalfTensor> matrices, java.lang.foreign.Arena memory) {
        this.compact = Map.copyOf(matrices);
        this.compactMemory = memory;
    }

    /** Resources closed after this model: a checkpoint whose memory-mapped 16-bit values are its matrices. */
    private final java.util.List<AutoCloseable> owned = new java.util.ArrayList<>();

    /** Closes {@code resource} when this model closes (after its own memory), e.g. the checkpoint its matrices are views of. */
    public void closeWith(AutoCloseable resource) {
        owned.add(resource);
    }

    /** The 16-bit format the matrices are held in, or empty when every parameter is float32. */
    public java.util.Optional<HalfTensor.Kind> halfPrecision() {
        return compact.values().stream().findFirst().map(HalfTensor::kind);
    }

    /**
     * Runs {@code step} in a sub-scope of {@code scope} where 16-bit matrices are expanded, and moves
     * its result into {@code scope}; the expanded matrices are freed with the sub-scope.
     */
    private NDArray step(NDManager scope, NDArray input, java.util.function.Function<NDArray, NDArray> step) {
        try (NDManager sub = scope.newSubManager()) {
            if (input != null) {
                sub.tempAttachAll(input);
            }
            NDManager outer = STEP.get();
            STEP.set(sub);
            try {
                NDArray out = step.apply(input);
                scope.attachAll(out);
                return out;
            } finally {
                STEP.set(outer);
            }
        }
    }

    protected abstract String embeddingLayerName();

    protected abstract String blockLayerName(int i);

    /** Name of the final norm layer, or null if the family has none (BERT). */
    protected abstract String finalNormLayerName();

    /**
     * Per-forward shared tensors for a batch of sequences padded to {@code t} tokens; {@code lengths}
     * gives each row's real tokens (families that attend in both directions mask the padding).
     */
    protected abstract Context context(NDManager scope, int t, int[] lengths);

    /**
     * The token id right-padding uses: any id in the vocabulary does for causal models (no real token
     * attends to a later one); encoders use their {@code pad_token_id} (RoBERTa's positions count it).
     */
    public long paddingId() {
        return 0;
    }

    /** Token (and position) embeddings: ids [B, T] int64 → [B, T, C]. */
    protected abstract NDArray embed(NDArray ids, long[][] hostIds, Context ctx);

    /** Block {@code i}: [B, T, C] → [B, T, C]. */
    protected abstract NDArray block(int i, NDArray x, Context ctx);

    /** The final norm ([B, T, C] → [B, T, C]); only called when {@link #finalNormLayerName()} is non-null. */
    protected NDArray finalNorm(NDArray x) {
        throw new UnsupportedOperationException(config.family() + " has no final norm");
    }

    /** LM head: [B, T, C] (after the final norm) → [B, T, V]. */
    protected NDArray lmHead(NDArray x) {
        throw new UnsupportedOperationException(config.family().modelType() + " models have no causal LM head");
    }

    /**
     * Runs the model on {@code ids} (B rows of equal length T ≤ {@link #maxTokens()}); every result is
     * owned by {@code scope}.
     */
    public ForwardOutput forward(NDManager scope, long[][] ids, ForwardRequest request) {
        return forward(scope, ids, null, request);
    }

    /**
     * Runs the model on {@code ids}, B rows right-padded to one length T; row r holds
     * {@code lengths[r]} real tokens ({@code lengths} null: all T are real). Outputs at padded
     * positions are meaningless; at real positions they equal those of the row run alone.
     */
    public ForwardOutput forward(NDManager scope, long[][] ids, int[] lengths, ForwardRequest request) {
        int b = ids.length;
        long[] flat = checkedIds(ids, config);
        int t = ids[0].length;
        if (request.logits() && !isCausalLm()) {
            throw new UnsupportedOperationException(config.family().modelType() + " models have no causal LM head");
        }
        BitSet wanted = request.layers();
        int layerCount = layerNames.size();
        int deepest = request.logits() ? layerCount - 1 : wanted.length() - 1;
        NDArray[] out = new NDArray[layerCount];
        if (lengths != null) {
            if (lengths.length != b) {
                throw new IllegalArgumentException(lengths.length + " lengths for " + b + " rows");
            }
            for (int len : lengths) {
                if (len < 1 || len > t) {
                    throw new IllegalArgumentException("row length " + len + " outside [1, " + t + "]");
                }
            }
        }
        ForwardOutput fused = fusedForward(scope, flat, b, t, request);
        if (fused != null) {
            return fused;
        }
        Context ctx = context(scope, t, lengths);
        NDArray idArray = scope.create(flat, new Shape(b, t));
        NDArray x = step(scope, null, none -> embed(idArray, ids, ctx));
        keep(out, wanted, 0, x);
        int blocks = config.numLayers();
        for (int i = 0; i < blocks && i + 1 <= deepest; i++) {
            int layer = i;
            NDArray next = step(scope, x, in -> block(layer, in, ctx));
            if (out[i] == null) {
                x.close();
            }
            x = next;
            keep(out, wanted, i + 1, x);
        }
        NDArray logits = null;
        if (finalNormLayerName() != null && deepest == blocks + 1) {
            NDArray normed = step(scope, x, this::finalNorm);
            keep(out, wanted, blocks + 1, normed);
            if (request.logits()) {
                logits = step(scope, normed, this::lmHead);
            }
        }
        return new ForwardOutput(out, logits);
    }

    /**
     * A family's own whole-pass implementation for {@code flat} (B·T checked ids; padding needs no
     * mask there), or null to run {@link #embed}, {@link #block} and the head through libtorch (the
     * default).
     */
    protected ForwardOutput fusedForward(NDManager scope, long[] flat, int b, int t, ForwardRequest request) {
        return null;
    }

    /**
     * {@code ids} (B rows of equal length T) flattened row-major, after checking that there is at
     * least one token, that T fits {@code config}'s positions and that every id lies in its vocabulary.
     */
    public static long[] checkedIds(long[][] ids, ModelConfig config) {
        int b = ids.length;
        if (b == 0 || ids[0].length == 0) {
            throw new IllegalArgumentException("forward pass needs at least one token");
        }
        int t = ids[0].length;
        if (t > config.maxPositions()) {
            throw new IllegalArgumentException(t + " tokens exceed the model's " + config.maxPositions()
                    + " positions; split the input into windows");
        }
        long[] flat = new long[b * t];
        for (int r = 0; r < b; r++) {
            if (ids[r].length != t) {
                throw new IllegalArgumentException("batch rows differ in length: " + ids[r].length + " vs " + t);
            }
            for (int i = 0; i < t; i++) {
                long id = ids[r][i];
                if (id < 0 || id >= config.vocabSize()) {
                    throw new IllegalArgumentException("token id " + id + " at position " + i + " is outside the vocabulary [0, "
                            + config.vocabSize() + ")");
                }
                flat[r * t + i] = id;
            }
        }
        return flat;
    }

    private static void keep(NDArray[] out, BitSet wanted, int index, NDArray value) {
        if (wanted.get(index)) {
            out[index] = value;
        }
    }

    /** The float32 parameters by HF key (read-only view); a model holding 16-bit matrices is refused (training needs float32). */
    public Map<String, NDArray> parameters() {
        if (!compact.isEmpty()) {
            throw new IllegalStateException("this model holds its matrices as 16-bit values; only a float32 model's parameters "
                    + "can be read or trained");
        }
        return Collections.unmodifiableMap(params);
    }

    @Override
    public void close() {
        try {
            manager.close();
        } finally {
            if (compactMemory != null) {
                compactMemory.close();
            }
            for (AutoCloseable resource : owned) {
                try {
                    resource.close();
                } catch (Exception e) {
                    throw new IllegalStateException("closing " + resource + ": " + e.getMessage(), e);
                }
            }
        }
    }
}
