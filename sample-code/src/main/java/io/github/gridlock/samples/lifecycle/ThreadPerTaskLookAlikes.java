package io.github.gridlock.samples.lifecycle;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Safe look-alikes for GL_THREAD_PER_TASK: threads started in a loop, or a loop that takes work without bound, but
 * never an unbounded number of threads at once:
 * <ul>
 * <li>an accept loop handing each connection to a fixed pool made before the loop;</li>
 * <li>one thread per element of a collection the caller passed (as many threads as shards, not as requests);</li>
 * <li>a supervisor that starts a worker and joins it before starting the next;</li>
 * <li>an accept loop whose threads are bounded by a semaphore taken before each start;</li>
 * <li>a loop that takes jobs and runs them on its own thread;</li>
 * <li>a loop that reads configuration, then one thread started after it;</li>
 * <li>the accept loop itself started once, on a thread of its own.</li>
 * </ul>
 */
public class ThreadPerTaskLookAlikes {

    /** Connections go to a bounded pool. */
    public void servePooled(ServerSocket server, ExecutorService pool) throws IOException {
        while (!server.isClosed()) {
            Socket conn = server.accept();
            pool.execute(() -> ThreadPerClient.echo(conn));
        }
    }

    /** One thread per shard: the count is the caller's list, not a stream of requests. */
    public void scanShards(List<String> shards) {
        for (String shard : shards) {
            new Thread(() -> System.out.println("scanning " + shard)).start();
        }
    }

    /** Restarts the worker whenever it ends: one at a time. */
    public void supervise(Runnable job) throws InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            Thread worker = new Thread(job, "supervised");
            worker.start();
            worker.join();
        }
    }

    /** At most eight client threads: each start waits for a permit that the thread gives back when done. */
    public void serveBounded(ServerSocket server, Semaphore slots) throws IOException, InterruptedException {
        while (!server.isClosed()) {
            Socket conn = server.accept();
            // Bounded, so not a thread per task; but if creating or starting the thread throws, the permit is lost
            // for good (the release lives in the thread that never ran): that much GL_PERMIT_NOT_RELEASED reports.
            slots.acquire(); // expect: GL_PERMIT_NOT_RELEASED
            new Thread(() -> {
                try {
                    ThreadPerClient.echo(conn);
                } finally {
                    slots.release();
                }
            }).start();
        }
    }

    /**
     * One snapshot thread at a time: a request that finds the permit taken is skipped, so however many requests
     * come, at most one thread runs.
     */
    public void snapshotOnRequest(BlockingQueue<Runnable> requests, Semaphore oneAtATime) throws InterruptedException {
        while (true) {
            Runnable snapshot = requests.take();
            if (!oneAtATime.tryAcquire()) {
                System.err.println("busy, snapshot skipped");
                continue;
            }
            new Thread(() -> {
                try {
                    snapshot.run();
                } finally {
                    oneAtATime.release();
                }
            }).start();
        }
    }

    /** Takes jobs without bound, but runs them here: no thread per job. */
    public void drain(BlockingQueue<Runnable> jobs) throws InterruptedException {
        while (true) {
            jobs.take().run();
        }
    }

    /** Reads every line first, then starts one thread. */
    public Thread loadThenStart(BufferedReader config) throws IOException {
        StringBuilder all = new StringBuilder();
        String line;
        while ((line = config.readLine()) != null) {
            all.append(line).append('\n');
        }
        Thread applier = new Thread(() -> System.out.println(all));
        applier.start();
        return applier;
    }

    /** The acceptor runs on one thread, started once; it hands connections to a fixed pool. */
    public Thread startAcceptor(ServerSocket server) {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        Thread acceptor = new Thread(() -> {
            try {
                servePooled(server, pool);
            } catch (IOException e) {
                System.err.println("acceptor stopped: " + e);
            } finally {
                pool.shutdown();
            }
        });
        acceptor.start();
        return acceptor;
    }
}
