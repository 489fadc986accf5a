package io.github.gridlock.samples.lifecycle;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Safe look-alike for GL_DAEMON_UNFINISHED_WORK: unjoined daemon threads whose work may be cut off at any
 * point without loss, because they write nothing durable (a heartbeat that prints nothing, a watchdog that
 * only reads a clock and an in-memory counter). Dying with the JVM is exactly what a daemon is for here.
 */
public class DaemonHeartbeatLookAlike {

    private final AtomicLong lastBeat = new AtomicLong();

    public void startHeartbeat() {
        Thread beat = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                lastBeat.set(System.nanoTime());
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "heartbeat");
        beat.setDaemon(true);
        beat.start();
    }

    public boolean stale(long maxAgeNanos) {
        return System.nanoTime() - lastBeat.get() > maxAgeNanos;
    }
}
