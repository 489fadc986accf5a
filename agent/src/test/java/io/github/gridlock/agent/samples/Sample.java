package io.github.gridlock.agent.samples;

import io.github.gridlock.agent.runtime.LockHooks;
import java.util.List;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;

/** Loaded instrumented by TransformerTest; reports what the runtime believes is held. */
public class Sample {
    public static final class MyLock extends ReentrantLock {
        private static final long serialVersionUID = 1L;
    }

    public static class Base {
        public int value() {
            return 1;
        }
    }

    public static final class SubA extends Base {
    }

    public static final class SubB extends Base {
    }

    final Object guard = new Object();
    final Lock viaInterface = new ReentrantLock();
    final ReentrantLock viaClass = new ReentrantLock();
    final MyLock viaSubclass = new MyLock();

    public List<String> insideBlock() {
        synchronized (guard) {
            return LockHooks.heldByCurrentThread();
        }
    }

    public List<String> nestedReentrant() {
        synchronized (guard) {
            synchronized (guard) {
                return LockHooks.heldByCurrentThread();
            }
        }
    }

    public void throwInsideBlock() {
        synchronized (guard) {
            throw new IllegalStateException("block");
        }
    }

    public synchronized List<String> insideMethod() {
        return LockHooks.heldByCurrentThread();
    }

    public static synchronized List<String> insideStaticMethod() {
        return LockHooks.heldByCurrentThread();
    }

    public synchronized void throwInsideMethod() {
        throw new IllegalStateException("method");
    }

    /** The method's own handler must still catch: the agent's catch-all is the outermost. */
    public synchronized int catchesInsideMethod() {
        try {
            throw new IllegalStateException("caught");
        } catch (IllegalStateException e) {
            return LockHooks.heldByCurrentThread().size() == 1 ? 42 : -1;
        }
    }

    public List<String> insideLocks() {
        viaInterface.lock();
        try {
            viaClass.lock();
            try {
                viaSubclass.lock();
                try {
                    return LockHooks.heldByCurrentThread();
                } finally {
                    viaSubclass.unlock();
                }
            } finally {
                viaClass.unlock();
            }
        } finally {
            viaInterface.unlock();
        }
    }

    /** Needs the common super class of SubA and SubB for its frames. */
    public int merge(boolean flag) {
        Base b;
        if (flag) {
            b = new SubA();
        } else {
            b = new SubB();
        }
        synchronized (b) {
            return b.value();
        }
    }

    /** Locks only on one path: the thread state is fetched there, not at entry. */
    public int lockedOnlyIf(boolean take) {
        if (!take) {
            return 0;
        }
        synchronized (guard) {
            return LockHooks.heldByCurrentThread().size();
        }
    }

    /** Locks in a loop: the thread state is fetched once, at entry, not on every iteration. */
    public int lockedInLoop(int n) {
        int r = 0;
        for (int i = 0; i < n; i++) {
            synchronized (guard) {
                r += LockHooks.heldByCurrentThread().size();
            }
        }
        return r;
    }
}
