package io.github.gridlock.samples.lockorder;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * GL_BLOCKING_WHILE_LOCKED through a lambda: {@code locked(...)} runs its lambda while holding the state lock,
 * and {@code send}'s lambda puts into a bounded queue, which waits for room as long as the consumer is slow.
 * Every other caller of {@code locked} waits that long too. The finding is at the call that runs the lambda
 * under the lock.
 *
 * @see ExecuteAroundBlockingFixed
 */
public class ExecuteAroundBlocking {

    private final Object stateLock = new Object();
    private final BlockingQueue<String> outbox = new ArrayBlockingQueue<>(16);
    private int sent;

    private void locked(Runnable action) {
        synchronized (stateLock) {
            action.run();
        }
    }

    public void send(String message) {
        locked(() -> { // expect: GL_BLOCKING_WHILE_LOCKED
            sent++;
            try {
                outbox.put(message);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }
}
