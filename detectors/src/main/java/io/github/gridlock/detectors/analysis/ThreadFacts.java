package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ConstantPushInstruction;
import org.apache.bcel.generic.FieldInstruction;
import org.apache.bcel.generic.GOTO;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.LoadInstruction;
import org.apache.bcel.generic.NOP;
import org.apache.bcel.generic.POP;
import org.apache.bcel.generic.POP2;
import org.apache.bcel.generic.ReturnInstruction;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The summary part for threads: the threads a method starts and configures, the fields it reassigns (after
 * which what was known about the objects under them no longer holds), the work it hands to other threads,
 * and its happens-before points with those threads ({@code start}, {@code join}, {@code get}, latch waits,
 * executor termination).
 */
public final class ThreadFacts {
    static final SummaryPart<ThreadFacts> PART = new SummaryPart<>() {
        @Override
        public Builder<ThreadFacts> builder(MethodFacts facts) {
            return new ThreadBuilder();
        }

        @Override
        public ThreadFacts empty() {
            return EMPTY;
        }
    };
    static final ThreadFacts EMPTY = new ThreadFacts(Set.of(), Set.of(), Set.of(), List.of(), List.of(), List.of(), Set.of());

    /** How many instructions after a hand-off are looked at for its method's return. */
    private static final int MAX_RETURN_DISTANCE = 6;

    /** A happens-before point in a method's own code: what kind, on which object, where. */
    public static final class SyncPoint {
        private final ConcurrencyApi.Sync kind;
        private final AccessPath on;
        private final int pc;
        private final int line;
        private final List<HeldLock> held;
        private final boolean timed;

        SyncPoint(ConcurrencyApi.Sync kind, AccessPath on, int pc, int line, List<HeldLock> held, boolean timed) {
            this.kind = kind;
            this.on = on;
            this.pc = pc;
            this.line = line;
            this.held = List.copyOf(held); // compact: kept to the end of the analysis
            this.timed = timed;
        }

        /** Locks held at the point, outermost first. */
        public List<HeldLock> held() {
            return held;
        }

        /** True for a wait that gives up after a timeout ({@code join(millis)}, {@code awaitTermination}). */
        public boolean isTimed() {
            return timed;
        }

        public ConcurrencyApi.Sync kind() {
            return kind;
        }

        /** The thread, future, latch or executor it is about (the call's receiver; a hand-off's carrier or task). */
        public AccessPath on() {
            return on;
        }

        public int pc() {
            return pc;
        }

        public int line() {
            return line;
        }
    }

    private final Set<AccessPath> startsThreads;
    private final Set<AccessPath> setsDaemonOn;
    private final Set<AccessPath> assigns;
    private final List<Handoff> handoffs;
    private final List<ParameterUse> parameterHandoffs;
    private final List<SyncPoint> syncPoints;
    private final Set<Integer> returnsAfter;

    private ThreadFacts(Set<AccessPath> startsThreads, Set<AccessPath> setsDaemonOn, Set<AccessPath> assigns,
            List<Handoff> handoffs, List<ParameterUse> parameterHandoffs, List<SyncPoint> syncPoints,
            Set<Integer> returnsAfter) {
        this.startsThreads = SummaryPart.orderedCopy(startsThreads);
        this.setsDaemonOn = SummaryPart.orderedCopy(setsDaemonOn);
        this.assigns = SummaryPart.orderedCopy(assigns);
        this.handoffs = List.copyOf(handoffs);
        this.parameterHandoffs = List.copyOf(parameterHandoffs);
        this.syncPoints = List.copyOf(syncPoints);
        this.returnsAfter = Set.copyOf(returnsAfter);
    }

    /**
     * True when the method returns straight after the hand-off at {@code pc} (only loads, pops and jumps between):
     * {@code loop.execute(() -> close(cause)); return;}. Nothing of the method runs after such a hand-off.
     */
    public boolean returnsRightAfter(int pc) {
        return returnsAfter.contains(pc);
    }

    /** Threads the method may start, directly or through calls (stable paths, and {@code this}). */
    public Set<AccessPath> startsThreads() {
        return startsThreads;
    }

    /**
     * Threads the method calls setDaemon on, directly or through calls, that it did not itself create
     * first: a method that stores a new thread in a field and then configures it sets nothing for callers.
     */
    public Set<AccessPath> setsDaemonOn() {
        return setsDaemonOn;
    }

    /**
     * Fields (stable paths) the method stores to, directly or through calls: after a call, what the
     * caller knew about the objects under them no longer holds.
     */
    public Set<AccessPath> assigns() {
        return assigns;
    }

    /** Work the method hands to other threads, directly or through helpers given its lambdas. */
    public List<Handoff> handoffs() {
        return handoffs;
    }

    /** Functional parameters the method hands to another thread (directly or through helpers). */
    public List<ParameterUse> parameterHandoffs() {
        return parameterHandoffs;
    }

    /** The method's own happens-before points with other threads, in bytecode order. */
    public List<SyncPoint> syncPoints() {
        return syncPoints;
    }

    private static final class ThreadBuilder implements SummaryPart.Builder<ThreadFacts> {
        private final Set<AccessPath> starts = new LinkedHashSet<>();
        private final Set<AccessPath> daemon = new LinkedHashSet<>();
        // Fields stored to so far, in bytecode order: a thread configured after being stored is a new one.
        private final Set<AccessPath> assigned = new LinkedHashSet<>();
        private final List<Handoff> handoffs = new ArrayList<>();
        private final List<ParameterUse> parameterHandoffs = new ArrayList<>();
        private final List<SyncPoint> syncPoints = new ArrayList<>();
        private final Set<Integer> returnsAfter = new LinkedHashSet<>();

        @Override
        public void visit(Step step) throws DataflowAnalysisException {
            short op = step.opcode();
            if (op == Const.PUTFIELD || op == Const.PUTSTATIC) {
                stored(step, (FieldInstruction) step.instruction());
                return;
            }
            if (step.call() == null) {
                return;
            }
            ConcurrencyApi.Entry api = step.api();
            AccessPath receiver = step.receiver();
            if (api != null) {
                if (api.effect() == ConcurrencyApi.Effect.STARTS_THREAD && receiver.isStable()) {
                    starts.add(receiver);
                } else if (api.effect() == ConcurrencyApi.Effect.SETS_DAEMON && receiver.isStable()
                        && !receiver.hasPrefixIn(assigned)) {
                    daemon.add(receiver);
                }
                if (api.sync() != null && api.effect() != ConcurrencyApi.Effect.SUBMITS_WORK) {
                    syncPoints.add(new SyncPoint(api.sync(), receiver == null ? AccessPath.UNKNOWN : receiver, step.pc(),
                            step.line(), step.held().locks(), api.effect() == ConcurrencyApi.Effect.WAITS_BOUNDED));
                }
            }
            CallEffects effects = step.effects();
            if (!effects.handoffs().isEmpty() && returnsNext(step.location().getHandle())) {
                returnsAfter.add(step.pc());
            }
            for (Handoff h : effects.handoffs()) {
                handoffs.add(h);
                if (h.startsWork()) {
                    syncPoints.add(new SyncPoint(ConcurrencyApi.Sync.START, h.carrier() != null ? h.carrier() : h.task(),
                            step.pc(), step.line(), step.held().locks(), false));
                }
            }
            for (ParameterUse use : effects.parameterUses()) {
                if (use.otherThread() != null) {
                    parameterHandoffs.add(use);
                }
            }
            for (CalleeCall c : effects.callees()) {
                throughCallee(step, c);
            }
        }

        private void stored(Step step, FieldInstruction put) throws DataflowAnalysisException {
            String owner = step.getters().declaringClass(put.getReferenceType(step.cpg()).toString(), put.getFieldName(step.cpg()));
            AccessPath stored = step.opcode() == Const.PUTSTATIC ? AccessPath.staticField(owner, put.getFieldName(step.cpg()))
                    : AccessPath.field(step.frame().getStackValue(1), owner, put.getFieldName(step.cpg()));
            if (stored.isStable()) {
                assigned.add(stored);
            }
        }

        private void throughCallee(Step step, CalleeCall c) {
            MethodSummary callee = step.summaryOf(c.target());
            addMapped(callee.startsThreads(), c, starts);
            for (AccessPath d : callee.setsDaemonOn()) {
                AccessPath mapped = c.map(d);
                if (mapped.isStable() && !mapped.hasPrefixIn(assigned)) {
                    daemon.add(mapped);
                }
            }
            addMapped(callee.assigns(), c, assigned);
        }

        private static void addMapped(Set<AccessPath> calleePaths, Invocation call, Set<AccessPath> into) {
            for (AccessPath p : calleePaths) {
                AccessPath mapped = call.map(p);
                if (mapped.isStable()) {
                    into.add(mapped);
                }
            }
        }

        /** The instructions after {@code call} reach a return with nothing but loads, pops and jumps. */
        private static boolean returnsNext(InstructionHandle call) {
            InstructionHandle h = call.getNext();
            for (int i = 0; h != null && i < MAX_RETURN_DISTANCE; i++) {
                Instruction ins = h.getInstruction();
                if (ins instanceof ReturnInstruction) {
                    return true;
                }
                if (ins instanceof GOTO) {
                    h = ((GOTO) ins).getTarget();
                } else if (ins instanceof LoadInstruction || ins instanceof ConstantPushInstruction
                        || ins instanceof POP || ins instanceof POP2 || ins instanceof NOP) {
                    h = h.getNext();
                } else {
                    return false;
                }
            }
            return false;
        }

        @Override
        public ThreadFacts build() {
            return new ThreadFacts(starts, daemon, assigned, handoffs, parameterHandoffs, syncPoints, returnsAfter);
        }
    }
}
