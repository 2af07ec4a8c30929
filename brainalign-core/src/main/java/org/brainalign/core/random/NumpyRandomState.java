package org.brainalign.core.random;

/**
 * A port of numpy's legacy {@code np.random.RandomState}: the MT19937 generator seeded with
 * {@code init_genrand} (an integer seed) or {@code init_by_array} (an array seed), and the exact draw procedures numpy uses for {@code random_sample},
 * {@code randint}, {@code permutation}/{@code shuffle}, {@code choice} and {@code randn}.
 *
 * <p>Brain-Score Language builds its cross-validation splits, subject subsets and bootstrap
 * resamples from this stream, so reproducing it bit for bit is what lets a brainalign score use
 * the very same splits as the Python reference for the same seed. The class is not thread-safe;
 * give each computation its own instance, seeded explicitly.
 */
public final class NumpyRandomState {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos;
    private boolean hasGauss;
    private double gauss;

    /** A generator seeded as {@code np.random.RandomState(seed)}; seed must lie in [0, 2^32). */
    public NumpyRandomState(long seed) {
        seed(seed);
    }

    /**
     * A generator seeded as {@code np.random.RandomState(key)} with a 1-d array of unsigned 32-bit
     * values (numpy's legacy array seeding: MT19937's {@code init_by_array}); each {@code int} is
     * read as unsigned. BSL seeds its random word embeddings this way, with a word's sha256 digest.
     */
    public NumpyRandomState(int[] key) {
        if (key.length == 0) {
            throw new IllegalArgumentException("numpy seed array must be non-empty");
        }
        seed(19650218L);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        pos = N;
        hasGauss = false;
        gauss = 0;
    }

    /** Re-seeds as {@code RandomState.seed(seed)}. */
    public void seed(long seed) {
        if (seed < 0 || seed > 0xffffffffL) {
            throw new IllegalArgumentException("numpy seed must be between 0 and 2**32 - 1, got " + seed);
        }
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        pos = N;
        hasGauss = false;
        gauss = 0;
    }

    /** The next raw 32-bit output of MT19937, as an unsigned value in a long. */
    public long nextUint32() {
        if (pos >= N) {
            generate();
        }
        int y = mt[pos++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y & 0xffffffffL;
    }

    private void generate() {
        int kk;
        for (kk = 0; kk < N - M; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + M] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        for (; kk < N - 1; kk++) {
            int y = (mt[kk] & UPPER_MASK) | (mt[kk + 1] & LOWER_MASK);
            mt[kk] = mt[kk + (M - N)] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        }
        int y = (mt[N - 1] & UPPER_MASK) | (mt[0] & LOWER_MASK);
        mt[N - 1] = mt[M - 1] ^ (y >>> 1) ^ ((y & 1) != 0 ? MATRIX_A : 0);
        pos = 0;
    }

    /** {@code random_sample()}: a double in [0, 1) with 53 random bits. */
    public double randomSample() {
        long a = nextUint32() >>> 5;
        long b = nextUint32() >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    /** {@code random_sample(size)}. */
    public double[] randomSample(int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = randomSample();
        }
        return out;
    }

    /** {@code uniform(low, high)}. */
    public double uniform(double low, double high) {
        return low + (high - low) * randomSample();
    }

    /**
     * numpy's {@code random_interval(max)}: a uniform integer in [0, max] by masked rejection
     * sampling on 32-bit (or, above 2^32 - 1, 64-bit) draws.
     */
    public long interval(long max) {
        if (max < 0) {
            throw new IllegalArgumentException("interval bound must be >= 0, got " + max);
        }
        if (max == 0) {
            return 0;
        }
        long mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        mask |= mask >>> 32;
        long value;
        if (max <= 0xffffffffL) {
            do {
                value = nextUint32() & mask;
            } while (value > max);
        } else {
            do {
                value = ((nextUint32() << 32) | nextUint32()) & mask;
            } while (value > max);
        }
        return value;
    }

    /** {@code randint(low, high)}: a uniform integer in [low, high). */
    public long randint(long low, long high) {
        if (high <= low) {
            throw new IllegalArgumentException("randint needs low < high, got low=" + low + " high=" + high);
        }
        return low + interval(high - low - 1);
    }

    /** {@code randint(low, high, size)}. */
    public int[] randint(int low, int high, int size) {
        int[] out = new int[size];
        for (int i = 0; i < size; i++) {
            out[i] = (int) randint(low, high);
        }
        return out;
    }

    /** {@code shuffle(values)} in place: Fisher–Yates from the end, as numpy's legacy shuffle. */
    public void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = (int) interval(i);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    /** {@code permutation(n)}: a shuffled {@code arange(n)}. */
    public int[] permutation(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        shuffle(out);
        return out;
    }

    /**
     * {@code choice(populationSize, size, replace)} without probabilities: with replacement it is
     * {@code randint(0, populationSize, size)}, without it the first {@code size} entries of
     * {@code permutation(populationSize)}.
     */
    public int[] choice(int populationSize, int size, boolean replace) {
        if (populationSize <= 0) {
            throw new IllegalArgumentException("choice needs a non-empty population, got " + populationSize);
        }
        if (replace) {
            return randint(0, populationSize, size);
        }
        if (size > populationSize) {
            throw new IllegalArgumentException(
                    "cannot take a larger sample (" + size + ") than the population (" + populationSize + ") without replacement");
        }
        int[] perm = permutation(populationSize);
        int[] out = new int[size];
        System.arraycopy(perm, 0, out, 0, size);
        return out;
    }

    /** {@code randn()}: a standard normal by Marsaglia's polar method, caching the second value. */
    public double standardNormal() {
        if (hasGauss) {
            hasGauss = false;
            return gauss;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * randomSample() - 1.0;
            x2 = 2.0 * randomSample() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * Math.log(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    /** {@code randn(size)}. */
    public double[] randn(int size) {
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = standardNormal();
        }
        return out;
    }
}
