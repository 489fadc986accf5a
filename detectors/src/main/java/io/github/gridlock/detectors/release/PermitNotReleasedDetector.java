package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.Method;

/**
 * GL_PERMIT_NOT_RELEASED: {@code Semaphore.acquire()/acquire(n)/acquireUninterruptibly(n)} or a successful
 * {@code tryAcquire(...)} with a path to the method's exit that gives back fewer permits than it took (constant
 * counts compared: {@code acquire(2)} then {@code release()} leaves one).
 *
 * <p>A semaphore used as a signal ({@code Semaphore(0)}: one thread's {@code acquire()} consumes what another
 * {@code release()}d) is never released by the acquiring method on a return; such a method is not reported, nor is
 * a method that hands its permit to other code on every return.
 */
public class PermitNotReleasedDetector implements Detector {
    private final BugReporter bugReporter;

    public PermitNotReleasedDetector(BugReporter bugReporter) {
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
                if (site.lock().kind() != LockKind.SEMAPHORE) {
                    continue;
                }
                HeldAtExit held = HeldAtExit.of(states, site);
                AcquireStates.Exit leak = held.leak();
                if (leak == null) {
                    continue;
                }
                int priority = held.leakPriority();
                bugReporter.reportBug(ReleaseSites.finding(this, BugTypes.PERMIT_NOT_RELEASED, priority, classContext, method, site.pc())
                        .addString(site.lock().describeForUser())
                        .addString(permits(site))
                        .addString(HeldAtExit.describe(leak)));
            }
        }
    }

    private static String permits(AcquireStates.Site site) {
        if (site.permits() < 0) {
            return "its permits";
        }
        return site.permits() == 1 ? "1 permit" : site.permits() + " permits";
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
