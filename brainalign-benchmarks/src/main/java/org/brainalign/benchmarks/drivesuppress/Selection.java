package org.brainalign.benchmarks.drivesuppress;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code n} candidates with the highest predicted response (drive) or the lowest (suppress), in
 * memory bounded by {@code n}: a heap whose root is the weakest member, replaced when a stronger
 * candidate arrives. Ties go to the earlier corpus position, so the result does not depend on the
 * order candidates of equal prediction are offered in.
 */
public final class Selection {
    /** Which end of the predictions is kept. */
    public enum Direction { DRIVE, SUPPRESS }

    private final Direction direction;
    private final int n;
    private final Comparator<Candidate> better;
    private final PriorityQueue<Candidate> heap;

    public Selection(Direction direction, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("--top must be ≥ 1, got " + n);
        }
        this.direction = direction;
        this.n = n;
        Comparator<Candidate> byPrediction = Comparator.comparingDouble(Candidate::predicted);
        Comparator<Candidate> stronger = direction == Direction.DRIVE ? byPrediction : byPrediction.reversed();
        // "better" orders the best first: stronger prediction, then earlier position.
        this.better = stronger.reversed().thenComparingLong(Candidate::position);
        this.heap = new PriorityQueue<>(better.reversed()); // root = worst kept
    }

    public Direction direction() {
        return direction;
    }

    public void offer(Candidate c) {
        if (heap.size() < n) {
            heap.add(c);
        } else if (better.compare(c, heap.peek()) < 0) {
            heap.poll();
            heap.add(c);
        }
    }

    /** The kept candidates, best first. */
    public List<Candidate> ranked() {
        List<Candidate> out = new ArrayList<>(heap);
        out.sort(better);
        return out;
    }

    /** The best kept prediction so far (NaN when empty). */
    public double best() {
        return heap.stream().min(better).map(Candidate::predicted).orElse(Double.NaN);
    }
}
