package org.brainalign.models.nn;

import java.util.BitSet;

/**
 * What one forward pass must return: the layers (indices into {@link TransformerModel#layerNames()})
 * and whether the LM-head logits are needed. The pass stops after the deepest requested layer
 * when no logits are needed.
 */
public record ForwardRequest(BitSet layers, boolean logits) {

    public ForwardRequest {
        layers = (BitSet) layers.clone();
    }

    @Override
    public BitSet layers() {
        return (BitSet) layers.clone();
    }

    /** Every layer, with logits when {@code logits}. */
    public static ForwardRequest allLayers(TransformerModel model, boolean logits) {
        BitSet all = new BitSet();
        all.set(0, model.layerNames().size());
        return new ForwardRequest(all, logits);
    }

    /** Only the logits. */
    public static ForwardRequest logitsOnly() {
        return new ForwardRequest(new BitSet(), true);
    }
}
