package org.brainalign.benchmarks.drivesuppress;

/**
 * Counts of values in {@code bins} equal bins over [{@code lo}, {@code hi}), with the values below
 * and above counted apart: the distribution of a corpus's predicted responses in constant memory.
 */
public final class Histogram {
    private final double lo;
    private final double hi;
    private final long[] counts;
    private long below;
    private long above;

    public Histogram(double lo, double hi, int bins) {
        if (!(hi > lo) || bins < 1) {
            throw new IllegalArgumentException("histogram needs lo < hi and ≥ 1 bin, got [" + lo + ", " + hi + "), " + bins);
        }
        this.lo = lo;
        this.hi = hi;
        this.counts = new long[bins];
    }

    public void add(double v) {
        if (v < lo) {
            below++;
        } else if (v >= hi) {
            above++;
        } else {
            counts[Math.min(counts.length - 1, (int) ((v - lo) / (hi - lo) * counts.length))]++;
        }
    }

    public double lo() {
        return lo;
    }

    public double hi() {
        return hi;
    }

    public long[] counts() {
        return counts.clone();
    }

    public long below() {
        return below;
    }

    public long above() {
        return above;
    }

    public long total() {
        long t = below + above;
        for (long c : counts) {
            t += c;
        }
        return t;
    }

    /** Restores counts read from a checkpoint. */
    void restore(long[] counts, long below, long above) {
        if (counts.length != this.counts.length) {
            throw new IllegalArgumentException("checkpoint histogram has " + counts.length + " bins, expected " + this.counts.length);
        }
        System.arraycopy(counts, 0, this.counts, 0, counts.length);
        this.below = below;
        this.above = above;
    }
}
