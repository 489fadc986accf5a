package io.github.gridlock.samples.release;

import java.util.concurrent.locks.ReentrantLock;

/**
 * GL_LOCK_NOT_RELEASED: a hook called between the acquire and the {@code try} that may throw, so the lock stays held.
 * The twins of {@link NonThrowingHookLookAlikes}: here one override of the hook throws, or the hook calls through an
 * interface a lambda may implement (no class of the program shows what that lambda does).
 */
public class HookBeforeTry {

    /** A time source with one abstract method: any lambda can be one. */
    public interface TimeSource {
        long nanoTime();
    }

    private final ReentrantLock processingLock = new ReentrantLock();
    private final TimeSource timeSource;
    private long lastExecutionTime;
    private long lastStamp;

    public HookBeforeTry(TimeSource timeSource) {
        this.timeSource = timeSource;
    }

    /** A hook; the subclass below overrides it with a check that throws. */
    protected void beforeRun() {
        lastExecutionTime = 1;
    }

    public void runWorker(Runnable body) {
        processingLock.lock(); // expect: GL_LOCK_NOT_RELEASED
        beforeRun();
        try {
            body.run();
        } finally {
            processingLock.unlock();
        }
    }

    protected void stamp() {
        lastStamp = timeSource.nanoTime();
    }

    public void runStamped(Runnable body) {
        processingLock.lock(); // expect: GL_LOCK_NOT_RELEASED
        stamp();
        try {
            body.run();
        } finally {
            processingLock.unlock();
        }
    }

    public long lastRun() {
        processingLock.lock();
        try {
            return lastExecutionTime + lastStamp;
        } finally {
            processingLock.unlock();
        }
    }

    /** An executor that refuses to run once closed: its hook throws. */
    public static class Closable extends HookBeforeTry {
        private volatile boolean closed;

        public Closable(TimeSource timeSource) {
            super(timeSource);
        }

        @Override
        protected void beforeRun() {
            if (closed) {
                throw new IllegalStateException("closed");
            }
        }

        public void close() {
            closed = true;
        }
    }
}
