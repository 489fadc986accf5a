package io.github.gridlock.samples.lifecycle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * GL_DAEMON_UNFINISHED_WORK, more shapes than {@link DaemonLogWriter}: the daemon comes from a thread factory, from the
 * common pool, or is joined on one path only; the write is reached through a helper or a {@code Runnable} class, and
 * goes to a file, a {@code Writer} or JDBC. In every one the method may return (and the JVM exit) while the write is
 * under way, and the daemon thread is stopped wherever it is.
 *
 * @see DaemonPoolWriterFixed
 */
public class DaemonPoolWriter {

    /** A single-thread executor whose factory (a lambda) marks its thread daemon; shutdown() does not wait. */
    public void saveWithDaemonFactory(Path file, List<String> lines) {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "saver");
            t.setDaemon(true);
            return t;
        });
        pool.execute(() -> write(file, lines)); // expect: GL_DAEMON_UNFINISHED_WORK
        pool.shutdown();
    }

    /** The same with a named factory class. */
    public void saveWithFactoryClass(Path file, List<String> lines) {
        ExecutorService pool = Executors.newSingleThreadExecutor(new DaemonFactory());
        pool.execute(() -> write(file, lines)); // expect: GL_DAEMON_UNFINISHED_WORK
        pool.shutdown();
    }

    /** runAsync without an executor runs on the common ForkJoinPool, whose threads are daemons; failures are logged, never waited for. */
    public void saveOnCommonPool(Path file, List<String> lines) {
        CompletableFuture.runAsync(() -> write(file, lines)).whenComplete((v, e) -> logFailure(e)); // expect: GL_DAEMON_UNFINISHED_WORK
    }

    static void logFailure(Throwable e) {
        if (e != null) {
            System.err.println("save failed: " + e);
        }
    }

    /** Joined on one path only: when {@code wait} is false the file may be cut off. */
    public void saveMaybeWaiting(Path file, List<String> lines, boolean wait) throws InterruptedException {
        Thread saver = new Thread(() -> write(file, lines), "saver");
        saver.setDaemon(true);
        saver.start(); // expect: GL_DAEMON_UNFINISHED_WORK
        if (wait) {
            saver.join();
        }
    }

    /** A Runnable class doing JDBC work on a daemon thread. */
    public void auditInBackground(Connection db, String event) {
        Thread t = new Thread(new AuditTask(db, event), "audit");
        t.setDaemon(true);
        t.start(); // expect: GL_DAEMON_UNFINISHED_WORK
    }

    /** A writer given to a daemon thread through a method reference to a helper. */
    public void dumpInBackground(Writer sink, List<String> lines) {
        Thread t = new Thread(() -> dump(sink, lines), "dump");
        t.setDaemon(true);
        t.start(); // expect: GL_DAEMON_UNFINISHED_WORK
    }

    static void write(Path file, List<String> lines) {
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void writeQuietly(Path file, List<String> lines) {
        try {
            write(file, lines);
        } catch (RuntimeException e) {
            System.err.println("save failed: " + e);
        }
    }

    static void dump(Writer sink, List<String> lines) {
        try {
            for (String line : lines) {
                sink.write(line);
                sink.write('\n');
            }
            sink.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A thread factory that marks its threads daemon. */
    static final class DaemonFactory implements ThreadFactory {
        @Override
        public Thread newThread(Runnable r) {
            Thread t = new Thread(r, "daemon-saver");
            t.setDaemon(true);
            return t;
        }
    }

    /** Inserts one audit row. */
    static final class AuditTask implements Runnable {
        private final Connection db;
        private final String event;

        AuditTask(Connection db, String event) {
            this.db = db;
            this.event = event;
        }

        @Override
        public void run() {
            try (Statement st = db.createStatement()) {
                st.executeUpdate("INSERT INTO audit VALUES ('" + event + "')");
            } catch (SQLException e) {
                System.err.println("audit failed: " + e);
            }
        }
    }
}
