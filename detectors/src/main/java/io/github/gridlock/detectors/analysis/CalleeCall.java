package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.List;

/**
 * One analysed method that a call site runs on the calling thread: a target of the call itself, or a lambda
 * (method reference, functional object) that the call's target runs with its argument, as an execute-around
 * helper does ({@code underLock(() -> ...)}). The locks held are the caller's at the call plus, for a lambda,
 * those the helper holds while it runs it.
 */
public final class CalleeCall extends Invocation {
    private final List<HeldLock> held;
    private final boolean monomorphic;
    private final MethodDescriptor via;
    private final boolean openWorld;

    CalleeCall(MethodDescriptor target, AccessPath receiver, AccessPath[] arguments, List<HeldLock> held,
            boolean monomorphic, MethodDescriptor via) {
        this(target, receiver, arguments, held, monomorphic, via, false);
    }

    CalleeCall(MethodDescriptor target, AccessPath receiver, AccessPath[] arguments, List<HeldLock> held,
            boolean monomorphic, MethodDescriptor via, boolean openWorld) {
        super(target, receiver, arguments);
        this.held = List.copyOf(held);
        this.monomorphic = monomorphic;
        this.via = via;
        this.openWorld = openWorld;
    }

    /**
     * True when the call is virtual on a type the analysis does not see all of (a JDK or library interface such as
     * {@code Enumeration} or {@code java.sql.Connection}): code outside the analysed classes may implement it, so
     * even "every analysed target" is an assumption about which object the call reaches.
     */
    public boolean isOpenWorld() {
        return openWorld;
    }

    /** Locks held when the target runs, outermost first, in the caller's terms. */
    public List<HeldLock> held() {
        return held;
    }

    /** True when the call site runs exactly this method (one analysed target, or a known lambda). */
    public boolean isMonomorphic() {
        return monomorphic;
    }

    /** The method that runs the target for the caller (the execute-around helper), or null for a direct call. */
    public MethodDescriptor via() {
        return via;
    }
}
