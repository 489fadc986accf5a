package io.github.gridlock.samples.lifecycle;

import java.nio.file.Path;
import java.util.List;

/**
 * Safe look-alike for GL_DAEMON_UNFINISHED_WORK: a daemon writer that nobody joins on the normal path, but whose class
 * registers a shutdown hook that joins it, so the JVM waits for the write at exit.
 */
public class DaemonShutdownHookLookAlike {

    public void start(Path file, List<String> lines) {
        Thread saver = new Thread(() -> DaemonPoolWriter.write(file, lines), "saver");
        saver.setDaemon(true);
        saver.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> joinQuietly(saver), "saver-hook"));
    }

    static void joinQuietly(Thread t) {
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
