package io.github.gridlock.agent.runtime;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The threads a thread wait waits for, found by the watchdog (never on an application thread):
 *
 * <ul>
 *   <li>{@code Thread.join}: the joined thread;</li>
 *   <li>{@code awaitTermination}/{@code close} of a {@link ThreadPoolExecutor} (also behind the wrappers of
 *       {@code Executors.newSingleThreadExecutor()} and friends): its worker threads;</li>
 *   <li>{@code Future.get} of a {@link FutureTask} (what {@code submit} and {@code schedule} return): the thread
 *       running it; of a {@link CompletableFuture} made by {@code supplyAsync}/{@code runAsync}: the thread running
 *       its task ({@link AsyncTask});</li>
 *   <li>{@code CountDownLatch.await}: the live threads the waiting thread started (and those they started) — the
 *       threads that can count it down, as far as the agent can tell.</li>
 * </ul>
 *
 * The JDK's internals are read reflectively (java.base opens java.util.concurrent to the runtime); where they cannot
 * be read, or the executor or future is of another kind, the wait has no known targets and is left out of the graph.
 */
final class WaitTargets {
    private static final Field FUTURE_RUNNER = field(FutureTask.class, "runner");
    private static final Field POOL_WORKERS = field(ThreadPoolExecutor.class, "workers");
    private static final Field POOL_MAIN_LOCK = field(ThreadPoolExecutor.class, "mainLock");
    private static final Class<?> WORKER = type("java.util.concurrent.ThreadPoolExecutor$Worker");
    private static final Field WORKER_THREAD = WORKER == null ? null : field(WORKER, "thread");
    private static final Class<?> DELEGATED = type("java.util.concurrent.Executors$DelegatedExecutorService");
    private static final Field DELEGATE = DELEGATED == null ? null : field(DELEGATED, "e");
    private static final Field FUTURE_STATE = field(FutureTask.class, "state");
    private static final Field FUTURE_RESULT = field(CompletableFuture.class, "result");
    private static final Field LATCH_SYNC = field(CountDownLatch.class, "sync");
    private static final Field AQS_STATE = field(java.util.concurrent.locks.AbstractQueuedSynchronizer.class, "state");
    private static final Field POOL_CTL = field(ThreadPoolExecutor.class, "ctl");
    /** ThreadPoolExecutor's run state TERMINATED, in the high bits of ctl (3 << 29, as in every JDK since 7). */
    private static final int POOL_TERMINATED = 3 << 29;

    private WaitTargets() {
    }

    /** The threads {@code w} waits for (live ones only); empty when unknown. */
    static List<Thread> of(ThreadWaitInfo w, List<ThreadWaitInfo> all, Map<Thread, Long> startedBy) {
        List<Thread> r = new ArrayList<>();
        Object target = w.target;
        switch (w.kind) {
            case Waits.JOIN:
                if (target instanceof Thread) {
                    r.add((Thread) target);
                }
                break;
            case Waits.AWAIT_TERMINATION:
            case Waits.CLOSE:
                workers(target, r);
                break;
            case Waits.FUTURE_GET:
            case Waits.FUTURE_JOIN:
                computing(target, all, r);
                break;
            case Waits.LATCH:
                descendants(w.threadId, startedBy, r);
                break;
            default:
                break;
        }
        r.removeIf(t -> t == null || !t.isAlive() || t == w.thread && w.kind != Waits.JOIN);
        return r;
    }

    /**
     * After the snapshot: what the thread waits for has still not happened, so it had not during the snapshot. Reads
     * the JDK classes' own fields: the watchdog never calls a method a subclass in the program could override.
     */
    static boolean stillPending(ThreadWaitInfo w) {
        Object target = w.target;
        if (target instanceof Thread) {
            return ((Thread) target).isAlive(); // final
        }
        if (target instanceof FutureTask) {
            Object state = get(FUTURE_STATE, target);
            return state instanceof Integer && (Integer) state <= 1; // NEW or COMPLETING
        }
        if (target instanceof CompletableFuture) {
            return FUTURE_RESULT != null && get(FUTURE_RESULT, target) == null;
        }
        if (target instanceof CountDownLatch) {
            Object sync = get(LATCH_SYNC, target);
            Object count = get(AQS_STATE, sync);
            return count instanceof Integer && (Integer) count > 0;
        }
        Object pool = unwrap(target);
        if (pool instanceof ThreadPoolExecutor) {
            Object ctl = get(POOL_CTL, pool);
            return ctl instanceof java.util.concurrent.atomic.AtomicInteger
                    && ((java.util.concurrent.atomic.AtomicInteger) ctl).get() < POOL_TERMINATED;
        }
        return false;
    }

    private static Object unwrap(Object executor) {
        Object e = executor;
        for (int depth = 0; depth < 4 && DELEGATED != null && DELEGATED.isInstance(e); depth++) {
            e = get(DELEGATE, e);
        }
        return e;
    }

    private static void workers(Object executor, List<Thread> into) {
        Object e = unwrap(executor);
        if (!(e instanceof ThreadPoolExecutor) || POOL_WORKERS == null || POOL_MAIN_LOCK == null
                || WORKER_THREAD == null) {
            return;
        }
        Object lock = get(POOL_MAIN_LOCK, e);
        if (!(lock instanceof ReentrantLock)) {
            return;
        }
        ReentrantLock mainLock = (ReentrantLock) lock;
        // tryLock: the watchdog never waits for the program (the pool guards its worker set with this lock)
        if (!mainLock.tryLock()) {
            return;
        }
        try {
            Object workers = get(POOL_WORKERS, e);
            if (workers instanceof Collection) {
                for (Object worker : (Collection<?>) workers) {
                    Object t = get(WORKER_THREAD, worker);
                    if (t instanceof Thread) {
                        into.add((Thread) t);
                    }
                }
            }
        } finally {
            mainLock.unlock();
        }
    }

    private static void computing(Object future, List<ThreadWaitInfo> all, List<Thread> into) {
        if (future instanceof FutureTask && FUTURE_RUNNER != null) {
            Object t = get(FUTURE_RUNNER, future);
            if (t instanceof Thread) {
                into.add((Thread) t);
            }
        } else if (future instanceof CompletableFuture) {
            for (ThreadWaitInfo other : all) {
                if (other.task != null && other.task.future == future) {
                    into.add(other.thread);
                }
            }
        }
    }

    private static void descendants(long starter, Map<Thread, Long> startedBy, List<Thread> into) {
        List<Long> parents = new ArrayList<>();
        parents.add(starter);
        for (int i = 0; i < parents.size() && into.size() < 1000; i++) {
            long p = parents.get(i);
            for (Map.Entry<Thread, Long> e : startedBy.entrySet()) {
                if (e.getValue() == p && !into.contains(e.getKey())) {
                    into.add(e.getKey());
                    @SuppressWarnings("deprecation")
                    long id = e.getKey().getId();
                    parents.add(id);
                }
            }
        }
    }

    private static Object get(Field f, Object o) {
        try {
            return f == null || o == null ? null : f.get(o);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    private static Class<?> type(String name) {
        try {
            return Class.forName(name, false, null);
        } catch (ClassNotFoundException | LinkageError e) {
            return null;
        }
    }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }
}
