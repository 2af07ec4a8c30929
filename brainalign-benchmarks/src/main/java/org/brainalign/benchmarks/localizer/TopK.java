package org.brainalign.benchmarks.localizer;

/**
 * How many units a localizer keeps: an absolute count ({@code 4096}, SUMA's and BSL's default) or a
 * fraction of all candidate units in (0, 1) ({@code 0.1}, BSL PR #402). Parsed from the command line
 * form: an integer ≥ 1 or a decimal in (0, 1).
 */
public record TopK(long count, double fraction) {
    public TopK {
        if ((count > 0) == (fraction > 0) || count < 0 || fraction < 0 || fraction >= 1) {
            throw new IllegalArgumentException("top-k is either a count >= 1 or a fraction in (0, 1)");
        }
    }

    public static TopK parse(String text) {
        try {
            if (text.matches("\\d+")) {
                return new TopK(Long.parseLong(text), 0);
            }
            double f = Double.parseDouble(text);
            if (f > 0 && f < 1) {
                return new TopK(0, f);
            }
        } catch (NumberFormatException ignored) {
            // fall through to the error below
        }
        throw new IllegalArgumentException("--top-k must be a count (e.g. 4096) or a fraction in (0, 1) (e.g. 0.1), got '" + text + "'");
    }

    /** The number of units to keep out of {@code total}. */
    public long of(long total) {
        long k = count > 0 ? count : (long) Math.floor(fraction * total);
        if (k < 1 || k > total) {
            throw new IllegalArgumentException("top-k " + this + " selects " + k + " of " + total + " units; need 1.." + total);
        }
        return k;
    }

    @Override
    public String toString() {
        return count > 0 ? Long.toString(count) : Double.toString(fraction);
    }
}
