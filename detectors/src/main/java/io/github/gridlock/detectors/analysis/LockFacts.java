package io.github.gridlock.detectors.analysis;

import org.apache.bcel.Const;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The summary part for locks: what a method acquires itself (with what it held then), every stable lock it
 * may take directly or through what it runs, and the locks it leaves held for its caller or releases for
 * it (a {@code begin()}/{@code end()} pair).
 */
public final class LockFacts {
    static final SummaryPart<LockFacts> PART = new SummaryPart<>() {
        @Override
        public Builder<LockFacts> builder(MethodFacts facts) {
            return new LockBuilder(facts);
        }

        @Override
        public LockFacts empty() {
            return EMPTY;
        }
    };
    static final LockFacts EMPTY = new LockFacts(List.of(), Set.of(), Set.of(), Set.of(), List.of());

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

        /**
         * True when this method already holds the same lock on every path here: a reentrant re-acquire that
         * never waits, so it orders nothing.
         */
        public boolean isReentry() {
            HeldLock h = HeldLocks.find(heldBefore, lock);
            return h != null && !h.isOnSomePathsOnly() && lock.kind().isReentrant() && lock.path().isKnown();
        }
    }

    /** A release, here or in a callee, of a lock this method did not take: its caller's. */
    public static final class CallerRelease {
        private final LockId lock;
        private final int pc;

        CallerRelease(LockId lock, int pc) {
            this.lock = lock;
            this.pc = pc;
        }

        public LockId lock() {
            return lock;
        }

        public int pc() {
            return pc;
        }
    }

    private final List<Acquisition> acquisitions;
    private final Set<LockId> mayAcquire;
    private final Set<LockId> returnsHolding;
    private final Set<LockId> releasesCallersLocks;
    private final List<CallerRelease> callerReleases;

    private LockFacts(List<Acquisition> acquisitions, Set<LockId> mayAcquire, Set<LockId> returnsHolding,
            Set<LockId> releasesCallersLocks, List<CallerRelease> callerReleases) {
        this.acquisitions = List.copyOf(acquisitions);
        this.mayAcquire = SummaryPart.orderedCopy(mayAcquire);
        this.returnsHolding = SummaryPart.orderedCopy(returnsHolding);
        this.releasesCallersLocks = SummaryPart.orderedCopy(releasesCallersLocks);
        this.callerReleases = List.copyOf(callerReleases);
    }

    /**
     * Where the method releases its caller's locks, in bytecode order: a lock the caller holds around a call is
     * not held any more at the method's code after such a release ({@code lock.unlock(); other.store(); lock.lock()}).
     */
    public List<CallerRelease> callerReleases() {
        return callerReleases;
    }

    /** The caller's locks this method has released before {@code pc} (in bytecode order). */
    public Set<LockId> callerLocksReleasedBefore(int pc) {
        Set<LockId> out = new LinkedHashSet<>();
        for (CallerRelease r : callerReleases) {
            if (r.pc < pc) {
                out.add(r.lock);
            }
        }
        return out;
    }

    /** Locks the method's own code takes, in bytecode order (a synchronized method's monitor first). */
    public List<Acquisition> acquisitions() {
        return acquisitions;
    }

    /** Stable locks the method may take, directly or through what it runs (the method's own terms). */
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

    static AcquireMode modeOf(ConcurrencyApi.Effect effect) {
        switch (effect) {
            case TRY_ACQUIRE:
                return AcquireMode.TRY;
            case TIMED_TRY_ACQUIRE:
                return AcquireMode.TIMED_TRY;
            default:
                return AcquireMode.BLOCKING;
        }
    }

    private static final class LockBuilder implements SummaryPart.Builder<LockFacts> {
        private final List<Acquisition> acquisitions = new ArrayList<>();
        private final Set<LockId> mayAcquire = new LinkedHashSet<>();
        private final Set<LockId> releasesCallers = new LinkedHashSet<>();
        private final List<CallerRelease> callerReleases = new ArrayList<>();
        private Set<LockId> returnsHolding;

        LockBuilder(MethodFacts facts) {
            AccessPath monitor = AccessPathAnalysis.implicitMonitor(facts.methodGen());
            if (monitor != null) {
                // A synchronized method takes its monitor on entry: for callers that is an acquisition like any other.
                LockId lock = new LockId(monitor, LockKind.MONITOR);
                acquisitions.add(new Acquisition(lock, 0, facts.lineOf(0), List.of(), AcquireMode.BLOCKING));
                mayAcquire.add(lock);
            }
        }

        @Override
        public void visit(Step step) throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
            if (step.opcode() == Const.MONITORENTER) {
                acquired(new LockId(step.frame().getTopValue(), LockKind.MONITOR), step, AcquireMode.BLOCKING);
            } else if (step.instruction() instanceof ReturnInstruction) {
                returned(step.held());
            } else if (step.call() != null) {
                ConcurrencyApi.Entry api = step.api();
                if (api != null && api.effect() == ConcurrencyApi.Effect.LOCKS_RECEIVER && step.receiver() != null) {
                    // A synchronized JDK method on the receiver: its monitor is taken (and released) inside the call.
                    acquired(new LockId(step.receiver(), LockKind.MONITOR), step, AcquireMode.BLOCKING);
                } else if (api != null && api.lockKind() != null) {
                    apiCall(step, api);
                }
                for (CalleeCall c : step.effects().callees()) {
                    MethodSummary callee = step.summaryOf(c.target());
                    for (LockId l : callee.mayAcquire()) {
                        LockId mapped = c.map(l);
                        if (mapped.isStable()) {
                            mayAcquire.add(mapped);
                        }
                    }
                    if (c.isMonomorphic() && c.via() == null) {
                        releasedThrough(step, c, callee);
                    }
                }
            }
        }

        private void apiCall(Step step, ConcurrencyApi.Entry api) throws edu.umd.cs.findbugs.ba.DataflowAnalysisException {
            switch (api.effect()) {
                case ACQUIRE:
                case TRY_ACQUIRE:
                case TIMED_TRY_ACQUIRE:
                    acquired(LockId.forReceiver(step.receiver(), api.lockKind()), step, modeOf(api.effect()));
                    break;
                case RELEASE:
                    LockId released = LockId.forReceiver(step.receiver(), api.lockKind());
                    if (step.held().find(released) == null && released.isStable()) {
                        releasesCallers.add(released);
                        callerReleases.add(new CallerRelease(released, step.pc()));
                    }
                    break;
                default:
                    break;
            }
        }

        /**
         * A callee that releases its caller's lock ({@code super.close()} of a lock handle) makes this method do so;
         * one that gives it back and returns holding it again restores the hold (see {@link CalleeEffects.LockEffects}).
         */
        private void releasedThrough(Step step, CalleeCall c, MethodSummary callee) {
            for (LockId l : callee.releasesCallersLocks()) {
                if (callee.returnsHolding().contains(l)) {
                    continue;
                }
                LockId mapped = c.map(l);
                if (mapped.isStable() && step.held().find(mapped) == null) {
                    releasesCallers.add(mapped);
                    callerReleases.add(new CallerRelease(mapped, step.pc()));
                }
            }
        }

        private void acquired(LockId lock, Step step, AcquireMode mode) {
            acquisitions.add(new Acquisition(lock, step.pc(), step.line(), step.held().locks(), mode));
            if (lock.isStable()) {
                mayAcquire.add(lock);
            }
        }

        private void returned(HeldLockSet held) {
            Set<LockId> here = new LinkedHashSet<>();
            for (HeldLock h : held.definitelyHeld()) {
                if (!h.isHeldOnEntry() && h.lock().isStable() && h.lock().kind() != LockKind.MONITOR) {
                    here.add(h.lock());
                }
            }
            if (returnsHolding == null) {
                returnsHolding = here;
            } else {
                returnsHolding.retainAll(here);
            }
        }

        @Override
        public LockFacts build() {
            return new LockFacts(acquisitions, mayAcquire, returnsHolding == null ? Set.of() : returnsHolding,
                    releasesCallers, callerReleases);
        }
    }
}
