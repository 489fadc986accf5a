package io.github.gridlock.cli.agentlink;

import io.github.gridlock.cli.engine.Finding;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Static lock-order findings and the agent's run-time cycles side by side: which static cycle the run confirmed
 * (a run-time cycle went through the places of all its edges), which it did not, and which run-time cycles the
 * static analysis did not find. Static and run-time locks are not compared by name (the static side names a lock by
 * the field it is reached through, the agent by the field it was stored in or its class): only by place.
 */
public final class Linkage {
    private final Map<Finding, RuntimeCycle> seen = new LinkedHashMap<>();
    private final List<Finding> notSeen = new ArrayList<>();
    private final List<RuntimeCycle> runtimeOnly = new ArrayList<>();

    /** Matches every lock-order finding to the first run-time cycle through its places (concurrent ones first). */
    public static Linkage of(List<Finding> findings, AgentReport report) {
        Linkage l = new Linkage();
        List<RuntimeCycle> byStrength = new ArrayList<>(report.cycles());
        byStrength.sort((a, b) -> Boolean.compare(a.kind().startsWith("SEQUENTIAL"), b.kind().startsWith("SEQUENTIAL")));
        Map<RuntimeCycle, Boolean> matched = new IdentityHashMap<>();
        for (Finding f : findings) {
            StaticCycle s = StaticCycle.of(f);
            if (s == null) {
                continue;
            }
            RuntimeCycle hit = null;
            for (RuntimeCycle c : byStrength) {
                if (s.matches(c)) {
                    hit = c;
                    break;
                }
            }
            if (hit == null) {
                l.notSeen.add(f);
            } else {
                l.seen.put(f, hit);
                matched.put(hit, Boolean.TRUE);
            }
        }
        for (RuntimeCycle c : report.cycles()) {
            boolean alsoStatic = matched.containsKey(c);
            for (Finding f : findings) { // a cycle through a static finding's places counts even if another matched first
                StaticCycle s = StaticCycle.of(f);
                alsoStatic |= s != null && s.matches(c);
            }
            if (!alsoStatic) {
                l.runtimeOnly.add(c);
            }
        }
        return l;
    }

    /** Static lock-order findings confirmed at run time, with the agent's cycle. */
    public Map<Finding, RuntimeCycle> seenAtRunTime() {
        return Collections.unmodifiableMap(seen);
    }

    /** Static lock-order findings no run-time cycle went through. */
    public List<Finding> notSeenAtRunTime() {
        return Collections.unmodifiableList(notSeen);
    }

    /** Run-time cycles through the places of no static finding. */
    public List<RuntimeCycle> runtimeOnly() {
        return Collections.unmodifiableList(runtimeOnly);
    }

    public RuntimeCycle runtimeCycleOf(Finding f) {
        return seen.get(f);
    }

    public boolean isLockOrder(Finding f) {
        return StaticCycle.CODES.contains(f.code());
    }
}
