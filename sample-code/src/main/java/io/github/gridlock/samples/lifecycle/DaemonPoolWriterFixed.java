package io.github.gridlock.samples.lifecycle;

import java.io.Writer;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fixed twin of {@link DaemonPoolWriter}: every daemon writer is waited for before the method returns (the executor's
 * termination, the future's {@code join()}, the thread's {@code join()} on every path).
 */
public class DaemonPoolWriterFixed {

    public void saveWithDaemonFactory(Path file, List<String> lines) throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "saver");
            t.setDaemon(true);
            return t;
        });
        pool.execute(() -> DaemonPoolWriter.write(file, lines));
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    public void saveWithFactoryClass(Path file, List<String> lines) throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor(new DaemonPoolWriter.DaemonFactory());
        pool.execute(() -> DaemonPoolWriter.write(file, lines));
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    public void saveOnCommonPool(Path file, List<String> lines) {
        CompletableFuture.runAsync(() -> DaemonPoolWriter.writeQuietly(file, lines)).join();
    }

    public void saveMaybeWaiting(Path file, List<String> lines) throws InterruptedException {
        Thread saver = new Thread(() -> DaemonPoolWriter.write(file, lines), "saver");
        saver.setDaemon(true);
        saver.start();
        saver.join();
    }

    public void auditInBackground(Connection db, String event) throws InterruptedException {
        Thread t = new Thread(new DaemonPoolWriter.AuditTask(db, event), "audit");
        t.setDaemon(true);
        t.start();
        t.join();
    }

    /** Not a daemon: the JVM waits for it. */
    public void dumpInBackground(Writer sink, List<String> lines) {
        Thread t = new Thread(() -> DaemonPoolWriter.dump(sink, lines), "dump");
        t.start();
    }
}
