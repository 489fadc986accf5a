package io.github.gridlock.samples.sharedstate;

/**
 * Safe look-alike for GL_VOLATILE_COUNTER (and GL_INCONSISTENT_GUARD): the "cheap read-write lock" idiom from
 * Java Concurrency in Practice. Increments of the volatile field happen under the lock, so they are atomic;
 * reads take no lock and rely on volatile visibility. A plain volatile flag store is not a counter either.
 */
public class CheapReadWriteLockLookAlike {

    private volatile int value;
    private volatile boolean closed;

    public int getValue() {
        return value;
    }

    public synchronized int increment() {
        return value++;
    }

    public synchronized void add(int delta) {
        value += delta;
    }

    public void close() {
        closed = true;
    }

    public boolean isClosed() {
        return closed;
    }
}
