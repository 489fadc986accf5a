package io.github.gridlock.samples.completion;

import java.util.List;

/**
 * GL_THREAD_NOT_JOINED. Seed {@code 003_99f9c6ad6a7e4c6a.txt}: without {@code t1.join()} "the main thread exits before
 * the child thread". Reading what a thread computes without {@code join()} (or another happens-before edge) reads
 * whatever is there at that moment: usually the initial value, sometimes a half-finished one, and with no visibility
 * guarantee at all. The finding is at the read of the result.
 *
 * @see ResultWithoutJoinFixed
 */
public class ResultWithoutJoin {

    private long result;

    static long compute(List<Integer> data) {
        long sum = 0;
        for (int x : data) {
            sum += x;
        }
        return sum;
    }

    /** Field written by the thread, read right after start(). */
    public long sumInBackground(List<Integer> data) {
        Thread t = new Thread(() -> result = compute(data), "summer");
        t.start();
        return result; // expect: GL_THREAD_NOT_JOINED
    }

    /** A Thread subclass exposing its result through a field. */
    static final class Summer extends Thread {
        private final List<Integer> data;
        long total;

        Summer(List<Integer> data) {
            this.data = data;
        }

        @Override
        public void run() {
            total = compute(data);
        }
    }

    public long subclassResult(List<Integer> data) {
        Summer s = new Summer(data);
        s.start();
        return s.total; // expect: GL_THREAD_NOT_JOINED
    }

    /** Joined on one path only: an array cell written by the thread is read on both. */
    public long maybeJoined(List<Integer> data, boolean wait) throws InterruptedException {
        long[] cell = new long[1];
        Thread t = new Thread(() -> cell[0] = compute(data));
        t.start();
        if (wait) {
            t.join();
        }
        return cell[0]; // expect: GL_THREAD_NOT_JOINED
    }

    /** Sleeping "long enough" is not a join. */
    public long sleepInsteadOfJoin(List<Integer> data) throws InterruptedException {
        Summer s = new Summer(data);
        s.start();
        Thread.sleep(100);
        return s.total; // expect: GL_THREAD_NOT_JOINED
    }

    /** A Runnable task object keeps its result; the starter reads it right away. */
    static final class SumTask implements Runnable {
        private final List<Integer> data;
        long total;

        SumTask(List<Integer> data) {
            this.data = data;
        }

        @Override
        public void run() {
            total = compute(data);
        }
    }

    public long taskResult(List<Integer> data) {
        SumTask task = new SumTask(data);
        new Thread(task, "task").start();
        return task.total; // expect: GL_THREAD_NOT_JOINED
    }

    static long lastTotal;

    /** A static field written by the thread. */
    public long staticResult(List<Integer> data) {
        Thread t = new Thread(() -> lastTotal = compute(data));
        t.start();
        return lastTotal; // expect: GL_THREAD_NOT_JOINED
    }

    private long stored;

    void store(long value) {
        stored = value;
    }

    /** The thread writes through a helper. */
    public long writtenByHelper(List<Integer> data) {
        Thread t = new Thread(() -> store(compute(data)));
        t.start();
        return stored; // expect: GL_THREAD_NOT_JOINED
    }

    /** A holder object captured by the thread's lambda. */
    static final class Holder {
        long value;
    }

    public long capturedHolder(List<Integer> data) {
        Holder h = new Holder();
        Thread t = new Thread(() -> h.value = compute(data));
        t.start();
        return h.value; // expect: GL_THREAD_NOT_JOINED
    }

    private long early;

    /** Joined, but the value is read before the join. */
    public long readBeforeJoin(List<Integer> data) throws InterruptedException {
        Thread t = new Thread(() -> early = compute(data));
        t.start();
        long seen = early; // expect: GL_THREAD_NOT_JOINED
        t.join();
        return seen;
    }
}
