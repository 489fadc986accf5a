package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.Method;

/**
 * GL_UNLOCK_WITHOUT_LOCK: an {@code unlock()} / {@code release()} (also a helper that releases its caller's lock,
 * {@code end()}) reached on a path where this method did not acquire what it releases: the ignored or failed
 * {@code tryLock()} / {@code tryAcquire()}, an acquire on only some paths. A {@code Lock} then throws
 * {@code IllegalMonitorStateException} (often from a {@code finally}, hiding the real outcome); a {@code Semaphore}
 * silently gains a permit. One finding per release line; a release that fails only because the acquire sits inside
 * the {@code try} whose {@code finally} releases it is GL_LOCK_INSIDE_TRY instead.
 */
public class UnlockWithoutLockDetector implements Detector {
    private final BugReporter bugReporter;

    public UnlockWithoutLockDetector(BugReporter bugReporter) {
        this.bugReporter = bugReporter;
    }

    @Override
    public void visitClassContext(ClassContext classContext) {
        for (Method method : classContext.getJavaClass().getMethods()) {
            AcquireStates states = ReleaseSites.of(classContext, method);
            if (states == null || states.unmatchedReleases().isEmpty()) {
                continue;
            }
            MethodFacts facts = GridlockAnalysis.current().facts(classContext, method);
            UnmatchedReleases unmatched = UnmatchedReleases.of(states, method, facts.methodGen());
            for (AcquireStates.UnmatchedRelease r : unmatched.withoutLock.values()) {
                boolean known = r.lock().path().isKnown() && states.isPrecise();
                String what = r.lock().kind() == LockKind.SEMAPHORE ? "a permit of " + r.lock().describeForUser()
                        : r.lock().describeForUser();
                String effect = r.lock().kind() == LockKind.SEMAPHORE
                        ? "the semaphore silently gains a permit and its limit no longer holds"
                        : "unlock() then throws IllegalMonitorStateException and hides what happened before";
                bugReporter.reportBug(ReleaseSites.finding(this, BugTypes.UNLOCK_WITHOUT_LOCK,
                        known ? Priorities.NORMAL_PRIORITY : Priorities.LOW_PRIORITY, classContext, method, r.pc())
                        .addString(what).addString(effect));
            }
        }
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
