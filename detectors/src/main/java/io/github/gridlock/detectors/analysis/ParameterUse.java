package io.github.gridlock.detectors.analysis;

import java.util.List;

/**
 * A method runs the functional object it was given as a parameter: on the calling thread while holding
 * some locks ({@code void underLock(Runnable body) { synchronized (lock) { body.run(); } }}), or on another
 * thread ({@code void async(Runnable r) { executor.execute(r); }}). Its callers apply this to the lambda,
 * method reference or object they pass.
 */
public final class ParameterUse {
    private final int parameter;
    private final String samName;
    private final String samDescriptor;
    private final List<HeldLock> held;
    private final AccessPath[] samArguments;
    private final ConcurrencyApi.Via otherThread;
    private final boolean startsWork;
    private final int pc;
    private final int line;

    ParameterUse(int parameter, String samName, String samDescriptor, List<HeldLock> held, AccessPath[] samArguments,
            ConcurrencyApi.Via otherThread, boolean startsWork, int pc, int line) {
        this.parameter = parameter;
        this.samName = samName;
        this.samDescriptor = samDescriptor;
        this.held = List.copyOf(held);
        this.samArguments = AccessPath.copyOf(samArguments);
        this.otherThread = otherThread;
        this.startsWork = startsWork;
        this.pc = pc;
        this.line = line;
    }

    /** The parameter (0-based, not counting {@code this}). */
    public int parameter() {
        return parameter;
    }

    /** The method invoked on it ({@code run}, {@code accept}, ...). */
    public String samName() {
        return samName;
    }

    /** Its descriptor; one ending in {@code ")"} leaves the return type open. */
    public String samDescriptor() {
        return samDescriptor;
    }

    /** Locks held (in this method's terms) while it runs on the calling thread; empty for other threads. */
    public List<HeldLock> held() {
        return held;
    }

    /** The arguments it is invoked with, in this method's terms. */
    public AccessPath[] samArguments() {
        return AccessPath.copyOf(samArguments);
    }

    /** Null when it runs on the calling thread; otherwise how it is handed to another thread. */
    public ConcurrencyApi.Via otherThread() {
        return otherThread;
    }

    /** For other threads: true when the work may begin during the call (see {@link Handoff#startsWork()}). */
    public boolean startsWork() {
        return startsWork;
    }

    public int pc() {
        return pc;
    }

    public int line() {
        return line;
    }

    /** The same use, one call further out: the parameter of the caller that was passed, and the caller's held locks. */
    ParameterUse forwardedAs(int callerParameter, Invocation call, List<HeldLock> callerHeld, int callerPc, int callerLine) {
        AccessPath[] mapped = new AccessPath[samArguments.length];
        for (int i = 0; i < mapped.length; i++) {
            mapped[i] = call.map(samArguments[i]);
        }
        return new ParameterUse(callerParameter, samName, samDescriptor,
                otherThread == null ? HeldLocks.concat(callerHeld, HeldLocks.map(held, call)) : List.of(), mapped,
                otherThread, startsWork, callerPc, callerLine);
    }
}
