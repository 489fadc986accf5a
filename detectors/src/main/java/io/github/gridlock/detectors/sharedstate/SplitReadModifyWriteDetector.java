package io.github.gridlock.detectors.sharedstate;

import edu.umd.cs.findbugs.BugInstance;
import edu.umd.cs.findbugs.BugReporter;
import edu.umd.cs.findbugs.Priorities;
import io.github.gridlock.detectors.report.BugTypes;

/**
 * GL_SPLIT_READ_MODIFY_WRITE: a field read (directly or through a getter) and later written (directly or through a
 * setter) with a value computed from that read, or written only when a comparison of the read held
 * ({@code if (t > max) max = t}), with no lock held from the read to the write, while another thread may write the
 * field in between ({@link io.github.gridlock.detectors.analysis.SharedFields}). Locking the read and the write
 * separately does not count: the lock must span both. High priority when something that blocks (a sleep, a queue,
 * I/O) sits between the read and the write, widening the window, as in the seed.
 */
public class SplitReadModifyWriteDetector extends ReadModifyWriteDetector {

    public SplitReadModifyWriteDetector(BugReporter bugReporter) {
        super(bugReporter);
    }

    @Override
    boolean judges(ReadModifyWrites.Site site) {
        return site.shape == ReadModifyWrites.Shape.SPLIT || site.shape == ReadModifyWrites.Shape.CONDITIONAL;
    }

    @Override
    BugInstance finding(Races.Race race) {
        if (!race.unlocked) {
            return null; // one lock spans both, but another writer does not take it: GL_INCONSISTENT_GUARD's business
        }
        ReadModifyWrites.Site site = race.candidate.site;
        StringBuilder how = new StringBuilder("It reads the field");
        if (site.viaGetter) {
            how.append(" through a getter");
        }
        if (site.readLine > 0 && site.readLine != site.writeLine) {
            how.append(" at line ").append(site.readLine);
        }
        how.append(site.shape == ReadModifyWrites.Shape.CONDITIONAL ? ", compares it, and writes only when the comparison held"
                : ", computes the new value from it, and writes it back" + (site.viaSetter ? " through a setter" : ""));
        if (site.blockingBetween != null) {
            how.append("; in between it ").append(site.blockingBetween).append(", which widens the window");
        }
        how.append('.').append(assumption(race));
        int priority = !race.confident ? Priorities.LOW_PRIORITY
                : site.blockingBetween != null ? Priorities.HIGH_PRIORITY : Priorities.NORMAL_PRIORITY;
        return at(BugTypes.SPLIT_READ_MODIFY_WRITE, priority, race.candidate)
                .addString(threads(race))
                .addString(how.toString());
    }
}
