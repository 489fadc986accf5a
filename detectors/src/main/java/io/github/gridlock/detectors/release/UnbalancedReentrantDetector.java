package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.Method;

/**
 * GL_UNBALANCED_REENTRANT: on some path a reentrant lock is acquired more times than it is released, though released
 * at least once: the hold count stays above zero, the lock looks released to the author, and every other thread
 * blocks. Reported at the acquisition whose hold is left (the outermost: a release gives up the latest hold),
 * also when the extra acquisition is made by a helper or in a loop with a constant trip count. A lock taken once
 * and never released is GL_LOCK_NOT_RELEASED instead.
 */
public class UnbalancedReentrantDetector implements Detector {
    private final BugReporter bugReporter;

    public UnbalancedReentrantDetector(BugReporter bugReporter) {
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
                if (LockNotReleasedDetector.retakesCallersHold(classContext, method, states, site)) {
                    continue; // the caller's hold given back and restored, not an extra one
                }
                HeldAtExit held = HeldAtExit.of(states, site);
                AcquireStates.Exit exit = held.imbalance();
                if (exit == null) {
                    continue;
                }
                int priority = held.isImbalanceUncertain() ? Priorities.LOW_PRIORITY : Priorities.NORMAL_PRIORITY;
                bugReporter.reportBug(ReleaseSites.finding(this, BugTypes.UNBALANCED_REENTRANT, priority, classContext, method, site.pc())
                        .addString(site.lock().describeForUser())
                        .addString(HeldAtExit.describe(exit)));
            }
        }
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
