package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.ExecutorService;

/**
 * GL_VOLATILE_COUNTER. {@code volatile} makes each read and each write visible, but {@code hits++} is still a
 * read followed by a write: two threads can read the same value and both write value + 1. A common
 * misreading of "volatile makes it thread-safe" (the seeds' lost updates of {@code num}/{@code g_num}, with
 * the field declared volatile in the hope of fixing them). {@code onRequest} and {@code track} are reported at low
 * priority: only the callers run them, and nothing in the program shows two callers' threads at once (the rule on
 * docs/patterns/GL_VOLATILE_COUNTER.md, "What counts as two threads"); {@code serveAll} hands the same update to a
 * pool, whose threads the analysis names: normal priority.
 *
 * @see HitCounterVolatileFixed
 */
public class HitCounterVolatile {

    private volatile int hits;
    private volatile long bytes;
    private static volatile int pending;
    private volatile long served;

    public void onRequest(int size) {
        hits++; // expect-low: GL_VOLATILE_COUNTER
        bytes += size; // expect-low: GL_VOLATILE_COUNTER
    }

    /** The pool runs the requests at once. */
    public void serveAll(ExecutorService pool, List<Integer> sizes) {
        for (Integer size : sizes) {
            pool.execute(() -> served += size); // expect: GL_VOLATILE_COUNTER
        }
    }

    public static Runnable track(Runnable job) {
        return () -> {
            pending++; // expect-low: GL_VOLATILE_COUNTER
            try {
                job.run();
            } finally {
                pending--; // expect-low: GL_VOLATILE_COUNTER
            }
        };
    }

    public int hits() {
        return hits;
    }

    public long bytes() {
        return bytes;
    }

    public long served() {
        return served;
    }

    public static int pending() {
        return pending;
    }
}
