package io.github.gridlock.samples.release;

// sample-release: 8

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_WAIT_WITHOUT_LOOP through a synthetic accessor (compiled for Java 8 by the detector tests, the marker above):
 * the private {@code unlink} signals {@code notFull}; the outer class calls it holding {@code lock}, but the inner
 * {@code Itr.remove()} calls it (through javac's {@code access$NNN} accessor) without the lock, so that signal throws
 * IllegalMonitorStateException. The accessor passes on what its callers hold, and here one holds nothing.
 */
public class AccessorUnheldSignal {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Deque<String> items = new ArrayDeque<>();

    public boolean removeFirstOccurrence(String item) {
        lock.lock();
        try {
            return unlink(item);
        } finally {
            lock.unlock();
        }
    }

    private boolean unlink(String item) {
        boolean removed = items.remove(item);
        notFull.signal(); // expect: GL_WAIT_WITHOUT_LOOP
        return removed;
    }

    public class Itr {
        private String lastReturned;

        public void remove() {
            if (lastReturned != null) {
                unlink(lastReturned);
            }
        }
    }
}
