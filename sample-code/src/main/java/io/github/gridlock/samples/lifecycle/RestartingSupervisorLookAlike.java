package io.github.gridlock.samples.lifecycle;

/**
 * Safe look-alike for GL_DAEMON_AFTER_START with a field: {@code startAndPrepareNext()} starts {@code worker}, but the
 * field is then overwritten with a NEW thread before {@code setDaemon} is called, so the thread being marked
 * daemon has never been started. A detector that tracks "the field {@code worker} was started" without noticing
 * the store would report a false positive here.
 */
public class RestartingSupervisorLookAlike {

    private final Runnable job;
    private Thread worker;

    public RestartingSupervisorLookAlike(Runnable job) {
        this.job = job;
        this.worker = newWorker();
    }

    private Thread newWorker() {
        return new Thread(job, "supervised");
    }

    /** Starts the prepared worker and at once prepares (and configures) its successor for next time. */
    public synchronized Thread startAndPrepareNext() {
        Thread started = worker;
        worker.start();
        worker = newWorker();
        worker.setDaemon(true);
        return started;
    }
}
