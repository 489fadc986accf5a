package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Safe look-alikes for GL_THREAD_NOT_JOINED: a thread's result is read without {@code join()}, but another
 * happens-before edge orders the read after the write (a latch the worker counts down after writing), or the
 * value read is one the thread does not write.
 */
public class HappensBeforeLookAlikes {

    private long result;

    /** The worker writes, then counts down; the reader awaits, then reads. */
    public long viaLatch(List<Integer> data) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                result = ResultWithoutJoin.compute(data);
            } finally {
                done.countDown();
            }
        });
        t.start();
        done.await();
        return result;
    }

    /** The thread only writes the progress counter; the size read here was set before start(). */
    public long unrelatedRead(List<Integer> data, AtomicLong progress) {
        long expected = data.size();
        Thread t = new Thread(() -> data.forEach(x -> progress.incrementAndGet()));
        t.start();
        return expected;
    }
}
