package io.github.gridlock.agent.samples;

import io.github.gridlock.agent.runtime.LockHooks;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/** Loaded instrumented by TaskWrappingTest: each method hands a task to another thread and returns the test it saw. */
public class TaskSample {
    private final ExecutorService pool = Executors.newFixedThreadPool(2);
    private final ThreadPoolExecutor concrete = (ThreadPoolExecutor) Executors.newFixedThreadPool(1);
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(1);
    private final ScheduledThreadPoolExecutor concreteScheduler = new ScheduledThreadPoolExecutor(1);

    public void shutdown() {
        pool.shutdown();
        concrete.shutdown();
        scheduler.shutdown();
        concreteScheduler.shutdown();
    }

    /** The thread that calls the sample's methods (a task run inline on it proves nothing). */
    private static volatile Thread caller;

    private static String seen() {
        return Thread.currentThread() == caller ? "same thread" : String.valueOf(LockHooks.currentTest());
    }

    public void setCaller() {
        caller = Thread.currentThread();
    }

    public String execute() throws Exception {
        AtomicReference<String> r = new AtomicReference<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        concrete.execute(() -> {
            r.set(seen());
            done.countDown();
        });
        done.await();
        return r.get();
    }

    public String submitRunnable() throws Exception {
        AtomicReference<String> r = new AtomicReference<>();
        pool.submit(() -> r.set(seen())).get();
        return r.get();
    }

    public String submitRunnableWithResult() throws Exception {
        AtomicReference<String> r = new AtomicReference<>();
        return pool.submit(() -> r.set(seen()), "result").get() + " " + r.get();
    }

    public String submitCallable() throws Exception {
        return pool.submit((Callable<String>) TaskSample::seen).get();
    }

    public String invokeAll() throws Exception {
        List<Callable<String>> tasks = new ArrayList<>();
        tasks.add(TaskSample::seen);
        tasks.add(TaskSample::seen);
        return pool.invokeAll(tasks).get(0).get() + " " + pool.invokeAll(tasks, 5, TimeUnit.SECONDS).get(1).get();
    }

    public String invokeAny() throws Exception {
        List<Callable<String>> tasks = List.of(TaskSample::seen);
        return pool.invokeAny(tasks) + " " + pool.invokeAny(tasks, 5, TimeUnit.SECONDS);
    }

    public String schedule() throws Exception {
        AtomicReference<String> r = new AtomicReference<>();
        scheduler.schedule(() -> r.set(seen()), 1, TimeUnit.MILLISECONDS).get();
        ScheduledFuture<String> c = concreteScheduler.schedule(TaskSample::seen, 1, TimeUnit.MILLISECONDS);
        return r.get() + " " + c.get();
    }

    public String scheduleRepeated() throws Exception {
        AtomicReference<String> r = new AtomicReference<>();
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(2);
        ScheduledFuture<?> a = scheduler.scheduleAtFixedRate(() -> {
            r.set(seen());
            done.countDown();
        }, 0, 1, TimeUnit.MILLISECONDS);
        ScheduledFuture<?> b = scheduler.scheduleWithFixedDelay(() -> {
            r.compareAndSet(null, seen());
            done.countDown();
        }, 0, 1, TimeUnit.MILLISECONDS);
        done.await();
        a.cancel(false);
        b.cancel(false);
        return r.get();
    }

    public String completableFutures() throws Exception {
        AtomicReference<String> r = new AtomicReference<>();
        CompletableFuture.runAsync(() -> r.set(seen())).get();
        String a = r.get();
        CompletableFuture.runAsync(() -> r.set(seen()), pool).get();
        return a + " " + r.get() + " " + CompletableFuture.supplyAsync(TaskSample::seen).get() + " "
                + CompletableFuture.supplyAsync(TaskSample::seen, pool).get();
    }

    public String forkJoin() throws Exception {
        ForkJoinPool fj = new ForkJoinPool(1);
        try {
            java.util.concurrent.Future<String> f = fj.submit((Callable<String>) TaskSample::seen);
            while (!f.isDone()) { // not get(): an external get() may run the task itself
                Thread.sleep(1);
            }
            return f.get();
        } finally {
            fj.shutdown();
        }
    }
}
