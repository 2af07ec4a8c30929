package org.brainalign.models.baseline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.brainalign.core.subject.LayerActivations;
import org.brainalign.core.subject.SubjectOutput;
import org.brainalign.models.vectors.WordVectors;

/**
 * BSL's word-embedding baseline ({@code glove-840b}, its {@code EmbeddingSubject}) over any GloVe
 * text file: a part's representation is the mean of its words' vectors, with no context. Words are
 * found exactly as BSL finds them — split on whitespace, the characters {@code . ? ! , :} removed
 * anywhere in the word, then every trailing {@code '} and {@code s} stripped (Python's
 * {@code rstrip("'s")}, which turns "Lewis's" into "Lewi" and also "was" into "wa"; kept because it is
 * what BSL scores) — and, because the 6B vectors are uncased, lower-cased first when the file has no
 * upper-case words. A word the file lacks counts as a zero vector in the mean (BSL's
 * {@code _GensimLookup}; anchors.md's summary says NaN, the code gives zeros). One layer,
 * {@code projection}; neural recordings only.
 */
public final class GloveSubject implements NeuralOnlySubject {
    /** Python's {@code str.split()} splits on Unicode whitespace. */
    private static final java.util.regex.Pattern WHITESPACE = java.util.regex.Pattern.compile("(?U)\\s+");
    private final WordVectors vectors;
    private final boolean lowercase;
    private long words;
    private long unknown;
    private boolean warned;
    private String firstUnknown;

    /**
     * @param vectors the word vectors (owned by the caller)
     * @param lowercase whether words are lower-cased before the lookup (for uncased vocabularies)
     */
    public GloveSubject(WordVectors vectors, boolean lowercase) {
        this.vectors = vectors;
        this.lowercase = lowercase;
    }

    @Override
    public String kind() {
        return "a GloVe word-vector model";
    }

    @Override
    public String id() {
        return "glove:" + vectors.file().getFileName();
    }

    @Override
    public SubjectOutput digestText(List<String> parts) {
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("digestText needs at least one part");
        }
        int dims = vectors.dims();
        long wordsBefore = words, unknownBefore = unknown;
        float[] out = new float[parts.size() * dims];
        for (int p = 0; p < parts.size(); p++) {
            List<String> ws = words(parts.get(p), lowercase);
            if (ws.isEmpty()) {
                throw new IllegalArgumentException("part " + p + " has no words: '" + parts.get(p) + "'");
            }
            double[] mean = new double[dims];
            for (String w : ws) {
                words++;
                Optional<float[]> v = vectors.vector(w);
                if (v.isEmpty()) {
                    unknown++;
                    firstUnknown = firstUnknown == null ? w : firstUnknown;
                    continue; // a zero vector, still counted in the mean
                }
                for (int d = 0; d < dims; d++) {
                    mean[d] += v.get()[d];
                }
            }
            for (int d = 0; d < dims; d++) {
                out[p * dims + d] = (float) (mean[d] / ws.size());
            }
        }
        if (unknown > unknownBefore && !warned) {
            // BSL logs every unknown word; one line per subject (per benchmark) says that some have no vector.
            warned = true;
            System.err.printf(Locale.ROOT, "%s: %d of the first %d words have no vector in %s (e.g. '%s') and count as zero "
                    + "vectors (BSL's rule)%n", id(), unknown - unknownBefore, words - wordsBefore, vectors.file().getFileName(),
                    firstUnknown);
        }
        return new SubjectOutput(parts, List.of(new LayerActivations("projection", parts.size(), dims, out)), new double[0],
                List.of());
    }

    /** Words looked up so far, and how many of them the file lacks. */
    public long[] coverage() {
        return new long[] {words, unknown};
    }

    /** The words of a part as BSL's {@code EmbeddingSubject._encode_sentence} looks them up. */
    public static List<String> words(String part, boolean lowercase) {
        List<String> out = new ArrayList<>();
        for (String raw : WHITESPACE.split(part.strip())) {
            if (raw.isEmpty()) {
                continue;
            }
            String w = raw.replaceAll("[.?!,:]", "");
            if (lowercase) {
                w = w.toLowerCase(Locale.ROOT);
            }
            int end = w.length();
            while (end > 0 && (w.charAt(end - 1) == '\'' || w.charAt(end - 1) == 's')) {
                end--;
            }
            out.add(w.substring(0, end));
        }
        return out;
    }
}
