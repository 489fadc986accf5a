package io.github.gridlock.detectors.lifecycle;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Edge;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.BytecodeScreen;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKEDYNAMIC;
import org.apache.bcel.generic.Instruction;
import org.apache.bcel.generic.InvokeInstruction;

import java.util.BitSet;
import java.util.Iterator;

/**
 * GL_THREAD_PER_TASK: a thread started ({@code start()}), or an executor whose threads are unbounded created
 * ({@code newCachedThreadPool}, {@code newThreadPerTaskExecutor}), on every pass of a loop that takes work without
 * bound: a loop that takes its next input ({@code accept()}, {@code take()}, {@code readLine()}) or that has no way
 * out but an exception ({@code while (true)}). A burst of work then starts threads without limit.
 *
 * <p>Not reported: loops with a way out and no input (a constant count, one thread per element of a collection);
 * a thread joined in the same pass (one at a time); a pass that takes or tries a semaphore permit (the permits bound the
 * threads).
 */
public class ThreadPerTaskDetector implements Detector {
    private final BugReporter bugReporter;

    public ThreadPerTaskDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null || !BytecodeScreen.of(classContext, method).callsApi(ThreadPerTaskDetector::startsThread)
                    && !BytecodeScreen.of(classContext, method).callsResource(ThreadPerTaskDetector::unboundedExecutor)) {
                continue; // no call that threadsMadeBy could name
            }
            MethodFacts facts = analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            try {
                analyze(classContext, method, facts);
            } catch (DataflowAnalysisException | RuntimeException e) {
                analysis.failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
            }
        }
    }

    private void analyze(ClassContext classContext, Method method, MethodFacts facts) throws DataflowAnalysisException {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        for (Location location : facts.locations()) {
            Instruction ins = location.getHandle().getInstruction();
            if (!(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) ins;
            String what = threadsMadeBy(call, cpg);
            if (what == null) {
                continue;
            }
            BitSet loop = facts.loopOf(location);
            if (loop.isEmpty()) {
                continue;
            }
            String unbounded = unboundedInput(facts, loop, cpg);
            if (unbounded == null) {
                continue;
            }
            AccessPathFrame frame = facts.pathsAt(location);
            AccessPath thread = frame.isValid() ? frame.receiver(call, cpg) : null;
            if (boundedInLoop(facts, loop, thread, cpg)) {
                continue;
            }
            bugReporter.reportBug(Findings.at(this, BugTypes.THREAD_PER_TASK, Priorities.NORMAL_PRIORITY, classContext, method,
                    location).addString(what).addString(unbounded));
        }
    }

    /** What the call starts: a thread, or an executor with unbounded threads; null for anything else. */
    private static String threadsMadeBy(InvokeInstruction call, ConstantPoolGen cpg) {
        ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
        if (api != null && startsThread(api)) {
            return "starts a new thread";
        }
        ConcurrencyApi.Entry resource = ConcurrencyApi.lookupResource(call, cpg);
        if (resource != null && unboundedExecutor(resource)) {
            return resource.why();
        }
        return null;
    }

    private static boolean startsThread(ConcurrencyApi.Entry api) {
        return api.effect() == ConcurrencyApi.Effect.STARTS_THREAD;
    }

    private static boolean unboundedExecutor(ConcurrencyApi.Entry resource) {
        return resource.effect() == ConcurrencyApi.Effect.CREATES_EXECUTOR
                && resource.executorThreads() == ConcurrencyApi.ExecutorThreads.UNBOUNDED;
    }

    /** How the loop takes work without bound (the input call's words, or "never ends"); null for a bounded loop. */
    private static String unboundedInput(MethodFacts facts, BitSet loop, ConstantPoolGen cpg) {
        for (Location l : facts.locations()) {
            Instruction ins = l.getHandle().getInstruction();
            if (!loop.get(l.getBasicBlock().getLabel()) || !(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC) {
                continue;
            }
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup((InvokeInstruction) ins, cpg);
            if (api != null && api.takesInput()) {
                return api.why();
            }
        }
        for (Iterator<Edge> i = facts.cfg().edgeIterator(); i.hasNext();) {
            Edge e = i.next();
            if (!e.isExceptionEdge() && loop.get(e.getSource().getLabel()) && !loop.get(e.getTarget().getLabel())) {
                return null; // a way out: a bounded loop, or one this check cannot tell from one
            }
        }
        return "never ends";
    }

    /** The pass joins the thread it started, or takes a semaphore permit first: threads do not pile up. */
    private static boolean boundedInLoop(MethodFacts facts, BitSet loop, AccessPath thread, ConstantPoolGen cpg)
            throws DataflowAnalysisException {
        for (Location l : facts.locations()) {
            Instruction ins = l.getHandle().getInstruction();
            if (!loop.get(l.getBasicBlock().getLabel()) || !(ins instanceof InvokeInstruction) || ins instanceof INVOKEDYNAMIC) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) ins;
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            if (api == null) {
                continue;
            }
            if (takesPermit(api)) {
                return true;
            }
            if (api.sync() == ConcurrencyApi.Sync.JOIN && thread != null && thread.isKnown()) {
                AccessPathFrame frame = facts.pathsAt(l);
                if (frame.isValid() && thread.equals(frame.receiver(call, cpg))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A semaphore permit, waited for or tried ({@code tryAcquire()} guarding the start bounds the threads too). */
    private static boolean takesPermit(ConcurrencyApi.Entry api) {
        ConcurrencyApi.Effect effect = api.effect();
        return api.lockKind() == LockKind.SEMAPHORE && (effect == ConcurrencyApi.Effect.ACQUIRE
                || effect == ConcurrencyApi.Effect.TRY_ACQUIRE || effect == ConcurrencyApi.Effect.TIMED_TRY_ACQUIRE);
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
