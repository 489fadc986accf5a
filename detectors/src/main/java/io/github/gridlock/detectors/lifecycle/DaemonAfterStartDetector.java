package io.github.gridlock.detectors.lifecycle;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.Dataflow;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.AnalysisFailures;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.MethodSummary;
import io.github.gridlock.detectors.analysis.PathSetAnalysis;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.INVOKESTATIC;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * GL_DAEMON_AFTER_START: {@code setDaemon} on a thread that may already be started, which throws
 * {@code IllegalThreadStateException}.
 *
 * <p>"May be started" is a may-dataflow ({@link StartedThreadsAnalysis}) over the method's paths that
 * follows calls through method summaries, so a start in a helper, in another method of the class, or
 * in the thread's own constructor counts. A {@code setDaemon} done by a helper is reported at the call
 * of the helper, where the order is wrong. SpotBugs core has no equivalent pattern.
 */
public class DaemonAfterStartDetector implements Detector {
    private static final String THREAD = "java.lang.Thread";
    private final BugReporter bugReporter;

    public DaemonAfterStartDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        boolean isThread = ConcurrencyApi.isSubtype(classContext.getJavaClass().getClassName(), THREAD);
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null || !mayCallSetDaemon(classContext, method)) {
                continue;
            }
            MethodFacts facts = analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            boolean runsOnThis = isThread && "run".equals(method.getName()) && "()V".equals(method.getSignature());
            try {
                analyze(classContext, method, facts, analysis, runsOnThis);
            } catch (CFGBuilderException | DataflowAnalysisException e) {
                GridlockAnalysis.current().failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
            }
        }
    }

    /** Only methods with a call can set a daemon flag; the rest are skipped before any dataflow. */
    private static boolean mayCallSetDaemon(ClassContext classContext, Method method) {
        java.util.BitSet b = classContext.getBytecodeSet(method);
        return b != null && (b.get(org.apache.bcel.Const.INVOKEVIRTUAL) || b.get(org.apache.bcel.Const.INVOKESPECIAL)
                || b.get(org.apache.bcel.Const.INVOKESTATIC) || b.get(org.apache.bcel.Const.INVOKEINTERFACE));
    }

    private void analyze(ClassContext classContext, Method method, MethodFacts facts, GridlockAnalysis analysis,
            boolean runsOnThis) throws CFGBuilderException, DataflowAnalysisException {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        Dataflow<PathSetAnalysis.PathSet, PathSetAnalysis> started = null;
        for (Location location : facts.locations()) {
            if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
            AccessPathFrame frame = facts.pathsAt(location);
            if (!frame.isValid()) {
                continue;
            }
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            AccessPath receiver = frame.receiver(call, cpg);
            if (api != null) {
                if (api.effect() != ConcurrencyApi.Effect.SETS_DAEMON) {
                    continue;
                }
                if (receiver.kind() == AccessPath.Kind.CURRENT_THREAD) {
                    report(classContext, method, location, threadForUser(receiver), "which is always running",
                            Priorities.HIGH_PRIORITY);
                    continue;
                }
                if (started == null) {
                    started = new StartedThreadsAnalysis(facts, analysis.summaries(), runsOnThis).run();
                }
                if (started.getFactAtLocation(location).contains(receiver)) {
                    boolean always = runsOnThis && receiver.kind() == AccessPath.Kind.THIS;
                    report(classContext, method, location, threadForUser(receiver),
                            always ? "the very thread that is running this code" : MAY_BE_STARTED,
                            always ? Priorities.HIGH_PRIORITY : Priorities.NORMAL_PRIORITY);
                }
                continue;
            }
            MethodSummary callee = analysis.summaries().summaryForCall(call, cpg);
            if (callee == null || callee.setsDaemonOn().isEmpty()) {
                continue;
            }
            if (started == null) {
                started = new StartedThreadsAnalysis(facts, analysis.summaries(), runsOnThis).run();
            }
            AccessPath[] args = frame.arguments(call, cpg);
            PathSetAnalysis.PathSet before = started.getFactAtLocation(location);
            for (AccessPath target : callee.setsDaemonOn()) {
                AccessPath mapped = target.substitute(receiver, args);
                if (before.contains(mapped) || mapped.kind() == AccessPath.Kind.CURRENT_THREAD) {
                    report(classContext, method, location, threadForUser(mapped) + " through " + call.getMethodName(cpg)
                            + "()", MAY_BE_STARTED, Priorities.NORMAL_PRIORITY);
                    break;
                }
            }
        }
    }

    private static final String MAY_BE_STARTED = "which may have been started earlier on this path";

    /** The thread as the message names it; a value returned by a call has no better name here. */
    private static String threadForUser(AccessPath thread) {
        return thread.kind() == AccessPath.Kind.RESULT ? "a thread returned by a method call" : thread.describeForUser();
    }

    private void report(ClassContext classContext, Method method, Location location, String thread, String why, int priority) {
        bugReporter.reportBug(Findings.at(this, BugTypes.DAEMON_AFTER_START, priority, classContext, method, location)
                .addString(thread).addString(why));
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
