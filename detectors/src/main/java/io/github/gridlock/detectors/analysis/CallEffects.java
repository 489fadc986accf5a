package io.github.gridlock.detectors.analysis;

import java.util.List;

/**
 * What one call site runs, resolved once for all summary parts: the analysed methods it runs on the calling
 * thread (its targets, and lambdas those targets or the JDK run for it), the work it hands to other threads,
 * and the uses of the caller's own parameters that it makes (which become the caller's {@link ParameterUse}s).
 */
public final class CallEffects {
    static final CallEffects NONE = new CallEffects(List.of(), List.of(), List.of());

    private final List<CalleeCall> callees;
    private final List<Handoff> handoffs;
    private final List<ParameterUse> parameterUses;

    CallEffects(List<CalleeCall> callees, List<Handoff> handoffs, List<ParameterUse> parameterUses) {
        this.callees = List.copyOf(callees);
        this.handoffs = List.copyOf(handoffs);
        this.parameterUses = List.copyOf(parameterUses);
    }

    /** Analysed methods run on this thread before the call returns. */
    public List<CalleeCall> callees() {
        return callees;
    }

    /** Work handed to other threads by the call (directly, or by a callee with an argument of ours). */
    public List<Handoff> handoffs() {
        return handoffs;
    }

    /** Uses of this method's own parameters that the call makes. */
    public List<ParameterUse> parameterUses() {
        return parameterUses;
    }
}
