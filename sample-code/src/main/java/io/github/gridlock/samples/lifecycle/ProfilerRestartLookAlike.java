package io.github.gridlock.samples.lifecycle;

/**
 * Safe look-alike for GL_DAEMON_AFTER_START, from H2's web console and ZooKeeper's quorum loop: a helper
 * that stores a NEW thread in a field, marks it daemon and starts it, called again and again. Every call
 * configures a thread that nobody has started yet, so the second call's setDaemon cannot throw, even
 * though the field's previous thread is running.
 */
public class ProfilerRestartLookAlike {
    private Thread sampler;
    private PauseMonitor monitor;

    private void startSampler() {
        sampler = new Thread(this::sample, "sampler");
        sampler.setDaemon(true);
        sampler.start();
    }

    public void restart() {
        startSampler();
        sampler.interrupt();
        startSampler();
    }

    public void serve(int rounds) {
        for (int i = 0; i < rounds; i++) {
            monitor = new PauseMonitor();
            monitor.start();
        }
    }

    private void sample() {
        Thread.onSpinWait();
    }

    /** Starts its own daemon thread; a new monitor has a new thread. */
    static final class PauseMonitor {
        private Thread monitorThread;

        void start() {
            monitorThread = new Thread(PauseMonitor::watch, "pause-monitor");
            monitorThread.setDaemon(true);
            monitorThread.start();
        }

        private static void watch() {
            Thread.onSpinWait();
        }
    }
}
