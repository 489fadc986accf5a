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
import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.classfile.MethodDescriptor;
import io.github.gridlock.detectors.analysis.HeldLock;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.LockKind;
import org.apache.bcel.classfile.Method;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;

import edu.umd.cs.findbugs.classfile.CheckedAnalysisException;
import edu.umd.cs.findbugs.classfile.Global;
import io.github.gridlock.detectors.analysis.FieldFacts;
import io.github.gridlock.detectors.analysis.ProgramFacts;
import io.github.gridlock.detectors.analysis.ReturnedResults;

import java.util.ArrayList;
import java.util.List;

/**
 * GL_WAIT_WITHOUT_LOOP: {@code Object.wait()} or {@code Condition.await*()} that is not inside a loop a condition can
 * leave, so nothing re-tests what the thread waited for: a spurious wake-up returns with the condition still false,
 * and a signal sent before the wait is lost for good (seed {@code Event}: clear, then wait).
 *
 * <p>A loop that re-tests is one a conditional jump can leave: {@code while (!ready)}, {@code do ... while}, a
 * {@code for (;;)} whose {@code if} returns or breaks. {@code while (true) { wait(); ... }} and a retry through an
 * exception handler are not: they re-test nothing. {@code CountDownLatch.await()} and other sticky waits are not
 * condition waits and are not reported. A method named {@code wait*}/{@code await*} that tests nothing is a wrapper
 * that waits for its caller: reported at low priority. A wait in a method only the analysed code can call (private,
 * package-private, synthetic) or in a protected one whose every analysed call sits in such a loop, also through
 * {@code access$} bridges, is the callers' loop's wait: not reported (decided in {@link #report()}). Nor is a timed
 * wait whose result the method returns ({@code return condition.await(t, unit);}): "signalled or timed out" is handed
 * to the caller, whose condition it is to re-test.
 *
 * <p>The other half: {@code wait()}/{@code notify()}/{@code notifyAll()} on a monitor, or {@code await*()}/
 * {@code signal()}/{@code signalAll()} on a condition, reached on a path where the thread does not hold the owning
 * lock: the call throws {@code IllegalMonitorStateException}. The owner is the receiver for a monitor, and for a
 * condition the lock it was made from ({@code lock.newCondition()} here, or in the initializer of the condition's
 * field: {@link ConditionOwners}). Not reported when the owner is unknown or comes from a parameter (a helper such
 * as {@code awaitUninterruptibly(condition)} whose caller holds it), nor in a private method every caller of which
 * holds the owner (decided in {@link #report()}, when all callers are known).
 */
public class WaitWithoutLoopDetector implements Detector {
    private final BugReporter bugReporter;

    /** Unheld-owner findings in private methods, waiting for their callers to be known. */
    private final List<Pending> pending = new ArrayList<>();
    /** Not-in-a-loop findings in methods only the analysed code can call, waiting for their callers to be known. */
    private final List<Pending> pendingLoops = new ArrayList<>();

    private static final class Pending {
        final BugInstance finding;
        final MethodDescriptor method;
        final LockId owner;

        Pending(BugInstance finding, MethodDescriptor method, LockId owner) {
            this.finding = finding;
            this.method = method;
            this.owner = owner;
        }
    }

    public WaitWithoutLoopDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        GridlockAnalysis analysis = GridlockAnalysis.current();
        // The class joins the program facts that report() asks about its methods' callers, also when this is the
        // only Gridlock detector that runs.
        analysis.summariesOf(classContext);
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
            boolean waits = api != null && api.effect() == ConcurrencyApi.Effect.WAIT_RELEASING;
            boolean notifies = api != null && api.effect() == ConcurrencyApi.Effect.NOTIFIES;
            if (!waits && !notifies) {
                continue;
            }
            AccessPathFrame frame = facts.pathsAt(location);
            AccessPath receiver = frame.isValid() ? frame.getInstance(call, cpg) : AccessPath.UNKNOWN;
            boolean unheld = checkOwnerHeld(classContext, method, facts, location, call, api, receiver);
            // One finding per call: a wait that throws for want of its lock has no loop question yet.
            if (!waits || unheld || facts.inLoopWithConditionalExit(location) || returnsItsResult(facts, location)) {
                continue;
            }
            String what = (receiver.isKnown() ? receiver.describeForUser() : "an object") + "." + call.getMethodName(cpg) + "()";
            String where = facts.inLoop(location) ? "in a loop that never re-tests a condition"
                    : retriedThroughHandler(facts, location) ? "in a loop that only retries after an exception"
                    : "outside any loop";
            // A method that is itself a wait and tests nothing (ForwardingCondition.await(), AutoLock's await())
            // waits for its caller, whose loop the analysis does not see here: low priority.
            boolean wrapper = (method.getName().startsWith("wait") || method.getName().startsWith("await"))
                    && !testsAnything(facts);
            BugInstance finding = Findings.at(this, BugTypes.WAIT_WITHOUT_LOOP,
                    wrapper ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY, classContext, method, location)
                    .addString(what).addString(where).addString(LOST_WAKE_UP);
            if (FieldFacts.isClosed(facts.descriptor()) || method.isProtected()) {
                pendingLoops.add(new Pending(finding, facts.descriptor(), null)); // its callers may loop: report()
            } else {
                bugReporter.reportBug(finding);
            }
        }
    }

    /**
     * True when every call of {@code method} in the analysed code sits in a loop that re-tests a condition (through
     * javac's {@code access$} bridges and other synthetic callers, to their callers): the helper waits once, its
     * callers wait in a loop (commons-pool2's {@code GenericObjectPool.wait(Object, Duration)}, H2's back-off in
     * {@code MVMap.tryLock}). False when no analysed code calls it.
     */
    private static boolean everyCallLoops(MethodDescriptor method, int depth) {
        List<ProgramFacts.Caller> callers = GridlockAnalysis.current().program().callersOf(method);
        if (callers.isEmpty() || depth > 3) {
            return false;
        }
        for (ProgramFacts.Caller c : callers) {
            MethodDescriptor caller = c.caller();
            if (ProgramFacts.isAccessorOf(caller, method)) {
                continue; // the accessor's callers are among the method's own, each checked at its site
            }
            boolean bridge = caller.getName().startsWith("access$");
            if (bridge ? !everyCallLoops(caller, depth + 1) : !callsInRetestingLoop(caller, c.site().pc())) {
                return false;
            }
        }
        return true;
    }

    private static boolean callsInRetestingLoop(MethodDescriptor caller, int pc) {
        try {
            ClassContext cc = Global.getAnalysisCache().getClassAnalysis(ClassContext.class, caller.getClassDescriptor());
            for (Method m : cc.getJavaClass().getMethods()) {
                if (!m.getName().equals(caller.getName()) || !m.getSignature().equals(caller.getSignature())) {
                    continue;
                }
                MethodFacts facts = GridlockAnalysis.current().facts(cc, m);
                for (Location l : facts == null ? List.<Location>of() : facts.locations()) {
                    if (l.getHandle().getPosition() == pc) {
                        return facts.inLoopWithConditionalExit(l);
                    }
                }
            }
        } catch (CheckedAnalysisException e) {
            GridlockAnalysis.current().failures().classFailed(caller.getClassDescriptor().getDottedClassName(), e);
        }
        return false;
    }

    /**
     * True when the wait's own block lies on no cycle but its exception edge does ({@code for (;;) { try { wait();
     * return x; } catch (InterruptedException e) {...} }}): SpotBugs puts the edge of a call that may throw on a block
     * of its own before the call, and only that block is on the loop.
     */
    private static boolean retriedThroughHandler(MethodFacts facts, Location location) {
        for (java.util.Iterator<edu.umd.cs.findbugs.ba.Edge> i = facts.cfg().incomingEdgeIterator(location.getBasicBlock());
                i.hasNext();) {
            edu.umd.cs.findbugs.ba.BasicBlock before = i.next().getSource();
            if (before.isExceptionThrower() && before.getExceptionThrower() == location.getHandle()
                    && facts.inLoop(new Location(location.getHandle(), before))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A timed wait whose result the method returns ({@code return condition.await(remaining, NANOSECONDS);}, Guava's
     * {@code Uninterruptibles.awaitUninterruptibly(condition, timeout, unit)}): the method is a wait with the same
     * contract as the one it makes, and "signalled or timed out" goes to its caller, whose condition it is to re-test.
     */
    private boolean returnsItsResult(MethodFacts facts, Location location) {
        try {
            return ReturnedResults.returnsResultOf(facts, location);
        } catch (CheckedAnalysisException e) {
            GridlockAnalysis.current().failures().methodFailed(facts.classContext().getJavaClass().getClassName(),
                    facts.method(), e);
            return false;
        }
    }

    private static final String LOST_WAKE_UP = "a spurious wake-up returns with the condition still false, and a "
            + "notify sent before the wait is lost, so the thread may go on too early or sleep forever. Wait in a "
            + "while loop that re-tests the condition.";

    /**
     * The IllegalMonitorStateException half: the owning lock of the monitor or condition is not held here. True when
     * reported now (a private method's finding waits for {@link #report()}: false).
     */
    private boolean checkOwnerHeld(ClassContext classContext, Method method, MethodFacts facts, Location location,
            InvokeInstruction call, ConcurrencyApi.Entry api, AccessPath receiver) throws DataflowAnalysisException {
        LockId owner = api.lockKind() == LockKind.MONITOR ? new LockId(receiver, LockKind.MONITOR)
                : ConditionOwners.ownerOf(classContext, receiver);
        if (owner == null || !owner.path().isKnown() || owner.path().root().kind() == AccessPath.Kind.PARAMETER
                || owner.path().root().kind() == AccessPath.Kind.RESULT) {
            return false;
        }
        HeldLock held = facts.heldAt(location).isValid() ? facts.heldAt(location).find(owner) : null;
        if (held != null && !held.isOnSomePathsOnly() || !facts.heldAt(location).isValid()) {
            return false;
        }
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        String what = receiver.describeForUser() + "." + call.getMethodName(cpg) + "()";
        String lock = owner.kind() == LockKind.MONITOR ? "the monitor of " + owner.path().describeForUser()
                : owner.describeForUser();
        String where = (held == null ? "without holding " : "on a path that does not hold ") + lock;
        BugInstance finding = Findings.at(this, BugTypes.WAIT_WITHOUT_LOOP, Priorities.NORMAL_PRIORITY, classContext,
                method, location).addString(what).addString(where).addString("the call then throws "
                        + "IllegalMonitorStateException. Call it only while holding the lock it belongs to.");
        if (method.isPrivate() || method.isSynthetic()) {
            pending.add(new Pending(finding, facts.descriptor(), owner));
            return false;
        }
        bugReporter.reportBug(finding);
        return true;
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
        for (Pending p : pendingLoops) {
            if (!everyCallLoops(p.method, 0)) {
                bugReporter.reportBug(p.finding);
            }
        }
        pendingLoops.clear();
        for (Pending p : pending) {
            if (!GridlockAnalysis.current().fieldFacts().heldByEveryCaller(p.method).contains(p.owner)) {
                bugReporter.reportBug(p.finding);
            }
        }
        pending.clear();
    }
}
