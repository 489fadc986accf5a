package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.ba.AnalysisContext;
import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.EdgeTypes;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.ba.type.ExceptionSet;
import edu.umd.cs.findbugs.ba.type.TypeDataflow;
import edu.umd.cs.findbugs.classfile.DescriptorFactory;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.NonThrowingCalls;
import io.github.gridlock.detectors.analysis.PreconditionThrows;
import org.apache.bcel.Const;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.IfInstruction;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * The paths of one unit of work that end without a completion signal. A path is cut where the signal runs, where the
 * waiter is tested and found null (nothing to signal), and at a branch on a shared task counter ({@code if
 * (remaining.decrementAndGet() == 0)}: the last task signals, the others have nothing to). Exceptions come from the
 * work: a {@code throw} (not a precondition that rejects the call before any work, {@link PreconditionThrows}), a
 * call into the program's own code that may throw (not an accessor, a setter, an {@code access$} bridge:
 * {@link NonThrowingCalls}), or a JDK call that declares the exception. The unchecked exceptions any JDK call could
 * raise ({@code String.trim()}, {@code List.get}) are not counted, nor are calls made inside handlers (logging the
 * failure, as in {@link TaskFailures}) or the signal itself, nor the implicit exceptions of instructions that are
 * no calls (a field or array access, a {@code checkcast}, an array store, arithmetic): those are a program's bugs
 * or an {@link Error}, not work that fails.
 */
final class SignalPaths {
    /** How a unit of work can end without its signal. */
    enum Miss {
        NONE, NORMAL, EXCEPTION
    }

    private final MethodFacts facts;
    private final CFG cfg;
    private final ConstantPoolGen cpg;
    private final BitSet normalCode;

    private final ClassContext classContext;
    private TypeDataflow types;

    SignalPaths(ClassContext classContext, MethodFacts facts) {
        this.classContext = classContext;
        this.facts = facts;
        this.cfg = facts.cfg();
        this.cpg = facts.methodGen().getConstantPool();
        this.normalCode = TaskFailures.normalCode(cfg);
    }

    /**
     * Whether a unit of work can end without signalling {@code waiter}: the method (an empty {@code loop}) or one
     * iteration of {@code loop}. {@code signals} are every signal on the waiter in the method.
     */
    Miss missed(AccessPath waiter, BitSet loop, List<Location> signals) throws DataflowAnalysisException {
        BitSet signalled = new BitSet();
        for (Location s : signals) {
            signalled.set(s.getBasicBlock().getLabel());
        }
        BitSet starts = loop.isEmpty() ? new BitSet() : loopStarts(loop);
        if (!loop.isEmpty() && starts.isEmpty()) {
            return Miss.NONE;
        }
        if (reachesEnd(waiter, loop, starts, signalled, false)) {
            return Miss.NORMAL;
        }
        return reachesEnd(waiter, loop, starts, signalled, true) ? Miss.EXCEPTION : Miss.NONE;
    }

    /** Where an iteration begins: after a call that takes the next input, or else at the loop's heads. */
    private BitSet loopStarts(BitSet loop) {
        BitSet inputs = new BitSet();
        BitSet heads = new BitSet();
        for (Location l : facts.locations()) {
            int label = l.getBasicBlock().getLabel();
            if (!loop.get(label)) {
                continue;
            }
            Instruction ins = l.getHandle().getInstruction();
            if (ins instanceof InvokeInstruction && !(ins instanceof INVOKEDYNAMIC)) {
                ConcurrencyApi.Entry api = ConcurrencyApi.lookup((InvokeInstruction) ins, cpg);
                if (api != null && api.takesInput()) {
                    inputs.set(label);
                }
            }
        }
        for (Iterator<Edge> i = cfg.edgeIterator(); i.hasNext();) {
            Edge e = i.next();
            if (!e.isExceptionEdge() && loop.get(e.getTarget().getLabel()) && !loop.get(e.getSource().getLabel())) {
                heads.set(e.getTarget().getLabel());
            }
        }
        return inputs.isEmpty() ? heads : inputs;
    }

    private boolean reachesEnd(AccessPath waiter, BitSet loop, BitSet starts, BitSet signalled, boolean exceptions)
            throws DataflowAnalysisException {
        BitSet seen = new BitSet();
        Deque<BasicBlock> work = new ArrayDeque<>();
        if (loop.isEmpty()) {
            work.add(cfg.getEntry());
            seen.set(cfg.getEntry().getLabel());
        } else {
            for (int b = starts.nextSetBit(0); b >= 0; b = starts.nextSetBit(b + 1)) {
                work.add(cfg.lookupBlockByLabel(b));
            }
        }
        while (!work.isEmpty()) {
            BasicBlock block = work.poll();
            for (Iterator<Edge> i = cfg.outgoingEdgeIterator(block); i.hasNext();) {
                Edge edge = i.next();
                BasicBlock target = edge.getTarget();
                int label = target.getLabel();
                if (!follows(edge, waiter, loop, exceptions)) {
                    continue;
                }
                if (target == cfg.getExit() || starts.get(label)) {
                    return true;
                }
                if (signalled.get(label) || seen.get(label)) {
                    continue;
                }
                seen.set(label);
                work.add(target);
            }
        }
        return false;
    }

    private boolean follows(Edge edge, AccessPath waiter, BitSet loop, boolean exceptions)
            throws DataflowAnalysisException {
        BasicBlock source = edge.getSource();
        if (edge.isExceptionEdge()) {
            return exceptions && raises(edge);
        }
        if (loop.get(source.getLabel()) && !loop.get(edge.getTarget().getLabel()) && edge.getType() != EdgeTypes.RETURN_EDGE) {
            return false; // the loop ends (no more input, a break): no work is left unsignalled; a return still counts
        }
        InstructionHandle last = source.getLastInstruction();
        if (last == null || !(last.getInstruction() instanceof IfInstruction)) {
            return true;
        }
        return !branchesOnSharedCount(source) && !waiterIsNullOn(edge, last, waiter);
    }

    /** An exception the work raises in the method's normal code (not the signal's own). */
    private boolean raises(Edge edge) throws DataflowAnalysisException {
        BasicBlock source = edge.getSource();
        if (!source.isExceptionThrower()) {
            return false;
        }
        Instruction ins = source.getExceptionThrower().getInstruction();
        if (ins instanceof ATHROW) {
            return !PreconditionThrows.rejectsCall(facts, source);
        }
        if (!(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC || !normalCode.get(source.getLabel())) {
            return false;
        }
        InvokeInstruction call = (InvokeInstruction) ins;
        ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
        if (api != null && CompletionSignalDetector.isSignal(api)) {
            return false;
        }
        if (isProgramCode(call.getClassName(cpg))) {
            return !NonThrowingCalls.cannotThrow(call, cpg, facts.getters());
        }
        ExceptionSet thrown = types().getAnalysis().getEdgeExceptionSet(edge);
        return thrown != null && thrown.containsExplicitExceptions();
    }

    private static boolean isProgramCode(String dottedClass) {
        AnalysisContext context = AnalysisContext.currentAnalysisContext();
        return context != null && context.isApplicationClass(DescriptorFactory.createClassDescriptorFromDottedClassName(dottedClass));
    }

    private TypeDataflow types() throws DataflowAnalysisException {
        if (types == null) {
            try {
                types = classContext.getTypeDataflow(facts.method());
            } catch (CFGBuilderException e) {
                throw new DataflowAnalysisException("no type dataflow for " + facts.method().getName(), e);
            }
        }
        return types;
    }

    /** The block branches on the count a shared task counter just returned. */
    private boolean branchesOnSharedCount(BasicBlock block) {
        for (Iterator<InstructionHandle> i = block.instructionIterator(); i.hasNext();) {
            Instruction ins = i.next().getInstruction();
            if (ins instanceof InvokeInstruction && !(ins instanceof INVOKEDYNAMIC)) {
                ConcurrencyApi.Entry api = ConcurrencyApi.lookupResource((InvokeInstruction) ins, cpg);
                if (api != null && api.effect() == ConcurrencyApi.Effect.COUNTS_SHARED) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The edge of a null test on the waiter where it is null. */
    private boolean waiterIsNullOn(Edge edge, InstructionHandle test, AccessPath waiter) throws DataflowAnalysisException {
        short op = test.getInstruction().getOpcode();
        boolean taken = edge.getType() == EdgeTypes.IFCMP_EDGE;
        if (!(op == Const.IFNULL && taken || op == Const.IFNONNULL && !taken)) {
            return false;
        }
        AccessPathFrame frame = facts.pathsAt(new Location(test, edge.getSource()));
        return frame.isValid() && frame.getStackDepth() > 0 && waiter.equals(frame.getTopValue());
    }
}
