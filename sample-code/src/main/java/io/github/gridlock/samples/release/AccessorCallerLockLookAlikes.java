package io.github.gridlock.samples.release;

// sample-release: 8

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A look-alike for GL_WAIT_WITHOUT_LOOP, compiled for Java 8 by the detector tests (the marker above) as
 * commons-pool2's {@code LinkedBlockingDeque} is: private helpers ({@code unlink}, {@code unlinkFirst}) signal
 * {@code notFull}, and every caller holds {@code lock}, also the inner iterator, whose call javac routes through a
 * synthetic static accessor {@code access$NNN(outer, node)}. What holds at every call of the accessor holds inside it:
 * the signal has its lock. Likewise the private {@code awaitSpaceOnce()} waits once, and its only caller, the
 * iterator, waits for it in a loop that re-tests the condition. (Compiled with nestmates, as the sample-code module
 * compiles it, the iterator calls the helpers directly: safe either way.)
 */
public class AccessorCallerLockLookAlikes {
    private static final int CAPACITY = 8;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Deque<String> items = new ArrayDeque<>();

    public boolean removeFirstOccurrence(String item) {
        lock.lock();
        try {
            return items.contains(item) && unlink(item);
        } finally {
            lock.unlock();
        }
    }

    public String pollFirst() {
        lock.lock();
        try {
            return unlinkFirst();
        } finally {
            lock.unlock();
        }
    }

    /** Called holding {@code lock} only. */
    private boolean unlink(String item) {
        boolean removed = items.remove(item);
        if (removed) {
            notFull.signal();
        }
        return removed;
    }

    /** Called holding {@code lock} only. */
    private String unlinkFirst() {
        String first = items.pollFirst();
        if (first != null) {
            notFull.signal();
        }
        return first;
    }

    /** Called holding {@code lock} only, in a loop that re-tests the condition. */
    private void awaitSpaceOnce() throws InterruptedException {
        notFull.await();
    }

    /** Its calls of the outer class's private helpers go through javac's accessors when compiled for Java 8. */
    public class Itr {
        private String lastReturned;

        public void remove() {
            lock.lock();
            try {
                if (lastReturned != null) {
                    unlink(lastReturned);
                }
                unlinkFirst();
            } finally {
                lock.unlock();
            }
        }

        public void putBack(String item) throws InterruptedException {
            lock.lock();
            try {
                while (items.size() >= CAPACITY) {
                    awaitSpaceOnce();
                }
                items.addFirst(item);
                lastReturned = item;
            } finally {
                lock.unlock();
            }
        }
    }
}
