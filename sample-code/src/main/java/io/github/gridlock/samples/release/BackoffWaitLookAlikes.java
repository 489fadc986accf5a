package io.github.gridlock.samples.release;

/**
 * A look-alike for GL_WAIT_WITHOUT_LOOP: a bounded back-off in a protected try-lock (H2's {@code MVMap.tryLock}: after
 * some failed attempts, {@code lock.wait(5)}, then {@code null}, "not locked"). The wait re-tests nothing itself; every
 * caller loops on the method's result and tries again, so a spurious wake-up only makes an earlier retry and a lost
 * notify costs at most the timeout. A protected method is judged by its analysed callers, as the callers' locks of
 * protected helpers are: a subclass outside the analysed code is assumed to call it as they do.
 *
 * <p>{@code BackoffWaitOneCaller} shows the finding that stays: a protected wait whose one caller does not loop.
 */
public class BackoffWaitLookAlikes {
    private final Object monitor = new Object();
    private volatile String root;

    /** One attempt; null tells the caller to try again. */
    protected String tryLock(int attempt) {
        String r = root;
        if (r != null || attempt < 3) {
            return r;
        }
        synchronized (monitor) {
            try {
                monitor.wait(5);
            } catch (InterruptedException ignore) {
                Thread.currentThread().interrupt();
            }
        }
        return null;
    }

    public String lockRoot() {
        int attempt = 0;
        while (true) {
            String r = tryLock(attempt++);
            if (r != null) {
                return r;
            }
        }
    }

    public void publish(String r) {
        root = r;
        synchronized (monitor) {
            monitor.notifyAll();
        }
    }
}
