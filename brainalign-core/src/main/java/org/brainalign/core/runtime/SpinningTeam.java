package org.brainalign.core.runtime;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed team of threads for the many short parallel loops of one forward pass: the caller works
 * alongside {@code size − 1} helper threads that, between loops, spin on the CPU for a short while
 * ({@link #SPIN_NANOS}) before they park. A forward pass at 32 tokens runs about 100 such loops of
 * 0.1–1 ms each, separated by serial work; a thread pool whose idle workers park pays a wake-up on
 * every loop, and on virtual machines that wake-up (an idle vCPU halted by the hypervisor) cost a
 * quarter of a millisecond each time — a third of the pass at T = 32 (AMD EPYC, 2 vCPUs; see the
 * docs/performance.md). Items are handed out one at a time from a shared counter, so a
 * slow or descheduled thread delays a loop by at most one item. Which thread runs an item never
 * changes what it computes; callers that need scratch space index it by the worker number they are
 * given (0 is the caller, 1… the helpers). One loop runs at a time ({@link #run} is synchronized);
 * the first failure of any item is rethrown to the caller once every item has finished. A body must
 * not start a loop on its own team: that is refused with an exception rather than left to deadlock.
 */
public final class SpinningTeam implements AutoCloseable {
    /** How long an idle helper spins, checking for the next loop, before it parks. */
    public static final long SPIN_NANOS = 2_000_000;

    /** The work of one loop: item {@code item}, run on the thread numbered {@code worker}. */
    @FunctionalInterface
    public interface Body {
        void run(int item, int worker);
    }

    /** One loop: its body, its item count, the next item to hand out and the items finished. */
    private static final class Loop {
        final Body body;
        final int items;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger finished = new AtomicInteger();
        volatile Throwable failure;

        Loop(Body body, int items) {
            this.body = body;
            this.items = items;
        }

        /** Runs items until none are left. */
        void work(int worker) {
            for (int i = next.getAndIncrement(); i < items; i = next.getAndIncrement()) {
                try {
                    if (failure == null) {
                        body.run(i, worker);
                    }
                } catch (Throwable t) {
                    synchronized (this) {
                        if (failure == null) {
                            failure = t;
                        }
                    }
                } finally {
                    finished.incrementAndGet();
                }
            }
        }
    }

    private final Thread[] helpers;
    /** Per helper: whether it is parked (or about to park) and must be unparked for a new loop. */
    private final AtomicInteger[] parked;
    private volatile Loop current;
    private volatile boolean closed;
    /** Whether the caller is inside a loop's items (guarded by this team's lock). */
    private boolean running;

    /**
     * A team of {@code size} threads: the caller of {@link #run} and {@code size − 1} daemon helpers
     * named {@code name-1…}, started now.
     */
    public SpinningTeam(int size, String name) {
        if (size < 1) {
            throw new IllegalArgumentException("a team needs at least one thread, got " + size);
        }
        helpers = new Thread[size - 1];
        parked = new AtomicInteger[size - 1];
        for (int h = 0; h < helpers.length; h++) {
            int worker = h + 1;
            parked[h] = new AtomicInteger();
            helpers[h] = Thread.ofPlatform().daemon().name(name + "-" + worker).unstarted(() -> helperLoop(worker));
            helpers[h].start();
        }
    }

    /** Threads that run a loop: the caller and the helpers. */
    public int size() {
        return helpers.length + 1;
    }

    /**
     * Runs {@code body} for items 0…{@code items}−1 over the team and returns when all have finished.
     *
     * @throws IllegalStateException when the team is closed, or when called from one of its own
     *     loop bodies
     * @throws RuntimeException or {@link Error}: the first that an item threw (checked throwables wrapped)
     */
    public void run(int items, Body body) {
        // checked before taking the lock, which the caller of the running loop holds
        if (java.util.Arrays.asList(helpers).contains(Thread.currentThread())) {
            throw new IllegalStateException("a loop body started a loop on its own team of threads");
        }
        synchronized (this) {
            runLocked(items, body);
        }
    }

    private void runLocked(int items, Body body) {
        if (closed) {
            throw new IllegalStateException("this team of threads is closed");
        }
        if (running) {
            throw new IllegalStateException("a loop body started a loop on its own team of threads");
        }
        if (items <= 0) {
            return;
        }
        Loop loop = new Loop(body, items);
        if (helpers.length > 0 && items > 1) {
            current = loop;
            for (int h = 0; h < helpers.length; h++) {
                if (parked[h].get() != 0) {
                    LockSupport.unpark(helpers[h]);
                }
            }
        }
        running = true;
        try {
            loop.work(0);
        } finally {
            running = false;
        }
        for (int spins = 1; loop.finished.get() < items; spins++) {
            pause(spins);
        }
        Throwable t = loop.failure;
        if (t instanceof RuntimeException e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
        if (t != null) {
            throw new IllegalStateException(t);
        }
    }

    private void helperLoop(int worker) {
        AtomicInteger myParked = parked[worker - 1];
        Loop last = null;
        while (!closed) {
            Loop loop = current;
            if (loop != last && loop != null) {
                last = loop;
                loop.work(worker);
                continue;
            }
            long until = System.nanoTime() + SPIN_NANOS;
            for (int spins = 1; current == last && !closed && System.nanoTime() < until; spins++) {
                pause(spins);
            }
            if (current == last && !closed) {
                // announce the park, then look again: run() either sees the flag and unparks, or has
                // already published a loop that this check sees
                myParked.set(1);
                if (current == last && !closed) {
                    LockSupport.park(this);
                }
                myParked.set(0);
            }
        }
    }

    /**
     * One step of a spin-wait: a CPU pause, and every {@value #SPINS_PER_YIELD}th time a yield, so
     * that where threads outnumber the processors (a vCPU shared with another, a CPU quota) the
     * thread being waited for gets to run.
     */
    private static void pause(int spins) {
        if (spins % SPINS_PER_YIELD == 0) {
            Thread.yield();
        } else {
            Thread.onSpinWait();
        }
    }

    private static final int SPINS_PER_YIELD = 256;

    /** Stops the helpers (after any loop in progress). */
    @Override
    public void close() {
        closed = true;
        current = null; // the last loop's body need not outlive the team
        for (Thread h : helpers) {
            LockSupport.unpark(h);
        }
    }
}
