package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;

import java.util.List;

/**
 * Work a method hands to another thread: a task given to a thread, an executor, a timer or a future's
 * callback, or a {@code Thread} subclass created. The analysed methods it runs there are thread entries.
 */
public final class Handoff {
    private final int pc;
    private final int line;
    private final ConcurrencyApi.Via via;
    private final AccessPath task;
    private final AccessPath carrier;
    private final List<Invocation> runs;
    private final boolean inLoop;
    private final boolean startsWork;
    private final MethodDescriptor through;

    Handoff(int pc, int line, ConcurrencyApi.Via via, AccessPath task, AccessPath carrier, List<Invocation> runs,
            boolean inLoop, boolean startsWork, MethodDescriptor through) {
        this.pc = pc;
        this.line = line;
        this.via = via;
        this.task = task;
        this.carrier = carrier;
        this.runs = List.copyOf(runs);
        this.inLoop = inLoop;
        this.startsWork = startsWork;
        this.through = through;
    }

    public int pc() {
        return pc;
    }

    public int line() {
        return line;
    }

    public ConcurrencyApi.Via via() {
        return via;
    }

    /** The work's path in this method (a lambda, a new object, a field...). */
    public AccessPath task() {
        return task;
    }

    /**
     * What runs the work: the thread object for {@code new Thread(task)} and thread subclasses, the executor or
     * timer it is submitted to; null when the call is static or goes through a helper.
     */
    public AccessPath carrier() {
        return carrier;
    }

    /** The analysed methods that run on the other thread; empty when the analysis cannot tell. */
    public List<Invocation> runs() {
        return runs;
    }

    /** True when the hand-off sits in a loop: several of these tasks may run at once. */
    public boolean inLoop() {
        return inLoop;
    }

    /**
     * True when the work may begin during this call (an executor, a started thread, a scheduled task); false
     * when the call only binds it to a thread that a later {@code start()} starts.
     */
    public boolean startsWork() {
        return startsWork;
    }

    /** The helper through which the work was handed off ({@code void async(Runnable r)}), or null. */
    public MethodDescriptor through() {
        return through;
    }
}
