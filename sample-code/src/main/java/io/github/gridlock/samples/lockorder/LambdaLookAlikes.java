package io.github.gridlock.samples.lockorder;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * Safe look-alikes for GL_LOCK_ORDER_INVERSION and GL_BLOCKING_WHILE_LOCKED with lambdas: a lambda created while
 * a lock is held does not run under it when it is handed to another thread or only stored, so the locks and
 * waits in its body are not nested in the lock of the code that created it. {@code publish} and {@code remember}
 * run nothing under {@code registryLock}; {@code drain} takes the registry lock inside the queue lock, which is
 * the only order in the class.
 */
public class LambdaLookAlikes {

    private final Object registryLock = new Object();
    private final Object queueLock = new Object();
    private final List<Runnable> later = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
    private final Executor executor;

    public LambdaLookAlikes(Executor executor) {
        this.executor = executor;
    }

    public void publish(String name) {
        synchronized (registryLock) {
            names.add(name);
            executor.execute(() -> {
                synchronized (queueLock) {
                    later.size();
                }
            });
        }
    }

    public void remember(Thread worker) {
        synchronized (registryLock) {
            later.add(() -> {
                try {
                    worker.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
    }

    public void drain() {
        synchronized (queueLock) {
            synchronized (registryLock) {
                names.clear();
            }
        }
    }
}
