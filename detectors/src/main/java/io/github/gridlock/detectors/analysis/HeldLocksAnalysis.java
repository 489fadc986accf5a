package io.github.gridlock.detectors.analysis;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.DepthFirstSearch;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.ForwardDataflowAnalysis;
import edu.umd.cs.findbugs.ba.Location;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;
import org.apache.bcel.generic.MethodGen;

import java.util.ArrayList;
import java.util.List;

/**
 * Forward dataflow over SpotBugs' CFG, exception edges included, giving the ordered stack of locks
 * held before each instruction. Models {@code monitorenter/monitorexit}, synchronized methods, and
 * every lock call of {@link ConcurrencyApi}; a {@code tryLock()} counts as held only on the branch
 * where it returned true; a call to an analysed method that returns holding a lock (or releases its
 * caller's lock) applies that effect at the call site.
 */
public final class HeldLocksAnalysis extends ForwardDataflowAnalysis<HeldLockSet> {
    private final MethodGen methodGen;
    private final ConstantPoolGen cpg;
    private final Dataflow<AccessPathFrame, AccessPathAnalysis> paths;
    private final CalleeEffects callees;
    private final NonNullLocals nonNull;

    HeldLocksAnalysis(MethodGen methodGen, DepthFirstSearch dfs, Dataflow<AccessPathFrame, AccessPathAnalysis> paths,
            CalleeEffects callees, NonNullLocals nonNull) {
        super(dfs);
        this.methodGen = methodGen;
        this.cpg = methodGen.getConstantPool();
        this.paths = paths;
        this.callees = callees;
        this.nonNull = nonNull;
    }

    @Override
    public HeldLockSet createFact() {
        return new HeldLockSet();
    }

    @Override
    public void copy(HeldLockSet source, HeldLockSet dest) {
        dest.copyFrom(source);
    }

    @Override
    public void initEntryFact(HeldLockSet fact) {
        List<HeldLock> initial = new ArrayList<>();
        AccessPath monitor = AccessPathAnalysis.implicitMonitor(methodGen);
        if (monitor != null) {
            initial.add(new HeldLock(new LockId(monitor, LockKind.MONITOR), -1, 1, false, true, false));
        }
        fact.setValid(initial);
    }

    @Override
    public void makeFactTop(HeldLockSet fact) {
        fact.setTop();
    }

    @Override
    public boolean isTop(HeldLockSet fact) {
        return fact.isTop();
    }

    @Override
    public boolean same(HeldLockSet a, HeldLockSet b) {
        return a.sameAs(b);
    }

    @Override
    public boolean isFactValid(HeldLockSet fact) {
        return fact.isValid();
    }

    @Override
    public void transferInstruction(InstructionHandle handle, BasicBlock block, HeldLockSet fact)
            throws DataflowAnalysisException {
        if (!fact.isValid()) {
            return;
        }
        Instruction ins = handle.getInstruction();
        short op = ins.getOpcode();
        if (fact.pendingTry() != null && !keepsTryResult(op)) {
            fact.setPendingTry(null);
        }
        int pc = handle.getPosition();
        if (op == Const.MONITORENTER) {
            AccessPath path = paths.getFactAtLocation(new Location(handle, block)).getTopValue();
            fact.acquire(new HeldLock(new LockId(path, LockKind.MONITOR), pc, 1, false, false, false));
        } else if (op == Const.MONITOREXIT) {
            AccessPath path = paths.getFactAtLocation(new Location(handle, block)).getTopValue();
            if (!fact.release(new LockId(path, LockKind.MONITOR))) {
                fact.releaseInnermostMonitor();
            }
        } else if (ins instanceof InvokeInstruction) {
            transferCall((InvokeInstruction) ins, handle, block, fact, pc);
        }
    }

    private void transferCall(InvokeInstruction call, InstructionHandle handle, BasicBlock block, HeldLockSet fact, int pc)
            throws DataflowAnalysisException {
        ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
        if (api != null && api.lockKind() != null && !(call instanceof INVOKESTATIC)) {
            AccessPath receiver = paths.getFactAtLocation(new Location(handle, block)).getInstance(call, cpg);
            LockId lock = LockId.forReceiver(receiver, api.lockKind());
            switch (api.effect()) {
                case ACQUIRE:
                    fact.acquire(new HeldLock(lock, pc, 1, false, false, false));
                    return;
                case TRY_ACQUIRE:
                case TIMED_TRY_ACQUIRE:
                    fact.setPendingTry(new HeldLock(lock, pc, 1, false, false,
                            api.effect() == ConcurrencyApi.Effect.TIMED_TRY_ACQUIRE));
                    return;
                case RELEASE:
                    fact.release(lock);
                    return;
                default:
                    return;
            }
        }
        if (api == null) {
            CalleeEffects.LockEffects callee = callees.lockEffectsOf(call, cpg);
            if (callee != null && !callee.isEmpty()) {
                AccessPathFrame frame = paths.getFactAtLocation(new Location(handle, block));
                AccessPath receiver = frame.receiver(call, cpg);
                AccessPath[] args = frame.arguments(call, cpg);
                for (LockId released : callee.releasesCallersLocks) {
                    fact.release(released.substitute(receiver, args));
                }
                for (LockId acquired : callee.returnsHolding) {
                    fact.acquire(new HeldLock(acquired.substitute(receiver, args), pc, 1, false, false, false));
                }
            }
        }
    }

    private boolean isNullSideOfNonNullTest(Edge edge) {
        InstructionHandle last = edge.getSource().getLastInstruction();
        if (last == null || edge.isExceptionEdge() || !nonNull.testsNonNullLocal(last)) {
            return false;
        }
        boolean taken = edge.getType() == EdgeTypes.IFCMP_EDGE;
        return (last.getInstruction().getOpcode() == Const.IFNULL) == taken;
    }

    /** Instructions that may sit between a tryLock and the branch on its result. */
    private static boolean keepsTryResult(short op) {
        return op == Const.IFEQ || op == Const.IFNE || (op >= Const.ISTORE_0 && op <= Const.ISTORE_3)
                || (op >= Const.ILOAD_0 && op <= Const.ILOAD_3) || op == Const.ISTORE || op == Const.ILOAD;
    }

    @Override
    public void meetInto(HeldLockSet fact, Edge edge, HeldLockSet result) throws DataflowAnalysisException {
        if (isNullSideOfNonNullTest(edge)) {
            // javac's try-with-resources null check of a resource that cannot be null: not a path.
            return;
        }
        HeldLock pending = fact.pendingTry();
        if (fact.isValid() && pending != null) {
            HeldLockSet onEdge = createFact();
            onEdge.copyFrom(fact);
            onEdge.setPendingTry(null);
            InstructionHandle last = edge.getSource().getLastInstruction();
            if (last != null && !edge.isExceptionEdge()) {
                short op = last.getInstruction().getOpcode();
                boolean taken = edge.getType() == EdgeTypes.IFCMP_EDGE;
                if ((op == Const.IFNE && taken) || (op == Const.IFEQ && !taken)) {
                    onEdge.acquire(pending);
                }
            }
            fact = onEdge;
        }
        result.mergeWith(fact);
    }
}
