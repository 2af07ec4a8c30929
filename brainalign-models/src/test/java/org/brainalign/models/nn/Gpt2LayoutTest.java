package org.brainalign.models.nn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** GPT-2's Conv1D weights between HuggingFace's [in, out] and the [out, in] held in memory. */
class Gpt2LayoutTest {

    @Test
    void transposeMovesEveryElementToItsMirroredIndex() {
        // Shapes around and across the 64-wide tiles, including a single row and a single column.
        int[][] shapes = {{1, 1}, {1, 200}, {200, 1}, {63, 65}, {64, 64}, {130, 77}, {768, 2304}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            float[] a = new float[rows * cols];
            for (int i = 0; i < a.length; i++) {
                a[i] = i;
            }
            float[] t = Gpt2Model.transpose(a, rows, cols);
            int misplaced = 0;
            for (int r = 0; r < rows; r++) {
                for (int c = 0; c < cols; c++) {
                    if (t[c * rows + r] != r * cols + c) {
                        misplaced++;
                    }
                }
            }
            assertThat(misplaced).as("misplaced elements of %dx%d", rows, cols).isZero();
            assertThat(java.util.Arrays.equals(Gpt2Model.transpose(t, cols, rows), a)).as("round trip of %dx%d", rows, cols).isTrue();
        }
    }

    /**
     * The memory layout's write takes a Conv1D weight in any ranges of HuggingFace's row-major order
     * (as a source streams it): ranges inside one row, ending on a row boundary, spanning many rows
     * with partial rows at both ends, and ranges of one element. Every element lands on its mirrored
     * index, and nothing else is written.
     */
    @Test
    void conv1DWeightWrittenInArbitraryRangesLandsTransposed() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        Architecture.MemoryLayout layout = Gpt2Model.ARCHITECTURE.memory();
        int[][] shapes = {{1, 1}, {3, 200}, {200, 3}, {130, 77}, {768, 2304}};
        for (int[] shape : shapes) {
            int rows = shape[0];
            int cols = shape[1];
            ParamSpec spec = new ParamSpec("transformer.h.0.mlp.c_fc.weight", new long[] {rows, cols}, Init.ZEROS);
            int n = rows * cols;
            for (int trial = 0; trial < 20; trial++) {
                float[] target = new float[n];
                java.util.Arrays.fill(target, Float.NaN);
                java.lang.foreign.MemorySegment memory = java.lang.foreign.MemorySegment.ofArray(target);
                for (int start = 0; start < n; ) {
                    int count = switch (trial % 4) {
                        case 0 -> 1 + random.nextInt(Math.max(1, cols - 1)); // mostly within a row
                        case 1 -> cols; // whole rows, aligned or not
                        case 2 -> 1 + random.nextInt(Math.max(1, n / 3)); // many rows, ragged ends
                        default -> 1 + random.nextInt(3); // a few elements
                    };
                    count = Math.min(count, n - start);
                    float[] values = new float[count + 5]; // longer than count: only the first count are read
                    for (int i = 0; i < values.length; i++) {
                        values[i] = i < count ? start + i : -1;
                    }
                    layout.write(spec, start, values, count, memory);
                    start += count;
                }
                int misplaced = 0;
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        if (target[c * rows + r] != r * cols + c) {
                            misplaced++;
                        }
                    }
                }
                assertThat(misplaced).as("misplaced elements of %dx%d, trial %d", rows, cols, trial).isZero();
            }
        }
    }
}
