package io.github.gridlock.samples.lifecycle;

/** Fixed twin of {@link DaemonAfterStartField}: the field thread is marked daemon before the helper starts it. */
public class DaemonAfterStartFieldFixed {

    private final Thread worker;

    public DaemonAfterStartFieldFixed(Runnable job) {
        this.worker = new Thread(job, "field-worker");
    }

    private void startWorker() {
        worker.start();
    }

    public void launch() {
        worker.setDaemon(true);
        startWorker();
    }
}
