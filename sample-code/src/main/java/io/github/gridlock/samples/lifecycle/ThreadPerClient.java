package io.github.gridlock.samples.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * GL_THREAD_PER_TASK. Seed {@code 002_3c6ada6ae3eed539.txt} (and {@code 000_fad6ca671c6af024.txt}): "every client that
 * arrives gets a new thread … a machine cannot open threads without limit". Each loop below starts one new thread per
 * item of an unbounded stream of work (connections, queued jobs, input lines), so a burst of clients exhausts memory
 * and native threads. The finding is at the {@code start()} inside the loop (or at the creation of a cached
 * executor, whose threads are as unbounded). Beyond the seed: a Thread subclass per connection, a channel's accept, a
 * deque's takeFirst, a do/while over input lines, an endless loop over work of the program's own, and a cached pool
 * made anew per connection.
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

    /** A Thread subclass per connection. */
    public void serveWithHandlers(ServerSocket server) throws IOException {
        while (true) {
            Socket conn = server.accept();
            new ClientHandler(conn).start(); // expect: GL_THREAD_PER_TASK
        }
    }

    /** NIO's accept, the same shape. */
    public void serveChannel(ServerSocketChannel server) throws IOException {
        while (server.isOpen()) {
            SocketChannel conn = server.accept();
            Thread t = new Thread(() -> System.out.println("client " + conn));
            t.start(); // expect: GL_THREAD_PER_TASK
        }
    }

    /** Jobs taken from the front of a deque, a thread each. */
    public void dispatchFirst(BlockingDeque<Runnable> jobs) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            Runnable job = jobs.takeFirst();
            new Thread(job, "job").start(); // expect: GL_THREAD_PER_TASK
        }
    }

    /** A do/while over the input: one thread per line. */
    public void perLineDoWhile(BufferedReader in) throws IOException {
        String line = in.readLine();
        do {
            String request = line;
            new Thread(() -> System.out.println(request)).start(); // expect: GL_THREAD_PER_TASK
            line = in.readLine();
        } while (line != null);
    }

    /** An endless loop over work of the program's own source: nothing bounds the threads. */
    public void pump(JobSource source) {
        while (true) {
            Runnable job = source.next();
            new Thread(job).start(); // expect: GL_THREAD_PER_TASK
        }
    }

    /** A new cached pool per connection: its threads are as unbounded as new Thread, and never shut down. */
    public void servePooled(ServerSocket server) throws IOException {
        while (!server.isClosed()) {
            Socket conn = server.accept();
            ExecutorService perClient = Executors.newCachedThreadPool(); // expect: GL_THREAD_PER_TASK, GL_EXECUTOR_NOT_SHUTDOWN
            perClient.execute(() -> echo(conn));
        }
    }

    /** Where {@link #pump} gets its work. */
    public interface JobSource {
        Runnable next();
    }

    /** Serves one connection on a thread of its own. */
    static final class ClientHandler extends Thread {
        private final Socket conn;

        ClientHandler(Socket conn) {
            this.conn = conn;
        }

        @Override
        public void run() {
            echo(conn);
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
