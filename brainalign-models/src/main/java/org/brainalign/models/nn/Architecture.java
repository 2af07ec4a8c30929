package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
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
public final class Architecture<C extends ModelConfig> {
    /** Builds a family's model over parameters already in memory layout, owned by {@code manager}. */
    @FunctionalInterface
    public interface Builder<C> {
        TransformerModel build(C config, NDManager manager, Map<String, NDArray> params);
    }

    /**
     * How a family holds a parameter in memory when that differs from HuggingFace's layout (GPT-2
     * transposes its Conv1D weights); the identity for most families.
     */
    public interface MemoryLayout {
        /** The shape a parameter is held in. */
        long[] shape(ParamSpec spec);

        /** Values from HuggingFace's layout (row-major, {@code spec.shape()}) to memory layout. */
        float[] toMemory(ParamSpec spec, float[] values);

        /** Values from memory layout back to HuggingFace's, for writing a checkpoint. */
        float[] toHuggingFace(ParamSpec spec, float[] values);

        /** HuggingFace's own layout. */
        MemoryLayout AS_STORED = new MemoryLayout() {
            @Override
            public long[] shape(ParamSpec spec) {
                return spec.shape();
            }

            @Override
            public float[] toMemory(ParamSpec spec, float[] values) {
                return values;
            }

            @Override
            public float[] toHuggingFace(ParamSpec spec, float[] values) {
                return values;
            }
        };
    }

    private final Class<C> configType;
    private final CheckpointLayout layout;
    private final Function<C, List<ParamSpec>> parameters;
    private final Builder<C> builder;
    private final MemoryLayout memory;

    private Architecture(Class<C> configType, CheckpointLayout layout, Function<C, List<ParamSpec>> parameters,
            Builder<C> builder, MemoryLayout memory) {
        this.configType = configType;
        this.layout = layout;
        this.parameters = parameters;
        this.builder = builder;
        this.memory = memory;
    }

    /** A family whose parameters are held as HuggingFace stores them. */
    public static <C extends ModelConfig> Architecture<C> of(Class<C> configType, CheckpointLayout layout,
            Function<C, List<ParamSpec>> parameters, Builder<C> builder) {
        return new Architecture<>(configType, layout, parameters, builder, MemoryLayout.AS_STORED);
    }

    /** A family that holds some parameters in its own layout. */
    public static <C extends ModelConfig> Architecture<C> of(Class<C> configType, CheckpointLayout layout,
            Function<C, List<ParamSpec>> parameters, Builder<C> builder, MemoryLayout memory) {
        return new Architecture<>(configType, layout, parameters, builder, memory);
    }

    /** The architecture of {@code config}'s family. */
    public static Architecture<?> forConfig(ModelConfig config) {
        return config.family().architecture();
    }

    /** Where a checkpoint of this family keeps its tensors. */
    public CheckpointLayout layout() {
        return layout;
    }

    /** How this family holds its parameters in memory. */
    public MemoryLayout memory() {
        return memory;
    }

    private C cast(ModelConfig config) {
        if (!configType.isInstance(config)) {
            throw new IllegalArgumentException("a " + configType.getSimpleName() + " architecture cannot build a "
                    + config.family().modelType() + " config");
        }
        return configType.cast(config);
    }

    /** Every parameter {@code config} needs. */
    public List<ParamSpec> parameters(ModelConfig config) {
        return parameters.apply(cast(config));
    }

    /**
     * Loads every parameter of {@code config} from {@code source} (which checks the full set and each
     * shape) into {@code manager}, in memory layout and {@code dtype}.
     */
    public Map<String, NDArray> load(ModelConfig config, WeightSource source, NDManager manager, DataType dtype) {
        List<ParamSpec> specs = parameters(config);
        source.expect(specs);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            float[] values = source.load(spec);
            if (values.length != spec.elementCount()) {
                throw new ModelFormatException(source.describe() + ": tensor '" + spec.name() + "' has " + values.length
                        + " values; expected " + spec.elementCount() + " for shape " + spec);
            }
            int nonFinite = 0;
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    nonFinite++;
                }
            }
            if (nonFinite > 0) {
                throw new ModelFormatException(source.describe() + ": tensor '" + spec.name() + "' holds " + nonFinite
                        + " non-finite values (NaN or Inf) of " + values.length + "; such weights give no meaningful activations");
            }
            NDArray a = manager.create(memory.toMemory(spec, values), new Shape(memory.shape(spec)));
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
    public TransformerModel create(ModelConfig config, WeightSource source, NDManager parent) {
        NDManager manager = parent.newSubManager();
        try {
            return builder.build(cast(config), manager, load(config, source, manager, DataType.FLOAT32));
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }
}
