package io.github.gridlock.agent.runtime;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Static entry points called by instrumented code. Every hook performs the original operation exactly once and
 * never throws anything of its own, except {@link LockOrderViolation} with {@code onCycle=fail}. The bookkeeping
 * is skipped while the hooks are already running on this thread (re-entry guard).
 *
 * <p>Known edge (fast path): a thread-local read, an identity-hash lookup per held lock and a scan of that lock's
 * out-edges; no global lock, no allocation. Everything new (edge, thread, gate set, mode) goes to the slow path in
 * {@link LockGraph} under the agent's own lock.
 */
public final class LockHooks {
    private static final ThreadLocal<ThreadState> STATE = ThreadLocal.withInitial(LockHooks::newState);
    private static final ReentrantLock THREADS_LOCK = new ReentrantLock();
    private static final Map<Thread, ThreadState.Shared> STATES = new WeakHashMap<>();
    private static final Map<Thread, Segment> PENDING_START = new WeakHashMap<>();
    /** The test a started thread inherits from its starter, until it creates its state. */
    private static final Map<Thread, String> PENDING_TEST = new WeakHashMap<>();
    private static final Map<Object, WeakReference<Object>> CONDITIONS = new WeakHashMap<>();
    /** Who started each thread (its starter's id), for the latches of the waits-for graph. */
    private static final Map<Thread, Long> STARTED_BY = new WeakHashMap<>();
    private static volatile boolean active;

    private LockHooks() {
    }

    // ------------------------------------------------------------------ public API (agent, reports, JUnit)

    /** Called by the agent once the transformer is installed. */
    public static void activate(long watchdogMillis) {
        active = true;
        Reporter.ensureStarted();
        Housekeeper.ensureStarted();
        if (watchdogMillis > 0) {
            Watchdog.start(watchdogMillis);
        }
    }

    /** True when running under the Gridlock agent. */
    public static boolean isActive() {
        return active;
    }

    public static List<Finding> findings() {
        return LockGraph.findings();
    }

    /** Locks and edges seen so far, and the cycles each filter stopped. */
    public static Stats stats() {
        return LockGraph.stats();
    }

    public static int findingCount() {
        return LockGraph.findingCount();
    }

    public static void addListener(FindingListener listener) {
        Reporter.addListener(listener);
    }

    public static void removeListener(FindingListener listener) {
        Reporter.removeListener(listener);
    }

    /** Delivers queued findings to the listeners now, on the calling thread. */
    public static void flushReports() {
        Reporter.flush();
    }

    /** Number of live lock nodes in the graph (collected locks are not counted). */
    public static int liveLockCount() {
        return LockGraph.liveNodes();
    }

    /** Number of edges between live lock nodes (walks the graph under the agent's lock: not for hot code). */
    public static int liveEdgeCount() {
        return LockGraph.liveEdges();
    }

    /**
     * The agent's own code is about to run on this thread (the transformer, a report): until
     * {@link #resumeTracking}, the hooks record nothing here, so what that code locks (a JDK class of a {@code jdk=}
     * group, the stream it prints to) never enters the graph. Returns whether tracking was already paused.
     */
    public static boolean pauseTracking() {
        ThreadState ts = current();
        if (ts == null) {
            return true;
        }
        boolean was = ts.busy;
        ts.busy = true;
        return was;
    }

    /** Ends {@link #pauseTracking}; {@code wasPaused} is what it returned. */
    public static void resumeTracking(boolean wasPaused) {
        ThreadState ts = current();
        if (ts != null) {
            ts.busy = wasPaused;
        }
    }

    /** For the agent's own threads (reporter, watchdog, exit hook): nothing they lock is ever recorded. */
    public static void markAgentThread() {
        pauseTracking();
    }

    // ------------------------------------------------------------------ tests (the JUnit extension)

    /**
     * The calling thread works for {@code test} (a unique id) until {@link #endTest}: findings whose closing edge
     * it, a thread it starts or a task it submits creates are attributed to it. Returns the previous test, or null.
     */
    public static String beginTest(String test) {
        ThreadState ts = current();
        return ts == null ? null : TestContext.begin(ts, test);
    }

    /** Ends {@link #beginTest}; {@code previous} is what it returned. */
    public static void endTest(String test, String previous) {
        ThreadState ts = current();
        if (ts != null) {
            TestContext.end(ts, test, previous);
        }
    }

    /** The test the calling thread works for, or null. */
    public static String currentTest() {
        ThreadState ts = current();
        return ts == null ? null : ts.shared.test;
    }

    /** The test of a finding made now on this thread: its own, else the only test running, else null. */
    static String testToBlame() {
        String t = currentTest();
        return t != null ? t : TestContext.soleActive();
    }

    /** The test the live thread with this id works for, or null. */
    static String testOfThread(long threadId) {
        THREADS_LOCK.lock();
        try {
            for (Map.Entry<Thread, ThreadState.Shared> e : STATES.entrySet()) {
                @SuppressWarnings("deprecation")
                long id = e.getKey().getId();
                if (id == threadId) {
                    return e.getValue().test;
                }
            }
            return null;
        } finally {
            THREADS_LOCK.unlock();
        }
    }

    // Tasks handed to executors: wrapped to carry the submitting thread's test, only when it has one.

    public static Runnable runnable(Runnable task) {
        String test = currentTest();
        return test == null || task == null ? task : new TestContext.TaggedRunnable(task, test);
    }

    public static <V> Callable<V> callable(Callable<V> task) {
        String test = currentTest();
        return test == null || task == null ? task : new TestContext.TaggedCallable<>(task, test);
    }

    /** For invokeAll / invokeAny: the collection of callables, each wrapped (same order). */
    public static Collection<?> callables(Collection<?> tasks) {
        String test = currentTest();
        return test == null || tasks == null ? tasks : TestContext.callables(tasks, test);
    }

    public static ScheduledFuture<?> schedule(ScheduledExecutorService executor, Runnable task, long delay,
            TimeUnit unit) {
        return executor.schedule(runnable(task), delay, unit);
    }

    public static <V> ScheduledFuture<V> schedule(ScheduledExecutorService executor, Callable<V> task, long delay,
            TimeUnit unit) {
        return executor.schedule(callable(task), delay, unit);
    }

    public static ScheduledFuture<?> scheduleAtFixedRate(ScheduledExecutorService executor, Runnable task,
            long initialDelay, long period, TimeUnit unit) {
        return executor.scheduleAtFixedRate(runnable(task), initialDelay, period, unit);
    }

    public static ScheduledFuture<?> scheduleWithFixedDelay(ScheduledExecutorService executor, Runnable task,
            long initialDelay, long delay, TimeUnit unit) {
        return executor.scheduleWithFixedDelay(runnable(task), initialDelay, delay, unit);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static List<?> invokeAll(ExecutorService executor, Collection<?> tasks, long timeout, TimeUnit unit)
            throws InterruptedException {
        return executor.invokeAll((Collection) callables(tasks), timeout, unit);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Object invokeAny(ExecutorService executor, Collection<?> tasks, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        return executor.invokeAny((Collection) callables(tasks), timeout, unit);
    }

    /** This thread's state, or null if it cannot be had (never throws). */
    static ThreadState stateOrNull() {
        return current();
    }

    /** This thread's state, or null if it cannot be had (never throws). */
    private static ThreadState current() {
        return ThreadTable.get();
    }

    /** Locks currently held by the calling thread, innermost last, by lock class. */
    public static List<String> heldByCurrentThread() {
        ThreadState ts = current();
        if (ts == null) {
            return new ArrayList<>();
        }
        pruneReleasedMonitors(ts);
        List<String> r = new ArrayList<>();
        for (int i = 0; i < ts.size; i++) {
            Object lock = ts.slots[i].lock;
            LockNode n = LockGraph.find(lock);
            r.add((n != null ? n.label : LockGraph.defaultLabel(lock)) + "x" + ts.slots[i].count);
        }
        return r;
    }

    // ------------------------------------------------------------------ monitors

    /** Before {@code monitorenter}: checks the lock order, then records the monitor as held. */
    public static void monitorEnter(Object monitor) {
        if (monitor != null) {
            acquire(monitor, LockGraph.MONITOR, false, true, true);
        }
    }

    /**
     * The calling thread's state, fetched once at the start of an instrumented method and passed to the
     * {@code (Object, Object)} variants of the hot hooks, so that a method taking several locks pays for one
     * thread-local lookup. Typed Object so that instrumented classes do not name runtime internals.
     */
    public static Object state() {
        return ThreadTable.get();
    }

    /** The ThreadLocal behind {@link ThreadTable}; null if it cannot be had (never throws). */
    static ThreadState stateFromThreadLocal() {
        try {
            return STATE.get();
        } catch (Throwable t) {
            AgentErrors.record(AgentErrors.Place.LOCK_HOOK, t);
            return null;
        }
    }

    // The (Object, Object) hooks are what a method with two or more hot hooks calls. Each is a few loads and
    // compares (ThreadState.enterCached / exitTop) that the JIT inlines into the instrumented method; anything
    // else goes to acquireMiss / releaseMiss, which stay out of line.

    public static void monitorEnter(Object monitor, Object state) {
        if (monitor != null && state != null) {
            ThreadState ts = (ThreadState) state;
            if (!ts.enterCached(monitor, LockGraph.MONITOR)) {
                acquireMiss(ts, monitor, LockGraph.MONITOR, false, true, true);
            }
        }
    }

    public static void monitorExit(Object monitor, Object state) {
        if (state != null) {
            ThreadState ts = (ThreadState) state;
            if (!ts.exitTop(monitor)) {
                releaseMiss(ts, monitor);
            }
        }
    }

    public static void methodEnter(Object monitor, Object state) {
        if (state != null) {
            ThreadState ts = (ThreadState) state;
            if (!ts.enterCached(monitor, LockGraph.EXCLUSIVE)) {
                acquireMiss(ts, monitor, LockGraph.EXCLUSIVE, false, true, true);
            }
        }
    }

    public static void methodExit(Object monitor, Object state) {
        if (state != null) {
            ThreadState ts = (ThreadState) state;
            if (!ts.exitTop(monitor)) {
                releaseMiss(ts, monitor);
            }
        }
    }

    /** Before {@code lock()} on a receiver whose static type is a Lock interface: it may be a read/write half. */
    public static void beforeLock(Object lock, Object state) {
        if (lock != null && state != null) {
            ThreadState ts = (ThreadState) state;
            byte mode = modeOf(lock);
            if (!ts.enterCached(lock, mode)) {
                acquireMiss(ts, lock, mode, false, true, true);
            }
        }
    }

    /** Before {@code lock()} on a receiver whose static type is a Lock class that is no read/write half. */
    public static void beforeExclusiveLock(Object lock, Object state) {
        if (lock != null && state != null) {
            ThreadState ts = (ThreadState) state;
            if (!ts.enterCached(lock, LockGraph.EXCLUSIVE)) {
                acquireMiss(ts, lock, LockGraph.EXCLUSIVE, false, true, true);
            }
        }
    }

    public static void afterUnlock(Object lock, Object state) {
        if (state != null) {
            ThreadState ts = (ThreadState) state;
            if (!ts.exitTop(lock)) {
                releaseMiss(ts, lock);
            }
        }
    }

    /** Before {@code monitorexit}. */
    public static void monitorExit(Object monitor) {
        release(monitor);
    }

    /** First thing in a synchronized method (the JVM already holds the monitor). */
    public static void methodEnter(Object monitor) {
        // EXCLUSIVE, not MONITOR: every exit of a synchronized method is hooked, so no lazy pruning is needed
        acquire(monitor, LockGraph.EXCLUSIVE, false, true, true);
    }

    /**
     * First thing in a synchronized method of a JDK class, whose exceptional exits are not hooked: MONITOR, so that a
     * release the runtime did not see is pruned lazily (Thread.holdsLock), as for a synchronized block.
     */
    public static void monitorMethodEnter(Object monitor) {
        acquire(monitor, LockGraph.MONITOR, false, true, true);
    }

    /** Before every exit, normal or exceptional, of a synchronized method. */
    public static void methodExit(Object monitor) {
        release(monitor);
    }

    public static void wait(Object monitor) throws InterruptedException {
        int[] saved = suspend(monitor);
        try {
            monitor.wait();
        } finally {
            resume(monitor, saved);
        }
    }

    public static void wait(Object monitor, long millis) throws InterruptedException {
        int[] saved = suspend(monitor);
        try {
            monitor.wait(millis);
        } finally {
            resume(monitor, saved);
        }
    }

    public static void wait(Object monitor, long millis, int nanos) throws InterruptedException {
        int[] saved = suspend(monitor);
        try {
            monitor.wait(millis, nanos);
        } finally {
            resume(monitor, saved);
        }
    }

    // ------------------------------------------------------------------ java.util.concurrent.locks.Lock

    /** Before a {@code Lock.lock()} call that stays in place (keeps the call site's own type profile). */
    public static void beforeLock(Object lock) {
        if (lock != null) {
            acquire(lock, modeOf(lock), false, true, true);
        }
    }

    public static void beforeExclusiveLock(Object lock) {
        if (lock != null) {
            acquire(lock, LockGraph.EXCLUSIVE, false, true, true);
        }
    }

    /** After a {@code Lock.unlock()} call that stays in place. */
    public static void afterUnlock(Object lock) {
        release(lock);
    }

    public static void lock(Lock lock) {
        acquire(lock, modeOf(lock), false, true, true);
        boolean ok = false;
        try {
            lock.lock();
            ok = true;
        } finally {
            if (!ok) {
                release(lock);
            }
        }
    }

    public static void lockInterruptibly(Lock lock) throws InterruptedException {
        acquire(lock, modeOf(lock), false, true, true);
        boolean ok = false;
        try {
            lock.lockInterruptibly();
            ok = true;
        } finally {
            if (!ok) {
                release(lock);
            }
        }
    }

    /** A successful untimed tryLock joins the held set but adds no edge: it cannot block. */
    public static boolean tryLock(Lock lock) {
        boolean got = lock.tryLock();
        if (got) {
            acquire(lock, modeOf(lock), false, false, false);
        }
        return got;
    }

    /** A successful timed tryLock adds edges flagged as timed. */
    public static boolean tryLock(Lock lock, long time, TimeUnit unit) throws InterruptedException {
        boolean got = lock.tryLock(time, unit);
        if (got) {
            acquire(lock, modeOf(lock), true, true, false);
        }
        return got;
    }

    public static void unlock(Lock lock) {
        lock.unlock();
        release(lock);
    }

    public static Condition newCondition(Lock lock) {
        Condition c = lock.newCondition();
        THREADS_LOCK.lock();
        try {
            CONDITIONS.put(c, new WeakReference<>(lock));
        } finally {
            THREADS_LOCK.unlock();
        }
        return c;
    }

    public static void await(Condition c) throws InterruptedException {
        Object lock = lockOf(c);
        int[] saved = suspend(lock);
        try {
            c.await();
        } finally {
            resume(lock, saved);
        }
    }

    public static boolean await(Condition c, long time, TimeUnit unit) throws InterruptedException {
        Object lock = lockOf(c);
        int[] saved = suspend(lock);
        try {
            return c.await(time, unit);
        } finally {
            resume(lock, saved);
        }
    }

    public static long awaitNanos(Condition c, long nanos) throws InterruptedException {
        Object lock = lockOf(c);
        int[] saved = suspend(lock);
        try {
            return c.awaitNanos(nanos);
        } finally {
            resume(lock, saved);
        }
    }

    public static void awaitUninterruptibly(Condition c) {
        Object lock = lockOf(c);
        int[] saved = suspend(lock);
        try {
            c.awaitUninterruptibly();
        } finally {
            resume(lock, saved);
        }
    }

    public static boolean awaitUntil(Condition c, Date deadline) throws InterruptedException {
        Object lock = lockOf(c);
        int[] saved = suspend(lock);
        try {
            return c.awaitUntil(deadline);
        } finally {
            resume(lock, saved);
        }
    }

    // ------------------------------------------------------------------ StampedLock (write mode)

    public static long writeLock(StampedLock lock) {
        acquire(lock, LockGraph.EXCLUSIVE, false, true, true);
        boolean ok = false;
        try {
            long stamp = lock.writeLock();
            ok = true;
            return stamp;
        } finally {
            if (!ok) {
                release(lock);
            }
        }
    }

    public static long writeLockInterruptibly(StampedLock lock) throws InterruptedException {
        acquire(lock, LockGraph.EXCLUSIVE, false, true, true);
        boolean ok = false;
        try {
            long stamp = lock.writeLockInterruptibly();
            ok = true;
            return stamp;
        } finally {
            if (!ok) {
                release(lock);
            }
        }
    }

    public static long tryWriteLock(StampedLock lock) {
        long stamp = lock.tryWriteLock();
        if (stamp != 0L) {
            acquire(lock, LockGraph.EXCLUSIVE, false, false, false);
        }
        return stamp;
    }

    public static long tryWriteLock(StampedLock lock, long time, TimeUnit unit) throws InterruptedException {
        long stamp = lock.tryWriteLock(time, unit);
        if (stamp != 0L) {
            acquire(lock, LockGraph.EXCLUSIVE, true, true, false);
        }
        return stamp;
    }

    public static void unlockWrite(StampedLock lock, long stamp) {
        lock.unlockWrite(stamp);
        release(lock);
    }

    public static void unlock(StampedLock lock, long stamp) {
        boolean write = StampedLock.isWriteLockStamp(stamp);
        lock.unlock(stamp);
        if (write) {
            release(lock);
        }
    }

    public static boolean tryUnlockWrite(StampedLock lock) {
        boolean r = lock.tryUnlockWrite();
        if (r) {
            release(lock);
        }
        return r;
    }

    // ------------------------------------------------------------------ happens-before: Thread.start / join

    public static void start(Thread t) {
        ThreadState ts = current();
        if (ts != null && !ts.busy) {
            ts.busy = true;
            try {
                Segment before = ts.shared.current;
                THREADS_LOCK.lock();
                try {
                    PENDING_START.put(t, new Segment(-1, before));
                    STARTED_BY.put(t, ts.threadId);
                    if (ts.shared.test != null) {
                        PENDING_TEST.put(t, ts.shared.test);
                    }
                } finally {
                    THREADS_LOCK.unlock();
                }
                ts.shared.current = new Segment(ts.threadId, before);
                ts.invalidateCache();
            } catch (Throwable e) {
                AgentErrors.record(AgentErrors.Place.LOCK_HOOK, e);
            } finally {
                ts.busy = false;
            }
        }
        t.start();
    }

    public static void join(Thread t) throws InterruptedException {
        ThreadState ts = current();
        Object w = Waits.begin(ts, t, Waits.JOIN, -1);
        try {
            t.join();
        } finally {
            Waits.end(ts, w);
        }
        joined(t);
    }

    public static void join(Thread t, long millis) throws InterruptedException {
        ThreadState ts = current();
        Object w = Waits.begin(ts, t, Waits.JOIN, millis == 0 ? -1 : Waits.nanos(millis, TimeUnit.MILLISECONDS));
        try {
            t.join(millis);
        } finally {
            Waits.end(ts, w);
        }
        joined(t);
    }

    public static void join(Thread t, long millis, int nanos) throws InterruptedException {
        ThreadState ts = current();
        long timeout = millis == 0 && nanos == 0 ? -1 : Waits.nanos(millis, TimeUnit.MILLISECONDS) + nanos;
        Object w = Waits.begin(ts, t, Waits.JOIN, timeout);
        try {
            t.join(millis, nanos);
        } finally {
            Waits.end(ts, w);
        }
        joined(t);
    }

    // ------------------------------------------------------------------ thread waits (the watchdog's waits-for graph)

    public static boolean awaitTermination(ExecutorService executor, long timeout, TimeUnit unit)
            throws InterruptedException {
        ThreadState ts = current();
        Object w = Waits.begin(ts, executor, Waits.AWAIT_TERMINATION, Waits.nanos(timeout, unit));
        try {
            return executor.awaitTermination(timeout, unit);
        } finally {
            Waits.end(ts, w);
        }
    }

    /** {@code ExecutorService.close()} (JDK 19+, where ExecutorService is AutoCloseable): waits for every task. */
    public static void close(ExecutorService executor) throws Exception {
        ThreadState ts = current();
        Object w = Waits.begin(ts, executor, Waits.CLOSE, -1);
        try {
            ((AutoCloseable) executor).close();
        } finally {
            Waits.end(ts, w);
        }
    }

    public static Object get(Future<?> future) throws InterruptedException, ExecutionException {
        ThreadState ts = current();
        Object w = Waits.begin(ts, future, Waits.FUTURE_GET, -1);
        try {
            return future.get();
        } finally {
            Waits.end(ts, w);
        }
    }

    public static Object get(Future<?> future, long timeout, TimeUnit unit)
            throws InterruptedException, ExecutionException, TimeoutException {
        ThreadState ts = current();
        Object w = Waits.begin(ts, future, Waits.FUTURE_GET, Waits.nanos(timeout, unit));
        try {
            return future.get(timeout, unit);
        } finally {
            Waits.end(ts, w);
        }
    }

    public static Object join(CompletableFuture<?> future) {
        ThreadState ts = current();
        Object w = Waits.begin(ts, future, Waits.FUTURE_JOIN, -1);
        try {
            return future.join();
        } finally {
            Waits.end(ts, w);
        }
    }

    public static void await(CountDownLatch latch) throws InterruptedException {
        ThreadState ts = current();
        Object w = Waits.begin(ts, latch, Waits.LATCH, -1);
        try {
            latch.await();
        } finally {
            Waits.end(ts, w);
        }
    }

    public static boolean await(CountDownLatch latch, long timeout, TimeUnit unit) throws InterruptedException {
        ThreadState ts = current();
        Object w = Waits.begin(ts, latch, Waits.LATCH, Waits.nanos(timeout, unit));
        try {
            return latch.await(timeout, unit);
        } finally {
            Waits.end(ts, w);
        }
    }

    // CompletableFuture.supplyAsync / runAsync: the task is wrapped (AsyncTask) so that a thread joining the future
    // is known to wait for the thread computing it; the wrapper also carries the submitter's test.

    public static CompletableFuture<?> supplyAsync(Supplier<?> task) {
        AsyncTask t = asyncTask(task, null);
        return published(t, t == null ? CompletableFuture.supplyAsync(task) : CompletableFuture.supplyAsync(t));
    }

    public static CompletableFuture<?> supplyAsync(Supplier<?> task, Executor executor) {
        AsyncTask t = asyncTask(task, null);
        return published(t, t == null ? CompletableFuture.supplyAsync(task, executor)
                : CompletableFuture.supplyAsync(t, executor));
    }

    public static CompletableFuture<Void> runAsync(Runnable task) {
        AsyncTask t = asyncTask(null, task);
        return published(t, t == null ? CompletableFuture.runAsync(task) : CompletableFuture.runAsync(t));
    }

    public static CompletableFuture<Void> runAsync(Runnable task, Executor executor) {
        AsyncTask t = asyncTask(null, task);
        return published(t, t == null ? CompletableFuture.runAsync(task, executor)
                : CompletableFuture.runAsync(t, executor));
    }

    /** Null (the task goes unwrapped) for a null task, which CompletableFuture itself must reject. */
    private static AsyncTask asyncTask(Supplier<?> supplier, Runnable runnable) {
        if (supplier == null && runnable == null) {
            return null;
        }
        try {
            return new AsyncTask(supplier, runnable, currentTest());
        } catch (Throwable e) {
            AgentErrors.record(AgentErrors.Place.WAIT_HOOK, e);
            return null;
        }
    }

    private static <F extends CompletableFuture<?>> F published(AsyncTask task, F future) {
        if (task != null) {
            task.future = future;
        }
        return future;
    }

    /** What the watchdog needs of every thread: its wait, the CompletableFuture task it runs, who started it. */
    static List<ThreadWaitInfo> threadWaits() {
        List<ThreadWaitInfo> r = new ArrayList<>();
        THREADS_LOCK.lock();
        try {
            for (Map.Entry<Thread, ThreadState.Shared> e : STATES.entrySet()) {
                ThreadState.Shared s = e.getValue();
                Object target = s.waitTarget;
                AsyncTask task = s.runningTask;
                if (target != null || task != null) {
                    r.add(new ThreadWaitInfo(e.getKey(), s, target, task));
                }
            }
        } finally {
            THREADS_LOCK.unlock();
        }
        return r;
    }

    /** Live threads and the id of the thread that started each (only threads started by instrumented code). */
    static Map<Thread, Long> startedBy() {
        THREADS_LOCK.lock();
        try {
            return new java.util.HashMap<>(STARTED_BY);
        } finally {
            THREADS_LOCK.unlock();
        }
    }

    private static void joined(Thread t) {
        if (t.isAlive()) {
            return;
        }
        ThreadState ts = current();
        if (ts == null || ts.busy) {
            return;
        }
        ts.busy = true;
        try {
            Segment last;
            THREADS_LOCK.lock();
            try {
                ThreadState.Shared other = STATES.get(t);
                last = other != null ? other.current : PENDING_START.get(t);
            } finally {
                THREADS_LOCK.unlock();
            }
            if (last != null) {
                ts.shared.current = new Segment(ts.threadId, ts.shared.current, last);
                ts.invalidateCache();
            }
        } catch (Throwable e) {
            AgentErrors.record(AgentErrors.Place.LOCK_HOOK, e);
        } finally {
            ts.busy = false;
        }
    }

    // ------------------------------------------------------------------ lock classes

    /** Before a store into a lock-typed (or Object-typed) field: remembers the field as the lock's class. */
    public static void name(Object value, String field) {
        if (value == null || !(value instanceof Lock || value instanceof ReentrantReadWriteLock
                || value instanceof StampedLock || value.getClass() == Object.class)) {
            return;
        }
        ThreadState ts = current();
        if (ts == null || ts.busy) {
            return;
        }
        ts.busy = true;
        try {
            LockGraph.name(value, field);
        } catch (Throwable e) {
            AgentErrors.record(AgentErrors.Place.LOCK_HOOK, e);
        } finally {
            ts.busy = false;
        }
    }

    // ------------------------------------------------------------------ core

    private static ThreadState newState() {
        Thread t = Thread.currentThread();
        THREADS_LOCK.lock();
        try {
            Segment start = PENDING_START.remove(t);
            ThreadState ts = new ThreadState(t, start != null ? new Segment(-1, start) : new Segment(-1),
                    PENDING_TEST.remove(t));
            STATES.put(t, ts.shared);
            return ts;
        } finally {
            THREADS_LOCK.unlock();
        }
    }

    private static byte modeOf(Object lock) {
        if (lock instanceof ReentrantReadWriteLock.ReadLock) {
            return LockGraph.READ;
        }
        if (lock instanceof ReentrantReadWriteLock.WriteLock) {
            return LockGraph.WRITE;
        }
        return LockGraph.EXCLUSIVE;
    }

    /**
     * Records that the current thread acquires (or has just acquired) {@code lock}. With {@code edges}, first
     * adds an edge from every held lock and checks for a cycle; may throw {@link LockOrderViolation} only when
     * {@code mayRefuse} and onCycle=fail, in which case nothing is recorded as held.
     */
    private static void acquire(Object lock, byte mode, boolean timed, boolean edges, boolean mayRefuse) {
        ThreadState ts = ThreadTable.get();
        if (ts != null) {
            acquire(ts, lock, mode, timed, edges, mayRefuse);
        }
    }

    private static void acquire(ThreadState ts, Object lock, byte mode, boolean timed, boolean edges,
            boolean mayRefuse) {
        // Cache hit: same lock at the same depth on the same held prefix as a previous, fully checked
        // acquisition. Then it is not reentrant either, and every edge into it is known.
        if (edges && !timed && ts.enterCached(lock, mode)) {
            return;
        }
        acquireMiss(ts, lock, mode, timed, edges, mayRefuse);
    }

    /** Everything but a cache hit: reentrancy, then the edge checks. */
    private static void acquireMiss(ThreadState ts, Object lock, byte mode, boolean timed, boolean edges,
            boolean mayRefuse) {
        if (ts.busy) {
            return;
        }
        int i = ts.indexOf(lock);
        if (i >= 0) {
            // Before monitorenter, a monitor we hold is reentrant only if the thread really owns it: an entry of
            // a monitor released by an (unhooked) exceptional exit is stale.
            if (mode != LockGraph.MONITOR || Thread.holdsLock(lock)) {
                ts.slots[i].count++;
                return;
            }
            ts.removeAt(i);
        }
        acquireSlow(ts, lock, mode, timed, edges, mayRefuse);
    }

    private static void acquireSlow(ThreadState ts, Object lock, byte mode, boolean timed, boolean edges,
            boolean mayRefuse) {
        String violation = null;
        ts.busy = true;
        try {
            if (RuntimeConfig.injectHookFault) {
                throw new IllegalStateException("fault injected by -D" + RuntimeConfig.INJECT_FAULT_PROPERTY);
            }
            pruneReleasedMonitors(ts);
            LockNode node = null;
            if (edges && ts.size > 0) {
                node = LockGraph.find(lock);
                if (!allKnown(ts, node, mode, timed)) {
                    // captured before the graph's lock is taken: the one stack of every new edge of this acquisition
                    violation = LockGraph.acquire(ts, lock, mode, timed, StackFrames.capture());
                    node = LockGraph.find(lock);
                }
            }
            if (violation == null) {
                if (mode == LockGraph.WRITE) {
                    if (node == null) {
                        node = LockGraph.node(lock);
                    }
                    if (!node.writerSeen) {
                        LockGraph.writerSeen(node);
                    }
                }
                ts.push(lock, node, mode, 1, edges && !timed);
            }
        } catch (Throwable e) {
            violation = null; // never hurt the host: the acquisition goes ahead, unrecorded
            AgentErrors.record(AgentErrors.Place.LOCK_HOOK, e);
        } finally {
            ts.busy = false;
        }
        if (violation != null && mayRefuse) {
            throw new LockOrderViolation(violation);
        }
    }

    /** Lock-free: every held lock has a node, and its edge to {@code node} is known for this thread and mode. */
    private static boolean allKnown(ThreadState ts, LockNode node, byte mode, boolean timed) {
        if (node == null) {
            return false;
        }
        for (int j = 0; j < ts.size; j++) {
            ThreadState.Slot held = ts.slots[j];
            if (held.node == null) {
                held.node = LockGraph.find(held.lock);
                if (held.node == null) {
                    return false;
                }
            }
            if (held.node != node) {
                LockEdge e = held.node.edgeTo(node);
                if (e == null || !known(e, ts, j, mode, timed)) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Exceptional exits from synchronized blocks are not hooked (see MonitorBlockVisitor): drop the monitors this
     * thread no longer owns. Only on the slow path.
     */
    private static void pruneReleasedMonitors(ThreadState ts) {
        for (int i = ts.size - 1; i >= 0; i--) {
            if (ts.slots[i].mode == LockGraph.MONITOR && !Thread.holdsLock(ts.slots[i].lock)) {
                ts.removeAt(i);
            }
        }
    }

    /** Fast path: the edge, this thread/segment, mode and gate set are all already recorded. */
    private static boolean known(LockEdge e, ThreadState ts, int j, byte mode, boolean timed) {
        if (e.violating || (e.timedOnly && !timed) || (e.fromReadOnly && ts.slots[j].mode != LockGraph.READ)
                || (e.toReadOnly && mode != LockGraph.READ)) {
            return false;
        }
        for (LockNode gate : e.gates) {
            boolean held = false;
            for (int k = 0; k < ts.size; k++) {
                if (k != j && ts.slots[k].node == gate) {
                    held = true;
                    break;
                }
            }
            if (!held) {
                return false;
            }
        }
        return e.saturated || LockGraph.hasOccurrence(e, ts);
    }

    private static void release(Object lock) {
        ThreadState ts = ThreadTable.get();
        if (ts != null) {
            release(ts, lock);
        }
    }

    private static void release(ThreadState ts, Object lock) {
        if (!ts.exitTop(lock)) { // usual LIFO release
            releaseMiss(ts, lock);
        }
    }

    private static void releaseMiss(ThreadState ts, Object lock) {
        if (ts.busy) {
            return;
        }
        int i = ts.indexOf(lock);
        if (i >= 0 && --ts.slots[i].count == 0) {
            ts.removeAt(i);
        }
    }

    /** wait/await: the lock is released entirely while waiting. Returns {count, mode} or null if not tracked. */
    private static int[] suspend(Object lock) {
        if (lock == null) {
            return null;
        }
        ThreadState ts = current();
        if (ts == null || ts.busy) {
            return null;
        }
        int i = ts.indexOf(lock);
        if (i < 0) {
            return null;
        }
        int[] saved = {ts.slots[i].count, ts.slots[i].mode};
        ts.removeAt(i);
        return saved;
    }

    /** After wait/await: the lock is held again; re-acquiring it while holding others adds edges. */
    private static void resume(Object lock, int[] saved) {
        if (saved == null) {
            return;
        }
        ThreadState ts = current();
        if (ts == null) {
            return;
        }
        acquire(lock, (byte) saved[1], false, true, false);
        int i = ts.indexOf(lock);
        if (i >= 0) {
            ts.slots[i].count = saved[0];
        } else if (!ts.busy) {
            ts.push(lock, null, (byte) saved[1], saved[0], false);
        }
    }

    private static Object lockOf(Condition c) {
        THREADS_LOCK.lock();
        try {
            WeakReference<Object> r = CONDITIONS.get(c);
            return r == null ? null : r.get();
        } finally {
            THREADS_LOCK.unlock();
        }
    }
}
