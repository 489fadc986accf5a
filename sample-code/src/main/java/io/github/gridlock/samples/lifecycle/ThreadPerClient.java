package io.github.gridlock.samples.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.BlockingQueue;

/**
 * GL_THREAD_PER_TASK. Seed {@code 002_3c6ada6ae3eed539.txt} (and {@code 000_fad6ca671c6af024.txt}): "every client that
 * arrives gets a new thread … a machine cannot open threads without limit". Each loop below starts one new thread per
 * item of an unbounded stream of work (connections, queued jobs, input lines), so a burst of clients exhausts memory
 * and native threads. The finding is at the {@code start()} inside the loop.
 *
 * @see ThreadPerClientFixed
 */
public class ThreadPerClient {

    /** The seed's echo server: accept, then a new thread for the connection. */
    public void serve(ServerSocket server) throws IOException {
        while (!server.isClosed()) {
            Socket conn = server.accept();
            new Thread(() -> echo(conn), "client-" + conn.getPort()).start(); // expect: GL_THREAD_PER_TASK
        }
    }

    /** One thread per job taken from a queue. */
    public void dispatch(BlockingQueue<Runnable> jobs) throws InterruptedException {
        while (true) {
            Runnable job = jobs.take();
            Thread t = new Thread(job);
            t.start(); // expect: GL_THREAD_PER_TASK
        }
    }

    /** One thread per input line, however long the input is. */
    public void perLine(BufferedReader in) throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String request = line;
            Thread handler = new Thread(() -> System.out.println(request.toUpperCase()));
            handler.start(); // expect: GL_THREAD_PER_TASK
        }
    }

    static void echo(Socket conn) {
        try (conn; InputStream in = conn.getInputStream(); OutputStream out = conn.getOutputStream()) {
            byte[] buf = new byte[1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
        } catch (IOException e) {
            System.err.println("connection reset: " + e);
        }
    }
}
