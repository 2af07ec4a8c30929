package org.brainalign.models.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.safetensors.TensorInfo;
import org.brainalign.models.safetensors.TensorStore;

/**
 * Parameters read from a safetensors checkpoint, key by key. HuggingFace saves the same weights
 * under different prefixes depending on the head class ({@code GPT2LMHeadModel} writes
 * {@code transformer.h.0…}, {@code GPT2Model} writes {@code h.0…}; {@code BertForPreTraining}
 * writes {@code bert.embeddings…}); the prefix is detected once from the embedding key. Every
 * expected key must exist with exactly the expected shape, and every checkpoint key must be either
 * used or one of the family's known unused tensors (heads, poolers, cached buffers); anything else
 * is an error naming the key.
 */
public final class CheckpointWeights implements WeightSource {

    private final TensorStore store;
    private final String canonicalPrefix;
    private final List<String> alternativePrefixes;
    private final Pattern ignorable;
    private final Map<String, String> resolved = new HashMap<>();

    /**
     * @param store the checkpoint
     * @param canonicalPrefix prefix of the family's spec names (e.g. {@code transformer.})
     * @param alternativePrefixes other prefixes HF writes for the same weights (e.g. {@code ""})
     * @param ignorable checkpoint keys that are allowed to stay unused
     */
    public CheckpointWeights(TensorStore store, String canonicalPrefix, List<String> alternativePrefixes,
                             Pattern ignorable) {
        this.store = store;
        this.canonicalPrefix = canonicalPrefix;
        this.alternativePrefixes = List.copyOf(alternativePrefixes);
        this.ignorable = ignorable;
    }

    @Override
    public void expect(List<ParamSpec> specs) {
        String prefix = detectPrefix(specs);
        List<String> missing = new ArrayList<>();
        for (ParamSpec spec : specs) {
            String key = spec.name().startsWith(canonicalPrefix) ? prefix + spec.name().substring(canonicalPrefix.length())
                    : spec.name();
            if (!store.contains(key)) {
                missing.add(key);
                continue;
            }
            TensorInfo info = store.info(key);
            if (!Arrays.equals(info.shape(), spec.shape())) {
                throw new ModelFormatException(store.describe() + ": tensor '" + key + "' has shape " + info.shapeString()
                        + " but config.json implies " + Arrays.toString(spec.shape()));
            }
            if (!info.dtype().isFloat()) {
                throw new ModelFormatException(store.describe() + ": tensor '" + key + "' has dtype " + info.dtype()
                        + "; expected F32, F16 or BF16");
            }
            resolved.put(spec.name(), key);
        }
        if (!missing.isEmpty()) {
            throw new ModelFormatException(store.describe() + ": checkpoint is missing " + missing.size() + " tensor(s) that "
                    + "config.json requires, e.g. '" + missing.getFirst() + "'" + (missing.size() > 1 ? " (all: " + abbreviate(missing) + ")" : ""));
        }
        Set<String> unexpected = new LinkedHashSet<>(store.keys());
        unexpected.removeAll(resolved.values());
        unexpected.removeIf(k -> ignorable.matcher(k).matches());
        if (!unexpected.isEmpty()) {
            throw new ModelFormatException(store.describe() + ": checkpoint has " + unexpected.size()
                    + " tensor(s) this architecture does not use, e.g. '" + unexpected.iterator().next()
                    + "' (does config.json describe this checkpoint?)");
        }
    }

    private String detectPrefix(List<ParamSpec> specs) {
        String probe = specs.getFirst().name();
        if (!probe.startsWith(canonicalPrefix) || store.contains(probe)) {
            return canonicalPrefix;
        }
        String rest = probe.substring(canonicalPrefix.length());
        for (String alternative : alternativePrefixes) {
            if (store.contains(alternative + rest)) {
                return alternative;
            }
        }
        return canonicalPrefix; // reported as missing keys by expect()
    }

    private static String abbreviate(List<String> keys) {
        return keys.size() <= 8 ? keys.toString() : keys.subList(0, 8) + " and " + (keys.size() - 8) + " more";
    }

    @Override
    public float[] load(ParamSpec spec) {
        return store.floats(key(spec));
    }

    /** The checkpoint key {@link #expect} resolved for {@code spec}. */
    private String key(ParamSpec spec) {
        String key = resolved.get(spec.name());
        if (key == null) {
            throw new IllegalStateException("parameter " + spec.name() + " was not announced through expect()");
        }
        return key;
    }

    /** The mapped bytes of a tensor the checkpoint stores as {@code kind} (BF16 or F16), without a copy. */
    @Override
    public java.util.Optional<java.lang.foreign.MemorySegment> stored16(ParamSpec spec, HalfTensor.Kind kind) {
        String key = key(spec);
        TensorInfo info = store.info(key);
        boolean same = switch (kind) {
            case BF16 -> info.dtype() == org.brainalign.models.safetensors.DType.BF16;
            case F16 -> info.dtype() == org.brainalign.models.safetensors.DType.F16;
        };
        return same ? java.util.Optional.of(store.bytes(key)) : java.util.Optional.empty();
    }

    @Override
    public String describe() {
        return store.describe();
    }
}
