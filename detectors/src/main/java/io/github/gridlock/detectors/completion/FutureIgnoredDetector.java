package io.github.gridlock.detectors.completion;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.Handoff;
import io.github.gridlock.detectors.analysis.Invocation;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.Const;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ALOAD;
import org.apache.bcel.generic.ASTORE;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.List;

/**
 * GL_FUTURE_IGNORED: the Future of {@code submit}, {@code schedule}, {@code supplyAsync} or {@code runAsync} (or of a
 * helper that returns one) is dropped: popped, stored in a local nobody reads, or only chained with stages
 * ({@code thenApply}, {@code thenAccept}, ...) that are themselves dropped. Nothing then observes the task's failure,
 * so its exception vanishes. Anything else done with the Future counts as observing it ({@code get}, {@code join},
 * {@code whenComplete}, {@code handle}, {@code exceptionally}, {@code cancel}, storing it in a field or a collection,
 * returning it, passing it to a method). A task whose own code catches every exception (a catch of {@code Throwable},
 * {@code Exception} or {@code RuntimeException} around all it does) loses nothing and is not reported.
 */
public class FutureIgnoredDetector implements Detector {
    private static final int MAX_CHAIN = 8;

    private final BugReporter bugReporter;

    public FutureIgnoredDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    /** What happens to a Future: someone may observe it, or nobody does. */
    private enum Fate {
        OBSERVED, IGNORED
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null || !hasCalls(classContext, method)) {
                continue;
            }
            MethodFacts facts = analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            try {
                analyze(classContext, method, facts, analysis);
            } catch (DataflowAnalysisException | RuntimeException e) {
                analysis.failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
            }
        }
    }

    private static boolean hasCalls(ClassContext classContext, Method method) {
        java.util.BitSet b = classContext.getBytecodeSet(method);
        return b != null && (b.get(Const.INVOKEVIRTUAL) || b.get(Const.INVOKEINTERFACE) || b.get(Const.INVOKESTATIC)
                || b.get(Const.INVOKESPECIAL));
    }

    private void analyze(ClassContext classContext, Method method, MethodFacts facts, GridlockAnalysis analysis)
            throws DataflowAnalysisException {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        MethodSummary summary = null;
        for (Location location : facts.locations()) {
            Instruction ins = location.getHandle().getInstruction();
            if (!(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) ins;
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            String what;
            boolean submits = api != null && api.futureUse() == ConcurrencyApi.FutureUse.RETURNS;
            if (submits) {
                what = AccessPath.simpleName(call.getClassName(cpg)) + "." + call.getMethodName(cpg) + "()";
            } else if (api == null && returnsSubmittedFuture(call, cpg, analysis)) {
                what = call.getMethodName(cpg) + "(), which returns the Future of the work it submits,";
            } else {
                continue;
            }
            int pc = location.getHandle().getPosition();
            if (fate(facts, AccessPath.result(pc), 0) == Fate.OBSERVED) {
                continue;
            }
            TaskFailure failure = TaskFailure.UNHANDLED;
            if (submits) {
                if (summary == null) {
                    summary = analysis.summary(classContext, method);
                }
                failure = taskFailure(summary, pc, analysis);
                if (failure == TaskFailure.NONE) {
                    continue;
                }
            }
            int priority = failure == TaskFailure.HANDLED ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
            bugReporter.reportBug(Findings.at(this, BugTypes.FUTURE_IGNORED, priority, classContext, method, location)
                    .addString(what));
        }
    }

    private static boolean returnsSubmittedFuture(InvokeInstruction call, ConstantPoolGen cpg, GridlockAnalysis analysis) {
        if (!(call.getReturnType(cpg) instanceof org.apache.bcel.generic.ObjectType)) {
            return false;
        }
        List<MethodDescriptor> targets = analysis.callGraph().targets(call, cpg);
        return targets.size() == 1 && analysis.summaries().part(targets.get(0), FutureFacts.PART).returnsSubmittedFuture();
    }

    /** What a dropped Future can lose, judged from the tasks the call hands off. */
    private enum TaskFailure {
        /** Every task is known and none can end with an exception: nothing is lost. */
        NONE,
        /**
         * Every task is known and each catches some exception itself or in a method it calls directly (a task
         * that logs its failures, one level down, as libraries write them): only the unexpected kind is lost.
         */
        HANDLED,
        /** A task that may fail with nothing of its own to catch it, or a task the analysis does not know. */
        UNHANDLED
    }

    private static TaskFailure taskFailure(MethodSummary summary, int pc, GridlockAnalysis analysis) {
        boolean any = false;
        boolean mayFail = false;
        for (Handoff h : summary.threadFacts().handoffs()) {
            if (h.pc() != pc) {
                continue;
            }
            if (h.runs().isEmpty()) {
                return TaskFailure.UNHANDLED;
            }
            for (Invocation run : h.runs()) {
                TaskFailures task = analysis.summaries().part(run.target(), TaskFailures.PART);
                any = true;
                if (!task.mayFail()) {
                    continue;
                }
                mayFail = true;
                if (!handlesFailures(task, analysis)) {
                    return TaskFailure.UNHANDLED;
                }
            }
        }
        if (!any) {
            return TaskFailure.UNHANDLED;
        }
        return mayFail ? TaskFailure.HANDLED : TaskFailure.NONE;
    }

    /**
     * Two calls deep: a lambda's body is often one call to the method that does the work, and that one calls the
     * method that catches.
     */
    private static final int HANDLER_DEPTH = 2;

    private static boolean handlesFailures(TaskFailures task, GridlockAnalysis analysis) {
        return handlesFailures(task, analysis, HANDLER_DEPTH);
    }

    private static boolean handlesFailures(TaskFailures task, GridlockAnalysis analysis, int depth) {
        if (task.catchesSomething()) {
            return true;
        }
        if (depth == 0) {
            return false;
        }
        for (MethodDescriptor callee : task.directCallees()) {
            if (handlesFailures(analysis.summaries().part(callee, TaskFailures.PART), analysis, depth - 1)) {
                return true;
            }
        }
        return false;
    }

    /**
     * What happens to {@code future} in the method: IGNORED only with evidence (popped, stored in a local that is never
     * read, chained into stages that are ignored) and no use that may observe it; a use the analysis cannot follow
     * (a local read where paths merged) counts as observing.
     */
    private static Fate fate(MethodFacts facts, AccessPath future, int depth) throws DataflowAnalysisException {
        if (depth > MAX_CHAIN) {
            return Fate.OBSERVED;
        }
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        boolean evidence = false;
        java.util.BitSet storedIn = new java.util.BitSet();
        for (Location location : facts.locations()) {
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid()) {
                continue;
            }
            Instruction ins = location.getHandle().getInstruction();
            if (ins instanceof InvokeInstruction) {
                InvokeInstruction call = (InvokeInstruction) ins;
                for (AccessPath a : frame.arguments(call, cpg)) {
                    if (future.equals(a)) {
                        return Fate.OBSERVED;
                    }
                }
                if (ins instanceof INVOKESTATIC || ins instanceof INVOKEDYNAMIC || !future.equals(frame.getInstance(call, cpg))) {
                    continue;
                }
                ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
                if (api == null || api.futureUse() != ConcurrencyApi.FutureUse.CHAINS
                        || fate(facts, AccessPath.result(location.getHandle().getPosition()), depth + 1) == Fate.OBSERVED) {
                    return Fate.OBSERVED;
                }
                evidence = true;
                continue;
            }
            if (frame.getStackDepth() == 0 || !future.equals(frame.getTopValue())) {
                continue;
            }
            short op = ins.getOpcode();
            if (op == Const.POP) {
                evidence = true;
            } else if (ins instanceof ASTORE) {
                int slot = ((ASTORE) ins).getIndex();
                if (LocalFlow.readAfter(facts.cfg(), location, slot)) {
                    storedIn.set(slot);
                } else {
                    evidence = true;
                }
            } else if (op == Const.PUTFIELD || op == Const.PUTSTATIC || op == Const.AASTORE || op == Const.ARETURN
                    || op == Const.ATHROW || op == Const.MONITORENTER) {
                return Fate.OBSERVED;
            }
        }
        if (!storedIn.isEmpty() && readsLostTrack(facts, future, storedIn)) {
            return Fate.OBSERVED;
        }
        return evidence || !storedIn.isEmpty() ? Fate.IGNORED : Fate.OBSERVED;
    }

    /** True when a local the future was stored in is read where the analysis no longer knows it holds the future. */
    private static boolean readsLostTrack(MethodFacts facts, AccessPath future, java.util.BitSet slots)
            throws DataflowAnalysisException {
        for (Location location : facts.locations()) {
            Instruction ins = location.getHandle().getInstruction();
            if (ins instanceof ALOAD && slots.get(((ALOAD) ins).getIndex())) {
                AccessPathFrame frame = facts.pathsAt(location);
                AccessPath held = frame.isValid() ? frame.getValue(((ALOAD) ins).getIndex()) : AccessPath.UNKNOWN;
                if (!held.isKnown()) {
                    return true;
                }
            }
        }
        return false;
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
