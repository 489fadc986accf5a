package io.github.gridlock.agent.runtime;

import java.util.Collections;
import java.util.Map;

/** What the agent saw in a run, for the exit summary and the reports. */
public final class Stats {
    /** Lock nodes ever created (each a lock instance seen nested with another). */
    public final int locks;
    /** Lock-order edges ever created. */
    public final int edges;
    /** Per filter option name, the distinct cycles it stopped that never became a LOCK_ORDER_CYCLE. */
    public final Map<String, Integer> filtered;

    Stats(int locks, int edges, Map<String, Integer> filtered) {
        this.locks = locks;
        this.edges = edges;
        this.filtered = Collections.unmodifiableMap(filtered);
    }
}
