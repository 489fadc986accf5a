package io.github.gridlock.samples.lifecycle;

/**
 * Safe look-alike for GL_DAEMON_AFTER_START: the thread is created and marked daemon in the constructor, and
 * started later in another method. Across the class the textual order is "setDaemon … start", which is right;
 * a detector that only looks for the two calls in one class (in any order) must not report it.
 */
public class PreconfiguredServiceLookAlike {

    private final Thread poller;

    public PreconfiguredServiceLookAlike(Runnable poll) {
        this.poller = new Thread(poll, "poller");
        this.poller.setDaemon(true);
    }

    public void start() {
        poller.start();
    }

    public void stop() {
        poller.interrupt();
    }
}
