package org.brainalign.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenBlas}'s products on small matrices with exact results (small integers, so every
 * summation order gives the same floats): row strides wider than the rows (a band of a wider matrix),
 * the transpose flags, and {@code beta} accumulating into or ignoring the output.
 */
class OpenBlasTest {

    @Test
    void sgemmTransposesAndAccumulatesOnStridedMatrices() {
        assumeTrue(OpenBlas.hasSgemm(), "needs OpenBLAS");
        // A [2, 3] inside rows of 4; W [2, 3] used transposed; C = A·Wᵀ + C
        float[] a = {1, 2, 3, 99, 4, 5, 6, 99};
        float[] w = {1, 0, -1, 2, 1, 0};
        float[] c = {10, 20, 30, 40};
        OpenBlas.sgemm(false, true, 2, 2, 3, 1f, MemorySegment.ofArray(a), 4, MemorySegment.ofArray(w), 3, 1f,
                MemorySegment.ofArray(c), 2);
        // row 0: [1·1 + 3·(−1), 1·2 + 2·1] = [−2, 4]; row 1: [4 − 6, 8 + 5] = [−2, 13]
        assertThat(c).containsExactly(8, 24, 28, 53);
    }

    @Test
    void sgemvMultipliesAStridedMatrixByAVector() {
        assumeTrue(OpenBlas.hasSgemv(), "needs OpenBLAS");
        // A [3, 2] inside rows of 3 (the third column is not part of A)
        float[] a = {1, 2, 7, 3, 4, 7, 5, 6, 7};
        float[] x = {10, -1};
        float[] y = {100, 100, 100};
        OpenBlas.sgemv(3, 2, 2f, MemorySegment.ofArray(a), 3, MemorySegment.ofArray(x), 0f, MemorySegment.ofArray(y));
        assertThat(y).containsExactly(16, 52, 88); // 2·[10 − 2, 30 − 4, 50 − 6], the old y ignored
        OpenBlas.sgemv(3, 2, 1f, MemorySegment.ofArray(a), 3, MemorySegment.ofArray(x), 1f, MemorySegment.ofArray(y));
        assertThat(y).containsExactly(24, 78, 132);
    }
}
