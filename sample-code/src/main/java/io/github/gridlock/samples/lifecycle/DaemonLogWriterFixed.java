package io.github.gridlock.samples.lifecycle;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * Fixed twin of {@link DaemonLogWriter}: a writer is either a non-daemon thread (the JVM waits for it) or a
 * daemon that its owner joins before returning or on {@code close()}, so the write always finishes.
 */
public class DaemonLogWriterFixed {

    private final Thread appender;

    public DaemonLogWriterFixed(BlockingQueue<String> lines, Path logFile) {
        this.appender = new Thread(() -> DaemonLogWriter.drain(lines, logFile), "log-appender");
        this.appender.setDaemon(true);
    }

    public void start() {
        appender.start();
    }

    /** Stops the appender and waits until it has closed the file. */
    public void close() throws InterruptedException {
        appender.interrupt();
        appender.join();
    }

    /** A non-daemon exporter: the JVM will not exit before it is done. */
    public Thread exportInBackground(List<String> rows, OutputStream sink) {
        Thread exporter = new Thread(() -> {
            PrintStream out = new PrintStream(sink, false, StandardCharsets.UTF_8);
            rows.forEach(out::println);
            out.flush();
        }, "exporter");
        exporter.setDaemon(false);
        exporter.start();
        return exporter;
    }

    public void snapshot(Path target, List<String> state) throws InterruptedException {
        Thread t = new DaemonLogWriter.SnapshotThread(target, state);
        t.start();
        t.join();
    }
}
