package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.brainalign.models.config.T5Config;

/**
 * The encoder stack of T5 as HuggingFace's {@code T5EncoderModel}: the {@code shared} embedding
 * (unscaled), pre-norm blocks {@code h = x + o(attn(n1(x)))}, {@code out = h + ffn(n2(h))} with T5's
 * RMS LayerNorm, attention without scaling whose scores add the relative-position bias of block 0's
 * table (and the padding mask), and the final layer norm. The decoder and LM head of a full T5
 * checkpoint stay unused.
 */
public final class T5EncoderModel extends TransformerModel {

    private final T5Config c;
    private static final String BIAS = "encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight";

    /** Keys as a {@code T5Model}/{@code T5ForConditionalGeneration}/{@code T5EncoderModel} file writes them; the decoder and head stay unused. */
    public static final Architecture<T5Config> ARCHITECTURE = Architecture.of(T5Config.class,
            new CheckpointLayout("", List.of(), Pattern.compile("decoder\\..*|lm_head\\.weight|encoder\\.embed_tokens\\.weight")),
            T5EncoderModel::parameters, T5EncoderModel::new);

    T5EncoderModel(T5Config config, NDManager manager, Map<String, NDArray> params) {
        super(config, manager, params);
        this.c = config;
    }

    static List<ParamSpec> parameters(T5Config c) {
        long d = c.hiddenSize();
        long inner = (long) c.numHeads() * c.headDim();
        long f = c.ffnDim();
        Init normal = new Init.Normal(0.05 * c.initializerRange());
        List<ParamSpec> s = new ArrayList<>();
        s.add(new ParamSpec("shared.weight", new long[] {c.vocabSize(), d}, new Init.Normal(c.initializerRange())));
        for (int i = 0; i < c.numLayers(); i++) {
            String b = "encoder.block." + i + ".layer.";
            for (String proj : List.of("q", "k", "v")) {
                s.add(new ParamSpec(b + "0.SelfAttention." + proj + ".weight", new long[] {inner, d}, normal));
            }
            s.add(new ParamSpec(b + "0.SelfAttention.o.weight", new long[] {d, inner}, normal));
            if (i == 0) {
                s.add(new ParamSpec(BIAS, new long[] {c.buckets(), c.numHeads()}, normal));
            }
            s.add(new ParamSpec(b + "0.layer_norm.weight", new long[] {d}, Init.ONES));
            for (String wi : c.gated() ? List.of("wi_0", "wi_1") : List.of("wi")) {
                s.add(new ParamSpec(b + "1.DenseReluDense." + wi + ".weight", new long[] {f, d}, normal));
            }
            s.add(new ParamSpec(b + "1.DenseReluDense.wo.weight", new long[] {d, f}, normal));
            s.add(new ParamSpec(b + "1.layer_norm.weight", new long[] {d}, Init.ONES));
        }
        s.add(new ParamSpec("encoder.final_layer_norm.weight", new long[] {d}, Init.ONES));
        return s;
    }

    @Override
    protected String embeddingLayerName() {
        return "encoder.embed_tokens";
    }

    @Override
    protected String blockLayerName(int i) {
        return "encoder.block." + i;
    }

    @Override
    protected String finalNormLayerName() {
        return "encoder.final_layer_norm";
    }

    @Override
    protected Context context(NDManager scope, int t, int[] lengths) {
        return new Context(Ops.paddingKeyMask(scope, t, lengths), null, null);
    }

    @Override
    public long paddingId() {
        return 0;
    }

    @Override
    protected NDArray embed(NDArray ids, long[][] hostIds, Context ctx) {
        return embedding("shared.weight", ids);
    }

    /** The relative-position bias [1, NH, T, T] from block 0's table. */
    private NDArray positionBias(NDManager scope, int t) {
        float[] table = p(BIAS).toFloatArray(); // [buckets, NH]
        int nh = c.numHeads();
        float[] bias = new float[nh * t * t];
        for (int q = 0; q < t; q++) {
            for (int k = 0; k < t; k++) {
                int bucket = c.bucket(q, k);
                for (int h = 0; h < nh; h++) {
                    bias[(h * t + q) * t + k] = table[bucket * nh + h];
                }
            }
        }
        return scope.create(bias, new Shape(1, nh, t, t));
    }

    @Override
    protected NDArray block(int i, NDArray x, Context ctx) {
        String b = "encoder.block." + i + ".layer.";
        int nh = c.numHeads();
        int t = (int) x.getShape().get(1);
        NDArray n = Ops.rmsNorm(x, p(b + "0.layer_norm.weight"), c.layerNormEps());
        NDArray q = Ops.splitHeads(Ops.linear(n, p(b + "0.SelfAttention.q.weight"), null), nh);
        NDArray k = Ops.splitHeads(Ops.linear(n, p(b + "0.SelfAttention.k.weight"), null), nh);
        NDArray v = Ops.splitHeads(Ops.linear(n, p(b + "0.SelfAttention.v.weight"), null), nh);
        NDArray mask = positionBias(x.getManager(), t);
        if (ctx.mask() != null) {
            mask = mask.add(ctx.mask());
        }
        NDArray y = Ops.attention(q, k, v, mask, 1.0);
        NDArray h = x.add(Ops.linear(Ops.mergeHeads(y), p(b + "0.SelfAttention.o.weight"), null));
        NDArray m = Ops.rmsNorm(h, p(b + "1.layer_norm.weight"), c.layerNormEps());
        NDArray hidden = c.gated()
                ? Ops.activate(Ops.linear(m, p(b + "1.DenseReluDense.wi_0.weight"), null), c.activation())
                        .mul(Ops.linear(m, p(b + "1.DenseReluDense.wi_1.weight"), null))
                : Ops.activate(Ops.linear(m, p(b + "1.DenseReluDense.wi.weight"), null), c.activation());
        return h.add(Ops.linear(hidden, p(b + "1.DenseReluDense.wo.weight"), null));
    }

    @Override
    protected NDArray finalNorm(NDArray x) {
        return Ops.rmsNorm(x, p("encoder.final_layer_norm.weight"), c.layerNormEps());
    }
}
