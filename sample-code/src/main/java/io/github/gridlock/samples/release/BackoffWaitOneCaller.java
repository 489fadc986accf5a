package io.github.gridlock.samples.release;

/**
 * GL_WAIT_WITHOUT_LOOP in a protected method whose only analysed caller does not loop: the wait for {@code ready}
 * returns on a spurious wake-up (or after a notify sent before it) with nothing re-tested, and the caller goes on.
 *
 * @see BackoffWaitLookAlikes
 */
public class BackoffWaitOneCaller {
    private final Object monitor = new Object();
    private boolean ready;

    protected void pause() throws InterruptedException {
        synchronized (monitor) {
            if (!ready) {
                monitor.wait(); // expect: GL_WAIT_WITHOUT_LOOP
            }
        }
    }

    public boolean startWhenReady() throws InterruptedException {
        pause();
        return ready;
    }

    public void markReady() {
        synchronized (monitor) {
            ready = true;
            monitor.notifyAll();
        }
    }
}
