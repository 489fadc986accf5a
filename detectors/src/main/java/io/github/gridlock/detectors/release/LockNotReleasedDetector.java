package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AcquireStates;
import edu.umd.cs.findbugs.ba.DataflowAnalysisException;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.ConcurrencyApi;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.LockId;
import io.github.gridlock.detectors.analysis.MethodFacts;
import org.apache.bcel.generic.ConstantPoolGen;
import org.apache.bcel.generic.InvokeInstruction;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.Method;

/**
 * GL_LOCK_NOT_RELEASED: a lock acquisition ({@code lock()}, {@code lockInterruptibly()}, a successful
 * {@code tryLock}, a read/write half, a StampedLock stamp, a {@code begin()} helper) with a path to the method's
 * exit, by a return or an exception, that still holds it and released nothing of it.
 *
 * <p>One finding per acquisition, at the acquisition, naming the exit of one leaking path (a return before an
 * exception). A method that never releases the lock on a return is an acquire helper: the layer charges its
 * acquisition to its callers, which are judged instead. Nor is an acquire that restores a hold of the caller's the
 * method gave back before any acquisition of it ({@code unlock(); work(); lock();}). Findings whose counts are not exact, or whose lock
 * comes from an unknown factory, are low priority.
 */
public class LockNotReleasedDetector implements Detector {
    private final BugReporter bugReporter;

    public LockNotReleasedDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        for (Method method : classContext.getJavaClass().getMethods()) {
            AcquireStates states = ReleaseSites.of(classContext, method);
            if (states == null) {
                continue;
            }
            for (AcquireStates.Site site : states.sites()) {
                if (site.lock().kind() == LockKind.SEMAPHORE) {
                    continue;
                }
                if (retakesCallersHold(classContext, method, states, site)) {
                    continue;
                }
                HeldAtExit held = HeldAtExit.of(states, site);
                AcquireStates.Exit leak = held.leak();
                if (leak == null) {
                    continue;
                }
                int priority = held.leakPriority();
                bugReporter.reportBug(ReleaseSites.finding(this, BugTypes.LOCK_NOT_RELEASED, priority, classContext, method, site.pc())
                        .addString(site.lock().describeForUser())
                        .addString(HeldAtExit.describe(leak)));
            }
        }
    }

    /**
     * True when the method gives back a hold of this lock before any acquisition of it (in code order), so the hold
     * is its caller's ({@code lock.unlock(); work(); lock.lock();}, H2's {@code FileStore.rewriteChunks}, in a loop):
     * the acquire restores the caller's hold, which the method is meant to return with.
     */
    static boolean retakesCallersHold(ClassContext classContext, Method method, AcquireStates states,
            AcquireStates.Site site) {
        int firstAcquire = Integer.MAX_VALUE;
        for (AcquireStates.Site other : states.sites()) {
            if (other.lock().equals(site.lock())) {
                firstAcquire = Math.min(firstAcquire, other.pc());
            }
        }
        MethodFacts facts = GridlockAnalysis.current().facts(classContext, method);
        if (facts == null) {
            return false;
        }
        ConstantPoolGen cpg = facts.methodGen().getConstantPool();
        try {
            for (Location l : facts.locations()) {
                int pc = l.getHandle().getPosition();
                if (pc >= firstAcquire || !(l.getHandle().getInstruction() instanceof InvokeInstruction)) {
                    continue;
                }
                InvokeInstruction call = (InvokeInstruction) l.getHandle().getInstruction();
                ConcurrencyApi.Entry api = ConcurrencyApi.lookup(call, cpg);
                AccessPathFrame frame = api != null && api.effect() == ConcurrencyApi.Effect.RELEASE ? facts.pathsAt(l) : null;
                if (frame != null && frame.isValid()
                        && LockId.forReceiver(frame.getInstance(call, cpg), api.lockKind()).equals(site.lock())) {
                    return true;
                }
            }
        } catch (DataflowAnalysisException e) {
            GridlockAnalysis.current().failures().methodFailed(classContext.getJavaClass().getClassName(), method, e);
        }
        return false;
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
