package io.github.gridlock.samples.completion;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Fixed twin of {@link PoolNeverShutDown}: the seed's {@code pool.shutdown()} restored, in a {@code finally}
 * so it also runs when a task fails; the scheduler shuts itself down after its one task, whose Future goes to the
 * caller.
 */
public class PoolNeverShutDownFixed {

    public List<Long> squares() throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                int n = i;
                results.add(pool.submit(() -> PoolNeverShutDown.task(n)));
            }
            List<Long> out = new ArrayList<>();
            for (Future<Long> f : results) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    public void fanOut(List<Runnable> jobs) throws InterruptedException {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        try {
            for (Runnable job : jobs) {
                pool.execute(job);
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(1, TimeUnit.MINUTES);
        }
    }

    /** The caller gets the reminder's Future (a delayed task still runs after shutdown()). */
    public ScheduledFuture<?> remindLater(Runnable reminder) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
        try {
            return timer.schedule(reminder, 5, TimeUnit.SECONDS);
        } finally {
            timer.shutdown();
        }
    }
}
