package io.github.gridlock.samples.lifecycle;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * GL_DAEMON_UNFINISHED_WORK. Seed {@code 003_99f9c6ad6a7e4c6a.txt}: "a daemon thread is killed wherever it is when the
 * main thread exits". That is what one wants for a heartbeat, and exactly wrong for a thread that writes: nobody joins
 * these daemon writers, so when {@code main} returns the JVM halts them mid-write, buffers are never flushed and the
 * file or stream is left truncated. The finding is at the {@code start()} of the unjoined daemon writer.
 *
 * @see DaemonLogWriterFixed
 */
public class DaemonLogWriter {

    /** A log appender draining a queue into a file on a daemon thread that no one ever joins. */
    public void startAppender(BlockingQueue<String> lines, Path logFile) {
        Thread appender = new Thread(() -> drain(lines, logFile), "log-appender");
        appender.setDaemon(true);
        appender.start(); // expect: GL_DAEMON_UNFINISHED_WORK
    }

    static void drain(BlockingQueue<String> lines, Path logFile) {
        try (BufferedWriter out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
            while (true) {
                out.write(lines.take());
                out.newLine();
            }
        } catch (IOException | InterruptedException e) {
            System.err.println("appender stopped: " + e);
        }
    }

    /** An export written to a caller's stream on a daemon thread; the method returns before the export ends. */
    public void exportInBackground(List<String> rows, OutputStream sink) {
        Thread exporter = new Thread(() -> {
            PrintStream out = new PrintStream(sink, false, StandardCharsets.UTF_8);
            rows.forEach(out::println);
            out.flush();
        }, "exporter");
        exporter.setDaemon(true);
        exporter.start(); // expect: GL_DAEMON_UNFINISHED_WORK
    }

    /** A Thread subclass that is a daemon by construction and writes a snapshot file. */
    public static class SnapshotThread extends Thread {
        private final Path target;
        private final List<String> state;

        public SnapshotThread(Path target, List<String> state) {
            super("snapshot");
            this.target = target;
            this.state = state;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                Files.write(target, state, StandardCharsets.UTF_8);
            } catch (IOException e) {
                System.err.println("snapshot failed: " + e);
            }
        }
    }

    public void snapshot(Path target, List<String> state) {
        new SnapshotThread(target, state).start(); // expect: GL_DAEMON_UNFINISHED_WORK
    }
}
