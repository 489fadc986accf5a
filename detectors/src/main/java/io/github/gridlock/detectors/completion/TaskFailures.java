package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.ba.BasicBlock;
import edu.umd.cs.findbugs.ba.CFG;
import edu.umd.cs.findbugs.ba.Edge;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.Step;
import io.github.gridlock.detectors.analysis.SummaryPart;
import org.apache.bcel.generic.ATHROW;
import org.apache.bcel.generic.CodeExceptionGen;
import org.apache.bcel.generic.InstructionHandle;
import org.apache.bcel.generic.InvokeInstruction;

import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.CallGraph;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;

import java.util.ArrayDeque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.BitSet;
import java.util.Deque;
import java.util.Iterator;
import java.util.Set;

/**
 * Whether a method can end with an exception (a family summary part, cached per method): a call or {@code throw} in
 * its normal code that no catch-all handler ({@code Throwable}, {@code Exception}, {@code RuntimeException}) of the
 * method covers, or a {@code throw} in a handler. Calls made inside handlers (logging the failure) are taken not to
 * throw: a task that catches and logs everything cannot lose an exception.
 */
final class TaskFailures {
    private static final Set<String> CATCH_ALL = Set.of("java.lang.Throwable", "java.lang.Exception",
            "java.lang.RuntimeException");

    static final SummaryPart<TaskFailures> PART = new SummaryPart<>() {
        @Override
        public Builder<TaskFailures> builder(MethodFacts facts) {
            return new Builder<>() {
                @Override
                public void visit(Step step) {
                    // Decided on the whole CFG in build().
                }

                @Override
                public TaskFailures build() {
                    return new TaskFailures(mayFail(facts), catchesSomething(facts), directCallees(facts));
                }
            };
        }

        @Override
        public TaskFailures empty() {
            return UNKNOWN;
        }
    };

    /** A method the analysis cannot read: it may fail. */
    static final TaskFailures UNKNOWN = new TaskFailures(true, false, List.of());

    private final boolean mayFail;
    private final boolean catchesSomething;
    private final List<MethodDescriptor> directCallees;

    private TaskFailures(boolean mayFail, boolean catchesSomething, List<MethodDescriptor> directCallees) {
        this.mayFail = mayFail;
        this.catchesSomething = catchesSomething;
        this.directCallees = directCallees;
    }

    /** True when an exception may leave the method. */
    boolean mayFail() {
        return mayFail;
    }

    /**
     * True when the method has a handler of its own for some exception type (not only a {@code finally}): its
     * author thought about failure there, so what still escapes is the unexpected kind.
     */
    boolean catchesSomething() {
        return catchesSomething;
    }

    /**
     * The analysed methods the method's code calls, where the call has exactly one target (library code and classes
     * left out of the scan are never read for a task's handlers).
     */
    List<MethodDescriptor> directCallees() {
        return directCallees;
    }

    private static boolean catchesSomething(MethodFacts facts) {
        for (CodeExceptionGen h : facts.methodGen().getExceptionHandlers()) {
            if (h.getCatchType() != null) {
                return true;
            }
        }
        return false;
    }

    private static List<MethodDescriptor> directCallees(MethodFacts facts) {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        CallGraph calls = GridlockAnalysis.current().callGraph();
        Set<MethodDescriptor> out = new LinkedHashSet<>();
        for (InstructionHandle h : facts.methodGen().getInstructionList().getInstructionHandles()) {
            if (h.getInstruction() instanceof InvokeInstruction && !(h.getInstruction() instanceof INVOKEDYNAMIC)) {
                List<MethodDescriptor> targets = calls.targets((InvokeInstruction) h.getInstruction(), cpg);
                if (targets.size() == 1 && calls.isAnalysed(targets.get(0))) {
                    out.add(targets.get(0));
                }
            }
        }
        return List.copyOf(out);
    }

    private static boolean mayFail(MethodFacts facts) {
        CFG cfg = facts.cfg();
        BitSet normal = normalCode(cfg);
        CodeExceptionGen[] handlers = facts.methodGen().getExceptionHandlers();
        for (Iterator<BasicBlock> i = cfg.blockIterator(); i.hasNext();) {
            BasicBlock b = i.next();
            if (!b.isExceptionThrower()) {
                continue;
            }
            InstructionHandle thrower = b.getExceptionThrower();
            boolean isThrow = thrower.getInstruction() instanceof ATHROW;
            boolean isCall = thrower.getInstruction() instanceof InvokeInstruction;
            if (!isThrow && !(isCall && normal.get(b.getLabel()))) {
                continue;
            }
            if (!caughtByCatchAll(thrower.getPosition(), handlers)) {
                return true;
            }
        }
        return false;
    }

    private static boolean caughtByCatchAll(int pc, CodeExceptionGen[] handlers) {
        for (CodeExceptionGen h : handlers) {
            if (h.getCatchType() != null && CATCH_ALL.contains(h.getCatchType().getClassName())
                    && h.getStartPC().getPosition() <= pc && pc <= h.getEndPC().getPosition()) {
                return true;
            }
        }
        return false;
    }

    /** Blocks reached from the entry without an exception edge: the code that runs when nothing fails. */
    static BitSet normalCode(CFG cfg) {
        BitSet seen = new BitSet();
        Deque<BasicBlock> work = new ArrayDeque<>();
        work.add(cfg.getEntry());
        seen.set(cfg.getEntry().getLabel());
        while (!work.isEmpty()) {
            BasicBlock b = work.poll();
            for (Iterator<Edge> i = cfg.outgoingEdgeIterator(b); i.hasNext();) {
                Edge e = i.next();
                if (!e.isExceptionEdge() && !seen.get(e.getTarget().getLabel())) {
                    seen.set(e.getTarget().getLabel());
                    work.add(e.getTarget());
                }
            }
        }
        return seen;
    }
}
