package io.github.gridlock.samples.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.BlockingDeque;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Fixed twin of {@link ThreadPerClient}: the seed's answer, a pool ({@code ThreadPoolExecutor(5)}): a bounded
 * number of threads serve an unbounded number of clients, and the pool is shut down when the loop ends.
 */
public class ThreadPerClientFixed {

    public void serve(ServerSocket server) throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            while (!server.isClosed()) {
                Socket conn = server.accept();
                pool.execute(() -> ThreadPerClient.echo(conn));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    public void dispatch(BlockingQueue<Runnable> jobs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            while (true) {
                pool.execute(jobs.take());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    public void perLine(BufferedReader in) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            String line;
            while ((line = in.readLine()) != null) {
                String request = line;
                pool.execute(() -> System.out.println(request.toUpperCase()));
            }
        } finally {
            pool.shutdown();
        }
    }

    public void serveWithHandlers(ServerSocket server) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            while (true) {
                Socket conn = server.accept();
                pool.execute(() -> ThreadPerClient.echo(conn));
            }
        } finally {
            pool.shutdown();
        }
    }

    public void serveChannel(ServerSocketChannel server) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            while (server.isOpen()) {
                SocketChannel conn = server.accept();
                pool.execute(() -> System.out.println("client " + conn));
            }
        } finally {
            pool.shutdown();
        }
    }

    public void dispatchFirst(BlockingDeque<Runnable> jobs) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            while (!Thread.currentThread().isInterrupted()) {
                pool.execute(jobs.takeFirst());
            }
        } finally {
            pool.shutdown();
        }
    }

    public void perLineDoWhile(BufferedReader in) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            String line = in.readLine();
            do {
                String request = line;
                pool.execute(() -> System.out.println(request));
                line = in.readLine();
            } while (line != null);
        } finally {
            pool.shutdown();
        }
    }

    public void pump(ThreadPerClient.JobSource source) {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            while (true) {
                pool.execute(source.next());
            }
        } finally {
            pool.shutdown();
        }
    }

    /** One pool for all connections, made before the loop. */
    public void servePooled(ServerSocket server) throws IOException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            while (!server.isClosed()) {
                Socket conn = server.accept();
                pool.execute(() -> ThreadPerClient.echo(conn));
            }
        } finally {
            pool.shutdown();
        }
    }
}
