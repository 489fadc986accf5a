package io.github.gridlock.samples.release;

import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * A look-alike for GL_LOCK_NOT_RELEASED: the unlock is in a {@code finally} nested in the outer {@code finally}, and
 * what the outer one runs before the nested {@code try} only moves a state field through a field updater, builds a
 * message of strings, numbers and class names, and logs it. Netty's {@code SingleThreadEventExecutor} worker:
 * {@code finally { for (;;) { ... STATE_UPDATER.compareAndSet(this, old, ST_SHUTTING_DOWN) ... }
 * if (logger.isErrorEnabled()) logger.error("Buggy " + EventExecutor.class.getSimpleName() + ...);
 * try { confirmShutdown(); } finally { ... processingLock.unlock(); } }}. A logging facade reports its own failures,
 * so none of that throws. The message is built with an explicit {@code StringBuilder}, the code javac makes for a
 * {@code +} concatenation when it compiles for Java 8, as the libraries do.
 */
public class LoggingFinallyLookAlikes {
    private static final Logger LOG = Logger.getLogger(LoggingFinallyLookAlikes.class.getName());
    private static final AtomicIntegerFieldUpdater<LoggingFinallyLookAlikes> STATE =
            AtomicIntegerFieldUpdater.newUpdater(LoggingFinallyLookAlikes.class, "state");
    private static final int SHUTTING_DOWN = 3;

    private final ReentrantLock processingLock = new ReentrantLock();
    private volatile int state;
    private boolean success;

    public void runWorker(Runnable body) {
        processingLock.lock();
        try {
            body.run();
            success = true;
        } finally {
            for (;;) {
                int old = state;
                if (old >= SHUTTING_DOWN || STATE.compareAndSet(this, old, SHUTTING_DOWN)) {
                    break;
                }
            }
            if (!success) {
                LOG.warning(new StringBuilder().append("Buggy ").append(Runnable.class.getSimpleName())
                        .append(" in ").append(LoggingFinallyLookAlikes.class.getName()).append(", state ")
                        .append(state).toString());
            }
            try {
                cleanUp();
            } finally {
                processingLock.unlock();
            }
        }
    }

    /** May throw: it runs inside the nested {@code try}. */
    protected void cleanUp() {
        if (state > SHUTTING_DOWN) {
            throw new IllegalStateException("cleaned up twice");
        }
    }
}
