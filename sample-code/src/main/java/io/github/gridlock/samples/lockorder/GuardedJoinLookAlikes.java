package io.github.gridlock.samples.lockorder;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Safe look-alikes for GL_BLOCKING_WHILE_LOCKED: {@code get()}/{@code join()} under a lock, but only on a
 * future already known to be complete ({@code isDone()} was asked first, here or in a helper the method calls
 * with that future), so the call returns at once.
 * Caches do this to peek at an asynchronously computed value without waiting for it.
 */
public class GuardedJoinLookAlikes {
    private final Object lock = new Object();
    private Object latest;

    public void publishIfReady(Future<?> pending) throws InterruptedException, ExecutionException {
        synchronized (lock) {
            if (pending.isDone()) {
                latest = pending.get();
            }
        }
    }

    /** The helper shape: a caller holding a lock asks whether the value is ready. */
    static boolean isReady(CompletableFuture<?> future) {
        return future != null && future.isDone() && !future.isCompletedExceptionally() && future.join() != null;
    }

    public boolean refresh(CompletableFuture<?> future) {
        synchronized (lock) {
            if (isReady(future)) {
                latest = future.getNow(null);
                return true;
            }
            return false;
        }
    }

    /** The helper answered "ready" (it asked isDone()): the join() after it returns at once. */
    public Object joinIfReady(CompletableFuture<?> future) {
        synchronized (lock) {
            if (isReady(future)) {
                latest = future.join();
            }
            return latest;
        }
    }

    public Object latest() {
        synchronized (lock) {
            return latest;
        }
    }
}
