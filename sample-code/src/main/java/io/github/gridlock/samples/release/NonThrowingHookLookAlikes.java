package io.github.gridlock.samples.release;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A look-alike for GL_LOCK_NOT_RELEASED: between the acquire and the {@code try} only a call of an overridable hook
 * whose every body in the program cannot throw. Netty's {@code SingleThreadEventExecutor} worker:
 * {@code processingLock.lock(); ... updateLastExecutionTime(); try { ... } finally { processingLock.unlock(); }}, where
 * the protected hook reads the executor's ticker, and every ticker reads {@code System.nanoTime()} or an
 * {@code AtomicLong}. The hook, the clock getter and the clock may all be overridden, but every override the
 * analysis sees cannot throw either, and no lambda can be a {@link Clock} (it has two abstract methods).
 */
public class NonThrowingHookLookAlikes {

    /** A time source with two implementations below. */
    public interface Clock {
        long nanoTime();

        long initialNanoTime();
    }

    /** The system clock, read relative to the class's start. */
    static final class SystemClock implements Clock {
        static final SystemClock INSTANCE = new SystemClock();
        private static final long START = System.nanoTime();

        @Override
        public long nanoTime() {
            return System.nanoTime() - START;
        }

        @Override
        public long initialNanoTime() {
            return START;
        }
    }

    /** A clock for tests: time moves only when told to. */
    static final class ManualClock implements Clock {
        private final AtomicLong now = new AtomicLong();

        @Override
        public long nanoTime() {
            return now.get();
        }

        @Override
        public long initialNanoTime() {
            return 0;
        }

        void advance(long nanos) {
            now.addAndGet(nanos);
        }
    }

    private final ReentrantLock processingLock = new ReentrantLock();
    private long lastExecutionTime;

    static Clock systemClock() {
        return SystemClock.INSTANCE;
    }

    /** The clock this executor reads; tests override it. */
    protected Clock clock() {
        return systemClock();
    }

    protected long currentTimeNanos() {
        return clock().nanoTime();
    }

    /** A hook subclasses may override (the one override below cannot throw either). */
    protected void updateLastExecutionTime() {
        lastExecutionTime = currentTimeNanos();
    }

    public void runWorker(Runnable body) {
        processingLock.lock();
        updateLastExecutionTime();
        try {
            body.run();
        } finally {
            processingLock.unlock();
        }
    }

    public long lastExecutionTime() {
        processingLock.lock();
        try {
            return lastExecutionTime;
        } finally {
            processingLock.unlock();
        }
    }

    /** An executor on a manual clock: its clock getter returns a field. */
    public static class OnManualClock extends NonThrowingHookLookAlikes {
        private final ManualClock manual = new ManualClock();

        @Override
        protected Clock clock() {
            return manual;
        }

        public void advance(long nanos) {
            manual.advance(nanos);
        }
    }
}
