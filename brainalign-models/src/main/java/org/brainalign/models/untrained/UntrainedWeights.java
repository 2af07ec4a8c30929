package org.brainalign.models.untrained;

import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.brainalign.models.nn.Init;
import org.brainalign.models.nn.ParamSpec;
import org.brainalign.models.nn.WeightSource;

/**
 * Weights of an untrained model, initialised as HuggingFace's {@code _init_weights} does (normal
 * with {@code initializer_range}, GPT-2's residual projections scaled, zero biases, unit norms,
 * zeroed padding rows), from a seed.
 *
 * <p>Bit-reproducible: each tensor is cut into blocks of {@value #BLOCK} elements and block
 * {@code k} of tensor {@code name} draws from its own SplitMix64 stream seeded by
 * {@code (seed, name, k)}, with Box–Muller normals defined by {@code StrictMath} (see
 * {@link #strictNormal}). They are computed by {@link BoxMuller}'s vectorised log and sine/cosine,
 * which differ from {@code StrictMath} by less than 2<sup>−48</sup> relative: wherever the whole
 * 2<sup>−44</sup>-relative neighbourhood of a value rounds to one float, the definition rounds to it
 * as well (rounding is monotonic), and the rest (about one value in 10<sup>6</sup>) are recomputed
 * strictly. The values therefore do not depend on the CPU, thread scheduling, tensor order or the
 * JDK's math intrinsics, and blocks are generated in parallel.
 */
public final class UntrainedWeights implements WeightSource {

    static final int BLOCK = 1 << 16;

    private final long seed;

    public UntrainedWeights(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** Each tensor's values depend only on the seed and its name, so they may be drawn in any order, when first used. */
    @Override
    public boolean drawsOnDemand() {
        return true;
    }

    @Override
    public void expect(List<ParamSpec> specs) {
        // Every spec is generated; nothing can be missing or extra.
    }

    @Override
    public float[] load(ParamSpec spec) {
        long n = spec.elementCount();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("parameter " + spec + " has " + n + " elements, more than one array can hold");
        }
        float[] values = new float[(int) n];
        stream(spec, (offset, chunk, count) -> System.arraycopy(chunk, 0, values, (int) offset, count));
        return values;
    }

    /**
     * Generates the values in parallel tasks of {@value #TASK_BLOCKS} consecutive blocks, handing each
     * task's range to {@code sink} as it is made: ranges of half a million values span whole rows of
     * every weight matrix, which a transposing memory layout needs to write tile by tile (a single
     * block is ten rows of gpt2-xl's MLP weight).
     */
    @Override
    public void stream(ParamSpec spec, Chunks sink) {
        long n = spec.elementCount();
        long tasks = (n + TASK_BLOCKS * (long) BLOCK - 1) / (TASK_BLOCKS * (long) BLOCK);
        if (tasks > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("parameter " + spec + " has " + n + " elements, too many blocks");
        }
        long tensorSeed = mix(seed ^ mix(spec.name().hashCode() * 0x9E3779B97F4A7C15L));
        IntStream.range(0, (int) tasks).parallel().forEach(task -> {
            float[] values = SCRATCH.get().values;
            long start = (long) task * TASK_BLOCKS * BLOCK;
            int filled = 0;
            for (long k = start / BLOCK; filled < values.length && start + filled < n; k++) {
                int count = (int) Math.min(BLOCK, n - start - filled);
                fillBlock(spec, tensorSeed, k, values, filled, count);
                filled += count;
            }
            sink.accept(start, values, filled);
        });
    }

    /** Blocks per parallel task of {@link #stream}. */
    static final int TASK_BLOCKS = 8;

    /** Block {@code k} of {@code spec} ({@code count} values) into {@code into[at, at + count)}. */
    private static void fillBlock(ParamSpec spec, long tensorSeed, long k, float[] into, int at, int count) {
        switch (spec.init()) {
            case Init.Zeros z -> java.util.Arrays.fill(into, at, at + count, 0f);
            case Init.Ones o -> java.util.Arrays.fill(into, at, at + count, 1f);
            case Init.Normal normal -> {
                fillNormal(into, at, count, normal.std(), mix(tensorSeed + k));
                if (normal.zeroRow() >= 0) { // the padding row, where it overlaps this block
                    long offset = k * BLOCK;
                    long width = spec.elementCount() / spec.shape()[0];
                    long from = Math.max(offset, normal.zeroRow() * width);
                    long to = Math.min(offset + count, (normal.zeroRow() + 1) * width);
                    if (from < to) {
                        java.util.Arrays.fill(into, at + (int) (from - offset), at + (int) (to - offset), 0f);
                    }
                }
            }
        }
    }

    /** A block's {@code count} values (its SplitMix64 stream seeded {@code blockSeed}) into {@code values[at, at + count)}. */
    private static void fillNormal(float[] values, int at, int count, double std, long blockSeed) {
        SplittableRandom random = new SplittableRandom(blockSeed);
        Scratch w = SCRATCH.get();
        for (int from = 0; from < count; from += 2 * CHUNK) {
            int pairs = Math.min(CHUNK, (count - from + 1) / 2);
            for (int j = 0; j < pairs; j++) {
                w.u1[j] = 1.0 - random.nextDouble();
                w.u2[j] = random.nextDouble();
            }
            w.boxMuller.radius(w.u1, pairs, std, w.radius);
            w.boxMuller.normals(w.radius, w.u2, pairs, w.first, w.second, w.widthFirst, w.widthSecond);
            for (int j = 0; j < pairs; j++) {
                int i = at + from + 2 * j;
                values[i] = w.widthFirst[j] == 0 ? w.first[j] : strictNormal(w.u1[j], w.u2[j], std, true);
                if (i + 1 < at + count) {
                    values[i + 1] = w.widthSecond[j] == 0 ? w.second[j] : strictNormal(w.u1[j], w.u2[j], std, false);
                }
            }
        }
    }

    /** The definition: Box–Muller in {@code StrictMath}, the cosine half ({@code first}) or the sine half. */
    static float strictNormal(double u1, double u2, double std, boolean first) {
        double scaled = std * StrictMath.sqrt(-2.0 * StrictMath.log(u1));
        double angle = 2 * Math.PI * u2;
        return (float) (scaled * (first ? StrictMath.cos(angle) : StrictMath.sin(angle)));
    }

    /** Pairs handled per pass of the vector loops: small enough that their arrays stay in the core's cache. */
    private static final int CHUNK = 1024;

    /** One thread's arrays for {@link #fillNormal}. */
    private static final class Scratch {
        final double[] u1 = new double[CHUNK];
        final double[] u2 = new double[CHUNK];
        final double[] radius = new double[CHUNK];
        final BoxMuller boxMuller = new BoxMuller(CHUNK);
        /** One task's values ({@value #TASK_BLOCKS} blocks), handed to the sink. */
        final float[] values = new float[TASK_BLOCKS * BLOCK];
        final float[] first = new float[CHUNK];
        final float[] second = new float[CHUNK];
        final float[] widthFirst = new float[CHUNK];
        final float[] widthSecond = new float[CHUNK];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public String describe() {
        return "untrained (HF init, seed " + seed + ")";
    }
}
