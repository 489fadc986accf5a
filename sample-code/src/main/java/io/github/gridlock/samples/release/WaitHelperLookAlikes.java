package io.github.gridlock.samples.release;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Look-alikes for GL_WAIT_WITHOUT_LOOP, and two findings: waits and signals in helpers that only their own class can
 * call, whose callers loop or hold the lock. The loop (or the lock) is one call up, and every caller of the helper is
 * in the analysed code, so the helper is judged at its callers:
 * <ul>
 * <li>a timed wait helper whose callers all re-test in a loop (commons-pool2's {@code GenericObjectPool.wait(Object,
 * Duration)} called in {@code create()}'s {@code while});</li>
 * <li>a back-off wait whose caller retries in a loop (H2's {@code MVMap.tryLock}: {@code lock.wait(5)}, then the
 * caller tries the compare-and-set again);</li>
 * <li>a signal in a private helper every caller of which holds the lock, one of them an inner class (commons-pool2's
 * {@code LinkedBlockingDeque.unlinkFirst}, called from its iterator too).</li>
 * </ul>
 * A helper with one caller that does not loop stays a finding.
 */
public class WaitHelperLookAlikes {

    private final Object made = new Object();
    private int count;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Deque<String> items = new ArrayDeque<>();
    private volatile String root;

    /** commons-pool2's shape: a timed wait for callers that hold the monitor and loop. */
    private static void waitAtMost(Object monitor, Duration timeout) throws InterruptedException {
        if (!timeout.isNegative()) {
            monitor.wait(timeout.toMillis());
        }
    }

    public void awaitCount(int target) throws InterruptedException {
        synchronized (made) {
            while (count < target) {
                waitAtMost(made, Duration.ofMillis(100));
            }
        }
    }

    public void increment() {
        synchronized (made) {
            count++;
            made.notifyAll();
        }
    }

    /** H2's shape: a back-off wait; null tells the caller to try again. */
    private String tryTake(int attempt) {
        String r = root;
        if (r != null || attempt < 3) {
            return r;
        }
        synchronized (made) {
            try {
                made.wait(5);
            } catch (InterruptedException ignore) {
                Thread.currentThread().interrupt();
            }
        }
        return null;
    }

    public String take() {
        for (int attempt = 0;; attempt++) {
            String r = tryTake(attempt);
            if (r != null) {
                return r;
            }
        }
    }

    public void publish(String value) {
        synchronized (made) {
            root = value;
            made.notifyAll();
        }
    }

    /** LinkedBlockingDeque's shape: a signal in a helper every caller calls holding the lock. */
    private String removeFirst() {
        String s = items.pollFirst();
        notFull.signal();
        return s;
    }

    public String poll() {
        lock.lock();
        try {
            return removeFirst();
        } finally {
            lock.unlock();
        }
    }

    /** The iterator's shape: an inner class that calls the helper holding the outer object's lock. */
    public class Remover {
        public void removeOne() {
            lock.lock();
            try {
                removeFirst();
            } finally {
                lock.unlock();
            }
        }
    }

    /** Still a finding: the only caller of this wait helper does not loop. */
    private void pauseOnce(Object monitor) throws InterruptedException {
        monitor.wait(); // expect: GL_WAIT_WITHOUT_LOOP
    }

    public void awaitFirst() throws InterruptedException {
        synchronized (made) {
            if (count == 0) {
                pauseOnce(made);
            }
        }
    }
}
