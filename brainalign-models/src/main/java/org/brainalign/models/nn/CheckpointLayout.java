package org.brainalign.models.nn;

import java.util.List;
import java.util.regex.Pattern;
import org.brainalign.models.safetensors.TensorStore;

/**
 * Where one family's tensors sit in a HuggingFace checkpoint: the prefix of its parameter keys
 * ({@code transformer.}), the other prefixes HuggingFace writes for the same weights under other head
 * classes, and the checkpoint keys that may stay unused (attention-mask buffers, tied or absent
 * heads, poolers).
 *
 * @param canonicalPrefix prefix of the family's {@link ParamSpec} names
 * @param alternativePrefixes other prefixes HuggingFace writes for the same weights
 * @param ignorable checkpoint keys allowed to stay unused
 */
public record CheckpointLayout(String canonicalPrefix, List<String> alternativePrefixes, Pattern ignorable) {
    public CheckpointLayout {
        alternativePrefixes = List.copyOf(alternativePrefixes);
    }

    /** This layout's weights in {@code store}, read key by key and shape-checked. */
    public CheckpointWeights weights(TensorStore store) {
        return new CheckpointWeights(store, canonicalPrefix, alternativePrefixes, ignorable);
    }
}
