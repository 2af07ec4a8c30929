package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;

/**
 * The tensors one forward pass produced, all owned by the caller's {@code NDManager} scope.
 *
 * @param layers per layer index, the [B, T, C] output, or null when not requested
 * @param logits [B, T, V], or null when not requested
 */
public record ForwardOutput(NDArray[] layers, NDArray logits) {

    /** Layer {@code index}'s output; an error if it was not requested. */
    public NDArray layer(int index) {
        NDArray a = layers[index];
        if (a == null) {
            throw new IllegalStateException("layer " + index + " was not requested from this forward pass");
        }
        return a;
    }
}
