package io.github.gridlock.samples.release;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A look-alike for GL_LOCK_NOT_RELEASED: statements between the acquire and the {@code try} that cannot throw, so no
 * exception skips the release: an {@code assert} (it throws only an {@code AssertionError}, an Error no code guards a
 * lock against), field writes, arithmetic, {@code Thread.currentThread()} and {@code Thread.interrupt()} (Netty's
 * {@code SingleThreadEventExecutor} worker: {@code processingLock.lock(); assert thread == null; thread =
 * Thread.currentThread(); ... try}).
 */
public class NonThrowingRegionLookAlikes {

    private final ReentrantLock processingLock = new ReentrantLock();
    private Thread thread;
    private boolean interrupted;
    private int runs;

    public void runWorker(Runnable body) {
        processingLock.lock();
        assert thread == null;
        thread = Thread.currentThread();
        if (interrupted) {
            thread.interrupt();
            interrupted = false;
        }
        runs++;
        try {
            body.run();
        } finally {
            thread = null;
            processingLock.unlock();
        }
    }
}
