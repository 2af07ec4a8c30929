package org.brainalign.models.subject;

/**
 * How a transformer subject turns a part's tokens into one row: the hidden state of the part's last
 * token ({@link #LAST}, Brain-Score Language's rule and the default) or the mean over the part's
 * tokens ({@link #MEAN}, the {@code mean-tok} option of Tuckute et al. 2024). Special tokens
 * (BOS, [CLS], [SEP]) never count.
 */
public enum Pooling {
    LAST,
    MEAN;

    /** The name used on the command line and in saved files: {@code last} or {@code mean}. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Parses {@code last} or {@code mean}; anything else is an error naming both. */
    public static Pooling parse(String s) {
        return switch (s) {
            case "last" -> LAST;
            case "mean" -> MEAN;
            default -> throw new IllegalArgumentException("pooling '" + s + "' is not one of: last, mean");
        };
    }
}
