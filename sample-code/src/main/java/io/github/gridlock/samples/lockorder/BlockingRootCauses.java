package io.github.gridlock.samples.lockorder;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * GL_BLOCKING_WHILE_LOCKED, one finding per root cause: the blocking call and the lock held around it.
 * <ul>
 * <li>{@link Throttled}: three methods hold the same lock and call the same sleeping helper; one finding, at the
 * first call, with the other two call paths as secondary locations.</li>
 * <li>{@link Channel} and {@link LoggedChannel}: a subclass's synchronized override that calls {@code super.send()}
 * holds the same monitor around the same {@code put()}: one more path to one finding.</li>
 * <li>{@link CachedLookup}: the helper blocks only when nothing is cached yet, behind a branch: reported at low
 * priority.</li>
 * <li>{@link SoleTaker}: only the blocking method takes its lock, and only callers outside call it: the lock is
 * contended only if they call it from several threads at once, so it is reported at low priority.</li>
 * </ul>
 */
public class BlockingRootCauses {

    /** One sleeping helper, three callers holding the same lock. */
    public static final class Throttled {
        private final Object lock = new Object();
        private int sent;

        private void throttle() throws InterruptedException {
            Thread.sleep(20);
        }

        public void sendOne() throws InterruptedException {
            synchronized (lock) {
                sent++;
                throttle(); // expect: GL_BLOCKING_WHILE_LOCKED
            }
        }

        public void sendTwo() throws InterruptedException {
            synchronized (lock) {
                sent += 2;
                throttle();
            }
        }

        public void sendMany(int n) throws InterruptedException {
            synchronized (lock) {
                sent += n;
                throttle();
            }
        }
    }

    /** A channel whose send waits for room in a bounded queue with its monitor held. */
    public static class Channel {
        private final BlockingQueue<String> out = new ArrayBlockingQueue<>(8);
        private int size;

        public synchronized void send(String message) throws InterruptedException {
            size++;
            out.put(message); // expect: GL_BLOCKING_WHILE_LOCKED
        }

        public synchronized int size() {
            return size;
        }
    }

    /** Logs, then delegates to the same send under the same monitor. */
    public static class LoggedChannel extends Channel {
        private int logged;

        @Override
        public synchronized void send(String message) throws InterruptedException {
            logged++;
            super.send(message);
        }
    }

    /** The value is fetched once; later calls return the cached one without waiting. */
    public static final class CachedLookup {
        private final Future<String> pending;
        private String cached;

        public CachedLookup(Future<String> pending) {
            this.pending = pending;
        }

        private String load() throws InterruptedException, ExecutionException {
            if (cached == null) {
                cached = pending.get();
            }
            return cached;
        }

        public synchronized String value() throws InterruptedException, ExecutionException {
            return load(); // expect-low: GL_BLOCKING_WHILE_LOCKED
        }

        public synchronized boolean isLoaded() {
            return cached != null;
        }
    }

    /** Only this method takes the lock. */
    public static final class SoleTaker {
        private final Object lock = new Object();

        public void pace() throws InterruptedException {
            synchronized (lock) {
                Thread.sleep(100); // expect-low: GL_BLOCKING_WHILE_LOCKED
            }
        }
    }
}
