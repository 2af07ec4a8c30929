package org.brainalign.models.train;

import java.util.SplittableRandom;

/**
 * A tokenized text split into a training part (the first {@code 1 − validationFraction} of the
 * tokens) and a validation part (the rest), with the batches both are read in.
 *
 * <p>Training batches are B windows of T + 1 tokens at random offsets; the offsets of step
 * {@code s} depend only on {@code (seed, s)}, so a resumed run sees exactly the batches the
 * uninterrupted run would have seen. Validation uses fixed, non-overlapping windows from the start
 * of the validation part.
 */
public final class TokenCorpus {

    /** One batch: inputs [B][T] and their next tokens [B][T]. */
    public record Batch(long[][] inputs, long[][] targets) {
    }

    private final long[] train;
    private final long[] validation;

    /**
     * @param tokens the whole text's token ids
     * @param validationFraction share of tokens, taken from the end, held out for validation
     * @param context T, the window length a batch row is trained on
     */
    public TokenCorpus(long[] tokens, double validationFraction, int context) {
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must lie in (0, 1), got " + validationFraction);
        }
        int cut = (int) Math.round(tokens.length * (1 - validationFraction));
        if (cut < context + 1 || tokens.length - cut < context + 1) {
            throw new IllegalArgumentException("the text has " + tokens.length + " tokens; training and validation parts each"
                    + " need more than the context of " + context + " tokens (use a longer text or a smaller --context)");
        }
        this.train = java.util.Arrays.copyOfRange(tokens, 0, cut);
        this.validation = java.util.Arrays.copyOfRange(tokens, cut, tokens.length);
    }

    public int trainTokens() {
        return train.length;
    }

    public int validationTokens() {
        return validation.length;
    }

    /** The training batch of step {@code step}: {@code batch} windows at offsets drawn from {@code (seed, step)}. */
    public Batch trainBatch(long seed, int step, int batch, int context) {
        SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + step);
        long[][] in = new long[batch][];
        long[][] out = new long[batch][];
        for (int b = 0; b < batch; b++) {
            int offset = rng.nextInt(train.length - context);
            in[b] = java.util.Arrays.copyOfRange(train, offset, offset + context);
            out[b] = java.util.Arrays.copyOfRange(train, offset + 1, offset + context + 1);
        }
        return new Batch(in, out);
    }

    /** How many non-overlapping validation windows of {@code context} tokens exist. */
    public int validationWindows(int context) {
        return (validation.length - 1) / context;
    }

    /** Validation windows {@code first … first + count − 1} as one batch. */
    public Batch validationBatch(int first, int count, int context) {
        long[][] in = new long[count][];
        long[][] out = new long[count][];
        for (int b = 0; b < count; b++) {
            int offset = (first + b) * context;
            in[b] = java.util.Arrays.copyOfRange(validation, offset, offset + context);
            out[b] = java.util.Arrays.copyOfRange(validation, offset + 1, offset + context + 1);
        }
        return new Batch(in, out);
    }
}
