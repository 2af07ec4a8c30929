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
 * {@code (seed, name, k)}, with Box–Muller normals computed in {@code StrictMath}. The values
 * therefore do not depend on thread scheduling, tensor order or the JDK's random-number internals,
 * and blocks are generated in parallel.
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
        switch (spec.init()) {
            case Init.Zeros z -> { }
            case Init.Ones o -> java.util.Arrays.fill(values, 1f);
            case Init.Normal normal -> {
                long tensorSeed = mix(seed ^ mix(spec.name().hashCode() * 0x9E3779B97F4A7C15L));
                int blocks = (int) ((n + BLOCK - 1) / BLOCK);
                IntStream.range(0, blocks).parallel().forEach(k -> fillNormal(values, k, normal.std(), mix(tensorSeed + k)));
                if (normal.zeroRow() >= 0) {
                    long[] shape = spec.shape();
                    int width = (int) (n / shape[0]);
                    java.util.Arrays.fill(values, normal.zeroRow() * width, (normal.zeroRow() + 1) * width, 0f);
                }
            }
        }
        return values;
    }

    private static void fillNormal(float[] values, int block, double std, long blockSeed) {
        SplittableRandom random = new SplittableRandom(blockSeed);
        int from = block * BLOCK;
        int to = Math.min(values.length, from + BLOCK);
        for (int i = from; i < to; i += 2) {
            // Box–Muller: two independent N(0,1) from two uniforms in (0, 1].
            double u1 = 1.0 - random.nextDouble();
            double u2 = random.nextDouble();
            double radius = StrictMath.sqrt(-2.0 * StrictMath.log(u1));
            double angle = 2 * Math.PI * u2;
            values[i] = (float) (std * radius * StrictMath.cos(angle));
            if (i + 1 < to) {
                values[i + 1] = (float) (std * radius * StrictMath.sin(angle));
            }
        }
    }

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
