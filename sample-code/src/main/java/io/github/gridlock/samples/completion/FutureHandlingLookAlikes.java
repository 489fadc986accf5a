package io.github.gridlock.samples.completion;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * Safe look-alikes for GL_FUTURE_IGNORED: work handed to a pool without reading a Future here, where that is
 * fine: {@code execute()} returns no Future (failures reach the uncaught-exception handler), and a
 * {@code submit()} whose Future is returned belongs to the caller, who may cancel or read it.
 */
public class FutureHandlingLookAlikes {

    private final ExecutorService pool;

    public FutureHandlingLookAlikes(ExecutorService pool) {
        this.pool = pool;
    }

    public void execute(Runnable job) {
        pool.execute(job);
    }

    public Future<?> submitForCaller(Runnable job) {
        return pool.submit(job);
    }

    /** Kept so that it can be cancelled on shutdown. */
    private Future<?> poller;

    public synchronized void startPolling(Runnable poll) {
        poller = pool.submit(poll);
    }

    public synchronized void stopPolling() {
        if (poller != null) {
            poller.cancel(true);
        }
    }
}
