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
 * {@code (seed, name, k)}, with Box–Muller normals defined by {@code StrictMath} (and computed with
 * the faster {@code Math} intrinsics wherever that provably rounds to the same float). The values
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
            double angle = 2 * Math.PI * u2;
            double scaled = std * Math.sqrt(-2.0 * Math.log(u1));
            float first = strictFloat(scaled * Math.cos(angle));
            float second = strictFloat(scaled * Math.sin(angle));
            if (Float.isNaN(first) || Float.isNaN(second)) {
                double strictScaled = std * StrictMath.sqrt(-2.0 * StrictMath.log(u1));
                if (Float.isNaN(first)) {
                    first = (float) (strictScaled * StrictMath.cos(angle));
                }
                if (Float.isNaN(second)) {
                    second = (float) (strictScaled * StrictMath.sin(angle));
                }
            }
            values[i] = first;
            if (i + 1 < to) {
                values[i + 1] = second;
            }
        }
    }

    /**
     * The float that the {@code StrictMath} computation of {@code fast} rounds to, or NaN when that
     * cannot be decided from {@code fast} alone.
     *
     * <p>{@code fast} comes from {@code Math.log}, {@code Math.cos} and {@code Math.sin} (hardware
     * intrinsics, about twice as fast as {@code StrictMath}'s fdlibm). The Java specification bounds
     * both libraries to 1 ulp of the exact result, so through the square root and two products the
     * two doubles differ by less than 2<sup>−48</sup> relative. If the whole interval of width
     * 2<sup>−44</sup>·|fast| around {@code fast} rounds to one float, the strict double rounds to it as
     * well (rounding is monotonic), and the weights stay bit-identical to the {@code StrictMath}
     * definition; otherwise (about once in 10<sup>6</sup> values) the caller recomputes strictly.
     */
    static float strictFloat(double fast) {
        double margin = Math.max(Math.abs(fast) * 0x1p-44, Double.MIN_NORMAL);
        float f = (float) fast;
        return (float) (fast - margin) == f && (float) (fast + margin) == f ? f : Float.NaN;
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
