package io.github.gridlock.detectors.release;

import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Detector;
import edu.umd.cs.findbugs.Priorities;
import edu.umd.cs.findbugs.ba.ClassContext;
import io.github.gridlock.detectors.analysis.AcquireStates;
import io.github.gridlock.detectors.analysis.LockKind;
import io.github.gridlock.detectors.analysis.GridlockAnalysis;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.report.BugTypes;
import org.apache.bcel.classfile.Method;

import java.util.Map;

/**
 * GL_LOCK_INSIDE_TRY: {@code lock()} / {@code lockInterruptibly()} / {@code acquire()} inside the {@code try} whose
 * {@code finally} releases it, so that a path where the acquire did not happen (it threw, or something before it in
 * the {@code try} threw) reaches the release with nothing held: {@code IllegalMonitorStateException} replaces the
 * original exception, or a semaphore gains a permit. Reported at the acquisition, and not also as
 * GL_UNLOCK_WITHOUT_LOCK at the release. A {@code finally} that releases only when a flag set right after the acquire
 * says so is exact on every path and not reported.
 *
 * <p>Priority: the JDK's uninterruptible {@code lock()} of a {@code ReentrantLock}, a {@code ReentrantReadWriteLock}
 * half or a {@code StampedLock} ({@link JdkLocks}) fails only with an {@link Error}, so the form is literally wrong
 * but harmless when it is the first call in the {@code try}: low. Normal when a call before it in the {@code try}
 * may throw into the {@code finally}. An acquire that really throws
 * ({@code lockInterruptibly()}, {@code Semaphore.acquire()}, {@code tryLock(timeout)}) or a {@code Lock} of unknown
 * implementation: normal.
 */
public class LockInsideTryDetector implements Detector {
    private final BugReporter bugReporter;

    public LockInsideTryDetector(BugReporter bugReporter) {
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
            for (Map.Entry<AcquireStates.Site, AcquireStates.UnmatchedRelease> e : unmatched.insideTry.entrySet()) {
                AcquireStates.Site site = e.getKey();
                boolean onlyTheAcquireFails = !unmatched.afterOtherCalls.contains(site);
                int priority = onlyTheAcquireFails && JdkLocks.isPlainJdkLock(classContext, facts.methodGen(), site)
                        ? Priorities.LOW_PRIORITY
                        : Priorities.NORMAL_PRIORITY;
                bugReporter.reportBug(ReleaseSites.finding(this, BugTypes.LOCK_INSIDE_TRY, priority,
                        classContext, method, site.pc())
                        .addString(site.lock().describeForUser())
                        .addString("line " + e.getValue().line())
                        .addString(whatTheFinallyDoes(site)));
            }
        }
    }

    /** A semaphore's release never throws but hands out a permit; a lock's unlock throws over the real exception. */
    private static String whatTheFinallyDoes(AcquireStates.Site site) {
        return site.lock().kind() == LockKind.SEMAPHORE
                ? "the finally gives back a permit that was never taken, and from then on the semaphore admits one"
                        + " thread more than its limit"
                : "the finally releases what was never held, and the IllegalMonitorStateException this throws"
                        + " replaces the real exception";
    }

    @Override
    public void report() {
        // Findings are reported per class.
    }
}
