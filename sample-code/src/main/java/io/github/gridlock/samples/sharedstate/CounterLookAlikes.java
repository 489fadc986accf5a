package io.github.gridlock.samples.sharedstate;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_UNSYNCHRONIZED_COUNTER (and what SpotBugs' {@code AT_*} detectors flag on real
 * libraries): unlocked {@code ++}/{@code +=} that no second thread can run at the same time. A class with no thread
 * at all, a counter written before the thread that reads it is started, a private helper called only under the lock,
 * a lock handle taken in try-with-resources (Jetty's {@code AutoLock}), a task object per thread, a counter bumped
 * after the task's future was awaited, and an immutable value "added to" by making a new one.
 */
public class CounterLookAlikes {

    private final Object lock = new Object();
    private final AutoLock guard = new AutoLock();
    private int attempts;
    private int recorded;
    private int handled;
    private int collected;

    /** Single-threaded: nothing in the program runs it on two threads, and it takes no lock. */
    public static final class PageCounter {
        private int pages;
        private long words;

        public void addPage(int wordCount) {
            pages++;
            words += wordCount;
        }

        public int pages() {
            return pages;
        }
    }

    /** Counted before start(): the thread that reads the field does not exist yet. */
    public void countThenStart(List<String> items) {
        for (String s : items) {
            attempts += s.length();
        }
        new Thread(() -> System.out.println(attempts)).start();
    }

    /** The helper is private and every caller holds {@code lock} around it. */
    public void record(ExecutorService pool, List<String> items) {
        for (String s : items) {
            pool.execute(() -> {
                synchronized (lock) {
                    bump();
                }
            });
        }
    }

    private void bump() {
        recorded++;
    }

    /** A lock handle: {@code lock()} returns the handle holding the lock, {@code close()} releases it. */
    static final class AutoLock implements AutoCloseable {
        private final ReentrantLock lock = new ReentrantLock();

        AutoLock lock() {
            lock.lock();
            return this;
        }

        @Override
        public void close() {
            lock.unlock();
        }
    }

    public void handleAll(ExecutorService pool, List<String> items) {
        for (String s : items) {
            pool.execute(this::handleOne);
        }
    }

    private void handleOne() {
        try (AutoLock held = guard.lock()) {
            handled++;
        }
    }

    /** A task object per thread: each counts into its own field. */
    static final class Chunk implements Runnable {
        private int done;

        @Override
        public void run() {
            for (int i = 0; i < 100; i++) {
                done++;
            }
        }
    }

    public void twoChunks() throws InterruptedException {
        Thread a = new Thread(new Chunk());
        Thread b = new Thread(new Chunk());
        a.start();
        b.start();
        a.join();
        b.join();
    }

    /** The task's increment and the caller's are ordered by the future's get(). */
    public int collectThenCount(ExecutorService pool) throws Exception {
        Future<?> task = pool.submit(() -> collected++);
        task.get();
        collected++;
        return collected;
    }

    /** Immutable: "adding" makes a new object; no field is ever written after construction. */
    static final class Score {
        private final int points;

        Score(int points) {
            this.points = points;
        }

        Score plus(int more) {
            return new Score(points + more);
        }
    }

    public void scoreInParallel(ExecutorService pool, Score base) {
        pool.execute(() -> System.out.println(base.plus(1).points));
        pool.execute(() -> System.out.println(base.plus(2).points));
    }
}
