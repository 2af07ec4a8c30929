package org.brainalign.models.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.brainalign.core.runtime.HugePages;
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
        /** Elements per parallel task when a layout copies or checks a large range. */
        int PARALLEL_CHUNK = 1 << 20;

        /** The shape a parameter is held in. */
        long[] shape(ParamSpec spec);

        /**
         * Writes {@code count} values that start at element {@code offset} of HuggingFace's layout
         * (row-major, {@code spec.shape()}) to where memory layout keeps them in {@code target}; any
         * range, whole rows or not. Large ranges are written in parallel: {@code target} is usually
         * fresh memory, whose first writes are the expensive part of loading a large model.
         */
        void write(ParamSpec spec, long offset, float[] values, int count, MemorySegment target);

        /** Values from memory layout back to HuggingFace's, for writing a checkpoint. */
        float[] toHuggingFace(ParamSpec spec, float[] values);

        /** Copies {@code values[0, count)} to elements {@code [offset, offset + count)} of {@code target}. */
        static void copyInto(long offset, float[] values, int count, MemorySegment target) {
            int chunk = PARALLEL_CHUNK;
            chunkIndices(count).forEach(k -> {
                int from = k * chunk;
                MemorySegment.copy(values, from, target, ValueLayout.JAVA_FLOAT_UNALIGNED, (offset + from) * Float.BYTES,
                        Math.min(chunk, count - from));
            });
        }

        /** HuggingFace's own layout. */
        MemoryLayout AS_STORED = new MemoryLayout() {
            @Override
            public long[] shape(ParamSpec spec) {
                return spec.shape();
            }

            @Override
            public void write(ParamSpec spec, long offset, float[] values, int count, MemorySegment target) {
                copyInto(offset, values, count, target);
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
        source.expect(specs); // a checkpoint that does not match config.json is named as such before any size is judged
        requireMemory(specs, source);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            NDArray a = tensorOf(spec, source, manager);
            if (dtype != DataType.FLOAT32) {
                NDArray converted = a.toType(dtype, false);
                a.close();
                a = converted;
            }
            params.put(spec.name(), a);
        }
        return params;
    }

    /**
     * Refuses, before anything is allocated, weights that could not fit in this machine's memory as
     * float32 (a 7–8 B model needs 28–32 GB), instead of letting the kernel kill the process midway.
     */
    private static void requireMemory(List<ParamSpec> specs, WeightSource source) {
        requireMemory(specs.stream().mapToLong(ParamSpec::elementCount).sum() * Float.BYTES, "float32", source);
    }

    private static void requireMemory(long bytes, String held, WeightSource source) {
        long physical = ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getTotalMemorySize();
        if (physical > 0 && bytes > physical) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "%s: the weights need %.1f GB as %s and "
                    + "this machine has %.1f GB of memory; use a machine with more memory, a smaller model, or a bf16/fp16 checkpoint "
                    + "(held as 16-bit)", source.describe(), bytes / 1e9, held, physical / 1e9));
        }
    }

    /**
     * A float32 tensor of {@code manager} holding {@code spec}'s values in memory layout: libtorch
     * allocates it (uninitialised), {@code source} streams the values ({@link WeightSource#stream})
     * and {@link MemoryLayout#write} puts each range in place, after checking it holds no NaN or
     * infinity. {@code NDManager.create(float[], …)} would stage the values in a zero-filled direct
     * buffer that counts against the JVM's direct-memory limit. The tensor's memory is first advised
     * to use huge pages (see {@link HugePages}): filling fresh memory 4 KiB page by page cost
     * gpt2-xl's load about 26 s on a virtual machine.
     */
    private NDArray tensorOf(ParamSpec spec, WeightSource source, NDManager manager) {
        Shape shape = new Shape(memory.shape(spec));
        NDArray a = manager.create(shape, DataType.FLOAT32);
        try {
            ByteBuffer view = a.toByteBuffer(true);
            if (!view.isDirect() || view.capacity() != spec.elementCount() * Float.BYTES) {
                throw new IllegalStateException("libtorch gave no direct view of a new " + shape + " tensor");
            }
            MemorySegment target = MemorySegment.ofBuffer(view);
            HugePages.advise(target);
            fill(spec, source, (offset, values, count) -> memory.write(spec, offset, values, count, target));
            return a;
        } catch (RuntimeException e) {
            a.close();
            throw e;
        }
    }

    /**
     * Streams {@code spec}'s values from {@code source} into {@code writer}, range by range, checking
     * that each range lies inside the tensor, and after the last one that every value came and none
     * is NaN or infinite.
     */
    private static void fill(ParamSpec spec, WeightSource source, WeightSource.Chunks writer) {
        LongAdder written = new LongAdder();
        LongAdder nonFinite = new LongAdder();
        source.stream(spec, (offset, values, count) -> {
            if (offset < 0 || count < 0 || offset + count > spec.elementCount()) {
                throw new ModelFormatException(source.describe() + ": tensor '" + spec.name() + "' gave values "
                        + offset + ".." + (offset + count) + "; expected " + spec.elementCount() + " for shape " + spec);
            }
            nonFinite.add(countNonFinite(values, count));
            writer.accept(offset, values, count);
            written.add(count);
        });
        checkWritten(spec, source, written.sum(), nonFinite.sum());
    }

    /** A tensor's values were all finite and all there. */
    private static void checkWritten(ParamSpec spec, WeightSource source, long written, long nonFinite) {
        if (nonFinite > 0) {
            throw new ModelFormatException(source.describe() + ": tensor '" + spec.name() + "' holds " + nonFinite
                    + " non-finite values (NaN or Inf) of " + spec.elementCount() + "; such weights give no meaningful activations");
        }
        if (written != spec.elementCount()) {
            throw new ModelFormatException(source.describe() + ": tensor '" + spec.name() + "' has " + written
                    + " values; expected " + spec.elementCount() + " for shape " + spec);
        }
    }

    /** The indices of the {@link MemoryLayout#PARALLEL_CHUNK}-element chunks of {@code count} elements, parallel when more than one. */
    private static IntStream chunkIndices(int count) {
        int chunk = MemoryLayout.PARALLEL_CHUNK;
        IntStream range = IntStream.range(0, (count + chunk - 1) / chunk);
        return count > chunk ? range.parallel() : range;
    }

    /** How many of {@code values[0, count)} are NaN or infinite (in parallel for large ranges). */
    private static long countNonFinite(float[] values, int count) {
        int chunk = MemoryLayout.PARALLEL_CHUNK;
        return chunkIndices(count).mapToLong(k -> {
            long found = 0;
            for (int i = k * chunk, end = Math.min(count, i + chunk); i < end; i++) {
                if (!Float.isFinite(values[i])) {
                    found++;
                }
            }
            return found;
        }).sum();
    }

    /** Builds {@code config}'s model with weights from {@code source}, resident in a new child manager of {@code parent}. */
    public TransformerModel create(ModelConfig config, WeightSource source, NDManager parent) {
        return create(config, source, parent, null);
    }

    /**
     * Builds {@code config}'s model with its matrices (every parameter of two or more dimensions) held
     * as 16-bit {@code half} values ({@link HalfTensor}; null: everything float32), vectors (norms,
     * biases) as float32. Only a family that keeps parameters in HuggingFace's layout can hold them as
     * 16-bit (GPT-2's transposed Conv1D weights stay float32).
     */
    public TransformerModel create(ModelConfig config, WeightSource source, NDManager parent, HalfTensor.Kind half) {
        if (half != null && memory != MemoryLayout.AS_STORED) {
            throw new IllegalArgumentException(config.family().modelType() + " keeps its weights in its own memory layout and "
                    + "cannot hold them as 16-bit values");
        }
        NDManager manager = parent.newSubManager();
        java.lang.foreign.Arena arena = half == null ? null : java.lang.foreign.Arena.ofShared();
        try {
            Map<String, HalfTensor> compact = new LinkedHashMap<>();
            Map<String, NDArray> resident = half == null ? load(config, source, manager, DataType.FLOAT32)
                    : loadCompact(config, source, manager, arena, half, compact);
            TransformerModel model = builder.build(cast(config), manager, resident);
            if (half != null) {
                model.holdCompact(compact, arena);
            }
            return model;
        } catch (RuntimeException e) {
            manager.close();
            if (arena != null) {
                arena.close();
            }
            throw e;
        }
    }

    /**
     * One matrix as 16-bit values: the source's own bytes when it stores them in {@code half} (a
     * memory-mapped checkpoint: no copy; every value checked finite once), else drawn when first used
     * for a generated source, else rounded from the source's float32 values into {@code arena}.
     */
    private static HalfTensor compactTensor(ParamSpec spec, WeightSource source, java.lang.foreign.Arena arena,
            HalfTensor.Kind half) {
        java.util.Optional<MemorySegment> stored = source.stored16(spec, half);
        if (stored.isPresent()) {
            HalfTensor view = HalfTensor.view(half, spec.shape(), stored.get());
            checkWritten(spec, source, spec.elementCount(), view.countNonFinite());
            return view;
        }
        if (source.drawsOnDemand()) {
            return HalfTensor.deferred(arena, half, spec.shape(), h -> fill(spec, source, h::write));
        }
        HalfTensor h = HalfTensor.allocate(arena, half, spec.shape());
        fill(spec, source, h::write);
        return h;
    }

    /** Vectors into float32 tensors of {@code manager}, matrices into {@code compact} as 16-bit values in {@code arena}. */
    private Map<String, NDArray> loadCompact(ModelConfig config, WeightSource source, NDManager manager,
            java.lang.foreign.Arena arena, HalfTensor.Kind half, Map<String, HalfTensor> compact) {
        List<ParamSpec> specs = parameters(config);
        long bytes = specs.stream().mapToLong(s -> s.elementCount() * (s.shape().length >= 2 ? 2 : Float.BYTES)).sum();
        source.expect(specs);
        requireMemory(bytes, half.name() + " (matrices) and float32 (vectors)", source);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (ParamSpec spec : specs) {
            if (spec.shape().length < 2) {
                params.put(spec.name(), tensorOf(spec, source, manager));
                continue;
            }
            compact.put(spec.name(), compactTensor(spec, source, arena, half));
        }
        return params;
    }
}
