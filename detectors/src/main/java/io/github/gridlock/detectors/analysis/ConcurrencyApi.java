package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ch.Subtypes2;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The one table of JDK concurrency calls and what each does. Every detector family reads this
 * table; none keeps its own list. A call matches an entry when its owner is the entry's class or a
 * subtype of it (so a user's {@code Lock} implementation is a lock), its name matches and, where the
 * entry gives one, its descriptor matches.
 */
public final class ConcurrencyApi {

    /** What a call does, from the point of view of the hazards Gridlock checks. */
    public enum Effect {
        /** Blocks until the receiver's lock (of {@link Entry#lockKind()}) is held. */
        ACQUIRE,
        /** Takes the lock only if free, returns whether it did; never blocks. */
        TRY_ACQUIRE,
        /** Like TRY_ACQUIRE but may wait up to a timeout. */
        TIMED_TRY_ACQUIRE,
        /** Releases the receiver's lock (or permits). */
        RELEASE,
        /** Releases the lock that the receiver (a monitor or a Condition) belongs to, waits, re-acquires it. */
        WAIT_RELEASING,
        /** Returns the read half of the receiver ReadWriteLock. */
        READ_HALF,
        /** Returns the write half of the receiver ReadWriteLock. */
        WRITE_HALF,
        /** Returns a Condition bound to the receiver Lock. */
        NEW_CONDITION,
        /** May block for an unbounded time (sleep, join, untimed waits, blocking I/O). */
        BLOCKS,
        /** Signals completion to a waiter (countDown, arrive, a completion release). */
        SIGNALS_COMPLETION,
        /** Starts the receiver thread. */
        STARTS_THREAD,
        /** Sets the daemon flag of the receiver thread. */
        SETS_DAEMON,
        /** Runs the receiver's body on the calling thread. */
        RUNS_BODY,
        /** Returns the current thread. */
        CURRENT_THREAD,
        /** Hands work to another thread (an executor, an async stage). */
        SUBMITS_WORK,
        /** Asks whether a future is complete: a get()/join() after it does not wait. */
        CHECKS_DONE
    }

    /** One row of the table. */
    public static final class Entry {
        private final String owner;
        private final String name;
        private final String descriptor;
        private final Effect effect;
        private final LockKind lockKind;
        private final String why;

        Entry(String owner, String name, String descriptor, Effect effect, LockKind lockKind, String why) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.effect = effect;
            this.lockKind = lockKind;
            this.why = why;
        }

        /** Dotted class name the entry is declared for (subtypes match too). */
        public String owner() {
            return owner;
        }

        public String name() {
            return name;
        }

        /** JVM descriptor, or null for any overload. */
        public String descriptor() {
            return descriptor;
        }

        public Effect effect() {
            return effect;
        }

        /** For lock effects, the kind of lock; null otherwise. */
        public LockKind lockKind() {
            return lockKind;
        }

        /** A few words for messages: "sleeps", "waits for a latch", ... */
        public String why() {
            return why;
        }

        @Override
        public String toString() {
            return AccessPath.simpleName(owner) + "." + name + (descriptor == null ? "" : descriptor) + " -> " + effect;
        }
    }

    private static final String LOCK = "java.util.concurrent.locks.Lock";
    private static final String CONDITION = "java.util.concurrent.locks.Condition";
    private static final String RW_LOCK = "java.util.concurrent.locks.ReadWriteLock";
    private static final String STAMPED = "java.util.concurrent.locks.StampedLock";
    private static final String SEMAPHORE = "java.util.concurrent.Semaphore";
    private static final String THREAD = "java.lang.Thread";

    /** Streams over memory: their read() never waits, so the I/O entries do not apply when the call names them. */
    private static final java.util.Set<String> IN_MEMORY_STREAMS = java.util.Set.of("java.io.ByteArrayInputStream",
            "java.io.StringReader", "java.io.CharArrayReader", "java.io.StringBufferInputStream");

    private static final List<Entry> TABLE;
    private static final Map<String, List<Entry>> BY_NAME;

    static {
        List<Entry> t = new ArrayList<>();
        // Locks
        t.add(new Entry(LOCK, "lock", "()V", Effect.ACQUIRE, LockKind.LOCK, "locks"));
        t.add(new Entry(LOCK, "lockInterruptibly", "()V", Effect.ACQUIRE, LockKind.LOCK, "locks"));
        t.add(new Entry(LOCK, "tryLock", "()Z", Effect.TRY_ACQUIRE, LockKind.LOCK, "tries a lock"));
        t.add(new Entry(LOCK, "tryLock", "(JLjava/util/concurrent/TimeUnit;)Z", Effect.TIMED_TRY_ACQUIRE, LockKind.LOCK, "tries a lock with timeout"));
        t.add(new Entry(LOCK, "unlock", "()V", Effect.RELEASE, LockKind.LOCK, "unlocks"));
        t.add(new Entry(LOCK, "newCondition", null, Effect.NEW_CONDITION, null, "creates a condition"));
        t.add(new Entry(RW_LOCK, "readLock", null, Effect.READ_HALF, null, "read half"));
        t.add(new Entry(RW_LOCK, "writeLock", null, Effect.WRITE_HALF, null, "write half"));
        t.add(new Entry(STAMPED, "writeLock", "()J", Effect.ACQUIRE, LockKind.STAMPED_WRITE, "takes a write stamp"));
        t.add(new Entry(STAMPED, "writeLockInterruptibly", "()J", Effect.ACQUIRE, LockKind.STAMPED_WRITE, "takes a write stamp"));
        t.add(new Entry(STAMPED, "readLock", "()J", Effect.ACQUIRE, LockKind.STAMPED_READ, "takes a read stamp"));
        t.add(new Entry(STAMPED, "readLockInterruptibly", "()J", Effect.ACQUIRE, LockKind.STAMPED_READ, "takes a read stamp"));
        t.add(new Entry(STAMPED, "unlockWrite", "(J)V", Effect.RELEASE, LockKind.STAMPED_WRITE, "releases a write stamp"));
        t.add(new Entry(STAMPED, "unlockRead", "(J)V", Effect.RELEASE, LockKind.STAMPED_READ, "releases a read stamp"));
        t.add(new Entry(SEMAPHORE, "acquire", null, Effect.ACQUIRE, LockKind.SEMAPHORE, "acquires permits"));
        t.add(new Entry(SEMAPHORE, "acquireUninterruptibly", null, Effect.ACQUIRE, LockKind.SEMAPHORE, "acquires permits"));
        t.add(new Entry(SEMAPHORE, "tryAcquire", null, Effect.TRY_ACQUIRE, LockKind.SEMAPHORE, "tries to acquire permits"));
        t.add(new Entry(SEMAPHORE, "release", null, Effect.RELEASE, LockKind.SEMAPHORE, "releases permits"));
        // Waits that release the lock they belong to
        t.add(new Entry("java.lang.Object", "wait", null, Effect.WAIT_RELEASING, LockKind.MONITOR, "waits on a monitor"));
        t.add(new Entry(CONDITION, "await", null, Effect.WAIT_RELEASING, LockKind.LOCK, "awaits a condition"));
        t.add(new Entry(CONDITION, "awaitUninterruptibly", null, Effect.WAIT_RELEASING, LockKind.LOCK, "awaits a condition"));
        t.add(new Entry(CONDITION, "awaitNanos", null, Effect.WAIT_RELEASING, LockKind.LOCK, "awaits a condition"));
        t.add(new Entry(CONDITION, "awaitUntil", null, Effect.WAIT_RELEASING, LockKind.LOCK, "awaits a condition"));
        // Calls that may block for long
        t.add(new Entry(THREAD, "sleep", null, Effect.BLOCKS, null, "sleeps"));
        t.add(new Entry(THREAD, "join", "()V", Effect.BLOCKS, null, "joins a thread"));
        t.add(new Entry("java.util.concurrent.Future", "get", "()Ljava/lang/Object;", Effect.BLOCKS, null, "waits for a future"));
        t.add(new Entry("java.util.concurrent.CompletableFuture", "join", "()Ljava/lang/Object;", Effect.BLOCKS, null, "waits for a future"));
        t.add(new Entry("java.util.concurrent.Future", "isDone", "()Z", Effect.CHECKS_DONE, null, "checks a future"));
        t.add(new Entry("java.util.concurrent.BlockingQueue", "put", null, Effect.BLOCKS, null, "puts into a blocking queue"));
        t.add(new Entry("java.util.concurrent.BlockingQueue", "take", null, Effect.BLOCKS, null, "takes from a blocking queue"));
        t.add(new Entry("java.util.concurrent.BlockingDeque", "putFirst", null, Effect.BLOCKS, null, "puts into a blocking deque"));
        t.add(new Entry("java.util.concurrent.BlockingDeque", "putLast", null, Effect.BLOCKS, null, "puts into a blocking deque"));
        t.add(new Entry("java.util.concurrent.BlockingDeque", "takeFirst", null, Effect.BLOCKS, null, "takes from a blocking deque"));
        t.add(new Entry("java.util.concurrent.BlockingDeque", "takeLast", null, Effect.BLOCKS, null, "takes from a blocking deque"));
        t.add(new Entry("java.util.concurrent.CountDownLatch", "await", "()V", Effect.BLOCKS, null, "waits for a latch"));
        t.add(new Entry("java.util.concurrent.CyclicBarrier", "await", "()I", Effect.BLOCKS, null, "waits at a barrier"));
        t.add(new Entry("java.util.concurrent.Phaser", "arriveAndAwaitAdvance", null, Effect.BLOCKS, null, "waits at a phaser"));
        t.add(new Entry("java.util.concurrent.Phaser", "awaitAdvance", null, Effect.BLOCKS, null, "waits at a phaser"));
        t.add(new Entry("java.util.concurrent.Phaser", "awaitAdvanceInterruptibly", "(I)I", Effect.BLOCKS, null, "waits at a phaser"));
        t.add(new Entry("java.util.concurrent.Exchanger", "exchange", "(Ljava/lang/Object;)Ljava/lang/Object;", Effect.BLOCKS, null, "waits for an exchange"));
        t.add(new Entry("java.lang.Process", "waitFor", "()I", Effect.BLOCKS, null, "waits for a process"));
        t.add(new Entry("java.net.ServerSocket", "accept", null, Effect.BLOCKS, null, "accepts a connection"));
        t.add(new Entry("java.net.Socket", "connect", null, Effect.BLOCKS, null, "connects a socket"));
        t.add(new Entry("java.io.InputStream", "read", null, Effect.BLOCKS, null, "reads a stream"));
        t.add(new Entry("java.io.Reader", "read", null, Effect.BLOCKS, null, "reads a stream"));
        t.add(new Entry("java.io.BufferedReader", "readLine", null, Effect.BLOCKS, null, "reads a stream"));
        t.add(new Entry("java.nio.channels.ReadableByteChannel", "read", null, Effect.BLOCKS, null, "reads a channel"));
        t.add(new Entry("java.nio.channels.WritableByteChannel", "write", null, Effect.BLOCKS, null, "writes a channel"));
        t.add(new Entry("java.nio.channels.ServerSocketChannel", "accept", null, Effect.BLOCKS, null, "accepts a connection"));
        t.add(new Entry("java.net.http.HttpClient", "send", null, Effect.BLOCKS, null, "sends an HTTP request"));
        // Completion signals
        t.add(new Entry("java.util.concurrent.CountDownLatch", "countDown", "()V", Effect.SIGNALS_COMPLETION, null, "counts down a latch"));
        t.add(new Entry("java.util.concurrent.Phaser", "arrive", "()I", Effect.SIGNALS_COMPLETION, null, "arrives at a phaser"));
        t.add(new Entry("java.util.concurrent.Phaser", "arriveAndDeregister", "()I", Effect.SIGNALS_COMPLETION, null, "arrives at a phaser"));
        t.add(new Entry("java.util.concurrent.CompletableFuture", "complete", null, Effect.SIGNALS_COMPLETION, null, "completes a future"));
        t.add(new Entry("java.util.concurrent.CompletableFuture", "completeExceptionally", null, Effect.SIGNALS_COMPLETION, null, "completes a future"));
        // Threads and work hand-off
        t.add(new Entry(THREAD, "start", "()V", Effect.STARTS_THREAD, null, "starts a thread"));
        t.add(new Entry(THREAD, "setDaemon", "(Z)V", Effect.SETS_DAEMON, null, "sets the daemon flag"));
        t.add(new Entry(THREAD, "run", "()V", Effect.RUNS_BODY, null, "runs the thread body"));
        t.add(new Entry(THREAD, "currentThread", "()Ljava/lang/Thread;", Effect.CURRENT_THREAD, null, "the current thread"));
        t.add(new Entry("java.util.concurrent.Executor", "execute", null, Effect.SUBMITS_WORK, null, "runs work on an executor"));
        t.add(new Entry("java.util.concurrent.ExecutorService", "submit", null, Effect.SUBMITS_WORK, null, "submits work to an executor"));
        TABLE = Collections.unmodifiableList(t);
        Map<String, List<Entry>> byName = new HashMap<>();
        for (Entry e : t) {
            byName.computeIfAbsent(e.name, k -> new ArrayList<>()).add(e);
        }
        BY_NAME = byName;
    }

    private ConcurrencyApi() {
    }

    /** The whole table, for documentation and tests. */
    public static List<Entry> entries() {
        return TABLE;
    }

    /** The entry for a call instruction, or null ({@code invokedynamic} is never a concurrency call). */
    public static Entry lookup(org.apache.bcel.generic.InvokeInstruction call, org.apache.bcel.generic.ConstantPoolGen cpg) {
        if (call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return null;
        }
        return lookup(call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg));
    }

    /**
     * The entry for a call of {@code name descriptor} on {@code ownerClass} (dotted), or null when the call
     * is not a concurrency call. Subtypes of an entry's class match (through the analysed classes and
     * the aux classpath); an unresolvable owner matches only by exact name.
     */
    public static Entry lookup(String ownerClass, String name, String descriptor) {
        List<Entry> candidates = BY_NAME.get(name);
        if (candidates == null) {
            return null;
        }
        for (Entry e : candidates) {
            if (e.descriptor != null && !e.descriptor.equals(descriptor)) {
                continue;
            }
            if (isSubtype(ownerClass, e.owner)) {
                return e.effect == Effect.BLOCKS && IN_MEMORY_STREAMS.contains(ownerClass) ? null : e;
            }
        }
        return null;
    }

    /** Whether {@code sub} is {@code sup} or a subtype of it; false when the hierarchy cannot be resolved. */
    public static boolean isSubtype(String sub, String sup) {
        if (sub.equals(sup)) {
            return true;
        }
        if ("java.lang.Object".equals(sup)) {
            return true;
        }
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        if (context == null) {
            return false;
        }
        Subtypes2 subtypes = context.getSubtypes2();
        try {
            ClassDescriptor subD = DescriptorFactory.createClassDescriptorFromDottedClassName(sub);
            ClassDescriptor supD = DescriptorFactory.createClassDescriptorFromDottedClassName(sup);
            return subtypes.isSubtype(subD, supD);
        } catch (ClassNotFoundException e) {
            // Missing class on the aux classpath: SpotBugs reports it once; here we just don't match.
            return false;
        }
    }
}
