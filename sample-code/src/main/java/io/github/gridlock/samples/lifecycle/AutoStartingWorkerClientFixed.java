package io.github.gridlock.samples.lifecycle;

/**
 * Fixed twin of {@link AutoStartingWorkerClient}: a thread that must be a daemon is not built by a
 * self-starting constructor; the caller creates a plain thread, configures it and starts it.
 */
public class AutoStartingWorkerClientFixed {

    public Thread launch(Runnable job) {
        Thread w = new Thread(job, "started-by-caller");
        w.setDaemon(true);
        w.start();
        return w;
    }
}
