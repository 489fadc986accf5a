package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one method does, in its own terms ({@code this}, its parameters, static fields), directly and through
 * the analysed methods it runs: the layer's summary parts of the method, one per concern ({@link CallFacts},
 * {@link LockFacts}, {@link BlockingFacts}, {@link ThreadFacts}, {@link FieldAccesses}), computed together once
 * per method by {@link MethodSummaries}. Callers rewrite the paths with {@link Invocation#map}.
 */
public final class MethodSummary {
    static final MethodSummary EMPTY = new MethodSummary(null, CallFacts.EMPTY, LockFacts.EMPTY, BlockingFacts.EMPTY,
            ThreadFacts.EMPTY, FieldAccesses.EMPTY);

    private final MethodDescriptor method;
    private final CallFacts calls;
    private final LockFacts locks;
    private final BlockingFacts blocking;
    private final ThreadFacts threads;
    private final FieldAccesses fields;

    MethodSummary(MethodDescriptor method, CallFacts calls, LockFacts locks, BlockingFacts blocking, ThreadFacts threads,
            FieldAccesses fields) {
        this.method = method;
        this.calls = calls;
        this.locks = locks;
        this.blocking = blocking;
        this.threads = threads;
        this.fields = fields;
    }

    /** The method; null for the empty summary of a method that has no code or could not be analysed. */
    public MethodDescriptor method() {
        return method;
    }

    public CallFacts callFacts() {
        return calls;
    }

    public LockFacts lockFacts() {
        return locks;
    }

    public BlockingFacts blockingFacts() {
        return blocking;
    }

    public ThreadFacts threadFacts() {
        return threads;
    }

    public FieldAccesses fieldAccesses() {
        return fields;
    }

    // Shortcuts to the parts' most used facts.

    public List<LockFacts.Acquisition> acquisitions() {
        return locks.acquisitions();
    }

    public Set<LockId> mayAcquire() {
        return locks.mayAcquire();
    }

    public Set<LockId> returnsHolding() {
        return locks.returnsHolding();
    }

    public Set<LockId> releasesCallersLocks() {
        return locks.releasesCallersLocks();
    }

    public List<CallFacts.CallSite> calls() {
        return calls.calls();
    }

    public List<BlockingFacts.BlockingCall> blockingCalls() {
        return blocking.blockingCalls();
    }

    public String blocksThrough() {
        return blocking.blocksThrough();
    }

    public int blockingDepth() {
        return blocking.blockingDepth();
    }

    public Set<LockId> waitsReleasing() {
        return blocking.waitsReleasing();
    }

    public int waitDepth() {
        return blocking.waitDepth();
    }

    public Set<AccessPath> startsThreads() {
        return threads.startsThreads();
    }

    public Set<AccessPath> setsDaemonOn() {
        return threads.setsDaemonOn();
    }

    public Set<AccessPath> assigns() {
        return threads.assigns();
    }

    /** Every use the method makes of its functional parameters, on its own thread and on others. */
    public List<ParameterUse> parameterUses() {
        if (threads.parameterHandoffs().isEmpty()) {
            return calls.parameterRuns();
        }
        List<ParameterUse> all = new ArrayList<>(calls.parameterRuns());
        all.addAll(threads.parameterHandoffs());
        return all;
    }
}
