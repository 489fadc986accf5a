package io.github.gridlock.samples.release;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_NOT_RELEASED and its look-alikes: a {@code finally} that does something before its {@code unlock()}. The
 * path that leaks is an exception thrown by that something, so only statements that can throw count: a hook whose
 * body calls a JDK collection method nothing says cannot throw (the finding) does; a field write, a local, a private setter that calls nothing, and
 * {@code signalAll()} on a condition of the held lock (it throws only when the lock is not held) do not.
 *
 * <p>The look-alikes mirror real code: a connect callback that clears a field of its outer class in the
 * {@code finally} before unlocking (ZooKeeper's {@code ClientCnxnSocketNetty}, whose javac output writes the field
 * through an {@code access$} method), and a handle's {@code close()} that clears its state and wakes waiters before
 * unlocking (Jetty's {@code Blocker.Shared}).
 */
public class FinallyBeforeUnlock {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private final List<String> log = new ArrayList<>();
    private Object pending;
    private boolean connected;

    /** The finding: {@code onUnlock()} calls {@code log.isEmpty()}, which may throw, and then the unlock never runs. */
    public void appendThenNotify(String line) {
        lock.lock(); // expect: GL_LOCK_NOT_RELEASED
        try {
            log.add(line);
        } finally {
            onUnlock();
            lock.unlock();
        }
    }

    /** A hook for subclasses. */
    protected void onUnlock() {
        connected = !log.isEmpty();
    }

    /** Look-alike (Jetty's {@code Blocker.Shared} close()): a field write and a signal of the held lock's condition. */
    public void close() {
        boolean completed;
        lock.lock();
        try {
            completed = pending == null;
        } finally {
            pending = null;
            idle.signalAll();
            lock.unlock();
        }
        if (!completed) {
            log.add("closed before completion");
        }
    }

    /** Look-alike (ZooKeeper's connect callback): an inner class clears its outer object's field, then unlocks. */
    public Runnable onConnect(Object channel) {
        return new Runnable() {
            @Override
            public void run() {
                boolean ok = false;
                lock.lock();
                try {
                    log.add(String.valueOf(channel));
                    ok = true;
                } finally {
                    clearPending(FinallyBeforeUnlock.this);
                    lock.unlock();
                    if (ok) {
                        log.add("connected");
                    }
                }
            }
        };
    }

    /** What javac 8 makes of {@code outer.pending = null} in an inner class: a static method that calls nothing. */
    private static void clearPending(FinallyBeforeUnlock outer) {
        outer.pending = null;
        outer.connected = false;
    }
}
