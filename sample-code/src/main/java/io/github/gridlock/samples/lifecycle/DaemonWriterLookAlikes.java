package io.github.gridlock.samples.lifecycle;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Safe look-alikes for GL_DAEMON_UNFINISHED_WORK: daemon threads that write, but whose end is waited for (a latch, the
 * future, the executor's termination) or handed to the caller; daemons whose output is not durable (console progress,
 * a buffer in memory, replies on a socket) or that only read; and writers on non-daemon threads, which the JVM waits for.
 */
public class DaemonWriterLookAlikes {

    /** The writer counts a latch down when done; the starter awaits it. */
    public void awaitedByLatch(Path file, List<String> lines) throws InterruptedException {
        CountDownLatch done = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            try {
                DaemonPoolWriter.write(file, lines);
            } finally {
                done.countDown();
            }
        });
        t.setDaemon(true);
        t.start();
        done.await();
    }

    /** Console progress only: losing a line of it at exit loses no data (the page says so). */
    public void consoleProgress(List<String> items) {
        Thread t = new Thread(() -> items.forEach(i -> System.out.println("done: " + i)), "progress");
        t.setDaemon(true);
        t.start();
    }

    /** Reads a file into memory: nothing is left half-written when it stops. */
    public AtomicReference<List<String>> preload(Path file) {
        AtomicReference<List<String>> loaded = new AtomicReference<>();
        Thread t = new Thread(() -> loaded.set(readQuietly(file)), "preload");
        t.setDaemon(true);
        t.start();
        return loaded;
    }

    /** Writes to a buffer in memory, which dies with the JVM anyway. */
    public StringWriter renderInBackground(List<String> lines) {
        StringWriter out = new StringWriter();
        Thread t = new Thread(() -> render(out, lines), "render");
        t.setDaemon(true);
        t.start();
        return out;
    }

    /** A daemon executor whose termination is awaited before returning. */
    public void daemonPoolAwaited(Path file, List<String> lines) throws InterruptedException {
        ExecutorService pool = Executors.newSingleThreadExecutor(new DaemonPoolWriter.DaemonFactory());
        pool.execute(() -> DaemonPoolWriter.write(file, lines));
        pool.shutdown();
        pool.awaitTermination(1, TimeUnit.MINUTES);
    }

    /** The common pool's future is returned: the caller decides when to join it. */
    public CompletableFuture<Void> saveLater(Path file, List<String> lines) {
        return CompletableFuture.runAsync(() -> DaemonPoolWriter.writeQuietly(file, lines));
    }

    /** The daemon writer is returned to the caller, who owns (and joins) it. */
    public Thread startSaver(Path file, List<String> lines) {
        Thread t = new Thread(() -> DaemonPoolWriter.write(file, lines), "saver");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Joined in a helper before returning. */
    public void joinedInHelper(Path file, List<String> lines) {
        Thread t = new Thread(() -> DaemonPoolWriter.write(file, lines), "saver");
        t.setDaemon(true);
        t.start();
        DaemonShutdownHookLookAlike.joinQuietly(t);
    }

    /**
     * A stop-port listener (Jetty's ShutdownService shape): it writes only replies to a socket, which a JVM that exits
     * closes anyway; dying with the JVM is what it is for.
     */
    public void listenForStop(ServerSocket server) {
        Thread t = new Thread(() -> serveStop(server), "stop-listener");
        t.setDaemon(true);
        t.start();
    }

    static void serveStop(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                OutputStream out = client.getOutputStream();
                reply(out, "Stopped\r\n");
            } catch (IOException e) {
                return;
            }
        }
    }

    static void reply(OutputStream out, String message) throws IOException {
        out.write(message.getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** A non-daemon pool: its thread keeps the JVM alive until the write is done. */
    public void plainPool(Path file, List<String> lines) {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.execute(() -> DaemonPoolWriter.write(file, lines));
        pool.shutdown();
    }

    static void render(StringWriter out, List<String> lines) {
        for (String line : lines) {
            out.write(line);
            out.write('\n');
        }
    }

    static List<String> readQuietly(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return List.of();
        }
    }
}
