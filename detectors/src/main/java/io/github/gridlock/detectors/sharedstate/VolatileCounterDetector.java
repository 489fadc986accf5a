package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Priorities;
import io.github.gridlock.detectors.report.BugTypes;

/**
 * GL_VOLATILE_COUNTER: {@code x++}, {@code x--}, {@code x += n} on a {@code volatile} field outside a lock. The
 * {@code volatile} says the field is shared, so the callers' threads count as many threads at once; the update is
 * reported unless every update that may run at the same time holds a lock in common with it. The "cheap read-write
 * lock" (updates under a lock, lock-free reads) and a volatile updated by a single thread are not findings.
 */
public class VolatileCounterDetector extends ReadModifyWriteDetector {

    public VolatileCounterDetector(BugReporter bugReporter) {
        super(bugReporter);
    }

    @Override
    boolean judges(ReadModifyWrites.Site site) {
        return site.shape == ReadModifyWrites.Shape.COUNTER && site.field.isVolatile();
    }

    @Override
    BugInstance finding(Races.Race race) {
        if (!race.unlocked) {
            return null; // locked, but not with the other writer's lock: GL_INCONSISTENT_GUARD's business
        }
        String how = atomicFor(race.candidate.site.field) + " does it in one step"
                + (race.usualLock != null ? "; most other accesses of the field hold " + race.usualLock + "." : ".")
                + assumption(race);
        return at(BugTypes.VOLATILE_COUNTER, race.confident ? Priorities.NORMAL_PRIORITY : Priorities.LOW_PRIORITY, race.candidate)
                .addString(threads(race))
                .addString(how);
    }
}
