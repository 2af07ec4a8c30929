package org.brainalign.models.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AdamW (Loshchilov &amp; Hutter 2019) as PyTorch's {@code torch.optim.AdamW}: decoupled weight
 * decay {@code θ ← θ − lr·λ·θ} applied to matrices only (nanoGPT's grouping: every parameter with
 * two or more dimensions; biases and norm scales are not decayed), then the bias-corrected Adam
 * update. The moment estimates live in the optimizer's own manager and are part of a checkpoint.
 */
public final class AdamW implements AutoCloseable {

    /** Hyper-parameters: betas, epsilon and the decoupled weight decay λ. */
    public record Settings(double beta1, double beta2, double epsilon, double weightDecay) {

        public Settings {
            if (beta1 < 0 || beta1 >= 1 || beta2 < 0 || beta2 >= 1) {
                throw new IllegalArgumentException("AdamW betas must lie in [0, 1), got " + beta1 + ", " + beta2);
            }
            if (!(epsilon > 0) || weightDecay < 0) {
                throw new IllegalArgumentException("AdamW needs epsilon > 0 and weight decay ≥ 0");
            }
        }

        /** TopoLM's settings: betas (0.9, 0.95), eps 1e-8, weight decay 0.1. */
        public static Settings topoLm() {
            return new Settings(0.9, 0.95, 1e-8, 0.1);
        }
    }

    private final Settings settings;
    private final NDManager manager;
    private final Map<String, NDArray> params;
    private final Map<String, NDArray> first = new LinkedHashMap<>();
    private final Map<String, NDArray> second = new LinkedHashMap<>();
    private long updates;

    /** An optimizer for {@code params} (live leaf tensors) with zero moments. */
    public AdamW(Map<String, NDArray> params, Settings settings, NDManager parent) {
        this.settings = settings;
        this.params = params;
        this.manager = parent.newSubManager();
        for (var e : params.entrySet()) {
            first.put(e.getKey(), manager.zeros(e.getValue().getShape(), e.getValue().getDataType()));
            second.put(e.getKey(), manager.zeros(e.getValue().getShape(), e.getValue().getDataType()));
        }
    }

    /** Number of updates applied so far (PyTorch's per-parameter {@code step}). */
    public long updates() {
        return updates;
    }

    /**
     * Applies one update with learning rate {@code lr} to every parameter from its gradient, which
     * the caller has already clipped; temporaries are owned by {@code scope}. Must run outside a
     * gradient collector.
     */
    public void step(NDManager scope, Map<String, NDArray> gradients, double lr) {
        updates++;
        scope.tempAttachAll(first.values().toArray(new NDArray[0]));
        scope.tempAttachAll(second.values().toArray(new NDArray[0]));
        double b1 = settings.beta1();
        double b2 = settings.beta2();
        double correction1 = 1 - Math.pow(b1, updates);
        double correction2 = 1 - Math.pow(b2, updates);
        double stepSize = lr / correction1;
        for (var e : params.entrySet()) {
            NDArray p = e.getValue();
            NDArray g = gradients.get(e.getKey());
            NDArray m = first.get(e.getKey());
            NDArray v = second.get(e.getKey());
            if (p.getShape().dimension() >= 2 && settings.weightDecay() > 0) {
                p.muli((float) (1 - lr * settings.weightDecay()));
            }
            m.muli((float) b1).addi(g.mul((float) (1 - b1)));
            v.muli((float) b2).addi(g.square().mul((float) (1 - b2)));
            NDArray denominator = v.div((float) correction2).sqrt().add((float) settings.epsilon());
            p.subi(m.div(denominator).mul((float) stepSize));
        }
    }

    /** The first and second moments as float arrays, keyed {@code m.<name>} and {@code v.<name>}. */
    public Map<String, float[]> state() {
        Map<String, float[]> out = new LinkedHashMap<>();
        first.forEach((k, a) -> out.put("m." + k, a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()));
        second.forEach((k, a) -> out.put("v." + k, a.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray()));
        return out;
    }

    /** Restores moments saved by {@link #state()} after {@code updates} updates. */
    public void restore(Map<String, float[]> state, long updates) {
        for (var moments : java.util.List.of(Map.entry("m.", first), Map.entry("v.", second))) {
            for (var e : moments.getValue().entrySet()) {
                float[] values = state.get(moments.getKey() + e.getKey());
                if (values == null || values.length != e.getValue().size()) {
                    throw new IllegalArgumentException("optimizer state '" + moments.getKey() + e.getKey() + "' is missing or has "
                            + (values == null ? 0 : values.length) + " values; expected " + e.getValue().size());
                }
                NDArray restored = manager.create(values, e.getValue().getShape()).toType(e.getValue().getDataType(), false);
                e.getValue().close();
                e.setValue(restored);
            }
        }
        this.updates = updates;
    }

    @Override
    public void close() {
        manager.close();
    }
}
