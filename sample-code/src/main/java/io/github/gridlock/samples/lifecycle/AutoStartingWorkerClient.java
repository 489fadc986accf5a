package io.github.gridlock.samples.lifecycle;

/**
 * GL_DAEMON_AFTER_START across a constructor: {@link AutoStartingWorker}'s constructor calls {@code start()},
 * so the object the caller receives is already running and {@code setDaemon(true)} throws. The finding is at
 * the caller's {@code setDaemon}, where the wrong assumption is made.
 *
 * @see AutoStartingWorkerClientFixed
 */
public class AutoStartingWorkerClient {

    public Thread launch(Runnable job) {
        AutoStartingWorker w = new AutoStartingWorker(job);
        w.setDaemon(true); // expect: GL_DAEMON_AFTER_START
        return w;
    }
}
