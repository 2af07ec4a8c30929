package org.brainalign.models.baseline;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.brainalign.core.digest.Sha256;
import org.brainalign.core.random.NumpyRandomState;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.SubjectOutput;

/**
 * BSL's {@code randomembedding-100} / {@code randomembedding-1600} baseline, exactly: every word has
 * a fixed random vector and a part is the mean of its words' vectors, with no context. Words are
 * found by BSL's rule (as {@link GloveSubject#words} with no lower-casing: split on whitespace,
 * {@code . ? ! , :} removed, trailing {@code '} and {@code s} stripped). A word's vector is BSL's
 * {@code WordToEmbedding}: numpy's {@code RandomState} seeded with the word's UTF-8 sha256 digest read
 * as eight little-endian unsigned 32-bit values, then {@code random(dims)} (uniform on [0, 1)); the
 * mean adds the words' vectors in order and divides by their count, as {@code np.mean(axis=0)}
 * does. With a seed other than 0 the seed array is the digest followed by the seed's low and high
 * 32 bits (seed 0 is BSL's). One layer, {@code embedding}; neural recordings only.
 */
public final class RandomEmbeddingSubject implements NeuralOnlySubject {
    private final int dims;
    private final long seed;

    public RandomEmbeddingSubject(int dims, long seed) {
        if (dims < 1) {
            throw new IllegalArgumentException("random embedding needs at least 1 dimension, got " + dims);
        }
        this.dims = dims;
        this.seed = seed;
    }

    @Override
    public String kind() {
        return "a random word-embedding baseline";
    }

    @Override
    public String id() {
        return "randomembedding-" + dims + (seed == 0 ? "" : "@" + seed);
    }


    @Override
    public SubjectOutput digestText(List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("digestText needs at least one part");
        }
        float[] out = new float[parts.size() * dims];
        for (int p = 0; p < parts.size(); p++) {
            List<String> words = GloveSubject.words(parts.get(p), false);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("part " + p + " has no words: '" + parts.get(p) + "'");
            }
            double[] sum = new double[dims];
            for (String w : words) {
                double[] v = vector(w);
                for (int d = 0; d < dims; d++) {
                    sum[d] += v[d];
                }
            }
            for (int d = 0; d < dims; d++) {
                out[p * dims + d] = (float) (sum[d] / words.size());
            }
        }
        return new SubjectOutput(parts, List.of(new LayerActivations("embedding", parts.size(), dims, out)), new double[0],
                List.of());
    }

    /** The word's fixed vector: {@code RandomState(sha256 words).random(dims)}. */
    double[] vector(String word) {
        byte[] digest = Sha256.digest(word.getBytes(StandardCharsets.UTF_8));
        int[] key = new int[seed == 0 ? 8 : 10];
        ByteBuffer.wrap(digest).order(ByteOrder.LITTLE_ENDIAN).asIntBuffer().get(key, 0, 8);
        if (seed != 0) {
            key[8] = (int) seed;
            key[9] = (int) (seed >>> 32);
        }
        return new NumpyRandomState(key).randomSample(dims);
    }
}
