package io.github.gridlock.detectors.completion;

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
 * Which threads started by a method may still be running with no happens-before edge back to it at each point: a
 * thread is added at its {@code start()} and dropped at its {@code join()} (here or in a helper the method calls);
 * every thread is dropped at a point that orders the method after whatever another thread did before signalling it
 * (a latch or barrier await, a future's result, an executor's termination, a volatile or atomic read), since the
 * thread may signal through it.
 */
final class UnjoinedThreadsAnalysis extends PathSetAnalysis {
    private final Map<Integer, List<AccessPath>> starts = new HashMap<>();
    private final Map<Integer, List<AccessPath>> joins = new HashMap<>();
    private final Set<Integer> orderedAfterAll = new HashSet<>();

    UnjoinedThreadsAnalysis(MethodFacts facts) throws CFGBuilderException {
        super(facts);
    }

    void startsAt(int pc, AccessPath thread) {
        starts.computeIfAbsent(pc, k -> new ArrayList<>()).add(thread);
    }

    void joinsAt(int pc, AccessPath thread) {
        joins.computeIfAbsent(pc, k -> new ArrayList<>()).add(thread);
    }

    void orderedAfterAllAt(int pc) {
        orderedAfterAll.add(pc);
    }

    @Override
    protected void initial(PathSet entry) {
        // Threads started by callers are not this method's to join.
    }

    @Override
    protected void gen(Location location, AccessPathFrame frame, PathSet fact) {
        int pc = location.getHandle().getPosition();
        if (orderedAfterAll.contains(pc)) {
            killUnder(fact, new ArrayList<>(fact.paths()));
        }
        List<AccessPath> joined = joins.get(pc);
        if (joined != null) {
            killUnder(fact, joined);
        }
        for (AccessPath t : starts.getOrDefault(pc, List.of())) {
            fact.add(t);
        }
    }
}
