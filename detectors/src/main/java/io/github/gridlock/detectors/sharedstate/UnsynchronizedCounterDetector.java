package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Priorities;
import io.github.gridlock.detectors.report.BugTypes;

/**
 * GL_UNSYNCHRONIZED_COUNTER: {@code x++}, {@code x--}, {@code x += n} (one statement that reads and writes a
 * field) on a non-volatile field that another thread may update at the same time, with no lock common to both
 * held across the update, also in a helper called from a task, a lambda or an inner class. "Another thread" is
 * what the analysis shows ({@link io.github.gridlock.detectors.analysis.SharedFields}): two thread entries, an
 * entry that runs concurrently with itself, or an entry and the code that starts it, after {@code start()} and
 * before {@code join()}. A class with no thread and no lock in sight is taken to be confined to one thread. A
 * {@code volatile} field is {@link VolatileCounterDetector}'s.
 */
public class UnsynchronizedCounterDetector extends ReadModifyWriteDetector {

    public UnsynchronizedCounterDetector(BugReporter bugReporter) {
        super(bugReporter);
    }

    @Override
    boolean judges(ReadModifyWrites.Site site) {
        return site.shape == ReadModifyWrites.Shape.COUNTER && !site.field.isVolatile();
    }

    @Override
    BugInstance finding(Races.Race race) {
        if (!race.unlocked) {
            return null; // locked, but not with the other writer's lock: GL_INCONSISTENT_GUARD's business
        }
        String how = atomicFor(race.candidate.site.field) + " does it in one step"
                + (race.usualLock != null ? "; most other accesses of the field hold " + race.usualLock + "." : ".")
                + assumption(race);
        return at(BugTypes.UNSYNCHRONIZED_COUNTER, race.confident ? Priorities.NORMAL_PRIORITY : Priorities.LOW_PRIORITY, race.candidate)
                .addString(threads(race))
                .addString(how);
    }
}
