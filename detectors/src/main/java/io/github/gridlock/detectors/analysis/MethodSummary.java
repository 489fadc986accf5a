package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What one method does, in its own terms ({@code this}, its parameters, static fields), directly
 * and through the analysed methods it calls. Computed once per method by {@link MethodSummaries}.
 * Callers rewrite the paths with {@link LockId#substitute} / {@link AccessPath#substitute}.
 */
public final class MethodSummary {

    /** How an acquisition waits for a lock that is taken. */
    public enum AcquireMode {
        /** lock(), monitorenter, acquire(): waits as long as it takes. */
        BLOCKING,
        /** tryLock() without timeout: never waits, so it cannot be part of a deadlock. */
        TRY,
        /** tryLock(timeout): waits, but gives up. */
        TIMED_TRY
    }

    /** A lock taken by the method's own code. */
    public static final class Acquisition {
        private final LockId lock;
        private final int pc;
        private final int line;
        private final List<HeldLock> heldBefore;
        private final AcquireMode mode;

        Acquisition(LockId lock, int pc, int line, List<HeldLock> heldBefore, AcquireMode mode) {
            this.lock = lock;
            this.pc = pc;
            this.line = line;
            this.heldBefore = heldBefore;
            this.mode = mode;
        }

        public LockId lock() {
            return lock;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        /** Locks held just before this acquisition, outermost first. */
        public List<HeldLock> heldBefore() {
            return heldBefore;
        }

        public AcquireMode mode() {
            return mode;
        }
    }

    /** A call to an analysed method. */
    public static final class CallSite {
        private final MethodDescriptor callee;
        private final int pc;
        private final int line;
        private final List<HeldLock> held;
        private final AccessPath receiver;
        private final AccessPath[] arguments;
        private final boolean monomorphic;

        CallSite(MethodDescriptor callee, int pc, int line, List<HeldLock> held, AccessPath receiver, AccessPath[] arguments,
                boolean monomorphic) {
            this.callee = callee;
            this.pc = pc;
            this.line = line;
            this.held = held;
            this.receiver = receiver;
            this.arguments = arguments;
            this.monomorphic = monomorphic;
        }

        /**
         * True when the call has exactly one analysed target. Facts that make findings on their own
         * (a lock-order edge, a blocking call) follow only such calls: with several possible targets
         * the analysis would be guessing which one runs, and decorator chains ({@code in.read()} in a
         * stream wrapping another) turn such guesses into false cycles.
         */
        public boolean isMonomorphic() {
            return monomorphic;
        }

        public MethodDescriptor callee() {
            return callee;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        /** Locks held at the call, outermost first. */
        public List<HeldLock> held() {
            return held;
        }

        /** The receiver's path in the caller; null for static calls. */
        public AccessPath receiver() {
            return receiver;
        }

        public AccessPath[] arguments() {
            return arguments.clone();
        }
    }

    /** A call from the {@link ConcurrencyApi} table that may block. */
    public static final class BlockingCall {
        private final ConcurrencyApi.Entry api;
        private final int pc;
        private final int line;
        private final List<HeldLock> held;
        private final LockId releases;

        BlockingCall(ConcurrencyApi.Entry api, int pc, int line, List<HeldLock> held, LockId releases) {
            this.api = api;
            this.pc = pc;
            this.line = line;
            this.held = held;
            this.releases = releases;
        }

        /** For {@code wait()}/{@code await()}: the lock released while waiting; null for other blocking calls. */
        public LockId releases() {
            return releases;
        }

        public ConcurrencyApi.Entry api() {
            return api;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }

        public List<HeldLock> held() {
            return held;
        }
    }

    static final MethodSummary EMPTY = new MethodSummary(null, Collections.emptyList(), Collections.emptyList(),
            Collections.emptyList(), Collections.emptySet(), Collections.emptySet(), Collections.emptySet(),
            Collections.emptySet(), Collections.emptySet(), null, 0, Collections.emptySet(), 0, Collections.emptySet());

    private final MethodDescriptor method;
    private final List<Acquisition> acquisitions;
    private final List<CallSite> calls;
    private final List<BlockingCall> blockingCalls;
    private final Set<LockId> mayAcquire;
    private final Set<LockId> returnsHolding;
    private final Set<LockId> releasesCallersLocks;
    private final Set<AccessPath> startsThreads;
    private final Set<AccessPath> setsDaemonOn;
    private final String blocksThrough;
    private final int blockingDepth;
    private final Set<LockId> waitsReleasing;
    private final int waitDepth;
    private final Set<AccessPath> assigns;

    MethodSummary(MethodDescriptor method, List<Acquisition> acquisitions, List<CallSite> calls,
            List<BlockingCall> blockingCalls, Set<LockId> mayAcquire, Set<LockId> returnsHolding,
            Set<LockId> releasesCallersLocks, Set<AccessPath> startsThreads, Set<AccessPath> setsDaemonOn,
            String blocksThrough, int blockingDepth, Set<LockId> waitsReleasing, int waitDepth, Set<AccessPath> assigns) {
        this.method = method;
        this.acquisitions = Collections.unmodifiableList(acquisitions);
        this.calls = Collections.unmodifiableList(calls);
        this.blockingCalls = Collections.unmodifiableList(blockingCalls);
        this.mayAcquire = Collections.unmodifiableSet(new LinkedHashSet<>(mayAcquire));
        this.returnsHolding = Collections.unmodifiableSet(new LinkedHashSet<>(returnsHolding));
        this.releasesCallersLocks = Collections.unmodifiableSet(new LinkedHashSet<>(releasesCallersLocks));
        this.startsThreads = Collections.unmodifiableSet(new LinkedHashSet<>(startsThreads));
        this.setsDaemonOn = Collections.unmodifiableSet(new LinkedHashSet<>(setsDaemonOn));
        this.blocksThrough = blocksThrough;
        this.blockingDepth = blockingDepth;
        this.waitsReleasing = Collections.unmodifiableSet(new LinkedHashSet<>(waitsReleasing));
        this.waitDepth = waitDepth;
        this.assigns = Collections.unmodifiableSet(new LinkedHashSet<>(assigns));
    }

    public MethodDescriptor method() {
        return method;
    }

    /** Locks the method's own code takes, in bytecode order. */
    public List<Acquisition> acquisitions() {
        return acquisitions;
    }

    /** Calls to analysed methods, with the locks held at each. */
    public List<CallSite> calls() {
        return calls;
    }

    /** Blocking calls of the method's own code. */
    public List<BlockingCall> blockingCalls() {
        return blockingCalls;
    }

    /** Stable locks the method may take, directly or through calls (the method's own terms). */
    public Set<LockId> mayAcquire() {
        return mayAcquire;
    }

    /** Locks taken here and still held when the method returns normally: a {@code begin()}. */
    public Set<LockId> returnsHolding() {
        return returnsHolding;
    }

    /** Locks released here that the method did not take: an {@code end()} releasing its caller's lock. */
    public Set<LockId> releasesCallersLocks() {
        return releasesCallersLocks;
    }

    /** Threads the method may start, directly or through calls (stable paths, and {@code this}). */
    public Set<AccessPath> startsThreads() {
        return startsThreads;
    }

    /**
     * Fields (stable paths) the method stores to, directly or through calls: after a call, what the
     * caller knew about the objects under them no longer holds.
     */
    public Set<AccessPath> assigns() {
        return assigns;
    }

    /**
     * Threads the method calls setDaemon on, directly or through calls, that it did not itself create
     * first: a method that stores a new thread in a field and then configures it sets nothing for callers.
     */
    public Set<AccessPath> setsDaemonOn() {
        return setsDaemonOn;
    }

    /**
     * Locks the method (or a callee, through at most {@link MethodSummaries#MAX_BLOCKING_DEPTH} single-target
     * calls) waits on with {@code wait()}/{@code await()}: the wait releases
     * that lock only, so a caller holding any other lock blocks while holding it.
     */
    public Set<LockId> waitsReleasing() {
        return waitsReleasing;
    }

    /** Calls between this method and its deepest wait of {@link #waitsReleasing()}: 0 when they are its own. */
    public int waitDepth() {
        return waitDepth;
    }

    /** Calls between this method and the blocking call of {@link #blocksThrough()}: 0 when it is the method's own. */
    public int blockingDepth() {
        return blockingDepth;
    }

    /**
     * A description of a blocking call reached from this method, itself or through at most
     * {@link MethodSummaries#MAX_BLOCKING_DEPTH} single-target calls, or null.
     */
    public String blocksThrough() {
        return blocksThrough;
    }
}
