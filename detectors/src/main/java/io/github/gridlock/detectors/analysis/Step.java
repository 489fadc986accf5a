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
    private final HeldLockSet held;
    private final AccessPathFrame frame;
    private final CallResolver resolver;
    private ConcurrencyApi.Entry api;
    private boolean apiLooked;
    private CallEffects effects;

    Step(MethodFacts facts, Location location, HeldLockSet held, AccessPathFrame frame, CallResolver resolver) {
        this.facts = facts;
        this.location = location;
        this.held = held;
        this.frame = frame;
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
        return held;
    }

    /** Access paths of locals and stack before the instruction. */
    public AccessPathFrame frame() {
        return frame;
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
        return call() == null ? null : frame.receiver(call(), cpg());
    }

    /** The call's argument paths; empty for non-calls. */
    public AccessPath[] arguments() throws DataflowAnalysisException {
        return call() == null ? new AccessPath[0] : frame.arguments(call(), cpg());
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
