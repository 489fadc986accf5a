package io.github.gridlock.detectors.lifecycle;

import edu.umd.cs.findbugs.ba.CFGBuilderException;
import edu.umd.cs.findbugs.ba.Location;
import io.github.gridlock.detectors.analysis.AccessPath;
import io.github.gridlock.detectors.analysis.AccessPathFrame;
import io.github.gridlock.detectors.analysis.MethodFacts;
import io.github.gridlock.detectors.analysis.PathSetAnalysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which started work may still be running, not waited for, at each point of a method: work is added where it starts
 * and dropped where the method waits for it (a {@code join()} of its thread, the termination of its executor) or waits
 * for something that its end is likely signalled through (a latch or barrier await, a future's result).
 */
final class PendingWorkAnalysis extends PathSetAnalysis {
    private final Map<Integer, List<AccessPath>> starts = new HashMap<>();
    private final Map<Integer, List<AccessPath>> waitsFor = new HashMap<>();
    private final Set<Integer> waitsForAll = new HashSet<>();

    PendingWorkAnalysis(MethodFacts facts) throws CFGBuilderException {
        super(facts);
    }

    void startsAt(int pc, AccessPath work) {
        starts.computeIfAbsent(pc, k -> new ArrayList<>()).add(work);
    }

    void waitsAt(int pc, AccessPath work) {
        waitsFor.computeIfAbsent(pc, k -> new ArrayList<>()).add(work);
    }

    void waitsForAllAt(int pc) {
        waitsForAll.add(pc);
    }

    @Override
    protected void initial(PathSet entry) {
        // Nothing is running on entry: work started by callers is theirs to wait for.
    }

    @Override
    protected void gen(Location location, AccessPathFrame frame, PathSet fact) {
        int pc = location.getHandle().getPosition();
        if (waitsForAll.contains(pc)) {
            killUnder(fact, new ArrayList<>(fact.paths()));
        }
        List<AccessPath> waited = waitsFor.get(pc);
        if (waited != null) {
            killUnder(fact, waited);
        }
        for (AccessPath work : starts.getOrDefault(pc, List.of())) {
            fact.add(work);
        }
    }
}
