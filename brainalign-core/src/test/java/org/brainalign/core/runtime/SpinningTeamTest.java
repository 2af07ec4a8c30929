package org.brainalign.core.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.Test;

/**
 * {@link SpinningTeam}: every item of every loop runs exactly once, whether the helpers are awake
 * or have parked since the last loop; a worker number belongs to one thread at a time, and the
 * caller is worker 0; failures reach the caller after the loop; a body cannot start a loop on its
 * own team (refused, not deadlocked); a closed team refuses work.
 */
class SpinningTeamTest {

    @Test
    void everyItemRunsOnceAcrossAwakeAndParkedHelpers() throws InterruptedException {
        try (SpinningTeam team = new SpinningTeam(3, "test-team")) {
            assertThat(team.size()).isEqualTo(3);
            for (int loop = 0; loop < 400; loop++) {
                int items = 1 + loop % 37;
                AtomicIntegerArray runs = new AtomicIntegerArray(items);
                AtomicReferenceArray<Thread> owner = new AtomicReferenceArray<>(team.size());
                AtomicIntegerArray overlap = new AtomicIntegerArray(1);
                Thread caller = Thread.currentThread();
                team.run(items, (item, worker) -> {
                    assertThat(worker).isBetween(0, team.size() - 1);
                    Thread was = owner.compareAndExchange(worker, null, Thread.currentThread());
                    if (was != null && was != Thread.currentThread()) {
                        overlap.incrementAndGet(0);
                    }
                    if ((worker == 0) != (Thread.currentThread() == caller)) {
                        overlap.incrementAndGet(0);
                    }
                    runs.incrementAndGet(item);
                });
                for (int i = 0; i < items; i++) {
                    assertThat(runs.get(i)).as("loop %d item %d", loop, i).isEqualTo(1);
                }
                assertThat(overlap.get(0)).as("worker numbers shared between threads in loop %d", loop).isZero();
                if (loop % 100 == 99) {
                    // long enough for the helpers to stop spinning and park
                    Thread.sleep(3 * SpinningTeam.SPIN_NANOS / 1_000_000 + 5);
                }
            }
        }
    }

    @Test
    void helpersShareTheWorkOfLongItems() {
        try (SpinningTeam team = new SpinningTeam(2, "test-team")) {
            Set<Thread> threads = ConcurrentHashMap.newKeySet();
            for (int attempt = 0; attempt < 50 && threads.size() < 2; attempt++) {
                team.run(8, (item, worker) -> {
                    threads.add(Thread.currentThread());
                    long until = System.nanoTime() + 2_000_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                });
            }
            assertThat(threads).as("threads that ran items").hasSize(2);
        }
    }

    @Test
    void failuresReachTheCallerAfterTheLoop() {
        try (SpinningTeam team = new SpinningTeam(2, "test-team")) {
            AtomicIntegerArray runs = new AtomicIntegerArray(1);
            assertThatThrownBy(() -> team.run(50, (item, worker) -> {
                runs.incrementAndGet(0);
                if (item == 7) {
                    throw new IllegalArgumentException("item 7 is bad");
                }
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("item 7 is bad");
            assertThat(runs.get(0)).as("items run before the failure stopped the loop").isBetween(1, 50);
            assertThatThrownBy(() -> team.run(4, (item, worker) -> {
                throw new AssertionError("an error");
            })).isInstanceOf(AssertionError.class).hasMessage("an error");
            assertThatThrownBy(() -> team.run(4, (item, worker) -> sneakyThrow(new IOException("checked"))))
                    .isInstanceOf(IllegalStateException.class).hasCauseInstanceOf(IOException.class);
            // the team still works after failures
            AtomicIntegerArray after = new AtomicIntegerArray(10);
            team.run(10, (item, worker) -> after.incrementAndGet(item));
            for (int i = 0; i < 10; i++) {
                assertThat(after.get(i)).isEqualTo(1);
            }
        }
    }

    @Test
    void aBodyThatStartsALoopOnItsOwnTeamIsRefused() {
        try (SpinningTeam team = new SpinningTeam(2, "test-team")) {
            // from the caller (worker 0) and from a helper (worker 1): each item waits until its
            // worker's nested call has been tried, so both kinds happen
            java.util.concurrent.atomic.AtomicIntegerArray refused = new java.util.concurrent.atomic.AtomicIntegerArray(2);
            for (int attempt = 0; attempt < 200 && (refused.get(0) == 0 || refused.get(1) == 0); attempt++) {
                assertThatThrownBy(() -> team.run(16, (item, worker) -> {
                    long until = System.nanoTime() + 200_000;
                    while (System.nanoTime() < until) {
                        Thread.onSpinWait();
                    }
                    try {
                        team.run(2, (i, w) -> { });
                    } catch (IllegalStateException e) {
                        refused.incrementAndGet(worker);
                        throw e;
                    }
                })).isInstanceOf(IllegalStateException.class).hasMessageContaining("its own team");
            }
            assertThat(refused.get(0)).as("refusals on the caller").isPositive();
            assertThat(refused.get(1)).as("refusals on the helper").isPositive();
        }
    }

    @Test
    void oneThreadRunsEverythingOnTheCallerAndAClosedTeamRefuses() {
        SpinningTeam team = new SpinningTeam(1, "test-team");
        Thread caller = Thread.currentThread();
        AtomicIntegerArray runs = new AtomicIntegerArray(5);
        team.run(5, (item, worker) -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            assertThat(worker).isZero();
            runs.incrementAndGet(item);
        });
        for (int i = 0; i < 5; i++) {
            assertThat(runs.get(i)).isEqualTo(1);
        }
        team.close();
        assertThatThrownBy(() -> team.run(1, (item, worker) -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
        assertThatThrownBy(() -> new SpinningTeam(0, "none")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("got 0");
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }
}
