package io.github.gridlock.samples.lockorder;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The fixed twin of {@link ExecuteAroundBlocking}: the lambda run under the lock only updates the count; the
 * message goes into the queue after the lock is released.
 */
public class ExecuteAroundBlockingFixed {

    private final Object stateLock = new Object();
    private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(16);
    private int sent;

    private void locked(Runnable action) {
        synchronized (stateLock) {
            action.run();
        }
    }

    public void send(String message) throws InterruptedException {
        locked(() -> sent++);
        outbox.put(message);
    }
}
