package io.github.gridlock.samples.lifecycle;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
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
}
