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
}
