package org.brainalign.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** {@link HugePages}: advice only where it can apply, and memory contents untouched by it. */
class HugePagesTest {

    @Test
    void heapAndSmallSegmentsAreLeftAlone() {
        assertThat(HugePages.advise(MemorySegment.ofArray(new float[4 << 20]))).isFalse();
        try (Arena arena = Arena.ofConfined()) {
            assertThat(HugePages.advise(arena.allocate(64 << 10))).isFalse();
        }
    }

    @Test
    void aLargeNativeBufferIsAdvisedAndKeepsItsValues() {
        assumeTrue(Files.exists(Path.of("/sys/kernel/mm/transparent_hugepage/enabled")), "needs Linux with transparent huge pages");
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(32L << 20, 64);
            for (long i = 0; i < buffer.byteSize() / Float.BYTES; i += 4096) {
                buffer.setAtIndex(ValueLayout.JAVA_FLOAT, i, i);
            }
            // an unaligned view: the advice covers the whole pages inside it
            assertThat(HugePages.advise(buffer.asSlice(12, buffer.byteSize() - 100))).isTrue();
            for (long i = 0; i < buffer.byteSize() / Float.BYTES; i += 4096) {
                assertThat(buffer.getAtIndex(ValueLayout.JAVA_FLOAT, i)).isEqualTo((float) i);
            }
        }
    }
}
