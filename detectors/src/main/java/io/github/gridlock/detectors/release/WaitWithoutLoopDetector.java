package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.report.BugTypes;
import io.github.gridlock.detectors.report.Findings;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

/**
 * GL_WAIT_WITHOUT_LOOP: {@code Object.wait()} or {@code Condition.await*()} that is not inside a loop a condition can
 * leave, so nothing re-tests what the thread waited for: a spurious wake-up returns with the condition still false,
 * and a signal sent before the wait is lost for good (seed {@code Event}: clear, then wait).
 *
 * <p>A loop that re-tests is one a conditional jump can leave: {@code while (!ready)}, {@code do ... while}, a
 * {@code for (;;)} whose {@code if} returns or breaks. {@code while (true) { wait(); ... }} and a retry through an
 * exception handler are not: they re-test nothing. {@code CountDownLatch.await()} and other sticky waits are not
 * condition waits and are not reported. A method named {@code wait*}/{@code await*} that tests nothing is a wrapper
 * that waits for its caller: reported at low priority.
 */
public class WaitWithoutLoopDetector implements Detector {
    private final BugReporter bugReporter;

    public WaitWithoutLoopDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        for (Method method : classContext.getJavaClass().getMethods()) {
            if (method.getCode() == null || !ReleaseSites.callsSomething(classContext, method)) {
                continue;
            }
            MethodFacts facts = analysis.facts(classContext, method);
            if (facts == null) {
                continue;
            }
            try {
                analyze(classContext, method, facts);
            } catch (DataflowAnalysisException e) {
                analysis.failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
            }
        }
    }

    private void analyze(ClassContext classContext, Method method, MethodFacts facts) throws DataflowAnalysisException {
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        for (Location location : facts.locations()) {
            if (!(location.getHandle().getInstruction() instanceof InvokeInstruction)) {
                continue;
            }
            InvokeInstruction call = (InvokeInstruction) location.getHandle().getInstruction();
            ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
            if (api == null || api.effect() != ConcurrencyApi.Effect.WAIT_RELEASING
                    || facts.inLoopWithConditionalExit(location)) {
                continue;
            }
            AccessPathFrame frame = facts.pathsAt(location);
            AccessPath receiver = frame.isValid() ? frame.getInstance(call, cpg) : AccessPath.UNKNOWN;
            String what = (receiver.isKnown() ? receiver.describeForUser() : "an object") + "." + call.getMethodName(cpg) + "()";
            String where = facts.inLoop(location) ? "in a loop that never re-tests a condition" : "outside any loop";
            // A method that is itself a wait and tests nothing (ForwardingCondition.await(), AutoLock's await())
            // waits for its caller, whose loop the analysis does not see here: low priority.
            boolean wrapper = (method.getName().startsWith("wait") || method.getName().startsWith("await"))
                    && !testsAnything(facts);
            bugReporter.reportBug(Findings.at(this, BugTypes.WAIT_WITHOUT_LOOP,
                    wrapper ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY, classContext, method, location)
                    .addString(what).addString(where));
        }
    }

    private static boolean testsAnything(MethodFacts facts) {
        for (Location l : facts.locations()) {
            if (l.getHandle().getInstruction() instanceof org.apache.bcel.generic.IfInstruction) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
