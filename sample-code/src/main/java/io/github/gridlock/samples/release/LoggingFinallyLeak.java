package io.github.gridlock.samples.release;

import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

/**
 * The reported twins of {@link LoggingFinallyLookAlikes}: before the nested {@code try} that unlocks, the outer
 * {@code finally} calls something that may throw. A listener the caller supplies may throw anything; a message that
 * appends an object runs that object's {@code toString()}, which may throw too.
 */
public class LoggingFinallyLeak {
    private static final Logger LOG = Logger.getLogger(LoggingFinallyLeak.class.getName());

    /** Told when a worker stops. */
    public interface StopListener {
        void stopped(LoggingFinallyLeak worker);
    }

    private final ReentrantLock processingLock = new ReentrantLock();
    private final StopListener listener;
    private Object lastTask;

    public LoggingFinallyLeak(StopListener listener) {
        this.listener = listener;
    }

    public void runWithListener(Runnable body) {
        processingLock.lock(); // expect: GL_LOCK_NOT_RELEASED
        try {
            body.run();
        } finally {
            listener.stopped(this);
            try {
                lastTask = null;
            } finally {
                processingLock.unlock();
            }
        }
    }

    public void runLoggingTheTask(Runnable body) {
        processingLock.lock(); // expect: GL_LOCK_NOT_RELEASED
        try {
            lastTask = body;
            body.run();
        } finally {
            LOG.warning(new StringBuilder().append("stopped after ").append(lastTask).toString());
            try {
                lastTask = null;
            } finally {
                processingLock.unlock();
            }
        }
    }
}
