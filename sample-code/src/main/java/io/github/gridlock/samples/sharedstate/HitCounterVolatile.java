package io.github.gridlock.samples.sharedstate;

/**
 * GL_VOLATILE_COUNTER. {@code volatile} makes each read and each write visible, but {@code hits++} is still a
 * read followed by a write: two threads can read the same value and both write value + 1. A common
 * misreading of "volatile makes it thread-safe" (the seeds' lost updates of {@code num}/{@code g_num}, with
 * the field declared volatile in the hope of fixing them).
 *
 * @see HitCounterVolatileFixed
 */
public class HitCounterVolatile {

    private volatile int hits;
    private volatile long bytes;
    private static volatile int pending;

    public void onRequest(int size) {
        hits++; // expect: GL_VOLATILE_COUNTER
        bytes += size; // expect: GL_VOLATILE_COUNTER
    }

    public static Runnable track(Runnable job) {
        return () -> {
            pending++; // expect: GL_VOLATILE_COUNTER
            try {
                job.run();
            } finally {
                pending--; // expect: GL_VOLATILE_COUNTER
            }
        };
    }

    public int hits() {
        return hits;
    }

    public long bytes() {
        return bytes;
    }

    public static int pending() {
        return pending;
    }
}
