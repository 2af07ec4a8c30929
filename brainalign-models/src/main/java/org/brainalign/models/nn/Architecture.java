package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.brainalign.models.ModelFormatException;
import org.brainalign.models.config.ModelConfig;

/**
 * Everything brainalign knows about one transformer family besides its config record, kept beside
 * the family's forward pass (each model class has its {@code ARCHITECTURE}): the parameters it needs
 * (HuggingFace keys, shapes, initialisation), where a checkpoint keeps them ({@link #layout()}), how
 * a tensor is held in memory when that differs from HuggingFace's layout (GPT-2's Conv1D weights),
 * and how to build the model. A family is registered by one line in
 * {@link org.brainalign.models.config.Family}.
 *
 * @param <C> the family's config record
 */
public abstract class Architecture<C extends ModelConfig> {
    private final Class<C> configType;
    private final CheckpointLayout layout;

    protected Architecture(Class<C> configType, CheckpointLayout layout) {
        this.configType = configType;
        this.layout = layout;
    }

    /** The architecture of {@code config}'s family. */
    public static Architecture<?> of(ModelConfig config) {
        return config.family().architecture();
    }

    /** Every parameter the family needs, with HuggingFace keys, shapes and initialisation. */
    protected abstract List<ParamSpec> parametersOf(C config);

    /** The model over parameters already in memory layout, owned by {@code manager}. */
    protected abstract TransformerModel build(C config, NDManager manager, Map<String, NDArray> params);

    /** Where a checkpoint of this family keeps its tensors. */
    public CheckpointLayout layout() {
        return layout;
    }

    /** The shape a parameter is held in memory (HuggingFace's unless the family transposes it). */
    public long[] memoryShape(ParamSpec spec) {
        return spec.shape();
    }

    /** A parameter's values from HuggingFace's layout (row-major, {@code spec.shape()}) to memory layout. */
    public float[] toMemory(ParamSpec spec, float[] values) {
        return values;
    }

    /** A parameter's values from memory layout back to HuggingFace's, for writing a checkpoint. */
    public float[] toHuggingFace(ParamSpec spec, float[] values) {
        return values;
    }

    private C cast(ModelConfig config) {
        if (!configType.isInstance(config)) {
            throw new IllegalArgumentException("a " + configType.getSimpleName() + " architecture cannot build a "
                    + config.family().modelType() + " config");
        }
        return configType.cast(config);
    }

    /** Every parameter {@code config} needs. */
    public final List<ParamSpec> parameters(ModelConfig config) {
        return parametersOf(cast(config));
    }

    /**
     * Loads every parameter of {@code config} from {@code source} (which checks the full set and each
     * shape) into {@code manager}, in memory layout and {@code dtype}.
     */
    public final Map<String, NDArray> load(ModelConfig config, WeightSource source, NDManager manager, DataType dtype) {
        List<ParamSpec> specs = parameters(config);
        source.expect(specs);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            float[] values = source.load(spec);
            if (values.length != spec.elementCount()) {
                throw new ModelFormatException(source.describe() + ": tensor '" + spec.name() + "' has " + values.length
                        + " values; expected " + spec.elementCount() + " for shape " + spec);
            }
            NDArray a = manager.create(toMemory(spec, values), new Shape(memoryShape(spec)));
            if (dtype != DataType.FLOAT32) {
                NDArray converted = a.toType(dtype, false);
                a.close();
                a = converted;
            }
            params.put(spec.name(), a);
        }
        return params;
    }

    /** Builds {@code config}'s model with weights from {@code source}, resident in a new child manager of {@code parent}. */
    public final TransformerModel create(ModelConfig config, WeightSource source, NDManager parent) {
        NDManager manager = parent.newSubManager();
        try {
            return build(cast(config), manager, load(config, source, manager, DataType.FLOAT32));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
