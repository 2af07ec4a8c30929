package org.brainalign.benchmarks.drivesuppress;

import java.util.Arrays;

/**
 * A set of {@code long} keys in one open-addressing array (8 bytes per slot, at most half full): the
 * duplicate filter of a corpus search, which must hold millions of sentence keys and be written to a
 * checkpoint. Key 0 is stored as a separate flag.
 */
public final class LongSet {
    private long[] slots = new long[1 << 10];
    private int size;
    private boolean hasZero;

    /** Adds {@code key}; true if it was not present. */
    public boolean add(long key) {
        if (key == 0) {
            boolean added = !hasZero;
            hasZero = true;
            size += added ? 1 : 0;
            return added;
        }
        if (2L * (size + 1) > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        int i = (int) (mix(key) & mask);
        while (slots[i] != 0) {
            if (slots[i] == key) {
                return false;
            }
            i = (i + 1) & mask;
        }
        slots[i] = key;
        size++;
        return true;
    }

    public boolean contains(long key) {
        if (key == 0) {
            return hasZero;
        }
        int mask = slots.length - 1;
        int i = (int) (mix(key) & mask);
        while (slots[i] != 0) {
            if (slots[i] == key) {
                return true;
            }
            i = (i + 1) & mask;
        }
        return false;
    }

    public int size() {
        return size;
    }

    /** The keys in ascending order (for a checkpoint that does not depend on the table's layout). */
    public long[] sorted() {
        long[] out = new long[size];
        int k = 0;
        if (hasZero) {
            out[k++] = 0;
        }
        for (long s : slots) {
            if (s != 0) {
                out[k++] = s;
            }
        }
        Arrays.sort(out);
        return out;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[old.length * 2];
        int kept = size - (hasZero ? 1 : 0);
        size = hasZero ? 1 : 0;
        for (long s : old) {
            if (s != 0) {
                add(s);
            }
        }
        assert size == kept + (hasZero ? 1 : 0);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 33)) * 0xff51afd7ed558ccdL;
        return z ^ (z >>> 33);
    }
}
