package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The summary part for blocking: the calls of a method's own code that may block for long (with the locks
 * held at each), the first blocking call it reaches through single-target calls, and the locks it waits on
 * with {@code wait()}/{@code await()}, which release only that lock.
 */
public final class BlockingFacts {
    /** Longest call chain through which a callee's blocking call is charged to its caller. */
    public static final int MAX_BLOCKING_DEPTH = 3;

    static final SummaryPart<BlockingFacts> PART = new SummaryPart<>() {
        @Override
        public Builder<BlockingFacts> builder(MethodFacts facts) {
            return new BlockingBuilder();
        }

        @Override
        public BlockingFacts empty() {
            return EMPTY;
        }
    };
    static final BlockingFacts EMPTY = new BlockingFacts(List.of(), null, 0, Set.of(), 0);

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

    private final List<BlockingCall> blockingCalls;
    private final String blocksThrough;
    private final int blockingDepth;
    private final Set<LockId> waitsReleasing;
    private final int waitDepth;

    private BlockingFacts(List<BlockingCall> blockingCalls, String blocksThrough, int blockingDepth,
            Set<LockId> waitsReleasing, int waitDepth) {
        this.blockingCalls = List.copyOf(blockingCalls);
        this.blocksThrough = blocksThrough;
        this.blockingDepth = blockingDepth;
        this.waitsReleasing = Collections.unmodifiableSet(new LinkedHashSet<>(waitsReleasing));
        this.waitDepth = waitDepth;
    }

    /** Blocking calls of the method's own code. */
    public List<BlockingCall> blockingCalls() {
        return blockingCalls;
    }

    /**
     * A description of a blocking call reached from this method, itself or through at most
     * {@link #MAX_BLOCKING_DEPTH} single-target calls, or null.
     */
    public String blocksThrough() {
        return blocksThrough;
    }

    /** Calls between this method and the blocking call of {@link #blocksThrough()}: 0 when it is the method's own. */
    public int blockingDepth() {
        return blockingDepth;
    }

    /**
     * Locks the method (or a callee, through at most {@link #MAX_BLOCKING_DEPTH} single-target calls) waits on
     * with {@code wait()}/{@code await()}: the wait releases that lock only, so a caller holding any other lock
     * blocks while holding it.
     */
    public Set<LockId> waitsReleasing() {
        return waitsReleasing;
    }

    /** Calls between this method and its deepest wait of {@link #waitsReleasing()}: 0 when they are its own. */
    public int waitDepth() {
        return waitDepth;
    }

    private static final class BlockingBuilder implements SummaryPart.Builder<BlockingFacts> {
        private final List<BlockingCall> blocking = new ArrayList<>();
        private final Set<LockId> waits = new LinkedHashSet<>();
        // Futures whose isDone() was asked earlier in the method: get()/join() on them returns at once
        // (the guarded-join idiom, e.g. "f.isDone() && f.join() != null").
        private final Set<AccessPath> doneChecked = new HashSet<>();
        private String blocksThrough;
        private int blockingDepth;
        private int waitDepth;

        @Override
        public void visit(Step step) throws DataflowAnalysisException {
            if (step.call() == null) {
                return;
            }
            ConcurrencyApi.Entry api = step.api();
            if (api != null) {
                apiCall(step, api);
                return;
            }
            for (CalleeCall c : step.effects().callees()) {
                if (c.isMonomorphic()) {
                    throughCallee(step, c);
                }
            }
        }

        private void apiCall(Step step, ConcurrencyApi.Entry api) throws DataflowAnalysisException {
            AccessPath receiver = step.receiver();
            List<HeldLock> held = step.held().locks();
            switch (api.effect()) {
                case ACQUIRE:
                    if (api.lockKind() == LockKind.SEMAPHORE) {
                        blocking.add(new BlockingCall(api, step.pc(), step.line(), held, null));
                    }
                    break;
                case WAIT_RELEASING:
                    LockId waited = waitedLock(receiver, api);
                    blocking.add(new BlockingCall(api, step.pc(), step.line(), held, waited));
                    if (waited.isStable()) {
                        waits.add(waited);
                    }
                    break;
                case CHECKS_DONE:
                    if (receiver != null && receiver.isKnown()) {
                        doneChecked.add(receiver);
                    }
                    break;
                case BLOCKS:
                    if (receiver != null && doneChecked.contains(receiver)) {
                        break;
                    }
                    blocking.add(new BlockingCall(api, step.pc(), step.line(), held, null));
                    if (blocksThrough == null) {
                        blocksThrough = AccessPath.simpleName(step.call().getClassName(step.cpg())) + "."
                                + step.call().getMethodName(step.cpg());
                    }
                    break;
                default:
                    break;
            }
        }

        private void throughCallee(Step step, CalleeCall c) {
            MethodSummary callee = step.summaryOf(c.target());
            if (callee.waitDepth() + 1 < MAX_BLOCKING_DEPTH) {
                for (LockId w : callee.waitsReleasing()) {
                    LockId mapped = c.map(w);
                    if (mapped.isStable() && waits.add(mapped)) {
                        waitDepth = Math.max(waitDepth, callee.waitDepth() + 1);
                    }
                }
            }
            if (blocksThrough == null && callee.blocksThrough() != null && callee.blockingDepth() + 1 < MAX_BLOCKING_DEPTH) {
                blocksThrough = c.describeTarget().replace("()", "") + " -> " + callee.blocksThrough();
                blockingDepth = callee.blockingDepth() + 1;
            }
        }

        /**
         * The lock a wait releases. A condition kept in a field ({@code notEmpty = lock.newCondition()} in the
         * constructor) or a monitor the analysis cannot name gives an UNKNOWN path: detectors then take the
         * wait to release the innermost held lock of its kind, which is what such code does in practice.
         */
        private static LockId waitedLock(AccessPath receiver, ConcurrencyApi.Entry api) {
            LockId lock = LockId.forReceiver(receiver, api.lockKind());
            boolean conditionWithKnownLock = lock.path() != receiver;
            if (api.lockKind() == LockKind.LOCK && !conditionWithKnownLock || !lock.isStable()) {
                return new LockId(AccessPath.UNKNOWN, api.lockKind());
            }
            return lock;
        }

        @Override
        public BlockingFacts build() {
            return new BlockingFacts(blocking, blocksThrough, blockingDepth, waits, waitDepth);
        }
    }
}
