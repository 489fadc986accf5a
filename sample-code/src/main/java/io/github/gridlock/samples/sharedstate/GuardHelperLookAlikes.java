package io.github.gridlock.samples.sharedstate;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Safe look-alikes for GL_INCONSISTENT_GUARD: accesses without a lock in sight that are guarded all the same, or
 * need no guard.
 * <ul>
 * <li>{@code queued}: {@code @GuardedBy("lock")}, touched in private helpers that every caller calls under the
 * lock, also through a second helper;</li>
 * <li>{@code budget}: guarded by the lock a try-with-resources handle holds ({@code try (Hold h = guard.lock())});</li>
 * <li>{@code running}: a {@code volatile} flag written under the lock and read without it;</li>
 * <li>{@code hits}: a final {@code AtomicInteger}: the reference never changes and the object is thread-safe;</li>
 * <li>{@code log}: {@code @GuardedBy("itself")}: the reads that fetch the list to lock on it need no lock;</li>
 * <li>{@code samples}: locked at half of its accesses only, so no lock is its guard.</li>
 * <li>{@code depth}: written in a method annotated {@code @GuardedBy("lock")}: its callers hold the lock by contract;</li>
 * <li>{@code name}: a final String read under the lock and once without it: an immutable value needs no lock.</li>
 * </ul>
 */
public class GuardHelperLookAlikes {

    /** A lock handle for try-with-resources: lock() returns it holding its lock, close() releases it. */
    static final class Hold implements AutoCloseable {
        private final ReentrantLock inner = new ReentrantLock();

        Hold lock() {
            inner.lock();
            return this;
        }

        @Override
        public void close() {
            inner.unlock();
        }
    }

    private final Object lock = new Object();
    private final Object statsLock = new Object();
    private final Hold guard = new Hold();

    @GuardedBy("lock")
    private final List<String> queued = new ArrayList<>();

    private int budget;

    private volatile boolean running;

    private final AtomicInteger hits = new AtomicInteger();

    @GuardedBy("itself")
    private final List<String> log = new ArrayList<>();

    private long samples;

    @GuardedBy("lock")
    private int depth;

    private final String name = getClass().getSimpleName();

    public void offer(String item) {
        synchronized (lock) {
            append(item);
        }
    }

    public void offerTwice(String item) {
        synchronized (lock) {
            append(item);
            appendAgain(item);
        }
    }

    public int queued() {
        synchronized (lock) {
            return queued.size();
        }
    }

    private void append(String item) {
        queued.add(item);
    }

    private void appendAgain(String item) {
        append(item + "'");
    }

    public void spend(int n) {
        try (Hold h = guard.lock()) {
            budget = budget - n;
        }
    }

    public int budget() {
        try (Hold h = guard.lock()) {
            return budget;
        }
    }

    public void refill(int n) {
        try (Hold h = guard.lock()) {
            budget = n;
        }
    }

    public void start() {
        synchronized (lock) {
            running = true;
        }
    }

    public void stop() {
        synchronized (lock) {
            running = false;
        }
    }

    public void toggle() {
        synchronized (lock) {
            running = !running;
        }
    }

    public boolean isRunning() {
        return running;
    }

    public void hit() {
        synchronized (statsLock) {
            hits.incrementAndGet();
        }
    }

    public void hitTwice() {
        synchronized (statsLock) {
            hits.addAndGet(2);
        }
    }

    public void resetHits() {
        synchronized (statsLock) {
            hits.set(0);
        }
    }

    public int hits() {
        return hits.get();
    }

    public void record(String line) {
        synchronized (log) {
            log.add(line);
        }
    }

    public List<String> logCopy() {
        synchronized (log) {
            return new ArrayList<>(log);
        }
    }

    public void sample(long value) {
        synchronized (statsLock) {
            samples = value;
        }
    }

    public long samples() {
        return samples;
    }

    public void descend() {
        synchronized (lock) {
            setDepth(depth + 1);
        }
    }

    public int depth() {
        synchronized (lock) {
            return depth;
        }
    }

    @GuardedBy("lock")
    void setDepth(int d) {
        depth = d;
    }

    public String describe() {
        synchronized (lock) {
            return name + " " + name.length();
        }
    }

    public String label() {
        synchronized (lock) {
            return "[" + name + "]";
        }
    }

    public String plainName() {
        return name;
    }
}
