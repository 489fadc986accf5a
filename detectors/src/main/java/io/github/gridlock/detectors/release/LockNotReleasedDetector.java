package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AcquireStates;
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
 * acquisition to its callers, which are judged instead. Findings whose counts are not exact, or whose lock comes
 * from an unknown factory, are low priority.
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

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
