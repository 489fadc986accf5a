package io.github.gridlock.samples.completion;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Safe look-alikes for GL_THREAD_NOT_JOINED: a thread's result is read without {@code join()}, but another
 * happens-before edge orders the read after the write (a latch the worker counts down after writing, a future's
 * result, a volatile or atomic flag the worker sets after writing, a join in a helper or on every branch, the same
 * lock on both sides), or the value read is one the thread does not write (read before start, or only read by it).
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

    private long joinedResult;

    /** Joined on both branches. */
    public long joinedOnEveryBranch(List<Integer> data, boolean quick) throws InterruptedException {
        Thread t = new Thread(() -> joinedResult = ResultWithoutJoin.compute(data));
        t.start();
        if (quick) {
            t.join();
        } else {
            t.join();
            Thread.yield();
        }
        return joinedResult;
    }

    private long helperJoined;

    static void awaitEnd(Thread t) throws InterruptedException {
        t.join();
    }

    /** Joined in a helper. */
    public long joinedInHelper(List<Integer> data) throws InterruptedException {
        Thread t = new Thread(() -> helperJoined = ResultWithoutJoin.compute(data));
        t.start();
        awaitEnd(t);
        return helperJoined;
    }

    private long taskResult;

    /** A FutureTask run by a thread: get() orders the read after the task. */
    public long viaFutureTask(List<Integer> data) throws InterruptedException, ExecutionException {
        FutureTask<Long> task = new FutureTask<>(() -> taskResult = ResultWithoutJoin.compute(data), null);
        new Thread(task).start();
        task.get();
        return taskResult;
    }

    private long flaggedResult;
    private volatile boolean done;

    /** The worker writes, then sets a volatile flag; the reader spins on the flag, then reads. */
    public long viaVolatileFlag(List<Integer> data) {
        Thread t = new Thread(() -> publish(ResultWithoutJoin.compute(data)));
        t.start();
        while (!done) {
            Thread.onSpinWait();
        }
        return flaggedResult;
    }

    void publish(long value) {
        flaggedResult = value;
        done = true;
    }

    private long atomicResult;
    private final AtomicBoolean ready = new AtomicBoolean();

    /** The same with an atomic flag. */
    public long viaAtomicFlag(List<Integer> data) {
        Thread t = new Thread(() -> publishAtomically(ResultWithoutJoin.compute(data)));
        t.start();
        while (!ready.get()) {
            Thread.onSpinWait();
        }
        return atomicResult;
    }

    void publishAtomically(long value) {
        atomicResult = value;
        ready.set(true);
    }

    private final Object lock = new Object();
    private long guarded;

    /** Written and read under the same lock: no data race (the reader may see the old value, by design). */
    public long sameLockBothSides(List<Integer> data) {
        Thread t = new Thread(() -> storeGuarded(ResultWithoutJoin.compute(data)));
        t.start();
        synchronized (lock) {
            return guarded;
        }
    }

    void storeGuarded(long value) {
        synchronized (lock) {
            guarded = value;
        }
    }

    private long before;

    /** Read before the thread starts. */
    public long readBeforeStart(List<Integer> data) {
        long seen = before;
        Thread t = new Thread(() -> before = ResultWithoutJoin.compute(data));
        t.start();
        return seen;
    }

    private List<Integer> input;

    /** The thread only reads the field the starter reads too. */
    public int bothOnlyRead(List<Integer> data) {
        input = data;
        Thread t = new Thread(() -> ResultWithoutJoin.compute(input));
        t.start();
        return input.size();
    }
}
