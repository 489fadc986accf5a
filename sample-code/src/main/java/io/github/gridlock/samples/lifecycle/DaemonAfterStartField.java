package io.github.gridlock.samples.lifecycle;

/**
 * GL_DAEMON_AFTER_START where the start happens in another method of the same class: {@code launch()} first calls
 * {@code startWorker()}, which starts the {@code worker} field, and only then marks it daemon. Read alone, neither
 * method looks wrong; together they throw {@link IllegalThreadStateException} from {@code launch()} while the
 * non-daemon worker keeps running and holds the JVM open (seed {@code 003_99f9c6ad6a7e4c6a.txt}).
 *
 * @see DaemonAfterStartFieldFixed
 */
public class DaemonAfterStartField {

    private final Thread worker;

    public DaemonAfterStartField(Runnable job) {
        this.worker = new Thread(job, "field-worker");
    }

    private void startWorker() {
        worker.start();
    }

    public void launch() {
        startWorker();
        worker.setDaemon(true); // expect: GL_DAEMON_AFTER_START
    }
}
