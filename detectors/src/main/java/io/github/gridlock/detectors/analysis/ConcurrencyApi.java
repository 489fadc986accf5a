package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.ch.Subtypes2;
import edu.umd.cs.findbugs.classfile.ClassDescriptor;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The one table of JDK concurrency calls and what each does, read once from {@code concurrency-api.tsv}
 * beside this class. Every detector family reads this table; none keeps its own list. A call matches an
 * entry when its owner is the entry's class or a subtype of it (so a user's {@code Lock} implementation is
 * a lock; constructors match their exact class only), its name matches and, where the entry gives one, its
 * descriptor matches.
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
        /** Waits, but at most for a timeout it is given: not a blocking call, but a happens-before point. */
        WAITS_BOUNDED,
        /** Interrupts or stops the receiver thread: a join() after it ends soon. */
        INTERRUPTS,
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
        /** Hands the work in argument {@link Entry#taskArgument()} to another thread (an executor, a new thread, a callback). */
        SUBMITS_WORK,
        /** Runs the functional argument {@link Entry#taskArgument()} on the calling thread before returning. */
        RUNS_ARGUMENT,
        /** Takes and releases the receiver's monitor inside the call (a synchronized JDK method). */
        LOCKS_RECEIVER,
        /** Calls {@link Entry#samName()} of every implementation of {@link Entry#callback()} on the calling thread. */
        CALLS_BACK,
        /** Asks whether a future is complete: a get()/join() after it does not wait. */
        CHECKS_DONE,
        /** Returns a future that is already complete ({@code completedFuture}): a get()/join() on it does not wait. */
        RETURNS_DONE,
        /** Releases the receiver StampedLock's hold in whichever mode its stamp argument was taken ({@code unlock(stamp)}). */
        RELEASE_STAMP,
        /**
         * Tries to turn a stamp into a hold of {@link Entry#lockKind()} ({@code tryConvertToWriteLock(stamp)}): on
         * success (a non-zero stamp) the stamp's earlier hold, if any, is given up and this one is held.
         */
        CONVERT_STAMP,
        /** Asks whether the current thread holds the receiver's lock ({@code isHeldByCurrentThread()}). */
        CHECKS_HELD,
        /** Counts the current thread's holds of the receiver's lock ({@code getHoldCount()}). */
        HOLD_COUNT,
        /** Wakes waiters of the receiver monitor or condition ({@code notify}, {@code signal}): needs its lock held. */
        NOTIFIES,
        /**
         * Creates an executor that owns threads until it is shut down ({@link Entry#executorThreads()} says which).
         * A resource effect: only {@link #lookupResource} returns it.
         */
        CREATES_EXECUTOR,
        /** Shuts the receiver executor down. A resource effect: only {@link #lookupResource} returns it. */
        SHUTS_DOWN,
        /**
         * Writes output that is lost if the JVM halts mid-way: a file, a stream, a channel, a database. A resource
         * effect: only {@link #lookupResource} returns it.
         */
        WRITES_OUTPUT,
        /**
         * Registers work the JVM runs when it exits ({@code Runtime.addShutdownHook}): the place to flush or join what
         * daemon threads write. A resource effect: only {@link #lookupResource} returns it.
         */
        RUNS_AT_EXIT,
        /**
         * Returns a stream to a network peer ({@code Socket.getOutputStream}): what is written there is not data a halted
         * JVM loses (the peer sees the connection close either way). A resource effect: only {@link #lookupResource}.
         */
        NETWORK_STREAM,
        /**
         * Updates a counter shared by tasks and returns the new count ({@code decrementAndGet}): a signal decided by the
         * count is the duty of the task that reaches the end. A resource effect: only {@link #lookupResource} returns it.
         */
        COUNTS_SHARED,
        /**
         * Builds the exception a method throws when its caller broke the contract ({@code new IllegalStateException},
         * {@code new IllegalArgumentException}): thrown before the method did any work, it is a precondition
         * ({@link PreconditionThrows}), the caller's mistake rather than work that failed. Rows name the constructor
         * of the exact class. A resource effect: only {@link #lookupResource} returns it.
         */
        CONTRACT_EXCEPTION,
        /**
         * Asks whether the calling thread is the one thread that runs an executor's work (Netty's
         * {@code inEventLoop()}, the AWT event dispatch thread): a method that throws when the answer is no (an
         * {@code assert}) runs only on that thread ({@link OwnThreadChecks}). Static rows name the thread in
         * {@link Entry#ownThread()}. A resource effect: only {@link #lookupResource} returns it, so the call stays
         * an analysed call for every other fact.
         */
        CHECKS_OWN_THREAD,
        /**
         * Raises no exception of its own, whatever its arguments ({@code System.nanoTime()}, {@code AtomicLong.get()}):
         * only an {@link Error} can leave it. Rows name static methods, final methods or methods of final classes, so
         * that no override matches them. A resource effect: only {@link #lookupResource} and {@link #neverThrows} return
         * it, so the call stays what it is for every other fact.
         */
        NEVER_THROWS,
        /**
         * Returns its first argument itself, unchanged ({@code Objects.requireNonNull(x)}): the result is the same object
         * as the argument. Rows name static methods. A resource effect: only {@link #returnsFirstArgument} uses it.
         */
        RETURNS_ARGUMENT,
        /**
         * The receiver class is a collection whose single calls are atomic and that other threads may share
         * ({@code ConcurrentMap}, {@code BlockingQueue}, {@code Vector}...): a row for a class, name {@code *}. A
         * collection effect: only {@link #lookupCollection} and {@link #isConcurrentCollection} use these rows.
         */
        CONCURRENT_COLLECTION,
        /** Returns a concurrent collection ({@code Collections.synchronizedMap}). A collection effect. */
        RETURNS_CONCURRENT_COLLECTION,
        /** Asks whether a key is present ({@code containsKey}). A collection effect. */
        CHECKS_KEY,
        /** Reads the value of a key, null when absent ({@code Map.get}). A collection effect. */
        READS_KEY,
        /** Asks whether an element is present ({@code contains}). A collection effect. */
        CHECKS_MEMBER,
        /** Asks whether the collection has elements ({@code isEmpty}, {@code size}). A collection effect. */
        CHECKS_SIZE,
        /** Adds an element or a key ({@code put}, {@code add}). A collection effect. */
        INSERTS,
        /**
         * Takes an element and fails or blocks when there is none ({@code remove()}, {@code take}). A collection
         * effect.
         */
        TAKES,
        /**
         * Reads the first or last element, leaving it there, and fails when there is none ({@code element()},
         * {@code getFirst()}, {@code firstElement()}): an act that relies on a check of the size, but no change of the
         * collection. A collection effect.
         */
        READS_HEAD,
        /** Takes an element, or returns null when there is none ({@code poll}). A collection effect. */
        POLLS,
        /** Removes keys or elements in another way ({@code remove(key)}, {@code clear}). A collection effect. */
        REMOVES
    }

    /**
     * Effects that describe resources (executors, output) rather than concurrency calls: {@link #lookup} never returns
     * their rows, so that a program's own subclass of {@code OutputStream} or {@code ExecutorService} stays an
     * analysed call for every other fact; the families that need them ask {@link #lookupResource}.
     */
    private static final Set<Effect> RESOURCE_EFFECTS = Set.of(Effect.CREATES_EXECUTOR, Effect.SHUTS_DOWN,
            Effect.WRITES_OUTPUT, Effect.RUNS_AT_EXIT, Effect.NETWORK_STREAM, Effect.COUNTS_SHARED,
            Effect.CHECKS_OWN_THREAD, Effect.CONTRACT_EXCEPTION, Effect.NEVER_THROWS, Effect.RETURNS_ARGUMENT);

    /**
     * Effects that describe what a call does to a collection's contents (for check-then-act): {@link #lookup} and
     * {@link #lookupResource} never return their rows; {@link #lookupCollection} does.
     */
    private static final Set<Effect> COLLECTION_EFFECTS = Set.of(Effect.CONCURRENT_COLLECTION,
            Effect.RETURNS_CONCURRENT_COLLECTION, Effect.CHECKS_KEY, Effect.READS_KEY, Effect.CHECKS_MEMBER,
            Effect.CHECKS_SIZE, Effect.INSERTS, Effect.TAKES, Effect.READS_HEAD, Effect.POLLS, Effect.REMOVES);

    /** What a call does with the Future of the work (for {@link Entry#futureUse()}). */
    public enum FutureUse {
        /** Returns the Future of the work it submits ({@code submit}, {@code schedule}, {@code supplyAsync}). */
        RETURNS,
        /**
         * Returns a new stage that fails when the receiver fails, without looking at the failure itself
         * ({@code thenApply}, {@code thenAccept}, ...): the failure is observed only if the new stage is.
         */
        CHAINS
    }

    /** Which threads an executor created by a {@link Effect#CREATES_EXECUTOR} call owns. */
    public enum ExecutorThreads {
        /** Platform threads from a bounded pool (or the given factory): they live until shutdown. */
        POOLED,
        /**
         * One platform thread runs every task, one after the other, for the executor's life
         * ({@code newSingleThreadExecutor}): tasks posted to it never overlap ({@link FinalFields#holdsOneThreadExecutor}).
         */
        ONE,
        /** A new platform thread for every task that finds no idle one ({@code newCachedThreadPool}). */
        UNBOUNDED,
        /** Daemon workers that end when idle ({@code ForkJoinPool}, {@code newWorkStealingPool}). */
        DAEMON
    }

    /** A point where one thread's actions become visible to another. */
    public enum Sync {
        /** Work of another thread may begin after this call (start(), a hand-off to an executor). */
        START,
        /** A thread has ended (join). */
        JOIN,
        /** A task's result is available (Future.get, CompletableFuture.join). */
        FUTURE,
        /** Every party of a latch, barrier or phaser has signalled. */
        AWAIT,
        /** Every task of an executor has ended (awaitTermination, close, invokeAll). */
        TERMINATION
    }

    /** How submitted work runs. */
    public enum Via {
        THREAD, EXECUTOR, SCHEDULED, ASYNC, CALLBACK, TIMER, FORK_JOIN, EVENT_QUEUE
    }

    /** One row of the table. */
    public static final class Entry {
        private final String owner;
        private final String name;
        private final String descriptor;
        private final Effect effect;
        private final LockKind lockKind;
        private final Sync sync;
        private final int taskArgument;
        private final String samName;
        private final String samDescriptor;
        private final Via via;
        private final String callback;
        private final boolean isStatic;
        private final String why;
        private final FutureUse futureUse;
        private final boolean input;
        private final ExecutorThreads executorThreads;
        private final String ownThread;

        private Entry(String owner, String name, String descriptor, Effect effect, Map<String, String> attributes) {
            this.owner = owner;
            this.name = name;
            this.descriptor = descriptor;
            this.effect = effect;
            this.lockKind = attributes.containsKey("lock") ? LockKind.valueOf(attributes.get("lock")) : null;
            this.sync = attributes.containsKey("sync") ? Sync.valueOf(attributes.get("sync")) : null;
            this.taskArgument = attributes.containsKey("task") ? Integer.parseInt(attributes.get("task")) : NO_TASK;
            String sam = attributes.get("sam");
            int paren = sam == null ? -1 : sam.indexOf('(');
            this.samName = sam == null ? null : sam.substring(0, paren);
            this.samDescriptor = sam == null ? null : sam.substring(paren);
            this.via = attributes.containsKey("via") ? Via.valueOf(attributes.get("via")) : null;
            this.isStatic = Boolean.parseBoolean(attributes.get("static"));
            this.callback = attributes.get("callback");
            this.why = attributes.getOrDefault("why", name);
            this.futureUse = attributes.containsKey("future") ? FutureUse.valueOf(attributes.get("future")) : null;
            this.input = Boolean.parseBoolean(attributes.get("input"));
            this.executorThreads = attributes.containsKey("threads") ? ExecutorThreads.valueOf(attributes.get("threads"))
                    : effect == Effect.CREATES_EXECUTOR ? ExecutorThreads.POOLED : null;
            this.ownThread = attributes.get("runner");
            if (effect == Effect.CHECKS_OWN_THREAD && isStatic && ownThread == null) {
                throw new IllegalStateException(this + ": a static CHECKS_OWN_THREAD needs runner=");
            }
            if ((effect == Effect.SUBMITS_WORK || effect == Effect.RUNS_ARGUMENT) && (taskArgument == NO_TASK || sam == null)) {
                throw new IllegalStateException(this + ": needs task= and sam=");
            }
            if (effect == Effect.CALLS_BACK && (callback == null || sam == null)) {
                throw new IllegalStateException(this + ": needs callback= and sam=");
            }
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

        /** The happens-before point this call is, or null. */
        public Sync sync() {
            return sync;
        }

        /** For SUBMITS_WORK and RUNS_ARGUMENT: the argument holding the work (-1: the receiver); otherwise {@link #NO_TASK}. */
        public int taskArgument() {
            return taskArgument;
        }

        /** The method that runs the work ({@code run}, {@code call}, {@code accept}, ...), or null. */
        public String samName() {
            return samName;
        }

        /** Its descriptor; one ending in {@code ")"} leaves the return type open ({@code compute()}). */
        public String samDescriptor() {
            return samDescriptor;
        }

        /** How submitted work runs; null for other effects. */
        public Via via() {
            return via;
        }

        /** For CALLS_BACK: the interface (dotted) whose implementations the call runs; null otherwise. */
        public String callback() {
            return callback;
        }

        /** True for static methods ({@code Thread.sleep}); the others match instance calls only. */
        public boolean isStatic() {
            return isStatic;
        }

        /** What the call does with the Future of submitted work, or null ({@code future=} in the table). */
        public FutureUse futureUse() {
            return futureUse;
        }

        /**
         * True for calls that take the next unit of work from outside ({@code accept}, {@code take}, {@code readLine}):
         * a loop around one runs as often as work arrives ({@code input=true} in the table).
         */
        public boolean takesInput() {
            return input;
        }

        /** For CREATES_EXECUTOR: which threads the new executor owns; null otherwise. */
        public ExecutorThreads executorThreads() {
            return executorThreads;
        }

        /** For a static {@link Effect#CHECKS_OWN_THREAD}: the one thread it asks about ({@code runner=}); else null. */
        public String ownThread() {
            return ownThread;
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

    /** {@link Entry#taskArgument()} of entries that take no work. */
    public static final int NO_TASK = Integer.MIN_VALUE;
    /** {@link Entry#taskArgument()} meaning the receiver is the work ({@code task.fork()}). */
    public static final int RECEIVER = -1;

    /** Streams over memory: their read() never waits, so the I/O entries do not apply when the call names them. */
    private static final Set<String> IN_MEMORY_STREAMS = Set.of("java.io.ByteArrayInputStream",
            "java.io.StringReader", "java.io.CharArrayReader", "java.io.StringBufferInputStream");

    /**
     * Sinks in memory or on the network: what is written to them is not output a halted JVM loses (for
     * {@link Effect#WRITES_OUTPUT}).
     */
    private static final Set<String> IN_MEMORY_SINKS = Set.of("java.io.ByteArrayOutputStream", "java.io.StringWriter",
            "java.io.CharArrayWriter", "java.nio.channels.SocketChannel", "java.nio.channels.DatagramChannel");

    private static final String TABLE_RESOURCE = "concurrency-api.tsv";
    private static final List<Entry> TABLE = Collections.unmodifiableList(read());
    private static final Map<String, List<Entry>> BY_NAME = index(TABLE, false);
    private static final Map<String, List<Entry>> RESOURCES_BY_NAME = index(TABLE, true);
    private static final Map<String, List<Entry>> COLLECTIONS_BY_NAME = indexCollections(TABLE);
    private static final List<Entry> EVERY_METHOD = everyMethodEntries(TABLE);

    private ConcurrencyApi() {
    }

    private static List<Entry> read() {
        List<Entry> out = new ArrayList<>();
        try (InputStream in = ConcurrencyApi.class.getResourceAsStream(TABLE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(TABLE_RESOURCE + " is missing from the plugin jar");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            int lineNumber = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                out.add(parse(line, lineNumber));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + TABLE_RESOURCE, e);
        }
        return out;
    }

    private static Entry parse(String line, int lineNumber) {
        String[] cells = line.split("\t");
        if (cells.length < 4) {
            throw new IllegalStateException(TABLE_RESOURCE + ":" + lineNumber + ": want owner, name, descriptor, effect");
        }
        Map<String, String> attributes = new HashMap<>();
        for (int i = 4; i < cells.length; i++) {
            int eq = cells[i].indexOf('=');
            if (eq <= 0) {
                throw new IllegalStateException(TABLE_RESOURCE + ":" + lineNumber + ": not key=value: " + cells[i]);
            }
            attributes.put(cells[i].substring(0, eq), cells[i].substring(eq + 1));
        }
        try {
            return new Entry(cells[0], cells[1], "*".equals(cells[2]) ? null : cells[2], Effect.valueOf(cells[3]), attributes);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(TABLE_RESOURCE + ":" + lineNumber + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<Entry>> index(List<Entry> table, boolean resources) {
        Map<String, List<Entry>> byName = new HashMap<>();
        for (Entry e : table) {
            if (!"*".equals(e.name) && !COLLECTION_EFFECTS.contains(e.effect) && RESOURCE_EFFECTS.contains(e.effect) == resources) {
                byName.computeIfAbsent(e.name, k -> new ArrayList<>()).add(e);
            }
        }
        return byName;
    }

    private static Map<String, List<Entry>> indexCollections(List<Entry> table) {
        Map<String, List<Entry>> byName = new HashMap<>();
        for (Entry e : table) {
            if (COLLECTION_EFFECTS.contains(e.effect)) {
                byName.computeIfAbsent(e.name, k -> new ArrayList<>()).add(e);
            }
        }
        return byName;
    }

    private static List<Entry> everyMethodEntries(List<Entry> table) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : table) {
            if ("*".equals(e.name) && !COLLECTION_EFFECTS.contains(e.effect)) {
                out.add(e);
            }
        }
        return out;
    }

    /** True for the streams and readers over memory ({@code StringReader}, {@code ByteArrayInputStream}, ...). */
    public static boolean isInMemoryStream(String cls) {
        return IN_MEMORY_STREAMS.contains(cls);
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
        return Memo.answer(Memo.CALLS, call, cpg);
    }

    private static Entry computeLookup(org.apache.bcel.generic.InvokeInstruction call,
            org.apache.bcel.generic.ConstantPoolGen cpg) {
        return lookup(call.getClassName(cpg), call.getMethodName(cpg), call.getSignature(cpg),
                call instanceof org.apache.bcel.generic.INVOKESTATIC);
    }

    /**
     * The entry for a call of {@code name descriptor} on {@code ownerClass} (dotted), or null when the call
     * is not a concurrency call. Subtypes of an entry's class match (through the analysed classes and
     * the aux classpath); an unresolvable owner matches only by exact name. A static call matches only static
     * entries, an instance call only instance entries (a class's own static {@code wait(...)} is no monitor wait).
     */
    public static Entry lookup(String ownerClass, String name, String descriptor, boolean isStatic) {
        List<Entry> candidates = BY_NAME.get(name);
        if (candidates == null) {
            return isStatic || name.startsWith("<") ? null : everyMethodEntry(ownerClass);
        }
        boolean constructor = "<init>".equals(name);
        for (Entry e : candidates) {
            if (e.descriptor != null && !e.descriptor.equals(descriptor) || e.isStatic != isStatic) {
                continue;
            }
            if (constructor ? e.owner.equals(ownerClass) : isSubtype(ownerClass, e.owner)) {
                return e.effect == Effect.BLOCKS && IN_MEMORY_STREAMS.contains(ownerClass) ? null : e;
            }
        }
        return isStatic || constructor ? null : everyMethodEntry(ownerClass);
    }

    /**
     * The resource entry ({@link Effect#CREATES_EXECUTOR}, {@link Effect#SHUTS_DOWN}, {@link Effect#WRITES_OUTPUT}) for a
     * call instruction, or null; matched like {@link #lookup}, in a separate part of the table.
     */
    public static Entry lookupResource(org.apache.bcel.generic.InvokeInstruction call,
            org.apache.bcel.generic.ConstantPoolGen cpg) {
        if (call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return null;
        }
        return Memo.answer(Memo.RESOURCES, call, cpg);
    }

    /** True when the call has a {@link Effect#NEVER_THROWS} row: it raises nothing of its own. */
    public static boolean neverThrows(org.apache.bcel.generic.InvokeInstruction call,
            org.apache.bcel.generic.ConstantPoolGen cpg) {
        return !(call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) && neverThrows(call.getClassName(cpg),
                call.getMethodName(cpg), call.getSignature(cpg), call instanceof org.apache.bcel.generic.INVOKESTATIC);
    }

    /** True when the static call has a {@link Effect#RETURNS_ARGUMENT} row: it returns its first argument itself. */
    public static boolean returnsFirstArgument(String ownerClass, String name, String descriptor) {
        for (Entry e : RESOURCES_BY_NAME.getOrDefault(name, List.of())) {
            if (e.effect == Effect.RETURNS_ARGUMENT && (e.descriptor == null || e.descriptor.equals(descriptor))
                    && e.isStatic && e.owner.equals(ownerClass)) {
                return true;
            }
        }
        return false;
    }

    /** {@link #neverThrows(org.apache.bcel.generic.InvokeInstruction, org.apache.bcel.generic.ConstantPoolGen)} by name. */
    public static boolean neverThrows(String ownerClass, String name, String descriptor, boolean isStatic) {
        for (Entry e : RESOURCES_BY_NAME.getOrDefault(name, List.of())) {
            if (e.effect == Effect.NEVER_THROWS && (e.descriptor == null || e.descriptor.equals(descriptor))
                    && e.isStatic == isStatic && ("<init>".equals(name) ? e.owner.equals(ownerClass) : isSubtype(ownerClass, e.owner))) {
                return true;
            }
        }
        return false;
    }

    private static Entry computeLookupResource(org.apache.bcel.generic.InvokeInstruction call,
            org.apache.bcel.generic.ConstantPoolGen cpg) {
        List<Entry> candidates = RESOURCES_BY_NAME.get(call.getMethodName(cpg));
        if (candidates == null) {
            return null;
        }
        String owner = call.getClassName(cpg);
        String descriptor = call.getSignature(cpg);
        boolean isStatic = call instanceof org.apache.bcel.generic.INVOKESTATIC;
        boolean constructor = "<init>".equals(call.getMethodName(cpg));
        for (Entry e : candidates) {
            if (e.descriptor != null && !e.descriptor.equals(descriptor) || e.isStatic != isStatic) {
                continue;
            }
            if (constructor ? e.owner.equals(owner) : isSubtype(owner, e.owner)) {
                return e.effect == Effect.WRITES_OUTPUT && IN_MEMORY_SINKS.contains(owner) ? null : e;
            }
        }
        return null;
    }

    /**
     * The collection entry ({@link Effect#CHECKS_KEY}, {@link Effect#INSERTS}, {@link Effect#TAKES}...) for a call
     * instruction, or null; matched like {@link #lookup}, in a part of the table of its own.
     */
    public static Entry lookupCollection(org.apache.bcel.generic.InvokeInstruction call,
            org.apache.bcel.generic.ConstantPoolGen cpg) {
        if (call instanceof org.apache.bcel.generic.INVOKEDYNAMIC) {
            return null;
        }
        return Memo.answer(Memo.COLLECTIONS, call, cpg);
    }

    private static Entry computeLookupCollection(org.apache.bcel.generic.InvokeInstruction call,
            org.apache.bcel.generic.ConstantPoolGen cpg) {
        List<Entry> candidates = COLLECTIONS_BY_NAME.get(call.getMethodName(cpg));
        if (candidates == null) {
            return null;
        }
        String owner = call.getClassName(cpg);
        String descriptor = call.getSignature(cpg);
        boolean isStatic = call instanceof org.apache.bcel.generic.INVOKESTATIC;
        for (Entry e : candidates) {
            if ((e.descriptor == null || e.descriptor.equals(descriptor)) && e.isStatic == isStatic
                    && isSubtype(owner, e.owner)) {
                return e;
            }
        }
        return null;
    }

    /**
     * True when {@code dottedClass} is (a subtype of) a collection the table marks {@link Effect#CONCURRENT_COLLECTION}:
     * one whose single calls are atomic and that is made to be shared between threads.
     */
    public static boolean isConcurrentCollection(String dottedClass) {
        for (Entry e : COLLECTIONS_BY_NAME.getOrDefault("*", List.of())) {
            if (e.effect == Effect.CONCURRENT_COLLECTION && isSubtype(dottedClass, e.owner)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True when every call of {@code dottedClass} (a concurrent collection) holds the collection's own monitor
     * ({@code Vector}, {@code Hashtable}): a {@link Effect#CONCURRENT_COLLECTION} row with {@code lock=MONITOR}.
     */
    public static boolean collectionLocksItself(String dottedClass) {
        for (Entry e : COLLECTIONS_BY_NAME.getOrDefault("*", List.of())) {
            if (e.effect == Effect.CONCURRENT_COLLECTION && e.lockKind == LockKind.MONITOR && isSubtype(dottedClass, e.owner)) {
                return true;
            }
        }
        return false;
    }

    /** The entry that covers every instance method of {@code ownerClass}'s class ({@code Vector}, ...), or null. */
    private static Entry everyMethodEntry(String ownerClass) {
        for (Entry e : EVERY_METHOD) {
            if (ownerClass.equals(e.owner)) {
                return e;
            }
        }
        return null;
    }

    /**
     * The answers of {@link #lookup}, {@link #lookupResource} and {@link #lookupCollection} for the call instructions of
     * one analysis, by constant pool and index: the same call is asked about at every transfer of every dataflow that
     * models it, and each answer costs the owner's dotted name and a walk of the class hierarchy. The table is fixed and
     * SpotBugs' class hierarchy ({@link Subtypes2}) answers the same while one analysis runs, so an answer is computed
     * once per analysis. The memo is a database of the analysis cache and remembers the {@link AnalysisContext} it was
     * made in: it ends with its analysis, and another analysis (IDEs and tests run many in one JVM) never sees it.
     */
    private static final class Memo {
        static final int CALLS = 0;
        static final int RESOURCES = 1;
        static final int COLLECTIONS = 2;
        private static final int KINDS = 3;
        /** The answer "no entry", told apart from "not asked yet" (null). */
        private static final Object NONE = new Object();

        private final AnalysisContext context;
        /** Weak keys: a class's constant pool lives as long as SpotBugs keeps it. */
        private final Map<org.apache.bcel.generic.ConstantPoolGen, Object[]> byPool = new java.util.WeakHashMap<>();
        private org.apache.bcel.generic.ConstantPoolGen lastPool;
        private Object[] lastAnswers;
        /**
         * {@link #isSubtype} by subtype, then supertype: asked of the same few API types at every call, and SpotBugs'
         * answer converts both names to descriptors each time.
         */
        private final Map<String, Map<String, Boolean>> subtypeAnswers = new java.util.HashMap<>();

        private Memo(AnalysisContext context) {
            this.context = context;
        }

        static Entry answer(int kind, org.apache.bcel.generic.InvokeInstruction call, org.apache.bcel.generic.ConstantPoolGen cpg) {
            Memo memo = current();
            if (memo == null) {
                return compute(kind, call, cpg);
            }
            Object[] answers = memo.answersFor(cpg);
            boolean isStatic = call instanceof org.apache.bcel.generic.INVOKESTATIC;
            int slot = (call.getIndex() * 2 + (isStatic ? 1 : 0)) * KINDS + kind;
            if (call.getIndex() < 0 || slot >= answers.length) {
                return compute(kind, call, cpg);
            }
            Object known = answers[slot];
            if (known == null) {
                Entry computed = compute(kind, call, cpg);
                answers[slot] = computed == null ? NONE : computed;
                return computed;
            }
            return known == NONE ? null : (Entry) known;
        }

        private static Entry compute(int kind, org.apache.bcel.generic.InvokeInstruction call,
                org.apache.bcel.generic.ConstantPoolGen cpg) {
            switch (kind) {
                case CALLS:
                    return computeLookup(call, cpg);
                case RESOURCES:
                    return computeLookupResource(call, cpg);
                default:
                    return computeLookupCollection(call, cpg);
            }
        }

        private Object[] answersFor(org.apache.bcel.generic.ConstantPoolGen cpg) {
            if (cpg != lastPool) {
                lastAnswers = byPool.computeIfAbsent(cpg, c -> new Object[c.getSize() * 2 * KINDS]);
                lastPool = cpg;
            }
            return lastAnswers;
        }

        /** This analysis' memo; null outside an analysis (no cache or no context), where nothing is remembered. */
        private static Memo current() {
            edu.umd.cs.findbugs.classfile.IAnalysisCache cache = edu.umd.cs.findbugs.classfile.Global.getAnalysisCache();
            AnalysisContext context = AnalysisContext.currentAnalysisContext();
            if (cache == null || context == null) {
                return null;
            }
            Memo memo = cache.getOptionalDatabase(Memo.class);
            if (memo == null || memo.context != context) {
                memo = new Memo(context);
                cache.eagerlyPutDatabase(Memo.class, memo);
            }
            return memo;
        }
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
        if (context == null || sub.indexOf('[') >= 0) {
            return false;
        }
        Memo memo = Memo.current();
        if (memo == null) {
            return computeIsSubtype(context, sub, sup);
        }
        Map<String, Boolean> ofSub = memo.subtypeAnswers.computeIfAbsent(sub, k -> new java.util.HashMap<>());
        Boolean known = ofSub.get(sup);
        if (known == null) {
            known = computeIsSubtype(context, sub, sup);
            ofSub.put(sup, known);
        }
        return known;
    }

    private static boolean computeIsSubtype(AnalysisContext context, String sub, String sup) {
        Subtypes2 subtypes = context.getSubtypes2();
        try {
            ClassDescriptor subD = DescriptorFactory.createClassDescriptorFromDottedClassName(sub);
            ClassDescriptor supD = DescriptorFactory.createClassDescriptorFromDottedClassName(sup);
            return subtypes.isSubtype(subD, supD);
        } catch (ClassNotFoundException e) {
            // A class missing from the aux classpath: SpotBugs' own missing-class report; the call matches nothing.
            AnalysisContext.reportMissingClass(e);
            return false;
        }
    }
}
