package io.github.gridlock.samples.lifecycle;

/**
 * A {@link Thread} subclass that starts itself in its constructor (a known anti-pattern of its own: it leaks
 * {@code this} to a running thread). Every {@code new AutoStartingWorker()} therefore yields a thread that is
 * already running, and a caller that then marks it daemon gets {@link IllegalThreadStateException}: see
 * {@link AutoStartingWorkerClient}. Nothing in this class itself is a GL_DAEMON_AFTER_START finding.
 */
public class AutoStartingWorker extends Thread {

    private final Runnable job;

    public AutoStartingWorker(Runnable job) {
        super("auto-started");
        this.job = job;
        start();
    }

    @Override
    public void run() {
        job.run();
    }
}
