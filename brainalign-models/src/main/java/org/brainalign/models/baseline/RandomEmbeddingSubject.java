package org.brainalign.models.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.SubjectOutput;

/**
 * BSL's {@code randomembedding-100} / {@code randomembedding-1600} baseline: every word has a fixed
 * random vector and a part is the mean of its words' vectors, with no context. Words are the part's
 * whitespace tokens, lower-cased, with surrounding punctuation stripped (a token that is only
 * punctuation is kept as it is). A word's vector is N(0, 1) per dimension, drawn from a SplitMix64
 * stream seeded by the word and the subject's seed, so it needs no vocabulary file and every word
 * has one (BSL draws from a fixed vocabulary and returns NaN for unknown words). One layer,
 * {@code embedding}; neural recordings only.
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
            List<String> words = words(parts.get(p));
            if (words.isEmpty()) {
                throw new IllegalArgumentException("part " + p + " has no words: '" + parts.get(p) + "'");
            }
            double[] mean = new double[dims];
            for (String w : words) {
                double[] v = vector(w);
                for (int d = 0; d < dims; d++) {
                    mean[d] += v[d] / words.size();
                }
            }
            for (int d = 0; d < dims; d++) {
                out[p * dims + d] = (float) mean[d];
            }
        }
        return new SubjectOutput(parts, List.of(new LayerActivations("embedding", parts.size(), dims, out)), new double[0],
                List.of());
    }

    /** The words of a part, as the embedding looks them up. */
    static List<String> words(String part) {
        List<String> out = new ArrayList<>();
        for (String raw : part.trim().split("\\s+")) {
            if (raw.isEmpty()) {
                continue;
            }
            String stripped = raw.replaceAll("^[\\p{Punct}\u2018\u2019\u201c\u201d]+|[\\p{Punct}\u2018\u2019\u201c\u201d]+$", "");
            out.add((stripped.isEmpty() ? raw : stripped).toLowerCase(Locale.ROOT));
        }
        return out;
    }

    /** The word's fixed vector. */
    double[] vector(String word) {
        long state = seed * 0x9E3779B97F4A7C15L ^ word.hashCode() * 0xC2B2AE3D27D4EB4FL ^ word.length();
        double[] v = new double[dims];
        for (int d = 0; d < dims; d += 2) {
            state += 0x9E3779B97F4A7C15L;
            double u1 = ((mix(state) >>> 11) + 1) / 9007199254740993.0;
            state += 0x9E3779B97F4A7C15L;
            double u2 = (mix(state) >>> 11) / 9007199254740992.0;
            double r = Math.sqrt(-2 * Math.log(u1));
            v[d] = r * Math.cos(2 * Math.PI * u2);
            if (d + 1 < dims) {
                v[d + 1] = r * Math.sin(2 * Math.PI * u2);
            }
        }
        return v;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
