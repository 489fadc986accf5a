package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * One location of a method as every summary part sees it: the instruction, the locks held and the access
 * paths before it, the concurrency API it calls, and, for calls, what the call runs ({@link CallEffects}),
 * resolved once and shared by all parts.
 */
public final class Step {
    private final MethodFacts facts;
    private final Location location;
    private HeldLockSet held;
    private AccessPathFrame frame;
    private final CallResolver resolver;
    private ConcurrencyApi.Entry api;
    private boolean apiLooked;
    private CallEffects effects;

    /**
     * A step whose held locks and access paths are computed when a part first asks for them: most instructions
     * (loads, stores, arithmetic) interest no part, and each fact costs a replay of the block up to the location.
     * The walk creates steps only in blocks where both facts are valid ({@link MethodFacts#analysedIn}).
     */
    Step(MethodFacts facts, Location location, CallResolver resolver) {
        this.facts = facts;
        this.location = location;
        this.resolver = resolver;
    }

    public MethodFacts facts() {
        return facts;
    }

    public Location location() {
        return location;
    }

    public int pc() {
        return location.getHandle().getPosition();
    }

    public int line() {
        return facts.lineOf(pc());
    }

    public Instruction instruction() {
        return location.getHandle().getInstruction();
    }

    public short opcode() {
        return instruction().getOpcode();
    }

    public ConstantPoolGen cpg() {
        return facts.methodGen().getConstantPool();
    }

    /** Locks held before the instruction. */
    public HeldLockSet held() {
        if (held == null) {
            try {
                held = facts.heldAt(location);
            } catch (DataflowAnalysisException e) {
                throw new StepFactException(e);
            }
        }
        return held;
    }

    /** Access paths of locals and stack before the instruction. */
    public AccessPathFrame frame() {
        if (frame == null) {
            try {
                frame = facts.pathsAt(location);
            } catch (DataflowAnalysisException e) {
                throw new StepFactException(e);
            }
        }
        return frame;
    }

    /**
     * A fact of a step could not be computed: the walk's callers treat it as the method's analysis failing, as they
     * treat the {@link DataflowAnalysisException} it carries.
     */
    static final class StepFactException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StepFactException(DataflowAnalysisException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** True when the instruction sits in a loop of the method's control flow. */
    public boolean inLoop() {
        return facts.inLoop(location);
    }

    /** The call instruction, or null. */
    public InvokeInstruction call() {
        return instruction() instanceof InvokeInstruction ? (InvokeInstruction) instruction() : null;
    }

    /** The {@link ConcurrencyApi} entry the call matches, or null (also for non-calls). */
    public ConcurrencyApi.Entry api() {
        if (!apiLooked) {
            apiLooked = true;
            api = call() == null ? null : ConcurrencyApi.lookup(call(), cpg());
        }
        return api;
    }

    /** The call's receiver path; null for static calls and non-calls. */
    public AccessPath receiver() throws DataflowAnalysisException {
        return call() == null ? null : frame().receiver(call(), cpg());
    }

    /** The call's argument paths; empty for non-calls. */
    public AccessPath[] arguments() throws DataflowAnalysisException {
        return call() == null ? new AccessPath[0] : frame().arguments(call(), cpg());
    }

    /** The summary of an analysed method this step runs (a callee). */
    public MethodSummary summaryOf(edu.umd.cs.findbugs.classfile.MethodDescriptor method) {
        return resolver.summaries().summaryOf(method);
    }

    /** The analysis' trivial-accessor and field-declaration knowledge. */
    Getters getters() {
        return resolver.summaries().getters();
    }

    /** Whether the blocking queues in fields can be full (shared per analysis). */
    QueueCapacity queues() {
        return resolver.summaries().queues();
    }

    /** What the call runs, here and on other threads; {@link CallEffects#NONE} for non-calls. */
    public CallEffects effects() throws DataflowAnalysisException {
        if (effects == null) {
            effects = call() == null ? CallEffects.NONE : resolver.resolve(this);
        }
        return effects;
    }
}
